/**
 * DynamoDB global tables (version 2019.11.21) as Terraform and Pulumi
 * declare them, read as CloudFormation's AWS::DynamoDB::GlobalTable lists
 * them: a replica in each region, the table's own first.
 */
import { ANY_TEXT, Resource } from '../graph/ResourceGraph';
import {
  lineOfPath,
  recordAssignedKeyLines,
  recordLines,
} from '../graph/locations';
import { Ref, Template, Value, ValueMap, isMap } from '../graph/values';

export const GLOBAL_TABLE_TYPE = 'AWS::DynamoDB::GlobalTable';

/** What a replica declared apart from its table may be a replica of. */
export const REPLICATED_TABLE_TYPES: ReadonlySet<string> = new Set([
  'AWS::DynamoDB::Table',
  GLOBAL_TABLE_TYPE,
]);

/**
 * The replica in the table's own region: the table's region (where its
 * arguments or its provider say, see {@link placeTable}), point-in-time
 * recovery and tags, each at the line `lineOf` gives the table's property.
 */
export function ownReplica(
  properties: ValueMap,
  line: number,
  lineOf: (property: string) => number,
): ValueMap {
  const own: ValueMap = {};
  const keys: Record<string, number> = {};
  for (const property of [
    'Region',
    'PointInTimeRecoverySpecification',
    'Tags',
  ]) {
    if (properties[property] === undefined) continue;
    own[property] = properties[property];
    keys[property] = lineOf(property);
  }
  recordLines(own, line, { keys });
  return own;
}

/** Each global table's replicas declared apart from it, by their index in its Replicas: what declared them, as written. */
const declaredApart = new WeakMap<Resource, Map<number, string>>();

/**
 * Adds a replica declared apart from its table (`aws_dynamodb_table_replica`,
 * Pulumi's `dynamodb.TableReplica`) after the table's others, at `line`
 * (without a region not known statically, see
 * {@link withoutRegionNotKnown}); a table without replicas becomes a
 * global table of its own region's replica (see {@link ownReplica}) and
 * this one. Where the table's replicas
 * are not known statically, they stay not known. `declaredBy` names the
 * resource that declares it as its author writes it
 * (`aws_dynamodb_table_replica.west`), for messages (see
 * {@link replicaPathWritten}).
 */
export function addReplica(
  table: Resource,
  replica: ValueMap,
  line: number,
  declaredBy: string,
): void {
  const { properties } = table;
  const replicas = properties.Replicas;
  const global = table.type === GLOBAL_TABLE_TYPE;
  if (global && !Array.isArray(replicas)) return;
  const listed = Array.isArray(replicas)
    ? replicas
    : [
        ownReplica(properties, table.line, property =>
          lineOfPath(properties, [property], table.line),
        ),
      ];
  const listLine = global
    ? lineOfPath(properties, ['Replicas'], table.line)
    : table.line;
  const all = [...listed, withoutRegionNotKnown(replica)];
  recordLines(all, listLine, {
    items: [
      ...listed.map((_, index) => lineOfPath(listed, [index], table.line)),
      line,
    ],
  });
  properties.Replicas = all;
  recordAssignedKeyLines(properties, { Replicas: listLine });
  table.type = GLOBAL_TABLE_TYPE;
  const apart = declaredApart.get(table) ?? new Map<number, string>();
  apart.set(listed.length, declaredBy);
  declaredApart.set(table, apart);
}

/** How the author of a Terraform or Pulumi global table writes what sets its replicas (see {@link replicaPathWritten}). */
export interface ReplicaSpelling {
  /** A property path of the table itself (`Tags` → `tags`). */
  table(path: string): string;
  /** The item of the table's replica list at `index` (`replica[0]`). */
  item(index: number): string;
  /** The argument of an item that sets each property of its replica, and what that holds (`Region` → `region_name`). */
  itemArguments: Readonly<Record<string, string>>;
  /** The same for a replica declared apart (`Region` → `region`). */
  apartArguments: Readonly<Record<string, string>>;
}

/**
 * A path into a Terraform or Pulumi global table's replicas
 * (`Replicas[2].Tags`) named as its author writes what sets it, for
 * messages: the table's own argument for its own region's replica (the
 * first) and for the tags an item of its replica list propagates
 * (`tags`), the item's argument for one of that list
 * (`replica[0].point_in_time_recovery`), the argument of the resource that
 * declares one apart (`tags of aws_dynamodb_table_replica.west`).
 * Undefined for any other path, and for the first replica as a whole.
 */
export function replicaPathWritten(
  table: Resource,
  path: string,
  spelling: ReplicaSpelling,
): string | undefined {
  const match = /^Replicas\[(\d+)\](?:\.(([^.]+).*))?$/.exec(path);
  if (!match || table.type !== GLOBAL_TABLE_TYPE) return undefined;
  const [, at, rest, property] = match;
  const index = Number(at);
  const apart = declaredApart.get(table)?.get(index);
  if (apart !== undefined)
    return property === undefined
      ? apart
      : `${spelling.apartArguments[property] ?? property} of ${apart}`;
  if (index === 0 || property === 'Tags')
    return rest === undefined ? undefined : spelling.table(rest);
  const item = spelling.item(index - 1);
  return property === undefined
    ? item
    : `${item}.${spelling.itemArguments[property] ?? property}`;
}

/** A DynamoDB table's ARN, the table's name last: `arn:<partition>:dynamodb:<region>:<account>:table/<name>`. */
const TABLE_ARN = /^arn:[^:]*:dynamodb:[^:]*:[^:]*:table\/([^/]+)$/;

/**
 * The name a DynamoDB table's ARN written as text gives (its region and
 * account any): a reference (`${aws_dynamodb_table.orders.name}`,
 * `pulumi.interpolate`'s `${orders.name}`) or a name written out. Undefined
 * for a value that is no such text, or whose name is made of several parts.
 */
function tableNameInArn(arn: Value): Ref | string | undefined {
  let parts: readonly Value[] | undefined;
  if (arn instanceof Template) parts = arn.parts;
  else if (typeof arn === 'string') parts = [arn];
  if (!parts) return undefined;
  const text = parts
    .map(part => (typeof part === 'string' ? part : ANY_TEXT))
    .join('');
  const name = TABLE_ARN.exec(text)?.[1];
  if (name === ANY_TEXT) {
    const last = parts[parts.length - 1];
    return last instanceof Ref ? last : undefined;
  }
  return name?.includes(ANY_TEXT) ? undefined : name;
}

/**
 * The table of `tables` an ARN names: a reference to one (its `arn`), or a
 * table's ARN written as text (see {@link tableNameInArn}) whose name is a
 * reference to one's name, or is one's name written out where every one's
 * is (one whose name is not known statically, or Pulumi's generated one,
 * may have it). Undefined for any other value.
 */
export function tableOfArn(
  arn: Value | undefined,
  tables: readonly Resource[],
): Resource | undefined {
  if (arn instanceof Ref) return tables.find(table => table.id === arn.target);
  const name = arn === undefined ? undefined : tableNameInArn(arn);
  if (name instanceof Ref)
    return name.attribute === undefined
      ? tables.find(table => table.id === name.target)
      : undefined;
  if (
    name === undefined ||
    tables.some(table => typeof table.properties.TableName !== 'string')
  )
    return undefined;
  const named = tables.filter(table => table.properties.TableName === name);
  return named.length === 1 ? named[0] : undefined;
}

/** A property that says nothing: not given, or given null. */
const unset = (value: Value | undefined) =>
  value === undefined || value === null;

/**
 * A replica without its region where that is not known statically
 * (`region_name = var.region`), as its table without its own (see
 * {@link placeTable}): it names none. Nor would it decide a rule's verdict
 * (see holdsValueNotKnownRead in evaluateGraph.ts, which reads a
 * CloudFormation replica's as written).
 */
function withoutRegionNotKnown(replica: Value): Value {
  if (
    isMap(replica) &&
    !unset(replica.Region) &&
    typeof replica.Region !== 'string'
  )
    delete replica.Region;
  return replica;
}

/**
 * Places a table whose arguments do not say where (`region`, provider 6.x
 * and @pulumi/aws 7.x) in `region`, its provider configuration's where
 * known; its own region's replica too, of a global table. A region they
 * say that is not known statically (`region = var.region`) is left out,
 * as is a replica's (see {@link withoutRegionNotKnown}).
 */
export function placeTable(table: Resource, region: string | undefined): void {
  const { properties } = table;
  const replicas = Array.isArray(properties.Replicas)
    ? properties.Replicas
    : [];
  replicas.forEach(withoutRegionNotKnown);
  const [own] = replicas;
  const placed = isMap(own) ? [properties, own] : [properties];
  const written = properties.Region;
  if (!unset(written)) {
    if (typeof written !== 'string')
      for (const map of placed) delete map.Region;
    return;
  }
  if (region === undefined) return;
  for (const map of placed) {
    map.Region = region;
    recordAssignedKeyLines(map, { Region: table.line });
  }
}
