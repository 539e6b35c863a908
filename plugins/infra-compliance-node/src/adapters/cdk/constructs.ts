/**
 * The AWS CDK constructs the rules need, modelled the way `cdk synth`
 * renders them: L1 `Cfn*` constructs as their CloudFormation resource, and
 * the common L2s with what they add implicitly (a function's service role
 * with AWSLambdaBasicExecutionRole and its default policy, X-Ray and
 * dead-letter permissions, `grant*` statements, a REST API's deployment and
 * stage). Resource ids are construct paths below the stack (`Orders/Handler`).
 *
 * CdkModel holds what the app made (resources, stacks, paths, L1s) and
 * dispatches what the app's code does with CDK's classes; what each service's
 * constructs synthesize is modelled in model/, one module per service area,
 * each given the part of CdkModel it uses.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  copyLines,
  lineOfNode,
  lineOfPath,
  recordAssignedKeyLines,
  recordLines,
} from '../../graph/locations';
import {
  InlineSuppression,
  Resource,
  StackOutput,
} from '../../graph/ResourceGraph';
import {
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  collectRefs,
  concat,
  importOf,
  isMap,
  setEntry,
} from '../../graph/values';
import {
  CallSite,
  HostObject,
  Instance,
  Interpreter,
  JsValue,
  LINES_OF_ONE_FILE,
  LinesOfFile,
  Namespace,
  ResourceHandle,
  asResources,
  hostMethod,
  isPlainObject,
  resourceHandlesIn,
  toGraphValue,
  valuesHandedOn,
} from '../pulumi/interpreter';
import { JsonText, jsonTextValue } from '../pulumi/documents';
import { renamed } from './rename';
import { uniqueId } from './uniqueIds';
import { IntrinsicEvaluator } from '../cloudformation/intrinsics';
import { eachJsonTextProperty } from '../cloudformation';
import { parseJsonText } from '../../graph/jsonText';
import {
  isDataOtherThanText,
  metadataEntrySuppression,
} from '../cloudformation/suppressions';
import { lookupTable } from '../../support/lookupTable';
import { OF_CONSTRUCT_NOT_MODELLED } from '../../analysis/outputs';
import { l1Exceptions, l1Namespaces } from './l1Types';
import { taggableTypes } from '../../analysis/taggableTypes';
import { cdkEnumValue, withEnumValues } from './enumValues';
import {
  HTTP_API_DEFAULT_STAGE,
  HTTP_STAGE_OPTIONS,
  L2_PROPS,
  WrittenAs,
  l1PropPath,
  propSetting,
} from './propertyNames';
import { stackArn, formatArn } from './model/arns';
import {
  DURATION_SECONDS,
  Props,
  enumValue,
  retentionOfL2,
  asArray,
} from './model/props';
import {
  ALIAS,
  APPSYNC_DATA_SOURCE,
  DISTRIBUTION,
  ECS_CLUSTER,
  ECS_SERVICE,
  EDGE_FUNCTION,
  GLOBAL_TABLE,
  GRAPHQL_API,
  HTTP_API,
  HTTP_STAGE,
  INVOKABLE,
  KEY,
  LAMBDA_FUNCTION,
  LISTENER,
  LOAD_BALANCER,
  QUEUE,
  REST_API,
  REST_DEPLOYMENT,
  SECRET,
  SECURITY_GROUP,
  SSM_PARAMETER,
  STATE_MACHINE,
  STREAM,
  SUBNET,
  TABLE,
  TARGET_GROUP,
  TASK_DEFINITION,
  USER_POOL,
  VERSION,
  PROPS_CONSTRUCT_TYPES,
} from './model/resourceTypes';
import {
  APP_PATH,
  PATH,
  SCOPE_NOT_KNOWN,
  scopePath,
  stackOfPath,
  stackPath,
} from './model/paths';
import {
  SubnetKind,
  VPC_METHODS_NOT_MODELLED,
  VpcModel,
  peerOf,
  portOf,
} from './model/vpc';
import {
  ECS_METHODS_NOT_MODELLED,
  EcsModel,
  LOAD_BALANCED_PROPS_NOT_MODELLED,
  containerImage,
} from './model/ecs';
import { Elbv2Model } from './model/elbv2';
import { ref } from './model/arns';
import {
  CHAIN_METHODS,
  StepFunctionsModel,
  WAIT_TIMES,
  chainOf,
  choiceCondition,
  flowState,
  sequence,
} from './model/stepFunctions';
import {
  RestApiModel,
  apiDefinition,
  awsIntegration,
  httpIntegration,
  isLambdaAuthorizer,
  lambdaIntegration,
  mockIntegration,
  restIntegration,
  stepFunctionsIntegration,
} from './model/apiGateway';
import {
  HttpApiModel,
  MANAGE_CONNECTIONS_GRANTS,
  WEBSOCKET_ACCESS_LOG_FORMAT,
  manageConnections,
  routeAuthorizer,
} from './model/apiGatewayV2';
import {
  DESTINATION_GRANTS,
  GRANTS,
  LOG_GROUP_GRANTS,
  OWN_GRANTS,
  PARAMETER_GRANTS,
  SECRET_GRANTS,
  STREAM_GRANTS,
  TABLE_STREAM_GRANTS,
  bucketGrantStatement,
  logGroupGrantStatement,
  secretGrantStatement,
  stateMachineReadStatements,
  writesImportedGrant,
} from './model/iam/grants';
import { EventTargetsModel, ROLE_TARGETS } from './model/events';
import { AppSyncModel, mappingTemplate } from './model/appSync';
import {
  CognitoModel,
  VERSIONED_TRIGGERS,
  userPoolOperation,
} from './model/cognito';
import { SchedulerModel } from './model/scheduler';
import { KmsModel, defaultKeyPolicy } from './model/kms';
import {
  DynamoDbModel,
  hasIndexes,
  regionalTableArn,
  tableResources,
} from './model/dynamoDb';
import { S3Model } from './model/s3';
import { SecretsModel } from './model/secrets';
import { l1Properties, withoutIntrinsics } from './model/l1Props';
import { fnJoin, fnSub } from './model/intrinsics';
import {
  MessagingModel,
  subscriptionFilterConditions,
} from './model/messaging';
import { EventSourcesModel } from './model/eventSources';
import {
  HANDLER_FROM_IMAGE,
  IMAGE_CODE_METHODS,
  LambdaModel,
  RUNTIME_FROM_IMAGE,
  isRuntimeName,
  lambdaRuntime,
} from './model/lambda';
import { CloudFrontModel, s3BucketOrigin } from './model/cloudFront';
import {
  CloudWatchModel,
  mathExpression,
  metricNotKnown,
  metricWith,
  newMetric,
} from './model/cloudWatch';
import { IamModel } from './model/iam/policies';
import { isImportedRole } from './model/iam/documents';
import { STACK_TAG_TYPE, TAGS_OF_ASPECT, TagsModel } from './model/tags';
import { CdkStack, StackGraphs } from './model/stackGraphs';
import { ImportsModel } from './model/imports';
import { L1OverridesModel, mergeOverrides } from './model/l1Overrides';

/** The condition functions of CDK's `Fn`, by the intrinsic each writes (aws-cdk-lib core/lib/cfn-fn.ts). */
const CONDITION_FUNCTIONS = lookupTable<string>({
  conditionEquals: 'Fn::Equals',
  conditionAnd: 'Fn::And',
  conditionOr: 'Fn::Or',
  conditionNot: 'Fn::Not',
});

/**
 * The other functions of CDK's `Fn` that write an intrinsic (core/lib/cfn-fn.ts), by the intrinsic and its argument
 * of theirs. What the intrinsic gives is as the CloudFormation reader evaluates it in a template of no parameters,
 * conditions or resources (see fnIntrinsic): CDK's own resolve at synthesis where what they are given is known
 * (`Fn.select(0, ['a', 'b'])` is 'a'), as it does. `Fn.findInMap` is not among them: the stack's mappings are not read.
 */
const FN_INTRINSICS = lookupTable<(args: Value[]) => [string, Value]>({
  ref: ([name]) => ['Ref', name],
  getAtt: ([logicalId, attribute]) => ['Fn::GetAtt', [logicalId, attribute]],
  select: ([index, list]) => ['Fn::Select', [index, list]],
  split: ([delimiter, text]) => ['Fn::Split', [delimiter, text]],
  base64: ([data]) => ['Fn::Base64', data],
  len: ([list]) => ['Fn::Length', list],
  getAzs: ([region]) => ['Fn::GetAZs', region ?? ''],
  cidr: ([block, count, mask]) => ['Fn::Cidr', [block, count, mask ?? null]],
  conditionIf: ([condition, whenTrue, whenFalse]) => [
    'Fn::If',
    [condition, whenTrue, whenFalse],
  ],
  // `Fn.select(2, Fn.split('/', url))`.
  parseDomainName: ([url]) => ['Fn::Select', [2, { 'Fn::Split': ['/', url] }]],
  // `Fn.split(delimiter, Fn.importValue(name))`.
  importListValue: ([name, , delimiter]) => [
    'Fn::Split',
    [delimiter ?? ',', { 'Fn::ImportValue': name }],
  ],
});

/**
 * The JSON text of `Fn.toJsonString(value)` and `stack.toJsonString(value)`: text, with the references in it where
 * synth joins them (core/lib/private/cloudformation-lang.ts, toJSON); a value not known statically, not known.
 */
function jsonString(value: JsValue): Value {
  const known = toGraphValue(value, ref);
  return known instanceof Unknown
    ? new Unknown('toJsonString() of a value not known statically')
    : jsonTextValue(new JsonText(known));
}

/** The value of `Fn.<name>(…args)` of {@link FN_INTRINSICS} (`undefined` for `Fn.ref('AWS::NoValue')`, which removes a property). */
function fnIntrinsic(name: string, args: JsValue[]): Value | undefined {
  const [intrinsic, arg] = FN_INTRINSICS[name]!(
    args.map(item => toGraphValue(item, ref)),
  );
  return new IntrinsicEvaluator({}, new Set()).evaluate({ [intrinsic]: arg });
}

/** The members of a `CfnParameter` that read its value as one scalar. */
const PARAMETER_VALUES = new Set(['value', 'valueAsString', 'valueAsNumber']);

/** A stack's attributes that are CloudFormation's pseudo parameters (`this.account`, `Stack.of(this).region`). */
const STACK_PSEUDO_PARAMETERS = lookupTable<string>({
  account: 'AWS::AccountId',
  region: 'AWS::Region',
  partition: 'AWS::Partition',
  stackName: 'AWS::StackName',
  stackId: 'AWS::StackId',
  urlSuffix: 'AWS::URLSuffix',
});

/** A stack's methods that make a value of what they are given (`stack.formatArn`): they hand nothing on. */
const STACK_FUNCTIONS = new Set([
  'formatArn',
  'splitArn',
  'toJsonString',
  'resolve',
]);
/** Policies whose statements and roles CDK code may add to. */
const POLICY_TYPES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']);

/** The IAM identities that hold policies (aws-iam's Role, User, Group). */
const IDENTITY_TYPES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
]);

/** The methods of a user or group imported that add to its policy or attach one to it. */
const IDENTITY_POLICY_METHODS = new Set([
  'addToPolicy',
  'addToPrincipalPolicy',
  'attachInlinePolicy',
]);

/** The classes of the Lambda functions, versions and aliases imported that a caller may be granted to invoke. */
const IMPORTED_INVOKABLES = new Set([
  'aws-lambda.Function',
  'aws-lambda.Version',
  'aws-lambda.Alias',
]);

/** CDK's nested stack classes: aws-cdk-lib's (v1's @aws-cdk/core), and v1's @aws-cdk/aws-cloudformation. */
const NESTED_STACKS = new Set([
  'cdk.NestedStack',
  'cdk.aws-cloudformation.NestedStack',
]);

/**
 * A value not known statically that is surely a construct not modelled
 * (`new ec2.Vpc(...)`), its `node`, a list of constructs below it (its
 * subnets, its node's children), or one of those below it.
 */
type NotModelled = 'construct' | 'node' | 'children' | 'below';
/** A VPC's members that list its subnets of a kind (aws-ec2/lib/vpc.ts). */
const SUBNET_LISTS = lookupTable<SubnetKind>({
  publicSubnets: 'Public',
  privateSubnets: 'Private',
  isolatedSubnets: 'Isolated',
});
/** The members of a construct not modelled that list constructs CDK makes below it: a VPC's subnets (aws-ec2/lib/vpc.ts). */
const CHILD_LISTS = new Set([
  'publicSubnets',
  'privateSubnets',
  'isolatedSubnets',
]);
/**
 * Constructs not modelled that make no resource, not listed among those not judged (see CdkModel.constructsNotModelled):
 * a stage holds stacks, which are read; a mapping or a rule is a section of the template; a fragment groups states;
 * an asset is a file or image the CDK CLI publishes before deploying, that the template only points at.
 */
const MAKE_NO_RESOURCE = new Set([
  'Stage',
  'CfnMapping',
  'CfnRule',
  'aws-stepfunctions.StateMachineFragment',
  'aws-s3-assets.Asset',
  'aws-ecr-assets.DockerImageAsset',
  'aws-ecr-assets.TarballImageAsset',
]);
/**
 * The Step Functions tasks that make resources (aws-cdk-lib aws-stepfunctions-tasks/lib): a security group (an ECS
 * task in awsvpc mode), roles (EMR, EMR on EKS, SageMaker, Bedrock), functions (EvaluateExpression,
 * CallAwsServiceCrossRegion). Any other task is a state of its state machine's definition, which makes none.
 */
const TASKS_MAKING_RESOURCES = new Set([
  'EcsRunTask',
  'EmrCreateCluster',
  'EmrContainersStartJobRun',
  'EvaluateExpression',
  'CallAwsServiceCrossRegion',
  'SageMakerCreateModel',
  'SageMakerCreateTrainingJob',
  'SageMakerCreateTransformJob',
  'BedrockCreateModelCustomizationJob',
]);

/** The kinds of principals of aws-iam modelled: one of no conditions, and one of conditions (see conditionedPrincipal). */
const PRINCIPAL_KINDS = new Set(['principal', 'conditionedPrincipal']);
/** `iam.Grant`'s methods that add a statement to a grantee's policy (see grantStatically). */
const GRANT_METHODS = new Set([
  'addToPrincipal',
  'addToPrincipalOrResource',
  'addToPrincipalAndResource',
]);
/** Members named `…Arn` that are their resource's plain reference (its Ref), not an `Arn` attribute. */
const ARN_REFS = lookupTable<string>({
  loadBalancerArn: LOAD_BALANCER,
  listenerArn: LISTENER,
  targetGroupArn: TARGET_GROUP,
  taskDefinitionArn: TASK_DEFINITION,
  serviceArn: ECS_SERVICE,
});

/** The list of an alarm's actions each of its methods adds to (aws-cloudwatch/lib/alarm-base.ts). */
const ALARM_ACTION_LISTS = lookupTable<string>({
  addAlarmAction: 'AlarmActions',
  addOkAction: 'OKActions',
  addInsufficientDataAction: 'InsufficientDataActions',
});

/**
 * What changes what an app's constructs synthesize besides its code: the
 * feature flags of its `cdk.json` and the CDK version its `package.json` and lockfile say.
 */
export interface SynthesisSettings {
  /** `@aws-cdk/aws-lambda:useCdkManagedLogGroup`: a function without log settings gets a log group of its own. */
  cdkManagedLogGroups?: boolean;
  /** `@aws-cdk/aws-lambda:recognizeLayerVersion`: a function's Layers are sorted by their layers' construct paths. */
  recognizeLayerVersion?: boolean;
  /** `@aws-cdk/core:explicitStackTags`: `Tags.of(scope)` leaves the stacks below the scope untagged. */
  explicitStackTags?: boolean;
  /** `@aws-cdk/aws-apigateway:disableCloudWatchRole`: a REST API makes no CloudWatch role unless its props ask for one. */
  disableCloudWatchRole?: boolean;
  /**
   * `@aws-cdk/aws-ecs:reduceEc2FargateCloudWatchPermissions`: a service with ECS Exec whose cluster logs its sessions
   * to no log group of its own grants no writing to any.
   */
  reduceExecuteCommandLogging?: boolean;
  /**
   * `@aws-cdk/aws-elasticloadbalancingv2:networkLoadBalancerWithSecurityGroupByDefault`: a network load balancer
   * given no security groups makes one, as an application one does.
   */
  networkLoadBalancerSecurityGroups?: boolean;
  /**
   * `@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion`, as `cdk.json` sets it (undefined: not set, so off):
   * the runtime a NodejsFunction without one gets.
   */
  nodejsLatestRuntime?: unknown;
  /**
   * `@aws-cdk/aws-stepfunctions-tasks:evaluateExpressionDedicatedFunction` (on unless `cdk.json` turns it off): each
   * EvaluateExpression task has a function of its own, not one shared in its stack.
   */
  evaluateExpressionDedicatedFunction?: boolean;
  /**
   * `@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption` (cdk init sets it): the statement an SqsSubscription adds
   * to the policy of its queue's key lets SNS use the key for the topic alone (`aws:SourceArn`).
   */
  restrictSqsDecryption?: boolean;
  /**
   * The app's CDK version: `v1` for CDK v1 (`@aws-cdk/core`), else
   * aws-cdk-lib's as [major, minor, patch], the one its lockfile installs or
   * the lowest its `package.json` lets it run on. Undefined when it declares
   * none: a current aws-cdk-lib is assumed.
   */
  cdkVersion?: 'v1' | readonly [number, number, number];
}

/**
 * A function of a container image (`Runtime.FROM_IMAGE`, `Handler.FROM_IMAGE`) has no runtime or handler of its
 * own; `DockerImageCode.fromImageAsset` and `fromEcr`, and `Code.fromAssetImage` and `fromEcrImage`, are images.
 */
/** Token's static methods that cast a token to another type, which resolves as the token does. */
const TOKEN_CASTS = new Set(['asString', 'asNumber', 'asAny']);

/**
 * The modules of aws-cdk-lib whose constructs may make an API, a table, a queue or a topic, or be handed one (an
 * ecs-patterns queue service's queue, an included template's resources, a custom resource's response), and those
 * of core (no module).
 */
const MODULES_WITH_EXPORTABLES = new Set([
  'aws-apigateway',
  'aws-apigatewayv2',
  'aws-appsync',
  'aws-dynamodb',
  'aws-sqs',
  'aws-sns',
  'aws-ecs-patterns',
  'cloudformation-include',
  'custom-resources',
]);

/** A construct class of aws-cdk-lib, by its path (`cdk.aws-sqs.Queue`, `cdk.triggers.Trigger`, `cdk.pipelines.CodePipeline`): its module and name. */
const CONSTRUCT_PATH = /^cdk\.(?:([a-z][a-z0-9-]*)\.)?([A-Za-z0-9]+)$/;

/** A construct's `node`: a resource's, or a construct's of the app's own (`node`), or a stack's or the app's (`scopeNode`). */
function isConstructNode(object: HostObject): boolean {
  return object.kind === 'node' || object.kind === 'scopeNode';
}

/** The type a construct class of aws-cdk-lib (`cdk.aws-sqs.Queue`) deploys, an L2's modelled or an L1's; undefined for any other. */
function declaredTypeOf(path: string): string | undefined {
  const [, module = '', name] = CONSTRUCT_PATH.exec(path) ?? [];
  if (name === undefined) return undefined;
  return PROPS_CONSTRUCT_TYPES[`${module}.${name}`] ?? l1TypeOf(module, name);
}

/**
 * The type an L1 class of aws-cdk-lib (`Cfn*`) deploys, as its CFN_RESOURCE_TYPE_NAME names it (see l1Types.ts);
 * undefined for one of SAM's, which this model does not expand (see {@link expandedBySam}).
 */
function l1TypeOf(module: string, name: string): string | undefined {
  if (!name.startsWith('Cfn')) return undefined;
  const key = `${module}.${name}`;
  const namespace = l1Namespaces()[module];
  const exceptions = l1Exceptions();
  const type =
    key in exceptions
      ? exceptions[key]
      : namespace !== undefined && `${namespace}::${name.slice('Cfn'.length)}`;
  return type && !expandedBySam(type) ? type : undefined;
}

/**
 * A SAM resource (aws-sam's L1s, a CfnResource of its type), which CloudFormation's SAM transform expands into
 * those the rules judge (a function, its role, its events' resources); the app's model does not expand it, so it
 * is listed as not modelled rather than left in the graph unjudged.
 */
function expandedBySam(type: string): boolean {
  return type.startsWith('AWS::Serverless::');
}

/**
 * The attributes of constructs that are undefined when the construct has no such thing, by the type they
 * deploy: a table's stream ARN without a stream (aws-dynamodb table.ts), an HTTP API's `url` and
 * `defaultStage` without a default stage (aws-apigatewayv2 http/api.ts), a REST API's `domainName` without
 * one and `latestDeployment` with `deploy: false` (aws-apigateway restapi.ts), a bus's event source name but
 * for a partner's (aws-events event-bus.ts). Any other attribute read as a reference is a token, never undefined.
 */
const ATTRIBUTES_MAYBE_UNSET = lookupTable<string[]>({
  [TABLE]: ['tableStreamArn'],
  [HTTP_API]: ['url', 'defaultStage'],
  [REST_API]: ['domainName', 'latestDeployment'],
  'AWS::Events::EventBus': ['eventSourceName'],
});

/** Collects what a CDK app's constructs synthesize to. */
export class CdkModel {
  readonly resources: Resource[] = [];
  /** What the stacks output, each with the number of its stack (undefined: in a scope not known statically). */
  readonly outputs: {
    stack: number | undefined;
    output: StackOutput;
  }[] = [];
  /** Values not known statically that stand for a construct not modelled or for what is below one (see {@link NotModelled}). */
  readonly notModelled = new WeakMap<Unknown, NotModelled>();
  /**
   * The app's stacks, by number less one (see {@link stackPath}): each one's
   * construct id, the stack, and for a nested stack its construct path in
   * its parent's (undefined: a top-level stack, or a nested one in a scope
   * not known statically); `inApp` for a top-level stack made in the app
   * itself, not in a scope not known (a stage); `scopePath`, the path from the
   * app of the stage it is made in, where known (`Prod`).
   */
  readonly stackList: {
    name: string;
    stack: Instance | HostObject;
    pathInParent?: string;
    inApp?: boolean;
    scopePath?: string;
    /** The region of its `env`, where written as a string. */
    region?: string;
  }[] = [];
  /** The stacks synth makes for the EdgeFunctions of a stack outside us-east-1, by that stack's number (see edgeStackOf). */
  private readonly edgeStacks = new Map<number, HostObject>();
  /**
   * The path of each EdgeFunction, by the handle of the function it is: its `Fn` in its own stack, or one synth
   * makes in an edge stack (see edgeStackOf), where what is tagged on the EdgeFunction does not reach it.
   */
  private readonly edgeFunctionPaths = new WeakMap<ResourceHandle, string>();
  /**
   * The classes of the CDK's constructs the app made that are not modelled (`aws-ec2.Vpc`; one of the core module by
   * its name alone), with how many it made of each: what they make is not in the graph, and is not judged.
   */
  readonly constructsNotModelled = new Map<string, number>();
  /**
   * The paths from the app of constructs not modelled (a `Stage`) and of stages of the app's classes, where known:
   * of the stacks made in them (see pathFromApp).
   */
  private readonly notModelledPaths = new WeakMap<Unknown | Instance, string>();
  /**
   * Types of the constructs made with props not known statically (see
   * {@link ResourceGraph.hasUnknownOfType}), by the number of their stack
   * (undefined: in a scope not known statically, which may be any stack).
   */
  readonly unknownTypes = new Map<number | undefined, Set<string>>();
  /** Whether an IAM policy was made with props not known statically: it may be attached to any role. */
  private policiesNotKnown = false;
  readonly byId = new Map<string, Resource>();
  /** Whether the first construct of each path was made in code that may not run (see pathOf). */
  private readonly pathsMayNotRun = new Map<string, boolean>();
  /** Constructs made again under a taken path in code that may not run, by path: the path they vary. */
  private readonly variants = new Map<string, string>();
  /** The id each construct was made with, where it is known statically, by its path (see pathOf): its `node.id`. */
  private readonly nodeIds = new Map<string, string>();
  /** The paths of constructs made with an id not known statically, which a stand-in names (see basePath). */
  private readonly pathsOfIdsNotKnown = new Set<string>();
  /** The L1s of L2s (`node.defaultChild`, `node.findChild('Resource')`): the L2's path, but their `node.id` is `Resource`. */
  private readonly defaultChildren = new WeakSet<ResourceHandle>();
  /** Resources CDK makes when it renders the template, after every aspect ran: no `Tags.of` reaches them. */
  readonly madeAfterAspects = new Set<string>();
  /** The ids of the REST and HTTP APIs handed to code not read, whose methods or routes there may bind their default authorizers. */
  private readonly apisHandedOn = new Set<string>();
  /** L1 constructs (`new CfnQueue`, `queue.node.defaultChild`): code may set their properties. */
  readonly l1Handles = new WeakSet<ResourceHandle>();
  /** The props of each L1 made by `new Cfn*`, by id, as given and set since: what its getters return (see {@link member}). */
  private readonly l1Props = new Map<string, Props>();
  /** Members of the CDK's constructs not modelled (`parameter.grantRead`), which alarm on nothing they are given. */
  private readonly methodsNotModelled = new WeakSet<Unknown>();
  /** The ids of the resources made by `new CfnQueue(...)`: their `Tags` are their TagManager's initial tags. */
  readonly madeAsL1 = new Set<string>();
  /**
   * The members of aws-cdk-lib's enums the program reads, as the model holds them (`StartingPosition.LATEST`, see
   * {@link namespaceMember}), with the modules it reads each of (`aws-lambda`).
   */
  readonly enumMembersRead = new Map<string, Set<string>>();
  /**
   * L1s made as `new CfnResource` (see {@link cfnResource}): not ITaggable, so no tag aspect nor TagManager
   * reaches them (aws-cdk-lib core/lib/tag-aspect.ts, Tag.visit): their Tags are those they are written with.
   */
  readonly madeAsCfnResource = new Set<string>();
  /** How the code wrote each resource's properties, by id: where not set, as CloudFormation names them (see propertyNames.ts). */
  readonly writtenAs = new Map<string, WrittenAs>();
  /** Of the resources of L2s, the properties the code set on the L1 below (`node.defaultChild`), by id. */
  readonly setOnL1 = new Map<string, Set<string>>();
  /** The app's `CfnCondition`s, by construct path. */
  readonly conditions = new Map<string, HostObject>();
  /** Each nested stack's `AWS::CloudFormation::Stack` in its parent, by id: the path of the nested stack. */
  readonly nestedStackResources = new Map<string, string>();
  /** Where each instance of the program's classes is made (its `new`), and the id it is given there. */
  private readonly instanceSites = new WeakMap<
    Instance,
    { site: CallSite; id: JsValue }
  >();
  /** The app's `CfnParameter`s, by construct path. */
  private readonly parameters = new Map<string, HostObject>();
  /** The value each `CfnParameter` reads as (`valueAsString`), one per parameter: a condition comparing it references that parameter. */
  private readonly parameterValues = new Map<HostObject, Unknown>();
  readonly parameterOfValue = new WeakMap<Unknown, HostObject>();
  /** References that code not modelled was handed across stacks: CDK may export them from their stack (see handedOn). */
  readonly handedAcross: Ref[] = [];
  /**
   * The suppression comments written on the `new` of a construct, by its path: they are those of every
   * resource at or below that path, its own and those CDK makes for it (a function's role and default
   * policy, a queue's key, the permissions and event source mappings added to a function), or, for a
   * construct of the app's own classes, those its code makes, as those are about the construct the author wrote.
   */
  readonly constructSuppressions = new Map<string, InlineSuppression[]>();

  /**
   * The suppressions an L1's template metadata holds, by its id: `l1.addMetadata('infra-compliance', { suppress:
   * [{ id, reason }] })` or `l1.cfnOptions.metadata = { 'infra-compliance': … }`, which synth writes in the
   * resource's `Metadata`, where a template's are read (adapters/cloudformation/suppressions.ts).
   */
  private readonly metadataSuppressions = new Map<
    string,
    InlineSuppression[]
  >();

  /** Whether the program made its `App` (`new cdk.App()`), which code it calls may do only in a function never called. */
  madeApp = false;

  /** Where the program writes its objects and lists (see {@link readLiteralsOf}); until told, all in the resource's file. */
  private literals: Pick<Interpreter, 'linesOfFile'> = {
    linesOfFile: () => LINES_OF_ONE_FILE,
  };

  /** Which of the program's objects and lists are written in `file` (see {@link Interpreter.linesOfFile}). */
  linesOfFile(file: string): LinesOfFile {
    return this.literals.linesOfFile(file);
  }

  /** VPCs, their subnets and endpoints, and security groups (see VpcModel). */
  readonly vpcModel: VpcModel = new VpcModel(this);

  /** Load balancers, their listeners and target groups (see Elbv2Model). */
  readonly elbv2Model: Elbv2Model = new Elbv2Model(this);

  /** ECS clusters, task definitions, services and the Fargate patterns (see EcsModel). */
  readonly ecsModel: EcsModel = new EcsModel(this);

  /** State machines and the states of their definitions (see StepFunctionsModel). */
  readonly stepFunctionsModel: StepFunctionsModel = new StepFunctionsModel(
    this,
  );

  /** REST APIs, their resources, methods, deployments and stages (see RestApiModel). */
  readonly restApiModel: RestApiModel = new RestApiModel(this);

  /** HTTP and WebSocket APIs, their routes and stages (see HttpApiModel). */
  readonly httpApiModel: HttpApiModel = new HttpApiModel(this);

  /** EventBridge rules' targets and their roles (see EventTargetsModel). */
  readonly eventTargetsModel: EventTargetsModel = new EventTargetsModel(this);

  /** AppSync GraphQL APIs, their Lambda data sources and resolvers (see AppSyncModel). */
  readonly appSyncModel: AppSyncModel = new AppSyncModel(this);

  /** Cognito user pools and their Lambda triggers (see CognitoModel). */
  readonly cognitoModel: CognitoModel = new CognitoModel(this);

  /** EventBridge Scheduler schedules and their Lambda targets (see SchedulerModel). */
  readonly schedulerModel: SchedulerModel = new SchedulerModel(this);

  /** KMS keys and aliases, and the keys of what encrypts with one (see KmsModel). */
  readonly kmsModel: KmsModel = new KmsModel(this);

  /** DynamoDB tables, their replicas, encryption and grants (see DynamoDbModel). */
  readonly dynamoDbModel: DynamoDbModel = new DynamoDbModel(this);

  /** S3 buckets, their encryption and bucket policies (see S3Model). */
  readonly s3Model: S3Model = new S3Model(this);

  /** Secrets, their rotation, and SSM parameters (see SecretsModel). */
  readonly secretsModel: SecretsModel = new SecretsModel(this);

  /** SQS queues, Kinesis streams and SNS subscriptions (see MessagingModel). */
  readonly messagingModel: MessagingModel = new MessagingModel(this);

  /** Lambda event sources and event source mappings (see EventSourcesModel). */
  readonly eventSourcesModel: EventSourcesModel = new EventSourcesModel(this);

  /** Lambda functions, their versions, aliases and permissions (see LambdaModel). */
  readonly lambdaModel: LambdaModel = new LambdaModel(this);

  /** CloudFront distributions and their edge functions (see CloudFrontModel). */
  readonly cloudFrontModel: CloudFrontModel = new CloudFrontModel(this);

  /** CloudWatch metrics and alarms (see CloudWatchModel). */
  readonly cloudWatchModel: CloudWatchModel = new CloudWatchModel(this);

  /** IAM roles, policies, their statements and principals (see IamModel). */
  readonly iamModel: IamModel = new IamModel(this);

  /** Tags and aspects, and which tags each resource ends up with (see TagsModel). */
  readonly tagsModel: TagsModel = new TagsModel(this);

  /** The graphs of the app's stacks (see StackGraphs). */
  readonly stackGraphs: StackGraphs = new StackGraphs(this);

  /** Constructs imported from outside the app, and their grants (see ImportsModel). */
  readonly importsModel: ImportsModel = new ImportsModel(this);

  /** The overrides of L1s (see L1OverridesModel). */
  readonly l1OverridesModel: L1OverridesModel = new L1OverridesModel(this);

  constructor(
    readonly synthesisSettings: SynthesisSettings = {},
    /** The suppression comments (`// infra-compliance:suppress=…`) on a line of a program's file or right above it. */
    private readonly commentSuppressionsAt: (
      file: string,
      line: number,
    ) => InlineSuppression[] = () => [],
    /** A file the app's code names by a path relative to the folder cdk runs it in (`MappingTemplate.fromFile`). */
    private readonly readAppFile: (path: string) => string | undefined = () =>
      undefined,
  ) {}

  /** The interpreter that runs the app, which knows in which file each literal is written. */
  readLiteralsOf(interpreter: Pick<Interpreter, 'linesOfFile'>): void {
    this.literals = interpreter;
  }

  /** A value of the program as a resource in `file` holds it: lines of literals written in other files are not its lines. */
  graphValue(value: JsValue, file: string): Value {
    return toGraphValue(value, ref, this.literals.linesOfFile(file));
  }

  module(specifier: string): JsValue | undefined {
    if (specifier === 'aws-cdk-lib' || specifier === 'aws-cdk-lib/core')
      return new Namespace('cdk');
    // Every module of aws-cdk-lib (`aws-sqs`, `triggers`, `pipelines`, `custom-resources`): what constructs of it
    // not modelled an app makes is listed (see constructsNotModelled).
    const v2 =
      /^aws-cdk-lib\/([a-z][a-z0-9-]*)$/.exec(specifier) ??
      /^@aws-cdk\/(aws-[a-z0-9-]+)$/.exec(specifier);
    if (v2) return new Namespace(`cdk.${v2[1]}`);
    if (specifier === 'constructs' || specifier === '@aws-cdk/core')
      return new Namespace(specifier === 'constructs' ? 'constructs' : 'cdk');
    if (specifier === 'cdk-nag') return new Namespace(specifier);
    return undefined;
  }

  namespaceMember(path: string): JsValue | undefined {
    // cdk-nag's rule packs and suppressions report on the app: they change nothing CDK synthesizes.
    if (path.startsWith('cdk-nag.'))
      return path.split('.').length > 2
        ? hostMethod(new HostObject('nag', {}), path)
        : new Namespace(path);
    // The base class of constructs: known, so that a class extending it is not taken for one of a package not read.
    if (path === 'constructs.Construct') return new Namespace(path);
    if (!path.startsWith('cdk.')) return undefined;
    const underscore = /^cdk\.([a-z][a-z0-9_]*)$/.exec(path);
    if (underscore)
      return new Namespace(`cdk.${underscore[1].replace(/_/g, '-')}`);
    const segments = path.split('.');
    const [, module, name, member] = segments;
    if (module === 'Duration' && name && DURATION_SECONDS[name])
      return hostMethod(new HostObject('Duration', {}), name);
    if (module === 'Tags' && name === 'of')
      return hostMethod(new HostObject('Tags', {}), 'of');
    // CDK v1's deprecated `Tag.add(scope, key, value, props)` and `Tag.remove(scope, key, props)`.
    if (module === 'Tag' && (name === 'add' || name === 'remove'))
      return hostMethod(new HostObject('Tag', {}), name);
    if (module === 'Aspects' && name === 'of')
      return hostMethod(new HostObject('Aspects', {}), 'of');
    if (module === 'Stack' && name === 'of')
      return hostMethod(new HostObject('Stack', {}), 'of');
    if (module === 'TagManager' && name === 'of')
      return hostMethod(new HostObject('TagManager', {}), 'of');
    if (module === 'Fn' && name && CONDITION_FUNCTIONS[name])
      return hostMethod(new HostObject('Fn', {}), name);
    if (module === 'Fn' && (name === 'join' || name === 'sub'))
      return hostMethod(new HostObject('FnText', {}), name);
    if (module === 'Fn' && name === 'importValue')
      return hostMethod(new HostObject('FnImportValue', {}), name);
    if (module === 'Fn' && name && FN_INTRINSICS[name])
      return hostMethod(new HostObject('FnIntrinsic', {}), name);
    if (module === 'Fn' && name === 'toJsonString')
      return hostMethod(new HostObject('FnJsonString', {}), name);
    // A token cast to another type (`Token.asString(queue.getAtt('Arn'))`) resolves as it does.
    if (module === 'Token' && name && TOKEN_CASTS.has(name))
      return hostMethod(new HostObject('Token', {}), name);
    // `cdk.Aws` itself is read before its member (`cdk.Aws.ACCOUNT_ID`): a namespace.
    // A pseudo parameter, which the template that writes it resolves: one value in a stack.
    if (module === 'Aws')
      return name === undefined
        ? new Namespace(path)
        : Unknown.oneValue(
            `AWS::${name === 'ACCOUNT_ID' ? 'AccountId' : pascalCase(name)}`,
          );
    // The image of the firelens log router CDK adds (see defaultFluentBitImage).
    if (module === 'aws-ecs' && name === 'obtainDefaultFluentBitECRImage')
      return hostMethod(new HostObject('ecsFunction', {}), name);
    if (member === undefined)
      return segments.length <= 3 ? new Namespace(path) : undefined;
    if (path === EDGE_FUNCTION) return new Namespace(path);
    if (name === 'Runtime')
      return member === 'FROM_IMAGE'
        ? RUNTIME_FROM_IMAGE
        : lambdaRuntime(member);
    // Enums the L2s modelled here write as their values: a trigger's invocation type, a function's tracing, a log group's retention.
    if (
      (module === 'triggers' && name === 'InvocationType') ||
      name === 'Tracing' ||
      name === 'RetentionDays'
    )
      return cdkEnumValue(name, member) ?? null;
    if (
      name === 'ManagedPolicy' ||
      name === 'Code' ||
      name === 'DockerImageCode' ||
      name === 'Metric' ||
      name === 'TableEncryptionV2'
    )
      return hostMethod(new HostObject(`${name}`, {}), member);
    if (
      module === 'aws-iam' &&
      name === 'Role' &&
      (member === 'fromRoleArn' || member === 'fromRoleName')
    )
      return hostMethod(new HostObject('Role', {}), member);
    if (
      module === 'aws-iam' &&
      name === 'PermissionsBoundary' &&
      member === 'of'
    )
      return hostMethod(new HostObject('PermissionsBoundary', {}), member);
    if (module === 'aws-iam' && name === 'Grant' && GRANT_METHODS.has(member))
      return hostMethod(new HostObject('Grant', {}), member);
    // A state machine's definition: a chain of its states (`Chain.start(task).next(…)`), or its body made of one.
    if (
      module === 'aws-stepfunctions' &&
      ((name === 'Chain' && (member === 'start' || member === 'sequence')) ||
        (name === 'DefinitionBody' && member === 'fromChainable'))
    ) {
      return hostMethod(new HostObject(name, {}), member);
    }
    // What states render: a Choice's conditions, a Wait's time, a Pass's result.
    if (
      module === 'aws-stepfunctions' &&
      (name === 'Condition' || name === 'WaitTime' || name === 'Result')
    )
      return hostMethod(new HostObject(name, {}), member);
    if (
      module === 'aws-iam' &&
      (name === 'PolicyStatement' || name === 'PolicyDocument') &&
      member === 'fromJson'
    ) {
      return hostMethod(new HostObject(name, {}), member);
    }
    // A resolver's request, which says how AppSync invokes a Lambda data source's function (see lambdaResolver).
    if (
      (module === 'aws-appsync' || module === 'aws-appsync-alpha') &&
      name === 'MappingTemplate'
    )
      return hostMethod(new HostObject(name, {}), member);
    // A SpecRestApi's OpenAPI definition (see apiDefinition).
    if (
      module === 'aws-apigateway' &&
      name === 'ApiDefinition' &&
      ['fromInline', 'fromAsset', 'fromBucket'].includes(member)
    ) {
      return hostMethod(new HostObject(name, {}), member);
    }
    // A REST API imported with its root resource's id, which methods can be added to (importRestApi).
    if (
      module === 'aws-apigateway' &&
      (name === 'RestApi' || name === 'LambdaRestApi') &&
      member === 'fromRestApiAttributes'
    ) {
      return hostMethod(new HostObject('RestApi', {}), member);
    }
    // A subscription's filters (see MessagingModel.subscriptionFilter).
    if (
      module === 'aws-sns' &&
      (name === 'SubscriptionFilter' || name === 'FilterOrPolicy')
    )
      return hostMethod(new HostObject(name, {}), member);
    // A distribution's origin of a bucket (see s3BucketOrigin).
    if (module === 'aws-cloudfront-origins' && name === 'S3BucketOrigin')
      return hostMethod(new HostObject(name, {}), member);
    // A method's integration starting a state machine's executions (see stepFunctionsIntegration).
    if (
      module === 'aws-apigateway' &&
      name === 'StepFunctionsIntegration' &&
      member === 'startExecution'
    )
      return hostMethod(new HostObject(name, {}), member);
    // What a VPC, a security group's rules and a flow log are given (see vpc, securityGroupRule, flowLog).
    if (
      module === 'aws-ec2' &&
      ['Peer', 'Port', 'IpAddresses', 'FlowLogDestination'].includes(name)
    )
      return hostMethod(new HostObject(name, {}), member);
    // A listener's default action (see Elbv2Model.forwardAction).
    if (
      module === 'aws-elasticloadbalancingv2' &&
      (name === 'ListenerAction' || name === 'NetworkListenerAction')
    )
      return hostMethod(new HostObject('ListenerAction', {}), member);
    // A listener rule's condition (see Elbv2Model.listenerCondition).
    if (module === 'aws-elasticloadbalancingv2' && name === 'ListenerCondition')
      return hostMethod(new HostObject('ListenerCondition', {}), member);
    // A container's image and log driver (see containerImage, containerLogging).
    if (
      module === 'aws-ecs' &&
      (name === 'ContainerImage' ||
        name === 'LogDrivers' ||
        name === 'LogDriver')
    )
      return hostMethod(new HostObject(name, {}), member);
    // `Class.fromXxx(scope, id, …)`: a construct imported, not modelled (see importConstruct).
    if (/^from[A-Z]/.test(member) && module.startsWith('aws-'))
      return hostMethod(
        new HostObject('import', { construct: `${module}.${name}` }),
        member,
      );
    if (/^[A-Z_0-9]+$/.test(member)) {
      // enums: QueueEncryption.KMS_MANAGED
      const text = `${name}.${member}`;
      (
        this.enumMembersRead.get(text) ??
        this.enumMembersRead.set(text, new Set()).get(text)!
      ).add(module);
      return text;
    }
    return undefined;
  }

  instance(instance: Instance, args: JsValue[], site: CallSite): void {
    const [scope, id] = args;
    this.instanceSites.set(instance, { site, id });
    const parent = scopePath(scope);
    if (
      typeof parent === 'string' &&
      parent !== APP_PATH &&
      typeof id === 'string'
    ) {
      const path = parent ? `${parent}/${id}` : id;
      instance.fields.set(
        PATH,
        this.commented(path, site, instance.cls.node.name?.text ?? 'Construct'),
      );
    } else {
      // A stack (its super call marks it), or a construct in a scope not known or in the app (a stage, a stack of a
      // class not read): ids below it are the construct paths.
      instance.fields.set(PATH, '');
    }
    // Read on a stack (`this.account`), they are its pseudo parameters; its constructor may set its own.
    for (const [field, pseudo] of Object.entries(STACK_PSEUDO_PARAMETERS))
      instance.fields.set(field, new Unknown(pseudo));
  }

  /**
   * `super(scope, id, props)` to a class of a package: a stack's `tags` tag
   * every resource in it; a base class from a package not read (a company's
   * tagged stack) may tag what it holds. The arguments are read only for a
   * stack, and for a construct of CDK's service modules (`class Worker extends lambda.Function`), which the call at
   * `site` makes as `new` would, with the scope and id it is given: the instance is that construct where it is
   * modelled. Another of CDK's is not modelled.
   */
  hostSuper(
    instance: Instance,
    parent: JsValue,
    readArguments: () => JsValue[],
    site: CallSite,
  ): void {
    if (
      parent instanceof Namespace &&
      (parent.path === 'cdk.Stack' || NESTED_STACKS.has(parent.path))
    ) {
      // The `new` of a stack, as that of one of CDK's, suppresses nothing: only a construct's does (see instance).
      this.constructSuppressions.delete(instance.fields.get(PATH) as string);
    }
    if (parent instanceof Namespace && parent.path === 'cdk.Stack') {
      const [scope, id, props] = readArguments();
      instance.fields.set(PATH, this.addStack(instance, scope, id, props));
    } else if (parent instanceof Namespace && NESTED_STACKS.has(parent.path)) {
      // Placed by the scope and id it hands NestedStack, which may not be those of its `new`.
      const [scope, id] = readArguments();
      instance.fields.set(
        PATH,
        this.addNestedStack(
          instance,
          scope,
          id,
          this.instanceSites.get(instance)!.site,
        ),
      );
    } else if (parent instanceof Namespace && /^cdk\.aws-/.test(parent.path)) {
      const args = readArguments().map(arg => asResources(arg));
      const made = this.instanceSites.get(instance)!;
      const ownPath = instance.fields.get(PATH) as string;
      const onNew = this.constructSuppressions.get(ownPath) ?? [];
      this.constructSuppressions.delete(ownPath);
      // An id not known statically handed on as given (`super(scope, id, props)`) is named as the `new` writes it.
      const construct = this.construct(
        parent.path,
        args,
        args[1] === made.id ? { ...site, idText: made.site.idText } : site,
      );
      // Props not known statically make none, and a construct not modelled (`extends ec2.Vpc`) none, its arguments
      // handed to code not modelled (see construct).
      if (construct instanceof ResourceHandle) {
        // A super call under a condition after another: later uses of the instance have only this one, which either may be.
        if (instance.resource)
          this.alternativesNotKnown([instance.resource, construct]);
        instance.resource = construct;
        instance.fields.set(PATH, construct.id);
      } else if (isLambdaAuthorizer(construct)) {
        // A Lambda authorizer is not a resource the instance can be: what binds the instance is not tied to it.
        this.escape([construct]);
      } else if (
        construct instanceof HostObject &&
        construct.kind === 'scope' &&
        isPlainObject(construct.data.made)
      ) {
        // What an ecs-patterns service makes (`this.taskDefinition`) are its members (see loadBalancedFargateService).
        for (const [name, value] of Object.entries(construct.data.made))
          instance.inherited.set(name, value);
      }
      // The comments on the `new` are on the construct its super makes, with those on the super call, wherever its id puts it.
      const path = instance.fields.get(PATH) as string;
      const onSuper = this.constructSuppressions.get(path) ?? [];
      if (onNew.length > 0)
        this.constructSuppressions.set(path, [
          ...onSuper,
          ...onNew.map(suppression => ({ ...suppression, writtenOn: path })),
        ]);
    } else if (
      parent instanceof Namespace &&
      (parent.path === 'constructs.Construct' ||
        parent.path === 'cdk.Construct')
    ) {
      // A plain construct of the app's own class: its `node.id` is the id its super call gives (see nodeId).
      const [, id] = readArguments();
      instance.fields.set(
        'node',
        new HostObject('node', { construct: instance, id }),
      );
    } else if (parent instanceof Namespace && parent.path === 'cdk.Stage') {
      // Its stacks' paths from the app, which name what they hold elsewhere (see nodeUniqueId), are below its own.
      const [scope, id] = readArguments();
      this.stageMade(instance, scope, id);
    } else if (
      parent instanceof Namespace &&
      parent.path.startsWith('cdk-nag.')
    ) {
      // A rule pack of the app's own (`extends NagPack`) only reports, as cdk-nag's do: it tags and changes nothing.
      this.tagsModel.nagPacks.add(instance);
    } else if (
      !(
        parent instanceof Namespace &&
        /^(?:cdk|constructs)(?:\.|$)/.test(parent.path)
      )
    ) {
      this.tagsModel.tag(instance);
    }
  }

  /**
   * A stack of the app (a subclass of `Stack`, or one made directly) in
   * `scope`, tagged by its `tags` prop: its path.
   */
  private addStack(
    stack: Instance | HostObject,
    scope: JsValue,
    id: JsValue,
    props: JsValue,
  ): string {
    const env = isPlainObject(props) ? props.env : undefined;
    const region = isPlainObject(env) ? env.region : undefined;
    this.stackList.push({
      name: typeof id === 'string' ? id : `Stack${this.stackList.length + 1}`,
      stack,
      inApp: scopePath(scope) === APP_PATH,
      ...(typeof region === 'string' && { region }),
      ...((scope instanceof Unknown || scope instanceof Instance) &&
        this.notModelledPaths.has(scope) && {
          scopePath: this.notModelledPaths.get(scope),
        }),
    });
    const path = stackPath(this.stackList.length);
    // `stack.tags`, its TagManager.
    const manager = new HostObject('tagManager', { path, stack: true });
    if (stack instanceof Instance) {
      stack.fields.set('tags', manager);
      // Its `node`, whose constructs below the app's code may walk (see walkBelow).
      stack.inherited.set(
        'node',
        new HostObject('scopeNode', { construct: stack }),
      );
    } else stack.data.tags = manager;
    // Its methods that make values (`this.formatArn`), as those of a stack `Stack.of` finds: they hand nothing on.
    if (stack instanceof Instance)
      for (const name of STACK_FUNCTIONS)
        stack.inherited.set(
          name,
          hostMethod(new HostObject('stack', {}), name),
        );
    else stack.data.stackFunctions = true;
    const tags = isPlainObject(props) ? props.tags : props;
    // Its own tags, which CloudFormation gives all it deploys; TagManager sets them first, at priority 50.
    let keys: JsValue[] = tags === undefined ? [] : [new Unknown('stack tags')];
    if (isPlainObject(tags)) keys = Object.keys(tags);
    for (const key of keys)
      this.tagsModel.tagOperations.push({
        path,
        key,
        remove: false,
        reaches: type => type === STACK_TAG_TYPE,
        priority: 50,
        initial: true,
        mayNotRun: false,
        aspectPriority: -Infinity,
      });
    return path;
  }

  /**
   * The stack an EdgeFunction made in `scope` deploys in, where not the
   * stack of `scope`: Lambda@Edge runs functions of us-east-1, so for a
   * stack of another region (its `env.region`, known statically) synth makes
   * the function in a stack of its own in us-east-1 beside it, one per stack
   * (`edge-lambda-stack-<the stack's node.addr>`, or the `stackId` given),
   * where CloudFront's call of it is no trigger of its stack (aws-cdk-lib
   * aws-cloudfront/lib/experimental/edge-function.ts). Undefined for a stack of
   * us-east-1, or of a region not known, where it is made in `scope`.
   */
  private edgeStackOf(
    scope: JsValue,
    stackId: JsValue,
  ): HostObject | undefined {
    const n = this.stackOf(scope);
    const parent = n === undefined ? undefined : this.stackList[n - 1];
    if (
      n === undefined ||
      parent?.region === undefined ||
      parent.region === 'us-east-1'
    )
      return undefined;
    let edgeStack = this.edgeStacks.get(n);
    if (!edgeStack) {
      edgeStack = new HostObject('scope', {});
      // Node.addr: 'c8' and the SHA-1 of the ids from the app's (''), each followed by a newline (a stage's ids not known).
      const addr = `c8${createHash('sha1')
        .update(`\n${parent.name}\n`)
        .digest('hex')}`;
      edgeStack.data.path = this.addStack(
        edgeStack,
        undefined,
        typeof stackId === 'string' ? stackId : `edge-lambda-stack-${addr}`,
        undefined,
      );
      this.stackList[this.stackList.length - 1].inApp = parent.inApp;
      // Synth gives it the stack's tags as they are then (`tags: parentStack.tags.tagValues()`): the stack's own
      // and those set on its TagManager so far, before any aspect (Tags.of) runs.
      const parentPath = stackPath(n);
      for (const operation of [...this.tagsModel.tagOperations])
        if (operation.initial && operation.path === parentPath)
          this.tagsModel.tagOperations.push({
            ...operation,
            path: edgeStack.data.path as string,
          });
      this.edgeStacks.set(n, edgeStack);
    }
    return edgeStack;
  }

  /**
   * A nested stack of the app (a subclass of `NestedStack`, or one made
   * directly, at `site`) made with `scope` and `id`: a stack of its own, as
   * `cdk synth` writes it a template of its own, and in its parent an
   * `AWS::CloudFormation::Stack` that deploys it. Its props have no tags.
   */
  private addNestedStack(
    stack: Instance | HostObject,
    scope: JsValue,
    id: JsValue,
    site: CallSite,
  ): string {
    const path = this.addStack(stack, undefined, id, undefined);
    const parent = scopePath(scope);
    // In a scope not known, which stack holds it is not known either.
    if (
      typeof parent === 'string' &&
      typeof id === 'string' &&
      stackOfPath(parent) !== undefined
    ) {
      const pathInParent = `${parent}/${id}`;
      this.stackList[this.stackList.length - 1].pathInParent = pathInParent;
      // NestedStack makes it in a construct beside the stack, `<id>.NestedStack`: tags on its scope reach it, and
      // those of the nested stack are copied onto it (aws-cdk-lib core/lib/nested-stack.ts, _prepareTemplateAsset).
      const resource = this.add(
        `${pathInParent}.NestedStack/${id}.NestedStackResource`,
        'AWS::CloudFormation::Stack',
        site,
        {
          TemplateURL: new Unknown('the nested stack template CDK uploads'),
        },
      );
      this.nestedStackResources.set(resource.id, path);
    }
    return path;
  }

  /**
   * The construct path of a scope: a resource's own, but a SingletonFunction's, whose function is at its stack's
   * scope, its own (see functionScope), and an EdgeFunction's, whose function is its `Fn` or in an edge stack, its
   * own (see edgeFunctionPaths).
   */
  constructPath(scope: JsValue): JsValue {
    if (!(scope instanceof ResourceHandle)) return scopePath(scope);
    return (
      this.edgeFunctionPaths.get(scope) ?? this.lambdaModel.functionScope(scope)
    );
  }

  /** The number of the stack a scope is in (see {@link stackOfPath}). */
  stackOf(scope: JsValue): number | undefined {
    const path = this.constructPath(scope);
    return typeof path === 'string' ? stackOfPath(path) : undefined;
  }

  private addUnknownType(stack: number | undefined, type: string): void {
    const types = this.unknownTypes.get(stack) ?? new Set();
    this.unknownTypes.set(stack, types.add(type));
  }

  construct(
    path: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue | undefined {
    const made = this.constructed(path, args, site);
    // An L2's props set its resource's properties: messages name them (see propertyNames.ts).
    const props = L2_PROPS[path.replace(/^cdk\./, '')];
    if (props && made instanceof ResourceHandle)
      this.writtenAs.set(made.id, props);
    if (made instanceof ResourceHandle && isPlainObject(args[2]))
      this.recordPropLines(made.id, args[2], props, site);
    return made;
  }

  /**
   * Gives each top-level property of the resource a construct made that one of its props sets (by the L2's prop
   * that sets it, else by its L1's name: `runtime` for Runtime) the line of that prop's key, where the key is
   * written in the construct's file; properties CDK derives or defaults keep the construct's line.
   */
  private recordPropLines(
    id: string,
    props: Record<string, JsValue>,
    l2Props: WrittenAs | undefined,
    site: CallSite,
  ): void {
    const resource = this.byId.get(id);
    if (!resource || resource.file !== site.file) return;
    const lines = this.literals.linesOfFile(site.file);
    const keyLines = lines.written(props) ? undefined : lines.assigned(props);
    const propLines: Record<string, number> = {};
    for (const property of Object.keys(resource.properties)) {
      const prop =
        propSetting(l2Props, property) ?? l1PropPath(resource.type, property);
      if (!Object.prototype.hasOwnProperty.call(props, prop)) continue;
      const line = lines.written(props)
        ? lineOfPath(props as ValueMap, [prop], -1)
        : keyLines?.[prop] ?? -1;
      if (line >= 0) propLines[property] = line;
    }
    if (Object.keys(propLines).length > 0)
      recordAssignedKeyLines(resource.properties, propLines);
  }

  private constructed(
    path: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue | undefined {
    if (path === EDGE_FUNCTION) {
      const [scope, idArg, props] = args;
      const p = isPlainObject(props) ? props : {};
      const edgeStack = this.edgeStackOf(scope, p.stackId);
      // In its own stack, the function is its `Fn` (edge-function.ts, createInRegionFunction).
      const fn = this.lambdaModel.function(
        this.commented(
          edgeStack
            ? this.pathOf(edgeStack, idArg, site)
            : `${this.pathOf(scope, idArg, site)}/Fn`,
          site,
        ),
        p,
        site,
      );
      this.edgeFunctionPaths.set(fn, this.basePath(scope, idArg, site));
      // Where the function deploys to us-east-1, the parameter its stack reads the version's ARN from.
      if (edgeStack) {
        this.add(`${fn.id}/Parameter`, SSM_PARAMETER, site, {
          Type: 'String',
          Value: this.ref(this.lambdaModel.currentVersion(fn)),
        });
      }
      return fn;
    }
    // A plain construct groups others: what is made in it is below its path.
    if (path === 'constructs.Construct' || path === 'cdk.Construct') {
      const [scope, idArg] = args;
      return new HostObject('scope', { path: this.pathOf(scope, idArg, site) });
    }
    if (path.startsWith('cdk-nag.')) return new HostObject('nag', {});
    // The root of the app's constructs: what is tagged there reaches every stack.
    if (path === 'cdk.App') {
      this.madeApp = true;
      return new HostObject('scope', { path: APP_PATH });
    }
    if (path === 'cdk.Stack') {
      // A stack made directly (`new Stack(app, 'Api')`), not subclassed: what is made in it is its.
      const [scope, idArg, props] = args;
      const stack = new HostObject('scope', {});
      stack.data.path = this.addStack(stack, scope, idArg, props);
      return stack;
    }
    if (NESTED_STACKS.has(path)) {
      const [scope, idArg] = args;
      const stack = new HostObject('scope', {});
      stack.data.path = this.addNestedStack(stack, scope, idArg, site);
      return stack;
    }
    if (path === 'cdk.Tag')
      return this.tagsModel.tagAspect(
        false,
        args[0],
        args[2],
        site.mayNotRun === true,
      );
    if (path === 'cdk.RemoveTag')
      return this.tagsModel.tagAspect(
        true,
        args[0],
        args[1],
        site.mayNotRun === true,
      );
    if (path === 'cdk.CfnCondition') {
      const [scope, idArg, props] = args;
      const condition = new HostObject('condition', {
        path: this.pathOf(scope, idArg, site),
        expression: isPlainObject(props) ? props.expression : undefined,
      });
      this.conditions.set(condition.data.path as string, condition);
      return condition;
    }
    if (path === 'cdk.CfnParameter') {
      const [scope, idArg, props] = args;
      const parameter = new HostObject('parameter', {
        path: this.pathOf(scope, idArg, site),
        props,
      });
      this.parameters.set(parameter.data.path as string, parameter);
      return parameter;
    }
    const match = CONSTRUCT_PATH.exec(path);
    if (!match) return undefined;
    const [, module = '', name] = match;
    const [scope, idArg, props = {}] = args;
    const key = `${module}.${name}`;
    // A rule's target (a function, a queue, a bus, a state machine): what it names, and its options.
    if (module === 'aws-events-targets' && name === 'SfnStateMachine')
      return this.eventTargetsModel.stateMachineTarget(scope, idArg, site);
    if (module === 'aws-events-targets' && name === 'EcsTask')
      return this.ecsModel.ecsTaskTarget(scope, site);
    // (jobQueueArn, jobQueueScope, jobDefinitionArn, jobDefinitionScope, props): the queue is what is called.
    if (module === 'aws-events-targets' && name === 'BatchJob')
      return new HostObject('eventTarget', {
        arn: scope,
        options: args[4],
        batchJob: args,
      });
    if (module === 'aws-events-targets')
      return new HostObject('eventTarget', {
        target: scope,
        options: idArg,
        roleTarget: name in ROLE_TARGETS ? name : undefined,
      });
    // A resource of the type it names (of a type not known statically, or SAM's: as a construct not modelled, below).
    if (
      key === '.CfnResource' &&
      isPlainObject(props) &&
      typeof props.type === 'string' &&
      !expandedBySam(props.type)
    )
      return this.cfnResource(scope, idArg, props.type, props.properties, site);
    // `new lambda.Runtime('nodejs16.x', …)`: a runtime, modelled as its name (see lambdaRuntime).
    if (key === 'aws-lambda.Runtime' && typeof args[0] === 'string')
      return args[0];
    const declaredType = declaredTypeOf(path);
    if (declaredType && !isPlainObject(props)) {
      // Props not known statically (`{ ...sharedDefaults, handler }` from a package): what CDK makes of them is
      // not known either. A role is there all the same, for what shares it, with permissions not known.
      if (key === 'aws-iam.Role') {
        const role = this.iamModel.role(
          this.pathOf(scope, idArg, site),
          {},
          site,
        );
        this.escape([role]);
        return role;
      }
      // A policy may be attached to any role: none of their permissions is known completely (see finish).
      if (key === 'aws-iam.Policy' || key === 'aws-iam.ManagedPolicy') {
        this.policiesNotKnown = true;
        this.escape(args);
        return new Unknown(`new ${path} with props not known statically`);
      }
      // Anything else is not in the graph, as with Pulumi, and a rule that looks for one of its type knows one
      // may be there.
      this.addUnknownType(this.stackOf(scope), declaredType);
      this.escape(args);
      return new Unknown(`new ${path} with props not known statically`);
    }
    const id = this.commented(this.pathOf(scope, idArg, site), site);
    const p: Props = isPlainObject(props) ? props : {};
    switch (key) {
      case 'aws-iam.PolicyStatement': {
        let data: Props = { notKnown: true }; // props not known statically
        if (scope === undefined || isPlainObject(scope)) data = { ...scope };
        const statement = new HostObject('statement', data);
        this.iamModel.statementSites.set(statement, site);
        if (isPlainObject(scope))
          this.iamModel.statementMadeOf(statement, scope);
        return statement;
      }
      case 'aws-iam.ServicePrincipal':
        // (service, opts): opts' conditions are not modelled.
        return this.iamModel.principal(
          { Service: scope },
          typeof scope === 'string' && idArg === undefined
            ? `ServicePrincipal(${scope})`
            : undefined,
        );
      case 'aws-iam.AnyPrincipal':
        return this.iamModel.principal({ AWS: '*' }, 'AnyPrincipal()');
      case 'aws-iam.AccountRootPrincipal':
        return this.iamModel.accountPrincipal(
          Unknown.oneValue('AWS::AccountId'),
          'AccountRootPrincipal()',
        );
      case 'aws-iam.ArnPrincipal':
        return this.iamModel.principal(
          { AWS: scope },
          typeof scope === 'string' ? `ArnPrincipal(${scope})` : undefined,
        );
      case 'aws-iam.AccountPrincipal':
        return this.iamModel.accountPrincipal(
          toGraphValue(scope, ref),
          typeof scope === 'string' ? `AccountPrincipal(${scope})` : undefined,
        );
      case 'aws-iam.OrganizationPrincipal':
        // Anyone (`AWS: *`) of the organization its condition names.
        return this.iamModel.conditionedPrincipal(
          new HostObject('principal', { AWS: '*' }),
          { StringEquals: { 'aws:PrincipalOrgID': scope } },
          typeof scope === 'string'
            ? `OrganizationPrincipal(${scope})`
            : undefined,
        );
      case 'aws-iam.PolicyDocument':
        return new HostObject(
          'document',
          isPlainObject(scope) ? { ...scope } : {},
        );
      case 'aws-lambda.Version':
        // Of a function of the stack's; one of a function outside it (`Function.fromFunctionArn`) is not modelled.
        if (this.handleOfType(p.lambda, LAMBDA_FUNCTION))
          return this.lambdaModel.version(id, p.lambda, p, site, false);
        break;
      case 'aws-lambda.Alias':
        // Of a version of a function of the stack's; one of a version outside it (`Version.fromVersionArn`) is not modelled.
        if (this.handleOfType(p.version, VERSION))
          return this.lambdaModel.alias(
            id,
            p.aliasName,
            p.version,
            p,
            site,
            false,
          );
        break;
      case 'aws-lambda.EventSourceMapping':
        if (this.handleOfType(p.target, INVOKABLE)) {
          return this.eventSourcesModel.eventSourceMapping(
            id,
            p.target,
            p.eventSourceArn,
            p,
            site,
          );
        }
        break;
      case 'aws-lambda-event-sources.SqsEventSource':
        return new HostObject('sqsSource', { queue: scope, props: idArg });
      case 'aws-lambda-event-sources.SnsEventSource':
        return new HostObject('snsSource', { topic: scope, props: idArg });
      // V2 takes any bucket, one imported too (aws-lambda-event-sources/lib/s3.ts): both add the bucket's notifications.
      case 'aws-lambda-event-sources.S3EventSource':
      case 'aws-lambda-event-sources.S3EventSourceV2':
        return new HostObject('s3Source', { bucket: scope });
      // (method, path, options): a method of a REST API that calls the function (aws-lambda-event-sources/lib/api.ts).
      case 'aws-lambda-event-sources.ApiEventSource':
        return new HostObject('apiSource', {
          method: scope,
          path: idArg,
          options: args[2],
        });
      // Poll-based sources: Lambda reads them through an event source mapping, with what CDK grants the function
      // on them when it is bound (aws-lambda-event-sources/lib/kinesis.ts and dynamodb.ts).
      // A consumer (enhanced fan-out) is read as its stream is, CDK calling its grantRead.
      // Each is named as aws-cdk-lib names its mapping (see EventSourcesModel.pollMappingName).
      case 'aws-lambda-event-sources.KinesisEventSource':
      case 'aws-lambda-event-sources.KinesisConsumerEventSource':
        return new HostObject('pollSource', {
          name,
          source: scope,
          grant: 'grantRead',
          props: idArg,
        });
      case 'aws-lambda-event-sources.DynamoEventSource':
        return new HostObject('pollSource', {
          name: 'DynamoDBEventSource',
          source: scope,
          grant: 'grantStreamRead',
          props: idArg,
        });
      // (props): a stream source too (kafka.ts), with its options and on-failure destination; its own grants are not modelled.
      case 'aws-lambda-event-sources.ManagedKafkaEventSource':
        return new HostObject('pollSource', {
          name: 'KafkaEventSource',
          source: isPlainObject(scope) ? scope.clusterArn : undefined,
          topic: isPlainObject(scope) ? scope.topic : undefined,
          props: scope,
        });
      case 'aws-lambda-event-sources.SelfManagedKafkaEventSource':
        return new HostObject('pollSource', {
          name: 'KafkaEventSource',
          source: undefined,
          topic: isPlainObject(scope) ? scope.topic : undefined,
          selfManaged: true,
          bootstrapServers: isPlainObject(scope)
            ? scope.bootstrapServers
            : undefined,
          props: scope,
        });
      case 'aws-lambda-destinations.SqsDestination':
      case 'aws-lambda-destinations.SnsDestination':
      case 'aws-lambda-destinations.LambdaDestination':
      case 'aws-lambda-destinations.EventBridgeDestination':
      case 'aws-lambda-destinations.S3Destination':
      case 'aws-lambda-event-sources.SqsDlq':
      case 'aws-lambda-event-sources.SnsDlq':
      case 'aws-lambda-event-sources.S3OnFailureDestination':
        return new HostObject('destination', {
          target: scope,
          grant: DESTINATION_GRANTS[name],
        });
      // Synchronous callers: what CDK grants them when they are attached.
      // The permission is the function's wherever the target is attached (see Elbv2Model.targetGroup).
      case 'aws-elasticloadbalancingv2-targets.LambdaTarget':
        // Whether synth writes the permission of a function imported depends on the stack's account and the
        // function's (aws-lambda/lib/function-base.ts, canCreatePermissions): it is left not modelled.
        if (
          scope instanceof Unknown &&
          IMPORTED_INVOKABLES.has(
            this.importsModel.importedClasses.get(scope) ?? '',
          )
        )
          this.countNotModelled('aws-lambda.CfnPermission');
        this.lambdaModel.invokePermission(
          scope,
          'elasticloadbalancing.amazonaws.com',
          'LoadBalancer',
          site,
        );
        return this.elbv2Model.lambdaTarget(scope);
      case 'aws-apigatewayv2-integrations.HttpLambdaIntegration':
      case 'aws-apigatewayv2-integrations-alpha.HttpLambdaIntegration':
        // (id, handler, props): no scope.
        return this.lambdaModel.invokePermission(
          idArg,
          'apigateway.amazonaws.com',
          `HttpIntegration:${String(scope)}`,
          site,
        );
      case 'aws-sns-subscriptions.LambdaSubscription':
        return new HostObject('lambdaSubscription', {
          fn: scope,
          props: idArg,
        });
      case 'aws-sns-subscriptions.SqsSubscription':
        return new HostObject('queueSubscription', {
          queue: scope,
          props: idArg,
        });
      // (endpoint, props): an HTTP(S) endpoint's, an email address's, a phone number's.
      case 'aws-sns-subscriptions.UrlSubscription':
      case 'aws-sns-subscriptions.EmailSubscription':
      case 'aws-sns-subscriptions.SmsSubscription':
        return new HostObject('endpointSubscription', {
          kind: name.slice(0, -'Subscription'.length),
          endpoint: scope,
          props: idArg,
        });
      // (conditions): a filter of a subscription's filter policy, as SubscriptionFilter's methods make one.
      case 'aws-sns.SubscriptionFilter':
        return new HostObject('subscriptionFilter', {
          conditions: scope ?? [],
        });
      case 'aws-cloudwatch-actions.SnsAction':
        return new HostObject('snsAction', { topic: scope });
      case 'aws-apigateway.LambdaIntegration':
        return lambdaIntegration(scope, idArg);
      case 'aws-apigateway.AwsIntegration':
        return awsIntegration(scope);
      case 'aws-apigateway.Integration':
        return restIntegration(scope);
      case 'aws-apigateway.MockIntegration':
        return new HostObject('restIntegration', {
          integration: mockIntegration(scope),
        });
      case 'aws-apigateway.HttpIntegration':
        return httpIntegration(scope, idArg);
      case 'aws-apigateway.Method': {
        // (scope, id, { resource, httpMethod, integration, options }): the method below its own scope, not its resource.
        const resource =
          p.resource instanceof ResourceHandle &&
          p.resource.pulumiType === REST_API
            ? this.restApiModel.apiRoot(p.resource)
            : p.resource;
        if (
          !(resource instanceof HostObject && resource.kind === 'apiResource')
        )
          break;
        this.restApiModel.integrateMethod(
          resource,
          p.httpMethod,
          p.integration,
          site,
          p.options,
          id,
        );
        return new HostObject('apiMethod', {});
      }
      // Lambda authorizers, which make their resources when an API's method or route first binds them (see bindRestAuthorizer
      // and bindRouteAuthorizer). A REST API's is a construct, of a scope and id.
      case 'aws-apigateway.TokenAuthorizer':
      case 'aws-apigateway.RequestAuthorizer': {
        if (!isPlainObject(props)) break;
        const authorizer = new HostObject('lambdaAuthorizer', {
          path: id,
          handler: p.handler,
          props: p,
          type: name === 'TokenAuthorizer' ? 'TOKEN' : 'REQUEST',
        });
        this.restApiModel.authorizerSites.set(authorizer, site);
        return authorizer;
      }
      // (id, handler, props): no scope (see routeAuthorizer).
      case 'aws-apigatewayv2-authorizers.HttpLambdaAuthorizer':
      case 'aws-apigatewayv2-authorizers-alpha.HttpLambdaAuthorizer':
      case 'aws-apigatewayv2-authorizers.WebSocketLambdaAuthorizer':
      case 'aws-apigatewayv2-authorizers-alpha.WebSocketLambdaAuthorizer':
        return routeAuthorizer(
          name.startsWith('Http') ? 'http' : 'webSocket',
          args,
        );
      // (destination): where a stage writes its access logs, by ARN (aws-apigateway/lib/access-log.ts, aws-apigatewayv2's).
      case 'aws-apigateway.LogGroupLogDestination':
      case 'aws-apigateway.FirehoseLogDestination':
      case 'aws-apigatewayv2.LogGroupLogDestination':
        return new HostObject('accessLogDestination', {
          arn: this.ref(scope, 'Arn') ?? new Unknown('access log destination'),
        });
      case 'aws-apigateway.Deployment':
        return this.add(id, REST_DEPLOYMENT, site, {
          RestApiId: this.restApiModel.restApiIdOf(p.api),
          Description: p.description,
          StageName: p.stageName,
        });
      case 'aws-apigateway.Stage':
        return this.restApiModel.restStage(id, p.deployment, p, site);
      case 'aws-apigateway.UsagePlan':
        return this.restApiModel.usagePlan(id, p, site);
      case 'aws-apigateway.ApiKey':
        return this.restApiModel.apiKey(id, p, site);
      case 'aws-apigatewayv2.HttpStage':
      case 'aws-apigatewayv2-alpha.HttpStage':
        return this.httpApiModel.httpStage(id, p.httpApi, p, site);
      case 'aws-events.Rule':
        return this.add(id, 'AWS::Events::Rule', site, {
          Name: p.ruleName,
          ScheduleExpression:
            p.schedule === undefined ? undefined : new Unknown('schedule'),
          Targets: Array.isArray(p.targets)
            ? p.targets.map(target =>
                this.eventTargetsModel.eventTarget(target, id, site),
              )
            : undefined,
        });
      case 'aws-logs.LogGroup':
        return this.add(id, 'AWS::Logs::LogGroup', site, {
          LogGroupName: p.logGroupName,
          // CDK's default retention is two years; RetentionDays.INFINITE is none.
          RetentionInDays:
            p.retention === undefined ? 731 : retentionOfL2(p.retention),
          KmsKeyId:
            p.encryptionKey === undefined
              ? undefined
              : this.kmsModel.keyArnOf(p.encryptionKey),
        });
      case 'aws-sqs.Queue':
        return this.messagingModel.queue(id, p, site);
      case 'aws-sqs.QueuePolicy':
      case 'aws-sns.TopicPolicy':
        return this.iamModel.constructPolicy(id, key, p, site);
      case 'aws-sns.Subscription':
        return this.messagingModel.subscription(id, p, site);
      case 'aws-kinesis.Stream':
        return this.messagingModel.stream(id, p, site);
      case 'aws-events.EventBus':
        // CDK names a bus it is given no name for (aws-events/lib/event-bus.ts).
        return this.add(id, 'AWS::Events::EventBus', site, {
          Name: p.eventBusName ?? new Unknown('name CDK generates'),
        });
      case 'aws-stepfunctions.StateMachine':
        return this.stepFunctionsModel.stateMachine(id, p, site);
      case 'aws-stepfunctions-tasks.LambdaInvoke':
      case 'aws-stepfunctions-tasks.SqsSendMessage':
      case 'aws-stepfunctions-tasks.SnsPublish':
      case 'aws-stepfunctions-tasks.DynamoPutItem':
      case 'aws-stepfunctions-tasks.DynamoGetItem':
      case 'aws-stepfunctions-tasks.EventBridgePutEvents':
      case 'aws-stepfunctions-tasks.StepFunctionsStartExecution':
        // Props not known statically may be any task's: as a construct not modelled (below).
        if (isPlainObject(props))
          return this.stepFunctionsModel.taskState(name, id, p);
        break;
      case 'aws-stepfunctions-tasks.EvaluateExpression': {
        const evaluator = isPlainObject(props)
          ? this.lambdaModel.evaluatorFunction(id, scope, p, site)
          : undefined;
        if (evaluator)
          return this.stepFunctionsModel.evaluateExpression(id, p, evaluator);
        break;
      }
      case 'aws-stepfunctions.Pass':
      case 'aws-stepfunctions.Wait':
      case 'aws-stepfunctions.Succeed':
      case 'aws-stepfunctions.Fail':
      case 'aws-stepfunctions.Choice':
      case 'aws-stepfunctions.Parallel':
      case 'aws-stepfunctions.Map':
      case 'aws-stepfunctions.DistributedMap':
      case 'aws-stepfunctions.CustomState':
        if (isPlainObject(props)) return flowState(name, id, p);
        break;
      case 'aws-s3.Bucket':
        return this.s3Model.bucket(id, p, site);
      case 'aws-s3-notifications.LambdaDestination':
        return new HostObject('notificationTarget', { fn: scope });
      case 'aws-sns.Topic':
        if (p.masterKey !== undefined)
          this.kmsModel.encryptionKeys.set(id, p.masterKey);
        return this.add(id, 'AWS::SNS::Topic', site, {
          TopicName: p.topicName,
          KmsMasterKeyId:
            p.masterKey === undefined
              ? undefined
              : this.kmsModel.keyArnOf(p.masterKey),
        });
      case 'aws-dynamodb.Table': {
        const regions = isPlainObject(props)
          ? p.replicationRegions
          : new Unknown(
              'replication regions of a table of props not known statically',
            );
        if (regions !== undefined)
          this.dynamoDbModel.tableRegionalArns.set(
            id,
            Array.isArray(regions)
              ? regions.map(region =>
                  regionalTableArn(id, toGraphValue(region, ref)),
                )
              : [
                  new Unknown(
                    'replication regions of a table not known statically',
                  ),
                ],
          );
        return this.dynamoDbModel.table(
          id,
          p,
          this.dynamoDbModel.tableEncryption(id, p, site),
          site,
        );
      }
      case 'aws-dynamodb.TableV2': {
        const indexes = isPlainObject(props)
          ? hasIndexes([p.globalSecondaryIndexes, p.localSecondaryIndexes])
          : new Unknown('indexes of a table of props not known statically');
        if (indexes !== false) this.dynamoDbModel.tableIndexes.set(id, indexes);
        return this.dynamoDbModel.tableV2(id, p, site);
      }
      case 'aws-kms.Key': {
        const created = this.add(id, KEY, site, {
          EnableKeyRotation: p.enableKeyRotation,
          KeySpec: enumValue(p.keySpec, 'KeySpec'),
          KeyUsage: enumValue(p.keyUsage, 'KeyUsage'),
          KeyPolicy:
            p.policy instanceof HostObject
              ? this.iamModel.document(
                  p.policy,
                  { id, path: ['KeyPolicy'] },
                  site.file,
                )
              : defaultKeyPolicy(),
        });
        // Its `alias` is one it adds (aws-kms/lib/key.ts).
        if (p.alias !== undefined)
          this.kmsModel.addKeyAlias(created, created.id, p.alias, site);
        return created;
      }
      case 'aws-kms.Alias':
        return this.kmsModel.keyAlias(id, p.aliasName, p.targetKey, site);
      case 'aws-iam.Role':
        return this.iamModel.role(id, p, site);
      case 'aws-iam.User':
        return this.iamModel.userOrGroup(id, 'AWS::IAM::User', p, site);
      case 'aws-iam.Group':
        return this.iamModel.userOrGroup(id, 'AWS::IAM::Group', p, site);
      case 'aws-iam.Policy':
        return this.iamModel.policy(id, 'AWS::IAM::Policy', p, site);
      case 'aws-iam.ManagedPolicy':
        return this.iamModel.policy(id, 'AWS::IAM::ManagedPolicy', p, site);
      case 'aws-lambda-nodejs.NodejsFunction':
        return this.lambdaModel.function(
          id,
          p.runtime === undefined
            ? { ...p, runtime: this.lambdaModel.nodejsDefaultRuntime() }
            : p,
          site,
        );
      // A Function of a container image (aws-lambda/lib/image-function.ts), which gives it no runtime or handler.
      case 'aws-lambda.DockerImageFunction':
        return this.lambdaModel.function(
          id,
          {
            ...p,
            code: new HostObject('imageCode', {}),
            runtime: RUNTIME_FROM_IMAGE,
            handler: HANDLER_FROM_IMAGE,
          },
          site,
        );
      case 'aws-lambda.SingletonFunction':
        return this.lambdaModel.singletonFunction(id, scope, p, site);
      // A Function that its Trigger, below it, invokes as the stack deploys (triggers/lib/trigger-function.ts).
      case 'triggers.TriggerFunction': {
        const fn = this.lambdaModel.function(id, p, site);
        this.lambdaModel.trigger(`${id}/Trigger`, fn, p, site);
        return fn;
      }
      case 'triggers.Trigger':
        if (this.handleOfType(p.handler, LAMBDA_FUNCTION)) {
          this.lambdaModel.trigger(id, p.handler, p, site);
          return new HostObject('scope', { path: id });
        }
        break;
      case 'aws-lambda.Function':
      case 'aws-lambda-python-alpha.PythonFunction':
      case 'aws-lambda-go-alpha.GoFunction':
        return this.lambdaModel.function(id, p, site);
      // (bucket, props): no scope. Of a website bucket, an HttpOrigin of its website (s3-origin.ts), else one with an
      // origin access identity (see s3BucketOrigin).
      case 'aws-cloudfront-origins.S3Origin': {
        const website = this.s3Model.hostsWebsite(scope);
        if (website === false)
          return s3BucketOrigin('withOriginAccessIdentity', scope, idArg);
        if (website === undefined) this.escape(args);
        return new Unknown('origin of a bucket');
      }
      case 'aws-cloudfront.Distribution':
      case 'aws-cloudfront.CloudFrontWebDistribution':
        return this.cloudFrontModel.distribution(
          id,
          p,
          args,
          site,
          name === 'CloudFrontWebDistribution',
        );
      case 'aws-apigatewayv2.HttpApi':
      case 'aws-apigatewayv2-alpha.HttpApi':
        return this.httpApiModel.httpApi(
          id,
          props,
          site,
          HTTP_API_DEFAULT_STAGE[key],
        );
      case 'aws-apigatewayv2.WebSocketApi':
      case 'aws-apigatewayv2-alpha.WebSocketApi':
        return this.httpApiModel.webSocketApi(id, p, site);
      // A stage of a WebSocket API takes the options an HTTP API's does, and a name.
      case 'aws-apigatewayv2.WebSocketStage':
      case 'aws-apigatewayv2-alpha.WebSocketStage':
        return this.httpApiModel.httpStage(
          id,
          p.webSocketApi,
          p,
          site,
          WEBSOCKET_ACCESS_LOG_FORMAT,
        );
      case 'aws-apigatewayv2.HttpRoute':
      case 'aws-apigatewayv2-alpha.HttpRoute':
        return this.httpApiModel.httpRoute(args, site);
      case 'aws-apigatewayv2.WebSocketRoute':
      case 'aws-apigatewayv2-alpha.WebSocketRoute':
        return this.httpApiModel.webSocketRoute(
          id,
          p.webSocketApi,
          p.routeKey,
          p,
          site,
        );
      // (id, handler, props): no scope; bound to the first route it is given to.
      case 'aws-apigatewayv2-integrations.WebSocketLambdaIntegration':
      case 'aws-apigatewayv2-integrations-alpha.WebSocketLambdaIntegration':
        return new HostObject('webSocketLambdaIntegration', {
          name: scope,
          handler: idArg,
        });
      case 'aws-cloudwatch.Alarm':
        return this.cloudWatchModel.alarm(id, p, site);
      case 'aws-cloudwatch.CompositeAlarm':
        return this.cloudWatchModel.compositeAlarm(id, p, site);
      case 'aws-cloudwatch.Dashboard':
        return this.cloudWatchModel.dashboard(id, p, site);
      // (props): no scope.
      case 'aws-cloudwatch.Metric':
        return newMetric(scope);
      case 'aws-cloudwatch.MathExpression':
        return mathExpression(scope);
      case 'aws-apigateway.RestApi':
        return this.restApiModel.restApi(id, props, site);
      case 'aws-apigateway.LambdaRestApi':
        return this.restApiModel.restApi(id, props, site, true);
      case 'aws-apigateway.StepFunctionsRestApi':
        return this.restApiModel.stepFunctionsRestApi(id, p, site);
      case 'aws-apigateway.SpecRestApi':
        return this.restApiModel.specRestApi(id, p, site);
      case 'aws-cognito.UserPool':
        return this.cognitoModel.userPool(id, p, site);
      case 'aws-appsync.GraphqlApi':
      case 'aws-appsync-alpha.GraphqlApi':
        return this.appSyncModel.graphqlApi(id, idArg, p, site);
      case 'aws-appsync.LambdaDataSource':
      case 'aws-appsync-alpha.LambdaDataSource':
        return this.appSyncModel.lambdaDataSource(
          id,
          idArg,
          p.api,
          p.lambdaFunction,
          p,
          p.serviceRole,
          site,
        );
      case 'aws-appsync.HttpDataSource':
      case 'aws-appsync-alpha.HttpDataSource':
        return this.appSyncModel.httpDataSource(
          id,
          idArg,
          p.api,
          p.endpoint,
          p,
          p.serviceRole,
          site,
        );
      case 'aws-appsync.Resolver':
      case 'aws-appsync-alpha.Resolver':
      case 'aws-appsync.AppsyncFunction':
      case 'aws-appsync-alpha.AppsyncFunction': {
        // Props not known statically may name any data source: as a construct not modelled (below).
        if (!isPlainObject(props)) break;
        this.appSyncModel.lambdaResolver(
          p.dataSource,
          p,
          id,
          name === 'Resolver' ? 'resolver' : 'pipeline function',
        );
        // Not modelled otherwise.
        const resolver = new Unknown(`new ${path}`);
        this.notModelled.set(resolver, 'construct');
        this.importsModel.outsideConstructs.set(resolver, { path: id });
        return resolver;
      }
      // (fn, props): no scope; bound to the schedule it is given to.
      case 'aws-scheduler-targets.LambdaInvoke':
      case 'aws-scheduler-targets-alpha.LambdaInvoke':
        return new HostObject('scheduleLambdaTarget', {
          fn: scope,
          options: idArg,
        });
      case 'aws-scheduler.Schedule':
      case 'aws-scheduler-alpha.Schedule':
        return this.schedulerModel.schedule(id, p, site);
      case 'aws-secretsmanager.Secret':
        return this.secretsModel.secret(id, p, site);
      // Props not known statically, or that it cannot follow, may be any: as a construct not modelled (below).
      case 'aws-ec2.Vpc': {
        const vpc = isPlainObject(props)
          ? this.vpcModel.vpc(id, p, site)
          : undefined;
        if (vpc) return vpc;
        break;
      }
      case 'aws-ec2.SecurityGroup':
        if (isPlainObject(props))
          return this.vpcModel.securityGroup(id, p, site);
        break;
      case 'aws-ec2.InterfaceVpcEndpoint':
        if (isPlainObject(props))
          return this.vpcModel.interfaceEndpoint(id, p.vpc, p, site);
        break;
      case 'aws-ec2.GatewayVpcEndpoint':
        if (
          isPlainObject(props) &&
          p.vpc instanceof ResourceHandle &&
          this.vpcModel.vpcs.has(p.vpc.id)
        )
          return this.vpcModel.gatewayEndpoint(id, p.vpc, p, site);
        break;
      // Props it does not follow: as a construct not modelled (below).
      case 'aws-elasticloadbalancingv2.ApplicationLoadBalancer':
      case 'aws-elasticloadbalancingv2.NetworkLoadBalancer': {
        const loadBalancer = this.elbv2Model.loadBalancer(
          id,
          name === 'NetworkLoadBalancer',
          props,
          site,
        );
        if (loadBalancer) return loadBalancer;
        break;
      }
      // A listener made apart from its load balancer: as a construct not modelled (below).
      case 'aws-elasticloadbalancingv2.ApplicationListener':
        if (isPlainObject(props))
          this.elbv2Model.listenerNotModelled(props.loadBalancer, props);
        break;
      case 'aws-elasticloadbalancingv2.ApplicationListenerRule': {
        const rule = this.elbv2Model.listenerRule(id, props, site);
        if (rule) return rule;
        break;
      }
      case 'aws-elasticloadbalancingv2.ApplicationTargetGroup':
      case 'aws-elasticloadbalancingv2.NetworkTargetGroup': {
        const group = this.elbv2Model.targetGroup(
          id,
          name === 'NetworkTargetGroup',
          props,
          site,
        );
        if (group) return group;
        break;
      }
      // Props not known statically may be any: as a construct not modelled (below).
      case 'aws-ecs.Cluster':
        if (props === undefined || isPlainObject(props))
          return this.ecsModel.ecsCluster(id, p, site);
        break;
      case 'aws-ecs.TaskDefinition':
      case 'aws-ecs.FargateTaskDefinition':
      case 'aws-ecs.Ec2TaskDefinition':
        if (props === undefined || isPlainObject(props))
          return this.ecsModel.taskDefinition(id, name, p, site);
        break;
      case 'aws-ecs.FargateService':
      case 'aws-ecs.Ec2Service':
        if (
          p.taskDefinition instanceof ResourceHandle &&
          this.ecsModel.taskDefinitions.has(p.taskDefinition.id)
        )
          return this.ecsModel.ecsService(
            id,
            p.taskDefinition,
            name === 'FargateService',
            p,
            site,
          );
        break;
      // (props): no scope; bound to the container it is given to (see containerLogging).
      case 'aws-ecs.AwsLogDriver':
        return new HostObject('awsLogDriver', { props: scope });
      case 'aws-ecs.FireLensLogDriver':
        return new HostObject('firelensLogDriver', { props: scope });
      case 'aws-ecs-patterns.ApplicationLoadBalancedFargateService':
      case 'aws-ecs-patterns.NetworkLoadBalancedFargateService':
        if (
          this.ecsModel.patternTaskModelled(p) &&
          !LOAD_BALANCED_PROPS_NOT_MODELLED.some(prop => p[prop] !== undefined)
        )
          return this.ecsModel.loadBalancedFargateService(
            scope,
            idArg,
            id,
            name === 'NetworkLoadBalancedFargateService',
            p,
            site,
          );
        break;
      case 'aws-ecs-patterns.QueueProcessingFargateService':
        if (
          ['string', 'undefined'].includes(typeof p.containerName) &&
          (p.queue === undefined || p.queue instanceof ResourceHandle)
        )
          return this.ecsModel.queueProcessingFargateService(
            scope,
            idArg,
            id,
            p,
            site,
          );
        break;
      case 'aws-ecs-patterns.ScheduledFargateTask':
        if (this.ecsModel.scheduledTaskModelled(p))
          return this.ecsModel.scheduledFargateTask(scope, idArg, id, p, site);
        break;
      case 'aws-ssm.StringParameter':
      case 'aws-ssm.StringListParameter':
        return this.secretsModel.ssmParameter(
          id,
          name === 'StringListParameter',
          p,
          site,
        );
      case 'aws-secretsmanager.RotationSchedule':
        // Hosted rotation deploys a serverless application: as a construct not modelled (below).
        if (p.hostedRotation === undefined)
          return this.secretsModel.rotationSchedule(id, p.secret, p, site);
        break;
      case '.CfnOutput': {
        const suppressions = this.commentSuppressionsAt(site.file, site.line);
        const output: StackOutput = {
          name: String(idArg),
          // What a construct not modelled gives may identify an API, a table, a queue or a topic it makes.
          value: renamed(this.graphValue(p.value, site.file), {
            ref: same => same,
            unknown: value =>
              this.mayIdentifyExportable(value)
                ? new Unknown(`${OF_CONSTRUCT_NOT_MODELLED}${value.reason}`)
                : value,
          }),
          file: site.file,
          line: site.line,
          ...(suppressions.length > 0 && { suppressions }),
        };
        this.outputs.push({ stack: this.stackOf(scope), output });
        return new Unknown('output');
      }
      default:
        break;
    }
    if (declaredType && name.startsWith('Cfn')) {
      const args2 = this.graphValue(p, site.file);
      if (!isMap(args2)) return new Unknown(`new ${name}`);
      const l1 = this.add(
        id,
        declaredType,
        site,
        l1Properties(declaredType, args2, this.enumMembersRead),
      );
      this.l1Handles.add(l1);
      this.madeAsL1.add(l1.id);
      this.l1Props.set(l1.id, { ...p });
      this.writtenAs.set(l1.id, 'l1');
      return l1;
    }
    this.escape(args);
    // A construct (made in a scope, with an id) not modelled; another class (`new ec2.InstanceType('t3.micro')`) makes no resource.
    // An id may be a template not known statically (`cluster-${i}` in a loop).
    const inScope =
      scope instanceof Instance ||
      scope instanceof HostObject ||
      scope instanceof ResourceHandle ||
      scope instanceof Unknown;
    const idGiven =
      typeof idArg === 'string' ||
      idArg instanceof Unknown ||
      idArg instanceof Template;
    const construct = module ? key : name;
    const makesNoResource =
      MAKE_NO_RESOURCE.has(construct) ||
      (module === 'aws-stepfunctions-tasks' &&
        !TASKS_MAKING_RESOURCES.has(name));
    if (inScope && idGiven && !makesNoResource)
      this.countNotModelled(construct);
    const notModelled = new Unknown(`new ${path}`);
    this.notModelled.set(notModelled, 'construct');
    this.importsModel.outsideConstructs.set(notModelled, {
      path: this.basePath(scope, idArg, site),
    });
    this.stageMade(notModelled, scope, idArg);
    return notModelled;
  }

  /**
   * A construct not modelled, or a stage of the app's class, made in the app or in another such: a stage, whose
   * stacks are named by their paths from the app.
   */
  private stageMade(stage: Unknown | Instance, scope: JsValue, id: JsValue) {
    const inStage =
      scope instanceof Unknown || scope instanceof Instance
        ? this.notModelledPaths.get(scope)
        : undefined;
    if (
      typeof id === 'string' &&
      (inStage !== undefined || scopePath(scope) === APP_PATH)
    )
      this.notModelledPaths.set(
        stage,
        inStage === undefined ? id : `${inStage}/${id}`,
      );
  }

  /** Counts one more construct of the class `construct` made and not modelled (see constructsNotModelled). */
  countNotModelled(construct: string): void {
    this.constructsNotModelled.set(
      construct,
      (this.constructsNotModelled.get(construct) ?? 0) + 1,
    );
  }

  /**
   * A member of a construct not modelled (see {@link NotModelled}): its
   * `node`, and what CDK surely makes below it (a VPC's subnets, its node's
   * children and default child) are known to be it or below it; any other
   * member (`node.scope`, `stack`) may be anything.
   */
  memberOfUnknown(object: Unknown, name: string): JsValue | undefined {
    // `props.metric.createAlarm(this, 'Errors', ...)`: an alarm, on a metric not known (see CloudWatchModel.alarm).
    if (name === 'createAlarm')
      return hostMethod(metricNotKnown(object.reason), name);
    // A user or group imported: what is added to its policy (its grantPrincipal is itself) goes to a policy CDK makes.
    if (this.iamModel.importedIdentities.has(object)) {
      if (name === 'grantPrincipal') return object;
      if (IDENTITY_POLICY_METHODS.has(name))
        return hostMethod(
          new HostObject('importedIdentity', { construct: object }),
          name,
        );
    }
    // A topic imported, or any other not known statically (a construct's `props.topic`), is subscribed to as one of
    // the stack's is, below the subscriber (see MessagingModel.snsToLambda).
    if (name === 'addSubscription')
      return hostMethod(
        new HostObject('topicNotKnown', { construct: object }),
        name,
      );
    const imported = this.importsModel.importedResources.get(object);
    if (
      imported?.type === KEY &&
      name === 'addAlias' &&
      this.importsModel.importPath(object) !== undefined
    )
      return hostMethod(
        new HostObject('importedKey', { construct: object }),
        name,
      );
    if (imported && writesImportedGrant(imported.type, name))
      return hostMethod(
        new HostObject('importedResource', { construct: object }),
        name,
      );
    // A listener, rule or certificate a load balancer or listener imported makes (see Elbv2Model.madeByImported).
    const madeByImported = this.elbv2Model.madeByImported(
      this.importsModel.importedClasses.get(object),
      name,
    );
    if (madeByImported)
      return hostMethod(
        new HostObject('importedElbv2', {
          made: madeByImported,
          path: this.importsModel.outsideConstructs.get(object)?.path,
        }),
        name,
      );
    const kind = this.notModelled.get(object);
    if (kind === undefined) return undefined;
    let member: NotModelled | undefined;
    if (kind === 'construct' && name === 'node') member = 'node';
    else if (
      (kind === 'construct' && CHILD_LISTS.has(name)) ||
      (kind === 'node' && name === 'children')
    )
      member = 'children';
    else if (
      (kind === 'node' && name === 'defaultChild') ||
      (kind === 'children' && /^\d+$/.test(name))
    )
      member = 'below';
    const value = new Unknown(object.reason);
    if (member) this.notModelled.set(value, member);
    else if (kind === 'construct') this.methodsNotModelled.add(value);
    return value;
  }

  /**
   * Whether a value a construct not modelled gives (its member, `api.url`) may identify an API, a table, a queue or
   * a topic: one of a module that makes or is handed such resources may; one of another module (`vpc.vpcId`) may not.
   */
  private mayIdentifyExportable(value: Unknown): boolean {
    if (!this.notModelled.has(value) && !this.methodsNotModelled.has(value))
      return false;
    const module = CONSTRUCT_PATH.exec(value.reason.replace(/^new /, ''))?.[1];
    return (
      module === undefined ||
      MODULES_WITH_EXPORTABLES.has(module.replace(/-alpha$/, ''))
    );
  }

  /**
   * A token's `toString()` (`queue.getAtt('Arn').toString()`, `Fn.getAtt(…).toString()`): the text CDK makes of a
   * token resolves as the token does.
   */
  memberOfToken(value: Ref | Template, name: string): JsValue | undefined {
    return name === 'toString'
      ? hostMethod(new HostObject('token', { value }), name)
      : undefined;
  }

  /**
   * `lambda.Runtime.NODEJS_16_X.name`: a runtime is modelled as its name (see {@link lambdaRuntime}), which a text
   * has no member of.
   */
  memberOfText(text: string, name: string): JsValue | undefined {
    return name === 'name' && isRuntimeName(text) ? text : undefined;
  }

  /**
   * The constructs below a construct (`node.children`, `node.findAll()`), which the app's code walks as an aspect
   * visits them: what it does to each (`cfnQueue.sqsManagedSseEnabled = true`, `addPropertyOverride`) is not
   * modelled, so the resources below may be changed at synthesis as by an aspect not modelled (see TagsModel.addAspect).
   */
  private walkBelow(construct: JsValue): Unknown {
    const path = this.constructPath(construct);
    this.tagsModel.changedByAspects.add(typeof path === 'string' ? path : '');
    return new Unknown('constructs below a construct');
  }

  /** An item of a list of constructs below a construct not modelled is below it (see {@link memberOfUnknown}). */
  itemOfUnknown(collection: Unknown): JsValue | undefined {
    if (this.notModelled.get(collection) !== 'children') return undefined;
    const item = new Unknown(collection.reason);
    this.notModelled.set(item, 'below');
    return item;
  }

  /**
   * A call not known statically: what it is handed escapes (see {@link escape}); the functions and queues it
   * is handed may be alarmed on there, unless it is a method of the CDK's own (see {@link methodsNotModelled}).
   */
  unknownCall(args: JsValue[], callee: JsValue) {
    const cdkMethod =
      callee instanceof Unknown && this.methodsNotModelled.has(callee);
    // The CDK's own methods and functions (`stack.formatArn`, `Fn.join`, `Arn.format`) make strings of a
    // function's name or ARN: they do not invoke it.
    this.escape(
      args,
      !cdkMethod &&
        !(callee instanceof Namespace && callee.path.startsWith('cdk.')),
    );
    if (cdkMethod) return;
    for (const handle of resourceHandlesIn(args)) {
      const resource = this.byId.get(handle.id);
      if (resource?.type === LAMBDA_FUNCTION || resource?.type === QUEUE)
        resource.handedToCodeThatMayAlarm = true;
    }
  }

  /**
   * The functions a value not known may be, as alternatives made them: what is wired to it may be theirs, and what
   * binds a Lambda authorizer it may be binds that authorizer's handler.
   */
  alternativesNotKnown(values: JsValue[]) {
    const handlers = valuesHandedOn(values).flatMap(value =>
      isLambdaAuthorizer(value) ? [value.data.handler] : [],
    );
    for (const handle of resourceHandlesIn([...values, ...handlers])) {
      const resource = this.byId.get(handle.id);
      if (resource?.type === LAMBDA_FUNCTION)
        resource.wiredAsOneOfAlternatives = true;
    }
  }

  /**
   * `topic.addSubscription(subscription)` of a topic of the stack's, imported or not known statically: a function's,
   * a queue's, or an endpoint's (a URL, an email address, a phone number). Whether the subscription is one of those
   * modelled.
   */
  private addSubscription(
    topic: ResourceHandle | Unknown,
    subscription: JsValue,
    site: CallSite,
  ): boolean {
    if (!(subscription instanceof HostObject)) return false;
    if (subscription.kind === 'lambdaSubscription')
      this.messagingModel.snsToLambda(
        topic,
        subscription.data.fn,
        subscription.data.props,
        site,
      );
    else if (subscription.kind === 'queueSubscription')
      this.messagingModel.snsToQueue(
        topic,
        subscription.data.queue,
        subscription.data.props,
        site,
      );
    else if (subscription.kind === 'endpointSubscription')
      this.messagingModel.snsToEndpoint(
        topic,
        subscription.data.kind as 'Url' | 'Email' | 'Sms',
        subscription.data.endpoint,
        subscription.data.props,
        site,
      );
    else return false;
    return true;
  }

  /**
   * Adds `items` at the end of a list property of a resource, as a method of its construct does (`addAlarmAction`,
   * `addLayers`): where the call is in the resource's file, each with its own line where `items` has one (the
   * argument that gives it), else the call's; the items there keeping theirs.
   */
  appendToList(
    target: Resource,
    property: string,
    items: Value[],
    site: CallSite,
  ): void {
    const current = asArray(target.properties[property]);
    const here = site.file === target.file;
    const line = here ? site.line : target.line;
    const list = [...current, ...items];
    recordLines(list, lineOfNode(current) ?? line, {
      items: [
        ...current.map((_item, index) => lineOfPath(current, [index], line)),
        ...items.map((_item, index) =>
          here ? lineOfPath(items, [index], line) : line,
        ),
      ],
    });
    target.properties[property] = list;
  }

  /**
   * `role.attachInlinePolicy(policy)` (a role, user or group, of the stack's or imported): one not known statically
   * may be any policy of the app's, which the role's permissions may then hold.
   */
  private attachInlinePolicy(
    role: ResourceHandle | HostObject,
    policy: JsValue,
    site: CallSite,
  ): undefined {
    const resource =
      policy instanceof ResourceHandle ? this.byId.get(policy.id) : undefined;
    // `user.attachInlinePolicy(policy)` (a group's, an imported one's) attaches it as policy.attachToUser(user) does.
    const principalType =
      role instanceof ResourceHandle ? this.byId.get(role.id)?.type : undefined;
    const toRole =
      role instanceof HostObject
        ? isImportedRole(role)
        : principalType !== 'AWS::IAM::User' &&
          principalType !== 'AWS::IAM::Group';
    if (resource && POLICY_TYPES.has(resource.type))
      this.attachPolicy(resource, toRole, role, site);
    else {
      if (!(policy instanceof ResourceHandle))
        this.iamModel.anyPolicyMayBeAttached = true;
      this.escape([role, policy]);
    }
    return undefined;
  }

  /** Attaches a policy to a principal (a role's name joins its `Roles`; a user's or group's are not modelled). */
  private attachPolicy(
    policy: Resource,
    toRole: boolean,
    role: JsValue,
    site: CallSite,
  ): void {
    this.iamModel.policyAttached(policy.id, site);
    if (!toRole) return;
    let name: Value = new Unknown('role');
    if (role instanceof ResourceHandle) name = new Ref(role.id);
    else if (isImportedRole(role)) name = toGraphValue(role.data.roleName, ref);
    policy.properties.Roles = [...asArray(policy.properties.Roles), name];
  }

  /**
   * Roles and functions handed to something not modelled (a construct of
   * another library, a method CDK has but this model has not) may be
   * granted anything there: their permissions are no longer known
   * completely. A bucket's policy likewise (an L2 BucketPolicy). A tag
   * aspect handed there may be applied to any scope.
   */
  escape(values: JsValue[], names = true) {
    this.handedOn(values);
    this.stepFunctionsModel.statesHandedOn(values);
    // A `Tag` aspect handed to code not modelled (CDK v1's `node.applyAspect(new Tag(...))`) may tag any scope.
    for (const value of values)
      if (
        value instanceof HostObject &&
        value.kind === 'tagAspect' &&
        value.data.remove !== true
      )
        this.tagsModel.tag(undefined, value);
    // A Lambda authorizer or integration handed there may be bound there or not: its function is handed there with it.
    for (const value of valuesHandedOn(values)) {
      if (isLambdaAuthorizer(value)) this.escape([value.data.handler]);
      else if (
        value instanceof HostObject &&
        value.kind === 'lambdaIntegration'
      )
        this.escape([value.data.fn]);
      else if (
        value instanceof HostObject &&
        value.kind === 'webSocketLambdaIntegration'
      )
        this.escape([value.data.handler]);
      else if (
        value instanceof HostObject &&
        value.kind === 'scheduleLambdaTarget'
      )
        this.escape([value.data.fn, value.data.options]);
      // A bucket's origin, which it may bind to a distribution, letting it read the bucket.
      else if (
        value instanceof HostObject &&
        value.kind === 's3Origin' &&
        !value.data.bound
      )
        this.escape([value.data.bucket, value.data.props]);
    }
    // A function's name or ARN handed there may be invoked there (a permission, a construct of another library).
    for (const value of names ? valuesHandedOn(values) : []) {
      const resource =
        value instanceof Ref ? this.byId.get(value.target) : undefined;
      if (resource?.type === LAMBDA_FUNCTION)
        resource.handedToCodeNotModelled = true;
    }
    for (const handle of resourceHandlesIn(values)) {
      const resource = this.byId.get(handle.id);
      if (resource?.type === LAMBDA_FUNCTION)
        resource.handedToCodeNotModelled = true;
      if (resource?.type === 'AWS::IAM::Policy')
        this.iamModel.policyMayBeAttached(handle.id);
      if (
        IDENTITY_TYPES.has(resource?.type ?? '') ||
        resource?.type === LAMBDA_FUNCTION ||
        resource?.type === APPSYNC_DATA_SOURCE
      ) {
        this.iamModel.addStatements(handle, [
          new Unknown('permissions granted by a construct not modelled'),
        ]);
      } else if (resource?.type === 'AWS::S3::Bucket') {
        this.iamModel.addResourcePolicyStatements(handle, [
          new Unknown('statements added by code not modelled'),
        ]);
      } else if (resource?.type === HTTP_API) {
        this.httpApiModel.defaultStage(handle);
      }
      if (resource?.type === HTTP_API || resource?.type === REST_API)
        this.apisHandedOn.add(handle.id);
    }
  }

  /**
   * Code not modelled handed references (to the resources of `values`, the
   * first of them its scope or what it is called on): where they and that
   * scope are of more than one stack, it may well be another stack's code
   * that uses them, which CDK makes import them; their stacks may export them.
   */
  private handedOn(values: JsValue[]): void {
    const refs = collectRefs(toGraphValue(values, ref))
      .map(found => found.ref)
      .filter(found => this.byId.has(found.target));
    const stacks = new Set(
      refs.map(found => this.stackGraphs.graphOfPath(found.target)),
    );
    const scope = this.stackOf(values[0]);
    if (scope !== undefined) stacks.add(this.stackGraphs.graphOf(scope));
    if (stacks.size > 1) this.handedAcross.push(...refs);
  }

  /**
   * A construct's `node.id`, the id it was made with (code may choose constructs by it: `queues.filter(q =>
   * q.node.id === 'Orders')`): a resource's, a plain construct's of the app's own class (its super call's); not known
   * where it was not known statically, or the resource was not made by the app's code (a function's `ServiceRole`).
   */
  private nodeId(node: HostObject): JsValue {
    const { construct, id } = node.data;
    let known: JsValue = id;
    if (construct instanceof ResourceHandle)
      known = this.defaultChildren.has(construct)
        ? 'Resource'
        : // A SingletonFunction's is its own, not its function's (see functionScope).
          this.nodeIds.get(this.lambdaModel.functionScope(construct));
    return typeof known === 'string'
      ? known
      : new Unknown('node.id of a construct');
  }

  /**
   * A child of a construct (`construct.node.findChild(id)`): `Resource`, its
   * L1, is the resource itself (so is `node.defaultChild`); another is one
   * this model makes below it (`ServiceRole`, `DefaultPolicy`), if it did.
   */
  private child(construct: JsValue, id: JsValue): JsValue {
    if (!(construct instanceof ResourceHandle) || typeof id !== 'string')
      return new Unknown('child construct');
    const childId = id === 'Resource' ? construct.id : `${construct.id}/${id}`;
    const resource = this.byId.get(childId);
    if (!resource) return new Unknown(`child ${id} of ${construct.id}`);
    const child = new ResourceHandle(childId, resource.type);
    if (id === 'Resource') {
      this.l1Handles.add(child);
      this.defaultChildren.add(child);
    }
    return child;
  }

  /**
   * The suppressions of an L1's metadata given `metadata` (see {@link metadataSuppressions}): all of it when
   * `replacing` it (`cfnOptions.metadata = …`), else one entry of it (`addMetadata`). Metadata written in code
   * that may not run may not hold them: the findings stay.
   */
  private suppressByMetadata(
    resource: ResourceHandle,
    metadata: JsValue,
    site: CallSite,
    replacing: boolean,
  ): void {
    if (replacing) this.metadataSuppressions.delete(resource.id);
    if (
      !isPlainObject(metadata) ||
      !('infra-compliance' in metadata) ||
      site.mayNotRun
    )
      return;
    const settings = metadata['infra-compliance'];
    const list = isPlainObject(settings) ? settings.suppress : undefined;
    // Read as CloudFormation's Metadata is: one entry not in a list (`suppress: { id, reason }`) is reported.
    let suppressions: InlineSuppression[] = [];
    if (Array.isArray(list))
      suppressions = list.map(entry =>
        metadataEntrySuppression(
          isPlainObject(entry) ? entry : undefined,
          site.line,
        ),
      );
    // A list not known statically (a helper's result) may hold any: none is applied, none reported.
    else if (
      list === null ||
      typeof list === 'string' ||
      isDataOtherThanText(list)
    )
      suppressions = [
        {
          ruleId: '',
          line: site.line,
          malformed: 'as a list of { id, reason }',
        },
      ];
    this.metadataSuppressions.set(resource.id, suppressions);
  }

  /**
   * `object.name = value`: a statement's effect or sid, a CfnCondition's
   * expression, or a property of an L1
   * (`cfnQueue.sqsManagedSseEnabled = false`), named and written as its
   * props are. In code that may not run, what it sets is not known.
   */
  setMember(
    object: ResourceHandle | HostObject,
    name: string,
    value: JsValue,
    site: CallSite,
  ): void {
    if (object instanceof HostObject) {
      if (object.kind === 'statement' && (name === 'effect' || name === 'sid'))
        this.iamModel.changeStatement(object, { [name]: value }, site);
      if (object.kind === 'cfnOptions' && name === 'condition')
        this.deployIf(object.data.resource as ResourceHandle, value, site);
      if (object.kind === 'cfnOptions' && name === 'metadata')
        this.suppressByMetadata(
          object.data.resource as ResourceHandle,
          value,
          site,
          true,
        );
      // A CfnCondition's expression is a public property its props only begin.
      if (object.kind === 'condition' && name === 'expression')
        object.data.expression = site.mayNotRun ? undefined : value;
      return;
    }
    // A REST API's deploymentStage is a property its code may set to a stage of its own (of `deploy: false`).
    if (name === 'deploymentStage' && object.pulumiType === REST_API) {
      if (value instanceof ResourceHandle && !site.mayNotRun)
        this.restApiModel.deploymentStages.set(object.id, value);
      else this.restApiModel.deploymentStages.delete(object.id);
    }
    // A CfnResource's properties are no members of it.
    const resource =
      this.l1Handles.has(object) && !this.madeAsCfnResource.has(object.id)
        ? this.byId.get(object.id)
        : undefined;
    if (!resource) return;
    let written: Value | undefined = site.mayNotRun
      ? new Unknown('set in code that may not run')
      : undefined;
    if (!site.mayNotRun && value !== undefined)
      written = this.graphValue(value, resource.file);
    const given = this.l1Props.get(resource.id);
    if (given) setEntry(given, name, site.mayNotRun ? written : value);
    const [[property, converted]] = Object.entries(
      l1Properties(
        resource.type,
        { [name]: written ?? null },
        this.enumMembersRead,
      ),
    );
    if (written === undefined) delete resource.properties[property];
    else resource.properties[property] = converted;
    if (this.writtenAs.get(resource.id) !== 'l1')
      this.setOnL1.set(
        resource.id,
        (this.setOnL1.get(resource.id) ?? new Set()).add(property),
      );
    recordAssignedKeyLines(resource.properties, {
      [property]: site.file === resource.file ? site.line : resource.line,
    });
  }

  /**
   * Whether `l1.name` is a prop an L1 made by `new Cfn*` is not given, which its getter returns as undefined: one set
   * to undefined, or one not given that {@link member} would read as a reference (a name, id, ARN or URL; not `attr*`,
   * nor `logicalId`, which are tokens).
   */
  memberNotSet(construct: ResourceHandle, name: string): boolean {
    const given = this.l1Props.get(construct.id);
    if (given === undefined) return false;
    if (Object.hasOwn(given, name)) return given[name] === undefined;
    return (
      /(Name|Id|Arn|Url)$/.test(name) &&
      !/^attr[A-Z]/.test(name) &&
      name !== 'logicalId'
    );
  }

  /**
   * Whether `construct.name` may be undefined (see {@link ATTRIBUTES_MAYBE_UNSET}). An L1 construct's property
   * (`cfnTopic.kmsMasterKeyId`) is what it is given, undefined when it is not; only its `ref` and `attr*` are tokens.
   */
  attributeMayBeUnset(construct: ResourceHandle, name: string): boolean {
    if (this.l1Handles.has(construct))
      return name !== 'ref' && !/^attr[A-Z]/.test(name);
    return (
      ATTRIBUTES_MAYBE_UNSET[construct.pulumiType]?.includes(name) === true
    );
  }

  /**
   * `l1.cfnOptions.condition = condition`: the resource is deployed only where
   * the `CfnCondition` holds, as a template's resource with a `Condition` (see
   * {@link Resource.deployedIf}). Other options (deletionPolicy) change nothing
   * the rules read. A condition not known, or set in code that may not run,
   * says nothing of what the resource is deployed with.
   */
  private deployIf(
    l1: ResourceHandle,
    condition: JsValue,
    site: CallSite,
  ): void {
    const resource = this.byId.get(l1.id);
    if (!resource) return;
    if (
      condition instanceof HostObject &&
      condition.kind === 'condition' &&
      !site.mayNotRun
    )
      resource.deployedIf = condition.data.path as string;
    else delete resource.deployedIf;
  }

  member(
    object: ResourceHandle | HostObject,
    name: string,
  ): JsValue | undefined {
    if (object instanceof HostObject) {
      if (object.kind === 'stack' && STACK_PSEUDO_PARAMETERS[name])
        return new Unknown(STACK_PSEUDO_PARAMETERS[name]);
      if (
        (object.kind === 'stack' || object.data.stackFunctions === true) &&
        STACK_FUNCTIONS.has(name)
      )
        return hostMethod(new HostObject('stack', {}), name);
      if (object.kind === 'parameter' && PARAMETER_VALUES.has(name))
        return this.parameterValue(object);
      if (
        ['apiResource', 'statement', 'metric', 'tagger', 'aspects'].includes(
          object.kind,
        )
      )
        return hostMethod(object, name);
      if (object.kind === 'document' && name === 'addStatements')
        return hostMethod(object, name);
      if (object.kind === 'connections') return hostMethod(object, name);
      if (
        object.kind === 'permissionsBoundary' &&
        (name === 'apply' || name === 'clear')
      )
        return hostMethod(object, name);
      if (
        PRINCIPAL_KINDS.has(object.kind) &&
        (name === 'withConditions' || name === 'inOrganization')
      )
        return hostMethod(object, name);
      if (object.kind === 'scope' && name === 'node')
        return new HostObject('scopeNode', { construct: object });
      if (isConstructNode(object) && name === 'children')
        return this.walkBelow(object.data.construct);
      if (isConstructNode(object) && name === 'findAll')
        return hostMethod(object, name);
      if (object.kind === 'node' && name === 'defaultChild')
        return this.child(object.data.construct, 'Resource');
      if (object.kind === 'node' && name === 'id') return this.nodeId(object);
      if (object.kind === 'importedRole' && name === 'roleArn')
        return object.data.roleArn;
      if (object.kind === 'importedRestApi' && name === 'root')
        return this.restApiModel.apiRoot(object.data.api as ResourceHandle);
      // A REST API's Lambda authorizer attached by the app's code, as a method attaches it.
      if (
        object.kind === 'lambdaAuthorizer' &&
        name === '_attachToApi' &&
        typeof object.data.path === 'string'
      )
        return hostMethod(object, name);
      if (
        object.kind === 'importedRole' &&
        (name === 'addToPrincipalPolicy' ||
          name === 'addToPolicy' ||
          name === 'attachInlinePolicy')
      )
        return hostMethod(object, name);
      if (
        object.kind === 'node' &&
        ['findChild', 'tryFindChild', 'addDependency'].includes(name)
      )
        return hostMethod(object, name);
      if (
        object.kind === 'tagManager' &&
        (name === 'setTag' || name === 'removeTag')
      )
        return hostMethod(object, name);
      if (object.kind === 'scope' && name === 'tags' && object.data.tags)
        return object.data.tags;
      // What an ecs-patterns service makes (see loadBalancedFargateService).
      const made = object.kind === 'scope' ? object.data.made : undefined;
      if (isPlainObject(made) && Object.hasOwn(made, name)) return made[name];
      // A trigger's order (executeAfter, executeBefore): what the stack deploys first.
      if (
        object.kind === 'scope' &&
        (name === 'executeAfter' || name === 'executeBefore')
      )
        return hostMethod(object, name);
      if (
        (object.kind === 'sfnState' || object.kind === 'sfnChain') &&
        CHAIN_METHODS.has(name)
      )
        return hostMethod(object, name);
      return undefined;
    }
    if (name === 'node') return new HostObject('node', { construct: object });
    if (name === 'cfnOptions' && this.l1Handles.has(object))
      return new HostObject('cfnOptions', { resource: object });
    if (
      (name === 'tags' || name === 'cdkTagManager') &&
      this.l1Handles.has(object) &&
      !this.madeAsCfnResource.has(object.id)
    ) {
      return new HostObject('tagManager', { path: object.id, stack: false });
    }
    if (name === 'getAtt' && this.l1Handles.has(object))
      return hostMethod(object, name);
    // An L1's prop (`subnetGroup.dbSubnetGroupName`) is what it is given (aws-cdk-lib's getters; see memberNotSet);
    // its `ref` and `attr*` are tokens (below).
    const given = this.l1Props.get(object.id);
    if (given !== undefined && Object.hasOwn(given, name)) return given[name];
    // Not a grant: what is granted a function, a state machine or a data source is its role's.
    if (
      name === 'grantPrincipal' &&
      this.iamModel.principalRoles.has(object.id)
    ) {
      const role = this.iamModel.principalRoles.get(object.id);
      return (
        this.iamModel.importedRoles.get(object.id) ??
        (role ? new ResourceHandle(role, 'aws-iam.Role') : undefined)
      );
    }
    // A role, user or group is its own (aws-iam: `grantPrincipal = this`).
    if (
      name === 'grantPrincipal' &&
      IDENTITY_TYPES.has(this.byId.get(object.id)?.type ?? '')
    )
      return object;
    if (
      /^(grant|add|metric|attach)|^configureAsyncInvoke$/.test(name) ||
      this.elbv2Model.hasMethod(object, name)
    )
      return hostMethod(object, name);
    if (
      name === 'connections' &&
      [LOAD_BALANCER, LISTENER].includes(this.byId.get(object.id)?.type ?? '')
    )
      return this.elbv2Model.connectionsOf(object);
    // A TriggerFunction's order (see callMethod).
    if (
      (name === 'executeAfter' || name === 'executeBefore') &&
      object.pulumiType === LAMBDA_FUNCTION
    )
      return hostMethod(object, name);
    if (
      (name === 'createResolver' || name === 'createFunction') &&
      (object.pulumiType === APPSYNC_DATA_SOURCE ||
        object.pulumiType === GRAPHQL_API)
    )
      return hostMethod(object, name);
    // A task definition's roles: the execution role is there once something needs it (see executionRoleOf).
    const taskDefinition = this.ecsModel.taskDefinitions.get(object.id);
    if (taskDefinition && name === 'taskRole') return taskDefinition.taskRole;
    if (taskDefinition && name === 'executionRole')
      return taskDefinition.executionRole;
    if (taskDefinition && name === 'obtainExecutionRole')
      return hostMethod(object, name);
    if (name === 'autoScaleTaskCount' || name === 'enableCloudMap')
      return hostMethod(object, name);
    // A service's task definition, the one it runs (see ecsService).
    const runs =
      name === 'taskDefinition' &&
      this.byId.get(object.id)?.type === ECS_SERVICE
        ? this.byId.get(object.id)!.properties.TaskDefinition
        : undefined;
    if (runs instanceof Ref && this.ecsModel.taskDefinitions.has(runs.target))
      return new ResourceHandle(runs.target, TASK_DEFINITION);
    if (name === 'vpc' && this.ecsModel.clusterVpcs.has(object.id))
      return this.ecsModel.clusterVpcs.get(object.id);
    const subnetGroups = this.vpcModel.vpcs.get(object.id);
    if (subnetGroups && SUBNET_LISTS[name])
      return subnetGroups
        .filter(group => group.kind === SUBNET_LISTS[name])
        .flatMap(group => group.subnets)
        .map(subnet => new ResourceHandle(subnet, SUBNET));
    if (
      subnetGroups &&
      (name === 'selectSubnets' || VPC_METHODS_NOT_MODELLED[name])
    )
      return hostMethod(object, name);
    if (subnetGroups && name === 'vpcCidrBlock')
      return new Ref(object.id, 'CidrBlock');
    if (object.pulumiType === SECURITY_GROUP && name === 'securityGroupId')
      return new Ref(object.id, 'GroupId');
    if (object.pulumiType === SECURITY_GROUP && name === 'connections')
      return new HostObject('connections', { group: object });
    if (
      ARN_REFS[name] !== undefined &&
      ARN_REFS[name] === this.byId.get(object.id)?.type
    )
      return new Ref(object.id);
    if (name === 'loadBalancerDnsName') return new Ref(object.id, 'DNSName');
    if (name === 'role') {
      const role = this.iamModel.principalRoles.get(object.id);
      return role ? new ResourceHandle(role, 'aws-iam.Role') : undefined;
    }
    if (name === 'root') return this.restApiModel.apiRoot(object);
    if (name === 'currentVersion' && object.pulumiType === LAMBDA_FUNCTION)
      return this.lambdaModel.currentVersion(object);
    // A key's alias: its name, the ARN keys are used by (see keyArnOf), the key it names (aws-kms/lib/alias.ts).
    const keyAlias = this.kmsModel.keyAliases.get(object.id);
    if (keyAlias && (name === 'aliasName' || name === 'keyId'))
      return keyAlias.name;
    if (keyAlias && (name === 'aliasArn' || name === 'keyArn'))
      return this.kmsModel.keyArnOf(object);
    if (keyAlias && name === 'aliasTargetKey') return keyAlias.key;
    // The name it is given, not a reference to it, which invokes it.
    if (name === 'aliasName' && object.pulumiType === ALIAS)
      return this.lambdaModel.qualifiers.get(object.id)?.qualifier;
    if (name === 'defaultStage' && object.pulumiType === HTTP_API)
      return this.httpApiModel.defaultStage(object);
    // The deployment a deployed REST API makes (undefined: `deploy: false`), which stages of its own may deploy.
    if (name === 'latestDeployment' && object.pulumiType === REST_API)
      return this.byId.has(`${object.id}/Deployment`)
        ? new ResourceHandle(`${object.id}/Deployment`, REST_DEPLOYMENT)
        : undefined;
    // Its stage, which escape hatches (`api.deploymentStage.node.defaultChild`) may configure.
    if (name === 'deploymentStage' && object.pulumiType === REST_API)
      return this.restApiModel.deploymentStages.get(object.id);
    if (name === 'queueName' || name === 'topicName')
      return new Ref(
        object.id,
        name === 'queueName' ? 'QueueName' : 'TopicName',
      );
    if (name === 'ref') return new Ref(object.id);
    if (/^attr[A-Z]/.test(name))
      return new Ref(object.id, name.slice('attr'.length));
    if (name === 'tableStreamArn') return new Ref(object.id, 'StreamArn');
    // A TableV2's ID, an attribute of its own: not its name.
    if (name === 'tableId') return new Ref(object.id, 'TableId');
    // An HTTP or WebSocket API's endpoint (`wss://<id>.execute-api…`): its ApiEndpoint attribute.
    if (name === 'apiEndpoint') return new Ref(object.id, 'ApiEndpoint');
    // A state machine's and a secret's plain reference is their ARN.
    if (name === 'stateMachineName' || name === 'secretName')
      return new Ref(object.id, 'Name');
    if (name === 'stateMachineArn') return new Ref(object.id);
    // An SSM parameter has no Arn attribute: its ARN is made of its name.
    if (
      name === 'parameterArn' &&
      this.secretsModel.parameterArns.has(object.id)
    )
      return this.secretsModel.parameterArns.get(object.id);
    if (/Arn$/.test(name) && !/^topicArn$/.test(name))
      return new Ref(object.id, 'Arn');
    const document = this.iamModel.policyDocuments.get(object.id);
    if (name === 'document' && document) return document;
    if (name === 'policyName') this.iamModel.policyReferenced(object.id);
    if (/(Name|Id|Url|topicArn)$|^url$/.test(name)) return new Ref(object.id);
    // `bucket.policy.document.addStatements(...)`: the policy is changed where this model does not look.
    if (name === 'policy') this.escape([object]);
    return new Unknown(`${name} of ${object.id}`);
  }

  callMethod(
    object: ResourceHandle | HostObject,
    name: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue {
    if (object instanceof HostObject)
      return this.hostObjectMethod(object, name, args, site);
    // An alias's grants are its key's (aws-kms/lib/alias.ts).
    const aliasedKey = this.kmsModel.keyAliases.get(object.id)?.key;
    if (name.startsWith('grant') && aliasedKey instanceof ResourceHandle)
      return this.callMethod(aliasedKey, name, args, site);
    const target = this.byId.get(object.id);
    const isTable = target?.type === TABLE || target?.type === GLOBAL_TABLE;
    if (this.ecsModel.taskDefinitions.has(object.id)) {
      const made = this.ecsModel.taskDefinitionMethod(object, name, args, site);
      if (made !== undefined) return made;
    }
    if (this.vpcModel.vpcs.has(object.id)) {
      const made = this.vpcModel.vpcMethod(object, name, args, site);
      if (made !== undefined) return made;
    }
    if (this.elbv2Model.hasMethod(object, name))
      return this.elbv2Model.method(object, name, args, site);
    if (
      target?.type === SECURITY_GROUP &&
      (name === 'addIngressRule' || name === 'addEgressRule')
    ) {
      this.vpcModel.securityGroupRule(object, name === 'addIngressRule', args);
      return undefined;
    }
    const madeNotModelled =
      target?.type === ECS_CLUSTER || target?.type === ECS_SERVICE
        ? ECS_METHODS_NOT_MODELLED[name]
        : undefined;
    if (madeNotModelled) {
      this.countNotModelled(madeNotModelled);
      this.escape([object, ...args]);
      return new Unknown(`${name}() of ${object.id}`);
    }
    const ownGrant =
      target && Object.hasOwn(OWN_GRANTS[target.type] ?? {}, name)
        ? OWN_GRANTS[target.type][name]
        : undefined;
    const grant = ownGrant
      ? { ...ownGrant, actions: ownGrant.actions ?? args.slice(1) }
      : GRANTS[name];
    if (
      name.startsWith('grant') &&
      target?.type === KEY &&
      !(args[0] instanceof ResourceHandle)
    ) {
      // A principal with no policies of its own (a service, an account) is granted in the key's policy.
      const principal =
        args[0] instanceof HostObject && args[0].kind === 'principal'
          ? args[0]
          : undefined;
      const statement =
        grant && principal
          ? new HostObject('statement', {
              effect: 'Effect.ALLOW',
              principals: [principal],
              actions: grant.actions,
              resources: ['*'],
            })
          : new Unknown(`${name} of ${object.id}`);
      this.iamModel.addPolicyStatements(target, [statement], site, 'KeyPolicy');
      return undefined;
    }
    if (
      isTable &&
      (name === 'addGlobalSecondaryIndex' || name === 'addLocalSecondaryIndex')
    ) {
      // One added in code that may not run may be there or not.
      if (this.dynamoDbModel.tableIndexes.get(object.id) !== true)
        this.dynamoDbModel.tableIndexes.set(
          object.id,
          site.mayNotRun
            ? new Unknown('an index added in code that may not run')
            : true,
        );
      return undefined;
    }
    if (name === 'addReplica' && this.dynamoDbModel.tablesV2.has(object.id)) {
      this.dynamoDbModel.addTableReplica(object.id, args[0]);
      return undefined;
    }
    const tableStreamGrant = isTable ? TABLE_STREAM_GRANTS[name] : undefined;
    if (tableStreamGrant) {
      const actions = tableStreamGrant.actions ?? args.slice(1);
      const listed =
        target?.type === GLOBAL_TABLE ? new Ref(object.id, 'StreamArn') : '*';
      this.iamModel.addStatements(
        args[0],
        [
          ...(tableStreamGrant.listStreams
            ? [
                {
                  Effect: 'Allow',
                  Action: 'dynamodb:ListStreams',
                  Resource: listed,
                },
              ]
            : []),
          ...(actions.length > 0
            ? [
                {
                  Effect: 'Allow',
                  Action: actions,
                  Resource: new Ref(object.id, 'StreamArn'),
                },
              ]
            : []),
          ...this.kmsModel.encryptionKeyStatements(object, name),
        ],
        site,
      );
      return undefined;
    }
    const streamGrant =
      target?.type === STREAM ? STREAM_GRANTS[name] : undefined;
    if (streamGrant) {
      this.iamModel.addStatements(
        args[0],
        [
          {
            Effect: 'Allow',
            Action: streamGrant.actions,
            Resource: new Ref(object.id, 'Arn'),
          },
        ],
        site,
      );
      if (this.messagingModel.streamKeys.has(object.id))
        this.iamModel.addStatements(
          args[0],
          this.kmsModel.keyGrantStatements(
            this.messagingModel.streamKeys.get(object.id),
            streamGrant.keyGrant,
          ),
          site,
        );
      return undefined;
    }
    // A principal with no policies of its own (a service, an account, an ARN) may invoke the function by the
    // permission CDK adds for it, once (aws-lambda/lib/function-base.ts, grantInvoke).
    if (
      name === 'grantInvoke' &&
      INVOKABLE.has(target?.type ?? '') &&
      args[0] instanceof HostObject &&
      PRINCIPAL_KINDS.has(args[0].kind)
    ) {
      const permissionId = this.lambdaModel.invokeGrantId(args[0]);
      if (
        permissionId === undefined ||
        !this.byId.has(`${object.id}/${permissionId}`)
      )
        this.lambdaModel.functionPermission(
          object,
          permissionId ?? 'Invoke',
          { principal: args[0] },
          site,
        );
      return undefined;
    }
    if (target?.type === 'AWS::Logs::LogGroup' && LOG_GROUP_GRANTS[name]) {
      // Its ARN ends in `:*`; the one without is made of its name (aws-logs/lib/private/log-group-arn.ts).
      const withoutSuffix = stackArn('logs', [
        'log-group:',
        new Ref(object.id),
      ]);
      this.iamModel.addStatements(
        args[0],
        [
          logGroupGrantStatement(
            name,
            args.slice(1),
            withoutSuffix,
            new Ref(object.id, 'Arn'),
          ),
        ],
        site,
      );
      return undefined;
    }
    if (target?.type === SSM_PARAMETER && PARAMETER_GRANTS[name]) {
      this.iamModel.addStatements(
        args[0],
        [
          {
            Effect: 'Allow',
            Action: PARAMETER_GRANTS[name],
            Resource: this.secretsModel.parameterArns.get(object.id),
          },
        ],
        site,
      );
      return undefined;
    }
    if (target?.type === STATE_MACHINE && name === 'grantRead') {
      this.iamModel.addStatements(
        args[0],
        stateMachineReadStatements(object.id),
        site,
      );
      return undefined;
    }
    // A secret's plain reference is its ARN. What a grant adds to the policy of the key it is encrypted with is not modelled.
    if (target?.type === SECRET && SECRET_GRANTS[name]) {
      this.iamModel.addStatements(
        args[0],
        [secretGrantStatement(name, args[1], new Ref(object.id))],
        site,
      );
      return undefined;
    }
    this.iamModel.addStatements(
      args[0],
      this.kmsModel.encryptionKeyStatements(object, name),
      site,
    );
    if (grant && isTable) {
      this.dynamoDbModel.tableGrant(object, grant, args[0], site);
      return undefined;
    }
    if (grant) {
      const granted = new Ref(object.id, grant.attribute);
      const statement = grant.objects
        ? bucketGrantStatement(
            name,
            { ...grant, objects: grant.objects },
            granted,
            args.slice(1),
          )
        : { Effect: 'Allow', Action: grant.actions, Resource: granted };
      this.iamModel.addStatements(args[0], [statement], site);
      return undefined;
    }
    if (
      MANAGE_CONNECTIONS_GRANTS.has(name) &&
      (target?.type === HTTP_API || target?.type === HTTP_STAGE)
    ) {
      this.iamModel.addStatements(args[0], [manageConnections(target)], site);
      return undefined;
    }
    if (name.startsWith('grant')) {
      this.iamModel.addStatements(
        args[0],
        [new Unknown(`${name} of ${object.id}`)],
        site,
      );
      return undefined;
    }
    if (name.startsWith('metric'))
      return this.cloudWatchModel.metric(object, name, args);
    switch (name) {
      case 'addToRolePolicy':
      case 'addToPolicy':
      case 'addToPrincipalPolicy':
        this.iamModel.addStatements(object, [args[0]], site);
        return undefined;
      case 'getAtt':
        // `l1.getAtt(name)`, as `l1.attr<Name>`.
        return typeof args[0] === 'string'
          ? new Ref(object.id, args[0])
          : new Unknown(`an attribute of ${object.id} not known statically`);
      case 'addOverride':
      case 'addDeletionOverride':
        this.l1OverridesModel.override(object, args[0], args[1], site);
        return undefined;
      case 'addPropertyOverride':
      case 'addPropertyDeletionOverride':
        this.l1OverridesModel.override(
          object,
          concat(['Properties.', toGraphValue(args[0], ref)]),
          args[1],
          site,
        );
        return undefined;
      case 'addMetadata':
        if (this.l1Handles.has(object))
          this.suppressByMetadata(
            object,
            { [String(args[0])]: args[1] },
            site,
            false,
          );
        return undefined;
      case 'addDependency':
      case 'executeAfter':
      case 'executeBefore':
        // What the stack deploys first (a TriggerFunction's order too), and metadata: no property changes.
        return undefined;
      case 'addManagedPolicy': {
        if (!target) return undefined;
        const attached = asArray(target.properties.ManagedPolicyArns);
        const added = this.graphValue(args[0], target.file);
        // One already there is not added again: CDK skips the same policy (aws-iam's Role, User, Group), and IAM
        // attaches the same ARN once.
        if (!attached.some(policy => isDeepStrictEqual(policy, added)))
          target.properties.ManagedPolicyArns = [...attached, added];
        return undefined;
      }
      case 'addToGroup':
      case 'addUser': {
        // user.addToGroup(group), group.addUser(user): the user joins the group's `Groups`, granted nothing else.
        const other =
          args[0] instanceof ResourceHandle
            ? this.byId.get(args[0].id)
            : undefined;
        const [user, group] =
          name === 'addToGroup' ? [target, other] : [other, target];
        if (
          user?.type !== 'AWS::IAM::User' ||
          group?.type !== 'AWS::IAM::Group'
        ) {
          this.escape([object, ...args]);
          return new Unknown(`${name}() of ${object.id}`);
        }
        user.properties.Groups = [
          ...asArray(user.properties.Groups),
          new Ref(group.id),
        ];
        return undefined;
      }
      case 'addStatements':
        if (target && POLICY_TYPES.has(target.type)) {
          this.iamModel.addPolicyStatements(target, args, site);
          return undefined;
        }
        this.escape([object, ...args]);
        return undefined;
      case 'attachToRole':
      case 'attachToUser':
      case 'attachToGroup':
        // policy.attachToRole(role): whatever the role, CDK attaches the policy to it.
        if (target && POLICY_TYPES.has(target.type)) {
          this.attachPolicy(target, name === 'attachToRole', args[0], site);
          return undefined;
        }
        this.escape([object, ...args]);
        return undefined;
      case 'attachInlinePolicy':
        // role.attachInlinePolicy(policy)
        return this.attachInlinePolicy(object, args[0], site);
      case 'addEnvironment':
        if (target && typeof args[0] === 'string') {
          const environment = isMap(target.properties.Environment)
            ? target.properties.Environment
            : {};
          const variables = isMap(environment.Variables)
            ? environment.Variables
            : {};
          target.properties.Environment = {
            ...environment,
            Variables: {
              ...variables,
              [args[0]]: this.graphValue(args[1], target.file),
            },
          };
        }
        return undefined;
      case 'addEventSource':
        this.eventSourcesModel.eventSource(object, args[0], site);
        return undefined;
      case 'configureAsyncInvoke':
        if (INVOKABLE.has(target?.type ?? '')) {
          // Options not known statically may name a destination.
          this.lambdaModel.destinations(
            object,
            isPlainObject(args[0]) ? args[0] : { onFailure: args[0] },
            site,
          );
          return undefined;
        }
        this.escape([object, ...args]);
        return new Unknown(`${name}() of ${object.id}`);
      case 'addAlias': {
        // A key's, or its alias's, which adds it to the key.
        if (target?.type === KEY)
          return this.kmsModel.addKeyAlias(object, object.id, args[0], site);
        if (aliasedKey instanceof ResourceHandle)
          return this.callMethod(aliasedKey, name, args, site);
        // (name, options): an alias below the function of its current version, or below a version of that version
        // (aws-lambda/lib/util.ts, addAlias); options not known statically may name where failures go.
        let version: ResourceHandle | undefined;
        if (target?.type === LAMBDA_FUNCTION)
          version = this.lambdaModel.currentVersion(object);
        else if (target?.type === VERSION) version = object;
        if (version) {
          const [aliasName, options] = args;
          const aliasId = `${object.id}/${
            typeof aliasName === 'string'
              ? `Alias${aliasName}`
              : `construct@${site.line}`
          }`;
          return this.lambdaModel.alias(
            aliasId,
            aliasName,
            version,
            options === undefined || isPlainObject(options)
              ? options ?? {}
              : { onFailure: options },
            site,
            true,
          );
        }
        this.escape([object, ...args]);
        return new Unknown(`${name}() of ${object.id}`);
      }
      case 'addEventSourceMapping':
        // (id, options): a mapping below the function (or version, or alias), granting only what its on-failure destination needs.
        if (INVOKABLE.has(target?.type ?? '') && isPlainObject(args[1])) {
          return this.eventSourcesModel.eventSourceMapping(
            `${this.lambdaModel.functionScope(object)}/${
              typeof args[0] === 'string' ? args[0] : `construct@${site.line}`
            }`,
            object,
            args[1].eventSourceArn,
            args[1],
            site,
          );
        }
        this.escape([object, ...args]);
        return new Unknown(`${name}() of ${object.id}`);
      case 'addRotationSchedule': {
        const [scheduleId, options] = args;
        // A RotationSchedule below the secret (aws-secretsmanager/lib/secret.ts); one of hosted rotation is not modelled.
        if (
          target?.type === SECRET &&
          isPlainObject(options) &&
          options.hostedRotation !== undefined
        ) {
          return this.construct(
            'cdk.aws-secretsmanager.RotationSchedule',
            [object, scheduleId, { ...options, secret: object }],
            site,
          );
        }
        if (target?.type === SECRET && isPlainObject(options)) {
          return this.secretsModel.rotationSchedule(
            this.uniquePath(
              `${object.id}/${
                typeof scheduleId === 'string'
                  ? scheduleId
                  : `construct@${site.line}`
              }`,
              site,
            ),
            object,
            options,
            site,
          );
        }
        this.escape([object, ...args]);
        return new Unknown(`${name}() of ${object.id}`);
      }
      case 'addPermission': {
        const [permissionId, permission] = args;
        if (INVOKABLE.has(target?.type ?? '') && isPlainObject(permission)) {
          this.lambdaModel.functionPermission(
            object,
            permissionId,
            permission,
            site,
          );
          return undefined;
        }
        this.escape([object, ...args]);
        return undefined;
      }
      case 'addFunctionUrl': {
        const options = isPlainObject(args[0]) ? args[0] : {};
        return this.add(
          `${this.lambdaModel.functionScope(object)}/FunctionUrl`,
          'AWS::Lambda::Url',
          site,
          {
            TargetFunctionArn: new Ref(object.id, 'Arn'),
            AuthType:
              options.authType === 'FunctionUrlAuthType.NONE'
                ? 'NONE'
                : 'AWS_IAM',
          },
        );
      }
      case 'addTrigger': {
        // (operation, fn, lambdaVersion): a user pool's trigger (user-pool.ts, addTrigger); only the pre token
        // generation config one takes the version, and the senders theirs.
        const [operation, fn, version] = args;
        if (target?.type !== USER_POOL) {
          this.escape([object, ...args]);
          return undefined;
        }
        const operationName = userPoolOperation(operation);
        let lambdaVersion: JsValue;
        if (
          operationName !== undefined &&
          VERSIONED_TRIGGERS.has(operationName)
        )
          lambdaVersion = 'V1_0';
        else if (operationName === 'preTokenGenerationConfig')
          lambdaVersion =
            version === undefined
              ? 'V1_0'
              : enumValue(version, 'LambdaVersion');
        this.cognitoModel.addUserPoolTrigger(
          object,
          operationName,
          fn,
          lambdaVersion,
          site,
        );
        return undefined;
      }
      case 'addLambdaDataSource':
      case 'addHttpDataSource': {
        // (id, fn or endpoint, options): a data source below the API (graphqlapi-base.ts).
        const [sourceId, backing, options] = args;
        if (target?.type !== GRAPHQL_API) {
          this.escape([object, ...args]);
          return new Unknown(`${name}() of ${object.id}`);
        }
        const path = this.uniquePath(
          `${object.id}/${
            typeof sourceId === 'string' ? sourceId : `construct@${site.line}`
          }`,
          site,
        );
        // Of its options, CDK hands the data source the name, description and metrics config (and an HTTP one's
        // authorization): never a role.
        const make =
          name === 'addLambdaDataSource'
            ? 'lambdaDataSource'
            : 'httpDataSource';
        return this.appSyncModel[make](
          path,
          sourceId,
          object,
          backing,
          options,
          undefined,
          site,
        );
      }
      case 'createResolver':
      case 'createFunction': {
        // (id, props): a resolver or pipeline function of the data source, or a resolver of the API of the data source its props name.
        const [resolverId, props] = args;
        let dataSource: JsValue = object;
        if (target?.type === GRAPHQL_API)
          dataSource = isPlainObject(props) ? props.dataSource : undefined;
        // A data source's are made below its API (data-source.ts).
        const apiId =
          target?.type === GRAPHQL_API ? undefined : target?.properties.ApiId;
        const scope = apiId instanceof Ref ? apiId.target : object.id;
        this.appSyncModel.lambdaResolver(
          dataSource,
          props,
          `${scope}/${String(resolverId)}`,
          name === 'createResolver' ? 'resolver' : 'pipeline function',
        );
        return new Unknown(`${name}() of ${object.id}`);
      }
      case 'addToResourcePolicy':
        // A bucket's or a queue's policy; a key's is its KeyPolicy, an alias's its key's.
        if (this.iamModel.hasResourcePolicy(target?.type))
          this.iamModel.addResourcePolicyStatements(object, [args[0]], site);
        else if (
          target?.type === KEY ||
          this.kmsModel.keyAliases.has(object.id)
        )
          this.kmsModel.addKeyPolicyStatements(object, [args[0]], site);
        else this.escape([object, ...args]);
        return undefined;
      case 'addEventNotification': {
        const destination = args[1];
        const fn =
          destination instanceof HostObject &&
          destination.kind === 'notificationTarget'
            ? destination.data.fn
            : undefined;
        if (target?.type === 'AWS::S3::Bucket' && fn instanceof ResourceHandle)
          this.eventSourcesModel.eventSource(
            fn,
            new HostObject('s3Source', { bucket: object }),
            site,
          );
        return undefined;
      }
      case 'addTarget':
        if (target?.type === 'AWS::Events::Rule') {
          target.properties.Targets = [
            ...asArray(target.properties.Targets),
            this.graphValue(
              this.eventTargetsModel.eventTarget(args[0], object.id, site),
              target.file,
            ),
          ];
        }
        return undefined;
      case 'addStage': {
        // (id, options): a stage below an HTTP API (aws-apigatewayv2/lib/http/api.ts, addStage).
        const [stageId, options] = args;
        if (
          target?.type === HTTP_API &&
          (options === undefined || isPlainObject(options))
        ) {
          const stage = this.httpApiModel.httpStage(
            `${object.id}/${
              typeof stageId === 'string' ? stageId : `construct@${site.line}`
            }`,
            object,
            options ?? {},
            site,
          );
          this.writtenAs.set(stage.id, HTTP_STAGE_OPTIONS);
          return stage;
        }
        // Options not known statically: a stage is there, configured as they say.
        if (target?.type === HTTP_API)
          this.addUnknownType(stackOfPath(object.id), HTTP_STAGE);
        this.escape(target?.type === HTTP_API ? args : [object, ...args]);
        return new Unknown(`${name}() of ${object.id}`);
      }
      case 'addUsagePlan':
      case 'addApiKey': {
        // (id, props): a usage plan or an API key below a REST API (aws-apigateway/lib/restapi.ts); a usage plan's
        // addApiKey(key) makes a UsagePlanKey, which no rule judges.
        if (target?.type !== REST_API) return undefined;
        const [childId, props] = args;
        const path = `${object.id}/${
          typeof childId === 'string' ? childId : `construct@${site.line}`
        }`;
        const p: Props = isPlainObject(props) ? props : {};
        return name === 'addUsagePlan'
          ? this.restApiModel.usagePlan(path, p, site)
          : this.restApiModel.apiKey(path, p, site);
      }
      case 'addRoute':
        // (routeKey, options): a route of a WebSocket API.
        if (
          target?.type === HTTP_API &&
          target.properties.ProtocolType === 'WEBSOCKET'
        )
          return this.httpApiModel.addWebSocketRoute(
            object,
            args[0],
            args[1],
            site,
          );
        this.escape([object, ...args]);
        return new Unknown(`${name}() of ${object.id}`);
      case 'addRoutes':
        // Routes of an HTTP API, one per method (ANY without any), of the authorizer of the options or the API's default one (http/api.ts).
        if (target?.type === HTTP_API) {
          const options = args[0];
          if (!isPlainObject(options)) {
            this.escape(args);
            return new Unknown('routes');
          }
          const routed = !(
            Array.isArray(options.methods) && options.methods.length === 0
          );
          this.httpApiModel.httpRoutes(
            object,
            options,
            options.authorizer ??
              this.httpApiModel.defaultAuthorizers.get(object.id),
            routed,
            site,
          );
          return new Unknown('routes');
        }
        this.escape([object, ...args]);
        return new Unknown(`${name}() of ${object.id}`);
      case 'addBehavior': {
        // (pathPattern, origin, options): a behaviour added to a Distribution.
        const config =
          target?.type === DISTRIBUTION
            ? target.properties.DistributionConfig
            : undefined;
        if (isMap(config))
          config.CacheBehaviors = [
            ...asArray(config.CacheBehaviors),
            this.cloudFrontModel.edgeBehaviour(args[2], false),
          ];
        this.escape(args);
        return undefined;
      }
      case 'addSubscription':
        this.addSubscription(object, args[0], site);
        return undefined;
      case 'addAlarmAction':
      case 'addOkAction':
      case 'addInsufficientDataAction':
        if (target) {
          const actions = args.map((action): Value => {
            if (!(action instanceof HostObject))
              return new Unknown('alarm action');
            // A topic's ARN is its Ref; one imported (`Topic.fromTopicArn`) is named by the ARN it is given, as synth writes it.
            const { topic } = action.data;
            return topic instanceof Unknown
              ? this.importsModel.arnOf(topic, 'topic of an alarm action')
              : this.ref(topic) ?? new Unknown('alarm action');
          });
          // Each action at the line of its argument (`addAlarmAction(a, b)` over lines).
          copyLines(args, actions);
          // None added synthesizes no list, not an empty one (cdk synth of aws-cdk-lib 2.278.0).
          if (actions.length > 0)
            this.appendToList(target, ALARM_ACTION_LISTS[name], actions, site);
        }
        return undefined;
      case 'addLayers':
        if (target?.type === LAMBDA_FUNCTION) {
          this.lambdaModel.addLayers(target, args, site);
          return undefined;
        }
        this.escape([object, ...args]);
        return undefined;
      default:
        this.escape([object, ...args]);
        return new Unknown(`${name}() of ${object.id}`);
    }
  }

  private hostObjectMethod(
    object: HostObject,
    name: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue {
    const [first, second, third] = args;
    if (object.kind === 'Token') return first;
    if (object.kind === 'token') return object.data.value as Ref | Template;
    if (
      object.kind === 'scope' &&
      (name === 'executeAfter' || name === 'executeBefore')
    )
      return undefined;
    if (object.kind === 'Tags')
      return new HostObject('tagger', { scope: first });
    if (object.kind === 'Aspects')
      return new HostObject('aspects', { scope: first });
    if (object.kind === 'aspects') {
      if (name === 'add')
        this.tagsModel.addAspect(object.data.scope, first, second, site);
      return undefined;
    }
    if (object.kind === 'nag') return undefined;
    if (object.kind === 'Fn')
      return new HostObject('conditionFunction', {
        intrinsic: CONDITION_FUNCTIONS[name],
        operands: args,
      });
    if (object.kind === 'FnText')
      return name === 'join' ? fnJoin(first, second) : fnSub(first, second);
    if (object.kind === 'FnIntrinsic') return fnIntrinsic(name, args);
    if (object.kind === 'FnJsonString') return jsonString(first);
    // `Fn.importValue('RoleArn')` writes `Fn::ImportValue: RoleArn`: one value wherever the stack imports that name, as in a template.
    if (object.kind === 'FnImportValue')
      return typeof first === 'string'
        ? importOf(first)
        : new Unknown('an import of a name not known statically');
    if (object.kind === 'TagManager') return this.tagsModel.tagManagerOf(first);
    if (object.kind === 'tagManager') {
      this.tagsModel.setTag(object, name === 'removeTag', args, site);
      return undefined;
    }
    if (object.kind === 'stack' && name === 'toJsonString')
      return jsonString(first);
    if (object.kind === 'stack')
      return name === 'formatArn'
        ? formatArn(first)
        : new Unknown(`${name}() of a stack`);
    if (object.kind === 'Stack') {
      // `Stack.of(construct)`: its stack, where known.
      const stack = this.stackOf(first);
      return stack === undefined
        ? new HostObject('stack', {})
        : this.stackList[stack - 1].stack;
    }
    // `Tags.of(scope).add(key, value, props)`, or `Tag.add(scope, key, value, props)`, which calls it.
    if (
      (object.kind === 'tagger' || object.kind === 'Tag') &&
      (name === 'add' || name === 'remove')
    ) {
      const [scope, key, ...rest] =
        object.kind === 'Tag' ? args : [object.data.scope, ...args];
      const tag =
        name === 'add'
          ? this.tagsModel.tagAspect(false, key, rest[1], false, true)
          : this.tagsModel.tagAspect(true, key, rest[0], false);
      this.tagsModel.tag(scope, tag, site.mayNotRun, TAGS_OF_ASPECT);
      return undefined;
    }
    if (object.kind === 'TableEncryptionV2')
      return new HostObject('tableEncryption', {
        method: name,
        key: first,
        replicaKeyArns: second,
      });
    if (
      (object.kind === 'Code' || object.kind === 'DockerImageCode') &&
      IMAGE_CODE_METHODS.has(name)
    )
      return new HostObject('imageCode', {});
    if (object.kind === 'Role')
      return this.iamModel.importRole(name, args, site);
    if (object.kind === 'Grant') return this.grantStatically(name, first, site);
    if (object.kind === 'PermissionsBoundary')
      return new HostObject('permissionsBoundary', { scope: first });
    if (object.kind === 'permissionsBoundary') {
      this.iamModel.permissionsBoundary(
        object.data.scope,
        name === 'apply' ? first : undefined,
        site,
      );
      return undefined;
    }
    if (object.kind === 'ContainerImage') return containerImage(name, args);
    if (object.kind === 'Peer') return peerOf(name, args);
    if (object.kind === 'importedElbv2')
      return this.elbv2Model.notModelled(
        object.data.made as string,
        args,
        `${String(object.data.path)}/${String(first)}`,
      );
    if (object.kind === 'ListenerCondition')
      return this.elbv2Model.listenerCondition(name, args);
    if (object.kind === 'ListenerAction')
      return name === 'forward'
        ? this.elbv2Model.forwardAction(first, second)
        : new Unknown(`ListenerAction.${name}`);
    if (object.kind === 'Port') return portOf(name, args);
    if (object.kind === 'IpAddresses')
      return name === 'cidr'
        ? new HostObject('ipAddresses', { cidr: first })
        : new Unknown(`IpAddresses.${name}`);
    if (object.kind === 'FlowLogDestination')
      return new HostObject('flowLogDestination', {
        method: name,
        logGroup: first,
        role: second,
      });
    if (object.kind === 'connections') {
      this.vpcModel.connectionRule(
        object.data.group as ResourceHandle,
        name,
        args,
      );
      return undefined;
    }
    // Log drivers other than awslogs and firelens (Splunk, …) are not modelled.
    if (object.kind === 'LogDrivers' || object.kind === 'LogDriver') {
      if (name === 'awsLogs')
        return new HostObject('awsLogDriver', { props: first });
      return name === 'firelens'
        ? new HostObject('firelensLogDriver', { props: first })
        : new Unknown(`${name} log driver`);
    }
    if (object.kind === 'ecsFunction')
      return this.ecsModel.defaultFluentBitImage(first, second, site);
    if (object.kind === 'import') {
      const method = `${String(object.data.construct)}.${name}`;
      const imported = this.importsModel.importConstruct(method, args, site);
      this.iamModel.importIdentity(method, args, imported, site);
      return imported;
    }
    if (object.kind === 'topicNotKnown') {
      const topic = object.data.construct as Unknown;
      // A subscription not modelled goes to code not read, as what any call of a value not known is given.
      if (!this.addSubscription(topic, first, site))
        this.unknownCall(args, topic);
      return undefined;
    }
    if (object.kind === 'importedKey') {
      const key = object.data.construct as Unknown;
      return this.kmsModel.addKeyAlias(
        key,
        this.importsModel.importPath(key)!,
        first,
        site,
      );
    }
    if (object.kind === 'importedResource') {
      this.importsModel.importedGrant(
        this.importsModel.importedResources.get(
          object.data.construct as Unknown,
        )!,
        name,
        args,
        site,
      );
      return undefined;
    }
    if (object.kind === 'RestApi')
      return this.restApiModel.importRestApi(args, site);
    if (object.kind === 'MappingTemplate')
      return mappingTemplate(name, args, this.readAppFile);
    if (object.kind === 'importedRole' && name === 'attachInlinePolicy')
      return this.attachInlinePolicy(object, first, site);
    if (object.kind === 'importedIdentity') {
      if (name === 'attachInlinePolicy')
        return this.attachInlinePolicy(object, first, site);
      this.iamModel.addStatements(object.data.construct, [first], site);
      return undefined;
    }
    if (object.kind === 'importedRole') {
      this.iamModel.addStatements(object, [first], site);
      return undefined;
    }
    if (object.kind === 'Duration')
      return typeof first === 'number'
        ? first * DURATION_SECONDS[name]
        : new Unknown('duration');
    if (
      object.kind === 'ManagedPolicy' &&
      name === 'fromAwsManagedPolicyName'
    ) {
      return typeof first === 'string'
        ? `arn:aws:iam::aws:policy/${first}`
        : new Unknown('managed policy');
    }
    if (object.kind === 'ManagedPolicy' && name === 'fromManagedPolicyArn')
      return third;
    if (object.kind === 'metric' && name === 'with')
      return metricWith(object, first);
    if (object.kind === 'metric' && name === 'createAlarm') {
      // (scope, id, options); a value not known statically whose `createAlarm` takes an object first is another package's.
      if (isPlainObject(first)) {
        this.unknownCall(args, undefined);
        return new Unknown(`${name}() of a value not known statically`);
      }
      return this.cloudWatchModel.alarm(
        this.pathOf(first, second, site),
        { ...(isPlainObject(third) ? third : {}), metric: object },
        site,
      );
    }
    if (object.kind === 'SubscriptionFilter')
      return new HostObject('subscriptionFilter', {
        conditions: subscriptionFilterConditions(name, first),
      });
    if (object.kind === 'FilterOrPolicy')
      return new HostObject(
        'filterOrPolicy',
        name === 'policy' ? { policy: first } : { filter: first },
      );
    if (object.kind === 'PolicyStatement' && name === 'fromJson')
      return this.iamModel.statementFromJson(first, site);
    if (object.kind === 'PolicyDocument' && name === 'fromJson') {
      const statements = isPlainObject(first) ? first.Statement : undefined;
      if (!Array.isArray(statements) && !isPlainObject(statements))
        return new Unknown('policy document');
      return new HostObject('document', {
        statements: (Array.isArray(statements) ? statements : [statements]).map(
          statement => this.iamModel.statementFromJson(statement, site),
        ),
      });
    }
    if (object.kind === 'document' && name === 'addStatements') {
      this.iamModel.addToDocument(object, args);
      return undefined;
    }
    if (object.kind === 'statement')
      return this.iamModel.statementMethod(object, name, args, site);
    if (isConstructNode(object) && name === 'findAll')
      return this.walkBelow(object.data.construct);
    if (object.kind === 'node')
      return name === 'addDependency'
        ? undefined
        : this.child(object.data.construct, first);
    if (object.kind === 'apiResource')
      return this.restApiModel.apiResourceMethod(object, name, args, site);
    if (object.kind === 'lambdaAuthorizer') {
      this.restApiModel.bindRestAuthorizer(object, first);
      return undefined;
    }
    if (object.kind === 'Chain')
      return name === 'start' ? chainOf(first) : sequence(first, second);
    if (object.kind === 'Condition') return choiceCondition(name, args);
    if (object.kind === 'WaitTime')
      return new HostObject('waitTime', {
        json: WAIT_TIMES[name]
          ? { [WAIT_TIMES[name]]: first }
          : new Unknown('wait time'),
      });
    if (object.kind === 'Result') return first;
    if (object.kind === 'DefinitionBody') return first;
    if (object.kind === 'ApiDefinition') return apiDefinition(name, args);
    if (object.kind === 'S3BucketOrigin') {
      const origin = s3BucketOrigin(name, first, second);
      if (origin) return origin;
      this.escape(args);
      return new Unknown(`S3BucketOrigin.${name}()`);
    }
    if (object.kind === 'StepFunctionsIntegration')
      return stepFunctionsIntegration(first, args[1]);
    // A principal of more conditions (aws-iam/lib/principals.ts, PrincipalWithConditions; ArnPrincipal.inOrganization).
    if (
      PRINCIPAL_KINDS.has(object.kind) &&
      (name === 'withConditions' || name === 'inOrganization')
    ) {
      return this.iamModel.conditionedPrincipal(
        object,
        name === 'withConditions'
          ? first
          : { StringEquals: { 'aws:PrincipalOrgID': first } },
      );
    }
    if (object.kind === 'sfnState' || object.kind === 'sfnChain')
      return this.stepFunctionsModel.chainMethod(object, name, args);
    return new Unknown(`${name}()`);
  }

  /**
   * Keeps the suppression comments on the `new` of the construct at `path` (see {@link constructSuppressions});
   * returns the path. `ownClass`: the name of the app's class the construct is of, which is no resource.
   */
  commented(path: string, site: CallSite, ownClass?: string): string {
    const suppressions = this.commentSuppressionsAt(site.file, site.line);
    const writtenOnConstruct =
      ownClass === undefined ? undefined : { file: site.file, type: ownClass };
    if (suppressions.length > 0) {
      this.constructSuppressions.set(
        path,
        suppressions.map(suppression => ({
          ...suppression,
          writtenOn: path,
          ...(writtenOnConstruct && { writtenOnConstruct }),
        })),
      );
    }
    return path;
  }

  /** The construct path of a new construct: its scope's path and its id. */
  pathOf(scope: JsValue, id: JsValue, site: CallSite): string {
    const path = this.uniquePath(this.basePath(scope, id, site), site);
    if (typeof id === 'string') this.nodeIds.set(path, id);
    else this.pathsOfIdsNotKnown.add(path);
    return path;
  }

  /** `base`, told apart from the path of a construct made before (see {@link pathOf}). */
  uniquePath(base: string, site: CallSite): string {
    let unique = base;
    // A parameter's path is the reason its value is not known (see parameterValue): two parameters never share one.
    for (let n = 2; this.byId.has(unique) || this.parameters.has(unique); n++)
      unique = `${base}${n}`;
    // CDK refuses a second construct of one path: where one of them may not run, they are variants of one construct.
    if (unique === base) this.pathsMayNotRun.set(base, site.mayNotRun === true);
    else if (site.mayNotRun || this.pathsMayNotRun.get(base))
      this.variants.set(unique, base);
    return unique;
  }

  /** The path of a construct made with `scope` and `id`, before it is told apart from another of that path (see pathOf). */
  basePath(scope: JsValue, id: JsValue, site: CallSite): string {
    let parent = scopePath(scope);
    // One made in a resource's scope (`new Alarm(queue, 'Alarm')`) is below it, as synth makes it; in its L1's
    // (`node.defaultChild`), below its `Resource`.
    if (scope instanceof ResourceHandle) {
      parent = this.constructPath(scope);
      if (this.defaultChildren.has(scope))
        parent = `${String(parent)}/Resource`;
    }
    // An id written as a template not known statically (`dlq-${i + 1}` in a loop) names it as written.
    const template =
      site.idText && /^`[^`]*\$\{[^`]*`$/.test(site.idText)
        ? site.idText.slice(1, -1)
        : undefined;
    const own =
      typeof id === 'string'
        ? id
        : template ?? site.variable ?? `construct@${site.line}`;
    const path =
      typeof parent === 'string' && parent && parent !== APP_PATH
        ? `${parent}/${own}`
        : own;
    if (typeof id !== 'string') this.pathsOfIdsNotKnown.add(path);
    return path;
  }

  /**
   * `new CfnResource(scope, id, { type, properties })`: an L1 of the type, whose properties are written as
   * CloudFormation's, and rendered as written: it has no TagManager (aws-cdk-lib core/lib/cfn-resource.ts,
   * cfnProperties), see {@link madeAsCfnResource}, but the members of aws-cdk-lib's enums, which are their values.
   * Intrinsics written as objects (`{ Ref: 'Name' }`) are not known statically. Properties not known statically: as
   * an L1's of props not known.
   */
  private cfnResource(
    scope: JsValue,
    idArg: JsValue,
    type: string,
    properties: JsValue,
    site: CallSite,
  ): JsValue {
    if (properties !== undefined && !isPlainObject(properties)) {
      this.addUnknownType(this.stackOf(scope), type);
      this.escape([properties]);
      return new Unknown(
        `new CfnResource of ${type} with properties not known statically`,
      );
    }
    const id = this.commented(this.pathOf(scope, idArg, site), site);
    const written = withEnumValues(
      withoutIntrinsics(
        this.graphValue(properties ?? {}, site.file),
        'the properties of a CfnResource',
      ),
      this.enumMembersRead,
    );
    const l1 = this.add(id, type, site, isMap(written) ? written : {});
    this.l1Handles.add(l1);
    this.madeAsL1.add(l1.id);
    this.madeAsCfnResource.add(l1.id);
    return l1;
  }

  /** Whether `value` is a construct modelled that makes a resource of `type` (or of one of the types of a set). */
  handleOfType(
    value: JsValue,
    type: string | ReadonlySet<string>,
  ): value is ResourceHandle {
    if (!(value instanceof ResourceHandle)) return false;
    const made = this.byId.get(value.id)?.type;
    return typeof type === 'string' ? made === type : type.has(made ?? '');
  }

  /** `generated`: who made the resource and what the author wrote that made it (see {@link Resource}). */
  add(
    id: string,
    type: string,
    site: CallSite,
    properties: Record<string, JsValue>,
    generated: { by?: string; origin?: string } = {},
  ): ResourceHandle {
    const graphProperties: ValueMap = {};
    for (const [key, value] of Object.entries(properties)) {
      if (value !== undefined)
        graphProperties[key] = this.graphValue(value, site.file);
    }
    recordLines(graphProperties, site.line);
    const resource: Resource = {
      id,
      type,
      properties: graphProperties,
      file: site.file,
      line: site.line,
      generatedBy: generated.by,
      origin: generated.origin,
      suppressions: [],
    };
    const variantOf = this.variants.get(id);
    if (variantOf) resource.variantOf = variantOf;
    if (site.inLoopNotKnown) resource.copiesNotKnown = true;
    this.resources.push(resource);
    this.byId.set(id, resource);
    return new ResourceHandle(id, type);
  }

  ref(value: JsValue, attribute?: string): Value | undefined {
    if (value === undefined) return undefined;
    if (value instanceof ResourceHandle) return new Ref(value.id, attribute);
    return toGraphValue(value, ref);
  }

  /** `base`, or, when a resource has it (two constructs not known statically), `base2`, `base3`… */
  freeId(base: string): string {
    let id = base;
    for (let n = 2; this.byId.has(id); n++) id = `${base}${n}`;
    return id;
  }

  /** The logical id CDK gives a resource of the stack's, from its path below the stack (an L2's resource is its `Resource` child). */
  logicalIdOf(id: string): string {
    const below = id.replace(/^\uE000\d+\/?/, '').split('/');
    return uniqueId(this.madeAsL1.has(id) ? below : [...below, 'Resource']);
  }

  /** Leaves resources out of the graph as ones made with props not known statically: rules know one of their type may be there. */
  private leaveOut(ids: Set<string>): void {
    for (const id of ids)
      this.addUnknownType(stackOfPath(id), this.byId.get(id)!.type);
    const kept = this.resources.filter(resource => !ids.has(resource.id));
    this.resources.splice(0, this.resources.length, ...kept);
  }

  /**
   * Policies attached to nothing are not synthesized (see IamModel.policiesNotAttached); one code not modelled may
   * attach is kept, and what rules find on it is reported at partial confidence.
   */
  private leaveOutPoliciesNotAttached(): void {
    const notSynthesized = new Set<string>();
    for (const [id, { mayBeAttached }] of this.iamModel.policiesNotAttached) {
      if (mayBeAttached || this.iamModel.anyPolicyMayBeAttached)
        this.byId.get(id)!.changedByCodeNotModelled = true;
      else notSynthesized.add(id);
    }
    const kept = this.resources.filter(r => !notSynthesized.has(r.id));
    this.resources.splice(0, this.resources.length, ...kept);
    for (const id of notSynthesized) this.byId.delete(id);
  }

  /**
   * Lines of properties added after the fact point at the resource.
   * Overrides are merged last, as CDK merges them into what it synthesized.
   */
  finish(): CdkStack[] {
    this.ecsModel.addLogRouters();
    // A default authorizer of an API handed to code not read that the app's code never binds, that code may bind.
    for (const id of this.apisHandedOn) {
      const methodOptions =
        this.restApiModel.apiDefaults.get(id)?.methodOptions;
      const authorizer =
        this.httpApiModel.defaultAuthorizers.get(id) ??
        (isPlainObject(methodOptions) ? methodOptions.authorizer : undefined);
      if (
        isLambdaAuthorizer(authorizer) &&
        !(authorizer.data.bound instanceof Ref)
      )
        this.escape([authorizer]);
    }
    if (this.policiesNotKnown) {
      const notKnown = new Unknown(
        'a policy made with props not known statically',
      );
      for (const role of this.resources.filter(
        resource => resource.type === 'AWS::IAM::Role',
      )) {
        // Into the role's default policy where it has one; else inline: CDK makes no default policy for it.
        if (this.iamModel.defaultPolicies.has(role.id))
          this.iamModel.addStatements(new ResourceHandle(role.id, role.type), [
            notKnown,
          ]);
        else
          role.properties.Policies = [
            ...asArray(role.properties.Policies),
            {
              PolicyName: 'NotKnownStatically',
              PolicyDocument: { Statement: [notKnown] },
            },
          ];
      }
    }
    this.leaveOutPoliciesNotAttached();
    // A Table's grants are on the indexes it has at synthesis.
    for (const { table, statement } of this.dynamoDbModel
      .tableGrantStatements) {
      const indexes = this.dynamoDbModel.tableIndexes.get(table);
      if (indexes === undefined) continue;
      statement.data.resources = tableResources(
        TABLE,
        new Ref(table, 'Arn'),
        indexes,
        this.dynamoDbModel.tableRegionalArns.get(table),
      );
      this.iamModel.writeStatementAgain(statement);
    }
    // Before the overrides, which CDK writes over what TagManager renders.
    for (const id of this.madeAsL1) {
      const resource = this.byId.get(id)!;
      if (
        !this.madeAsCfnResource.has(id) &&
        !this.tagsModel.keepsOwnTags(resource)
      )
        delete resource.properties[taggableTypes()[resource.type] ?? 'Tags'];
    }
    for (const [id, overrides] of this.l1OverridesModel.overrides) {
      const properties = overrides.Properties;
      if (isMap(properties))
        mergeOverrides(this.byId.get(id)!.properties, properties);
      // All of them replaced, by a value not known statically or by none.
      else if ('Properties' in overrides)
        this.l1OverridesModel.overriddenNotKnown.add(id);
    }
    this.leaveOut(this.l1OverridesModel.overriddenNotKnown);
    // Aspects, which CDK runs after the app's code: their overrides are written over the app's.
    this.iamModel.applyPermissionsBoundaries();
    this.iamModel.assignSids();
    for (const resource of this.resources) {
      // JSON text given where CloudFormation takes JSON (`redrivePolicy: Fn.toJsonString({ deadLetterTargetArn })`,
      // an override) is read as the document it holds, as the synthesized template's is.
      eachJsonTextProperty(
        resource.type,
        resource.properties,
        (container, key, text) => {
          const document = parseJsonText(text);
          if (isMap(document)) setEntry(container, key, document);
        },
      );
      if (lineOfNode(resource.properties) === undefined)
        recordLines(resource.properties, resource.line);
      const paths = this.scopePathsOf(resource.id);
      resource.suppressions = [
        ...paths.flatMap(path => this.constructSuppressions.get(path) ?? []),
        ...(this.metadataSuppressions.get(resource.id) ?? []),
      ];
      if (this.tagsModel.isTagged(resource)) resource.defaultTags = true;
      if (
        this.tagsModel.changedByAspects.has('') ||
        paths.some(path => this.tagsModel.changedByAspects.has(path))
      )
        resource.changedByCodeNotModelled = true;
    }
    return this.stackGraphs.stacks();
  }

  /**
   * The unique id CDK gives a construct (Names.nodeUniqueId), of its path from the app: after its stack's id, a
   * nested stack's path in its parent, and the path of the stage that holds it where known. What aws-cdk-lib makes
   * for a construct elsewhere is named by it (a function's `SqsEventSource:OrdersJobs1A2B3C4D`).
   */
  nodeUniqueId(path: string): string {
    return uniqueId(this.pathFromApp(path));
  }

  /**
   * The path CDK gives the construct of a path (`App/Shared`, its string), where its stack and the ids along it are
   * known: not where a stand-in names one of them (`Layer${i}` of a loop, see basePath).
   */
  nodePath(path: string): string | undefined {
    const parts = path.split('/');
    const idNotKnown = parts.some((_part, index) =>
      this.pathsOfIdsNotKnown.has(parts.slice(0, index + 1).join('/')),
    );
    return stackOfPath(path) === undefined || idNotKnown
      ? undefined
      : this.pathFromApp(path).join('/');
  }

  private pathFromApp(path: string): string[] {
    const below = path.replace(/^\uE000\d+\/?/, '').split('/');
    const stack = stackOfPath(path);
    if (stack === undefined) return below;
    const { name, pathInParent, scopePath: stage } = this.stackList[stack - 1];
    if (pathInParent !== undefined)
      return [...this.pathFromApp(pathInParent), ...below];
    return [...(stage === undefined ? [] : stage.split('/')), name, ...below];
  }

  /** The paths of the stacks a construct is in: its own, and for a nested stack those it is nested in. */
  stacksHolding(path: string): string[] {
    const stack = stackOfPath(path);
    if (stack === undefined) return [];
    const inParent = this.stackList[stack - 1].pathInParent;
    return [
      stackPath(stack),
      ...(inParent === undefined ? [] : this.stacksHolding(inParent)),
    ];
  }

  /**
   * The construct paths of a construct and of the scopes that hold it, those
   * of its nested stack in its parent too, up to the app: what is tagged
   * there, or changed by an aspect, reaches it. Where a scope above it is not
   * known (a construct not modelled, a stage not read), {@link SCOPE_NOT_KNOWN}
   * stands for it: only what is below a scope not known may be below one
   * tagged. What is below scopes known all the way up is not below a
   * construct not modelled (a subnet of a VPC).
   */
  scopePathsOf(path: string): string[] {
    const segments = path.split('/');
    const own = segments.map((_, index) =>
      segments.slice(0, index + 1).join('/'),
    );
    const stack = stackOfPath(path);
    const entry = stack === undefined ? undefined : this.stackList[stack - 1];
    if (entry?.pathInParent !== undefined)
      return [...this.scopePathsOf(entry.pathInParent), ...own];
    return [APP_PATH, ...(entry?.inApp ? [] : [SCOPE_NOT_KNOWN]), ...own];
  }

  /**
   * `iam.Grant.addToPrincipal(options)` (see GRANT_METHODS): a statement of the actions on resourceArns into the
   * grantee's policy, as a resource's grant adds it. addToPrincipalAndResource also adds one, with the grantee as its
   * principal, to the policy of a resource of the stack's (for one imported, CDK writes none).
   * addToPrincipalOrResource does so only for a resource of another account than the grantee's, which one of the
   * stack's is not, unless the grantee is a role imported by an ARN that names an account: that is not modelled.
   */
  private grantStatically(
    method: string,
    options: JsValue,
    site: CallSite,
  ): JsValue {
    if (!isPlainObject(options)) {
      this.escape([options]);
      return new Unknown(`Grant.${method}()`);
    }
    this.iamModel.addStatements(
      options.grantee,
      [this.iamModel.grantStatement(options, 'resourceArns', site)],
      site,
    );
    if (
      method === 'addToPrincipalAndResource' &&
      options.resource instanceof ResourceHandle
    ) {
      const statement = this.iamModel.grantStatement(
        options,
        options.resourceSelfArns === undefined
          ? 'resourceArns'
          : 'resourceSelfArns',
        site,
        [
          this.iamModel.granteePrincipal(
            options.resourcePolicyPrincipal ?? options.grantee,
          ),
        ],
      );
      this.callMethod(
        options.resource,
        'addToResourcePolicy',
        [statement],
        site,
      );
    }
    return new Unknown(`Grant.${method}()`);
  }

  /** The value a `CfnParameter` reads as (`valueAsString`, `valueAsNumber`): not known statically, the same at each read. */
  private parameterValue(parameter: HostObject): Unknown {
    let value = this.parameterValues.get(parameter);
    if (!value) {
      value = Unknown.oneValue(`parameter ${String(parameter.data.path)}`);
      this.parameterValues.set(parameter, value);
      this.parameterOfValue.set(value, parameter);
    }
    return value;
  }
}

function pascalCase(name: string | undefined): string {
  return (name ?? '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}
