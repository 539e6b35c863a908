/** The `$default` stage API Gateway makes for an HTTP API created with a target (quick create), in Terraform and Pulumi. */
import { Resource } from '../graph/ResourceGraph';
import { referencedIds } from '../graph/values';

/** How the stage is said to be made: by the API's `target` argument (Terraform and Pulumi name it alike). */
export const QUICK_CREATE = 'target (quick create)';

/**
 * Whether the stack declares a stage `$default` (or of a name not known
 * statically) of each API: that stage is the stack's own, and API Gateway
 * makes none. A stage of an API not known statically may be any API's.
 */
export function declaresDefaultStage(
  resources: readonly Resource[],
): (apiId: string) => boolean {
  const declared = resources.filter(
    resource =>
      resource.type === 'AWS::ApiGatewayV2::Stage' &&
      !resource.generatedBy &&
      !(
        typeof resource.properties.StageName === 'string' &&
        resource.properties.StageName !== '$default'
      ),
  );
  if (declared.length === 0) return () => false;
  const apis = new Set(
    declared.flatMap(stage => referencedIds(stage.properties.ApiId)),
  );
  const anyApi = declared.some(
    stage =>
      typeof stage.properties.ApiId !== 'string' &&
      referencedIds(stage.properties.ApiId).length === 0,
  );
  return apiId => anyApi || apis.has(apiId);
}
