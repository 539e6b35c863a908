/** The model of constructs the app imports (see ImportsModel). */
import { lookupTable } from '../../../support/lookupTable';
import { Ref, Template, Unknown, Value, concat } from '../../../graph/values';
import { aliasArn, ref, stackArn } from './arns';
import type { CdkModel } from '../constructs';
import {
  CallSite,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../pulumi/interpreter';
import {
  GRANTS,
  IMPORTS_GRANTED,
  ImportedResource,
  OWN_GRANTS,
  STREAM_GRANTS,
  bucketGrantStatement,
  logGroupGrantStatement,
  secretGrantStatement,
} from './iam/grants';
import {
  GLOBAL_TABLE,
  KEY,
  KEY_ALIAS,
  PROPS_CONSTRUCT_TYPES,
  SECRET,
  STREAM,
  TABLE,
} from './resourceTypes';
import { hasIndexes, tableResources } from './dynamoDb';
import { Props } from './props';

/**
 * The ARNs CDK gives constructs imported by name, by module, class and method, from the name: formatArn's, in the
 * stack's partition, region and account (aws-stepfunctions/lib/state-machine.ts, fromStateMachineName).
 */
const ARNS_OF_NAMED_IMPORTS = lookupTable<(name: Value) => Value>({
  'aws-stepfunctions.StateMachine.fromStateMachineName': name =>
    stackArn('states', ['stateMachine:', name]),
  'aws-dynamodb.Table.fromTableName': name =>
    stackArn('dynamodb', ['table/', name]),
  'aws-dynamodb.TableV2.fromTableName': name =>
    stackArn('dynamodb', ['table/', name]),
  // A bucket's ARN names no region or account (aws-s3/lib/util.ts, parseBucketArn).
  'aws-s3.Bucket.fromBucketName': name =>
    concat(['arn:', Unknown.oneValue('AWS::Partition'), ':s3:::', name]),
  'aws-logs.LogGroup.fromLogGroupName': name =>
    concat([stackArn('logs', ['log-group:', withoutStreamSuffix(name)]), ':*']),
  'aws-secretsmanager.Secret.fromSecretNameV2': name =>
    stackArn('secretsmanager', ['secret:', name]),
  'aws-kms.Alias.fromAliasName': aliasArn,
});

/** A log group's name or ARN without the `:*` of its streams, as CDK takes it off what it is given (aws-logs/lib/log-group.ts). */
function withoutStreamSuffix(value: Value): Value {
  if (typeof value === 'string') return value.replace(/:\*$/, '');
  const last = value instanceof Template ? value.parts.at(-1) : undefined;
  return value instanceof Template && typeof last === 'string'
    ? concat([...value.parts.slice(0, -1), last.replace(/:\*$/, '')])
    : value;
}

/** The part of CdkModel the imports model uses. */
type Model = Pick<
  CdkModel,
  'basePath' | 'escape' | 'iamModel' | 'kmsModel' | 'ref'
>;

/**
 * Constructs the app imports (`Queue.fromQueueArn(this, 'Shared', arn)`, `Bucket.fromBucketName`…): what stands for
 * each, its ARN, what CDK makes below it, and the statements its grants write.
 */
export class ImportsModel {
  /**
   * The construct paths of constructs not modelled (`new codebuild.Project(this, 'Build')`) and of those imported
   * (`StateMachine.fromStateMachineArn(this, 'Flow', arn)`, with the ARN it is given): CDK makes the role
   * EventBridge calls them as below them.
   */
  readonly outsideConstructs = new WeakMap<
    Unknown,
    { path: string; arn?: JsValue }
  >();

  /**
   * The attributes each construct imported was given, where known: those of `fromClusterAttributes`, none of one
   * imported by its ARN or name (`fromClusterArn`).
   */
  readonly importAttributes = new WeakMap<Unknown, Props>();

  /** The class (`aws-sqs.Queue`) of each construct imported. */
  readonly importedClasses = new WeakMap<Unknown, string>();

  /** The resources imported whose grants this model writes (see ImportedResource). */
  readonly importedResources = new WeakMap<Unknown, ImportedResource>();

  constructor(private readonly model: Model) {}

  /**
   * `Class.fromXxx(scope, id, …)` of a CDK module (other than those modelled, `Role.fromRoleArn`), by the module,
   * class and method (`aws-sqs.Queue.fromQueueArn`): a construct outside the stack, not known statically, as any
   * call not known statically is, whose path is kept, and the ARN it is given by `fromXxxArn`, or CDK makes of the
   * name it is given (see {@link ARNS_OF_NAMED_IMPORTS}).
   */
  importConstruct(method: string, args: JsValue[], site: CallSite): Unknown {
    this.model.escape(args);
    const imported = new Unknown('result of a call not known statically');
    const [scope, id, arnOrName] = args;
    const attributes =
      method.endsWith('Attributes') && isPlainObject(arnOrName)
        ? arnOrName
        : undefined;
    const tableAttributes = method.endsWith('.fromTableAttributes')
      ? attributes
      : undefined;
    let arn: JsValue;
    if (method.endsWith('Arn')) arn = arnOrName;
    // A queue's and a topic's attributes name its ARN, of which CDK makes its URL and name (aws-sqs/lib/queue.ts,
    // aws-sns/lib/topic.ts).
    else if (method === 'aws-sqs.Queue.fromQueueAttributes')
      arn = attributes?.queueArn;
    else if (method === 'aws-sns.Topic.fromTopicAttributes')
      arn = attributes?.topicArn;
    // A layer's attributes name its ARN, as a function's Layers write it (aws-lambda/lib/layers.ts).
    else if (method === 'aws-lambda.LayerVersion.fromLayerVersionAttributes')
      arn = attributes?.layerVersionArn;
    // A bucket's attributes name its ARN, else its name, of which CDK makes it (aws-s3/lib/util.ts, parseBucketArn).
    else if (method === 'aws-s3.Bucket.fromBucketAttributes')
      arn =
        attributes?.bucketArn ??
        (attributes?.bucketName === undefined
          ? undefined
          : ARNS_OF_NAMED_IMPORTS['aws-s3.Bucket.fromBucketName'](
              toGraphValue(attributes.bucketName, ref),
            ));
    // An alias's attributes name it, of which CDK makes its ARN as of one imported by name (aws-kms/lib/alias.ts).
    else if (method === 'aws-kms.Alias.fromAliasAttributes')
      arn =
        attributes?.aliasName === undefined
          ? undefined
          : aliasArn(toGraphValue(attributes.aliasName, ref));
    else if (ARNS_OF_NAMED_IMPORTS[method])
      arn = ARNS_OF_NAMED_IMPORTS[method](toGraphValue(arnOrName, ref));
    // Its ARN, else the one CDK makes of its name (aws-dynamodb/lib/table.ts, fromTableAttributes).
    else if (tableAttributes)
      arn =
        tableAttributes.tableArn ??
        ARNS_OF_NAMED_IMPORTS['aws-dynamodb.Table.fromTableName'](
          toGraphValue(tableAttributes.tableName, ref),
        );
    this.importedClasses.set(
      imported,
      method.slice(0, method.lastIndexOf('.')),
    );
    if (attributes || !method.endsWith('Attributes'))
      this.importAttributes.set(imported, attributes ?? {});
    if (typeof id === 'string')
      this.outsideConstructs.set(imported, {
        path: this.model.basePath(scope, id, site),
        arn,
      });
    const type =
      PROPS_CONSTRUCT_TYPES[method.slice(0, method.lastIndexOf('.'))];
    if (
      IMPORTS_GRANTED.has(method) &&
      (attributes || !method.endsWith('Attributes'))
    ) {
      let granted: Value =
        this.model.ref(arn) ??
        new Unknown('ARN of an import not known statically');
      if (type === 'AWS::Logs::LogGroup')
        granted = withoutStreamSuffix(granted);
      // The ARN a secret's policies name: any of its versions' suffixes, unless the ARN given is complete.
      if (type === SECRET && !method.endsWith('CompleteArn'))
        granted = concat([granted, '-??????']);
      this.importedResources.set(imported, {
        type,
        arn: granted,
        indexes: tableAttributes
          ? hasIndexes(
              [tableAttributes.globalIndexes, tableAttributes.localIndexes],
              tableAttributes.grantIndexPermissions,
            )
          : false,
        keyArn: this.model.kmsModel.importedKeyArn(attributes),
      });
    }
    return imported;
  }

  /**
   * `imported.grantXxx(grantee, …)` of a resource imported (see IMPORTS_GRANTED): the actions the grant of one of
   * the stack's own of its type grants, on the ARN the import's grants are on, and on the key a table's, a queue's or a bucket's
   * attributes name, not known statically.
   */
  importedGrant(
    imported: ImportedResource,
    name: string,
    args: JsValue[],
    site: CallSite,
  ): void {
    const { type, arn, indexes } = imported;
    // An alias imported by name grants nothing: its key is not known (aws-kms/lib/alias.ts, fromAliasName); one
    // imported by its attributes grants on the key they name, as that key's grant (fromAliasAttributes), which a key
    // not known statically may write anywhere.
    if (type === KEY_ALIAS) {
      if (imported.keyArn instanceof Unknown) this.model.escape(args);
      else if (imported.keyArn !== undefined)
        this.importedGrant(
          { type: KEY, arn: imported.keyArn, indexes: false },
          name,
          args,
          site,
        );
      return;
    }
    const [grantee, ...named] = args;
    let statement: Props;
    // A table's read grants' statement of its own (see TABLE_PRINCIPAL_ONLY_READ).
    let principalOnly: Props | undefined;
    if (type === 'AWS::Logs::LogGroup') {
      statement = logGroupGrantStatement(name, named, arn, concat([arn, ':*']));
    } else if (type === SECRET) {
      statement = secretGrantStatement(name, named[0], arn);
    } else if (type === STREAM) {
      statement = {
        Effect: 'Allow',
        Action: STREAM_GRANTS[name]?.actions ?? named,
        Resource: arn,
      };
    } else {
      const own = Object.hasOwn(OWN_GRANTS[type] ?? {}, name)
        ? OWN_GRANTS[type][name]
        : undefined;
      const grant = own
        ? { ...own, actions: own.actions ?? named }
        : GRANTS[name]!;
      const resources =
        type === TABLE || type === GLOBAL_TABLE
          ? tableResources(type, arn, indexes)
          : arn;
      statement = grant.objects
        ? bucketGrantStatement(
            name,
            { ...grant, objects: grant.objects },
            arn,
            named,
          )
        : { Effect: 'Allow', Action: grant.actions, Resource: resources };
      if ('principalOnly' in grant && grant.principalOnly)
        principalOnly = {
          Effect: 'Allow',
          Action: grant.principalOnly,
          Resource: resources,
        };
    }
    this.model.iamModel.addStatements(
      grantee,
      [
        statement,
        ...(principalOnly ? [principalOnly] : []),
        ...this.model.kmsModel.importedKeyStatements(imported, name),
      ],
      site,
    );
  }

  /** The path of a construct imported with an ARN (`Queue.fromQueueArn(this, 'Shared', arn)`): what CDK makes for it is below it. */
  importPath(construct: JsValue): string | undefined {
    const outside =
      construct instanceof Unknown
        ? this.outsideConstructs.get(construct)
        : undefined;
    return outside?.arn === undefined ? undefined : outside.path;
  }

  /** The ARN of a construct: of a resource of the stack's, or the one an import is given; otherwise not known (for `reason`). */
  arnOf(
    construct: JsValue,
    reason = 'ARN of a construct not known statically',
  ): Value {
    if (construct instanceof ResourceHandle)
      return new Ref(construct.id, 'Arn');
    const arn =
      construct instanceof Unknown
        ? this.outsideConstructs.get(construct)?.arn
        : undefined;
    return (
      (arn === undefined ? undefined : this.model.ref(arn)) ??
      new Unknown(reason)
    );
  }
}
