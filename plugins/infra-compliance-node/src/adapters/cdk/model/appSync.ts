/** The model of aws-appsync's GraphQL APIs and their Lambda data sources and resolvers (see AppSyncModel). */
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import { Ref, Template, Unknown, Value } from '../../../graph/values';
import type { CdkModel } from '../constructs';
import { Props, enumValue, propsOtherThan } from './props';
import { APPSYNC_DATA_SOURCE, GRAPHQL_API, INVOKABLE } from './resourceTypes';
import { isImportedRole } from './iam/documents';
import { asksForEventInvocation } from '../../../analysis/lambda';
import { STACK_MARKERS } from './paths';

/**
 * `MappingTemplate.fromString(text)`, `MappingTemplate.fromFile(path)` (read as cdk does, relative to the folder it
 * runs the app in) and `MappingTemplate.lambdaRequest(payload, operation)` (aws-appsync/lib/mapping-template.ts): a
 * template of that text; any other, or a file not among the scanned ones, of a text not known.
 */
export function mappingTemplate(
  method: string,
  [first, second]: JsValue[],
  readAppFile: (path: string) => string | undefined,
): HostObject {
  const payload = first ?? '$util.toJson($ctx)';
  const operation = second ?? 'Invoke';
  let text: string | Template | undefined;
  if (
    method === 'fromString' &&
    (typeof first === 'string' || first instanceof Template)
  )
    text = first;
  if (method === 'fromFile' && typeof first === 'string')
    text = readAppFile(first);
  if (
    method === 'lambdaRequest' &&
    typeof payload === 'string' &&
    typeof operation === 'string'
  )
    text = `{"version": "2017-02-28", "operation": "${operation}", "payload": ${payload}}`;
  return new HostObject('mappingTemplate', { text });
}

/** The part of CdkModel the AppSync model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'countNotModelled'
  | 'escape'
  | 'handleOfType'
  | 'iamModel'
  | 'importsModel'
  | 'lambdaModel'
>;

/**
 * What aws-appsync constructs synthesize: GraphQL APIs, Lambda data sources with their roles, and the resolvers of those
 * (what invokes a function, and how).
 */
export class AppSyncModel {
  /** The function of each Lambda data source of a GraphQL API, by the data source's id (see lambdaResolver). */
  private readonly dataSourceFunctions = new Map<string, JsValue>();

  constructor(private readonly model: Model) {}

  /**
   * `new appsync.GraphqlApi(scope, id, props)` (aws-appsync/lib/graphqlapi.ts): the API, by its name, of API key
   * authorization unless its props configure another, and the permission CDK adds below the function of a Lambda
   * authorization mode for AppSync to invoke it (`<id>-appsync`; of the API's ARN or none, as a feature flag decides).
   * Of a `logConfig`, the role AppSync writes logs as: its `role`, or one CDK makes first (`ApiLogsRole`, of the managed
   * policy AWSAppSyncPushToCloudWatchLogs); the LogRetention custom resource CDK adds for the API's log group, with
   * its singleton function, is listed as not modelled. No rule judges its other props (schema): handed on.
   */
  graphqlApi(
    id: string,
    constructId: JsValue,
    p: Props,
    site: CallSite,
  ): ResourceHandle {
    this.model.escape(propsOtherThan(p, ['name', 'logConfig']));
    const logConfig = this.logConfig(id, p.logConfig, site);
    const api = this.model.add(id, GRAPHQL_API, site, {
      Name: p.name,
      AuthenticationType:
        p.authorizationConfig === undefined
          ? 'API_KEY'
          : new Unknown('authorization of a GraphQL API'),
      LogConfig: logConfig,
    });
    const config = p.authorizationConfig;
    const modes = isPlainObject(config)
      ? [
          config.defaultAuthorization,
          ...(Array.isArray(config.additionalAuthorizationModes)
            ? config.additionalAuthorizationModes
            : []),
        ]
      : [];
    for (const mode of modes) {
      const lambdaConfig =
        isPlainObject(mode) &&
        mode.authorizationType === 'AuthorizationType.LAMBDA'
          ? mode.lambdaAuthorizerConfig
          : undefined;
      const handler = isPlainObject(lambdaConfig)
        ? lambdaConfig.handler
        : undefined;
      if (!this.model.handleOfType(handler, INVOKABLE)) continue;
      this.model.lambdaModel.functionPermission(
        handler,
        typeof constructId === 'string' ? `${constructId}-appsync` : undefined,
        {
          principal: this.model.iamModel.principal(
            { Service: 'appsync.amazonaws.com' },
            'ServicePrincipal(appsync.amazonaws.com)',
          ),
          action: 'lambda:InvokeFunction',
          sourceArn: new Unknown(
            'source ARN of an AppSync authorizer, as a feature flag decides',
          ),
        },
        site,
      );
    }
    return api;
  }

  /** A GraphQL API's `LogConfig` of its `logConfig` prop, making the role it names unless given (see graphqlApi). */
  private logConfig(
    id: string,
    logConfig: JsValue,
    site: CallSite,
  ): Value | undefined {
    if (logConfig === undefined) return undefined;
    this.model.countNotModelled('aws-logs.LogRetention');
    if (!isPlainObject(logConfig)) {
      // It may name a role or leave CDK to make one: that one is listed as not modelled.
      this.model.escape([logConfig]);
      this.model.countNotModelled('aws-iam.Role');
      return new Unknown('log config of a GraphQL API');
    }
    this.model.escape(
      propsOtherThan(logConfig, [
        'role',
        'excludeVerboseContent',
        'fieldLogLevel',
        'retention',
      ]),
    );
    const role =
      logConfig.role ??
      this.model.iamModel.role(
        `${id}/ApiLogsRole`,
        {
          assumedBy: this.model.iamModel.principal(
            { Service: 'appsync.amazonaws.com' },
            undefined,
          ),
          managedPolicies: [
            'arn:aws:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs',
          ],
        },
        site,
      );
    return {
      CloudWatchLogsRoleArn:
        this.model.iamModel.roleArnOf(role) ??
        new Unknown('role not known statically'),
      ExcludeVerboseContent: logConfig.excludeVerboseContent as Value,
      FieldLogLevel: enumValue(
        logConfig.fieldLogLevel ?? 'FieldLogLevel.NONE',
        'FieldLogLevel',
      ) as Value,
    };
  }

  /**
   * A Lambda data source of a GraphQL API (aws-appsync/lib/data-source.ts, LambdaDataSource), `new` or
   * `api.addLambdaDataSource(id, fn, options)`: AppSync calls the function as `serviceRole` (the `new`'s props'),
   * or one CDK makes below it (`ServiceRole`), granted lambda:InvokeFunction of it. Named by its options, or by its
   * construct id without what is not a word character; by a name not known where the options are not known.
   */
  lambdaDataSource(
    id: string,
    constructId: JsValue,
    api: JsValue,
    fn: JsValue,
    options: JsValue,
    serviceRole: JsValue,
    site: CallSite,
  ): ResourceHandle {
    const arn = this.model.importsModel.arnOf(fn, 'function of a data source');
    const { source, role } = this.backedDataSource(
      id,
      constructId,
      api,
      options,
      serviceRole,
      site,
      ['lambdaFunction'],
      { Type: 'AWS_LAMBDA', LambdaConfig: { LambdaFunctionArn: arn } },
    );
    this.model.iamModel.addStatements(
      role,
      [this.model.lambdaModel.invokeStatement(fn, arn)],
      site,
    );
    if (!(fn instanceof ResourceHandle)) this.model.escape([fn]);
    this.dataSourceFunctions.set(id, fn);
    return source;
  }

  /**
   * An HTTP data source of a GraphQL API (aws-appsync/lib/data-source.ts, HttpDataSource), `new` or
   * `api.addHttpDataSource(id, endpoint, options)`: AppSync calls the endpoint as `serviceRole` (the `new`'s props')
   * or one CDK makes below it (`ServiceRole`), which is granted what is granted the data source; requests are signed
   * (AWS_IAM) for the region and service its `authorizationConfig` names. Named as a Lambda data source is.
   */
  httpDataSource(
    id: string,
    constructId: JsValue,
    api: JsValue,
    endpoint: JsValue,
    options: JsValue,
    serviceRole: JsValue,
    site: CallSite,
  ): ResourceHandle {
    const authorization = isPlainObject(options)
      ? options.authorizationConfig
      : undefined;
    let authorizationConfig: JsValue;
    if (isPlainObject(authorization))
      authorizationConfig = {
        AuthorizationType: 'AWS_IAM',
        AwsIamConfig: {
          SigningRegion: authorization.signingRegion,
          SigningServiceName: authorization.signingServiceName,
        },
      };
    else if (authorization !== undefined)
      authorizationConfig = new Unknown(
        'authorization of a data source not known statically',
      );
    return this.backedDataSource(
      id,
      constructId,
      api,
      options,
      serviceRole,
      site,
      ['endpoint', 'authorizationConfig'],
      {
        Type: 'HTTP',
        HttpConfig: {
          Endpoint: endpoint,
          AuthorizationConfig: authorizationConfig,
        },
      },
    ).source;
  }

  /**
   * A data source of a GraphQL API backed by a service AppSync calls as a role (aws-appsync/lib/data-source.ts,
   * BackedDataSource): the `serviceRole` given, or one CDK makes below it (`ServiceRole`), which is its grantPrincipal;
   * of the `config` of its type. Named by its options, or by its construct id without what is not a word character;
   * by a name not known where the options are not known. Options other than `modelled` (and the name, description,
   * API and role) are handed on.
   */
  private backedDataSource(
    id: string,
    constructId: JsValue,
    api: JsValue,
    options: JsValue,
    serviceRole: JsValue,
    site: CallSite,
    modelled: string[],
    config: Props,
  ): { source: ResourceHandle; role: JsValue } {
    const known = options === undefined || isPlainObject(options);
    const p: Props = isPlainObject(options) ? options : {};
    this.model.escape(
      known
        ? propsOtherThan(p, [
            'api',
            'name',
            'description',
            'serviceRole',
            ...modelled,
          ])
        : [options],
    );
    const role =
      serviceRole ??
      this.model.iamModel.role(
        `${id}/ServiceRole`,
        {
          assumedBy: this.model.iamModel.principal(
            { Service: 'appsync.amazonaws.com' },
            undefined,
          ),
        },
        site,
      );
    let name: JsValue =
      p.name ??
      (typeof constructId === 'string'
        ? constructId.replace(/[\W]+/g, '')
        : new Unknown('name of a data source'));
    if (!known)
      name = new Unknown(
        'name of a data source of options not known statically',
      );
    const source = this.model.add(id, APPSYNC_DATA_SOURCE, site, {
      ApiId:
        api instanceof ResourceHandle
          ? new Ref(api.id, 'ApiId')
          : new Unknown('API of a data source'),
      Name: name,
      Description: p.description,
      ...config,
      ServiceRoleArn:
        this.model.iamModel.roleArnOf(role) ??
        new Unknown('role not known statically'),
    });
    // Its grantPrincipal: what is granted the data source (`table.grantReadData(source)`) is its role's.
    this.model.iamModel.principalRoles.set(
      id,
      role instanceof ResourceHandle ? role.id : undefined,
    );
    if (isImportedRole(role)) this.model.iamModel.importedRoles.set(id, role);
    return { source, role };
  }

  /**
   * A resolver or pipeline function of a data source (`ds.createResolver`, `api.createResolver`, `new Resolver`,
   * `new AppsyncFunction`; aws-appsync/lib/resolver.ts, appsync-function.ts), at `path`. AppSync invokes a Lambda
   * data source's function asynchronously where its request template asks it to (`"invocationType": "Event"`): an
   * asynchronous caller of the function, which the stack declares as no resource. A request not known statically
   * (code, a template not read) is taken as asking for none, as nearly every one does: a resolver waits for its
   * field's value. Not modelled otherwise.
   */
  lambdaResolver(
    dataSource: JsValue,
    props: JsValue,
    path: string,
    what: 'resolver' | 'pipeline function',
  ): void {
    const p = isPlainObject(props) ? props : {};
    this.model.escape(
      isPlainObject(props)
        ? propsOtherThan(p, [
            'api',
            'dataSource',
            'typeName',
            'fieldName',
            'name',
            'requestMappingTemplate',
            'code',
          ])
        : [props],
    );
    const fn =
      dataSource instanceof ResourceHandle
        ? this.model.lambdaModel.functionBehind(
            this.dataSourceFunctions.get(dataSource.id),
          )
        : undefined;
    // A direct Lambda resolver (neither template nor code) invokes it synchronously; what code asks is not read.
    const template = p.requestMappingTemplate;
    const text =
      p.code === undefined &&
      template instanceof HostObject &&
      template.kind === 'mappingTemplate'
        ? (template.data.text as Value | undefined)
        : undefined;
    if (!fn || !asksForEventInvocation(text)) return;
    let name = path.replace(STACK_MARKERS, '');
    if (
      what === 'resolver' &&
      typeof p.typeName === 'string' &&
      typeof p.fieldName === 'string'
    )
      name = `${p.typeName}.${p.fieldName}`;
    if (what === 'pipeline function' && typeof p.name === 'string')
      name = p.name;
    const caller = `AppSync ${what} ${name}, whose request mapping template asks for an Event invocation`;
    fn.callersElsewhere = [
      ...(fn.callersElsewhere ?? []),
      { id: caller, type: 'AWS::AppSync::Resolver', kind: 'async' },
    ];
  }
}
