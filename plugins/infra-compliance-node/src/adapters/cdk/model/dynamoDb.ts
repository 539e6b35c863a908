/** The model of aws-dynamodb's tables (see DynamoDbModel). */
import { Ref, Unknown, Value, concat } from '../../../graph/values';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import { GLOBAL_TABLE, TABLE } from './resourceTypes';
import type { CdkModel } from '../constructs';
import { Props, asArray, enumValue } from './props';

/** The ARN of the replica in `region` of the Table of id `table` (aws-dynamodb/lib/table-grants.ts, formatRegionalTableArn). */
export function regionalTableArn(table: string, region: Value): Value {
  return concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    ':dynamodb:',
    region,
    ':',
    Unknown.oneValue('AWS::AccountId'),
    ':table/',
    new Ref(table),
  ]);
}

/**
 * Whether a table has secondary indexes, of its lists of them and of the flag that grants on indexes anyway
 * (`grantIndexPermissions`): its grants are on `<arn>/index/*` too (aws-dynamodb/lib/table.ts, hasIndex); Unknown:
 * not known statically.
 */
export function hasIndexes(
  lists: JsValue[],
  grantAnyway: JsValue = false,
): boolean | Unknown {
  if (
    grantAnyway === true ||
    lists.some(list => Array.isArray(list) && list.length > 0)
  )
    return true;
  return grantAnyway === false &&
    lists.every(list => list === undefined || Array.isArray(list))
    ? false
    : new Unknown('indexes of a table not known statically');
}

/**
 * What a table's grants are on (aws-dynamodb/lib/table-grants.ts): its ARN and those of its replicas in other regions
 * (`regional`, a Table's of its replicationRegions), and their indexes' where it has any (see hasIndexes); a TableV2's
 * ARN alone is written as it is, a Table's in a list.
 */
export function tableResources(
  type: string,
  arn: Value,
  indexes: boolean | Unknown,
  regional: Value[] = [],
): Value {
  if (indexes === false)
    return type === GLOBAL_TABLE ? arn : [arn, ...regional];
  return [
    arn,
    ...regional,
    ...(indexes === true
      ? [arn, ...regional].map(table => concat([table, '/index/*']))
      : [indexes]),
  ];
}

/** The key of a TableV2's replica in another region: its ARN in `replicaKeyArns`. */
function replicaKeyOf(replicaKeyArns: JsValue, region: JsValue): JsValue {
  if (!isPlainObject(replicaKeyArns) || typeof region !== 'string')
    return new Unknown('replica key');
  return replicaKeyArns[region];
}

/** Tags of CDK's CfnTag shape (`[{ key, value }]`, a TableV2's `tags`), as CloudFormation writes them; none: undefined. */
function cdkTags(tags: JsValue): JsValue {
  if (!Array.isArray(tags)) return tags;
  if (tags.length === 0) return undefined;
  return tags.map(tag =>
    isPlainObject(tag)
      ? { Key: tag.key, Value: tag.value }
      : new Unknown('tag'),
  );
}

/** The part of CdkModel the DynamoDB model uses. */
type Model = Pick<
  CdkModel,
  'add' | 'byId' | 'graphValue' | 'iamModel' | 'kmsModel'
>;

/**
 * What aws-dynamodb constructs synthesize: tables (Table, and TableV2 as a global table with its replicas), their
 * encryption, and their grants' statements, on the table's, its indexes' and its replicas' ARNs.
 */
export class DynamoDbModel {
  /** Whether each table of the stack's has secondary indexes, by its id (see hasIndexes); none where not set. */
  readonly tableIndexes = new Map<string, true | Unknown>();

  /** The ARNs of each Table's (not TableV2's) replicas in other regions, by its id (see regionalTableArn); none where not set. */
  readonly tableRegionalArns = new Map<string, Value[]>();

  /** The statements of the grants of each Table (not TableV2) of the stack's, which its indexes at synthesis extend (see tableGrant). */
  readonly tableGrantStatements: {
    table: string;
    statement: HostObject;
  }[] = [];

  /** The props of each TableV2, by id, and its encryption: what replicas added later (`addReplica`) take theirs from. */
  readonly tablesV2 = new Map<
    string,
    { p: Props; encryption: Props | undefined }
  >();

  constructor(private readonly model: Model) {}

  /**
   * The SSESpecification a Table's props synthesize: `encryption`, else
   * customer-managed with an `encryptionKey`, else AWS-managed with
   * `serverSideEncryption: true`, else none.
   */
  tableEncryption(id: string, p: Props, site: CallSite): JsValue {
    let encryption = p.encryption;
    if (encryption === undefined && p.encryptionKey !== undefined)
      encryption = 'TableEncryption.CUSTOMER_MANAGED';
    else if (encryption === undefined && p.serverSideEncryption !== false) {
      encryption =
        p.serverSideEncryption === true
          ? 'TableEncryption.AWS_MANAGED'
          : p.serverSideEncryption;
    }
    if (encryption === undefined) return undefined;
    if (encryption === 'TableEncryption.DEFAULT') return { SSEEnabled: false };
    if (encryption === 'TableEncryption.AWS_MANAGED')
      return { SSEEnabled: true };
    if (encryption === 'TableEncryption.CUSTOMER_MANAGED') {
      // Without a key, the table makes one, with rotation (aws-dynamodb/lib/table.ts, parseEncryption).
      const key =
        p.encryptionKey ?? this.model.kmsModel.createdKey(id, true, site);
      this.model.kmsModel.encryptionKeys.set(id, key);
      return {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: this.model.kmsModel.keyArnOf(key),
      };
    }
    return new Unknown('table encryption');
  }

  /**
   * A TableV2: the AWS::DynamoDB::GlobalTable it synthesizes (aws-dynamodb/lib/table-v2.ts), with a replica in
   * each region of `replicas`, then one in the stack's, each with the table's settings unless its own say
   * otherwise; the tags of the table's `tags` are its own region's replica's, those of its TagManager (`Tags.of`)
   * every replica's, which {@link isTagged} stands for. Replicas stream new and old images unless `dynamoStream` says.
   */
  tableV2(id: string, p: Props, site: CallSite): ResourceHandle {
    const encryption =
      p.encryption instanceof HostObject &&
      p.encryption.kind === 'tableEncryption'
        ? p.encryption.data
        : undefined;
    let sse: JsValue;
    if (encryption?.method === 'dynamoOwnedKey') sse = { SSEEnabled: false };
    else if (
      encryption?.method === 'awsManagedKey' ||
      encryption?.method === 'customerManagedKey'
    )
      sse = { SSEEnabled: true, SSEType: 'KMS' };
    else if (p.encryption !== undefined) sse = new Unknown('table encryption');
    // The key its grants grant on (see KEY_GRANTS).
    if (
      encryption?.method === 'customerManagedKey' &&
      encryption.key !== undefined
    )
      this.model.kmsModel.encryptionKeys.set(id, encryption.key);
    const others = p.replicas ?? [];
    const own = { region: Unknown.oneValue('AWS::Region'), tags: p.tags };
    const replicas = Array.isArray(others)
      ? [...others, own]
      : [new Unknown('replicas'), own];
    let stream: JsValue;
    if (p.dynamoStream !== undefined)
      stream = { StreamViewType: enumValue(p.dynamoStream, 'StreamViewType') };
    else if (!Array.isArray(others))
      stream = new Unknown('stream of replicas not known statically');
    else if (others.length > 0)
      stream = { StreamViewType: 'NEW_AND_OLD_IMAGES' };
    this.tablesV2.set(id, { p, encryption });
    return this.model.add(id, GLOBAL_TABLE, site, {
      TableName: p.tableName,
      BillingMode:
        p.billing === undefined
          ? 'PAY_PER_REQUEST'
          : new Unknown('billing mode'),
      SSESpecification: sse,
      StreamSpecification: stream,
      Replicas: replicas.map(replica =>
        isPlainObject(replica)
          ? this.tableReplica(p, replica, replica === own, encryption)
          : new Unknown('replica'),
      ),
    });
  }

  /**
   * `table.addReplica(props)`: a replica after those of its `replicas`, before the stack's region's, which makes
   * the table stream new and old images unless its `dynamoStream` says (table-v2.ts, renderReplicaTables).
   */
  addTableReplica(id: string, props: JsValue): void {
    const table = this.model.byId.get(id)!;
    const { p, encryption } = this.tablesV2.get(id)!;
    const replicas = asArray(table.properties.Replicas);
    const replica = isPlainObject(props)
      ? this.tableReplica(p, props, false, encryption)
      : new Unknown('replica');
    table.properties.Replicas = [
      ...replicas.slice(0, -1),
      this.model.graphValue(replica, table.file),
      ...replicas.slice(-1),
    ];
    if (p.dynamoStream === undefined)
      table.properties.StreamSpecification = {
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      };
  }

  /** A replica of a TableV2 (table-v2.ts, configureReplicaTable): its settings over the table's, its key of the table's encryption. */
  private tableReplica(
    p: Props,
    replica: Props,
    own: boolean,
    encryption: Props | undefined,
  ): JsValue {
    const pitr = replica.pointInTimeRecovery ?? p.pointInTimeRecovery;
    const spec =
      replica.pointInTimeRecoverySpecification ??
      p.pointInTimeRecoverySpecification ??
      (pitr === undefined ? undefined : { pointInTimeRecoveryEnabled: pitr });
    let key: JsValue;
    // Other regions' keys are the ARNs of `replicaKeyArns`, by region.
    if (encryption?.method === 'customerManagedKey')
      key = own
        ? this.model.kmsModel.keyArnOf(encryption.key)
        : replicaKeyOf(encryption.replicaKeyArns, replica.region);
    return {
      Region: replica.region,
      PointInTimeRecoverySpecification: isPlainObject(spec)
        ? {
            PointInTimeRecoveryEnabled: spec.pointInTimeRecoveryEnabled,
            RecoveryPeriodInDays: spec.recoveryPeriodInDays,
          }
        : spec,
      SSESpecification: key === undefined ? undefined : { KMSMasterKeyId: key },
      Tags: cdkTags(replica.tags),
    };
  }

  table(id: string, p: Props, sse: JsValue, site: CallSite): ResourceHandle {
    const spec = p.pointInTimeRecoverySpecification;
    const pitr =
      p.pointInTimeRecovery ??
      (isPlainObject(spec) ? spec.pointInTimeRecoveryEnabled : spec);
    return this.model.add(id, TABLE, site, {
      TableName: p.tableName,
      SSESpecification: sse,
      PointInTimeRecoverySpecification:
        pitr === undefined ? undefined : { PointInTimeRecoveryEnabled: pitr },
    });
  }

  /**
   * A grant of a table of the stack's: on it and its indexes (see tableResources), a TableV2's as it has them when
   * granted, a Table's as it has them at synthesis (aws-dynamodb/lib/table.ts, TableGrants.fromTable), which
   * {@link finish} writes.
   */
  tableGrant(
    table: ResourceHandle,
    grant: { actions: JsValue[]; principalOnly?: string[] },
    grantee: JsValue,
    site: CallSite,
  ): void {
    const arn = new Ref(table.id, 'Arn');
    const resources = tableResources(
      table.pulumiType,
      arn,
      this.tableIndexes.get(table.id) ?? false,
      this.tableRegionalArns.get(table.id),
    );
    const statements = [grant.actions, grant.principalOnly].flatMap(actions =>
      actions ? [new HostObject('statement', { actions, resources })] : [],
    );
    if (table.pulumiType === TABLE)
      this.tableGrantStatements.push(
        ...statements.map(statement => ({ table: table.id, statement })),
      );
    this.model.iamModel.addStatements(grantee, statements, site);
  }
}
