/**
 * SAM's extra stage: SAM's deployment of a REST API without OpenApiVersion
 * creates, beside the API's own stage, a stage named Stage that none of the
 * API's stage settings reach (adapters/cloudformation/sam/expand.ts adds
 * that deployment). OPS-001 names it for the author, who wrote no deployment.
 */
import { Resource, ResourceGraph } from '../graph/ResourceGraph';

/** The stage SAM's deployment of a REST API creates when OpenApiVersion is not set. */
export const SAM_EXTRA_STAGE_NAME = 'Stage';

/** How to name the stage and to be rid of it, when `deployment` is SAM's; otherwise undefined. */
export function samExtraStage(
  graph: ResourceGraph,
  deployment: Resource,
): { label: string; remedy: string } | undefined {
  if (
    deployment.generatedBy === undefined ||
    !deployment.sourceType?.startsWith('AWS::Serverless::') ||
    deployment.properties.StageName !== SAM_EXTRA_STAGE_NAME
  )
    return undefined;
  const api = graph.resolve(deployment.properties.RestApiId);
  if (!api) return undefined;
  // The implicit API takes its settings from Globals.Api only.
  const where =
    api.generatedBy === undefined
      ? `on API ${api.id} (or in Globals.Api)`
      : 'in Globals.Api';
  return {
    label: `The stage ${SAM_EXTRA_STAGE_NAME} that SAM creates for REST API ${api.id} beside its own (OpenApiVersion is not set)`,
    remedy: `set OpenApiVersion ${where} so that SAM does not create it`,
  };
}
