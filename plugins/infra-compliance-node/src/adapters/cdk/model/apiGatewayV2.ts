/** The model of aws-apigatewayv2's HTTP and WebSocket APIs (see HttpApiModel). */
import { lookupTable } from '../../../support/lookupTable';
import { Resource } from '../../../graph/ResourceGraph';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../pulumi/interpreter';
import {
  HTTP_API,
  HTTP_STAGE,
  V2_INTEGRATION,
  V2_ROUTE,
} from './resourceTypes';
import { Ref, Unknown, Value, concat } from '../../../graph/values';
import { apiArn, ref } from './arns';
import type { CdkModel } from '../constructs';
import { Props, defaultsKnown } from './props';
import {
  CLF_ACCESS_LOG_FORMAT,
  accessLogSettings,
  functionInvocations,
  isLambdaAuthorizer,
} from './apiGateway';
import { L2Props } from '../propertyNames';

/** A WebSocket API's route options that make a route when it is made (aws-apigatewayv2/lib/websocket/api.ts), by the route's key. */
const WEBSOCKET_ROUTE_OPTIONS = lookupTable<string>({
  $connect: 'connectRouteOptions',
  $disconnect: 'disconnectRouteOptions',
  $default: 'defaultRouteOptions',
});

/** The methods that grant posting to a WebSocket API's connections, of the API and of a stage (websocket/api.ts, stage.ts). */
export const MANAGE_CONNECTIONS_GRANTS = new Set([
  'grantManageConnections',
  'grantManagementApiAccess',
]);

/** A WebSocket stage's given none (aws-apigatewayv2/lib/websocket/stage.ts, defaultAccessLogFormat): its events, not requests. */
export const WEBSOCKET_ACCESS_LOG_FORMAT =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] ' +
  '"$context.eventType $context.routeKey $context.connectionId" $context.status $context.requestId';

/**
 * What granting a WebSocket API's connections grants (websocket/api.ts, grantManageConnections; stage.ts,
 * grantManagementApiAccess): posting to them, those of any stage of the API or of the stage's.
 */
export function manageConnections(granted: Resource): JsValue {
  const stage = granted.type === HTTP_STAGE;
  const apiId = stage ? granted.properties.ApiId : new Ref(granted.id);
  const stageName = stage ? granted.properties.StageName : '*';
  return {
    Effect: 'Allow',
    Action: 'execute-api:ManageConnections',
    Resource: apiArn(apiId, ['/', stageName, '/*/@connections/*']),
  };
}

/**
 * `new HttpLambdaAuthorizer(id, handler, props)` or `new WebSocketLambdaAuthorizer(id, handler, props)`
 * (aws-apigatewayv2-authorizers/lib/http/lambda.ts, websocket/lambda.ts), or early alpha releases'
 * `new HttpLambdaAuthorizer(props)`, of the handler its props name and of its name for id (`LambdaAuthorizer`
 * without one): an authorizer of an HTTP or WebSocket API's routes, which makes nothing until a route binds it.
 */
export function routeAuthorizer(
  route: 'http' | 'webSocket',
  [first, second, third]: JsValue[],
): HostObject {
  if (isPlainObject(first)) {
    const name =
      typeof first.authorizerName === 'string'
        ? first.authorizerName
        : 'LambdaAuthorizer';
    return new HostObject('lambdaAuthorizer', {
      route,
      name,
      handler: first.handler,
      props: first,
    });
  }
  return new HostObject('lambdaAuthorizer', {
    route,
    name: first,
    handler: second,
    props: third ?? {},
  });
}

/** The part of CdkModel the HTTP API model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'escape'
  | 'handleOfType'
  | 'lambdaModel'
  | 'ref'
  | 'uniquePath'
  | 'writtenAs'
>;

/**
 * What aws-apigatewayv2 constructs synthesize: HTTP APIs with their routes, integrations, authorizers and stages,
 * and WebSocket APIs with their routes.
 */
export class HttpApiModel {
  /** The default authorizer of each HTTP API given one, which its routes bind unless given another, by the API's id. */
  readonly defaultAuthorizers = new Map<string, JsValue>();

  constructor(private readonly model: Model) {}

  /**
   * An HTTP or WebSocket API's Lambda authorizer (aws-apigatewayv2-authorizers/lib/http/lambda.ts, websocket/lambda.ts),
   * made when a route first binds it, below the API (`scope`; below the route for an API not of the app): the
   * authorizer, which API Gateway calls the handler through and waits for, and the permission CDK adds for API Gateway
   * to invoke the handler from it (`<scope>/<authorizer's unique id>-Permission`, here its id). CDK refuses a second
   * API. Its id.
   */
  private bindRouteAuthorizer(
    authorizer: HostObject,
    apiId: Value,
    scope: string,
    site: CallSite,
  ): Value {
    if (authorizer.data.bound instanceof Ref) return authorizer.data.bound;
    const { route, name, handler } = authorizer.data;
    const p: Props = isPlainObject(authorizer.data.props)
      ? authorizer.data.props
      : {};
    const notKnown = new Unknown('authorizer props not known statically');
    const known = (value: JsValue) =>
      isPlainObject(authorizer.data.props) ? value : notKnown;
    // Told apart from one of its name bound in another branch (`if (prod) api.addRoutes(…) else api.addRoutes(…)`).
    const id = this.model.uniquePath(
      `${scope}/${typeof name === 'string' ? name : `construct@${site.line}`}`,
      site,
    );
    const fn = this.model.lambdaModel.invokableOf(handler);
    const functionArn = fn
      ? new Ref(fn.id, 'Arn')
      : new Unknown('handler of an authorizer');
    this.model.add(id, 'AWS::ApiGatewayV2::Authorizer', site, {
      Name: known(p.authorizerName ?? name),
      ApiId: apiId,
      AuthorizerType: 'REQUEST',
      AuthorizerUri: functionInvocations(functionArn),
      IdentitySource: known(
        p.identitySource ?? [
          route === 'http'
            ? '$request.header.Authorization'
            : 'route.request.header.Authorization',
        ],
      ),
    });
    authorizer.data.bound = new Ref(id);
    if (fn) {
      this.model.add(`${id}-Permission`, 'AWS::Lambda::Permission', site, {
        FunctionName: functionArn,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: apiArn(apiId, ['/authorizers/', authorizer.data.bound]),
      });
    }
    return authorizer.data.bound;
  }

  /**
   * Routes of an HTTP API, of `options` (`addRoutes`', a route's props), if any is `routed`: the API's stage is as it
   * was; what the integrations do is theirs; each route binds `authorizer`.
   */
  httpRoutes(
    api: ResourceHandle,
    options: Props,
    authorizer: JsValue,
    routed: boolean,
    site: CallSite,
  ): void {
    if (routed) this.bindHttpRoutesAuthorizer(api, authorizer, site);
    const { authorizer: given, ...rest } = options;
    this.model.escape(
      routed && isLambdaAuthorizer(authorizer) ? [rest] : [options],
    );
  }

  /**
   * `new HttpRoute(scope, id, props)` (aws-apigatewayv2/lib/http/route.ts): a route of its API, of its own authorizer
   * only (the API's default is `addRoutes`'). A route of an API not of the stack is not modelled.
   */
  httpRoute(args: JsValue[], site: CallSite): JsValue {
    const props = args[2];
    const api = isPlainObject(props) ? props.httpApi : undefined;
    if (!this.model.handleOfType(api, HTTP_API) || !isPlainObject(props)) {
      this.model.escape(args);
      return new Unknown('an HTTP route not modelled');
    }
    const { httpApi, ...options } = props;
    this.httpRoutes(api, options, options.authorizer, true, site);
    return new Unknown('an HTTP route');
  }

  /** What an HTTP API's routes bind of their authorizer (see {@link bindRouteAuthorizer}): nothing of one not modelled. */
  private bindHttpRoutesAuthorizer(
    api: ResourceHandle,
    authorizer: JsValue,
    site: CallSite,
  ): void {
    if (isLambdaAuthorizer(authorizer))
      this.bindRouteAuthorizer(authorizer, new Ref(api.id), api.id, site);
  }

  /**
   * An HTTP API, with the `$default` stage CDK creates unless told not to:
   * deployed automatically, with neither access logs nor throttling. It
   * takes no props: messages name those of a stage made instead (`defaultStageProps`).
   */
  httpApi(
    id: string,
    props: JsValue,
    site: CallSite,
    defaultStageProps: L2Props,
  ): ResourceHandle {
    const p: Props = isPlainObject(props) ? props : {};
    const api = this.model.add(id, HTTP_API, site, {
      Name: p.apiName ?? id,
      ProtocolType: 'HTTP',
    });
    // Its routes' authorizer unless given another; the route its default integration makes binds it too (http/api.ts).
    if (p.defaultAuthorizer !== undefined)
      this.defaultAuthorizers.set(id, p.defaultAuthorizer);
    if (p.defaultIntegration !== undefined)
      this.bindHttpRoutesAuthorizer(api, p.defaultAuthorizer, site);
    // A stage that may not exist is not judged.
    if (
      !defaultsKnown(props) ||
      (p.createDefaultStage !== undefined && p.createDefaultStage !== true)
    )
      return api;
    const stage = this.httpStage(
      `${id}/DefaultStage`,
      api,
      { autoDeploy: true },
      site,
    );
    this.model.writtenAs.set(stage.id, defaultStageProps);
    return api;
  }

  /**
   * An HTTP API's stage (aws-apigatewayv2/lib/http/stage.ts, HttpStage; `httpApi.addStage`), `$default` unless
   * named, or a WebSocket API's (websocket/stage.ts, WebSocketStage), which takes the same options: its throttle and
   * detailed metrics as its default route settings, its access logs as {@link accessLogSettings}, by default in `logFormat`.
   */
  httpStage(
    id: string,
    api: JsValue,
    options: Props,
    site: CallSite,
    logFormat = CLF_ACCESS_LOG_FORMAT,
  ): ResourceHandle {
    const {
      throttle,
      detailedMetricsEnabled,
      accessLogSettings: logs,
    } = options;
    let routeSettings: JsValue;
    if (throttle !== undefined && !isPlainObject(throttle))
      routeSettings = new Unknown('throttle not known statically');
    else if (throttle || detailedMetricsEnabled) {
      routeSettings = {
        ThrottlingBurstLimit: throttle?.burstLimit,
        ThrottlingRateLimit: throttle?.rateLimit,
        DetailedMetricsEnabled: detailedMetricsEnabled,
      };
    }
    let logSettings: JsValue = new Unknown(
      'access log settings not known statically',
    );
    if (logs === undefined || isPlainObject(logs))
      logSettings = accessLogSettings(
        logs?.destination,
        logs?.format,
        logFormat,
      );
    return this.model.add(id, HTTP_STAGE, site, {
      ApiId: this.model.ref(api) ?? new Unknown('API of a stage'),
      StageName: options.stageName || '$default',
      AccessLogSettings: logSettings,
      AutoDeploy: options.autoDeploy,
      DefaultRouteSettings: routeSettings,
    });
  }

  /** `api.defaultStage`: code that reaches it (an escape hatch) may set anything on it. */
  defaultStage(api: ResourceHandle): JsValue {
    const stage = this.model.byId.get(`${api.id}/DefaultStage`);
    if (!stage) return undefined;
    for (const property of [
      'AccessLogSettings',
      'DefaultRouteSettings',
      'Tags',
    ]) {
      if (stage.properties[property] === undefined)
        stage.properties[property] = new Unknown(
          `set through ${api.id}.defaultStage`,
        );
    }
    return new ResourceHandle(stage.id, stage.type);
  }

  /**
   * A WebSocket API (aws-apigatewayv2/lib/websocket/api.ts): it makes no stage (a WebSocketStage is made apart),
   * and a route for each of its `$connect`, `$disconnect` and `$default` route options.
   */
  webSocketApi(id: string, p: Props, site: CallSite): ResourceHandle {
    const api = this.model.add(id, HTTP_API, site, {
      Name: p.apiName ?? id,
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression:
        p.routeSelectionExpression ?? '$request.body.action',
    });
    for (const [routeKey, option] of Object.entries(WEBSOCKET_ROUTE_OPTIONS)) {
      if (p[option] !== undefined)
        this.addWebSocketRoute(api, routeKey, p[option], site);
    }
    return api;
  }

  /**
   * `webSocketApi.addRoute(routeKey, options)`: a route below the API, `<routeKey>-Route`; told apart from one of that
   * key added in another branch (`if (prod) api.addRoute('send', …) else api.addRoute('send', …)`).
   */
  addWebSocketRoute(
    api: ResourceHandle,
    routeKey: JsValue,
    options: JsValue,
    site: CallSite,
  ): JsValue {
    const id = this.model.uniquePath(
      `${api.id}/${
        typeof routeKey === 'string'
          ? `${routeKey}-Route`
          : `construct@${site.line}`
      }`,
      site,
    );
    return this.webSocketRoute(id, api, routeKey, options, site);
  }

  /**
   * A route of a WebSocket API (websocket/route.ts) to its integration, which the first route it is given to
   * binds below itself (websocket/integration.ts, _bindToRoute). Options not known statically may integrate anything.
   */
  webSocketRoute(
    id: string,
    api: JsValue,
    routeKey: JsValue,
    options: JsValue,
    site: CallSite,
  ): JsValue {
    if (!isPlainObject(options)) {
      this.model.escape([options]);
      return new Unknown('route of options not known statically');
    }
    const apiId =
      this.model.ref(api) ?? new Unknown('WebSocket API of a route');
    const integration = this.bindWebSocketIntegration(
      id,
      apiId,
      routeKey,
      options.integration,
      site,
    );
    // Its authorizer, bound after its integration, below the API (below the route for an API not of the app).
    const { authorizer } = options;
    const authorizerId = isLambdaAuthorizer(authorizer)
      ? this.bindRouteAuthorizer(
          authorizer,
          apiId,
          api instanceof ResourceHandle ? api.id : id,
          site,
        )
      : undefined;
    let authorizationType: JsValue = new Unknown('authorizer of a route');
    // Made NONE when no authorizer is given (route.ts).
    if (authorizer === undefined) authorizationType = 'NONE';
    else if (authorizerId) authorizationType = 'CUSTOM';
    return this.model.add(id, V2_ROUTE, site, {
      ApiId: apiId,
      RouteKey: routeKey,
      Target: concat(['integrations/', integration]),
      AuthorizationType: authorizationType,
      AuthorizerId: authorizerId,
    });
  }

  /**
   * The integration of a WebSocket route, made when it is first bound, below that route (`route`); its id. A
   * WebSocketLambdaIntegration (aws-apigatewayv2-integrations/lib/websocket/lambda.ts) is an AWS_PROXY
   * integration, which API Gateway calls the function through and waits for, with the permission for API
   * Gateway to invoke it (`<route>/<id>-Permission`). Another integration is not modelled: what it calls is not known.
   */
  private bindWebSocketIntegration(
    route: string,
    apiId: Value,
    routeKey: JsValue,
    integration: JsValue,
    site: CallSite,
  ): Value {
    if (
      !(
        integration instanceof HostObject &&
        integration.kind === 'webSocketLambdaIntegration'
      )
    ) {
      this.model.escape([integration]);
      return new Unknown('integration not modelled');
    }
    if (integration.data.bound instanceof Ref) return integration.data.bound;
    const { name, handler } = integration.data;
    const id = `${route}/${
      typeof name === 'string' ? name : `construct@${site.line}`
    }`;
    const fn = this.model.lambdaModel.invokableOf(handler);
    if (fn) {
      this.model.add(`${id}-Permission`, 'AWS::Lambda::Permission', site, {
        FunctionName: new Ref(fn.id, 'Arn'),
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: apiArn(apiId, [
          '/*',
          toGraphValue(routeKey, ref) ?? new Unknown('route key'),
        ]),
      });
    } else this.model.escape([handler]);
    const functionArn = fn
      ? new Ref(fn.id, 'Arn')
      : new Unknown('function of a WebSocket integration');
    this.model.add(id, V2_INTEGRATION, site, {
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: functionInvocations(functionArn),
    });
    integration.data.bound = new Ref(id);
    return integration.data.bound;
  }
}
