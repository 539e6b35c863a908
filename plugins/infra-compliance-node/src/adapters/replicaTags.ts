/** Tags that a stack's DynamoDB tag resources may put on a global table's replicas, in Terraform and Pulumi. */
import { Resource } from '../graph/ResourceGraph';
import { Unknown, Value, isMap, resourcesReferredTo } from '../graph/values';
import {
  GLOBAL_TABLE_TYPE,
  REPLICATED_TABLE_TYPES,
  tableOfArn,
} from './globalTables';

/**
 * Gives the replicas (those in other regions) without tags of each global
 * table that a DynamoDB tag resource of the stack (`aws_dynamodb_tag`,
 * Pulumi's `dynamodb.Tag`: the provider's way to tag a replica) may tag
 * tags not known statically. Its `resource_arn` names a table as
 * {@link tableOfArn} reads it (its ARN, or one written as text around its
 * name), or is the table's ARN made into the replica's (`replace(...)`):
 * it may name the tables it is computed from, and any where it refers to
 * none. Or it is the ARN of a replica declared apart
 * (`aws_dynamodb_table_replica.west.arn`), which is no resource of the
 * graph: it names the tables that replica's `global_table_arn` names
 * (`tableArnsOfReplicas`, by the replica's id), none of the stack's where
 * that names none.
 */
export function tagReplicasTaggedApart(
  resources: readonly Resource[],
  resourceArns: readonly Value[],
  tableArnsOfReplicas: ReadonlyMap<string, Value>,
): void {
  if (resourceArns.length === 0) return;
  const tables = resources.filter(resource =>
    REPLICATED_TABLE_TYPES.has(resource.type),
  );
  const tablesNamed = (arn: Value) => {
    const table = tableOfArn(arn, tables);
    return table ? [table.id] : resourcesReferredTo([arn]);
  };
  const named = resourceArns.map(arn =>
    tablesNamed(arn).flatMap(id => {
      const tableArn = tableArnsOfReplicas.get(id);
      const replicated = tableArn === undefined ? [] : tablesNamed(tableArn);
      return replicated.length > 0 ? replicated : [id];
    }),
  );
  const tagged = new Set(named.flat());
  const anyTable = named.some(ids => ids.length === 0);
  for (const table of resources) {
    const replicas = table.properties.Replicas;
    if (
      table.type !== GLOBAL_TABLE_TYPE ||
      !Array.isArray(replicas) ||
      !(anyTable || tagged.has(table.id))
    )
      continue;
    // The first is the table itself, in the stack's region: its own tags.
    for (const replica of replicas.slice(1))
      if (isMap(replica) && replica.Tags === undefined)
        replica.Tags = new Unknown('tags a DynamoDB tag resource may set');
  }
}
