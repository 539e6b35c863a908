/**
 * The event subscriptions of @pulumi/aws, the helpers its mixins add
 * (`bucket.onObjectCreated`, `topic.onEvent`, `queue.onEvent`,
 * `aws.cloudwatch.onSchedule`, …), and the classes their `onEvent`s
 * construct, which a program may construct itself
 * (`new aws.sns.TopicEventSubscription(name, topic, handler, args)`): the
 * resources each declares, as its source declares them
 * (sdk/nodejs/<module>/zMixins*.ts, v6). A handler
 * that is a function of the program becomes a `CallbackFunction` of the
 * subscription's name; an existing function is only wired to the source.
 * A source may be one the program does not declare (`aws.sns.Topic.get`),
 * or one not known statically: given to a subscription class (a parameter,
 * a ternary), or one of several sources of one kind (a ternary of an
 * existing topic and a declared one): what the subscription declares is
 * declared all the same (the class, or the sources, say what kind of source
 * it is), with what the program does not say of the source not known. So
 * is the function a helper called on a value not known statically makes (a
 * bucket another package exports, a parameter): `onObjectCreated` is a
 * bucket's, `onDecodedEvent` a log group's; `onEvent`, of a source of any
 * kind, makes a function invoked in a way not known.
 */
import { Template, Unknown, Value, concat } from '../../graph/values';
import {
  HostObject,
  JsValue,
  ResourceHandle,
  hostMethod,
  isPlainObject,
  isProgramFunction,
  programFunctionName,
  resourceOf,
} from './interpreter';
import { lookupTable } from '../../support/lookupTable';

type Args = { [key: string]: JsValue };

/** What declaring a subscription needs of the adapter. */
export interface SubscriptionHost {
  /**
   * Declares a resource of the subscription: its function, or with `wires`
   * one that wires `wires.fn` to the source, its id the subscription's name
   * and `-<wires.part>`, which `wires.origin` describes in messages.
   */
  declare(
    pulumiType: string,
    args: Args,
    wires?: { part: string; fn: ResourceHandle; origin: string },
  ): ResourceHandle;
  /** `resource.<name>` as the program reads it. */
  attribute(resource: ResourceHandle, name: string): Value;
  /** Records where the author sets the properties of a resource the subscription made (see {@link SettingsPlace}). */
  settingsElsewhere(resource: ResourceHandle, place: SettingsPlace): void;
}

/**
 * Where the author sets the properties of a resource a subscription made,
 * which the call cannot give it: those of the function made of a handler
 * (inline, or named) on an `aws.lambda.CallbackFunction` passed in its place (any
 * handler may be a function: lambdaMixins' EventHandler); those of the
 * event source mapping, but the options the helper passes on, on an
 * `aws.lambda.EventSourceMapping` of the program's own (sqsMixins passes
 * only batchSize on).
 */
export interface SettingsPlace {
  made: 'function' | 'mapping';
  /** The helper as messages name it: `onEvent of the SNS topic events`, `aws.cloudwatch.onSchedule`. */
  helper: string;
  /** The name of the function of the program the function was made of, when it is declared under one (`handle`). */
  handler?: string;
  /**
   * The helper the program calls, which takes only a callback, where the
   * function is passed to `helper` in its place (`onDecodedEvent`, which
   * decodes the events for its callback).
   */
  callbackOnly?: string;
  /** The options the helper passes on to the mapping. */
  options?: readonly string[];
}

/** A property of a resource a subscription made, named with where the author sets it (see {@link SettingsPlace}). */
export function settingIn(place: SettingsPlace, property: string): string {
  if (place.made === 'function') {
    const handler = place.handler
      ? `handler ${place.handler}`
      : 'inline handler';
    const replaced = place.callbackOnly
      ? `${place.callbackOnly} and its ${handler}, decoding the events itself`
      : `its ${handler}`;
    return `${property} of an aws.lambda.CallbackFunction passed to ${place.helper} in place of ${replaced}`;
  }
  if (place.options?.includes(property.split('.')[0])) return property;
  return `${property} (which ${place.helper} does not pass on to its mapping: declare an aws.lambda.EventSourceMapping in its place)`;
}

const POLICY = 'arn:aws:iam::aws:policy/';
const FUNCTION_TYPES = new Set(['lambda.Function', 'lambda.CallbackFunction']);

/** The options a stream's subscription passes on to its event source mapping. */
const STREAM_OPTIONS = [
  'batchSize',
  'bisectBatchOnFunctionError',
  'destinationConfig',
  'maximumBatchingWindowInSeconds',
  'maximumRecordAgeInSeconds',
  'maximumRetryAttempts',
  'parallelizationFactor',
  'startingPosition',
];

interface Source {
  methods: readonly string[];
  /** The class its `onEvent` constructs, (name, source, handler, args, opts), as `aws.<module>.<class>` names it. */
  subscriptionClass: string;
  /** How messages name the source: `S3 bucket`. */
  noun: string;
  /** Who the permission lets invoke the function, on the source named by its attribute `sourceArn`, or by what `sourceArn` makes of its attributes. */
  principal: Value;
  sourceArn: string | ((attribute: (name: string) => Value) => Value);
  action?: string;
  /** The managed policies of the function a callback becomes, where not CallbackFunction's default ones. */
  policies?: readonly string[];
  /** The resource that wires the function to the source beside the permission, and the subscription's member that holds it. */
  wiring?: Wiring;
  /** The subscription's options it passes on to that resource. */
  options?: readonly string[];
  /** The ARN of such a source the program does not declare, or not known statically, of its id, as far as its kind says it. */
  existingArn?: (id: Value) => Value;
  /** How messages name such a source given to the subscription class where it is not known statically, where not by `noun`. */
  notKnownNoun?: string;
}

interface Wiring {
  /** The subscription's member that holds it, if any. */
  member?: string;
  part: string;
  pulumiType: string;
  /** Its arguments; `sourceArn`: the source as the permission names it; `attribute`: the source's. */
  args(wired: Wired, host: SubscriptionHost): Args;
}

/** A subscription's call: its name, the source's method it is or whose class it constructs, its options. */
interface Call {
  name: JsValue;
  method: string;
  /** The class the program constructs in place of calling the method, as it writes it: `aws.sqs.QueueEventSubscription`. */
  written?: string;
  options: Args;
}

interface Wired extends Call {
  attribute: (name: string) => Value;
  sourceArn: Value;
  fn: ResourceHandle;
}

/** The event source mapping through which Lambda polls a queue or a stream. */
const MAPPING: Wiring = {
  member: 'eventSourceMapping',
  part: 'mapping',
  pulumiType: 'lambda.EventSourceMapping',
  args: ({ sourceArn, fn, options }) => ({
    ...options,
    enabled: true,
    eventSourceArn: sourceArn,
    functionName: fn,
  }),
};

/**
 * The events of a bucket's subscription: `onObjectCreated` and
 * `onObjectRemoved` take one `event` (`*` when not given), `onEvent` a list.
 */
function bucketEvents(method: string, options: Args): JsValue {
  if (method === 'onEvent') return options.events;
  const event =
    options.event instanceof Unknown ? options.event : options.event || '*';
  const kind = method === 'onObjectCreated' ? 'ObjectCreated' : 'ObjectRemoved';
  return [
    typeof event === 'string'
      ? `s3:${kind}:${event}`
      : new Unknown(`event of the ${method} subscription`),
  ];
}

const SOURCES = lookupTable<Source>({
  's3.Bucket': {
    methods: ['onObjectCreated', 'onObjectRemoved', 'onEvent'],
    subscriptionClass: 's3.BucketEventSubscription',
    noun: 'S3 bucket',
    principal: 's3.amazonaws.com',
    sourceArn: 'arn',
    // Each subscription's entry of the one aws.s3.BucketNotification that @pulumi/aws makes for all of a bucket's
    // subscriptions when the program ends (s3Mixins.ts), under the first one's name: the adapter merges them.
    wiring: {
      part: 'notification',
      pulumiType: 's3.BucketNotification',
      args: ({ attribute, fn, options, method }, host) => ({
        bucket: attribute('id'),
        lambdaFunctions: [
          {
            events: bucketEvents(method, options),
            lambdaFunctionArn: host.attribute(fn, 'arn'),
          },
        ],
      }),
    },
    options: ['event', 'events'],
    // The permission names the bucket as `arn:aws:s3:::${bucket.id}` (s3Mixins.ts).
    existingArn: id => concat(['arn:aws:s3:::', id]),
  },
  'sns.Topic': {
    methods: ['onEvent'],
    subscriptionClass: 'sns.TopicEventSubscription',
    noun: 'SNS topic',
    principal: 'sns.amazonaws.com',
    sourceArn: 'id',
    wiring: {
      member: 'subscription',
      part: 'subscription',
      pulumiType: 'sns.TopicSubscription',
      args: ({ attribute, fn, options }, host) => ({
        topic: attribute('id'),
        protocol: 'lambda',
        endpoint: host.attribute(fn, 'arn'),
        ...options,
      }),
    },
    // What snsMixins passes on to its TopicSubscription (a redrivePolicy's dead-letter queue among them).
    options: [
      'confirmationTimeoutInMinutes',
      'deliveryPolicy',
      'endpointAutoConfirms',
      'filterPolicy',
      'filterPolicyScope',
      'rawMessageDelivery',
      'redrivePolicy',
    ],
  },
  'sqs.Queue': {
    methods: ['onEvent'],
    subscriptionClass: 'sqs.QueueEventSubscription',
    noun: 'SQS queue',
    principal: 'sqs.amazonaws.com',
    sourceArn: 'arn',
    action: 'lambda:*',
    policies: [`${POLICY}AWSLambdaFullAccess`, `${POLICY}AmazonSQSFullAccess`],
    wiring: MAPPING,
    options: ['batchSize'],
    // An SQS queue's id is its URL: its ARN is not known, but that it is a queue's says what polls it (DLQ-005, IAM-008).
    existingArn: () =>
      new Template([
        'arn:',
        new Unknown('partition of an SQS queue'),
        ':sqs:',
        new Unknown('region, account and name of an SQS queue'),
      ]),
  },
  'dynamodb.Table': {
    methods: ['onEvent'],
    subscriptionClass: 'dynamodb.TableEventSubscription',
    noun: 'DynamoDB table',
    principal: 'dynamodb.amazonaws.com',
    sourceArn: 'streamArn',
    wiring: MAPPING,
    options: [...STREAM_OPTIONS, 'functionResponseTypes', 'filterCriteria'],
  },
  'kinesis.Stream': {
    methods: ['onEvent'],
    subscriptionClass: 'kinesis.StreamEventSubscription',
    noun: 'Kinesis stream',
    principal: 'kinesis.amazonaws.com',
    sourceArn: 'arn',
    policies: [
      `${POLICY}AWSLambdaFullAccess`,
      `${POLICY}service-role/AWSLambdaKinesisExecutionRole`,
    ],
    wiring: MAPPING,
    options: [...STREAM_OPTIONS, 'startingPositionTimestamp'],
  },
  'cloudwatch.EventRule': {
    methods: ['onEvent'],
    subscriptionClass: 'cloudwatch.EventRuleEventSubscription',
    noun: 'EventBridge rule',
    // EventRuleEventSubscription takes a rule or a schedule, of which it makes a rule (eventRuleMixins.ts).
    notKnownNoun: 'EventBridge rule or schedule',
    principal: 'events.amazonaws.com',
    sourceArn: 'arn',
    wiring: {
      member: 'target',
      part: 'target',
      pulumiType: 'cloudwatch.EventTarget',
      args: ({ attribute, fn, name }, host) => ({
        rule: attribute('name'),
        arn: host.attribute(fn, 'arn'),
        targetId: name,
      }),
    },
  },
  'cloudwatch.LogGroup': {
    // onDecodedEvent is onEvent with a callback of its own that decodes the events for the one it is given.
    methods: ['onEvent', 'onDecodedEvent'],
    subscriptionClass: 'cloudwatch.LogGroupEventSubscription',
    noun: 'CloudWatch log group',
    // Of the region of the log group's provider, or of the stack (logGroupMixins.ts), on the group's log streams.
    principal: concat(['logs.', new Unknown('AWS::Region'), '.amazonaws.com']),
    sourceArn: attribute => concat([attribute('arn'), ':*']),
    action: 'lambda:invokeFunction',
    // Through which CloudWatch Logs invokes the function, asynchronously.
    wiring: {
      member: 'logSubscriptionFilter',
      part: 'filter',
      pulumiType: 'cloudwatch.LogSubscriptionFilter',
      args: ({ attribute, fn, options }, host) => ({
        destinationArn: host.attribute(fn, 'arn'),
        filterPattern: options.filterPattern || '',
        logGroup: attribute('name'),
      }),
    },
    options: ['filterPattern'],
  },
});

/** `aws.cloudwatch`, as what its helper `onSchedule` is called on. */
const CLOUDWATCH = new HostObject('aws.cloudwatch', {});

/** What `aws.<module>.<Source>.get(name, id)` gives: a source the program does not declare. */
const EXISTING = 'existing source';

/** The source of a subscription class given one not known statically: the class says only its kind. */
const NOT_KNOWN = 'source not known statically';

/** The source of an `onEvent` called on a value not known statically: a source of any kind (see {@link subscriptionMethodOfUnknown}). */
const KIND_NOT_KNOWN = 'source of a kind not known statically';

/** `aws.<module>.<Source>.get`, the class a subscription's source is of, as what `get` is called on. */
const SOURCE_CLASSES = lookupTable<HostObject>(
  Object.fromEntries(
    Object.keys(SOURCES).map(pulumiType => [
      pulumiType,
      new HostObject('source class', { pulumiType }),
    ]),
  ),
);

/** A subscription class of @pulumi/aws, as what `new` calls (see {@link subscriptionFunction}). */
const SUBSCRIPTION_CLASS = 'subscription class';

/** The subscription classes, by the class as `aws.` names it: `sns.TopicEventSubscription`. */
const SUBSCRIPTION_CLASSES = lookupTable<HostObject>(
  Object.fromEntries(
    Object.entries(SOURCES).map(([pulumiType, spec]) => [
      spec.subscriptionClass,
      new HostObject(SUBSCRIPTION_CLASS, { pulumiType }),
    ]),
  ),
);

/** The type of a subscription's source: a resource the program declares, one it got with `get`, or one not known statically. */
function sourceTypeOf(value: JsValue): string | undefined {
  const resource = resourceOf(value);
  if (resource) return resource.pulumiType;
  return value instanceof HostObject &&
    (value.kind === EXISTING || value.kind === NOT_KNOWN)
    ? (value.data.pulumiType as string)
    : undefined;
}

/**
 * A value that is one of `values`, sources of one kind (a ternary of an
 * existing topic and one the program declares): a source of that kind not
 * known statically, whose helpers declare what they declare.
 */
export function oneSource(values: JsValue[]): JsValue | undefined {
  const pulumiType = sourceTypeOf(values[0]);
  if (
    pulumiType === undefined ||
    !SOURCES[pulumiType] ||
    values.some(value => sourceTypeOf(value) !== pulumiType)
  )
    return undefined;
  return new HostObject(NOT_KNOWN, { pulumiType });
}

/** `source.<name>` when it is a subscription helper: the method to call. */
export function subscriptionMethod(
  object: ResourceHandle | HostObject,
  name: string,
): JsValue | undefined {
  const pulumiType = sourceTypeOf(object);
  return pulumiType !== undefined && SOURCES[pulumiType]?.methods.includes(name)
    ? hostMethod(object, name)
    : undefined;
}

/**
 * `value.<name>` of a value not known statically, when it is a helper of
 * @pulumi/aws's sources, called on it as on a source not known: only a
 * bucket has `onObjectCreated` and `onObjectRemoved`, only a log group
 * `onDecodedEvent`; every source has `onEvent`, whose kind is then not known.
 */
export function subscriptionMethodOfUnknown(name: string): JsValue | undefined {
  if (name === 'onObjectCreated' || name === 'onObjectRemoved')
    return hostMethod(
      new HostObject(NOT_KNOWN, { pulumiType: 's3.Bucket' }),
      name,
    );
  if (name === 'onDecodedEvent')
    return hostMethod(
      new HostObject(NOT_KNOWN, { pulumiType: 'cloudwatch.LogGroup' }),
      name,
    );
  return name === 'onEvent'
    ? hostMethod(new HostObject(KIND_NOT_KNOWN, {}), name)
    : undefined;
}

/** `aws.cloudwatch.onSchedule`, a source class's `get`, or a subscription class (which `new` calls): the helper to call. */
export function subscriptionFunction(path: string): JsValue | undefined {
  if (path === 'aws.cloudwatch.onSchedule')
    return hostMethod(CLOUDWATCH, 'onSchedule');
  const subscriptionClass = path.startsWith('aws.')
    ? SUBSCRIPTION_CLASSES[path.slice('aws.'.length)]
    : undefined;
  if (subscriptionClass) return hostMethod(subscriptionClass, `new ${path}`);
  const sourceClass = /^aws\.(\w+\.\w+)\.get$/.exec(path);
  const classObject = sourceClass ? SOURCE_CLASSES[sourceClass[1]] : undefined;
  return classObject && hostMethod(classObject, 'get');
}

/**
 * Calls a helper `subscriptionMethod` or `subscriptionFunction` gave: a
 * source class's `get` gives the existing source; a subscription declares
 * its resources, and gives the subscription (its members `func`,
 * `permission`, …); undefined when the handler is neither a function of the
 * program nor a function resource, and what it declares is not known.
 */
export function subscribe(
  object: ResourceHandle | HostObject,
  method: string,
  args: JsValue[],
  host: SubscriptionHost,
): JsValue {
  if (object === CLOUDWATCH)
    return onSchedule(args, 'aws.cloudwatch.onSchedule', host);
  if (object instanceof HostObject && object.kind === 'source class') {
    // (name, id, state?, opts?): only its id is known (a topic's is its ARN).
    return new HostObject(EXISTING, {
      pulumiType: object.data.pulumiType,
      name: args[0],
      id: args[1],
    });
  }
  if (object instanceof HostObject && object.kind === SUBSCRIPTION_CLASS)
    return construct(
      object.data.pulumiType as string,
      args,
      method.slice('new '.length),
      host,
    );
  const [name, handler, options] = args;
  if (object instanceof HostObject && object.kind === KIND_NOT_KNOWN)
    return subscribeToKindNotKnown(handler, host);
  return subscribeTo(
    object,
    SOURCES[sourceTypeOf(object)!]!,
    { name, method, options: {} },
    handler,
    options,
    host,
  );
}

/**
 * `aws.cloudwatch.onSchedule(name, scheduleExpression, handler, args)`: a
 * rule of its own, subscribed to; `helper`: how messages name the call.
 */
function onSchedule(
  [name, schedule, handler]: JsValue[],
  helper: string,
  host: SubscriptionHost,
): JsValue {
  const origin =
    typeof schedule === 'string'
      ? `schedule ${schedule}`
      : `${helper} schedule`;
  const fn = functionOf(handler, undefined, host, helper);
  if (!fn) return undefined;
  const rule = host.declare(
    'cloudwatch.EventRule',
    { scheduleExpression: schedule },
    { part: 'rule', fn, origin },
  );
  const attribute = (attributeName: string) =>
    host.attribute(rule, attributeName);
  return {
    ...wire(
      attribute,
      SOURCES['cloudwatch.EventRule']!,
      fn,
      { name, method: 'onSchedule', options: {} },
      host,
      origin,
    ),
    eventRule: rule,
  };
}

/**
 * `new aws.<module>.<Source>EventSubscription(name, source, handler, args)`
 * (`written`), the class the source's `onEvent` constructs with the same
 * arguments (the mixins), declares what that does; an
 * EventRuleEventSubscription given a schedule in place of a rule makes a
 * rule of its own, as `onSchedule` does (eventRuleMixins.ts). A source of
 * another class (an `aws.s3.BucketV2`) is read as the class reads it: its
 * `id`, its `arn`. A source not known statically is one of the kind the
 * class takes; given to an EventRuleEventSubscription, it may be a rule or
 * a schedule: no rule of its own is declared, which may not be made.
 */
function construct(
  sourceType: string,
  [name, source, handler, options]: JsValue[],
  written: string,
  host: SubscriptionHost,
): JsValue {
  const schedule = typeof source === 'string' || source instanceof Template;
  if (sourceType === 'cloudwatch.EventRule' && schedule)
    return onSchedule([name, source, handler], written, host);
  const given =
    sourceTypeOf(source) === undefined
      ? new HostObject(NOT_KNOWN, { pulumiType: sourceType })
      : resourceOf(source) ?? (source as HostObject);
  return subscribeTo(
    given,
    SOURCES[sourceType]!,
    { name, method: 'onEvent', written, options: {} },
    handler,
    options,
    host,
  );
}

/** A subscription of `call` of the kind `spec` describes to a source, with the handler and options it is given. */
function subscribeTo(
  source: ResourceHandle | HostObject,
  spec: Source,
  call: Call,
  handler: JsValue,
  options: JsValue,
  host: SubscriptionHost,
): JsValue {
  const described = describeSource(source);
  const fn =
    call.method === 'onDecodedEvent'
      ? functionOf(
          handler,
          spec.policies,
          host,
          `onEvent of the ${described}`,
          call.method,
        )
      : functionOf(
          handler,
          spec.policies,
          host,
          call.written ?? `${call.method} of the ${described}`,
        );
  if (!fn) return undefined;
  const given = { ...call, options: optionsOf(options, spec.options) };
  const origin = `${
    call.written ?? `${call.method} subscription`
  } to the ${described}`;
  return wire(sourceAttributes(source, host), spec, fn, given, host, origin);
}

/**
 * `onEvent(name, handler)` of a value not known statically: the function of
 * the handler, and the permission every source's subscription gives it, of
 * a principal not known, so that how it is invoked is not known; what else
 * wires it to the source (a mapping, a subscription, a target) is not known.
 * The policies of the function's own role differ with the kind of source.
 */
function subscribeToKindNotKnown(
  handler: JsValue,
  host: SubscriptionHost,
): JsValue {
  const helper = `onEvent of a ${KIND_NOT_KNOWN}`;
  const fn = functionOf(
    handler,
    new Unknown(`policies of the function of an ${helper}`),
    host,
    helper,
  );
  if (!fn) return undefined;
  const permission = host.declare(
    'lambda.Permission',
    {
      function: fn,
      action: new Unknown(`action of the permission of an ${helper}`),
      principal: new Unknown(`principal of the permission of an ${helper}`),
      sourceArn: new Unknown(`ARN of a ${KIND_NOT_KNOWN}`),
    },
    {
      part: 'permission',
      fn,
      origin: `onEvent subscription to a ${KIND_NOT_KNOWN}`,
    },
  );
  return { func: fn, permission };
}

/**
 * `S3 bucket uploads` (of a class not a source's, as the program writes
 * it: `aws.s3.BucketV2 media`), or for a source the program does not
 * declare, `existing S3 bucket uploads`, for one not known statically,
 * `S3 bucket not known statically`.
 */
function describeSource(source: ResourceHandle | HostObject): string {
  const spec = SOURCES[sourceTypeOf(source)!];
  if (source instanceof ResourceHandle)
    return `${spec?.noun ?? `aws.${source.pulumiType}`} ${source.id}`;
  if (source.kind === NOT_KNOWN)
    return `${spec!.notKnownNoun ?? spec!.noun} not known statically`;
  const name = source.data.name;
  return `existing ${spec!.noun}${typeof name === 'string' ? ` ${name}` : ''}`;
}

/**
 * The source's attributes; of a source the program does not declare, or
 * not known statically, only its id (as `get` was given it) and what its
 * kind says of its ARN are known.
 */
function sourceAttributes(
  source: ResourceHandle | HostObject,
  host: SubscriptionHost,
): (name: string) => Value {
  if (source instanceof ResourceHandle)
    return name => host.attribute(source, name);
  const spec = SOURCES[sourceTypeOf(source)!]!;
  const which =
    source.kind === NOT_KNOWN
      ? `the ${describeSource(source)}`
      : `an existing ${spec.noun}`;
  const id =
    typeof source.data.id === 'string'
      ? source.data.id
      : new Unknown(`id of ${which}`);
  return name => {
    if (name === 'id') return id;
    if (name === 'arn' && spec.existingArn) return spec.existingArn(id);
    return new Unknown(`${name} of ${which}`);
  };
}

/**
 * The function a handler is: a callback made a `CallbackFunction` (with
 * `policies`, or its default ones), whose settings go on one passed to the
 * `helper` in its place, or an existing one. A `callbackOnly` helper
 * (`onDecodedEvent`) makes a function of a callback of its own that calls
 * the handler, which can only be a callback.
 */
function functionOf(
  handler: JsValue,
  policies: readonly string[] | Unknown | undefined,
  host: SubscriptionHost,
  helper: string,
  callbackOnly?: string,
): ResourceHandle | undefined {
  if (!isProgramFunction(handler)) {
    const fn = callbackOnly ? undefined : resourceOf(handler);
    return fn && FUNCTION_TYPES.has(fn.pulumiType) ? fn : undefined;
  }
  const fn = host.declare('lambda.CallbackFunction', {
    callback: handler,
    ...(policies && {
      policies: policies instanceof Unknown ? policies : [...policies],
    }),
  });
  host.settingsElsewhere(fn, {
    made: 'function',
    helper,
    handler: programFunctionName(handler),
    ...(callbackOnly && { callbackOnly }),
  });
  return fn;
}

/** The subscription's options `names` as given, each not known where the options are not known statically. */
function optionsOf(options: JsValue, names: readonly string[] = []): Args {
  const given = (name: string) =>
    options === undefined
      ? undefined
      : new Unknown(`option ${name} of the subscription`);
  return Object.fromEntries(
    names.map(name => [
      name,
      isPlainObject(options) ? options[name] : given(name),
    ]),
  );
}

/** The permission that lets the source invoke the function, and what else wires it there. */
function wire(
  attribute: (name: string) => Value,
  spec: Source,
  fn: ResourceHandle,
  call: Call,
  host: SubscriptionHost,
  origin: string,
): Args {
  const sourceArn =
    typeof spec.sourceArn === 'string'
      ? attribute(spec.sourceArn)
      : spec.sourceArn(attribute);
  const permission = host.declare(
    'lambda.Permission',
    {
      function: fn,
      action: spec.action ?? 'lambda:InvokeFunction',
      principal: spec.principal,
      sourceArn,
    },
    { part: 'permission', fn, origin },
  );
  const subscription: Args = { func: fn, permission };
  const wiring = spec.wiring;
  if (wiring) {
    const wired = host.declare(
      wiring.pulumiType,
      wiring.args({ ...call, attribute, sourceArn, fn }, host),
      { part: wiring.part, fn, origin },
    );
    if (wiring === MAPPING)
      host.settingsElsewhere(wired, {
        made: 'mapping',
        helper: call.written ?? call.method,
        options: spec.options,
      });
    if (wiring.member) subscription[wiring.member] = wired;
  }
  return subscription;
}
