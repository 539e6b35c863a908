import { Resource } from '../../graph/ResourceGraph';
import { asString, getPath, referencedIds, refersTo } from '../../graph/values';
import { defineRule, RuleContext } from '../types';
import { addToList } from '../../support/multiMap';
import { samExtraStage } from '../../analysis/samExtraStage';

const REST_STAGE = 'AWS::ApiGateway::Stage';
const HTTP_STAGE = 'AWS::ApiGatewayV2::Stage';

/** Reports a stage (or a deployment that creates one) whose access log settings have no destination. */
function checkStage(
  { graph, check, report }: RuleContext,
  resource: Resource,
  settingsPath: string[],
  describe: string,
): void {
  check(resource);
  const settings = getPath(resource.properties, settingsPath);
  if (getPath(settings, ['DestinationArn']) !== undefined) return;
  // Point at the deepest part of the settings path that is written.
  let path = settingsPath;
  while (path.length > 0 && getPath(resource.properties, path) === undefined)
    path = path.slice(0, -1);
  report(resource, {
    message: `${describe} has no access log settings (${graph.nameOf(
      resource,
      [...settingsPath, 'DestinationArn'].join('.'),
    )}), so failed and throttled requests cannot be investigated.`,
    ...(path.length > 0 ? { path } : {}),
  });
}

function stageLabel(stage: Resource, kind: 'REST' | 'HTTP'): string {
  if (!stage.generatedBy)
    return `${kind === 'REST' ? 'API Gateway' : 'API Gateway v2'} stage ${
      stage.id
    }`;
  // What the author wrote that made it: a Terraform API's target (quick create).
  if (stage.origin)
    return `The ${asString(stage.properties.StageName) ?? ''} stage that the ${
      stage.origin
    } of ${stage.generatedBy} creates`.replace('  ', ' ');
  const implicitApi =
    kind === 'REST' ? 'ServerlessRestApi' : 'ServerlessHttpApi';
  const api =
    kind === 'REST' ? stage.properties.RestApiId : stage.properties.ApiId;
  if (!refersTo(api, implicitApi))
    return `The stage ${stage.id} of ${stage.generatedBy}`;
  const events = kind === 'REST' ? 'Api' : 'HttpApi';
  return `The implicit ${kind} API stage ${stage.id} that SAM creates for the ${events} events of ${stage.generatedBy} (whose settings go in Globals.${events})`;
}

/**
 * LOG-004: an API Gateway stage (REST or HTTP/WebSocket, including SAM's)
 * has no access log settings. A REST API with no Stage resource gets its
 * stage from a Deployment with StageName: the deployment is checked; so is
 * the deployment of SAM's stage Stage, which a SAM API without OpenApiVersion
 * has beside its own.
 */
export default defineRule('LOG-004', context => {
  const { graph } = context;
  for (const stage of graph.ofType(REST_STAGE)) {
    checkStage(context, stage, ['AccessLogSetting'], stageLabel(stage, 'REST'));
  }
  for (const stage of graph.ofType(HTTP_STAGE)) {
    checkStage(
      context,
      stage,
      ['AccessLogSettings'],
      stageLabel(stage, 'HTTP'),
    );
  }
  const restApis = graph.ofType('AWS::ApiGateway::RestApi');
  if (restApis.length === 0) return; // most stacks: no deployment stage to look for
  // By the APIs they refer to: one pass over each, not one per API.
  const apisWithStage = new Set(
    graph
      .ofType(REST_STAGE)
      .flatMap(stage => referencedIds(stage.properties.RestApiId)),
  );
  const deploymentsOf = new Map<string, Resource[]>();
  for (const deployment of graph.ofType('AWS::ApiGateway::Deployment')) {
    if (deployment.properties.StageName === undefined) continue;
    for (const apiId of new Set(
      referencedIds(deployment.properties.RestApiId),
    )) {
      addToList(deploymentsOf, apiId, deployment);
    }
  }
  for (const api of restApis) {
    for (const deployment of deploymentsOf.get(api.id) ?? []) {
      // SAM's stage Stage is there beside the API's own, and never has the API's access log settings.
      const samStage = samExtraStage(graph, deployment);
      if (samStage) {
        context.check(deployment);
        context.report(deployment, {
          message: `${samStage.label} has no access log settings, so failed and throttled requests to it cannot be investigated: ${samStage.remedy}.`,
        });
        continue;
      }
      if (apisWithStage.has(api.id)) continue;
      checkStage(
        context,
        deployment,
        ['StageDescription', 'AccessLogSetting'],
        `Deployment ${deployment.id}, which creates the stage of REST API ${api.id},`,
      );
    }
  }
});
