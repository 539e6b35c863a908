/** The model of aws-lambda's functions, versions, aliases and permissions (see LambdaModel). */
import { isImportedRole } from './iam/documents';
import { onFirstUse } from '../../../support/onFirstUse';
import { cdkLambdaRuntimes } from '../enums';
import {
  Ref,
  Unknown,
  Value,
  ValueMap,
  collectRefs,
  concat,
  containsUnknown,
} from '../../../graph/values';
import type { CdkModel } from '../constructs';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../pulumi/interpreter';
import { Props, retentionOfL2 } from './props';
import { ALIAS, INVOKABLE, LAMBDA_FUNCTION, VERSION } from './resourceTypes';
import { stackPath } from './paths';
import { ref } from './arns';
import { hash } from 'node:crypto';
import {
  copyLines,
  lineOfNode,
  lineOfPath,
  recordLines,
} from '../../../graph/locations';
import { compareText } from '../../../support/compareText';
import { Resource } from '../../../graph/ResourceGraph';

/**
 * The layers a function's props make CDK add after its `layers`, in the order it adds them, each below the function
 * by the ARN CDK knows for the stack's region (aws-lambda/lib/function.ts, configureLambdaInsights,
 * configureAdotInstrumentation, configureParamsAndSecretsExtension): the prop, and the layer's id.
 */
const LAYERS_OF_PROPS = [
  ['insightsVersion', 'LambdaInsightsLayer'],
  ['adotInstrumentation', 'AdotLayer'],
  ['paramsAndSecrets', 'ParamsAndSecretsLayer'],
] as const;

const BASIC_EXECUTION =
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** What CDK gives the role it makes for a function in a VPC besides BASIC_EXECUTION (aws-lambda/lib/function.ts). */
const VPC_ACCESS_EXECUTION =
  'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole';

export const RUNTIME_FROM_IMAGE = 'Runtime.FROM_IMAGE';
export const HANDLER_FROM_IMAGE = 'Handler.FROM_IMAGE';

export const IMAGE_CODE_METHODS = new Set([
  'fromImageAsset',
  'fromEcr',
  'fromAssetImage',
  'fromEcrImage',
]);

/** The names of aws-cdk-lib's runtimes (see {@link lambdaRuntime}). */
const lambdaRuntimeNames = onFirstUse(
  () => new Set(Object.values(cdkLambdaRuntimes())),
);

/**
 * `Runtime.PROVIDED_AL2` → `provided.al2`, as synth writes it (cdkLambdaRuntimes); a member of a later
 * aws-cdk-lib than the table's is named as the members of its kind are (`NODEJS_28_X` → `nodejs28.x`).
 */
export function lambdaRuntime(name: string): Value {
  const known = cdkLambdaRuntimes()[name];
  if (known !== undefined) return known ?? new Unknown(`runtime ${name}`);
  const match = /^([A-Z]+)_(\d+(?:_\d+)*)(_X)?$/.exec(name);
  if (!match) return new Unknown(`runtime ${name}`);
  return `${match[1].toLowerCase()}${match[2].replace(/_/g, '.')}${
    match[3] ? '.x' : ''
  }`;
}

/** Whether a text is a runtime's name as {@link lambdaRuntime} writes it. */
export function isRuntimeName(text: string): boolean {
  return (
    lambdaRuntimeNames().has(text) || /^[a-z]+\d+(?:\.\d+)*(?:\.x)?$/.test(text)
  );
}

/** The part of CdkModel the Lambda model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'appendToList'
  | 'byId'
  | 'callMethod'
  | 'commented'
  | 'eventSourcesModel'
  | 'handleOfType'
  | 'iamModel'
  | 'importsModel'
  | 'kmsModel'
  | 'linesOfFile'
  | 'nodePath'
  | 'pathOf'
  | 'ref'
  | 'stackOf'
  | 'synthesisSettings'
  | 'uniquePath'
  | 'vpcModel'
>;

/**
 * What aws-lambda's functions synthesize: the function with its service role and that role's default policy, X-Ray,
 * dead-letter and destination permissions; singleton and trigger functions; versions and aliases; and the
 * permissions that let others invoke them.
 */
export class LambdaModel {
  /** The function each version and alias (by id) is of, and the qualifier that names it: the version's number, the alias's name. */
  readonly qualifiers = new Map<
    string,
    { fn: ResourceHandle; qualifier: JsValue }
  >();

  /** The path of each SingletonFunction, by the handle of its function it is (see functionScope). */
  private readonly singletonPaths = new WeakMap<ResourceHandle, string>();

  /** The construct path of each layer in a function's Layers, in their order (undefined: not known), by its id. */
  private readonly layerPaths = new Map<string, (string | undefined)[]>();

  constructor(private readonly model: Model) {}

  function(id: string, p: Props, site: CallSite): ResourceHandle {
    let roleId: string | undefined;
    if (p.role instanceof ResourceHandle) roleId = p.role.id;
    else if (p.role === undefined) {
      roleId = `${id}/ServiceRole`;
      const managedPolicies =
        p.vpc === undefined
          ? [BASIC_EXECUTION]
          : [BASIC_EXECUTION, VPC_ACCESS_EXECUTION];
      this.model.iamModel.role(roleId, { managedPolicies }, site);
    }
    let dlq = p.deadLetterQueue;
    if (dlq === undefined && p.deadLetterQueueEnabled === true) {
      dlq = this.model.add(`${id}/DeadLetterQueue`, 'AWS::SQS::Queue', site, {
        MessageRetentionPeriod: 1209600,
      });
    }
    // A topic's ARN is its Ref.
    let deadLetterTarget =
      p.deadLetterTopic !== undefined
        ? this.model.ref(p.deadLetterTopic)
        : this.model.ref(dlq, 'Arn');
    // deadLetterQueueEnabled not known statically: the queue CDK would make may be there.
    if (
      deadLetterTarget === undefined &&
      p.deadLetterQueueEnabled !== undefined &&
      typeof p.deadLetterQueueEnabled !== 'boolean'
    ) {
      deadLetterTarget = new Unknown(
        'deadLetterQueueEnabled not known statically',
      );
    }
    // A container image's URI is an asset's or a repository's: not known statically.
    const image = p.code instanceof HostObject && p.code.kind === 'imageCode';
    const fn = this.model.add(id, LAMBDA_FUNCTION, site, {
      FunctionName: p.functionName,
      PackageType: image ? 'Image' : undefined,
      Code: image
        ? { ImageUri: new Unknown('URI of a container image') }
        : undefined,
      Layers: this.layerArns(p.layers, site),
      Runtime: p.runtime === RUNTIME_FROM_IMAGE ? undefined : p.runtime,
      Handler: p.handler === HANDLER_FROM_IMAGE ? undefined : p.handler,
      Timeout: p.timeout,
      MemorySize: p.memorySize,
      Role:
        p.role === undefined && roleId
          ? new Ref(roleId, 'Arn')
          : this.model.iamModel.roleArnOf(p.role),
      Environment: isPlainObject(p.environment)
        ? { Variables: p.environment }
        : p.environment,
      // Tracing.DISABLED writes no tracing configuration at all.
      TracingConfig:
        p.tracing === undefined ||
        p.tracing === null ||
        p.tracing === 'Disabled'
          ? undefined
          : { Mode: p.tracing },
      DeadLetterConfig:
        deadLetterTarget === undefined
          ? undefined
          : { TargetArn: deadLetterTarget },
      KmsKeyArn:
        p.environmentEncryption === undefined
          ? undefined
          : this.model.kmsModel.keyArnOf(p.environmentEncryption),
      LoggingConfig:
        p.logGroup === undefined
          ? undefined
          : { LogGroup: this.model.ref(p.logGroup) },
      VpcConfig:
        p.vpc === undefined
          ? undefined
          : this.model.vpcModel.functionVpcConfig(id, p, site),
    });
    this.propsLayers(this.model.byId.get(fn.id)!, p, site);
    this.model.iamModel.principalRoles.set(id, roleId);
    if (isImportedRole(p.role))
      this.model.iamModel.importedRoles.set(id, p.role);
    if (p.tracing === 'Active') {
      this.model.iamModel.addStatements(fn, [
        {
          Effect: 'Allow',
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          Resource: '*',
        },
      ]);
    }
    if (dlq instanceof ResourceHandle)
      this.model.iamModel.addStatements(fn, [
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: new Ref(dlq.id, 'Arn'),
        },
      ]);
    if (p.deadLetterTopic instanceof ResourceHandle)
      this.model.iamModel.addStatements(fn, [
        {
          Effect: 'Allow',
          Action: 'sns:Publish',
          Resource: new Ref(p.deadLetterTopic.id),
        },
      ]);
    if (p.logRetention !== undefined) {
      // CDK's LogRetention custom resource sets the retention of the function's log group
      // (RetentionDays.INFINITE: none). The group itself is Lambda's: the stack only sets its retention.
      this.model.add(
        `${id}/LogRetention`,
        'AWS::Logs::LogGroup',
        site,
        {
          LogGroupName: concat(['/aws/lambda/', new Ref(id)]),
          RetentionInDays: retentionOfL2(p.logRetention),
        },
        { by: id, origin: 'logRetention' },
      );
    } else if (
      this.model.synthesisSettings.cdkManagedLogGroups &&
      p.logGroup === undefined
    ) {
      // The log group Lambda would create, made by CDK with a LogGroup's defaults.
      this.model.add(
        `${id}/LogGroup`,
        'AWS::Logs::LogGroup',
        site,
        {
          LogGroupName: concat(['/aws/lambda/', new Ref(id)]),
          RetentionInDays: 731,
        },
        { by: id },
      );
    }
    if (Array.isArray(p.initialPolicy)) {
      for (const statement of p.initialPolicy) {
        this.model.iamModel.addStatements(
          fn,
          [statement],
          statement instanceof HostObject
            ? this.model.iamModel.statementSites.get(statement)
            : undefined,
        );
      }
    }
    this.destinations(fn, p, site);
    // CDK adds each of `events` as `addEventSource` does.
    if (Array.isArray(p.events))
      for (const source of p.events)
        this.model.eventSourcesModel.eventSource(fn, source, site);
    return fn;
  }

  /**
   * The ARNs a function's `layers`, or those `addLayers` adds, write (aws-lambda/lib/function.ts, renderLayers): a
   * layer imported by its ARN (`LayerVersion.fromLayerVersionArn`) is named by it, as synth writes it; another is not
   * known statically. Each with its line where written. None (an empty list) writes no Layers.
   */
  private layerArns(layers: JsValue, site: CallSite): Value | undefined {
    if (!Array.isArray(layers))
      return layers === undefined
        ? undefined
        : new Unknown('layers not known statically');
    if (layers.length === 0) return undefined;
    const arns = layers.map(layer =>
      this.model.importsModel.arnOf(
        layer,
        'ARN of a layer not known statically',
      ),
    );
    if (this.model.linesOfFile(site.file).written(layers))
      copyLines(layers, arns);
    return arns;
  }

  /** `fn.addLayers(...layers)`, of a Function: they follow those it has (see orderLayers). */
  addLayers(fn: Resource, layers: JsValue[], site: CallSite): void {
    const arns = this.layerArns(layers, site);
    if (!Array.isArray(arns)) return;
    this.model.appendToList(fn, 'Layers', arns, site);
    this.orderLayers(
      fn,
      layers.map(layer => this.layerPath(layer)),
    );
  }

  /**
   * Orders the Layers of a function's props (see layerArns), and adds after them those its props make CDK add (see
   * LAYERS_OF_PROPS), of ARNs not known statically.
   */
  private propsLayers(fn: Resource, p: Props, site: CallSite): void {
    let paths: (string | undefined)[] = [];
    if (Array.isArray(p.layers))
      paths = p.layers.map(layer => this.layerPath(layer));
    else if (p.layers !== undefined) paths = [undefined];
    this.orderLayers(fn, paths);
    // A function of a container image gets no Insights layer.
    const made = LAYERS_OF_PROPS.filter(
      ([prop, layer]) =>
        p[prop] !== undefined &&
        !(p.runtime === RUNTIME_FROM_IMAGE && layer === 'LambdaInsightsLayer'),
    );
    if (made.length === 0) return;
    this.model.appendToList(
      fn,
      'Layers',
      made.map(([prop]) => new Unknown(`ARN of the layer of ${prop}`)),
      site,
    );
    this.orderLayers(
      fn,
      made.map(([, layer]) => this.model.nodePath(`${fn.id}/${layer}`)),
    );
  }

  /** The construct path of a layer imported or made by a construct not modelled, where known (see orderLayers). */
  private layerPath(layer: JsValue): string | undefined {
    const path =
      layer instanceof Unknown
        ? this.model.importsModel.outsideConstructs.get(layer)?.path
        : undefined;
    return path === undefined ? undefined : this.model.nodePath(path);
  }

  /**
   * Orders a function's Layers, to which layers of the construct paths `added` were just added, as synth writes
   * them: under `@aws-cdk/aws-lambda:recognizeLayerVersion` (cdk init sets it) renderLayers sorts its layers, whose
   * strings are their paths; without it, or with a layer of a path not known statically, in the order added. Each
   * keeps its line.
   */
  private orderLayers(fn: Resource, added: (string | undefined)[]): void {
    const paths = [...(this.layerPaths.get(fn.id) ?? []), ...added];
    this.layerPaths.set(fn.id, paths);
    const layers = fn.properties.Layers;
    if (
      !this.model.synthesisSettings.recognizeLayerVersion ||
      !Array.isArray(layers) ||
      paths.some(path => path === undefined)
    )
      return;
    const order = paths
      .map((_path, index) => index)
      .sort((a, b) => compareText(paths[a]!, paths[b]!));
    const sorted = order.map(index => layers[index]);
    recordLines(sorted, lineOfNode(layers) ?? fn.line, {
      items: order.map(index => lineOfPath(layers, [index], fn.line)),
    });
    fn.properties.Layers = sorted;
    this.layerPaths.set(
      fn.id,
      order.map(index => paths[index]),
    );
  }

  /**
   * `new SingletonFunction(scope, id, props)` (aws-lambda/lib/singleton-lambda.ts): the Function CDK makes once
   * at its stack's scope, named by `lambdaPurpose` (`SingletonLambda` by default) and the uuid without what is
   * not a letter or digit; another of that uuid is that function, its props unused. What is called on it acts on
   * that function, except that what FunctionBase makes in it is below its own path (see functionScope). A uuid
   * or purpose not known statically names the function by the path of the SingletonFunction (`ownPath`).
   */
  singletonFunction(
    ownPath: string,
    scope: JsValue,
    p: Props,
    site: CallSite,
  ): ResourceHandle {
    // An empty purpose is the default one (`props.lambdaPurpose || 'SingletonLambda'`).
    const purpose = p.lambdaPurpose || 'SingletonLambda';
    const stack = this.model.stackOf(scope);
    let id =
      typeof p.uuid === 'string' && typeof purpose === 'string'
        ? `${purpose}${p.uuid.replace(/[^a-zA-Z0-9]/g, '')}`
        : undefined;
    if (id !== undefined && stack !== undefined)
      id = `${stackPath(stack)}/${id}`;
    const existing = id === undefined ? undefined : this.model.byId.get(id);
    const fn = existing
      ? new ResourceHandle(existing.id, existing.type)
      : this.function(
          id === undefined ? ownPath : this.model.commented(id, site),
          p,
          site,
        );
    this.singletonPaths.set(fn, ownPath);
    return fn;
  }

  /**
   * The function an EvaluateExpression task (`taskPath`) invokes (aws-stepfunctions-tasks/lib/evaluate-expression.ts,
   * since aws-cdk-lib 2.275.0): its own `EvalFunction`, running as the role CDK makes once in its stack. Its runtime
   * is the task's or the latest Node.js one of the CDK version (nodejs24.x in 2.278.0). Undefined where the tasks of
   * a stack share one singleton function (the flag off, or an older CDK), which is not modelled.
   */
  evaluatorFunction(
    taskPath: string,
    scope: JsValue,
    p: Props,
    site: CallSite,
  ): ResourceHandle | undefined {
    const settings = this.model.synthesisSettings;
    const version = settings.cdkVersion;
    const before = (minor: number) =>
      version === 'v1' ||
      (version !== undefined &&
        (version[0] < 2 || (version[0] === 2 && version[1] < minor)));
    const stack = this.model.stackOf(scope);
    if (
      before(275) ||
      settings.evaluateExpressionDedicatedFunction === false ||
      stack === undefined
    )
      return undefined;
    const roleId = `${stackPath(
      stack,
    )}/EvalServiceRolef4f556a4ef7a49cd8036c5b0567376fd`;
    if (!this.model.byId.has(roleId))
      this.model.iamModel.role(
        roleId,
        { managedPolicies: [BASIC_EXECUTION] },
        site,
      );
    return this.function(
      `${taskPath}/EvalFunction`,
      {
        handler: 'index.handler',
        runtime:
          p.runtime ??
          (before(278)
            ? new Unknown('latest Node.js runtime of the CDK version')
            : 'nodejs24.x'),
        role: new ResourceHandle(roleId, 'AWS::IAM::Role'),
      },
      site,
    );
  }

  /**
   * The path below which FunctionBase makes what a method of a function adds in it (`new EventSourceMapping(this, …)`,
   * EventInvokeConfig, FunctionUrl, a subscription): a SingletonFunction's own path, not its function's, whose
   * permissions it adds through the function (singleton-lambda.ts addPermission).
   */
  functionScope(fn: ResourceHandle): string {
    return this.singletonPaths.get(fn) ?? fn.id;
  }

  /**
   * `onSuccess` / `onFailure` of a function, or of a version or an alias of one (their props, `configureAsyncInvoke`):
   * CDK's event invoke configuration, of the function with the version's or alias's qualifier
   * (aws-lambda/lib/function-base.ts, QualifiedFunctionBase), and what each destination grants the function.
   */
  destinations(invoked: ResourceHandle, p: Props, site: CallSite) {
    const qualified = this.qualifiers.get(invoked.id);
    const fn = qualified?.fn ?? invoked;
    const config: ValueMap = {};
    for (const [prop, outcome] of [
      ['onSuccess', 'OnSuccess'],
      ['onFailure', 'OnFailure'],
    ] as const) {
      const destination = p[prop];
      if (destination === undefined) continue;
      const known =
        destination instanceof HostObject && destination.kind === 'destination'
          ? destination.data
          : {};
      config[outcome] = {
        Destination:
          this.model.ref(known.target, 'Arn') ??
          new Unknown('destination not known statically'),
      };
      if (
        known.target instanceof ResourceHandle &&
        typeof known.grant === 'string'
      )
        this.model.callMethod(known.target, known.grant, [fn], site);
    }
    // CDK refuses a second configuration.
    const configId = `${this.functionScope(invoked)}/EventInvokeConfig`;
    if (Object.keys(config).length === 0 || this.model.byId.has(configId))
      return;
    this.model.add(configId, 'AWS::Lambda::EventInvokeConfig', site, {
      FunctionName: new Ref(fn.id),
      Qualifier: qualified ? qualified.qualifier : '$LATEST',
      DestinationConfig: config,
    });
  }

  /** `fn.currentVersion`: the version CDK publishes of the function (Lambda@Edge names one). */
  currentVersion(fn: ResourceHandle): ResourceHandle {
    const id = `${fn.id}/CurrentVersion`;
    const existing = this.model.byId.get(id);
    if (existing) return new ResourceHandle(id, existing.type);
    const owner = this.model.byId.get(fn.id);
    return this.version(
      id,
      fn,
      {},
      { file: owner?.file ?? '', line: owner?.line ?? 1 },
      true,
    );
  }

  /**
   * `new Trigger(scope, id, { handler, invocationType })` (triggers/lib/trigger.ts): the custom resource, at
   * `<id>/Default`, that has CDK's trigger provider invoke the current version of `handler` as the stack
   * deploys, waiting for it (`RequestResponse`) unless `invocationType` says otherwise. The provider, a function
   * CDK makes once per stack, is not modelled, as CDK's other providers are not.
   */
  trigger(id: string, handler: ResourceHandle, p: Props, site: CallSite): void {
    this.model.add(`${id}/Default`, 'Custom::Trigger', site, {
      ServiceToken: new Unknown(
        'the function of the trigger provider CDK makes',
      ),
      HandlerArn: new Ref(this.currentVersion(handler).id),
      InvocationType: p.invocationType ?? 'RequestResponse',
    });
  }

  /**
   * `new lambda.Version(scope, id, { lambda, ...options })` (aws-lambda/lib/lambda-version.ts), or the one
   * `fn.currentVersion` publishes (`generated`): a version of a function, named by its number, with the invoke
   * configuration its options ask for.
   */
  version(
    id: string,
    fn: ResourceHandle,
    options: Props,
    site: CallSite,
    generated: boolean,
  ): ResourceHandle {
    const version = this.model.add(
      id,
      VERSION,
      site,
      { FunctionName: new Ref(fn.id) },
      generated ? { by: fn.id } : {},
    );
    this.qualify(version, fn, new Ref(id, 'Version'));
    this.destinations(version, options, site);
    return version;
  }

  /**
   * `new lambda.Alias(scope, id, { aliasName, version, ...options })` (aws-lambda/lib/alias.ts), or one `addAlias`
   * makes (`generated`): the alias of a version of a function, with the invoke configuration its options ask for.
   */
  alias(
    id: string,
    name: JsValue,
    version: ResourceHandle,
    options: Props,
    site: CallSite,
    generated: boolean,
  ): ResourceHandle {
    const { fn } = this.qualifiers.get(version.id)!;
    const alias = this.model.add(
      id,
      ALIAS,
      site,
      {
        Name: name,
        FunctionName: new Ref(fn.id),
        FunctionVersion: new Ref(version.id, 'Version'),
      },
      generated ? { by: fn.id } : {},
    );
    this.qualify(alias, fn, name);
    this.destinations(alias, options, site);
    return alias;
  }

  /**
   * A version or an alias of `fn`, named by `qualifier`. What is granted to it is granted to the role of its
   * function, its grantPrincipal (aws-lambda/lib/lambda-version.ts, alias.ts): `queue.grantConsumeMessages(alias)`,
   * the event sources and destinations added to it.
   */
  private qualify(
    qualified: ResourceHandle,
    fn: ResourceHandle,
    qualifier: JsValue,
  ): void {
    this.qualifiers.set(qualified.id, { fn, qualifier });
    if (this.model.iamModel.principalRoles.has(fn.id))
      this.model.iamModel.principalRoles.set(
        qualified.id,
        this.model.iamModel.principalRoles.get(fn.id),
      );
    const imported = this.model.iamModel.importedRoles.get(fn.id);
    if (imported) this.model.iamModel.importedRoles.set(qualified.id, imported);
  }

  /**
   * The runtime of a NodejsFunction without one (aws-lambda-nodejs/lib/function-helpers.ts, getRuntime):
   * since aws-cdk-lib 2.93.0, NODEJS_16_X unless the useLatestRuntimeVersion flag is on (CDK reads
   * the flag as `Boolean(value)`), when it is NODEJS_LATEST, which names a different runtime in each
   * CDK version. Before 2.93.0 the default was another one in each range of versions (Node.js 14,
   * the latest runtime of the stack's region, then Node.js 18), and in CDK v1 another again.
   */
  nodejsDefaultRuntime(): Value {
    const version = this.model.synthesisSettings.cdkVersion;
    if (
      version === 'v1' ||
      (version && (version[0] < 2 || (version[0] === 2 && version[1] < 93)))
    ) {
      return new Unknown('default runtime of the CDK version the app declares');
    }
    return this.model.synthesisSettings.nodejsLatestRuntime
      ? new Unknown('Runtime.NODEJS_LATEST')
      : 'nodejs16.x';
  }

  /**
   * `fn.addPermission(id, permission)` (aws-lambda/lib/function-base.ts): the AWS::Lambda::Permission that lets the
   * principal `permission` names invoke the function (or version, or alias), below it or the scope the permission names.
   */
  functionPermission(
    fn: ResourceHandle,
    id: JsValue,
    permission: Props,
    site: CallSite,
  ): void {
    const path =
      permission.scope === undefined
        ? this.model.uniquePath(
            `${fn.id}/${
              typeof id === 'string' ? id : `construct@${site.line}`
            }`,
            site,
          )
        : this.model.pathOf(permission.scope, id, site);
    const principal = this.permissionPrincipal(permission.principal);
    this.model.add(path, 'AWS::Lambda::Permission', site, {
      Action: permission.action ?? 'lambda:InvokeFunction',
      Principal: principal.Principal,
      FunctionName: new Ref(fn.id, 'Arn'),
      EventSourceToken: permission.eventSourceToken,
      SourceAccount: permission.sourceAccount ?? principal.SourceAccount,
      SourceArn: permission.sourceArn ?? principal.SourceArn,
      PrincipalOrgID: permission.organizationId ?? principal.PrincipalOrgID,
      FunctionUrlAuthType:
        typeof permission.functionUrlAuthType === 'string'
          ? permission.functionUrlAuthType.replace(/^FunctionUrlAuthType\./, '')
          : permission.functionUrlAuthType,
      InvokedViaFunctionUrl: permission.invokedViaFunctionUrl,
    });
  }

  /**
   * What a function's permission writes of its principal (function-base.ts, parsePermissionPrincipal and
   * validateConditionCombinations): an account, a service or an ARN (a role's), and what its conditions
   * name (the caller's ARN or account, the organization).
   */
  private permissionPrincipal(principal: JsValue): {
    Principal: JsValue;
    SourceArn?: JsValue;
    SourceAccount?: JsValue;
    PrincipalOrgID?: JsValue;
  } {
    if (
      principal instanceof HostObject &&
      principal.kind === 'conditionedPrincipal'
    ) {
      const { conditions } = principal.data;
      const condition = (operator: string, key: string): JsValue => {
        const keys = isPlainObject(conditions)
          ? conditions[operator]
          : new Unknown('conditions of a principal');
        return isPlainObject(keys) || keys === undefined
          ? keys?.[key]
          : new Unknown('conditions of a principal');
      };
      return {
        Principal: this.permissionPrincipal(principal.data.principal).Principal,
        SourceArn: condition('ArnLike', 'aws:SourceArn'),
        SourceAccount: condition('StringEquals', 'aws:SourceAccount'),
        PrincipalOrgID: condition('StringEquals', 'aws:PrincipalOrgID'),
      };
    }
    if (this.model.handleOfType(principal, 'AWS::IAM::Role'))
      return { Principal: new Ref(principal.id, 'Arn') };
    if (!(principal instanceof HostObject && principal.kind === 'principal'))
      return { Principal: new Unknown('principal of a permission') };
    return {
      Principal:
        this.model.iamModel.principalAccounts.get(principal) ??
        principal.data.Service ??
        principal.data.AWS,
    };
  }

  /** The permission CDK adds for a service that calls a function. */
  invokePermission(
    fn: JsValue,
    principal: string,
    caller: string,
    site: CallSite,
  ): JsValue {
    if (!(fn instanceof ResourceHandle)) return new Unknown('function');
    this.model.add(
      `${fn.id}/Invoke:${caller}`,
      'AWS::Lambda::Permission',
      site,
      {
        FunctionName: new Ref(fn.id, 'Arn'),
        Action: 'lambda:InvokeFunction',
        Principal: principal,
      },
    );
    return new Unknown(`${caller} of ${fn.id}`);
  }

  /**
   * The id of the permission `grantInvoke` adds for `principal`, where what it writes and its conditions are known:
   * `Invoke` and their hash (function-base.ts, grantInvoke), whose `/` a construct's id holds as `--`.
   */
  invokeGrantId(principal: HostObject): string | undefined {
    const text = this.model.iamModel.principalText(principal);
    const conditions = toGraphValue(
      principal.kind === 'principal' ? {} : principal.data.conditions,
      ref,
    );
    if (
      text === undefined ||
      containsUnknown(conditions) ||
      collectRefs(conditions).length > 0
    )
      return undefined;
    return `Invoke${hash(
      'sha256',
      JSON.stringify({ principal: text, conditions }),
      'base64',
    ).replace(/\//g, '--')}`;
  }

  /** A function of the stack, or a version or alias of one, that a construct is handed (a handler); undefined for another. */
  invokableOf(handler: JsValue): ResourceHandle | undefined {
    return this.model.handleOfType(handler, INVOKABLE) ? handler : undefined;
  }

  /** The function of the stack's a value is, or is a version or alias of, which invoking it invokes. */
  functionBehind(value: JsValue): Resource | undefined {
    if (!(value instanceof ResourceHandle)) return undefined;
    const resource = this.model.byId.get(
      this.qualifiers.get(value.id)?.fn.id ?? value.id,
    );
    return resource?.type === LAMBDA_FUNCTION ? resource : undefined;
  }

  /**
   * What `fn.grantInvoke(role)` grants on a function of this ARN (function-base.ts, resourceArnsForGrantInvoke): it,
   * and its versions and aliases; a version's or alias's own ARN only.
   */
  invokeStatement(fn: JsValue, functionArn: Value): JsValue {
    const qualified =
      fn instanceof ResourceHandle && this.qualifiers.has(fn.id);
    return {
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: qualified
        ? functionArn
        : [functionArn, concat([functionArn, ':*'])],
    };
  }
}
