/**
 * Construct paths as the model writes them: each is below a marker of its stack (see stackPath), of the app, or of a
 * scope not known statically.
 */
import {
  HostObject,
  Instance,
  JsValue,
  ResourceHandle,
} from '../../pulumi/interpreter';

export const PATH = '__constructPath';

/**
 * The construct path of the app's stack numbered `n`: a marker before the
 * paths of what it holds (`\uE0002/Orders/Handler`). While the app is read,
 * ids are unique across its stacks, which may hold constructs of one path;
 * in its stack's graph, each is the path below the stack (see {@link CdkModel.finish}).
 */
export function stackPath(n: number): string {
  return `\uE000${n}`;
}

/** The markers of stacks before the paths in a text (an id, or a text made from ids). */
export const STACK_MARKERS = /\uE000(\d+)\/?/g;

/**
 * The construct path of the app (`new App()`), the root of every construct
 * path of the program's constructs: a tag on it reaches every stack.
 */
export const APP_PATH = '\uE001';

/**
 * The scope of a tag on a construct not modelled or on what is surely below
 * one (`vpc.publicSubnets[0]`, see {@link CdkModel.memberOfUnknown}): it
 * reaches what may be below such a construct, that is what has a scope not
 * known in its scope path (see {@link CdkModel.scopePathsOf}).
 */
export const SCOPE_NOT_KNOWN = '\uE002';

/**
 * The scope of a tag on any other scope not known statically (a child of
 * `this.node.children`, `flag ? this : queue`, what a package not read
 * returns): it may be any scope, the innermost above a resource too, so it
 * reaches every resource, last of their scopes (see {@link TagsModel.tagScopesOf}).
 */
export const ANY_SCOPE = '\uE003';

/** The number of the stack of a construct path; undefined for a construct in a scope not known statically. */
export function stackOfPath(path: string): number | undefined {
  const marker = /^\uE000(\d+)/.exec(path);
  return marker ? Number(marker[1]) : undefined;
}

/** The construct path of a scope: a construct of the app's classes, a plain `new Construct(scope, id)`, or one modelled as no resource. */
export function scopePath(scope: JsValue): JsValue {
  if (scope instanceof Instance) return scope.fields.get(PATH);
  // A REST API's resource, of a path known: what is made in it is below it, as the methods it adds.
  if (
    scope instanceof HostObject &&
    scope.kind === 'apiResource' &&
    Array.isArray(scope.data.path)
  ) {
    return apiConstructPath(
      scope.data.api as ResourceHandle,
      scope.data.path as string[],
    );
  }
  // A REST API's Lambda authorizer, a construct (an HTTP or WebSocket route's is none: it has no path).
  if (scope instanceof HostObject && scope.kind === 'lambdaAuthorizer')
    return scope.data.path;
  return scope instanceof HostObject && scope.kind === 'scope'
    ? scope.data.path
    : undefined;
}

/** The construct path of a REST API's resource or method at `path` (`<api>/Default/orders/GET`): its root's is `Default`. */
export function apiConstructPath(api: ResourceHandle, path: string[]): string {
  return [api.id, 'Default', ...path].join('/');
}
