/** The model of aws-lambda-event-sources' event sources of functions (see EventSourcesModel). */
import { createHash } from 'node:crypto';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
  keysAfterSpreads,
} from '../../pulumi/interpreter';
import { Props, enumValue } from './props';
import { Ref, Unknown } from '../../../graph/values';
import type { CdkModel } from '../constructs';
import { GLOBAL_TABLE, QUEUE, REST_API, TABLE } from './resourceTypes';
import { lambdaIntegration } from './apiGateway';
import { GRANTS } from './iam/grants';
import { EVENT_SOURCE_MAPPING_OPTIONS } from '../propertyNames';

/**
 * The options of an event source's props that are not known statically (a spread among them too): any of those a
 * rule reads may be set, so they are not known, but for those written after a spread, which it cannot override;
 * without props, none is set.
 */
function sourceOptions(props: JsValue): Props {
  if (props === undefined) return {};
  const unknown = new Unknown('event source props not known statically');
  return {
    reportBatchItemFailures: unknown,
    onFailure: unknown,
    ...keysAfterSpreads(props),
  };
}

/** The part of CdkModel the event sources model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'callMethod'
  | 'escape'
  | 'freeId'
  | 'iamModel'
  | 'importsModel'
  | 'kmsModel'
  | 'lambdaModel'
  | 'messagingModel'
  | 'nodeUniqueId'
  | 'ref'
  | 'restApiModel'
  | 'writtenAs'
>;

/**
 * What aws-lambda-event-sources synthesize: a function's event source mappings, with the grants on the source they
 * give its role, and the subscriptions, notifications and permissions of the sources that push.
 */
export class EventSourcesModel {
  constructor(private readonly model: Model) {}

  eventSource(fn: ResourceHandle, source: JsValue, site: CallSite) {
    // A source not known statically (one of a list a spread not known adds to) binds the function in code not read.
    if (!(source instanceof HostObject)) {
      this.model.escape([fn]);
      return;
    }
    if (source.kind === 'snsSource')
      this.model.messagingModel.snsToLambda(
        source.data.topic,
        fn,
        source.data.props,
        site,
      );
    if (source.kind === 's3Source') {
      const bucket = source.data.bucket;
      const name = bucket instanceof ResourceHandle ? bucket.id : undefined;
      const bucketPath =
        name ??
        (bucket instanceof Unknown
          ? this.model.importsModel.outsideConstructs.get(bucket)?.path
          : undefined);
      // Below the bucket, named by the function's unique id (aws-s3-notifications/lib/lambda.ts).
      const functionId = this.model.nodeUniqueId(
        this.model.lambdaModel.functionScope(fn),
      );
      this.model.add(
        bucketPath
          ? `${bucketPath}/AllowBucketNotificationsTo${functionId}`
          : `${fn.id}/AllowBucketNotifications:bucket`,
        'AWS::Lambda::Permission',
        site,
        {
          FunctionName: new Ref(fn.id, 'Arn'),
          Action: 'lambda:InvokeFunction',
          Principal: 's3.amazonaws.com',
          SourceArn: this.model.ref(bucket, 'Arn'),
        },
        {
          origin: name
            ? `the notifications of the S3 bucket ${name}`
            : 'the notifications of an S3 bucket',
        },
      );
    }
    if (source.kind === 'apiSource') {
      // The REST API CDK makes in the function's stack, one per function for all its ApiEventSources, with its
      // defaults (a deployed prod stage); each method, at its path (`resourceForPath`), integrates the function
      // (a LambdaIntegration), which lets API Gateway invoke it, waiting.
      const apiId = `${this.model.lambdaModel.functionScope(
        fn,
      )}:ApiEventSource`;
      const api = this.model.byId.has(apiId)
        ? new ResourceHandle(apiId, REST_API)
        : this.model.restApiModel.restApi(
            apiId,
            { defaultIntegration: lambdaIntegration(fn, undefined) },
            site,
          );
      const resource = this.model.restApiModel.apiResourceMethod(
        this.model.restApiModel.apiRoot(api),
        'resourceForPath',
        [source.data.path],
        site,
      ) as HostObject;
      this.model.restApiModel.addApiMethod(
        resource,
        source.data.method,
        undefined,
        site,
        source.data.options,
      );
    }
    if (source.kind === 'pollSource') {
      const from = source.data.source;
      const scope = this.model.lambdaModel.functionScope(fn);
      const name = this.pollMappingName(source, scope);
      // Sources not known statically (a stream of a scope not known, a Kafka topic) have no id to tell their mappings apart.
      const mappingId = name
        ? `${scope}/${name}`
        : this.model.freeId(`${scope}/${source.data.name}:stream`);
      // A table is read through its stream; a Kinesis stream is its own.
      const sourceArn =
        from instanceof ResourceHandle
          ? new Ref(
              from.id,
              [TABLE, GLOBAL_TABLE].includes(
                this.model.byId.get(from.id)?.type ?? '',
              )
                ? 'StreamArn'
                : 'Arn',
            )
          : this.model.ref(from);
      // A stream's source reads 100 records at a time unless told otherwise (aws-lambda-event-sources/lib/stream.ts).
      const props = source.data.props;
      this.eventSourceMapping(
        mappingId,
        fn,
        sourceArn,
        isPlainObject(props)
          ? { batchSize: 100, ...props }
          : sourceOptions(props),
        site,
      );
      const grant = source.data.grant;
      if (typeof grant === 'string' && from instanceof ResourceHandle)
        this.model.callMethod(from, grant, [fn], site);
      else if (typeof grant === 'string')
        this.model.iamModel.addStatements(
          fn,
          [new Unknown(`${grant} of an event source not known statically`)],
          site,
        );
    }
    if (source.kind === 'sqsSource') {
      // A queue not known statically (made with props not known) is polled all the same: the function has a trigger.
      const queue =
        source.data.queue instanceof ResourceHandle
          ? source.data.queue
          : undefined;
      // One imported (`Queue.fromQueueArn`, `fromQueueAttributes`) is polled by its ARN, as synth writes it.
      const imported =
        source.data.queue instanceof Unknown
          ? this.model.importsModel.importedResources.get(source.data.queue)
          : undefined;
      const importedArn = imported?.type === QUEUE ? imported.arn : undefined;
      const importedPath =
        importedArn && source.data.queue instanceof Unknown
          ? this.model.importsModel.outsideConstructs.get(source.data.queue)
              ?.path
          : undefined;
      const queueArn = queue
        ? new Ref(queue.id, 'Arn')
        : importedArn ?? new Unknown('queue not known statically');
      // It passes on its batch options alone (aws-lambda-event-sources/lib/sqs.ts, bind): a stream's options and
      // an on-failure destination its props may hold (spread in) are not written.
      const { batchSize, maxBatchingWindow, reportBatchItemFailures, enabled } =
        isPlainObject(source.data.props)
          ? source.data.props
          : sourceOptions(source.data.props);
      // Named by the queue's unique id (sqs.ts); queues not known statically have none to tell their mappings apart.
      const scope = this.model.lambdaModel.functionScope(fn);
      const queuePath = queue?.id ?? importedPath;
      const mappingId = queuePath
        ? `${scope}/SqsEventSource:${this.model.nodeUniqueId(queuePath)}`
        : this.model.freeId(`${scope}/SqsEventSource:queue`);
      this.eventSourceMapping(
        mappingId,
        fn,
        queueArn,
        { batchSize, maxBatchingWindow, reportBatchItemFailures, enabled },
        site,
      );
      this.model.iamModel.addStatements(
        fn,
        [
          {
            Effect: 'Allow',
            Action: GRANTS.grantConsumeMessages.actions,
            Resource: queueArn,
          },
          // It decrypts with the key the import's attributes name too (grantConsumeMessages).
          ...(imported
            ? this.model.kmsModel.importedKeyStatements(
                imported,
                'grantConsumeMessages',
              )
            : []),
        ],
        site,
      );
    }
  }

  /**
   * The name aws-cdk-lib gives the mapping of a poll-based source below its function (`scope`): the source's class
   * and the unique id of the stream or table it reads (kinesis.ts, dynamodb.ts); for Kafka, its topic after the
   * function's unique id (a managed cluster's) or the MD5 of its bootstrap servers (a self-managed one's, kafka.ts).
   * Undefined where what names it is not known statically.
   */
  private pollMappingName(
    source: HostObject,
    scope: string,
  ): string | undefined {
    const {
      name,
      source: from,
      topic,
      selfManaged,
      bootstrapServers,
    } = source.data;
    if (name !== 'KafkaEventSource') {
      // One imported or not modelled (a StreamConsumer) is named by its path too.
      let path: string | undefined;
      if (from instanceof ResourceHandle) path = from.id;
      else if (from instanceof Unknown)
        path = this.model.importsModel.outsideConstructs.get(from)?.path;
      return path && `${name}:${this.model.nodeUniqueId(path)}`;
    }
    if (typeof topic !== 'string') return undefined;
    if (!selfManaged)
      return `${name}:${this.model.nodeUniqueId(scope)}${topic}`;
    if (
      Array.isArray(bootstrapServers) &&
      bootstrapServers.every(server => typeof server === 'string')
    )
      return `${name}:${createHash('md5')
        .update(JSON.stringify(bootstrapServers))
        .digest('hex')}:${topic}`;
    return undefined;
  }

  /**
   * The mapping through which Lambda polls `eventSourceArn` for the function, with the options CDK passes on
   * (a mapping's props, those of `addEventSourceMapping` or of a queue's or a stream's source), and what its
   * on-failure destination grants the function, as the mapping binds it (aws-lambda/lib/event-source-mapping.ts).
   * Its filters and Kafka's options are not modelled.
   */
  eventSourceMapping(
    id: string,
    fn: ResourceHandle,
    eventSourceArn: JsValue,
    options: Props,
    site: CallSite,
  ): ResourceHandle {
    let responseTypes: JsValue;
    if (options.reportBatchItemFailures === true)
      responseTypes = ['ReportBatchItemFailures'];
    else if (
      options.reportBatchItemFailures !== undefined &&
      options.reportBatchItemFailures !== false
    )
      responseTypes = new Unknown('reportBatchItemFailures');
    const onFailure = options.onFailure;
    const destination =
      onFailure instanceof HostObject && onFailure.kind === 'destination'
        ? onFailure.data
        : {};
    const grant =
      typeof destination.grant === 'string' ? destination.grant : undefined;
    const mapping = this.model.add(
      id,
      'AWS::Lambda::EventSourceMapping',
      site,
      {
        FunctionName: new Ref(fn.id),
        EventSourceArn: eventSourceArn ?? new Unknown('event source'),
        BatchSize: options.batchSize,
        StartingPosition: enumValue(
          options.startingPosition,
          'StartingPosition',
        ),
        StartingPositionTimestamp: options.startingPositionTimestamp,
        DestinationConfig:
          onFailure === undefined
            ? undefined
            : {
                OnFailure: {
                  Destination:
                    this.model.ref(
                      destination.target,
                      grant && GRANTS[grant].attribute,
                    ) ?? new Unknown('destination not known statically'),
                },
              },
        BisectBatchOnFunctionError: options.bisectBatchOnError,
        MaximumRetryAttempts: options.retryAttempts,
        // Durations, which the model holds as seconds.
        MaximumRecordAgeInSeconds: options.maxRecordAge,
        FunctionResponseTypes: responseTypes,
        MaximumBatchingWindowInSeconds: options.maxBatchingWindow,
        ParallelizationFactor: options.parallelizationFactor,
        TumblingWindowInSeconds: options.tumblingWindow,
        Enabled: options.enabled,
      },
    );
    this.model.writtenAs.set(mapping.id, EVENT_SOURCE_MAPPING_OPTIONS);
    if (destination.target instanceof ResourceHandle && grant)
      this.model.callMethod(destination.target, grant, [fn], site);
    return mapping;
  }
}
