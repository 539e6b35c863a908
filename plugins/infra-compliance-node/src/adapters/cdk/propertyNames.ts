/**
 * The properties of a CDK app's resources named in messages as its code
 * writes them: an L1's by its props (`KmsMasterKeyId` is `kmsMasterKeyId`),
 * an L2's by the prop that sets the property, where the L2 has one; one it
 * sets only through a method, with that method. A value the prop writes as
 * another type (an enum's member, a Duration, `reportBatchItemFailures:
 * true` for a mapping's FunctionResponseTypes [ReportBatchItemFailures]) is
 * named as that (see ResourceGraph.valueOf). The L2s' props were checked
 * against `cdk synth` of aws-cdk-lib 2.278.0 (see propertyNames.test.ts).
 */
import {
  PropertySpelling,
  Resource,
  SpelledValue,
  ValueSpelling,
} from '../../graph/ResourceGraph';
import { lookupTable } from '../../support/lookupTable';
import { L1Property, l1PropertyNames } from './l1Types';

/** A prop that sets a property from a value of another type: the prop, and how the code writes the property's value. */
interface TypedProp {
  prop: string;
  value: (value: SpelledValue) => string;
}

/** Of an L2's props (or a method's options), the one that sets each property the rules name, by its path. */
export type L2Props = Readonly<Record<string, string | TypedProp>>;

/** How the code wrote a resource's properties: as its L1's props, or as an L2's (see {@link L2_PROPS}). */
export type WrittenAs = 'l1' | L2Props;

/** A function's props; an image's function has no runtime. */
const FUNCTION_OPTIONS = {
  FunctionName: 'functionName',
  DeadLetterConfig: 'deadLetterQueue',
  TracingConfig: 'tracing',
  'LoggingConfig.LogGroup': 'logGroup',
  KmsKeyArn: 'environmentEncryption',
};
const FUNCTION_PROPS = { ...FUNCTION_OPTIONS, Runtime: 'runtime' };
/** A Table's `encryption` (an enum), a TableV2's (TableEncryptionV2's factories): the members that write SSEEnabled true and false. */
const tableProps = (awsManaged: string, awsOwned: string) => ({
  SSESpecification: 'encryption',
  'SSESpecification.SSEEnabled': {
    prop: 'encryption',
    value: (enabled: SpelledValue) => (enabled ? awsManaged : awsOwned),
  },
});

/** Of a REST API's stage: the `deployOptions` of the API (restapi.ts, _configureDeployment). */
export const REST_API_STAGE_OPTIONS: L2Props = lookupTable({
  'AccessLogSetting.DestinationArn': 'deployOptions.accessLogDestination',
  MethodSettings: 'deployOptions',
  'MethodSettings.ThrottlingRateLimit': 'deployOptions.throttlingRateLimit',
  'MethodSettings.ThrottlingBurstLimit': 'deployOptions.throttlingBurstLimit',
});

/** Of an HTTP or WebSocket API's stage, and of `httpApi.addStage`'s options. */
const STAGE_THROTTLE = {
  DefaultRouteSettings: 'throttle',
  'DefaultRouteSettings.ThrottlingRateLimit': 'throttle.rateLimit',
  'DefaultRouteSettings.ThrottlingBurstLimit': 'throttle.burstLimit',
};
export const HTTP_STAGE_OPTIONS: L2Props = lookupTable({
  'AccessLogSettings.DestinationArn': 'accessLogSettings.destination',
  ...STAGE_THROTTLE,
});
/** The alpha module's (2.114.1-alpha.0) take a throttle but no access logs: those are named as CloudFormation names them. */
const ALPHA_STAGE_OPTIONS: L2Props = lookupTable(STAGE_THROTTLE);

/**
 * Of the `$default` stage an HttpApi creates, by the API's class: the API's props cannot set them, so the messages
 * say to make a stage of the app's own instead. The limits are named within the throttle, as OPS-001 writes them, the
 * hint after the last. The alpha module's names its access logs as its stages do.
 */
const OWN_STAGE =
  "the HttpApi's props cannot set them on the $default stage it creates: set createDefaultStage: false and add an HttpStage, or httpApi.addStage(), with them";
const DEFAULT_STAGE_THROTTLE = {
  ...STAGE_THROTTLE,
  'DefaultRouteSettings.ThrottlingBurstLimit': `throttle.burstLimit (${OWN_STAGE})`,
};
export const HTTP_API_DEFAULT_STAGE = lookupTable<L2Props>({
  'aws-apigatewayv2.HttpApi': lookupTable({
    'AccessLogSettings.DestinationArn': `accessLogSettings.destination; ${OWN_STAGE}`,
    ...DEFAULT_STAGE_THROTTLE,
  }),
  'aws-apigatewayv2-alpha.HttpApi': lookupTable(DEFAULT_STAGE_THROTTLE),
});

/** Of an event source mapping, and of the options of `addEventSourceMapping` and of an SqsEventSource. */
export const EVENT_SOURCE_MAPPING_OPTIONS: L2Props = lookupTable({
  // The prop's true writes [ReportBatchItemFailures], the only type the L2s write.
  FunctionResponseTypes: {
    prop: 'reportBatchItemFailures',
    value: types =>
      String(
        typeof types === 'object' && types.includes('ReportBatchItemFailures'),
      ),
  },
});

/** Of an alarm, and of `metric.createAlarm`'s options: neither has actions, which `addAlarmAction` adds. */
export const ALARM_OPTIONS: L2Props = lookupTable({
  AlarmActions: 'alarm actions (addAlarmAction)',
});

/**
 * Of the log group an awslogs driver makes when it is given none (aws-ecs/lib/log-drivers/aws-log-driver.ts): the
 * driver's `logRetention` sets its retention; the driver takes no key, so a key goes on a log group of the app's own.
 */
export const AWS_LOGS_DRIVER_LOG_GROUP: L2Props = lookupTable({
  RetentionInDays: 'logRetention (of its LogDrivers.awsLogs)',
  KmsKeyId:
    'encryptionKey (LogDrivers.awsLogs takes none: give the driver a LogGroup of your own with one, as logGroup)',
});

/** The L2s modelled, by `<module>.<class>`: of each, the prop that sets each property the rules name. */
export const L2_PROPS = lookupTable<L2Props>({
  'aws-sqs.Queue': lookupTable({
    KmsMasterKeyId: 'encryptionMasterKey',
    // UNENCRYPTED writes false; KMS_MANAGED and KMS write a KmsMasterKeyId instead of true.
    SqsManagedSseEnabled: {
      prop: 'encryption',
      value: enabled =>
        enabled ? 'QueueEncryption.SQS_MANAGED' : 'QueueEncryption.UNENCRYPTED',
    },
    RedrivePolicy: 'deadLetterQueue',
    MessageRetentionPeriod: {
      prop: 'retentionPeriod',
      value: seconds => `Duration.seconds(${seconds})`,
    },
  }),
  'aws-sns.Topic': lookupTable({ KmsMasterKeyId: 'masterKey' }),
  'aws-logs.LogGroup': lookupTable({
    RetentionInDays: 'retention',
    KmsKeyId: 'encryptionKey',
  }),
  'aws-kms.Key': lookupTable({
    EnableKeyRotation: 'enableKeyRotation',
    KeyPolicy: 'policy',
  }),
  'aws-dynamodb.Table': lookupTable(
    tableProps('TableEncryption.AWS_MANAGED', 'TableEncryption.DEFAULT'),
  ),
  'aws-dynamodb.TableV2': lookupTable(
    tableProps(
      'TableEncryptionV2.awsManagedKey()',
      'TableEncryptionV2.dynamoOwnedKey()',
    ),
  ),
  'aws-iam.Role': lookupTable({
    RoleName: 'roleName',
    AssumeRolePolicyDocument: 'assumedBy',
  }),
  'aws-iam.ManagedPolicy': lookupTable({
    ManagedPolicyName: 'managedPolicyName',
  }),
  'aws-lambda.Function': lookupTable(FUNCTION_PROPS),
  'aws-lambda.SingletonFunction': lookupTable(FUNCTION_PROPS),
  'aws-lambda-nodejs.NodejsFunction': lookupTable(FUNCTION_PROPS),
  'aws-lambda-python-alpha.PythonFunction': lookupTable(FUNCTION_PROPS),
  'aws-lambda-go-alpha.GoFunction': lookupTable(FUNCTION_PROPS),
  'triggers.TriggerFunction': lookupTable(FUNCTION_PROPS),
  'aws-cloudfront.experimental.EdgeFunction': lookupTable(FUNCTION_PROPS),
  'aws-lambda.DockerImageFunction': lookupTable(FUNCTION_OPTIONS),
  'aws-apigateway.Stage': lookupTable({
    'AccessLogSetting.DestinationArn': 'accessLogDestination',
    // Each of methodOptions takes the limits, as the stage's own props do (for `/*/*`).
    MethodSettings: 'props or methodOptions',
    'MethodSettings.ThrottlingRateLimit': 'throttlingRateLimit',
    'MethodSettings.ThrottlingBurstLimit': 'throttlingBurstLimit',
  }),
  'aws-apigatewayv2.HttpStage': HTTP_STAGE_OPTIONS,
  'aws-apigatewayv2-alpha.HttpStage': ALPHA_STAGE_OPTIONS,
  'aws-apigatewayv2.WebSocketStage': HTTP_STAGE_OPTIONS,
  'aws-apigatewayv2-alpha.WebSocketStage': ALPHA_STAGE_OPTIONS,
});

/** The one prop of an L2's props (a key of them, not a path) that sets a top-level property, if the L2 has one. */
export function propSetting(
  l2Props: WrittenAs | undefined,
  property: string,
): string | undefined {
  const setting = l2Props === 'l1' ? undefined : l2Props?.[property];
  const prop = typeof setting === 'object' ? setting.prop : setting;
  return prop !== undefined && /^[A-Za-z_$][\w$]*$/.test(prop)
    ? prop
    : undefined;
}

/** How the code wrote each resource's properties, of those whose code did not write them as CloudFormation's. */
const writtenAsOf = new WeakMap<Resource, WrittenAs>();

/**
 * The properties of an L2's resource its code set on the L1 below it, by how: as the L1's props
 * (`(queue.node.defaultChild as CfnQueue).sqsManagedSseEnabled`), or as CloudFormation's (`addPropertyOverride`).
 */
export type WrittenOnL1 = ReadonlyMap<string, 'l1' | 'cloudformation'>;
const writtenOnL1Of = new WeakMap<Resource, WrittenOnL1>();

export function recordWrittenAs(
  resource: Resource,
  writtenAs: WrittenAs,
  onL1?: WrittenOnL1,
): void {
  writtenAsOf.set(resource, writtenAs);
  if (onL1) writtenOnL1Of.set(resource, onL1);
}

/** How the code wrote a property path of the resource: that of its top-level property set on the L1 below an L2, else the resource's. */
function writingOf(
  resource: Resource,
  path: string,
): WrittenAs | 'cloudformation' | undefined {
  return (
    writtenOnL1Of.get(resource)?.get(/^[^.[]*/.exec(path)![0]) ??
    writtenAsOf.get(resource)
  );
}

/**
 * Properties named as the code wrote them; a property an L2 does not set, and those of a resource written as
 * CloudFormation's (a CfnResource's, an override) or made by CDK (a function's role), as CloudFormation names them.
 */
export const writtenAsCdk: PropertySpelling = (resource, path) => {
  const written = writingOf(resource, path);
  if (written === 'l1') return l1PropPath(resource.type, path);
  const prop = written === 'cloudformation' ? undefined : written?.[path];
  return (typeof prop === 'object' ? prop.prop : prop) ?? path;
};

/** A value of a property an L2 sets from a prop of another type, as that prop's value; else as the model's (an L1's are alike). */
export const valueAsCdk: ValueSpelling = (resource, path, value) => {
  const written = writingOf(resource, path);
  const prop =
    written === 'l1' || written === 'cloudformation'
      ? undefined
      : written?.[path];
  return typeof prop === 'object' ? prop.value(value) : undefined;
};

/**
 * A property path as an L1 of `type` writes it in its props: each step by the prop aws-cdk-lib's converters
 * read it from (see l1PropertyNames), else in camel case; below a value kept as written (a policy document),
 * as written, and a key of a map as written (`ApiStages[0].Throttle./orders/GET`).
 */
export function l1PropPath(type: string, path: string): string {
  const properties = l1PropertyNames()[type] ?? {};
  const named = Object.entries(properties).map(([key, property]) => ({
    key,
    prop: key.slice(key.indexOf('.') + 1),
    ...nameAndReading(key, property),
  }));
  let holder = '';
  let rest: 'props' | 'asWritten' | 'mapKey' = 'props';
  return path
    .split('.')
    .map(step => {
      if (rest === 'asWritten') return step;
      if (rest === 'mapKey') {
        rest = 'props';
        return step;
      }
      // An item of a list keeps its index: `Policies[0]` is `policies[0]`.
      const [, name, indexes] = /^(.*?)((?:\[\d+\])*)$/.exec(step)!;
      // Looked up by the prop holding it first, as the converters are (`durableConfig.kmsKeyArn`).
      const listed =
        named.find(
          entry =>
            entry.name === name && entry.key === `${holder}.${entry.prop}`,
        ) ??
        named.find(entry => entry.name === name && entry.key === entry.prop);
      const prop = listed?.prop ?? name.charAt(0).toLowerCase() + name.slice(1);
      if (listed?.read === 'map') rest = 'mapKey';
      else if (listed?.read !== undefined) rest = 'asWritten';
      holder = prop;
      return prop + indexes;
    })
    .join('.');
}

/** The property a listed prop is, and how its value is read. */
function nameAndReading(
  key: string,
  property: L1Property,
): { name: string; read?: string } {
  if (typeof property === 'string') return { name: property };
  const prop = key.slice(key.indexOf('.') + 1);
  return {
    name: property.name ?? prop.charAt(0).toUpperCase() + prop.slice(1),
    read: property.read,
  };
}
