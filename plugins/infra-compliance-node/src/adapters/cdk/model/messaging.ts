/** The model of SQS queues, Kinesis streams and SNS subscriptions (see MessagingModel). */
import type { CdkModel } from '../constructs';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import { Props, defaultsKnown, enumValue } from './props';
import { Ref, Unknown, Value } from '../../../graph/values';
import { QUEUE, STREAM } from './resourceTypes';

/** The part of CdkModel the messaging model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'freeId'
  | 'iamModel'
  | 'importsModel'
  | 'kmsModel'
  | 'lambdaModel'
  | 'nodeUniqueId'
  | 'ref'
  | 'synthesisSettings'
>;

/**
 * What stands for the id of a topic not known statically in the ids CDK names after it (a subscription's, a
 * permission's), as `bucket` does for a bucket's (see EventSourcesModel.eventSource).
 */
const TOPIC_NOT_KNOWN = 'topic';

/** The service principal of SNS that CDK's subscriptions name (see allowTopicToSend for a regional one). */
const SNS_PRINCIPAL = 'sns.amazonaws.com';

/** As `new PolicyStatement(...)` of SNS's service principal, which CDK renders with the others. */
function allowSns(actions: JsValue, resource: Value, conditions?: Props) {
  return new HostObject('statement', {
    principals: [new HostObject('principal', { Service: SNS_PRINCIPAL })],
    actions,
    resources: [resource],
    conditions,
  });
}

/** The condition of a statement that lets SNS act for the topic of ARN `topicArn` alone. */
function fromTopic(topicArn: Value): Props {
  return { ArnEquals: { 'aws:SourceArn': topicArn } };
}

/** The numeric conditions of `SubscriptionFilter.numericFilter`'s props that compare with one number, by operator. */
const NUMERIC_COMPARISONS = [
  ['greaterThan', '>'],
  ['greaterThanOrEqualTo', '>='],
  ['lessThan', '<'],
  ['lessThanOrEqualTo', '<='],
] as const;

/**
 * The conditions `SubscriptionFilter[method](props)` makes (aws-sns/lib/subscription-filter.ts), in its order: of
 * strings (`stringFilter`: allowed values, `anything-but` the denied, prefixes, suffixes), of numbers
 * (`numericFilter`), of an attribute's presence (`existsFilter`, `notExistsFilter`). Props not known statically, or
 * another method, make them not known.
 */
export function subscriptionFilterConditions(
  method: string,
  props: JsValue,
): JsValue {
  if (method === 'existsFilter' || method === 'notExistsFilter')
    return [{ exists: method === 'existsFilter' }];
  const notKnown = new Unknown(`conditions of SubscriptionFilter.${method}`);
  if (!isPlainObject(props)) return notKnown;
  const lists = new Map<string, JsValue[]>();
  for (const key of [
    'allowlist',
    'whitelist',
    'denylist',
    'blacklist',
    'matchPrefixes',
    'matchSuffixes',
  ]) {
    const list = props[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return notKnown;
    lists.set(key, list);
  }
  const allowed = lists.get('allowlist') ?? lists.get('whitelist');
  if (method === 'stringFilter') {
    const denied = lists.get('denylist') ?? lists.get('blacklist');
    return [
      ...(allowed ?? []),
      ...(denied ? [{ 'anything-but': denied }] : []),
      ...(lists.get('matchPrefixes') ?? []).map(prefix => ({ prefix })),
      ...(lists.get('matchSuffixes') ?? []).map(suffix => ({ suffix })),
    ];
  }
  if (method !== 'numericFilter') return notKnown;
  const conditions: JsValue[] = (allowed ?? []).map(value => ({
    numeric: ['=', value],
  }));
  for (const [key, operator] of NUMERIC_COMPARISONS)
    if (props[key] !== undefined)
      conditions.push({ numeric: [operator, props[key]] });
  for (const [key, [from, to]] of [
    ['between', ['>=', '<=']],
    ['betweenStrict', ['>', '<']],
  ] as const) {
    const range = props[key];
    if (range === undefined) continue;
    if (!isPlainObject(range)) return notKnown;
    conditions.push({ numeric: [from, range.start, to, range.stop] });
  }
  return conditions;
}

/** The conditions of a filter (see subscriptionFilterConditions); another value's are not known. */
function filterConditions(filter: JsValue): JsValue {
  return filter instanceof HostObject && filter.kind === 'subscriptionFilter'
    ? filter.data.conditions
    : new Unknown('subscription filter');
}

/** A filter policy of a message's attributes (`filterPolicy`): each attribute's filter as its conditions. */
function attributesFilterPolicy(policy: JsValue): JsValue {
  if (!isPlainObject(policy)) return new Unknown('filter policy');
  return Object.fromEntries(
    Object.entries(policy).map(([key, filter]) => [
      key,
      filterConditions(filter),
    ]),
  );
}

/**
 * A filter policy of a message's body (`filterPolicyWithMessageBody`): each key's filter as its conditions, its
 * policy nested (aws-sns/lib/subscription.ts, buildFilterPolicyWithMessageBody).
 */
function bodyFilterPolicy(policy: JsValue): JsValue {
  if (!isPlainObject(policy)) return new Unknown('filter policy');
  return Object.fromEntries(
    Object.entries(policy).map(([key, item]) => {
      if (!(item instanceof HostObject && item.kind === 'filterOrPolicy'))
        return [key, new Unknown('filter or policy')];
      return [
        key,
        item.data.policy === undefined
          ? filterConditions(item.data.filter)
          : bodyFilterPolicy(item.data.policy),
      ];
    }),
  );
}

/**
 * What aws-sqs's queues and aws-kinesis's streams synthesize, with their encryption, and aws-sns-subscriptions' Lambda,
 * queue and endpoint subscriptions with their permissions (a function's; a queue's policy and its key's), redrive
 * policies and filter policies.
 */
export class MessagingModel {
  /** The key of each Kinesis stream encrypted with one, which its grants grant too (undefined: whether it has one is not known). */
  readonly streamKeys = new Map<string, JsValue | undefined>();

  constructor(private readonly model: Model) {}

  /**
   * A queue and its encryption (aws-sqs/lib/queue.ts, _determineEncryptionProps):
   * a key given means KMS; KMS without one makes a key below the queue,
   * without rotation; an `encryption` not known statically leaves both not known.
   */
  queue(id: string, p: Props, site: CallSite): ResourceHandle {
    let encryption = p.encryption;
    if (p.encryptionMasterKey !== undefined) encryption = 'QueueEncryption.KMS';
    const dlq = isPlainObject(p.deadLetterQueue)
      ? p.deadLetterQueue
      : undefined;
    let kmsMasterKeyId: Value | undefined;
    let sqsManagedSseEnabled: Value | undefined;
    if (encryption === 'QueueEncryption.KMS_MANAGED')
      kmsMasterKeyId = 'alias/aws/sqs';
    else if (encryption === 'QueueEncryption.KMS') {
      const key =
        p.encryptionMasterKey ??
        this.model.kmsModel.createdKey(id, undefined, site);
      this.model.kmsModel.encryptionKeys.set(id, key);
      kmsMasterKeyId = this.model.kmsModel.keyArnOf(key);
    } else if (encryption === 'QueueEncryption.SQS_MANAGED')
      sqsManagedSseEnabled = true;
    else if (encryption === 'QueueEncryption.UNENCRYPTED')
      sqsManagedSseEnabled = false;
    else if (encryption !== undefined) {
      kmsMasterKeyId = new Unknown('queue encryption');
      sqsManagedSseEnabled = new Unknown('queue encryption');
    }
    return this.model.add(id, 'AWS::SQS::Queue', site, {
      QueueName: p.queueName,
      MessageRetentionPeriod: p.retentionPeriod,
      VisibilityTimeout: p.visibilityTimeout,
      KmsMasterKeyId: kmsMasterKeyId,
      SqsManagedSseEnabled: sqsManagedSseEnabled,
      RedrivePolicy: dlq
        ? {
            deadLetterTargetArn: this.model.ref(dlq.queue, 'Arn'),
            maxReceiveCount: dlq.maxReceiveCount,
          }
        : this.model.ref(p.deadLetterQueue),
    });
  }

  /**
   * A Kinesis stream (aws-kinesis/lib/stream.ts, parseEncryption): without
   * encryption props, encrypted with Kinesis's key except in the China
   * regions (a condition on the region); KMS without a key makes one below
   * the stream, without rotation.
   */
  stream(id: string, p: Props, site: CallSite): ResourceHandle {
    const encryption =
      p.encryption ??
      (p.encryptionKey !== undefined ? 'StreamEncryption.KMS' : undefined);
    let streamEncryption: JsValue;
    if (encryption === undefined)
      streamEncryption = new Unknown('Kinesis key unless in a China region');
    else if (encryption === 'StreamEncryption.MANAGED')
      streamEncryption = { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' };
    else if (encryption === 'StreamEncryption.KMS') {
      const key =
        p.encryptionKey ?? this.model.kmsModel.createdKey(id, undefined, site);
      this.streamKeys.set(id, key);
      streamEncryption = {
        EncryptionType: 'KMS',
        KeyId: this.model.kmsModel.keyArnOf(key),
      };
    } else if (encryption !== 'StreamEncryption.UNENCRYPTED') {
      streamEncryption = new Unknown('stream encryption');
      // Maybe a key CDK makes, which the stream's grants would grant.
      this.streamKeys.set(id, undefined);
    }
    return this.model.add(id, STREAM, site, {
      Name: p.streamName,
      RetentionPeriodHours:
        typeof p.retentionPeriod === 'number'
          ? p.retentionPeriod / 3600
          : p.retentionPeriod ?? 24,
      // One shard unless on demand.
      ShardCount:
        p.shardCount ??
        (p.streamMode === undefined || p.streamMode === 'StreamMode.PROVISIONED'
          ? 1
          : undefined),
      StreamEncryption: streamEncryption,
      StreamModeDetails:
        p.streamMode === undefined
          ? undefined
          : { StreamMode: enumValue(p.streamMode, 'StreamMode') },
    });
  }

  /**
   * The dead-letter queue of a subscription's options (aws-sns/lib/subscription.ts), where SNS keeps the messages
   * it fails to deliver; options not known statically may name one.
   */
  private subscriptionRedrive(options: JsValue): Value | undefined {
    if (options === undefined) return undefined;
    if (!isPlainObject(options)) return new Unknown('subscription options');
    if (options.deadLetterQueue === undefined) return undefined;
    // One imported (`Queue.fromQueueArn`) is named by its ARN, as synth writes it.
    return {
      deadLetterTargetArn: this.model.importsModel.arnOf(
        options.deadLetterQueue,
        'dead-letter queue',
      ),
    };
  }

  /**
   * The filter policy of a subscription's options (aws-sns/lib/subscription.ts), as synth writes it: of the
   * message's attributes (`filterPolicy`), each attribute's filter its conditions; else of its body
   * (`filterPolicyWithMessageBody`, FilterPolicyScope `MessageBody`), nested as its policies are. Options not known
   * statically may have one.
   */
  private subscriptionFilter(options: JsValue): Props {
    if (options === undefined) return {};
    if (!isPlainObject(options))
      return { FilterPolicy: new Unknown('subscription options') };
    const { filterPolicy, filterPolicyWithMessageBody } = options;
    if (filterPolicy !== undefined)
      return { FilterPolicy: attributesFilterPolicy(filterPolicy) };
    if (filterPolicyWithMessageBody === undefined) return {};
    return {
      FilterPolicy: bodyFilterPolicy(filterPolicyWithMessageBody),
      FilterPolicyScope: 'MessageBody',
    };
  }

  /**
   * The topic a subscription is to, as the subscription names it (aws-sns-subscriptions/lib/private/util.ts,
   * regionFromArn): one of the stack's by its path and Ref; one imported (`Topic.fromTopicArn`) by its path and the ARN
   * it is given, and the `Region` of that ARN, which synth writes of an imported topic alone; another not known
   * statically (a construct's `props.topic`), which SNS delivers from all the same, by neither. Undefined for what is
   * no topic.
   */
  private subscribedTopic(
    topic: JsValue,
  ): { path?: string; arn: Value; region?: Value } | undefined {
    if (topic instanceof ResourceHandle)
      return { path: topic.id, arn: new Ref(topic.id) };
    if (!(topic instanceof Unknown)) return undefined;
    const { importsModel } = this.model;
    const path =
      importsModel.importedClasses.get(topic) === 'aws-sns.Topic'
        ? importsModel.outsideConstructs.get(topic)?.path
        : undefined;
    const arn = importsModel.arnOf(
      topic,
      'ARN of a topic not known statically',
    );
    return {
      path,
      arn,
      region:
        typeof arn === 'string'
          ? arn.split(':')[3]
          : new Unknown('region of a topic not known statically'),
    };
  }

  /** What a subscription's resources say of the topic it is to (see subscribedTopic): `its subscription to …`. */
  private subscriptionOrigin(path: string | undefined): { origin: string } {
    return {
      origin:
        path === undefined
          ? 'its subscription to an SNS topic not known statically'
          : `its subscription to the SNS topic ${path}`,
    };
  }

  /**
   * `topic.addSubscription(new LambdaSubscription(fn, options))` (aws-sns-subscriptions/lib/lambda.ts), of a topic of
   * the stack's, imported or not known statically: the subscription below the function, named by the topic's id, and
   * the permission that lets SNS invoke it, named by the topic's unique id (by TOPIC_NOT_KNOWN where not known).
   */
  snsToLambda(topic: JsValue, fn: JsValue, options: JsValue, site: CallSite) {
    const subscribed = this.subscribedTopic(topic);
    if (subscribed === undefined) return;
    const scope =
      fn instanceof ResourceHandle
        ? this.model.lambdaModel.functionScope(fn)
        : this.model.importsModel.importPath(fn);
    if (scope === undefined) return;
    const { path, arn, region } = subscribed;
    const origin = this.subscriptionOrigin(path);
    this.model.add(
      path === undefined
        ? this.model.freeId(`${scope}/${TOPIC_NOT_KNOWN}`)
        : `${scope}/${path.slice(path.lastIndexOf('/') + 1)}`,
      'AWS::SNS::Subscription',
      site,
      {
        TopicArn: arn,
        Protocol: 'lambda',
        Endpoint: this.model.importsModel.arnOf(fn),
        Region: region,
        RedrivePolicy: this.subscriptionRedrive(options),
        ...this.subscriptionFilter(options),
      },
      origin,
    );
    this.allowTopicToDeadLetter(options, arn, site);
    // An imported function's permission is not modelled.
    if (!(fn instanceof ResourceHandle)) return;
    this.model.add(
      path === undefined
        ? this.model.freeId(`${fn.id}/AllowInvoke:${TOPIC_NOT_KNOWN}`)
        : `${fn.id}/AllowInvoke:${this.model.nodeUniqueId(path)}`,
      'AWS::Lambda::Permission',
      site,
      {
        FunctionName: new Ref(fn.id, 'Arn'),
        Action: 'lambda:InvokeFunction',
        Principal: SNS_PRINCIPAL,
        SourceArn: arn,
      },
      origin,
    );
  }

  /**
   * What an SqsSubscription adds for its topic (of ARN `topicArn`) to a queue of the stack's (aws-sns-subscriptions/
   * lib/sqs.ts, bind): to the queue's policy, a statement that lets SNS send to it from the topic; to the policy of its
   * key, if any, one that lets SNS use the key, from the topic alone under `@aws-cdk/aws-sns-subscriptions:
   * restrictSqsDescryption`. (CDK names SNS of the topic's or the queue's region, `sns.<region>.amazonaws.com`, where
   * they differ and one is an opt-in region: no rule reads it.)
   */
  private allowTopicToSend(queue: JsValue, topicArn: Value, site: CallSite) {
    if (!this.allowTopicToSendTo(queue, topicArn, site)) return;
    const { kmsModel } = this.model;
    if (!kmsModel.encryptionKeys.has(queue.id)) return;
    kmsModel.addKeyPolicyStatements(
      kmsModel.encryptionKeys.get(queue.id),
      [
        allowSns(
          ['kms:Decrypt', 'kms:GenerateDataKey'],
          '*',
          this.model.synthesisSettings.restrictSqsDecryption
            ? fromTopic(topicArn)
            : undefined,
        ),
      ],
      site,
    );
  }

  /**
   * The statement of a queue's policy that lets SNS send to it from the topic of ARN `topicArn`, which CDK adds to a
   * queue of the stack's alone (one imported has no policy CDK writes). Whether `queue` is one.
   */
  private allowTopicToSendTo(
    queue: JsValue,
    topicArn: Value,
    site: CallSite,
  ): queue is ResourceHandle {
    if (
      !(queue instanceof ResourceHandle) ||
      this.model.byId.get(queue.id)?.type !== QUEUE
    )
      return false;
    this.model.iamModel.addResourcePolicyStatements(
      queue,
      [
        allowSns(
          'sqs:SendMessage',
          new Ref(queue.id, 'Arn'),
          fromTopic(topicArn),
        ),
      ],
      site,
    );
    return true;
  }

  /**
   * What a subscription adds for its topic (of ARN `topicArn`) to the dead-letter queue of its options
   * (aws-sns/lib/subscription.ts, buildDeadLetterQueue): the statement of its policy that lets SNS send to it from the
   * topic, as an SqsSubscription's queue has (see allowTopicToSendTo), after the subscription's own.
   */
  private allowTopicToDeadLetter(
    options: JsValue,
    topicArn: Value,
    site: CallSite,
  ) {
    if (isPlainObject(options))
      this.allowTopicToSendTo(options.deadLetterQueue, topicArn, site);
  }

  /**
   * `topic.addSubscription(new SqsSubscription(queue, options))` (aws-sns-subscriptions/lib/sqs.ts), of a topic of the
   * stack's, imported or not known statically: the subscription below the queue, one of the stack's or one imported by
   * its ARN, after the statements that let SNS send to it from the topic (see allowTopicToSend).
   */
  snsToQueue(topic: JsValue, queue: JsValue, options: JsValue, site: CallSite) {
    const subscribed = this.subscribedTopic(topic);
    if (subscribed === undefined) return;
    const scope =
      queue instanceof ResourceHandle
        ? queue.id
        : this.model.importsModel.importPath(queue);
    if (scope === undefined) return;
    const { path, arn, region } = subscribed;
    this.allowTopicToSend(queue, arn, site);
    // Named by the topic's unique id below the queue (aws-sns-subscriptions/lib/sqs.ts).
    this.model.add(
      path === undefined
        ? this.model.freeId(`${scope}/${TOPIC_NOT_KNOWN}`)
        : `${scope}/${this.model.nodeUniqueId(path)}`,
      'AWS::SNS::Subscription',
      site,
      {
        TopicArn: arn,
        Protocol: 'sqs',
        Endpoint: this.model.importsModel.arnOf(queue),
        RawMessageDelivery: isPlainObject(options)
          ? options.rawMessageDelivery
          : undefined,
        Region: region,
        RedrivePolicy: this.subscriptionRedrive(options),
        ...this.subscriptionFilter(options),
      },
      this.subscriptionOrigin(path),
    );
    this.allowTopicToDeadLetter(options, arn, site);
  }

  /**
   * `new sns.Subscription(scope, id, props)` (aws-sns/lib/subscription.ts), which each subscription's bind makes too:
   * of the topic (one of the stack's, imported, or not known statically) to the endpoint of the protocol given, with
   * its filter policy and dead-letter queue, whose policy lets SNS send to it from the topic.
   */
  subscription(id: string, p: Props, site: CallSite): ResourceHandle {
    const arn =
      this.subscribedTopic(p.topic)?.arn ??
      new Unknown('topic of a subscription');
    const handle = this.model.add(id, 'AWS::SNS::Subscription', site, {
      TopicArn: arn,
      Protocol: enumValue(p.protocol, 'SubscriptionProtocol'),
      Endpoint: p.endpoint,
      RawMessageDelivery: p.rawMessageDelivery,
      Region: p.region,
      RedrivePolicy: this.subscriptionRedrive(p),
      SubscriptionRoleArn: p.subscriptionRoleArn,
      ...this.subscriptionFilter(p),
    });
    this.allowTopicToDeadLetter(p, arn, site);
    return handle;
  }

  /**
   * The protocol of an endpoint's subscription (see snsToEndpoint): a URL's of its scheme, or where the URL is not
   * known statically its options' `protocol`; an email address's `email`, `email-json` where its options' `json`.
   */
  private endpointProtocol(
    kind: 'Url' | 'Email' | 'Sms',
    endpoint: JsValue,
    options: JsValue,
  ): JsValue {
    if (kind === 'Sms') return 'sms';
    if (kind === 'Url' && typeof endpoint === 'string')
      return endpoint.startsWith('https:') ? 'https' : 'http';
    if (!defaultsKnown(options)) return new Unknown('subscription options');
    const given = isPlainObject(options) ? options : {};
    if (kind === 'Url')
      return enumValue(given.protocol, 'SubscriptionProtocol');
    if (given.json === undefined || given.json === false) return 'email';
    return given.json === true
      ? 'email-json'
      : new Unknown('email subscription format');
  }

  /**
   * `topic.addSubscription(new UrlSubscription(url, options))`, an EmailSubscription's or an SmsSubscription's
   * (aws-sns-subscriptions/lib/url.ts, email.ts, sms.ts), of a topic of the stack's, imported or not known statically:
   * the subscription below the topic (TOPIC_NOT_KNOWN standing for one not known), named by the endpoint as a
   * construct id (its `/` as `--`), by `TokenSubscription:<n>` where the endpoint is not known statically
   * (aws-sns/lib/topic-base.ts, nextTokenId), and the statement of its dead-letter queue's policy. An SMS
   * subscription drops its options' dead-letter queue, and its and an email one's rawMessageDelivery (their bind).
   */
  snsToEndpoint(
    topic: JsValue,
    kind: 'Url' | 'Email' | 'Sms',
    endpoint: JsValue,
    options: JsValue,
    site: CallSite,
  ) {
    const subscribed = this.subscribedTopic(topic);
    if (subscribed === undefined) return;
    const { path, arn } = subscribed;
    const scope = path ?? TOPIC_NOT_KNOWN;
    let id: string;
    if (typeof endpoint !== 'string') {
      let n = 1;
      while (this.model.byId.has(`${scope}/TokenSubscription:${n}`)) n++;
      id = `${scope}/TokenSubscription:${n}`;
    } else {
      id = `${scope}/${endpoint.replace(/\//g, '--')}`;
      // Stand-ins for topics not known statically share one scope.
      if (path === undefined) id = this.model.freeId(id);
    }
    this.model.add(id, 'AWS::SNS::Subscription', site, {
      TopicArn: arn,
      Protocol: this.endpointProtocol(kind, endpoint, options),
      Endpoint: endpoint,
      RawMessageDelivery:
        kind === 'Url' && isPlainObject(options)
          ? options.rawMessageDelivery
          : undefined,
      RedrivePolicy:
        kind === 'Sms' ? undefined : this.subscriptionRedrive(options),
      ...this.subscriptionFilter(options),
    });
    if (kind !== 'Sms') this.allowTopicToDeadLetter(options, arn, site);
  }
}
