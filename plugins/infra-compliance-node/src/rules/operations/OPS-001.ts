import { Resource, ResourceGraph } from '../../graph/ResourceGraph';
import {
  Ref,
  Value,
  asList,
  asString,
  isMap,
  isRef,
  isUnknown,
  refersTo,
} from '../../graph/values';
import { defineRule } from '../types';
import { samExtraStage } from '../../analysis/samExtraStage';

const REST_STAGE = 'AWS::ApiGateway::Stage';
const REST_DEPLOYMENT = 'AWS::ApiGateway::Deployment';
/** Not a CloudFormation type: the canonical type adapters give Terraform's aws_api_gateway_method_settings. */
const REST_METHOD_SETTINGS = 'AWS::ApiGateway::MethodSettings';
const HTTP_STAGE = 'AWS::ApiGatewayV2::Stage';

type Answer = 'yes' | 'no' | 'unknown';

/** Whether a settings map sets both throttling limits. */
function throttles(settings: Value | undefined): Answer {
  if (settings === undefined || settings === null) return 'no';
  if (!isMap(settings))
    return isUnknown(settings) || isRef(settings) ? 'unknown' : 'no';
  return settings.ThrottlingRateLimit !== undefined &&
    settings.ThrottlingBurstLimit !== undefined
    ? 'yes'
    : 'no';
}

/** Whether any entry of a MethodSettings list sets both limits. */
function anyEntryThrottles(methodSettings: Value | undefined): Answer {
  if (methodSettings === undefined || methodSettings === null) return 'no';
  if (isUnknown(methodSettings)) return 'unknown';
  let answer: Answer = 'no';
  for (const entry of asList(methodSettings)) {
    const entryAnswer = throttles(entry);
    if (entryAnswer === 'yes') return 'yes';
    if (entryAnswer === 'unknown') answer = 'unknown';
  }
  return answer;
}

function either(a: Answer, b: () => Answer): Answer {
  if (a === 'yes') return 'yes';
  const second = b();
  if (second === 'yes') return 'yes';
  return a === 'unknown' || second === 'unknown' ? 'unknown' : 'no';
}

function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a instanceof Ref && b instanceof Ref) return a.target === b.target;
  return typeof a === 'string' && a === b;
}

/**
 * Method settings declared as resources of their own (Terraform's
 * aws_api_gateway_method_settings, Pulumi's MethodSettings) that apply to
 * this stage, or to the stage a deployment creates: by reference to it, or
 * by its name on the same API. A reference to another stage is that one's.
 */
function separateMethodSettings(graph: ResourceGraph, stage: Resource): Answer {
  let answer: Answer = 'no';
  for (const settings of graph.ofType(REST_METHOD_SETTINGS)) {
    const p = settings.properties;
    const stageName = p.StageName;
    let applies: Answer = 'unknown';
    const named = graph.resolve(stageName);
    if (refersTo(stageName, stage.id)) applies = 'yes';
    else if (
      named &&
      (named.type === REST_STAGE || named.type === REST_DEPLOYMENT)
    )
      applies = 'no';
    else if (named)
      applies =
        sameValue(stageName, stage.properties.StageName) &&
        sameValue(p.RestApiId, stage.properties.RestApiId)
          ? 'yes'
          : 'unknown';
    else if (typeof stageName === 'string') {
      const same =
        stageName === stage.properties.StageName &&
        sameValue(p.RestApiId, stage.properties.RestApiId);
      applies = same ? 'yes' : 'no';
    }
    if (applies === 'no') continue;
    const sets = either(throttles(p.Settings), () => throttles(p));
    if (applies === 'yes' && sets === 'yes') return 'yes';
    if (sets !== 'no') answer = 'unknown';
  }
  return answer;
}

function describeRestStage(
  graph: ResourceGraph,
  stage: Resource,
  apiProperty: string,
): string {
  const api = graph.resolve(stage.properties[apiProperty]);
  const name = asString(stage.properties.StageName);
  if (stage.generatedBy && api)
    return `The ${name ?? ''} stage of API ${api.id}`.replace('  ', ' ');
  return `API Gateway stage ${stage.id}`;
}

/**
 * The names of the settings that hold the limits and of the two limits, as
 * the stack's format writes them. Where the format writes the limits inside
 * the settings (`nested`, as CloudFormation does), their names are relative to them.
 */
function limitNames(
  graph: ResourceGraph,
  resource: Resource,
  settingsPath: string,
) {
  const settings = graph.nameOf(resource, settingsPath);
  const [rate, burst] = ['ThrottlingRateLimit', 'ThrottlingBurstLimit'].map(
    limit => graph.nameOf(resource, `${settingsPath}.${limit}`),
  );
  const nested = rate.startsWith(`${settings}.`);
  const within = (name: string) =>
    nested ? name.slice(settings.length + 1) : name;
  return { settings, rate: within(rate), burst: within(burst), nested };
}

/**
 * OPS-001: an API Gateway stage has no throttling limits: a REST API stage
 * with no MethodSettings entry (on the stage, in a deployment's
 * StageDescription, or in a separate method-settings resource) that sets
 * both ThrottlingRateLimit and ThrottlingBurstLimit; an HTTP/WebSocket API
 * stage whose DefaultRouteSettings does not set both.
 */
export default defineRule('OPS-001', ({ graph, check, report, doubt }) => {
  for (const stage of graph.ofType(REST_STAGE)) {
    check(stage);
    const answer = either(
      anyEntryThrottles(stage.properties.MethodSettings),
      () => separateMethodSettings(graph, stage),
    );
    if (answer === 'unknown') doubt(stage);
    if (answer !== 'no') continue;
    const hasSettings = stage.properties.MethodSettings !== undefined;
    const { settings, rate, burst } = limitNames(
      graph,
      stage,
      'MethodSettings',
    );
    report(stage, {
      message: `${describeRestStage(
        graph,
        stage,
        'RestApiId',
      )} has no throttling limits: ${
        hasSettings
          ? `nothing in its ${settings} sets both`
          : `it has no ${settings} with`
      } ${rate} and ${burst}, so it takes traffic up to the account-wide limit.`,
      ...(hasSettings ? { path: ['MethodSettings'] } : {}),
    });
  }

  // A deployment with a StageName creates that stage, configured by its StageDescription.
  for (const deployment of graph.ofType(REST_DEPLOYMENT)) {
    const stageName = deployment.properties.StageName;
    if (stageName === undefined || stageName === null || stageName === '')
      continue;
    check(deployment);
    const description = deployment.properties.StageDescription;
    let answer: Answer = 'no';
    if (description !== undefined) {
      answer = isMap(description)
        ? either(throttles(description), () =>
            anyEntryThrottles(description.MethodSettings),
          )
        : 'unknown';
    }
    // Method settings of their own may name the stage the deployment creates.
    answer = either(answer, () => separateMethodSettings(graph, deployment));
    if (answer === 'unknown') doubt(deployment);
    if (answer !== 'no') continue;
    const samStage = samExtraStage(graph, deployment);
    if (samStage) {
      report(deployment, {
        message: `${samStage.label} has no throttling limits, so it takes traffic up to the account-wide limit: ${samStage.remedy}.`,
      });
      continue;
    }
    const name = typeof stageName === 'string' ? ` ${stageName}` : '';
    const { settings, rate, burst, nested } = limitNames(
      graph,
      deployment,
      'StageDescription',
    );
    report(deployment, {
      message: `API Gateway deployment ${
        deployment.id
      } creates the stage${name} without throttling limits: ${
        nested ? `its ${settings} sets no` : `no ${settings} sets`
      } ${rate} and ${burst}, so the stage takes traffic up to the account-wide limit.`,
      ...(description === undefined ? {} : { path: ['StageDescription'] }),
    });
  }

  for (const stage of graph.ofType(HTTP_STAGE)) {
    check(stage);
    const settings = stage.properties.DefaultRouteSettings;
    const throttled = throttles(settings);
    if (throttled === 'unknown') doubt(stage);
    if (throttled !== 'no') continue;
    const names = limitNames(graph, stage, 'DefaultRouteSettings');
    const who = stage.generatedBy
      ? describeRestStage(graph, stage, 'ApiId')
      : `API Gateway stage ${stage.id}`;
    // Settings that set one limit lack the other.
    const limits = [
      { limit: 'ThrottlingRateLimit', name: names.rate },
      { limit: 'ThrottlingBurstLimit', name: names.burst },
    ];
    const missing = limits
      .filter(({ limit }) => !isMap(settings) || settings[limit] === undefined)
      .map(({ name }) => name);
    report(stage, {
      message: `${who} has no throttling limits: ${
        settings === undefined
          ? `it has no ${names.settings} with`
          : `its ${names.settings} does not set`
      } ${missing.join(
        ' and ',
      )}, so it takes traffic up to the account-wide limit.`,
      ...(settings === undefined ? {} : { path: ['DefaultRouteSettings'] }),
    });
  }
});
