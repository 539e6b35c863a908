/**
 * The event subscriptions of @pulumi/aws, the helpers its mixins add
 * (`bucket.onObjectCreated`, `topic.onEvent`, `queue.onEvent`,
 * `aws.cloudwatch.onSchedule`, …): the resources each declares, as its
 * source declares them (sdk/nodejs/<module>/zMixins*.ts, v6). A handler
 * that is a function of the program becomes a `CallbackFunction` of the
 * subscription's name; an existing function is only wired to the source.
 */
import { Unknown, Value } from '../../graph/values';
import { HostObject, JsValue, ResourceHandle, hostMethod, isPlainObject, isProgramFunction } from './interpreter';
import { lookupTable } from '../../support/lookupTable';

type Args = { [key: string]: JsValue };

/** What declaring a subscription needs of the adapter. */
export interface SubscriptionHost {
  /**
   * Declares a resource of the subscription: its function, or with `wires`
   * one that wires `wires.fn` to the source, its id the subscription's name
   * and `-<wires.part>`, which `wires.origin` describes in messages.
   */
  declare(pulumiType: string, args: Args, wires?: { part: string; fn: ResourceHandle; origin: string }): ResourceHandle;
  /** `resource.<name>` as the program reads it. */
  attribute(resource: ResourceHandle, name: string): Value;
}

const POLICY = 'arn:aws:iam::aws:policy/';
const FUNCTION_TYPES = new Set(['lambda.Function', 'lambda.CallbackFunction']);

/** The options a stream's subscription passes on to its event source mapping. */
const STREAM_OPTIONS = [
  'batchSize', 'bisectBatchOnFunctionError', 'destinationConfig', 'maximumBatchingWindowInSeconds',
  'maximumRecordAgeInSeconds', 'maximumRetryAttempts', 'parallelizationFactor', 'startingPosition',
];

interface Source {
  methods: readonly string[];
  /** How messages name the source: `S3 bucket`. */
  noun: string;
  /** Who the permission lets invoke the function, on the source named by its attribute `sourceArn`. */
  principal: string;
  sourceArn: string;
  action?: string;
  /** The managed policies of the function a callback becomes, where not CallbackFunction's default ones. */
  policies?: readonly string[];
  /** The resource that wires the function to the source beside the permission, and the subscription's member that holds it. */
  wiring?: Wiring;
  /** The subscription's options it passes on to that resource. */
  options?: readonly string[];
}

interface Wiring {
  member: string;
  part: string;
  pulumiType: string;
  /** Its arguments; `sourceArn`: the source as the permission names it. */
  args(wired: { source: ResourceHandle; sourceArn: Value; fn: ResourceHandle; options: Args; name: JsValue }, host: SubscriptionHost): Args;
}

/** The event source mapping through which Lambda polls a queue or a stream. */
const MAPPING: Wiring = {
  member: 'eventSourceMapping',
  part: 'mapping',
  pulumiType: 'lambda.EventSourceMapping',
  args: ({ sourceArn, fn, options }) => ({ ...options, enabled: true, eventSourceArn: sourceArn, functionName: fn }),
};

const SOURCES = lookupTable<Source>({
  // Its aws.s3.BucketNotification, made once for all of a bucket's subscriptions when the program
  // ends, is not modelled: the permission already says that S3 invokes the function.
  's3.Bucket': { methods: ['onObjectCreated', 'onObjectRemoved', 'onEvent'], noun: 'S3 bucket', principal: 's3.amazonaws.com', sourceArn: 'arn' },
  'sns.Topic': {
    methods: ['onEvent'],
    noun: 'SNS topic',
    principal: 'sns.amazonaws.com',
    sourceArn: 'id',
    wiring: {
      member: 'subscription',
      part: 'subscription',
      pulumiType: 'sns.TopicSubscription',
      args: ({ source, fn }, host) => ({ topic: source, protocol: 'lambda', endpoint: host.attribute(fn, 'arn') }),
    },
  },
  'sqs.Queue': {
    methods: ['onEvent'],
    noun: 'SQS queue',
    principal: 'sqs.amazonaws.com',
    sourceArn: 'arn',
    action: 'lambda:*',
    policies: [`${POLICY}AWSLambdaFullAccess`, `${POLICY}AmazonSQSFullAccess`],
    wiring: MAPPING,
    options: ['batchSize'],
  },
  'dynamodb.Table': {
    methods: ['onEvent'],
    noun: 'DynamoDB table',
    principal: 'dynamodb.amazonaws.com',
    sourceArn: 'streamArn',
    wiring: MAPPING,
    options: [...STREAM_OPTIONS, 'functionResponseTypes', 'filterCriteria'],
  },
  'kinesis.Stream': {
    methods: ['onEvent'],
    noun: 'Kinesis stream',
    principal: 'kinesis.amazonaws.com',
    sourceArn: 'arn',
    policies: [`${POLICY}AWSLambdaFullAccess`, `${POLICY}service-role/AWSLambdaKinesisExecutionRole`],
    wiring: MAPPING,
    options: [...STREAM_OPTIONS, 'startingPositionTimestamp'],
  },
  'cloudwatch.EventRule': {
    methods: ['onEvent'],
    noun: 'EventBridge rule',
    principal: 'events.amazonaws.com',
    sourceArn: 'arn',
    wiring: {
      member: 'target',
      part: 'target',
      pulumiType: 'cloudwatch.EventTarget',
      args: ({ source, fn, name }, host) => ({ rule: host.attribute(source, 'name'), arn: host.attribute(fn, 'arn'), targetId: name }),
    },
  },
});

/** `aws.cloudwatch`, as what its helper `onSchedule` is called on. */
const CLOUDWATCH = new HostObject('aws.cloudwatch', {});

/** `source.<name>` when it is a subscription helper: the method to call. */
export function subscriptionMethod(object: ResourceHandle | HostObject, name: string): JsValue | undefined {
  return object instanceof ResourceHandle && SOURCES[object.pulumiType]?.methods.includes(name) ? hostMethod(object, name) : undefined;
}

/** `aws.cloudwatch.onSchedule`: the helper to call. */
export function subscriptionFunction(path: string): JsValue | undefined {
  return path === 'aws.cloudwatch.onSchedule' ? hostMethod(CLOUDWATCH, 'onSchedule') : undefined;
}

/**
 * Calls a helper `subscriptionMethod` or `subscriptionFunction` gave:
 * declares its resources, and gives the subscription (its members `func`,
 * `permission`, …); undefined when the handler is neither a function of the
 * program nor a function resource, and what it declares is not known.
 */
export function subscribe(object: ResourceHandle | HostObject, method: string, args: JsValue[], host: SubscriptionHost): Args | undefined {
  if (object === CLOUDWATCH) {
    // (name, scheduleExpression, handler, args): a rule of its own, subscribed to.
    const [name, schedule, handler] = args;
    const origin = typeof schedule === 'string' ? `schedule ${schedule}` : 'onSchedule schedule';
    const fn = functionOf(handler, undefined, host);
    if (!fn) return undefined;
    const rule = host.declare('cloudwatch.EventRule', { scheduleExpression: schedule }, { part: 'rule', fn, origin });
    return { ...wire(rule, SOURCES['cloudwatch.EventRule']!, fn, name, {}, host, origin), eventRule: rule };
  }
  const source = object as ResourceHandle;
  const spec = SOURCES[source.pulumiType]!;
  const [name, handler, options] = args;
  const fn = functionOf(handler, spec.policies, host);
  if (!fn) return undefined;
  return wire(source, spec, fn, name, optionsOf(options, spec.options), host, `${method} subscription to the ${spec.noun} ${source.id}`);
}

/** The function a handler is: a callback made a `CallbackFunction` (with `policies`, or its default ones), or an existing one. */
function functionOf(handler: JsValue, policies: readonly string[] | undefined, host: SubscriptionHost): ResourceHandle | undefined {
  if (isProgramFunction(handler)) return host.declare('lambda.CallbackFunction', { callback: handler, ...(policies && { policies: [...policies] }) });
  return handler instanceof ResourceHandle && FUNCTION_TYPES.has(handler.pulumiType) ? handler : undefined;
}

/** The subscription's options `names` as given, each not known where the options are not known statically. */
function optionsOf(options: JsValue, names: readonly string[] = []): Args {
  const given = (name: string) => (options === undefined ? undefined : new Unknown(`option ${name} of the subscription`));
  return Object.fromEntries(names.map(name => [name, isPlainObject(options) ? options[name] : given(name)]));
}

/** The permission that lets the source invoke the function, and what else wires it there. */
function wire(source: ResourceHandle, spec: Source, fn: ResourceHandle, name: JsValue, options: Args, host: SubscriptionHost, origin: string): Args {
  const sourceArn = host.attribute(source, spec.sourceArn);
  const permission = host.declare('lambda.Permission', {
    function: fn,
    action: spec.action ?? 'lambda:InvokeFunction',
    principal: spec.principal,
    sourceArn,
  }, { part: 'permission', fn, origin });
  const subscription: Args = { func: fn, permission };
  const wiring = spec.wiring;
  if (wiring) {
    const args = wiring.args({ source, sourceArn, fn, options, name }, host);
    subscription[wiring.member] = host.declare(wiring.pulumiType, args, { part: wiring.part, fn, origin });
  }
  return subscription;
}
