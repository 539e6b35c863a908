/** Tags that a stack's DynamoDB tag resources may put on a global table's replicas, in Terraform and Pulumi. */
import { Resource } from '../graph/ResourceGraph';
import { Unknown, Value, isMap, resourcesReferredTo } from '../graph/values';

/**
 * Gives the replicas (those in other regions) without tags of each global
 * table that a DynamoDB tag resource of the stack (`aws_dynamodb_tag`,
 * Pulumi's `dynamodb.Tag`: the provider's way to tag a replica) may tag
 * tags not known statically. Its `resource_arn` is the table's ARN made
 * into the replica's (`replace(...)`): it may name the tables it is
 * computed from, and any where it refers to none. Or it is the ARN of a
 * replica declared apart (`aws_dynamodb_table_replica.west.arn`), which
 * is no resource of the graph: it names the tables that replica's
 * `global_table_arn` names (`tableArnsOfReplicas`, by the replica's id),
 * none of the stack's where that names none.
 */
export function tagReplicasTaggedApart(
  resources: readonly Resource[],
  resourceArns: readonly Value[],
  tableArnsOfReplicas: ReadonlyMap<string, Value>,
): void {
  if (resourceArns.length === 0) return;
  const named = resourceArns.map(arn =>
    resourcesReferredTo([arn]).flatMap(id => {
      const tableArn = tableArnsOfReplicas.get(id);
      const replicated =
        tableArn === undefined ? [] : resourcesReferredTo([tableArn]);
      return replicated.length > 0 ? replicated : [id];
    }),
  );
  const tables = new Set(named.flat());
  const anyTable = named.some(ids => ids.length === 0);
  for (const table of resources) {
    const replicas = table.properties.Replicas;
    if (
      table.type !== 'AWS::DynamoDB::GlobalTable' ||
      !Array.isArray(replicas) ||
      !(anyTable || tables.has(table.id))
    )
      continue;
    // The first is the table itself, in the stack's region: its own tags.
    for (const replica of replicas.slice(1))
      if (isMap(replica) && replica.Tags === undefined)
        replica.Tags = new Unknown('tags a DynamoDB tag resource may set');
  }
}
