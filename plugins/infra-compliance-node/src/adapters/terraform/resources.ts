/**
 * Terraform AWS provider resources in the AWS resource model: the canonical
 * type and the property names the rules read (the CloudFormation schema's),
 * so that every rule reads Terraform without knowing it.
 */
import { lineOfNode, lineOfPath, recordLines } from '../../graph/locations';
import {
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  asBoolean,
  isMap,
  setEntry,
} from '../../graph/values';
import { WrittenText } from '../../graph/writtenText';
import {
  parseJsonText,
  parseJsonTextAsWritten,
  recordJsonTextLines,
} from '../../graph/jsonText';
import { LineStarts } from '../../support/lineOffsets';
import {
  mergePolicyDocuments,
  mergedDocuments,
  statementPrincipal,
} from '../policyDocuments';
import { lookupTable } from '../../support/lookupTable';
import { heredocTextLine } from './expressions';
import { ownReplica } from '../globalTables';

/** Reads one Terraform resource's evaluated arguments into AWS properties, keeping their lines. */
export class PropertyBuilder {
  readonly properties: ValueMap = {};
  private readonly keys: Record<string, number> = {};

  constructor(
    readonly source: ValueMap,
    readonly line: number,
    /** How the strings built from variables read as written: documents parsed from text are recorded too. */
    private readonly writtenText?: WrittenText,
  ) {}

  lineOf(key: string): number {
    return lineOfPath(this.source, [key], this.line);
  }

  set(key: string, value: Value | undefined, line = this.line): this {
    if (value === undefined) return this;
    // Keys may be the author's (`__proto__`): defined, never assigned.
    setEntry(this.properties, key, value);
    setEntry(this.keys, key, line);
    return this;
  }

  /**
   * Copies `from` to `to`, converted. JSON read from a heredoc's text gets
   * the lines where the heredoc writes its keys.
   */
  copy(
    from: string,
    to: string,
    convert: (
      value: Value,
      writtenText?: WrittenText,
    ) => Value | undefined = value => value,
  ): this {
    const value = this.source[from];
    if (value === undefined) return this;
    const converted = convert(value, this.writtenText);
    const textLine = heredocTextLine(this.source, from);
    if (
      textLine !== undefined &&
      isMap(converted) &&
      (typeof value === 'string' || value instanceof Template)
    ) {
      const text =
        typeof value === 'string'
          ? value
          : value.parts
              .map(part => (typeof part === 'string' ? part : '…'))
              .join('');
      recordJsonTextLines(
        converted,
        new LineStarts(text),
        1,
        Number.MAX_SAFE_INTEGER,
        textLine - 1,
      );
    }
    return this.set(to, converted, this.lineOf(from));
  }

  /** A nested block (`environment { ... }`, or its JSON object form), built by `build`. */
  block(
    from: string,
    to: string,
    build: (block: PropertyBuilder) => void,
  ): this {
    const blocks = blocksOf(this.source[from]);
    if (blocks === undefined)
      return this.set(
        to,
        this.source[from] === undefined
          ? undefined
          : new Unknown(`block ${from}`),
        this.lineOf(from),
      );
    const first = blocks[0];
    if (!first) return this;
    const nested = new PropertyBuilder(
      first,
      this.lineOf(from),
      this.writtenText,
    );
    build(nested);
    return this.set(to, nested.build(), this.lineOf(from));
  }

  /** Arguments Terraform writes at the top that the resource model nests under `to` (CloudFront's `DistributionConfig`). */
  group(to: string, build: (group: PropertyBuilder) => void): this {
    const nested = new PropertyBuilder(
      this.source,
      this.line,
      this.writtenText,
    );
    build(nested);
    return this.set(to, nested.build());
  }

  /** Repeated blocks (`statement { }`, `metric_query { }`) into a list. */
  blocks(
    from: string,
    to: string,
    build: (block: PropertyBuilder) => void,
  ): this {
    const blocks = blocksOf(this.source[from]);
    if (blocks === undefined)
      return this.set(
        to,
        this.source[from] === undefined
          ? undefined
          : new Unknown(`block ${from}`),
        this.lineOf(from),
      );
    // Each block where it starts (lineOfPath of no path is only its fallback).
    const lines = blocks.map(block => lineOfNode(block) ?? this.lineOf(from));
    const list = blocks.map((block, index) => {
      const nested = new PropertyBuilder(block, lines[index], this.writtenText);
      build(nested);
      return nested.build();
    });
    recordLines(list, this.lineOf(from), { items: lines });
    return this.set(to, list, this.lineOf(from));
  }

  build(): ValueMap {
    recordLines(this.properties, this.line, { keys: this.keys });
    return this.properties;
  }
}

/** Blocks as a list of maps; undefined when not known statically (a dynamic block). */
function blocksOf(value: Value | undefined): ValueMap[] | undefined {
  if (value === undefined || value === null) return [];
  if (isMap(value)) return [value];
  if (Array.isArray(value)) return value.filter(isMap);
  return undefined;
}

/** Terraform `tags = { k = v }` as the resource model's `Tags: [{Key, Value}]`. */
function tagList(value: Value): Value {
  if (!isMap(value)) return value;
  return Object.entries(value).map(([Key, tag]) => ({ Key, Value: tag }));
}

/**
 * A policy argument: Terraform takes JSON text (`jsonencode(...)`, a heredoc,
 * `data.aws_iam_policy_document.x.json`). Text with interpolations is parsed
 * with each interpolation held by a placeholder, then put back.
 */
export function policyDocument(value: Value, writtenText?: WrittenText): Value {
  const parsed = writtenText
    ? parseJsonTextAsWritten(value, writtenText)
    : parseJsonText(value);
  return (
    parsed ??
    new Unknown(
      value instanceof Template
        ? 'policy not known statically'
        : 'policy that is not JSON',
    )
  );
}

/**
 * `data "aws_iam_policy_document"`: its statement blocks into an IAM policy
 * document, merged with the documents it names as the AWS provider merges
 * them (its policy document data source and `Merge`): the statements of
 * `source_json` (providers before 5.0 read it; later ones refuse one that
 * is not empty) and of each of `source_policy_documents`, then its own
 * statements, then those of each of `override_policy_documents` and of
 * `override_json`. A statement with a Sid replaces, in its place, the first
 * merged before with that Sid; any other is added at the end. The provider
 * refuses a Sid repeated among the sources, or among the document's own
 * statements (`source_json` alone keeps both): there, none replaces
 * another, and each is judged as written.
 */
export function policyDocumentFromData(source: ValueMap, line: number): Value {
  const builder = new PropertyBuilder(source, line);
  builder.set('Version', '2012-10-17');
  builder.blocks('statement', 'Statement', statement => {
    statement
      .copy('sid', 'Sid')
      .set(
        'Effect',
        statement.source.effect ?? 'Allow',
        statement.lineOf('effect'),
      )
      .copy('actions', 'Action')
      .copy('not_actions', 'NotAction')
      .copy('resources', 'Resource')
      .copy('not_resources', 'NotResource');
    principals(statement, 'principals', 'Principal');
    principals(statement, 'not_principals', 'NotPrincipal');
    conditions(statement);
  });
  const documents = (argument: string) =>
    mergedDocuments(source[argument], {
      argument,
      list: !argument.endsWith('_json'),
      line: lineOfPath(source, [argument], line),
      read: value => policyDocument(value),
    });
  const sources = [
    ...documents('source_json'),
    ...documents('source_policy_documents'),
  ];
  const overrides = [
    ...documents('override_policy_documents'),
    ...documents('override_json'),
  ];
  return mergePolicyDocuments(
    builder.build(),
    builder.lineOf('statement'),
    sources,
    overrides,
  );
}

/** `condition { test, variable, values }` blocks into `Condition: { test: { variable: values } }`. */
function conditions(statement: PropertyBuilder): void {
  const blocks = blocksOf(statement.source.condition);
  if (
    blocks === undefined ||
    blocks.some(
      c => typeof c.test !== 'string' || typeof c.variable !== 'string',
    )
  ) {
    statement.set(
      'Condition',
      new Unknown('condition not known statically'),
      statement.lineOf('condition'),
    );
    return;
  }
  if (blocks.length === 0) return;
  const condition: Record<string, ValueMap> = {};
  for (const c of blocks) {
    const test = c.test as string;
    condition[test] = {
      ...condition[test],
      [c.variable as string]: c.values ?? null,
    };
  }
  statement.set('Condition', condition, statement.lineOf('condition'));
}

function principals(
  statement: PropertyBuilder,
  from: string,
  to: string,
): void {
  const blocks = blocksOf(statement.source[from]);
  const principal =
    blocks === undefined
      ? new Unknown('dynamic principals')
      : statementPrincipal<Value>(blocks);
  if (principal !== undefined)
    statement.set(to, principal, statement.lineOf(from));
}

/** The arguments of an `aws_dynamodb_table` that set its own region's replica (see ownReplica). */
const TABLE_ARGUMENTS: Record<string, string> = {
  Region: 'region',
  PointInTimeRecoverySpecification: 'point_in_time_recovery',
  Tags: 'tags',
};

/**
 * The replicas of an `aws_dynamodb_table` with `replica` blocks (global
 * tables version 2019.11.21), as CloudFormation's global table lists them:
 * first the table itself, in the provider's region, with its point-in-time
 * recovery and tags; then one per block, in its `region_name`, with its own
 * point-in-time recovery and key (see {@link replicaSettings}) and the
 * table's tags only with `propagate_tags` (default false). None for a table
 * without replicas.
 */
function tableReplicas(p: PropertyBuilder): void {
  const tags = p.properties.Tags;
  p.blocks('replica', 'Replicas', replica => {
    replica.copy('region_name', 'Region');
    replicaSettings(replica);
    // A bool as Terraform converts it ("true" too); any other value is not known statically.
    const propagate = replica.source.propagate_tags;
    const propagates =
      propagate === undefined || propagate === null
        ? false
        : asBoolean(propagate);
    if (propagates === undefined)
      replica.set(
        'Tags',
        new Unknown('whether the table propagates its tags'),
        replica.lineOf('propagate_tags'),
      );
    else if (propagates && tags !== undefined)
      replica.set('Tags', tags, replica.lineOf('propagate_tags'));
  });
  const others = p.properties.Replicas;
  if (others === undefined || (Array.isArray(others) && others.length === 0)) {
    delete p.properties.Replicas;
    return;
  }
  const own = ownReplica(p.properties, p.line, property =>
    p.lineOf(TABLE_ARGUMENTS[property]),
  );
  const listed = Array.isArray(others) ? others : [others];
  const replicas = [own, ...listed];
  recordLines(replicas, p.lineOf('replica'), {
    items: [
      p.line,
      ...listed.map((_, index) =>
        lineOfPath(others, [index], p.lineOf('replica')),
      ),
    ],
  });
  p.set('Replicas', replicas, p.lineOf('replica'));
}

/**
 * A replica's own point-in-time recovery (`point_in_time_recovery`: the
 * provider's default is false, whatever the table's) and key
 * (`kms_key_arn`), each at its argument's line.
 */
function replicaSettings(replica: PropertyBuilder): void {
  const pitr = replica.source.point_in_time_recovery;
  if (pitr !== undefined && pitr !== null)
    replica.set(
      'PointInTimeRecoverySpecification',
      withLinesOf(
        { PointInTimeRecoveryEnabled: pitr },
        replica,
        'point_in_time_recovery',
      ),
      replica.lineOf('point_in_time_recovery'),
    );
  const key = replica.source.kms_key_arn;
  if (key !== undefined && key !== null)
    replica.set(
      'SSESpecification',
      withLinesOf({ KMSMasterKeyId: key }, replica, 'kms_key_arn'),
      replica.lineOf('kms_key_arn'),
    );
}

/**
 * An `aws_dynamodb_table_replica`'s replica, which the provider adds to
 * the global table of its `global_table_arn` (see addReplica): in its
 * `region` (provider 6.x), else its provider configuration's where known
 * (`provider.region`), with its own point-in-time recovery and key (see
 * {@link replicaSettings}), deletion protection and `tags`, or tags not
 * known where the default tags of its provider configuration reach it
 * (`provider.defaultTags`) and it has none.
 */
export function replicaDeclaredApart(
  source: ValueMap,
  line: number,
  provider: { defaultTags: boolean; region?: string },
): ValueMap {
  const replica = new PropertyBuilder(source, line);
  if (source.region !== undefined && source.region !== null)
    replica.copy('region', 'Region');
  else replica.set('Region', provider.region);
  replicaSettings(replica);
  replica.copy('deletion_protection_enabled', 'DeletionProtectionEnabled');
  const { tags } = source;
  if (
    provider.defaultTags &&
    (tags === undefined ||
      tags === null ||
      (isMap(tags) && Object.keys(tags).length === 0))
  )
    replica.set(
      'Tags',
      new Unknown('tags of the default_tags of its provider'),
      replica.lineOf('tags'),
    );
  else replica.copy('tags', 'Tags', tagList);
  return replica.build();
}

/** A map made of one argument, its keys at that argument's line. */
function withLinesOf(
  map: ValueMap,
  block: PropertyBuilder,
  argument: string,
): ValueMap {
  const line = block.lineOf(argument);
  recordLines(map, line, {
    keys: Object.fromEntries(Object.keys(map).map(key => [key, line])),
  });
  return map;
}

interface Mapping {
  type: string;
  /** The type of a resource whose arguments make it another (a table with replicas, a global table), where it may. */
  typeFor?(properties: ValueMap): string;
  /**
   * Where the resource model keeps the tags of a type whose AWS provider
   * resource takes a `tags` argument (`Tags`, or the name its type's
   * schema gives them); none for one that takes none. What OPS-003 judges
   * in Terraform, whether or not the type's CloudFormation counterpart
   * takes tags (an `aws_iam_policy` does, an `AWS::IAM::ManagedPolicy` not).
   */
  tags?: string;
  /** Terraform attributes that read the resource's primary identifier (CloudFormation's `Ref`). */
  primary: string[];
  /** Other attributes, when not the PascalCase of the Terraform name. */
  attributes?: Record<string, string>;
  properties(p: PropertyBuilder): void;
}

/** `destination_config`: an event source mapping names its destination `destination_arn`, an invoke config `destination`. */
const destinationConfig = (
  p: PropertyBuilder,
  destination: 'destination' | 'destination_arn',
) =>
  p.block('destination_config', 'DestinationConfig', config => {
    config.block('on_failure', 'OnFailure', onFailure =>
      onFailure.copy(destination, 'Destination'),
    );
    config.block('on_success', 'OnSuccess', onSuccess =>
      onSuccess.copy(destination, 'Destination'),
    );
  });

const dimensionList = (value: Value): Value =>
  isMap(value)
    ? Object.entries(value).map(([Name, dimension]) => ({
        Name,
        Value: dimension,
      }))
    : value;

/** The functions a CloudFront cache behavior runs at the edge. */
const edgeFunctions = (behavior: PropertyBuilder) =>
  behavior.blocks(
    'lambda_function_association',
    'LambdaFunctionAssociations',
    association =>
      association
        .copy('event_type', 'EventType')
        .copy('lambda_arn', 'LambdaFunctionARN'),
  );

/** Firehose destinations, each of which may transform records with a function. */
const FIREHOSE_DESTINATIONS = lookupTable<string>({
  extended_s3_configuration: 'ExtendedS3DestinationConfiguration',
  http_endpoint_configuration: 'HttpEndpointDestinationConfiguration',
  splunk_configuration: 'SplunkDestinationConfiguration',
  redshift_configuration: 'RedshiftDestinationConfiguration',
  opensearch_configuration: 'AmazonopensearchserviceDestinationConfiguration',
  elasticsearch_configuration: 'ElasticsearchDestinationConfiguration',
  snowflake_configuration: 'SnowflakeDestinationConfiguration',
  iceberg_configuration: 'IcebergDestinationConfiguration',
});

/**
 * Types mapped for their tags alone (`tags` becomes `Tags`, see translate);
 * their other arguments stay as written, and references to them read as
 * they do for a type not mapped (`id` is the primary).
 */
function taggedOnly(types: Record<string, string>): Record<string, Mapping> {
  const mappings: Record<string, Mapping> = {};
  for (const [terraformType, type] of Object.entries(types)) {
    mappings[terraformType] = {
      type,
      tags: 'Tags',
      primary: ['id'],
      properties: keepArguments,
    };
  }
  return mappings;
}

function keepArguments(p: PropertyBuilder): void {
  for (const key of Object.keys(p.source)) p.copy(key, key);
}

const MAPPINGS = lookupTable<Mapping>({
  aws_lambda_function: {
    type: 'AWS::Lambda::Function',
    tags: 'Tags',
    primary: ['function_name', 'id'],
    attributes: { invoke_arn: 'InvokeArn' },
    properties: p => {
      p.copy('function_name', 'FunctionName')
        .copy('role', 'Role')
        .copy('runtime', 'Runtime')
        .copy('handler', 'Handler');
      p.copy('timeout', 'Timeout')
        .copy('memory_size', 'MemorySize')
        .copy('kms_key_arn', 'KmsKeyArn');
      p.copy(
        'reserved_concurrent_executions',
        'ReservedConcurrentExecutions',
      ).copy('tags', 'Tags', tagList);
      p.copy('package_type', 'PackageType').copy(
        'architectures',
        'Architectures',
      );
      // Where the code and layers come from name regions (an ECR host, a published layer's ARN): OPS-002 reads them.
      if (p.source.image_uri !== undefined)
        p.group('Code', code => code.copy('image_uri', 'ImageUri'));
      p.copy('layers', 'Layers');
      p.block('environment', 'Environment', env =>
        env.copy('variables', 'Variables'),
      );
      p.block('dead_letter_config', 'DeadLetterConfig', dlq =>
        dlq.copy('target_arn', 'TargetArn'),
      );
      p.block('tracing_config', 'TracingConfig', tracing =>
        tracing.copy('mode', 'Mode'),
      );
      p.block('logging_config', 'LoggingConfig', logging =>
        logging.copy('log_group', 'LogGroup').copy('log_format', 'LogFormat'),
      );
      p.block('vpc_config', 'VpcConfig', vpc =>
        vpc
          .copy('subnet_ids', 'SubnetIds')
          .copy('security_group_ids', 'SecurityGroupIds'),
      );
    },
  },
  aws_lambda_permission: {
    type: 'AWS::Lambda::Permission',
    primary: ['id'],
    properties: p =>
      p
        .copy('action', 'Action')
        .copy('function_name', 'FunctionName')
        .copy('principal', 'Principal')
        .copy('source_arn', 'SourceArn')
        .copy('source_account', 'SourceAccount')
        .copy('qualifier', 'Qualifier')
        .copy('function_url_auth_type', 'FunctionUrlAuthType')
        .copy('invoked_via_function_url', 'InvokedViaFunctionUrl'),
  },
  aws_lambda_event_source_mapping: {
    type: 'AWS::Lambda::EventSourceMapping',
    tags: 'Tags',
    primary: ['id', 'uuid'],
    properties: p => {
      p.copy('event_source_arn', 'EventSourceArn')
        .copy('function_name', 'FunctionName')
        .copy('batch_size', 'BatchSize');
      p.copy('function_response_types', 'FunctionResponseTypes')
        .copy('enabled', 'Enabled')
        .copy('starting_position', 'StartingPosition');
      p.copy('maximum_retry_attempts', 'MaximumRetryAttempts').copy(
        'bisect_batch_on_function_error',
        'BisectBatchOnFunctionError',
      );
      destinationConfig(p, 'destination_arn');
    },
  },
  aws_lambda_function_event_invoke_config: {
    type: 'AWS::Lambda::EventInvokeConfig',
    primary: ['id'],
    properties: p => {
      p.copy('function_name', 'FunctionName').set(
        'Qualifier',
        p.source.qualifier ?? '$LATEST',
        p.lineOf('qualifier'),
      );
      p.copy('maximum_retry_attempts', 'MaximumRetryAttempts').copy(
        'maximum_event_age_in_seconds',
        'MaximumEventAgeInSeconds',
      );
      destinationConfig(p, 'destination');
    },
  },
  aws_lambda_function_url: {
    type: 'AWS::Lambda::Url',
    primary: ['function_url', 'url'],
    properties: p =>
      p
        .copy('function_name', 'TargetFunctionArn')
        .copy('authorization_type', 'AuthType')
        .copy('qualifier', 'Qualifier'),
  },
  aws_lambda_alias: {
    type: 'AWS::Lambda::Alias',
    primary: ['arn'],
    properties: p =>
      p
        .copy('name', 'Name')
        .copy('function_name', 'FunctionName')
        .copy('function_version', 'FunctionVersion'),
  },
  aws_iam_role: {
    type: 'AWS::IAM::Role',
    tags: 'Tags',
    primary: ['name', 'id'],
    attributes: { unique_id: 'RoleId' },
    properties: p => {
      p.copy('name', 'RoleName')
        .copy('assume_role_policy', 'AssumeRolePolicyDocument', policyDocument)
        .copy('path', 'Path');
      p.copy('managed_policy_arns', 'ManagedPolicyArns')
        .copy('permissions_boundary', 'PermissionsBoundary')
        .copy('tags', 'Tags', tagList);
      p.blocks('inline_policy', 'Policies', policy =>
        policy
          .copy('name', 'PolicyName')
          .copy('policy', 'PolicyDocument', policyDocument),
      );
    },
  },
  aws_iam_policy: {
    type: 'AWS::IAM::ManagedPolicy',
    tags: 'Tags',
    primary: ['arn', 'id'],
    attributes: { name: 'PolicyName' },
    properties: p =>
      p
        .copy('name', 'ManagedPolicyName')
        .copy('policy', 'PolicyDocument', policyDocument)
        .copy('path', 'Path'),
  },
  // Holders of identity policies beside roles (attachments add their managed policies, see ATTACHMENT_TYPES).
  aws_iam_user: {
    type: 'AWS::IAM::User',
    tags: 'Tags',
    primary: ['name', 'id'],
    properties: p =>
      p
        .copy('name', 'UserName')
        .copy('path', 'Path')
        .copy('permissions_boundary', 'PermissionsBoundary')
        .copy('tags', 'Tags', tagList),
  },
  aws_iam_group: {
    type: 'AWS::IAM::Group',
    primary: ['name', 'id'],
    properties: p => p.copy('name', 'GroupName').copy('path', 'Path'),
  },
  aws_iam_role_policy: {
    type: 'AWS::IAM::RolePolicy',
    primary: ['id'],
    properties: p =>
      p
        .copy('name', 'PolicyName')
        .copy('role', 'RoleName')
        .copy('policy', 'PolicyDocument', policyDocument),
  },
  aws_iam_user_policy: {
    type: 'AWS::IAM::UserPolicy',
    primary: ['id'],
    properties: p =>
      p
        .copy('name', 'PolicyName')
        .copy('user', 'UserName')
        .copy('policy', 'PolicyDocument', policyDocument),
  },
  aws_iam_group_policy: {
    type: 'AWS::IAM::GroupPolicy',
    primary: ['id'],
    properties: p =>
      p
        .copy('name', 'PolicyName')
        .copy('group', 'GroupName')
        .copy('policy', 'PolicyDocument', policyDocument),
  },
  aws_sqs_queue: {
    type: 'AWS::SQS::Queue',
    tags: 'Tags',
    primary: ['id', 'url'],
    attributes: { name: 'QueueName' },
    properties: p => {
      p.copy('name', 'QueueName')
        .copy('fifo_queue', 'FifoQueue')
        .copy('message_retention_seconds', 'MessageRetentionPeriod');
      p.copy('visibility_timeout_seconds', 'VisibilityTimeout').copy(
        'kms_master_key_id',
        'KmsMasterKeyId',
      );
      p.copy('sqs_managed_sse_enabled', 'SqsManagedSseEnabled').copy(
        'delay_seconds',
        'DelaySeconds',
      );
      p.copy('redrive_policy', 'RedrivePolicy', policyDocument).copy(
        'tags',
        'Tags',
        tagList,
      );
    },
  },
  aws_sqs_queue_policy: {
    type: 'AWS::SQS::QueuePolicy',
    primary: ['id'],
    properties: p =>
      p
        .copy('queue_url', 'Queues', url => [url])
        .copy('policy', 'PolicyDocument', policyDocument),
  },
  aws_sns_topic: {
    type: 'AWS::SNS::Topic',
    tags: 'Tags',
    primary: ['arn', 'id'],
    attributes: { name: 'TopicName' },
    properties: p =>
      p
        .copy('name', 'TopicName')
        .copy('kms_master_key_id', 'KmsMasterKeyId')
        .copy('fifo_topic', 'FifoTopic')
        .copy('tags', 'Tags', tagList),
  },
  aws_sns_topic_subscription: {
    type: 'AWS::SNS::Subscription',
    primary: ['arn', 'id'],
    properties: p =>
      p
        .copy('topic_arn', 'TopicArn')
        .copy('protocol', 'Protocol')
        .copy('endpoint', 'Endpoint')
        .copy('redrive_policy', 'RedrivePolicy', policyDocument),
  },
  aws_cloudwatch_log_group: {
    type: 'AWS::Logs::LogGroup',
    tags: 'Tags',
    primary: ['name', 'id'],
    properties: p =>
      p
        .copy('name', 'LogGroupName')
        .copy('retention_in_days', 'RetentionInDays')
        .copy('log_group_class', 'LogGroupClass')
        .copy('kms_key_id', 'KmsKeyId')
        .copy('tags', 'Tags', tagList),
  },
  aws_cloudwatch_metric_alarm: {
    type: 'AWS::CloudWatch::Alarm',
    tags: 'Tags',
    primary: ['alarm_name', 'id'],
    properties: p => {
      p.copy('alarm_name', 'AlarmName')
        .copy('namespace', 'Namespace')
        .copy('metric_name', 'MetricName');
      p.copy('dimensions', 'Dimensions', dimensionList)
        .copy('alarm_actions', 'AlarmActions')
        .copy('ok_actions', 'OKActions');
      p.copy('threshold', 'Threshold')
        .copy('comparison_operator', 'ComparisonOperator')
        .copy('evaluation_periods', 'EvaluationPeriods');
      p.copy('statistic', 'Statistic')
        .copy('period', 'Period')
        .copy('treat_missing_data', 'TreatMissingData')
        .copy('actions_enabled', 'ActionsEnabled');
      p.blocks('metric_query', 'Metrics', query => {
        query
          .copy('id', 'Id')
          .copy('expression', 'Expression')
          .copy('return_data', 'ReturnData');
        query.block('metric', 'MetricStat', stat => {
          stat.set('Metric', {
            Namespace: stat.source.namespace ?? null,
            MetricName: stat.source.metric_name ?? null,
            Dimensions: dimensionList(stat.source.dimensions ?? []),
          });
          stat.copy('stat', 'Stat').copy('period', 'Period');
        });
      });
    },
  },
  aws_cloudwatch_composite_alarm: {
    type: 'AWS::CloudWatch::CompositeAlarm',
    tags: 'Tags',
    primary: ['alarm_name', 'id'],
    properties: p => {
      p.copy('alarm_name', 'AlarmName')
        .copy('alarm_rule', 'AlarmRule')
        .copy('alarm_actions', 'AlarmActions')
        .copy('ok_actions', 'OKActions');
      p.copy('actions_enabled', 'ActionsEnabled').copy('tags', 'Tags', tagList);
    },
  },
  aws_kms_key: {
    type: 'AWS::KMS::Key',
    tags: 'Tags',
    primary: ['key_id', 'id'],
    properties: p =>
      p
        .copy('policy', 'KeyPolicy', policyDocument)
        .copy('enable_key_rotation', 'EnableKeyRotation')
        .copy('key_spec', 'KeySpec')
        .copy('customer_master_key_spec', 'KeySpec')
        .copy('key_usage', 'KeyUsage')
        .copy('description', 'Description'),
  },
  aws_kms_alias: {
    type: 'AWS::KMS::Alias',
    primary: ['name', 'id'],
    properties: p =>
      p.copy('name', 'AliasName').copy('target_key_id', 'TargetKeyId'),
  },
  aws_dynamodb_table: {
    type: 'AWS::DynamoDB::Table',
    tags: 'Tags',
    primary: ['name', 'id'],
    attributes: { stream_arn: 'StreamArn' },
    properties: p => {
      // Its own region's (provider 6.x; else its provider configuration's, see placeTable).
      p.copy('name', 'TableName')
        .copy('region', 'Region')
        .copy('billing_mode', 'BillingMode')
        .copy('tags', 'Tags', tagList);
      p.block('server_side_encryption', 'SSESpecification', sse =>
        sse
          .copy('enabled', 'SSEEnabled')
          .copy('kms_key_arn', 'KMSMasterKeyId')
          .set('SSEType', sse.source.enabled === true ? 'KMS' : undefined),
      );
      p.block(
        'point_in_time_recovery',
        'PointInTimeRecoverySpecification',
        pitr => pitr.copy('enabled', 'PointInTimeRecoveryEnabled'),
      );
      tableReplicas(p);
    },
    // With replicas, a global table: one table in each of their regions, as CloudFormation's global table.
    typeFor: properties =>
      properties.Replicas === undefined
        ? 'AWS::DynamoDB::Table'
        : 'AWS::DynamoDB::GlobalTable',
  },
  aws_s3_bucket: {
    type: 'AWS::S3::Bucket',
    tags: 'Tags',
    primary: ['bucket', 'id'],
    properties: p =>
      p.copy('bucket', 'BucketName').copy('tags', 'Tags', tagList),
  },
  aws_s3_bucket_policy: {
    type: 'AWS::S3::BucketPolicy',
    primary: ['id'],
    properties: p =>
      p
        .copy('bucket', 'Bucket')
        .copy('policy', 'PolicyDocument', policyDocument),
  },
  aws_api_gateway_rest_api: {
    type: 'AWS::ApiGateway::RestApi',
    tags: 'Tags',
    primary: ['id'],
    attributes: {
      root_resource_id: 'RootResourceId',
      execution_arn: 'ExecutionArn',
    },
    properties: p => p.copy('name', 'Name'),
  },
  aws_api_gateway_deployment: {
    type: 'AWS::ApiGateway::Deployment',
    primary: ['id'],
    properties: p =>
      p.copy('rest_api_id', 'RestApiId').copy('stage_name', 'StageName'),
  },
  aws_api_gateway_stage: {
    type: 'AWS::ApiGateway::Stage',
    tags: 'Tags',
    primary: ['stage_name', 'id'],
    properties: p => {
      p.copy('stage_name', 'StageName')
        .copy('rest_api_id', 'RestApiId')
        .copy('deployment_id', 'DeploymentId');
      p.copy('xray_tracing_enabled', 'TracingEnabled').copy(
        'tags',
        'Tags',
        tagList,
      );
      p.block('access_log_settings', 'AccessLogSetting', log =>
        log.copy('destination_arn', 'DestinationArn').copy('format', 'Format'),
      );
    },
  },
  aws_api_gateway_method_settings: {
    type: 'AWS::ApiGateway::MethodSettings',
    primary: ['id'],
    properties: p => {
      p.copy('rest_api_id', 'RestApiId')
        .copy('stage_name', 'StageName')
        .copy('method_path', 'MethodPath');
      p.block('settings', 'Settings', settings =>
        settings
          .copy('throttling_rate_limit', 'ThrottlingRateLimit')
          .copy('throttling_burst_limit', 'ThrottlingBurstLimit')
          .copy('logging_level', 'LoggingLevel')
          .copy('metrics_enabled', 'MetricsEnabled')
          .copy('data_trace_enabled', 'DataTraceEnabled'),
      );
    },
  },
  aws_apigatewayv2_api: {
    type: 'AWS::ApiGatewayV2::Api',
    tags: 'Tags',
    primary: ['id'],
    attributes: { api_endpoint: 'ApiEndpoint', execution_arn: 'ExecutionArn' },
    properties: p =>
      p
        .copy('name', 'Name')
        .copy('protocol_type', 'ProtocolType')
        // Quick create's integration and the role it is called with: ARNs, as CloudFormation's Target and CredentialsArn.
        .copy('target', 'Target')
        .copy('credentials_arn', 'CredentialsArn'),
  },
  aws_apigatewayv2_stage: {
    type: 'AWS::ApiGatewayV2::Stage',
    tags: 'Tags',
    primary: ['name', 'id'],
    properties: p => {
      p.copy('name', 'StageName')
        .copy('api_id', 'ApiId')
        .copy('auto_deploy', 'AutoDeploy');
      p.block('access_log_settings', 'AccessLogSettings', log =>
        log.copy('destination_arn', 'DestinationArn').copy('format', 'Format'),
      );
      p.block('default_route_settings', 'DefaultRouteSettings', settings =>
        settings
          .copy('throttling_rate_limit', 'ThrottlingRateLimit')
          .copy('throttling_burst_limit', 'ThrottlingBurstLimit')
          .copy('detailed_metrics_enabled', 'DetailedMetricsEnabled')
          .copy('logging_level', 'LoggingLevel'),
      );
    },
  },
  aws_cloudwatch_event_rule: {
    type: 'AWS::Events::Rule',
    tags: 'Tags',
    primary: ['name', 'id'],
    properties: p =>
      p
        .copy('name', 'Name')
        .copy('event_bus_name', 'EventBusName')
        .copy('event_pattern', 'EventPattern', policyDocument)
        .copy('schedule_expression', 'ScheduleExpression'),
  },
  aws_scheduler_schedule: {
    type: 'AWS::Scheduler::Schedule',
    primary: ['name', 'id'],
    properties: p => {
      p.copy('name', 'Name').copy('schedule_expression', 'ScheduleExpression');
      p.block('target', 'Target', target => {
        target.copy('arn', 'Arn').copy('role_arn', 'RoleArn');
        target.block('dead_letter_config', 'DeadLetterConfig', dlq =>
          dlq.copy('arn', 'Arn'),
        );
        target.block('retry_policy', 'RetryPolicy', retry =>
          retry
            .copy('maximum_retry_attempts', 'MaximumRetryAttempts')
            .copy('maximum_event_age_in_seconds', 'MaximumEventAgeInSeconds'),
        );
      });
    },
  },
  // Integrations name the function an API calls: in the resource model they sit on the method.
  aws_api_gateway_integration: {
    type: 'AWS::ApiGateway::Method',
    primary: ['id'],
    properties: p => {
      p.copy('rest_api_id', 'RestApiId')
        .copy('http_method', 'HttpMethod')
        .copy('resource_id', 'ResourceId');
      p.set(
        'Integration',
        { Type: p.source.type ?? null, Uri: p.source.uri ?? null },
        p.lineOf('uri'),
      );
    },
  },
  aws_apigatewayv2_integration: {
    type: 'AWS::ApiGatewayV2::Integration',
    primary: ['id'],
    properties: p =>
      p
        .copy('api_id', 'ApiId')
        .copy('integration_type', 'IntegrationType')
        .copy('integration_uri', 'IntegrationUri'),
  },
  // The resources below call functions synchronously: mapped for what they call, their
  // other arguments kept as written (OPS-002 reads every string).
  aws_cloudfront_distribution: {
    type: 'AWS::CloudFront::Distribution',
    tags: 'Tags',
    primary: ['id'],
    attributes: { domain_name: 'DomainName' },
    properties: p =>
      keepArguments(
        p.group('DistributionConfig', config => {
          config.block(
            'default_cache_behavior',
            'DefaultCacheBehavior',
            edgeFunctions,
          );
          config.blocks(
            'ordered_cache_behavior',
            'CacheBehaviors',
            edgeFunctions,
          );
          config.block('viewer_certificate', 'ViewerCertificate', certificate =>
            certificate.copy('acm_certificate_arn', 'AcmCertificateArn'),
          );
        }),
      ),
  },
  aws_pipes_pipe: {
    type: 'AWS::Pipes::Pipe',
    tags: 'Tags',
    primary: ['name', 'id'],
    properties: p => {
      p.copy('name', 'Name')
        .copy('source', 'Source')
        .copy('enrichment', 'Enrichment')
        .copy('target', 'Target');
      p.block('target_parameters', 'TargetParameters', target =>
        target.block(
          'lambda_function_parameters',
          'LambdaFunctionParameters',
          lambda => lambda.copy('invocation_type', 'InvocationType'),
        ),
      );
      keepArguments(p);
    },
  },
  aws_kinesis_firehose_delivery_stream: {
    type: 'AWS::KinesisFirehose::DeliveryStream',
    tags: 'Tags',
    primary: ['name', 'id'],
    properties: p => {
      p.copy('name', 'DeliveryStreamName');
      for (const [from, to] of Object.entries(FIREHOSE_DESTINATIONS)) {
        p.block(from, to, destination =>
          destination.block(
            'processing_configuration',
            'ProcessingConfiguration',
            processing =>
              processing
                .copy('enabled', 'Enabled')
                .blocks('processors', 'Processors', processor =>
                  processor
                    .copy('type', 'Type')
                    .blocks('parameters', 'Parameters', parameter =>
                      parameter
                        .copy('parameter_name', 'ParameterName')
                        .copy('parameter_value', 'ParameterValue'),
                    ),
                ),
          ),
        );
      }
      keepArguments(p);
    },
  },
  aws_appsync_datasource: {
    type: 'AWS::AppSync::DataSource',
    primary: ['name', 'id'],
    properties: p => {
      p.copy('name', 'Name').copy('api_id', 'ApiId').copy('type', 'Type');
      p.block('lambda_config', 'LambdaConfig', lambda =>
        lambda.copy('function_arn', 'LambdaFunctionArn'),
      );
      keepArguments(p);
    },
  },
  aws_secretsmanager_secret_rotation: {
    type: 'AWS::SecretsManager::RotationSchedule',
    primary: ['id'],
    properties: p =>
      keepArguments(
        p
          .copy('secret_id', 'SecretId')
          .copy('rotation_lambda_arn', 'RotationLambdaARN'),
      ),
  },
  aws_api_gateway_authorizer: {
    type: 'AWS::ApiGateway::Authorizer',
    primary: ['id'],
    properties: p =>
      keepArguments(
        p
          .copy('rest_api_id', 'RestApiId')
          .copy('type', 'Type')
          .copy('authorizer_uri', 'AuthorizerUri'),
      ),
  },
  aws_apigatewayv2_authorizer: {
    type: 'AWS::ApiGatewayV2::Authorizer',
    primary: ['id'],
    properties: p =>
      keepArguments(
        p
          .copy('api_id', 'ApiId')
          .copy('authorizer_type', 'AuthorizerType')
          .copy('authorizer_uri', 'AuthorizerUri'),
      ),
  },
  aws_sfn_state_machine: {
    type: 'AWS::StepFunctions::StateMachine',
    tags: 'Tags',
    primary: ['arn', 'id'],
    attributes: { name: 'Name' },
    properties: p => {
      p.copy('name', 'StateMachineName')
        .copy('role_arn', 'RoleArn')
        .copy('definition', 'Definition', policyDocument);
      p.block('logging_configuration', 'LoggingConfiguration', log =>
        log.copy('level', 'Level'),
      );
      p.block('tracing_configuration', 'TracingConfiguration', tracing =>
        tracing.copy('enabled', 'Enabled'),
      );
    },
  },
  // Taggable resources no rule but OPS-003 reads: mapped for their tags alone.
  ...taggedOnly({
    aws_vpc: 'AWS::EC2::VPC',
    aws_subnet: 'AWS::EC2::Subnet',
    aws_security_group: 'AWS::EC2::SecurityGroup',
    aws_instance: 'AWS::EC2::Instance',
    aws_nat_gateway: 'AWS::EC2::NatGateway',
    aws_eip: 'AWS::EC2::EIP',
    aws_lb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    aws_alb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    aws_lb_target_group: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    aws_alb_target_group: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    aws_ecs_cluster: 'AWS::ECS::Cluster',
    aws_ecs_service: 'AWS::ECS::Service',
    aws_ecs_task_definition: 'AWS::ECS::TaskDefinition',
    aws_ecr_repository: 'AWS::ECR::Repository',
    aws_db_instance: 'AWS::RDS::DBInstance',
    aws_rds_cluster: 'AWS::RDS::DBCluster',
    aws_docdb_cluster: 'AWS::DocDB::DBCluster',
    aws_msk_cluster: 'AWS::MSK::Cluster',
    aws_mq_broker: 'AWS::AmazonMQ::Broker',
    aws_secretsmanager_secret: 'AWS::SecretsManager::Secret',
    aws_ssm_parameter: 'AWS::SSM::Parameter',
    aws_kinesis_stream: 'AWS::Kinesis::Stream',
    aws_cloudwatch_event_bus: 'AWS::Events::EventBus',
    aws_appsync_graphql_api: 'AWS::AppSync::GraphQLApi',
    aws_sfn_activity: 'AWS::StepFunctions::Activity',
    aws_codebuild_project: 'AWS::CodeBuild::Project',
    aws_codepipeline: 'AWS::CodePipeline::Pipeline',
    aws_cloudtrail: 'AWS::CloudTrail::Trail',
    aws_synthetics_canary: 'AWS::Synthetics::Canary',
    aws_iam_instance_profile: 'AWS::IAM::InstanceProfile',
    aws_rds_cluster_instance: 'AWS::RDS::DBInstance',
    aws_db_proxy: 'AWS::RDS::DBProxy',
    aws_db_subnet_group: 'AWS::RDS::DBSubnetGroup',
    aws_db_parameter_group: 'AWS::RDS::DBParameterGroup',
    aws_docdb_cluster_instance: 'AWS::DocDB::DBInstance',
    aws_msk_serverless_cluster: 'AWS::MSK::ServerlessCluster',
    aws_api_gateway_api_key: 'AWS::ApiGateway::ApiKey',
    aws_api_gateway_usage_plan: 'AWS::ApiGateway::UsagePlan',
    aws_api_gateway_domain_name: 'AWS::ApiGateway::DomainName',
    aws_apigatewayv2_domain_name: 'AWS::ApiGatewayV2::DomainName',
    aws_acmpca_certificate_authority: 'AWS::ACMPCA::CertificateAuthority',
    aws_acm_certificate: 'AWS::CertificateManager::Certificate',
    aws_iot_topic_rule: 'AWS::IoT::TopicRule',
    aws_transfer_server: 'AWS::Transfer::Server',
    aws_transfer_user: 'AWS::Transfer::User',
    aws_cloud9_environment_ec2: 'AWS::Cloud9::EnvironmentEC2',
    aws_route_table: 'AWS::EC2::RouteTable',
    aws_internet_gateway: 'AWS::EC2::InternetGateway',
    aws_vpc_endpoint: 'AWS::EC2::VPCEndpoint',
    aws_db_proxy_endpoint: 'AWS::RDS::DBProxyEndpoint',
    aws_batch_compute_environment: 'AWS::Batch::ComputeEnvironment',
    aws_batch_job_queue: 'AWS::Batch::JobQueue',
    aws_batch_job_definition: 'AWS::Batch::JobDefinition',
    aws_bedrockagent_agent: 'AWS::Bedrock::Agent',
    aws_bedrockagent_agent_alias: 'AWS::Bedrock::AgentAlias',
    aws_lb_listener: 'AWS::ElasticLoadBalancingV2::Listener',
    aws_alb_listener: 'AWS::ElasticLoadBalancingV2::Listener',
    aws_lb_listener_rule: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    aws_alb_listener_rule: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    aws_api_gateway_vpc_link: 'AWS::ApiGateway::VpcLink',
    aws_apigatewayv2_vpc_link: 'AWS::ApiGatewayV2::VpcLink',
    aws_service_discovery_service: 'AWS::ServiceDiscovery::Service',
    aws_service_discovery_private_dns_namespace:
      'AWS::ServiceDiscovery::PrivateDnsNamespace',
    aws_service_discovery_public_dns_namespace:
      'AWS::ServiceDiscovery::PublicDnsNamespace',
    aws_service_discovery_http_namespace:
      'AWS::ServiceDiscovery::HttpNamespace',
    aws_qldb_ledger: 'AWS::QLDB::Ledger',
    aws_wafv2_web_acl: 'AWS::WAFv2::WebACL',
    aws_glue_job: 'AWS::Glue::Job',
    aws_kinesisanalyticsv2_application: 'AWS::KinesisAnalyticsV2::Application',
    aws_cloudwatch_metric_stream: 'AWS::CloudWatch::MetricStream',
    aws_db_event_subscription: 'AWS::RDS::EventSubscription',
  }),
  // The same, where the resource model keeps tags under another name.
  aws_efs_file_system: {
    type: 'AWS::EFS::FileSystem',
    tags: 'FileSystemTags',
    primary: ['id'],
    properties: p => keepArguments(p.copy('tags', 'FileSystemTags', tagList)),
  },
  aws_cognito_user_pool: {
    type: 'AWS::Cognito::UserPool',
    tags: 'UserPoolTags',
    primary: ['id'],
    properties: p => keepArguments(p.copy('tags', 'UserPoolTags')),
  },
  aws_route53_health_check: {
    type: 'AWS::Route53::HealthCheck',
    tags: 'HealthCheckTags',
    primary: ['id'],
    properties: p => keepArguments(p.copy('tags', 'HealthCheckTags', tagList)),
  },
});

/** What `<type>.<name>.<attribute>` reads: the primary identifier (a plain Ref) or a named attribute. */
export function referenceTo(
  address: string,
  terraformType: string,
  attribute: string | undefined,
): Ref {
  const mapping = MAPPINGS[terraformType];
  if (
    attribute === undefined ||
    (mapping ? mapping.primary.includes(attribute) : attribute === 'id')
  ) {
    return new Ref(address);
  }
  const attributes = mapping?.attributes;
  const named =
    (attributes && Object.prototype.hasOwnProperty.call(attributes, attribute)
      ? attributes[attribute]
      : undefined) ?? (attribute === 'arn' ? 'Arn' : pascalCase(attribute));
  return new Ref(address, named);
}

function pascalCase(name: string): string {
  return name
    .split('_')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The AWS type a resource of the AWS provider's type `terraformType` maps
 * to, and the property that keeps its tags where it takes any (see
 * Mapping.tags); undefined for types the adapter does not map. @pulumi/aws
 * is generated from the same provider: its resources take tags as these do.
 */
export function providerType(
  terraformType: string,
): { type: string; tagsProperty: string | null } | undefined {
  const mapping = MAPPINGS[terraformType];
  return mapping && { type: mapping.type, tagsProperty: mapping.tags ?? null };
}

/**
 * The AWS properties of a Terraform resource, and the property that keeps
 * its tags where its type takes any (see Mapping.tags); undefined for types
 * the adapter does not map.
 */
export function translate(
  terraformType: string,
  source: ValueMap,
  line: number,
  writtenText?: WrittenText,
):
  | { type: string; properties: ValueMap; tagsProperty: string | null }
  | undefined {
  const mapping = MAPPINGS[terraformType];
  if (!mapping) return undefined;
  const builder = new PropertyBuilder(source, line, writtenText);
  mapping.properties(builder);
  if (source.tags !== undefined && builder.properties.Tags === undefined)
    builder.copy('tags', 'Tags', tagList);
  const properties = builder.build();
  return {
    type: mapping.typeFor?.(properties) ?? mapping.type,
    properties,
    tagsProperty: mapping.tags ?? null,
  };
}

/**
 * Runs a mapping to learn its names rather than to convert arguments: for
 * each property it writes, the argument it reads the property from.
 */
class NameRecorder extends PropertyBuilder {
  constructor(
    private readonly names: Map<string, string>,
    private readonly modelPrefix = '',
    private readonly terraformPrefix = '',
  ) {
    super({}, 0);
  }

  override set(): this {
    return this;
  }

  override copy(from: string, to: string): this {
    // The first argument a mapping reads a property from is its current one (`key_spec`, not `customer_master_key_spec`).
    if (!this.names.has(this.modelPrefix + to))
      this.names.set(this.modelPrefix + to, this.terraformPrefix + from);
    return this;
  }

  override block(
    from: string,
    to: string,
    build: (block: PropertyBuilder) => void,
  ): this {
    this.copy(from, to);
    build(
      new NameRecorder(
        this.names,
        `${this.modelPrefix}${to}.`,
        `${this.terraformPrefix}${from}.`,
      ),
    );
    return this;
  }

  override blocks(
    from: string,
    to: string,
    build: (block: PropertyBuilder) => void,
  ): this {
    return this.block(from, to, build);
  }

  override group(to: string, build: (group: PropertyBuilder) => void): this {
    // Terraform writes the group's arguments where the group stands: the group itself has no name.
    if (!this.names.has(this.modelPrefix + to))
      this.names.set(
        this.modelPrefix + to,
        this.terraformPrefix.replace(/\.$/, ''),
      );
    build(
      new NameRecorder(
        this.names,
        `${this.modelPrefix}${to}.`,
        this.terraformPrefix,
      ),
    );
    return this;
  }
}

/**
 * Properties that Terraform does not write on the resource itself: a REST
 * stage's method settings are their own resource, and a stage that a
 * deployment creates (`stage_name`) takes neither access logs nor settings.
 */
const NAMES_ELSEWHERE = lookupTable<Record<string, string>>({
  aws_api_gateway_stage: {
    MethodSettings: 'aws_api_gateway_method_settings',
    'MethodSettings.ThrottlingRateLimit': 'settings.throttling_rate_limit',
    'MethodSettings.ThrottlingBurstLimit': 'settings.throttling_burst_limit',
  },
  aws_api_gateway_deployment: {
    'StageDescription.AccessLogSetting.DestinationArn':
      'access_log_settings.destination_arn of an aws_api_gateway_stage',
    StageDescription: 'aws_api_gateway_method_settings',
    'StageDescription.ThrottlingRateLimit': 'settings.throttling_rate_limit',
    'StageDescription.ThrottlingBurstLimit': 'settings.throttling_burst_limit',
  },
});

/** The argument names of each mapped type, recorded once per process (types not mapped are not kept: their names are any text). */
const namesByType = new Map<string, Map<string, string>>();

/**
 * A property path of the resource model as a Terraform resource of
 * `terraformType` writes it: the arguments its mapping reads
 * (`RoleName` → `name`, `AccessLogSetting.DestinationArn` →
 * `access_log_settings.destination_arn`), else Terraform's snake case.
 */
export function terraformPropertyName(
  terraformType: string,
  path: string,
): string {
  const elsewhere = NAMES_ELSEWHERE[terraformType]?.[path];
  if (elsewhere !== undefined) return elsewhere;
  const mapping = MAPPINGS[terraformType];
  let names = namesByType.get(terraformType);
  if (!names) {
    names = new Map();
    if (mapping) {
      mapping.properties(new NameRecorder(names));
      namesByType.set(terraformType, names);
    }
  }
  const steps = path.split('.');
  for (let known = steps.length; known > 0; known--) {
    const name = names.get(steps.slice(0, known).join('.'));
    const written =
      name === undefined
        ? ''
        : [name, ...steps.slice(known).map(snakeCase)]
            .filter(Boolean)
            .join('.');
    if (written !== '') return written;
  }
  return steps.map(snakeCase).join('.');
}

/** `KMSMasterKeyId` → `kms_master_key_id`. */
function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])|([A-Z])([A-Z][a-z])/g, '$1$3_$2$4')
    .toLowerCase();
}

/** Arguments of resources that configure another resource (attachments, redrive policies, bucket encryption). */
export const ATTACHMENT_TYPES = new Set([
  'aws_iam_role_policy_attachment',
  'aws_sqs_queue_redrive_policy',
  'aws_kms_key_policy',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_iam_policy_attachment',
  'aws_iam_user_policy_attachment',
  'aws_iam_group_policy_attachment',
  'aws_iam_role_policy_attachments_exclusive',
  'aws_iam_user_policy_attachments_exclusive',
  'aws_iam_group_policy_attachments_exclusive',
  'aws_cloudwatch_event_target',
  'aws_s3_bucket_notification',
  'aws_dynamodb_table_replica',
]);
