/** References to resources and ARNs, as CDK writes them in a template. */
import { Ref, Unknown, Value, concat } from '../../../graph/values';
import {
  ResourceHandle,
  toGraphValue,
  JsValue,
  Namespace,
  isPlainObject,
} from '../../pulumi/interpreter';
import { Props } from './props';

/** `stack.formatArn` of a resource of `service` in the stack's partition, region and account (see formatArn). */
export function stackArn(service: string, resource: Value[]): Value {
  return concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    `:${service}:`,
    Unknown.oneValue('AWS::Region'),
    ':',
    Unknown.oneValue('AWS::AccountId'),
    ':',
    ...resource,
  ]);
}

/** A construct used as a value: a reference to it. */
export function ref(resource: ResourceHandle): Value {
  return new Ref(resource.id);
}

/** The execute-api ARN of an API (`Stack.formatArn` with service execute-api), with what `below` it follows its id. */
export function apiArn(apiId: Value, below: Value[]): Value {
  return concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    ':execute-api:',
    Unknown.oneValue('AWS::Region'),
    ':',
    Unknown.oneValue('AWS::AccountId'),
    ':',
    apiId,
    ...below,
  ]);
}

/**
 * `restApi.arnForExecuteApi(method, path, stage)` (aws-apigateway/lib/restapi.ts) as targets.ApiGateway calls it:
 * any method (`*`, also for ANY in any case), path `/`, and the API's deployment stage unless its options name them.
 */
export function executeApiArn(restApiId: Value, options: Props): Value {
  const anyMethod =
    options.method === undefined ||
    (typeof options.method === 'string' &&
      options.method.toUpperCase() === 'ANY');
  const method = anyMethod
    ? '*'
    : toGraphValue(options.method, ref) ??
      new Unknown('method of an API Gateway target');
  const stage =
    options.stage === undefined
      ? new Unknown("REST API's deployment stage")
      : toGraphValue(options.stage, ref) ??
        new Unknown('stage of an API Gateway target');
  const path =
    options.path === undefined
      ? '/'
      : toGraphValue(options.path, ref) ??
        new Unknown('path of an API Gateway target');
  return apiArn(restApiId, ['/', stage, '/', method, path]);
}

/**
 * `stack.formatArn(components)` (core/lib/arn.ts, Arn.format): in the stack's partition, region and account unless the
 * components name others.
 */
export function formatArn(components: JsValue): Value {
  const { arnFormat, resourceName } = isPlainObject(components)
    ? components
    : {};
  // `cdk.ArnFormat.COLON_RESOURCE_NAME`, a namespace of the CDK's (see namespaceMember).
  const format =
    arnFormat === undefined
      ? 'SLASH_RESOURCE_NAME'
      : arnFormat instanceof Namespace &&
        /^cdk\.ArnFormat\.([A-Z_]+)$/.exec(arnFormat.path)?.[1];
  if (!isPlainObject(components) || !format)
    return new Unknown('an ARN of components not known statically');
  const part = (value: JsValue, pseudo?: string) =>
    value === undefined && pseudo
      ? Unknown.oneValue(pseudo)
      : toGraphValue(value, ref) ??
        new Unknown('a part of an ARN not known statically');
  const sep = components.sep ?? (format === 'COLON_RESOURCE_NAME' ? ':' : '/');
  return concat([
    'arn:',
    part(components.partition, 'AWS::Partition'),
    ':',
    part(components.service),
    ':',
    part(components.region, 'AWS::Region'),
    ':',
    part(components.account, 'AWS::AccountId'),
    ':',
    ...(format === 'SLASH_RESOURCE_SLASH_RESOURCE_NAME' ? ['/'] : []),
    part(components.resource),
    ...(resourceName === undefined ? [] : [part(sep), part(resourceName)]),
  ]);
}

/** The ARN of a key's alias of `name`, which is also the ARN CDK uses the key by (aws-kms/lib/alias.ts, keyArn). */
export function aliasArn(name: Value): Value {
  return stackArn('kms', [name]);
}
