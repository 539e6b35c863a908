/** The model of aws-apigateway's REST APIs (see RestApiModel), and what API Gateway's HTTP and WebSocket APIs share with them. */
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../pulumi/interpreter';
import { Ref, Unknown, Value, concat } from '../../../graph/values';
import { Props, defaultsKnown, enumValue } from './props';
import { isImportedRole, serviceTrust } from './iam/documents';
import { apiArn, ref } from './arns';
import type { CdkModel } from '../constructs';
import { apiConstructPath, stackOfPath } from './paths';
import {
  API_KEY,
  IMPORTED_REST_API,
  LAMBDA_FUNCTION,
  REST_API,
  REST_DEPLOYMENT,
  REST_STAGE,
  USAGE_PLAN,
} from './resourceTypes';
import { REST_API_STAGE_OPTIONS } from '../propertyNames';

/** AccessLogFormat.clf() (aws-apigateway/lib/access-log.ts): the format of a stage's access logs given none. */
export const CLF_ACCESS_LOG_FORMAT =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] ' +
  '"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId';

/** The stage-wide method options of a REST API stage's props (aws-apigateway/lib/stage.ts, MethodDeploymentOptions). */
const COMMON_METHOD_OPTIONS = [
  'metricsEnabled',
  'loggingLevel',
  'dataTraceEnabled',
  'throttlingBurstLimit',
  'throttlingRateLimit',
  'cachingEnabled',
  'cacheTtl',
  'cacheDataEncrypted',
];

/** A Lambda authorizer of a REST API or of routes (see {@link routeAuthorizer}). */
export function isLambdaAuthorizer(value: JsValue): value is HostObject {
  return value instanceof HostObject && value.kind === 'lambdaAuthorizer';
}

/** The URI API Gateway invokes a function by, of its ARN (`arn:<partition>:apigateway:<region>:lambda:path/…`). */
export function functionInvocations(functionArn: Value): Value {
  return concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    ':apigateway:',
    Unknown.oneValue('AWS::Region'),
    ':lambda:path/2015-03-31/functions/',
    functionArn,
    '/invocations',
  ]);
}

export function isImportedRestApi(value: JsValue): value is HostObject {
  return value instanceof HostObject && value.kind === 'importedRestApi';
}

/** What a REST API resource's methods have unless given otherwise, which the resources below it inherit (aws-apigateway/lib/resource.ts). */
interface ApiDefaults {
  integration: JsValue;
  methodOptions: JsValue;
}

/** A resource's default method options: its parent's, with those of its own options over them (resource.ts). */
function mergedMethodOptions(inherited: JsValue, own: JsValue): JsValue {
  if (own === undefined) return inherited;
  if (!defaultsKnown(inherited) || !isPlainObject(own))
    return new Unknown('default method options not known statically');
  return { ...(inherited as Props | undefined), ...own };
}

/**
 * A method's authorizer (method.ts): that of its options, else that of its resource's default method options, unless
 * its options say NONE and name none. Options not known statically may name any.
 */
function methodAuthorizer(options: JsValue, defaults: JsValue): JsValue {
  if (!defaultsKnown(options) || !defaultsKnown(defaults))
    return new Unknown('method options not known statically');
  const own: Props = isPlainObject(options) ? options : {};
  if (
    enumValue(own.authorizationType, 'AuthorizationType') === 'NONE' &&
    (own.authorizer === undefined || own.authorizer === null)
  )
    return undefined;
  return (
    own.authorizer ??
    (isPlainObject(defaults) ? defaults.authorizer : undefined)
  );
}

/**
 * A method's authorization type (method.ts): its authorizer's (see {@link methodAuthorizer}; a Lambda authorizer's
 * CUSTOM, another's not known), else the `authorizationType` of its options, or of its resource's default method
 * options; NONE without any.
 */
function methodAuthorizationType(
  options: JsValue,
  defaults: JsValue,
  authorizer: JsValue,
): JsValue {
  if (!defaultsKnown(options) || !defaultsKnown(defaults))
    return new Unknown('method options not known statically');
  const own: Props = isPlainObject(options) ? options : {};
  const inherited: Props = isPlainObject(defaults) ? defaults : {};
  if (isLambdaAuthorizer(authorizer)) return 'CUSTOM';
  if (authorizer !== undefined)
    return new Unknown('authorization type of an authorizer');
  const type = own.authorizationType ?? inherited.authorizationType;
  if (type === undefined) return 'NONE';
  return enumValue(type, 'AuthorizationType');
}

/**
 * The credentials API Gateway calls an integration's backend with (integration.ts): the ARN of the role of its
 * options' `credentialsRole`, or, with `credentialsPassthrough`, the caller's (`arn:<partition>:iam::*:user/*`).
 */
function integrationCredentials(options: JsValue): JsValue {
  if (options === undefined) return undefined;
  if (!isPlainObject(options)) return new Unknown('integration options');
  const { credentialsRole: role, credentialsPassthrough: passthrough } =
    options;
  if (role instanceof ResourceHandle) return new Ref(role.id, 'Arn');
  if (isImportedRole(role)) return role.data.roleArn;
  if (role !== undefined)
    return new Unknown('credentials role of an integration');
  if (passthrough === true)
    return concat([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':iam::*:user/*',
    ]);
  return passthrough === undefined || passthrough === false
    ? undefined
    : new Unknown('credentialsPassthrough of an integration');
}

/**
 * A stage's access log settings (aws-apigateway/lib/stage.ts; aws-apigatewayv2/lib/common/base.ts,
 * _validateAccessLogSettings): to the ARN its destination binds to (a `LogGroupLogDestination`'s log group's), in
 * the format given, or the stage's default, CLF but for a WebSocket stage. None without a destination (with a format
 * alone, CDK throws).
 */
export function accessLogSettings(
  destination: JsValue,
  format: JsValue,
  defaultFormat = CLF_ACCESS_LOG_FORMAT,
): JsValue {
  if (destination === undefined) return undefined;
  const arn =
    destination instanceof HostObject &&
    destination.kind === 'accessLogDestination'
      ? destination.data.arn
      : new Unknown('access log destination');
  return {
    DestinationArn: arn,
    Format:
      format === undefined ? defaultFormat : new Unknown('access log format'),
  };
}

/**
 * The MethodSettings of a REST API stage's options (aws-apigateway/lib/stage.ts, renderMethodSettings): an entry for
 * every method (resource path `/*`, method `*`) when a stage-wide method option is set, one for each of `methodOptions`; none without either.
 */
function restMethodSettings(options: Props): JsValue {
  const settings: JsValue[] = [];
  if (COMMON_METHOD_OPTIONS.some(option => options[option] !== undefined))
    settings.push(methodSetting('/*/*', options));
  const { methodOptions } = options;
  if (methodOptions !== undefined && !isPlainObject(methodOptions))
    return new Unknown('method options not known statically');
  for (const [path, method] of Object.entries(methodOptions ?? {}))
    settings.push(methodSetting(path, method));
  return settings.length > 0 ? settings : undefined;
}

/**
 * The MethodSettings entry of the method options of a path (`/orders/GET`): its resource path with each slash after
 * the first as `~1`, `/*` for all of them (util.ts, parseMethodOptionsPath), and its method upper-cased.
 */
function methodSetting(path: string, options: JsValue): JsValue {
  if (!isPlainObject(options))
    return new Unknown('method options not known statically');
  const components = path.slice(1).split('/');
  const httpMethod = components.pop()!.toUpperCase();
  let resourcePath = `/~1${components.join('~1')}`;
  if (components.length === 1 && components[0] === '*') resourcePath = '/*';
  else if (components.length === 1 && components[0] === '') resourcePath = '/';
  return {
    HttpMethod: httpMethod,
    ResourcePath: resourcePath,
    CacheDataEncrypted: options.cacheDataEncrypted,
    CacheTtlInSeconds: options.cacheTtl,
    CachingEnabled: options.cachingEnabled,
    DataTraceEnabled: options.dataTraceEnabled,
    LoggingLevel: enumValue(options.loggingLevel, 'MethodLoggingLevel'),
    MetricsEnabled: options.metricsEnabled,
    ThrottlingBurstLimit: options.throttlingBurstLimit,
    ThrottlingRateLimit: options.throttlingRateLimit,
  };
}

/**
 * A REST API method's integration as CloudFormation writes it: of `type`, calling `uri` with `httpMethod`, with the
 * request parameters of its options (aws-apigateway/lib/method.ts takes them as given) and its credentials.
 */
function methodIntegration(
  type: JsValue,
  httpMethod: JsValue,
  uri: JsValue,
  options: JsValue,
): JsValue {
  const requestParameters =
    options === undefined || isPlainObject(options)
      ? options?.requestParameters
      : new Unknown('integration options');
  return {
    Type: type,
    IntegrationHttpMethod: httpMethod,
    Uri: uri,
    RequestParameters: requestParameters,
    Credentials: integrationCredentials(options),
  };
}

/** The type of an AWS service's integration: a proxy or not (`proxy`; another value: not known statically). */
function awsIntegrationType(proxy: JsValue): JsValue {
  if (typeof proxy !== 'boolean')
    return new Unknown('whether an integration is a proxy');
  return proxy ? 'AWS_PROXY' : 'AWS';
}

/**
 * `ApiDefinition.fromInline(definition)`, `fromAsset(file)` and `fromBucket(bucket, key, version)`
 * (aws-apigateway/lib/api-definition.ts): the properties of the REST API they make, its OpenAPI `Body` when inline,
 * else the S3 object that holds it (`BodyS3Location`; an asset's bucket and key are CDK's), whose text is not read.
 */
export function apiDefinition(
  method: string,
  [first, second, third]: JsValue[],
): HostObject {
  if (method === 'fromInline')
    return new HostObject('apiDefinition', { Body: first });
  const bodyS3Location =
    method === 'fromBucket'
      ? {
          Bucket:
            first instanceof ResourceHandle
              ? new Ref(first.id)
              : new Unknown('bucket of an API definition'),
          Key: second,
          Version: third,
        }
      : {
          Bucket: new Unknown("bucket of the app's assets"),
          Key: new Unknown('key of an asset'),
        };
  return new HostObject('apiDefinition', { BodyS3Location: bodyS3Location });
}

/**
 * `new LambdaIntegration(handler, options)` (aws-apigateway/lib/integrations/lambda.ts): an AwsIntegration of the
 * Lambda service's path of the function's invocations, a proxy unless `proxy` is false; `allowTestInvoke` (default
 * true) adds a permission for the console's test-invoke stage.
 */
export function lambdaIntegration(fn: JsValue, options: JsValue): HostObject {
  const known = options === undefined || isPlainObject(options);
  const { allowTestInvoke = true, proxy = true } = isPlainObject(options)
    ? options
    : {};
  const path =
    fn instanceof ResourceHandle
      ? concat(['2015-03-31/functions/', new Ref(fn.id, 'Arn'), '/invocations'])
      : new Unknown('function of a Lambda integration');
  return new HostObject('lambdaIntegration', {
    fn,
    allowTestInvoke: known
      ? allowTestInvoke
      : new Unknown('integration options'),
    integration: awsServiceIntegration({
      proxy: known ? proxy : new Unknown('integration options'),
      service: 'lambda',
      path,
      options,
    }),
  });
}

/** `new AwsIntegration(props)` (aws-apigateway/lib/integrations/aws.ts). */
export function awsIntegration(props: JsValue): HostObject {
  return new HostObject('restIntegration', {
    integration: isPlainObject(props)
      ? awsServiceIntegration(props)
      : new Unknown('integration props'),
  });
}

/**
 * The integration of an AwsIntegration of `props`: an AWS service's API by path (a function's invocations: `lambda`
 * and `2015-03-31/functions/<arn>/invocations`) or action, in the stack's region unless `region` says another, a
 * proxy when `proxy` is true.
 */
function awsServiceIntegration(props: Props): JsValue {
  const value = (part: JsValue) =>
    toGraphValue(part, ref) ?? new Unknown('integration props');
  const service =
    props.subdomain === undefined
      ? value(props.service)
      : concat([value(props.subdomain), '.', value(props.service)]);
  const api =
    props.path === undefined
      ? concat([
          'action/',
          value(props.action),
          ...(props.actionParameters === undefined
            ? []
            : ['&', new Unknown('action parameters')]),
        ])
      : concat(['path/', value(props.path)]);
  const region =
    props.region === undefined
      ? Unknown.oneValue('AWS::Region')
      : value(props.region);
  const uri = concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    ':apigateway:',
    region,
    ':',
    service,
    ':',
    api,
  ]);
  return methodIntegration(
    awsIntegrationType(props.proxy ?? false),
    props.integrationHttpMethod ?? 'POST',
    uri,
    props.options,
  );
}

/**
 * `StepFunctionsIntegration.startExecution(machine, options)` (aws-apigateway/lib/integrations/stepfunctions.ts): an
 * AWS integration starting synchronous executions of the machine as the role `credentialsRole` names, else as one
 * the method makes (see RestApiModel.startSyncExecutionRole). Its request and response templates are not modelled.
 */
export function stepFunctionsIntegration(
  machine: JsValue,
  options: JsValue,
): HostObject {
  let credentialsRole: JsValue;
  if (isPlainObject(options)) credentialsRole = options.credentialsRole;
  else if (options !== undefined)
    credentialsRole = new Unknown('integration options');
  return new HostObject('restIntegration', {
    machine,
    credentialsRole,
    integration: new Unknown('integration of a state machine'),
  });
}

/** `new MockIntegration(options)` (aws-apigateway/lib/integrations/mock.ts): API Gateway answers, calling nothing. */
export function mockIntegration(options: JsValue): JsValue {
  return methodIntegration('MOCK', undefined, undefined, options);
}

/** `new HttpIntegration(url, props)` (aws-apigateway/lib/integrations/http.ts): a proxy unless `proxy` is false, with GET unless `httpMethod` says. */
export function httpIntegration(url: JsValue, props: JsValue): HostObject {
  if (props !== undefined && !isPlainObject(props))
    return new HostObject('restIntegration', {
      integration: new Unknown('integration props'),
    });
  const { proxy = true, httpMethod, options } = props ?? {};
  let type: JsValue = new Unknown('whether an integration is a proxy');
  if (typeof proxy === 'boolean') type = proxy ? 'HTTP_PROXY' : 'HTTP';
  return new HostObject('restIntegration', {
    integration: methodIntegration(type, httpMethod || 'GET', url, options),
  });
}

/** `new Integration(props)` (aws-apigateway/lib/integration.ts): as its props say. */
export function restIntegration(props: JsValue): HostObject {
  if (!isPlainObject(props))
    return new HostObject('restIntegration', {
      integration: new Unknown('integration props'),
    });
  return new HostObject('restIntegration', {
    integration: methodIntegration(
      enumValue(props.type, 'IntegrationType'),
      props.integrationHttpMethod,
      props.uri,
      props.options,
    ),
  });
}

/** The part of CdkModel the REST API model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'callMethod'
  | 'escape'
  | 'freeId'
  | 'handleOfType'
  | 'iamModel'
  | 'importsModel'
  | 'lambdaModel'
  | 'outputs'
  | 'pathOf'
  | 'synthesisSettings'
  | 'writtenAs'
>;

/**
 * What aws-apigateway constructs synthesize: REST APIs with their resources, methods, integrations and Lambda
 * authorizers, deployments and stages, usage plans and API keys, and REST APIs imported.
 */
export class RestApiModel {
  /** The ids of each REST API imported with its attributes (`fromRestApiAttributes`) and of its root resource, by the import's path. */
  private readonly importedRestApis = new Map<
    string,
    { restApiId: JsValue; rootResourceId: JsValue }
  >();

  /**
   * The defaults of each REST API's root resource, by the API's id: `defaultIntegration` (a LambdaRestApi's
   * handler's) and `defaultMethodOptions`.
   */
  readonly apiDefaults = new Map<string, ApiDefaults>();

  /** The defaults of the REST API resources made, by their construct paths (`<api>/Default/orders`), where known. */
  private readonly apiResources = new Map<string, ApiDefaults>();

  /** The construct paths of the REST API methods made (`<api>/Default/orders/GET`), where known. */
  private readonly apiMethods = new Set<string>();

  /** The stage of its deployOptions each deployed REST API makes (`api.deploymentStage`), by the API's id. */
  readonly deploymentStages = new Map<string, ResourceHandle>();

  /** Where each REST API's Lambda authorizer is made, which its resources are reported at (see bindRestAuthorizer). */
  readonly authorizerSites = new WeakMap<HostObject, CallSite>();

  constructor(private readonly model: Model) {}

  /** A method of a REST API's resource (aws-apigateway/lib/resource.ts): a resource below it, or a method on it. */
  apiResourceMethod(
    resource: HostObject,
    name: string,
    [first, second, third]: JsValue[],
    site: CallSite,
  ): JsValue {
    switch (name) {
      case 'addResource':
        return this.apiResourceBelow(
          resource,
          typeof first === 'string' ? [first] : undefined,
          second,
        );
      case 'getResource': {
        // The child made, if any (`api.root.getResource('orders') ?? api.root.addResource('orders', options)`).
        const { api, path } = resource.data as {
          api: ResourceHandle;
          path?: string[];
        };
        const notMade =
          path !== undefined &&
          typeof first === 'string' &&
          !this.apiResources.has(apiConstructPath(api, [...path, first]));
        return notMade
          ? undefined
          : this.apiResourceBelow(
              resource,
              typeof first === 'string' ? [first] : undefined,
            );
      }
      case 'resourceForPath':
        return this.apiResourceBelow(
          resource,
          typeof first === 'string'
            ? first.split('/').filter(part => part !== '')
            : undefined,
        );
      case 'addProxy': {
        // A `{proxy+}` resource, with an ANY method unless its options say `anyMethod: false`.
        const proxy = this.apiResourceBelow(resource, ['{proxy+}'], first);
        proxy.data.proxy = true;
        if (!(isPlainObject(first) && first.anyMethod === false))
          this.addApiMethod(proxy, 'ANY', undefined, site);
        return proxy;
      }
      case 'addMethod':
        this.addApiMethod(resource, first, second, site, third);
        return new HostObject('apiMethod', {});
      default:
        return new Unknown(`${name}()`);
    }
  }

  /**
   * The resource at `pathParts` below `resource`, each made unless there (as resourceForPath makes them): one made
   * has its parent's defaults unless its options (the last's) say otherwise: their `defaultIntegration`, their
   * `defaultMethodOptions` over its parent's (resource.ts).
   */
  private apiResourceBelow(
    resource: HostObject,
    pathParts: string[] | undefined,
    options?: JsValue,
  ): HostObject {
    const { api, path } = resource.data as {
      api: ResourceHandle;
      path?: string[];
    };
    const defaultsOf = (parent: HostObject): ApiDefaults => ({
      integration: parent.data.defaultIntegration,
      methodOptions: parent.data.defaultMethodOptions,
    });
    const withOptions = (inherited: ApiDefaults): ApiDefaults => {
      if (options === undefined) return inherited;
      if (!isPlainObject(options))
        return {
          integration: new Unknown('resource options'),
          methodOptions: new Unknown('resource options'),
        };
      return {
        integration: options.defaultIntegration ?? inherited.integration,
        methodOptions: mergedMethodOptions(
          inherited.methodOptions,
          options.defaultMethodOptions,
        ),
      };
    };
    if (path === undefined || pathParts === undefined)
      return this.apiResource(
        api,
        undefined,
        withOptions(defaultsOf(resource)),
      );
    let below = resource;
    pathParts.forEach((part, n) => {
      const partPath = [...(below.data.path as string[]), part];
      const constructPath = apiConstructPath(api, partPath);
      const inherited = defaultsOf(below);
      if (!this.apiResources.has(constructPath))
        this.apiResources.set(
          constructPath,
          n === pathParts.length - 1 ? withOptions(inherited) : inherited,
        );
      below = this.apiResource(
        api,
        partPath,
        this.apiResources.get(constructPath),
      );
    });
    return below;
  }

  /** A REST API's resource at `path` (undefined: not known statically), whose methods have `defaults`. */
  private apiResource(
    api: ResourceHandle,
    path: string[] | undefined,
    defaults: ApiDefaults | undefined,
  ): HostObject {
    return new HostObject('apiResource', {
      api,
      path,
      defaultIntegration: defaults?.integration,
      defaultMethodOptions: defaults?.methodOptions,
    });
  }

  /** A REST API's root resource, of path `/` (its construct `Default`). */
  apiRoot(api: ResourceHandle): HostObject {
    return this.apiResource(api, [], this.apiDefaults.get(api.id));
  }

  /**
   * `resource.addMethod(httpMethod, integration, options)`: a method below the resource (see {@link integrateMethod}).
   * A proxy right below the root adds the method to the root too, unless the root has it (resource.ts,
   * ProxyResource.addMethod).
   */
  addApiMethod(
    resource: HostObject,
    httpMethod: JsValue,
    integration: JsValue,
    site: CallSite,
    options?: JsValue,
  ): void {
    const { api, path } = resource.data as {
      api: ResourceHandle;
      path?: string[];
    };
    if (
      resource.data.proxy === true &&
      path?.length === 1 &&
      !(
        typeof httpMethod === 'string' &&
        this.apiMethods.has(apiConstructPath(api, [httpMethod]))
      )
    ) {
      this.addApiMethod(
        this.apiRoot(api),
        httpMethod,
        integration,
        site,
        options,
      );
    }
    if (path !== undefined && typeof httpMethod === 'string')
      this.apiMethods.add(apiConstructPath(api, [...path, httpMethod]));
    this.integrateMethod(resource, httpMethod, integration, site, options);
  }

  /**
   * A method of a REST API's resource (method.ts) integrates the given integration, or the resource's default one,
   * or else a MockIntegration; a Lambda function's lets API Gateway invoke it. `constructPath`: a Method made
   * directly (`new Method(scope, id, props)`), not below its resource.
   */
  integrateMethod(
    resource: HostObject,
    httpMethod: JsValue,
    integration: JsValue,
    site: CallSite,
    options: JsValue,
    constructPath?: string,
  ): void {
    // The method binds its authorizer before its integration, whatever that is. Options not known statically
    // (`{ ...defaults, authorizer }`) may bind the one they hold or not: it is handed on.
    const authorizer = methodAuthorizer(
      options,
      resource.data.defaultMethodOptions,
    );
    if (authorizer instanceof Unknown)
      this.model.escape([options, resource.data.defaultMethodOptions]);
    const authorizerId = isLambdaAuthorizer(authorizer)
      ? this.bindRestAuthorizer(authorizer, resource.data.api)
      : undefined;
    const integrated =
      integration ??
      resource.data.defaultIntegration ??
      new HostObject('restIntegration', {
        integration: mockIntegration(undefined),
      });
    if (
      integrated instanceof HostObject &&
      (integrated.kind === 'lambdaIntegration' ||
        integrated.kind === 'restIntegration')
    ) {
      this.integratedMethod(
        resource,
        httpMethod,
        integrated,
        site,
        options,
        authorizer,
        authorizerId,
        constructPath,
      );
    }
  }

  /**
   * A REST API's Lambda authorizer (aws-apigateway/lib/authorizers/lambda.ts, TokenAuthorizer and RequestAuthorizer),
   * as the first method that uses it attaches it to its API (`_attachToApi`; one never attached fails synthesis, and
   * CDK refuses a second API): the authorizer, where it was made, on that API, which API Gateway calls the handler
   * through and waits for; and either the permission CDK adds for API Gateway to invoke the handler from it, below
   * the handler (`<handler>/<authorizer's unique id>:Permissions`, here its id), or, given a role of the stack to
   * assume, a policy below the authorizer that grants the role to invoke it. Identity sources written with
   * `IdentitySource`, and its cache, are not modelled. Its id.
   */
  bindRestAuthorizer(authorizer: HostObject, api: JsValue): Value {
    if (authorizer.data.bound instanceof Ref) return authorizer.data.bound;
    const { path, handler, type } = authorizer.data as {
      path: string;
      handler: JsValue;
      type: string;
    };
    const p = authorizer.data.props as Props;
    const site = this.authorizerSites.get(authorizer)!;
    const restApiId = this.restApiIdOf(api);
    const fn = this.model.lambdaModel.invokableOf(handler);
    const functionArn = fn
      ? new Ref(fn.id, 'Arn')
      : new Unknown('handler of an authorizer');
    let identitySource: JsValue =
      p.identitySource || 'method.request.header.Authorization';
    if (type === 'REQUEST') {
      const sources = p.identitySources;
      identitySource =
        Array.isArray(sources) &&
        sources.every(source => typeof source === 'string')
          ? sources.join(',')
          : new Unknown('identity sources of an authorizer');
    }
    this.model.add(path, 'AWS::ApiGateway::Authorizer', site, {
      Name: p.authorizerName ?? new Unknown('name CDK generates'),
      RestApiId: restApiId,
      Type: type,
      AuthorizerUri: functionInvocations(functionArn),
      AuthorizerCredentials: this.model.iamModel.roleArnOf(p.assumeRole),
      IdentitySource: identitySource,
    });
    authorizer.data.bound = new Ref(path);
    if (p.assumeRole === undefined && fn) {
      this.model.add(
        this.model.freeId(`${fn.id}/${path.split('/').pop()}:Permissions`),
        'AWS::Lambda::Permission',
        site,
        {
          FunctionName: functionArn,
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: apiArn(
            toGraphValue(restApiId, ref) ?? new Unknown('id of a REST API'),
            ['/authorizers/', authorizer.data.bound],
          ),
        },
      );
    } else if (this.model.handleOfType(p.assumeRole, 'AWS::IAM::Role')) {
      // The function's ARN and those of its versions and aliases (resourceArnsForGrantInvoke); a version's or alias's own only.
      const invoked =
        fn && this.model.byId.get(fn.id)?.type === LAMBDA_FUNCTION
          ? [functionArn, concat([functionArn, ':*'])]
          : [functionArn];
      this.model.iamModel.policy(
        `${path}/authorizerInvokePolicy`,
        'AWS::IAM::Policy',
        {
          roles: [p.assumeRole],
          statements: [
            new HostObject('statement', {
              actions: ['lambda:InvokeFunction'],
              resources: invoked,
            }),
          ],
        },
        site,
      );
    }
    return authorizer.data.bound;
  }

  /**
   * `RestApi.fromRestApiAttributes(scope, id, attrs)` (aws-apigateway/lib/restapi.ts): an API outside the stack
   * whose root (`<id>/Default`) the stack can add resources and methods to; they, and the permissions their
   * LambdaIntegrations add, are made in the importing stack, below the import, on the API of the id given.
   * (`fromRestApiId`'s root throws: it stays a construct not modelled.)
   */
  importRestApi([scope, id, attrs]: JsValue[], site: CallSite): HostObject {
    const path = this.model.pathOf(scope, id, site);
    const {
      restApiId = new Unknown('id of an imported REST API'),
      rootResourceId = new Unknown('root resource id of an imported REST API'),
    } = isPlainObject(attrs) ? attrs : {};
    this.importedRestApis.set(path, { restApiId, rootResourceId });
    return new HostObject('importedRestApi', {
      api: new ResourceHandle(path, IMPORTED_REST_API),
      path,
    });
  }

  /**
   * `resource.addMethod(httpMethod, integration)` of an integration modelled: the method (`AWS::ApiGateway::Method`)
   * integrates as the integration says; its request parameters may ask API Gateway to invoke a function
   * asynchronously. A LambdaIntegration (aws-apigateway/lib/integrations/lambda.ts, bind) adds a permission for
   * API Gateway to invoke the function, below the method, for each method the function is behind, and one more for
   * the test-invoke stage unless `allowTestInvoke` is false. Their ids are CDK's, with the API's id for its unique
   * id: `<api>/Default/orders/GET/ApiPermission.Api.GET..orders` and `ApiPermission.Test.…`. A method or path not
   * known statically is told apart by its line (and, on one line, by a number).
   */
  private integratedMethod(
    resource: HostObject,
    httpMethod: JsValue,
    integration: HostObject,
    site: CallSite,
    options: JsValue,
    authorizer: JsValue,
    authorizerId: Value | undefined,
    constructPath?: string,
  ): void {
    const api = resource.data.api as ResourceHandle;
    const path = resource.data.path;
    const fn = integration.data.fn;
    const known = Array.isArray(path) && typeof httpMethod === 'string';
    const apiId = api.id;
    const resourcePath = known ? `/${(path as string[]).join('/')}` : '';
    const methodPath =
      constructPath ??
      (known
        ? apiConstructPath(api, [...(path as string[]), httpMethod])
        : `${apiId}/method@${site.line}`);
    // Method upper-cases the method it is given (method.ts); its construct keeps it as given.
    const upperMethod =
      typeof httpMethod === 'string' ? httpMethod.toUpperCase() : httpMethod;
    const desc = `${apiId.split('/').pop()}.${
      known ? upperMethod : 'method'
    }.${resourcePath.replace(/\//g, '.')}`;
    const permissions =
      integration.data.allowTestInvoke === false
        ? [`ApiPermission.${desc}`]
        : [`ApiPermission.${desc}`, `ApiPermission.Test.${desc}`];
    if (
      integration.kind === 'lambdaIntegration' &&
      fn instanceof ResourceHandle
    ) {
      for (const permission of permissions) {
        this.model.add(
          this.model.freeId(`${methodPath}/${permission}`),
          'AWS::Lambda::Permission',
          site,
          {
            FunctionName: new Ref(fn.id, 'Arn'),
            Action: 'lambda:InvokeFunction',
            Principal: 'apigateway.amazonaws.com',
          },
        );
      }
    }
    if (integration.data.machine !== undefined)
      this.startSyncExecutionRole(integration, methodPath, site);
    this.model.add(
      this.model.freeId(methodPath),
      'AWS::ApiGateway::Method',
      site,
      {
        RestApiId: this.restApiIdOf(api),
        ResourceId: this.apiResourceId(api, path),
        HttpMethod: upperMethod,
        AuthorizationType: methodAuthorizationType(
          options,
          resource.data.defaultMethodOptions,
          authorizer,
        ),
        AuthorizerId: authorizerId,
        Integration: integration.data.integration,
      },
    );
  }

  /**
   * The role a method's Step Functions integration starts executions as (integrations/stepfunctions.ts, bind): the
   * one its options name, else one below the method (`StartSyncExecutionRole`) that API Gateway assumes; either is
   * granted to start the machine's synchronous executions.
   */
  private startSyncExecutionRole(
    integration: HostObject,
    methodPath: string,
    site: CallSite,
  ): void {
    const role =
      integration.data.credentialsRole ??
      this.model.iamModel.role(
        `${methodPath}/StartSyncExecutionRole`,
        {
          assumedBy: new HostObject('principal', {
            Service: 'apigateway.amazonaws.com',
          }),
        },
        site,
      );
    const machine = integration.data.machine;
    if (machine instanceof ResourceHandle)
      this.model.callMethod(machine, 'grantStartSyncExecution', [role], site);
    // A machine outside the stack (`StateMachine.fromStateMachineArn`): the role is granted on its ARN.
    else
      this.model.iamModel.addStatements(
        role,
        [
          {
            Effect: 'Allow',
            Action: ['states:StartSyncExecution'],
            Resource: this.model.importsModel.arnOf(machine),
          },
        ],
        site,
      );
  }

  /**
   * The id of a REST API's resource at `path`: its root's (`RootResourceId`; an imported API's, the one it is
   * given). The resources below the root are not modelled: their ids are not known.
   */
  private apiResourceId(api: ResourceHandle, path: JsValue): JsValue {
    if (!Array.isArray(path) || path.length > 0)
      return new Unknown('id of a REST API resource');
    return (
      this.importedRestApis.get(api.id)?.rootResourceId ??
      new Ref(api.id, 'RootResourceId')
    );
  }

  /** A REST API's usage plan (aws-apigateway/lib/usage-plan.ts): its name and description as the props give them. */
  usagePlan(id: string, p: Props, site: CallSite): ResourceHandle {
    return this.model.add(id, USAGE_PLAN, site, {
      UsagePlanName: p.name,
      Description: p.description,
    });
  }

  /** A REST API's key (aws-apigateway/lib/api-key.ts): enabled unless the props say otherwise. */
  apiKey(id: string, p: Props, site: CallSite): ResourceHandle {
    return this.model.add(id, API_KEY, site, {
      Name: p.apiKeyName,
      Description: p.description,
      Enabled: p.enabled ?? true,
    });
  }

  /** A REST API; a LambdaRestApi (lambda-api.ts) integrates its handler by default, behind a proxy of its root unless `proxy` is false. */
  restApi(
    id: string,
    props: JsValue,
    site: CallSite,
    lambdaRestApi = false,
  ): ResourceHandle {
    const p: Props = isPlainObject(props) ? props : {};
    const api = this.model.add(id, REST_API, site, {
      Name: p.restApiName ?? id,
    });
    const defaultIntegration = lambdaRestApi
      ? lambdaIntegration(p.handler, p.integrationOptions)
      : p.defaultIntegration;
    this.apiDefaults.set(id, {
      integration: defaultIntegration,
      methodOptions: p.defaultMethodOptions,
    });
    if (lambdaRestApi && p.proxy !== false)
      this.apiResourceMethod(this.apiRoot(api), 'addProxy', [], site);
    if (defaultsKnown(props)) {
      this.cloudWatchRole(id, p, site);
      this.deployRestApi(id, p, site);
    }
    return api;
  }

  /**
   * The role through which API Gateway writes the logs of the account's REST APIs, and the account setting that
   * names it, which a REST API makes unless its `cloudWatchRole` prop or the feature flag says not to
   * (aws-apigateway/lib/restapi.ts, _configureCloudWatchRole); a prop not known statically makes none known.
   */
  private cloudWatchRole(id: string, p: Props, site: CallSite): void {
    const wanted =
      p.cloudWatchRole ?? !this.model.synthesisSettings.disableCloudWatchRole;
    if (wanted !== true) return;
    const role = this.model.add(
      `${id}/CloudWatchRole`,
      'AWS::IAM::Role',
      site,
      {
        AssumeRolePolicyDocument: serviceTrust('apigateway.amazonaws.com'),
        ManagedPolicyArns: [
          'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
        ],
      },
    );
    this.model.add(`${id}/Account`, 'AWS::ApiGateway::Account', site, {
      CloudWatchRoleArn: new Ref(role.id, 'Arn'),
    });
  }

  /**
   * A REST API fronting an express state machine (aws-apigateway/lib/stepfunctions-api.ts): its root's ANY method
   * starts its executions, as the role `role` names or one the method makes.
   */
  stepFunctionsRestApi(id: string, p: Props, site: CallSite): ResourceHandle {
    const api = this.restApi(id, p, site);
    this.apiResourceMethod(
      this.apiRoot(api),
      'addMethod',
      [
        'ANY',
        stepFunctionsIntegration(p.stateMachine, { credentialsRole: p.role }),
      ],
      site,
    );
    return api;
  }

  /**
   * A REST API of an OpenAPI definition (aws-apigateway/lib/restapi.ts, SpecRestApi): its `Body` when inline, else
   * the S3 object CDK points it at (`BodyS3Location`), which the scanner does not read. Deployed as a RestApi is.
   */
  specRestApi(id: string, p: Props, site: CallSite): ResourceHandle {
    const definition =
      p.apiDefinition instanceof HostObject &&
      p.apiDefinition.kind === 'apiDefinition'
        ? p.apiDefinition.data
        : undefined;
    // A definition of a class of the app's (a subclass of ApiDefinition) or not known statically may name anything.
    if (!definition) this.model.escape([p.apiDefinition]);
    const api = this.model.add(id, REST_API, site, {
      Name: p.restApiName ?? id,
      ...(definition ?? {
        Body: new Unknown('API definition not known statically'),
      }),
    });
    this.cloudWatchRole(id, p, site);
    this.deployRestApi(id, p, site);
    return api;
  }

  /** Unless told not to, a REST API's deployment and the Stage of its deployOptions (restapi.ts, _configureDeployment). */
  private deployRestApi(id: string, p: Props, site: CallSite): void {
    // A stage that may not be deployed is not judged.
    if (p.deploy !== undefined && p.deploy !== true) return;
    // A deployed RestApi outputs its URL (CfnOutput `<id>Endpoint…`).
    this.model.outputs.push({
      stack: stackOfPath(id),
      output: {
        name: `${id.split('/').pop()}Endpoint`,
        value: new Ref(id),
        file: site.file,
        line: site.line,
      },
    });
    // Its deployment, and a Stage of its deployOptions (restapi.ts, _configureDeployment).
    const options = p.deployOptions ?? {};
    const stageName = isPlainObject(options)
      ? options.stageName || 'prod'
      : undefined;
    const deployment = this.model.add(
      `${id}/Deployment`,
      REST_DEPLOYMENT,
      site,
      {
        RestApiId: new Ref(id),
      },
    );
    const stage = this.restStage(
      `${id}/DeploymentStage.${
        typeof stageName === 'string' ? stageName : 'stage'
      }`,
      deployment,
      options,
      site,
    );
    this.deploymentStages.set(id, stage);
    this.model.writtenAs.set(stage.id, REST_API_STAGE_OPTIONS);
  }

  /** The id of a REST API: one of the stack's, or the one an import (`fromRestApiAttributes`) is given. */
  restApiIdOf(api: JsValue): JsValue {
    if (isImportedRestApi(api)) return this.restApiIdOf(api.data.api);
    if (api instanceof ResourceHandle && this.importedRestApis.has(api.id))
      return this.importedRestApis.get(api.id)!.restApiId;
    if (api instanceof ResourceHandle) return new Ref(api.id);
    return new Unknown('id of a REST API not known statically');
  }

  /**
   * A REST API's stage (aws-apigateway/lib/stage.ts) of a deployment, on the deployment's API, configured by
   * `options` (a Stage's props, a RestApi's deployOptions): see {@link restMethodSettings} and {@link accessLogSettings}.
   * Options not known statically leave what they configure not known.
   */
  restStage(
    id: string,
    deployment: JsValue,
    options: JsValue,
    site: CallSite,
  ): ResourceHandle {
    const made =
      deployment instanceof ResourceHandle
        ? this.model.byId.get(deployment.id)
        : undefined;
    const deployed = made?.type === REST_DEPLOYMENT ? made : undefined;
    const notKnown = new Unknown('stage options not known statically');
    const known = isPlainObject(options) ? options : undefined;
    return this.model.add(id, REST_STAGE, site, {
      RestApiId: deployed
        ? deployed.properties.RestApiId
        : new Unknown('API of a deployment not known statically'),
      StageName: known ? known.stageName || 'prod' : notKnown,
      DeploymentId: deployed
        ? new Ref(deployed.id)
        : new Unknown('deployment not known statically'),
      TracingEnabled: known ? known.tracingEnabled : notKnown,
      MethodSettings: known ? restMethodSettings(known) : notKnown,
      AccessLogSetting: known
        ? accessLogSettings(known.accessLogDestination, known.accessLogFormat)
        : notKnown,
    });
  }
}
