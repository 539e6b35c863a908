/**
 * SAM resources expanded into the resources SAM generates for them, with the
 * same logical ids SAM gives them (`<Function>Role`, `<Function><Event>`,
 * `ServerlessRestApiProdStage`, ...). Generated resources keep the line of
 * the SAM source that caused them and name it in `generatedBy`.
 */
import { hash } from 'node:crypto';
import { posix } from 'node:path';
import { DocumentParseError, parseYaml } from '../../../documents/parseYaml';
import { lineOfPath, recordLines } from '../../../graph/locations';
import {
  InlineSuppression,
  LineSpan,
  Resource,
} from '../../../graph/ResourceGraph';
import {
  Ref,
  Unknown,
  Value,
  ValueMap,
  asList,
  asString,
  concat,
  isMap,
  setEntry,
} from '../../../graph/values';
import { markGenerated } from '../../../analysis/iam';
import { SAM_EXTRA_STAGE_NAME } from '../../../analysis/samExtraStage';
import { POLICY_TEMPLATES } from './policyTemplates';
import {
  RESOURCE_POLICY_CONNECTIONS,
  ROLE_PROFILES,
  connectorEnd,
} from './connectors';
import { lookupTable } from '../../../support/lookupTable';
import { awsManagedPolicyArn } from '../../../analysis/awsManagedPolicies';
import { ReadCompanionFile } from '../../types';

const MANAGED_POLICY_PREFIX = 'arn:aws:iam::aws:policy/';
const BASIC_EXECUTION = `${MANAGED_POLICY_PREFIX}service-role/AWSLambdaBasicExecutionRole`;
const EVENT_SOURCE_POLICIES = lookupTable<string>({
  SQS: `${MANAGED_POLICY_PREFIX}service-role/AWSLambdaSQSQueueExecutionRole`,
  Kinesis: `${MANAGED_POLICY_PREFIX}service-role/AWSLambdaKinesisExecutionRole`,
  DynamoDB: `${MANAGED_POLICY_PREFIX}service-role/AWSLambdaDynamoDBExecutionRole`,
  MSK: `${MANAGED_POLICY_PREFIX}service-role/AWSLambdaMSKExecutionRole`,
});
const EVENT_SOURCE_ARN_PROPERTY = lookupTable<string>({
  SQS: 'Queue',
  Kinesis: 'Stream',
  DynamoDB: 'Stream',
  MSK: 'Stream',
  MQ: 'Broker',
  DocumentDB: 'Cluster',
});
const PERMISSION_PRINCIPALS = lookupTable<string>({
  Api: 'apigateway.amazonaws.com',
  HttpApi: 'apigateway.amazonaws.com',
  S3: 's3.amazonaws.com',
  SNS: 'sns.amazonaws.com',
  Schedule: 'events.amazonaws.com',
  CloudWatchEvent: 'events.amazonaws.com',
  EventBridgeRule: 'events.amazonaws.com',
  CloudWatchLogs: 'logs.amazonaws.com',
  IoTRule: 'iot.amazonaws.com',
  AlexaSkill: 'alexa-appkit.amazon.com',
  Cognito: 'cognito-idp.amazonaws.com',
});

const DESTINATION_ACTIONS = lookupTable<string>({
  SQS: 'sqs:SendMessage',
  SNS: 'sns:Publish',
  Lambda: 'lambda:InvokeFunction',
  EventBridge: 'events:PutEvents',
});

/** The SNS subscription keys an SNS event's properties set, by where the event writes them. */
const SUBSCRIPTION_LINES: Record<string, string[]> = {
  TopicArn: ['Topic'],
  FilterPolicy: ['FilterPolicy'],
  RedrivePolicy: ['RedrivePolicy'],
};

/** The event property a Lambda permission's SourceArn is built from, by event type. */
const PERMISSION_SOURCE_PROPERTIES = lookupTable<string>({
  S3: 'Bucket',
  SNS: 'Topic',
  Api: 'RestApiId',
  HttpApi: 'ApiId',
});

/** SAM schedule and rule event properties whose CloudFormation name differs. */
const EVENT_RULE_PROPERTIES = lookupTable<string>({
  Schedule: 'ScheduleExpression',
  Pattern: 'EventPattern',
});

/** What SAM passes from a ScheduleV2 event to the schedule it creates. */
const SCHEDULE_PROPERTIES = [
  'ScheduleExpression',
  'FlexibleTimeWindow',
  'Name',
  'State',
  'Description',
  'StartDate',
  'EndDate',
  'ScheduleExpressionTimezone',
  'GroupName',
  'KmsKeyArn',
];

/**
 * Properties SAM passes through unchanged from a resource to one it
 * generates, set in the order it writes them.
 */
class PassedThrough {
  private readonly positions: ReadonlyMap<string, number>;

  constructor(private readonly keys: readonly string[]) {
    this.positions = new Map(keys.map((key, index) => [key, index]));
  }

  /**
   * Sets in `to` each of the keys that `from` holds a value under. It reads
   * the keys `from` has rather than looking each of these up: most are not
   * there, and looking up a missing key on maps of as many shapes as
   * templates write was the SAM expansion's costliest line.
   */
  copy(from: ValueMap, to: ValueMap): void {
    let found: (Value | undefined)[] | undefined;
    for (const key in from) {
      if (!Object.prototype.hasOwnProperty.call(from, key)) continue;
      const index = this.positions.get(key);
      if (index === undefined) continue;
      found ??= new Array(this.keys.length);
      found[index] = from[key];
    }
    if (!found) return;
    for (let index = 0; index < this.keys.length; index++) {
      const value = found[index];
      if (value !== undefined) to[this.keys[index]] = value;
    }
  }
}

const FUNCTION_PROPERTIES = new PassedThrough([
  'FunctionName',
  'Description',
  'Handler',
  'Runtime',
  'Timeout',
  'MemorySize',
  'Environment',
  'VpcConfig',
  'Layers',
  'Architectures',
  'KmsKeyArn',
  'ReservedConcurrentExecutions',
  'LoggingConfig',
  'EphemeralStorage',
  'PackageType',
  'ImageConfig',
  'FileSystemConfigs',
  'CodeSigningConfigArn',
  'SnapStart',
  'RuntimeManagementConfig',
  'RecursiveLoop',
  'Tags',
]);
const EVENT_SOURCE_MAPPING_PROPERTIES = new PassedThrough([
  'BatchSize',
  'Enabled',
  'FunctionResponseTypes',
  'MaximumBatchingWindowInSeconds',
  'ScalingConfig',
  'FilterCriteria',
  'StartingPosition',
  'DestinationConfig',
  'MaximumRetryAttempts',
  'BisectBatchOnFunctionError',
  'MaximumRecordAgeInSeconds',
  'ParallelizationFactor',
  'TumblingWindowInSeconds',
]);
const EVENT_INVOKE_CONFIG_PROPERTIES = new PassedThrough([
  'MaximumEventAgeInSeconds',
  'MaximumRetryAttempts',
]);
const REST_API_PROPERTIES = new PassedThrough([
  'Name',
  'Description',
  'EndpointConfiguration',
  'Tags',
  'BinaryMediaTypes',
  'Policy',
  'MinimumCompressionSize',
  'DisableExecuteApiEndpoint',
]);
const REST_API_STAGE_PROPERTIES = new PassedThrough([
  'MethodSettings',
  'AccessLogSetting',
  'TracingEnabled',
  'Variables',
  'CacheClusterEnabled',
  'CacheClusterSize',
  'CanarySetting',
  'Tags',
]);
const HTTP_API_PROPERTIES = new PassedThrough([
  'Name',
  'Description',
  'CorsConfiguration',
  'Tags',
  'DisableExecuteApiEndpoint',
]);
const HTTP_API_STAGE_PROPERTIES = new PassedThrough([
  'AccessLogSettings',
  'DefaultRouteSettings',
  'RouteSettings',
  'StageVariables',
  'Tags',
]);
const SIMPLE_TABLE_PROPERTIES = new PassedThrough([
  'TableName',
  'SSESpecification',
  'Tags',
  'ProvisionedThroughput',
  'PointInTimeRecoverySpecification',
]);

/** One SAM resource of the template, after intrinsics (and Globals) were applied. */
export interface SamSource {
  id: string;
  type: string;
  properties: ValueMap;
  file: string;
  line: number;
  linesFromDefaults?: readonly LineSpan[];
  deployedIf?: string;
  suppressions: InlineSuppression[];
}

/** A connector, expanded once the template's resources are all known. */
interface PendingConnector {
  connector: SamSource;
  /** The resource the template writes it in: the connector, or the source it is embedded in. */
  declaredBy: SamSource;
  origin?: string;
}

/**
 * The ids SAM gives the version and the alias it publishes for a function's
 * `AutoPublishAlias`. SAM ends the version's with ten hex digits of a hash of
 * the code, which no template can name; the stand-in ends with a hash of the
 * function's id instead, so that it is no other resource of the template
 * (`MyFunctionVersion` may be a function of its own).
 */
export function publishedQualifierIds(
  functionId: string,
  aliasName: string,
): { version: string; alias: string } {
  return {
    version: `${functionId}Version${hash('sha1', functionId, 'hex').slice(
      0,
      10,
    )}`,
    alias: `${functionId}Alias${aliasName}`,
  };
}

/** The id of the dead-letter queue SAM creates for a rule or schedule event (`eventId`) with `DeadLetterConfig.Type: SQS`. */
export function implicitEventQueueId(
  eventId: string,
  queueLogicalId: unknown,
): string {
  return typeof queueLogicalId === 'string'
    ? queueLogicalId
    : `${eventId}Queue`;
}

/** Expands the SAM resources of a template; other resources pass through unchanged. */
export class SamExpander {
  private readonly out: Resource[] = [];
  private hasImplicitRestApi = false;
  private hasImplicitHttpApi = false;
  private readonly connectors: PendingConnector[] = [];

  constructor(
    private readonly file: string,
    /** Globals.Api / Globals.HttpApi, for the implicit APIs. */
    private readonly globals: { Api?: ValueMap; HttpApi?: ValueMap },
    /** Reads the files the template names (a state machine's `DefinitionUri`). */
    private readonly readFile?: ReadCompanionFile,
  ) {}

  add(source: SamSource): void {
    switch (source.type) {
      case 'AWS::Serverless::Function':
        this.expandFunction(source);
        break;
      case 'AWS::Serverless::Api':
        this.expandRestApi(source.id, source.properties, source, undefined);
        break;
      case 'AWS::Serverless::HttpApi':
        this.expandHttpApi(source.id, source.properties, source, undefined);
        break;
      case 'AWS::Serverless::SimpleTable':
        this.expandSimpleTable(source);
        break;
      case 'AWS::Serverless::StateMachine':
        this.expandStateMachine(source);
        break;
      case 'AWS::Serverless::GraphQLApi':
        this.expandGraphQLApi(source);
        break;
      case 'AWS::Serverless::Connector':
        this.connectors.push({ connector: source, declaredBy: source });
        break;
      case 'AWS::Serverless::LayerVersion':
        this.push(source, 'AWS::Lambda::LayerVersion', source.properties);
        break;
      case 'AWS::Serverless::Application':
        this.push(source, 'AWS::CloudFormation::Stack', source.properties);
        break;
      default:
        this.push(source, source.type, source.properties);
    }
  }

  /**
   * The `Connectors` a resource embeds (`connectors` evaluated, on the
   * lines of the template): each is a connector from it, whose id is the
   * resource's followed by the connector's name, as SAM makes them.
   */
  addEmbeddedConnectors(host: SamSource, connectors: ValueMap): void {
    for (const [name, connector] of Object.entries(connectors)) {
      if (!isMap(connector)) continue;
      const written = isMap(connector.Properties) ? connector.Properties : {};
      const { SourceReference: sourceReference, ...properties } = written;
      properties.Source = {
        ...(isMap(sourceReference) ? sourceReference : {}),
        Id: host.id,
      };
      this.connectors.push({
        connector: {
          ...host,
          id: `${host.id}${name}`,
          type: 'AWS::Serverless::Connector',
          properties,
          line: lineOfPath(connectors, [name], host.line),
        },
        declaredBy: host,
        origin: `connector ${name}`,
      });
    }
  }

  /** The resources added so far, expanded. */
  resources(): Resource[] {
    return this.out;
  }

  private push(
    source: SamSource,
    type: string,
    properties: ValueMap,
    generated?: { id: string; line: number; origin?: string },
  ): Resource {
    const resource: Resource = {
      id: generated?.id ?? source.id,
      type,
      properties,
      file: this.file,
      line: generated?.line ?? source.line,
      sourceType: source.type,
      generatedBy: generated ? source.id : undefined,
      origin: generated?.origin,
      suppressions: source.suppressions,
    };
    // What SAM generates from the source's values reads the same defaults.
    if (source.linesFromDefaults)
      resource.linesFromDefaults = source.linesFromDefaults;
    if (source.deployedIf !== undefined)
      resource.deployedIf = source.deployedIf;
    if (generated) recordLines(properties, generated.line);
    this.out.push(resource);
    return resource;
  }

  /**
   * An SNS event with `SqsSubscription`: the topic delivers to a queue (one
   * SAM creates, with nothing set, unless the event names its own with
   * `QueueArn`/`QueueUrl`) that a mapping reads for the function.
   */
  private expandSnsThroughQueue(
    source: SamSource,
    eventProps: ValueMap,
    generated: { name: string; id: string; line: number; origin: string },
  ) {
    const { name, id, line, origin } = generated;
    const subscription = eventProps.SqsSubscription;
    let queueArn: Value;
    let queueUrl: Value;
    let policyId = `${id}QueuePolicy`;
    if (isMap(subscription)) {
      queueArn =
        subscription.QueueArn ?? new Unknown('SqsSubscription QueueArn');
      queueUrl =
        subscription.QueueUrl ?? new Unknown('SqsSubscription QueueUrl');
      policyId = asString(subscription.QueuePolicyLogicalId) ?? policyId;
    } else if (subscription === true || subscription === 'true') {
      const queue = this.push(
        source,
        'AWS::SQS::Queue',
        {},
        { id: `${id}Queue`, line, origin: `queue of ${origin}` },
      );
      queueArn = new Ref(queue.id, 'Arn');
      queueUrl = new Ref(queue.id);
    } else {
      queueArn = new Unknown('SqsSubscription not known statically');
      queueUrl = queueArn;
    }
    const topic = eventProps.Topic ?? new Unknown('topic');
    const statement: ValueMap = {
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queueArn,
      Condition: { ArnEquals: { 'aws:SourceArn': topic } },
    };
    this.eventLines(statement, source, name, line, {
      Resource: ['SqsSubscription', 'QueueArn'],
      Condition: ['Topic'],
    });
    const policy = this.push(
      source,
      'AWS::SQS::QueuePolicy',
      {
        Queues: [queueUrl],
        PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
      },
      { id: policyId, line, origin },
    );
    this.eventLines(policy.properties, source, name, line, {
      Queues: ['SqsSubscription', 'QueueUrl'],
    });
    const snsSubscription = this.push(
      source,
      'AWS::SNS::Subscription',
      {
        Protocol: 'sqs',
        Endpoint: queueArn,
        TopicArn: topic,
        ...(eventProps.FilterPolicy !== undefined
          ? { FilterPolicy: eventProps.FilterPolicy }
          : {}),
        ...(eventProps.RedrivePolicy !== undefined
          ? { RedrivePolicy: eventProps.RedrivePolicy }
          : {}),
      },
      { id, line, origin },
    );
    this.eventLines(snsSubscription.properties, source, name, line, {
      Endpoint: ['SqsSubscription', 'QueueArn'],
      ...SUBSCRIPTION_LINES,
    });
    const batch = isMap(subscription) ? subscription : {};
    const mapping = this.push(
      source,
      'AWS::Lambda::EventSourceMapping',
      {
        EventSourceArn: queueArn,
        FunctionName: new Ref(source.id),
        BatchSize: batch.BatchSize ?? 10,
        Enabled: batch.Enabled ?? true,
      },
      {
        id: `${id}EventSourceMapping`,
        line,
        origin: `SQS subscription of ${origin}`,
      },
    );
    this.eventLines(mapping.properties, source, name, line, {
      EventSourceArn: ['SqsSubscription', 'QueueArn'],
      BatchSize: ['SqsSubscription', 'BatchSize'],
      Enabled: ['SqsSubscription', 'Enabled'],
    });
  }

  /**
   * Gives the keys of a map SAM generates from an event the lines of the
   * event's properties they come from (`from`: key, and the path of what it
   * comes from under the event's Properties); the map is on `line`.
   */
  private eventLines(
    map: ValueMap,
    source: SamSource,
    eventName: string,
    line: number,
    from: Record<string, string[]>,
  ): void {
    const keys: Record<string, number> = {};
    for (const [key, path] of Object.entries(from)) {
      keys[key] = this.lineOf(source, [
        'Events',
        eventName,
        'Properties',
        ...path,
      ]);
    }
    recordLines(map, line, { keys });
  }

  /**
   * A rule or schedule event of a function or state machine: an EventBridge
   * rule (Schedule, CloudWatchEvent, EventBridgeRule) or, for ScheduleV2, an
   * EventBridge Scheduler schedule, with `target` (what it invokes).
   */
  private expandRuleEvent(
    source: SamSource,
    event: {
      name: string;
      id: string;
      line: number;
      origin: string;
      properties: ValueMap;
      scheduler?: boolean;
    },
    target: ValueMap,
  ): void {
    const { name, id, line, origin, properties: eventProps } = event;
    const lineOfEvent = (key: string) =>
      this.lineOf(source, ['Events', name, 'Properties', key]);
    const deadLetter = this.eventDeadLetterConfig(
      source,
      name,
      id,
      eventProps.DeadLetterConfig,
    );
    if (deadLetter !== undefined) target.DeadLetterConfig = deadLetter;
    if (eventProps.RetryPolicy !== undefined)
      target.RetryPolicy = eventProps.RetryPolicy;
    // What SAM passes to the target: each keeps the line the event writes it on.
    const targetKeys: Record<string, number> = {};
    for (const key of [
      'Input',
      'InputPath',
      'InputTransformer',
      ...(event.scheduler ? ['RoleArn'] : []),
    ]) {
      if (eventProps[key] === undefined) continue;
      target[key] = eventProps[key];
      targetKeys[key] = lineOfEvent(key);
    }
    recordLines(target, line, { keys: targetKeys });
    const copied = (props: ValueMap, names: readonly string[]) => {
      const keys: Record<string, number> = {};
      for (const key of names) {
        if (eventProps[key] === undefined) continue;
        props[EVENT_RULE_PROPERTIES[key] ?? key] = eventProps[key];
        keys[EVENT_RULE_PROPERTIES[key] ?? key] = lineOfEvent(key);
      }
      return keys;
    };
    if (event.scheduler) {
      const schedule: ValueMap = {
        ScheduleExpression: new Unknown('schedule'),
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: target,
      };
      const keys = copied(schedule, SCHEDULE_PROPERTIES);
      const { properties } = this.push(
        source,
        'AWS::Scheduler::Schedule',
        schedule,
        { id, line, origin },
      );
      recordLines(properties, line, { keys });
      return;
    }
    const rule: ValueMap = { Targets: [target] };
    const keys = copied(rule, [
      'Schedule',
      'Pattern',
      'EventBusName',
      'State',
      'Enabled',
      'Description',
      'Name',
    ]);
    const { properties } = this.push(source, 'AWS::Events::Rule', rule, {
      id,
      line,
      origin,
    });
    // Its properties are the event's: each keeps the line it has there.
    recordLines(properties, line, { keys });
  }

  /**
   * The `DeadLetterConfig` of a rule or schedule event (`eventId`, SAM's id
   * for the rule). With `Type: SQS` and no `Arn`, SAM creates the queue
   * (`QueueLogicalId`, else `<eventId>Queue`), with no properties set.
   */
  private eventDeadLetterConfig(
    source: SamSource,
    eventName: string,
    eventId: string,
    config: Value | undefined,
  ): Value | undefined {
    if (!isMap(config) || config.Arn !== undefined || config.Type !== 'SQS')
      return config;
    const queue = this.push(
      source,
      'AWS::SQS::Queue',
      {},
      {
        id: implicitEventQueueId(eventId, config.QueueLogicalId),
        line: this.lineOf(source, [
          'Events',
          eventName,
          'Properties',
          'DeadLetterConfig',
        ]),
        origin: `dead-letter queue of event ${eventName}`,
      },
    );
    return { Arn: new Ref(queue.id, 'Arn') };
  }

  private lineOf(source: SamSource, path: (string | number)[]): number {
    return lineOfPath(source.properties, path, source.line);
  }

  private expandFunction(source: SamSource): void {
    const p = source.properties;
    const fnRef = new Ref(source.id);
    const fnArn = new Ref(source.id, 'Arn');
    const properties: ValueMap = {};
    FUNCTION_PROPERTIES.copy(p, properties);
    properties.Code =
      p.InlineCode !== undefined
        ? { ZipFile: p.InlineCode }
        : p.CodeUri ?? p.ImageUri ?? {};
    const dlq = isMap(p.DeadLetterQueue) ? p.DeadLetterQueue : undefined;
    const dlqTargetLine = this.lineOf(source, ['DeadLetterQueue', 'TargetArn']);
    if (dlq?.TargetArn !== undefined) {
      properties.DeadLetterConfig = { TargetArn: dlq.TargetArn };
      recordLines(
        properties.DeadLetterConfig,
        this.lineOf(source, ['DeadLetterQueue']),
        { keys: { TargetArn: dlqTargetLine } },
      );
    }
    // A queue not known statically (an import, a condition not known) may well be there.
    else if (p.DeadLetterQueue instanceof Unknown)
      properties.DeadLetterConfig = p.DeadLetterQueue;
    const tracing = p.Tracing;
    if (tracing !== undefined) properties.TracingConfig = { Mode: tracing };

    const implicitRole = p.Role === undefined;
    const roleId = `${source.id}Role`;
    properties.Role = implicitRole ? new Ref(roleId, 'Arn') : p.Role;
    this.copyLines(source, properties, {
      Code: ['InlineCode'],
      DeadLetterConfig: ['DeadLetterQueue'],
      TracingConfig: ['Tracing'],
    });
    this.push(source, 'AWS::Lambda::Function', properties);
    const aliasName = asString(p.AutoPublishAlias);
    if (aliasName !== undefined) this.expandPublishedAlias(source, aliasName);

    const managed: Value[] = [];
    const managedLines: number[] = [];
    const policies: ValueMap[] = [];
    if (implicitRole) {
      managed.push(BASIC_EXECUTION);
      if (tracing === 'Active')
        managed.push(`${MANAGED_POLICY_PREFIX}AWSXrayWriteOnlyAccess`);
      if (p.VpcConfig !== undefined) {
        managed.push(
          `${MANAGED_POLICY_PREFIX}service-role/AWSLambdaVPCAccessExecutionRole`,
        );
      }
      this.readPolicies(source, managed, policies, managedLines);
      if (dlq?.TargetArn !== undefined) {
        const action = dlq.Type === 'SNS' ? 'sns:Publish' : 'sqs:SendMessage';
        policies.push(
          generatedPolicy(
            `${source.id}DeadLetterQueuePolicy`,
            [action],
            dlq.TargetArn,
            dlqTargetLine,
          ),
        );
      }
    }

    this.expandEventInvokeConfig(
      source,
      implicitRole ? policies : undefined,
      p.AutoPublishAlias,
    );

    const events = isMap(p.Events) ? p.Events : {};
    for (const [name, event] of Object.entries(events)) {
      if (!isMap(event)) continue;
      const type = asString(event.Type);
      const eventProps = isMap(event.Properties) ? event.Properties : {};
      const line = this.lineOf(source, ['Events', name]);
      const id = `${source.id}${name}`;
      const origin = `${type ?? 'unknown'} event ${name}`;
      if (
        type &&
        (EVENT_SOURCE_ARN_PROPERTY[type] || type === 'SelfManagedKafka')
      ) {
        // A self-managed Kafka cluster has no ARN: Lambda polls its bootstrap servers.
        const mapping: ValueMap =
          type === 'SelfManagedKafka'
            ? {
                SelfManagedEventSource: {
                  Endpoints: {
                    KafkaBootstrapServers:
                      eventProps.KafkaBootstrapServers ??
                      new Unknown('bootstrap servers'),
                  },
                },
                FunctionName: fnRef,
              }
            : {
                EventSourceArn:
                  eventProps[EVENT_SOURCE_ARN_PROPERTY[type]] ??
                  new Unknown('event source'),
                FunctionName: fnRef,
              };
        EVENT_SOURCE_MAPPING_PROPERTIES.copy(eventProps, mapping);
        const resource = this.push(
          source,
          'AWS::Lambda::EventSourceMapping',
          mapping,
          { id, line, origin },
        );
        // Its properties are the event's: each keeps the line it has there.
        const keys: Record<string, number> = {};
        for (const key of Object.keys(mapping)) {
          const written =
            key === 'EventSourceArn' ? EVENT_SOURCE_ARN_PROPERTY[type] : key;
          keys[key] = Object.prototype.hasOwnProperty.call(eventProps, written)
            ? this.lineOf(source, ['Events', name, 'Properties', written])
            : line;
        }
        recordLines(resource.properties, line, { keys });
        if (implicitRole && EVENT_SOURCE_POLICIES[type])
          managed.push(EVENT_SOURCE_POLICIES[type]);
        continue;
      }
      if (
        type === 'SNS' &&
        eventProps.SqsSubscription !== undefined &&
        eventProps.SqsSubscription !== false
      ) {
        // SAM subscribes a queue to the topic and the function polls it: no Lambda permission.
        this.expandSnsThroughQueue(source, eventProps, {
          name,
          id,
          line,
          origin,
        });
        if (implicitRole) managed.push(EVENT_SOURCE_POLICIES.SQS!);
        continue;
      }
      switch (type) {
        case 'SNS': {
          const subscription = this.push(
            source,
            'AWS::SNS::Subscription',
            {
              Protocol: 'lambda',
              Endpoint: fnArn,
              TopicArn: eventProps.Topic ?? new Unknown('topic'),
              ...(eventProps.FilterPolicy !== undefined
                ? { FilterPolicy: eventProps.FilterPolicy }
                : {}),
              ...(eventProps.RedrivePolicy !== undefined
                ? { RedrivePolicy: eventProps.RedrivePolicy }
                : {}),
            },
            { id, line, origin },
          );
          this.eventLines(
            subscription.properties,
            source,
            name,
            line,
            SUBSCRIPTION_LINES,
          );
          break;
        }
        case 'Schedule':
        case 'CloudWatchEvent':
        case 'EventBridgeRule':
          this.expandRuleEvent(
            source,
            { name, id, line, origin, properties: eventProps },
            { Arn: fnArn, Id: `${id}LambdaTarget` },
          );
          break;
        case 'ScheduleV2':
          this.expandRuleEvent(
            source,
            { name, id, line, origin, properties: eventProps, scheduler: true },
            { Arn: fnArn, RoleArn: new Unknown('SAM scheduler role') },
          );
          continue; // EventBridge Scheduler invokes through its role, with no Lambda permission
        case 'Api':
          if (eventProps.RestApiId === undefined)
            this.ensureImplicitRestApi(source, line);
          break;
        case 'HttpApi':
          if (eventProps.ApiId === undefined)
            this.ensureImplicitHttpApi(source, line);
          break;
        default:
          break;
      }
      const permission: ValueMap = {
        Action: 'lambda:InvokeFunction',
        FunctionName: fnRef,
        Principal:
          (type && PERMISSION_PRINCIPALS[type]) ??
          new Unknown(`event type ${type}`),
      };
      if (type === 'S3' && eventProps.Bucket !== undefined) {
        permission.SourceArn = concat(['arn:aws:s3:::', eventProps.Bucket]);
      } else if (type === 'SNS' && eventProps.Topic !== undefined) {
        permission.SourceArn = eventProps.Topic;
      } else if (type === 'Api' || type === 'HttpApi') {
        const api =
          eventProps.RestApiId ??
          eventProps.ApiId ??
          new Ref(type === 'Api' ? 'ServerlessRestApi' : 'ServerlessHttpApi');
        permission.SourceArn = concat([
          'arn:aws:execute-api:',
          Unknown.oneValue('AWS::Region'),
          ':',
          Unknown.oneValue('AWS::AccountId'),
          ':',
          api,
          '/*',
        ]);
      }
      const { properties: permissionProperties } = this.push(
        source,
        'AWS::Lambda::Permission',
        permission,
        { id: `${id}Permission${type === 'Api' ? 'Prod' : ''}`, line, origin },
      );
      const sourceOf = type ? PERMISSION_SOURCE_PROPERTIES[type] : undefined;
      if (sourceOf && eventProps[sourceOf] !== undefined)
        this.eventLines(permissionProperties, source, name, line, {
          SourceArn: [sourceOf],
        });
    }

    if (isMap(p.FunctionUrlConfig)) {
      this.push(
        source,
        'AWS::Lambda::Url',
        {
          TargetFunctionArn: fnRef,
          AuthType: p.FunctionUrlConfig.AuthType ?? 'AWS_IAM',
        },
        {
          id: `${source.id}Url`,
          line: this.lineOf(source, ['FunctionUrlConfig']),
        },
      );
    }

    if (implicitRole) {
      const role: ValueMap = {
        AssumeRolePolicyDocument: assumeRolePolicy('lambda.amazonaws.com'),
        ManagedPolicyArns: managed,
        Policies: policies,
      };
      if (p.PermissionsBoundary !== undefined)
        role.PermissionsBoundary = p.PermissionsBoundary;
      if (p.Tags !== undefined) role.Tags = p.Tags;
      this.push(source, 'AWS::IAM::Role', role, {
        id: roleId,
        line: source.line,
      });
      if (p.Policies !== undefined) {
        const line = this.lineOf(source, ['Policies']);
        recordLines(managed, line, {
          items: managed.map((_, i) => managedLines[i] ?? line),
        });
        recordLines(policies, line);
      }
    }
  }

  /**
   * `AutoPublishAlias`: the version SAM publishes on each change of the code
   * and the alias that points at it, which templates invoke the function
   * through (`!Ref MyFunction.Alias`).
   */
  private expandPublishedAlias(source: SamSource, aliasName: string): void {
    const { version, alias } = publishedQualifierIds(source.id, aliasName);
    const line = this.lineOf(source, ['AutoPublishAlias']);
    this.push(
      source,
      'AWS::Lambda::Version',
      { FunctionName: new Ref(source.id) },
      { id: version, line },
    );
    this.push(
      source,
      'AWS::Lambda::Alias',
      {
        FunctionName: new Ref(source.id),
        FunctionVersion: new Ref(version, 'Version'),
        Name: aliasName,
      },
      { id: alias, line },
    );
  }

  /**
   * SAM `Policies`: managed policy names/ARNs, policy documents and policy
   * templates. `managedLines` receives the line of each managed policy added.
   */
  private readPolicies(
    source: SamSource,
    managed: Value[],
    policies: ValueMap[],
    managedLines: number[] = [],
  ): void {
    const raw = source.properties.Policies;
    const entries =
      isMap(raw) && raw.Statement !== undefined ? [raw] : asList(raw);
    entries.forEach((entry, index) => {
      const name = `${source.id}RolePolicy${index}`;
      if (typeof entry === 'string') {
        // SAM reads a name as the AWS managed policy's ARN, with its path
        // (`AWSLambdaRole` is `service-role/`), and passes on as written what
        // names no policy (`service-role/AWSLambdaRole`), which IAM refuses.
        managed.push(
          entry.startsWith('arn:')
            ? entry
            : awsManagedPolicyArn(entry) ?? entry,
        );
        managedLines[managed.length - 1] = this.lineOf(source, [
          'Policies',
          index,
        ]);
      } else if (isMap(entry) && entry.Statement !== undefined) {
        policies.push({ PolicyName: name, PolicyDocument: entry });
      } else if (isMap(entry) && Object.keys(entry).length === 1) {
        const [templateName] = Object.keys(entry);
        const expand = POLICY_TEMPLATES[templateName];
        const parameters = isMap(entry[templateName])
          ? (entry[templateName] as ValueMap)
          : {};
        const document: Value = expand
          ? { Version: '2012-10-17', Statement: expand(parameters) }
          : new Unknown(`SAM policy template ${templateName}`);
        if (isMap(document)) {
          markGenerated(document, 'template');
          recordLines(document, this.lineOf(source, ['Policies', index]));
        }
        policies.push({ PolicyName: name, PolicyDocument: document });
      } else {
        // A reference to a managed policy, or something SAM resolves at deploy time.
        managed.push(entry);
        managedLines[managed.length - 1] = this.lineOf(source, [
          'Policies',
          index,
        ]);
      }
    });
  }

  /** SAM `EventInvokeConfig`: of the alias `AutoPublishAlias` publishes where there is one (SAM's Qualifier), else of `$LATEST`. */
  private expandEventInvokeConfig(
    source: SamSource,
    rolePolicies: ValueMap[] | undefined,
    aliasName: Value | undefined,
  ): void {
    const config = source.properties.EventInvokeConfig;
    if (!isMap(config)) return;
    const line = this.lineOf(source, ['EventInvokeConfig']);
    const destinations = isMap(config.DestinationConfig)
      ? config.DestinationConfig
      : {};
    const destinationConfig: ValueMap = {};
    for (const outcome of ['OnSuccess', 'OnFailure']) {
      const destination = destinations[outcome];
      if (!isMap(destination)) continue;
      let arn = destination.Destination;
      const type = asString(destination.Type);
      if (arn === undefined && (type === 'SQS' || type === 'SNS')) {
        // SAM creates the queue or topic itself when no destination is given.
        const id = `${source.id}EventInvokeConfig${outcome}${
          type === 'SQS' ? 'Queue' : 'Topic'
        }`;
        this.push(
          source,
          type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic',
          {},
          {
            id,
            line: this.lineOf(source, [
              'EventInvokeConfig',
              'DestinationConfig',
              outcome,
            ]),
          },
        );
        arn = type === 'SQS' ? new Ref(id, 'Arn') : new Ref(id);
      }
      if (arn === undefined) continue;
      const outcomePath = ['EventInvokeConfig', 'DestinationConfig', outcome];
      const destinationLine = this.lineOf(source, [
        ...outcomePath,
        'Destination',
      ]);
      destinationConfig[outcome] = { Destination: arn };
      recordLines(
        destinationConfig[outcome],
        this.lineOf(source, outcomePath),
        {
          keys: { Destination: destinationLine },
        },
      );
      const action = DESTINATION_ACTIONS[type ?? ''];
      if (rolePolicies && action) {
        rolePolicies.push(
          generatedPolicy(
            `${source.id}EventInvokeConfig${outcome}Policy`,
            [action],
            arn,
            destinationLine,
          ),
        );
      }
    }
    recordLines(
      destinationConfig,
      this.lineOf(source, ['EventInvokeConfig', 'DestinationConfig']),
    );
    const properties: ValueMap = {
      FunctionName: new Ref(source.id),
      Qualifier: aliasName ?? '$LATEST',
      DestinationConfig: destinationConfig,
    };
    EVENT_INVOKE_CONFIG_PROPERTIES.copy(config, properties);
    this.push(source, 'AWS::Lambda::EventInvokeConfig', properties, {
      id: `${source.id}EventInvokeConfig`,
      line,
      origin: 'EventInvokeConfig',
    });
  }

  private ensureImplicitRestApi(source: SamSource, line: number): void {
    if (this.hasImplicitRestApi) return;
    this.hasImplicitRestApi = true;
    this.expandRestApi(
      'ServerlessRestApi',
      this.globals.Api ?? {},
      source,
      line,
    );
  }

  private ensureImplicitHttpApi(source: SamSource, line: number): void {
    if (this.hasImplicitHttpApi) return;
    this.hasImplicitHttpApi = true;
    this.expandHttpApi(
      'ServerlessHttpApi',
      this.globals.HttpApi ?? {},
      source,
      line,
    );
  }

  /** A REST API and its stage; `line` is set for the implicit API. */
  private expandRestApi(
    id: string,
    p: ValueMap,
    source: SamSource,
    line: number | undefined,
  ): void {
    const generated = line !== undefined;
    const apiProps: ValueMap = {};
    REST_API_PROPERTIES.copy(p, apiProps);
    // The inline OpenAPI definition is the API's Body (integration URIs, credentials).
    if (p.DefinitionBody !== undefined) apiProps.Body = p.DefinitionBody;
    const apiLine = line ?? source.line;
    this.push(
      source,
      'AWS::ApiGateway::RestApi',
      apiProps,
      generated ? { id, line: apiLine } : undefined,
    );
    const stageName = generated
      ? 'Prod'
      : p.StageName ?? new Unknown('stage name');
    const stage: ValueMap = {
      RestApiId: new Ref(id),
      StageName: stageName,
      DeploymentId: new Unknown('SAM deployment'),
    };
    REST_API_STAGE_PROPERTIES.copy(p, stage);
    const stageId = `${id}${
      typeof stageName === 'string' ? stageName : ''
    }Stage`;
    const stageLine = generated
      ? apiLine
      : lineOfPath(p, ['StageName'], source.line);
    const { properties } = this.push(source, 'AWS::ApiGateway::Stage', stage, {
      id: stageId,
      line: stageLine,
    });
    if (!generated) settingLines(properties, p, stageLine);
    // Without OpenApiVersion, SAM's deployment of the API has StageName Stage: a second stage, reachable like the
    // first, that none of the API's stage settings reach (an intrinsic there is a value, which SAM takes as set).
    const openApiVersion = p.OpenApiVersion;
    if (
      (openApiVersion === undefined || openApiVersion === '') &&
      stageName !== SAM_EXTRA_STAGE_NAME
    ) {
      this.push(
        source,
        'AWS::ApiGateway::Deployment',
        { RestApiId: new Ref(id), StageName: SAM_EXTRA_STAGE_NAME },
        { id: `${id}Deployment`, line: apiLine },
      );
    }
    this.expandAuthorizerPermissions(id, p, source);
  }

  /**
   * API Gateway calls each Lambda authorizer of an API (`Auth.Authorizers.<name>.FunctionArn`)
   * synchronously. SAM adds this permission for a REST API unless
   * `DisableFunctionDefaultPermissions`, for an HTTP API with
   * `EnableFunctionDefaultPermissions`; otherwise the author grants it
   * (`FunctionInvokeRole`, a permission of their own). It is kept in every
   * case: it stands for the calls, which the rules judge.
   */
  private expandAuthorizerPermissions(
    apiId: string,
    p: ValueMap,
    source: SamSource,
  ): void {
    const authorizers = isMap(p.Auth) ? p.Auth.Authorizers : undefined;
    if (!isMap(authorizers)) return;
    for (const [name, authorizer] of Object.entries(authorizers)) {
      if (!isMap(authorizer) || authorizer.FunctionArn === undefined) continue;
      this.push(
        source,
        'AWS::Lambda::Permission',
        {
          Action: 'lambda:InvokeFunction',
          FunctionName: authorizer.FunctionArn,
          Principal: 'apigateway.amazonaws.com',
        },
        {
          id: `${apiId}${name}AuthorizerPermission`,
          line: lineOfPath(p, ['Auth', 'Authorizers', name], source.line),
          origin: `authorizer ${name}`,
        },
      );
    }
  }

  private expandHttpApi(
    id: string,
    p: ValueMap,
    source: SamSource,
    line: number | undefined,
  ): void {
    const generated = line !== undefined;
    const apiProps: ValueMap = { ProtocolType: 'HTTP' };
    HTTP_API_PROPERTIES.copy(p, apiProps);
    if (p.DefinitionBody !== undefined) apiProps.Body = p.DefinitionBody;
    const apiLine = line ?? source.line;
    this.push(
      source,
      'AWS::ApiGatewayV2::Api',
      apiProps,
      generated ? { id, line: apiLine } : undefined,
    );
    const stage: ValueMap = {
      ApiId: new Ref(id),
      StageName: p.StageName ?? '$default',
      AutoDeploy: true,
    };
    HTTP_API_STAGE_PROPERTIES.copy(p, stage);
    const stageLine = generated
      ? apiLine
      : lineOfPath(p, ['StageName'], source.line);
    const { properties } = this.push(
      source,
      'AWS::ApiGatewayV2::Stage',
      stage,
      { id: `${id}ApiGatewayDefaultStage`, line: stageLine },
    );
    if (!generated) settingLines(properties, p, stageLine);
    this.expandAuthorizerPermissions(id, p, source);
  }

  private expandSimpleTable(source: SamSource): void {
    const p = source.properties;
    const properties: ValueMap = {};
    SIMPLE_TABLE_PROPERTIES.copy(p, properties);
    properties.BillingMode =
      p.ProvisionedThroughput === undefined ? 'PAY_PER_REQUEST' : 'PROVISIONED';
    this.copyLines(source, properties, {});
    this.push(source, 'AWS::DynamoDB::Table', properties);
  }

  private expandStateMachine(source: SamSource): void {
    const p = source.properties;
    const roleId = `${source.id}Role`;
    const properties: ValueMap = {};
    for (const key of [
      'Name',
      'Definition',
      'DefinitionUri',
      'DefinitionSubstitutions',
      'Type',
      'Tags',
      'PermissionsBoundary',
    ]) {
      if (p[key] !== undefined)
        properties[key === 'Name' ? 'StateMachineName' : key] = p[key];
    }
    if (p.Logging !== undefined) properties.LoggingConfiguration = p.Logging;
    if (p.Tracing !== undefined) properties.TracingConfiguration = p.Tracing;
    if (p.Definition === undefined && typeof p.DefinitionUri === 'string') {
      const definition = this.readDefinition(
        p.DefinitionUri,
        this.lineOf(source, ['DefinitionUri']),
      );
      if (definition !== undefined) properties.Definition = definition;
    }
    properties.RoleArn = p.Role ?? new Ref(roleId, 'Arn');
    this.copyLines(source, properties, {
      LoggingConfiguration: ['Logging'],
      TracingConfiguration: ['Tracing'],
      Definition:
        p.Definition === undefined ? ['DefinitionUri'] : ['Definition'],
    });
    this.push(source, 'AWS::StepFunctions::StateMachine', properties);
    for (const [name, event] of Object.entries(
      isMap(p.Events) ? p.Events : {},
    )) {
      if (!isMap(event)) continue;
      const eventProps = isMap(event.Properties) ? event.Properties : {};
      const line = this.lineOf(source, ['Events', name]);
      const id = `${source.id}${name}`;
      const origin = `${String(event.Type)} event ${name}`;
      // Rules and schedules start executions through a role SAM creates for each event.
      const target: ValueMap = {
        Arn: new Ref(source.id),
        RoleArn: new Unknown('SAM event role'),
      };
      switch (event.Type) {
        // An Api event without RestApiId starts the execution through the implicit REST API, as a function's does.
        case 'Api':
          if (eventProps.RestApiId === undefined)
            this.ensureImplicitRestApi(source, line);
          break;
        case 'Schedule':
        case 'CloudWatchEvent':
        case 'EventBridgeRule':
          this.expandRuleEvent(
            source,
            { name, id, line, origin, properties: eventProps },
            { Id: `${id}StepFunctionsTarget`, ...target },
          );
          break;
        case 'ScheduleV2':
          this.expandRuleEvent(
            source,
            { name, id, line, origin, properties: eventProps, scheduler: true },
            target,
          );
          break;
        default:
          break;
      }
    }
    if (p.Role === undefined) {
      const managed: Value[] = [];
      const managedLines: number[] = [];
      const policies: ValueMap[] = [];
      this.readPolicies(source, managed, policies, managedLines);
      this.push(
        source,
        'AWS::IAM::Role',
        {
          AssumeRolePolicyDocument: assumeRolePolicy('states.amazonaws.com'),
          ManagedPolicyArns: managed,
          Policies: policies,
        },
        { id: roleId, line: source.line },
      );
      if (p.Policies !== undefined) {
        const line = this.lineOf(source, ['Policies']);
        recordLines(managed, line, {
          items: managed.map((_, i) => managedLines[i] ?? line),
        });
        recordLines(policies, line);
      }
    }
  }

  /** The AppSync API, and a data source for each Lambda data source (which AppSync calls synchronously). */
  private expandGraphQLApi(source: SamSource): void {
    const p = source.properties;
    const properties: ValueMap = {};
    for (const key of ['Name', 'XrayEnabled', 'Tags']) {
      if (p[key] !== undefined) properties[key] = p[key];
    }
    if (p.Logging !== undefined) properties.LogConfig = p.Logging;
    this.copyLines(source, properties, { LogConfig: ['Logging'] });
    this.push(source, 'AWS::AppSync::GraphQLApi', properties);
    const lambdas = isMap(p.DataSources) ? p.DataSources.Lambda : undefined;
    if (!isMap(lambdas)) return;
    for (const [name, dataSource] of Object.entries(lambdas)) {
      if (!isMap(dataSource)) continue;
      this.push(
        source,
        'AWS::AppSync::DataSource',
        {
          ApiId: new Ref(source.id, 'ApiId'),
          Name: dataSource.Name ?? name,
          Type: 'AWS_LAMBDA',
          LambdaConfig: {
            LambdaFunctionArn:
              dataSource.FunctionArn ?? new Unknown('data source function'),
          },
        },
        {
          id: `${source.id}${name}LambdaDataSource`,
          line: this.lineOf(source, ['DataSources', 'Lambda', name]),
          origin: `Lambda data source ${name}`,
        },
      );
    }
  }

  /**
   * A definition kept in a file of the tree (`DefinitionUri: statemachine/flow.asl.json`,
   * JSON or YAML), as SAM inlines it; every part of it on the line of
   * `DefinitionUri`, since findings are reported in the template.
   * Undefined when the file is in S3, missing or not readable.
   */
  private readDefinition(uri: string, line: number): Value | undefined {
    if (!this.readFile || /^s3:\/\//.test(uri)) return undefined;
    const text = this.readFile(posix.join(posix.dirname(this.file), uri));
    if (text === undefined) return undefined;
    try {
      return onLine(parseYaml(text) as Value, line);
    } catch (error) {
      if (error instanceof DocumentParseError)
        return new Unknown(`definition in ${uri} that does not parse`);
      throw error;
    }
  }

  /**
   * The connectors of the template, once every resource is known (SAM
   * expands them last: they read the roles of the resources they connect).
   * `others` are the template's resources that are not SAM's.
   */
  expandConnectors(others: readonly Resource[]): void {
    if (this.connectors.length === 0) return;
    const byId = new Map<string, Resource>();
    for (const resource of [...others, ...this.out])
      byId.set(resource.id, resource);
    for (const connector of this.connectors)
      this.expandConnector(connector, byId);
  }

  /**
   * A connector grants one end's role a managed policy (`<connector>Policy`,
   * `<connector>PolicyDestination<n>` for a list of destinations), by the
   * ends' types and its Permissions: on the role the resource names (a
   * function's own role or the one SAM generated for it). A connection SAM
   * does not know is kept as a policy whose document is not known, on both
   * ends' roles; a role not known is a Roles entry not known.
   */
  private expandConnector(
    { connector, declaredBy, origin }: PendingConnector,
    byId: ReadonlyMap<string, Resource>,
  ): void {
    const p = connector.properties;
    const sourceEnd = connectorEnd(p.Source, byId);
    const destinations = Array.isArray(p.Destination)
      ? p.Destination
      : [p.Destination];
    destinations.forEach((destinationRef, index) => {
      const destinationEnd = connectorEnd(destinationRef, byId);
      const pair = `${sourceEnd.type}>${destinationEnd.type}`;
      if (RESOURCE_POLICY_CONNECTIONS.has(pair)) return;
      const profile = ROLE_PROFILES[pair];
      const permissions = asList(p.Permissions);
      const sourceRole = sourceEnd.role(destinationEnd.id);
      const destinationRole = destinationEnd.role(sourceEnd.id);
      let document: Value = new Unknown('SAM connector policy');
      let roles = [sourceRole, destinationRole].filter(
        (role): role is Value => role !== undefined,
      );
      if (
        profile &&
        permissions.every(permission => typeof permission === 'string')
      ) {
        const ends = {
          sourceArn: sourceEnd.arn,
          destinationArn: destinationEnd.arn,
          destinationName: destinationEnd.name,
        };
        const statements = permissions
          .flatMap(
            permission => profile.access[permission as 'Read' | 'Write'] ?? [],
          )
          .map(statement => ({
            Effect: 'Allow',
            Action: [...statement.actions],
            Resource: statement.resources(ends),
          }));
        document = { Version: '2012-10-17', Statement: statements };
        markGenerated(document, 'template');
        roles = [
          (profile.onSource ? sourceRole : destinationRole) ??
            new Unknown('role of a connector end'),
        ];
      }
      const id = Array.isArray(p.Destination)
        ? `${connector.id}PolicyDestination${index}`
        : `${connector.id}Policy`;
      this.push(
        declaredBy,
        'AWS::IAM::ManagedPolicy',
        { PolicyDocument: document, Roles: roles },
        { id, line: connector.line, origin },
      );
    });
  }

  /** Gives renamed properties the line of the SAM property they came from. */
  private copyLines(
    source: SamSource,
    properties: ValueMap,
    renamed: Record<string, (string | number)[]>,
  ) {
    const keys: Record<string, number> = {};
    for (const key of Object.keys(properties)) {
      keys[key] = this.lineOf(source, renamed[key] ?? [key]);
    }
    recordLines(properties, source.line, { keys });
  }
}

/** A copy of a value read from another file, every map and list on `line` of the template. */
function onLine(value: Value, line: number): Value {
  if (Array.isArray(value)) {
    const list = value.map(item => onLine(item, line));
    recordLines(list, line);
    return list;
  }
  if (!isMap(value)) return value;
  const map: ValueMap = {};
  for (const key of Object.keys(value))
    setEntry(map, key, onLine(value[key], line));
  recordLines(map, line);
  return map;
}

/** Gives what an API's stage takes from the API's properties the lines where the API writes them; the rest `line`. */
function settingLines(stage: ValueMap, api: ValueMap, line: number): void {
  const keys: Record<string, number> = {};
  for (const key of Object.keys(stage))
    keys[key] = lineOfPath(api, [key], line);
  recordLines(stage, line, { keys });
}

/** A policy SAM adds to a role for `resource`, which the template writes on `line`. */
function generatedPolicy(
  name: string,
  actions: string[],
  resource: Value,
  line: number,
): ValueMap {
  const statement: ValueMap = {
    Effect: 'Allow',
    Action: actions,
    Resource: resource,
  };
  recordLines(statement, line);
  const document: ValueMap = { Version: '2012-10-17', Statement: [statement] };
  markGenerated(document, 'template');
  return { PolicyName: name, PolicyDocument: document };
}

function assumeRolePolicy(service: string): ValueMap {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}
