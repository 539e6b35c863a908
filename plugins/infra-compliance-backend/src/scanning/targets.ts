/**
 * Which tree to scan for a catalog entity, or why it cannot be scanned.
 *
 * - `backstage.io/source-location: url:<url>` → read with UrlReaderService.readTree.
 * - `backstage.io/source-location: dir:<path>` / `file:<path>` → a directory or
 *   file on local disk, relative to the directory of the entity's `file:`
 *   managed-by location (`backstage.io/managed-by-location:
 *   file:/abs/path/catalog-info.yaml`), never outside that directory.
 * - no source location, but a `file:` managed-by location → the directory of
 *   that file (what the local examples use).
 * - `infra-compliance/skip: "true"` opts out; `infra-compliance/paths`
 *   (comma-separated globs) narrows the scan.
 */
import path from 'node:path';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityInfo } from '../types';

export const ANNOTATION_PATHS = 'infra-compliance/paths';
export const ANNOTATION_SKIP = 'infra-compliance/skip';

export type ScanTarget =
  | {
      type: 'url';
      /** The URL Backstage's reader reads (see readableUrl). */
      url: string;
      /** The location as the catalog writes it: what a scan records and names. */
      location: string;
      include: string[];
    }
  | {
      type: 'dir' | 'file';
      /** Absolute path of the directory or file to scan. */
      path: string;
      /**
       * The location as the catalog writes it (relative to the folder of
       * the entity's catalog file, or absolute; `.` without one): what a
       * scan records and names, not the backend's disk path.
       */
      location: string;
      /** The directory the target must stay inside (the managed-by file's directory). */
      boundary: string;
      include: string[];
    };

export interface ResolvedEntity {
  info: EntityInfo;
  target?: ScanTarget;
}

/** Lower-case entity ref: the key of every table. */
export function normalizeEntityRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

function relationTarget(
  entity: Entity,
  type: string,
  kind?: string,
): string | undefined {
  const relation = entity.relations?.find(
    candidate =>
      candidate.type === type &&
      (!kind ||
        parseEntityRef(candidate.targetRef).kind.toLocaleLowerCase('en-US') ===
          kind),
  );
  return relation ? normalizeEntityRef(relation.targetRef) : undefined;
}

function specRef(
  entity: Entity,
  field: string,
  defaultKind: string,
): string | undefined {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return normalizeEntityRef(
      stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind,
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return undefined;
  }
}

/**
 * `value` cut to the first `max` characters, the length of its column
 * (PostgreSQL refuses longer strings; the catalog does not bound these).
 */
export function truncate(value: string, max: number): string {
  const characters = [...value];
  return characters.length > max ? characters.slice(0, max).join('') : value;
}

function specString(entity: Entity, field: string): string | undefined {
  const value = entity.spec?.[field];
  return typeof value === 'string' && value ? truncate(value, 63) : undefined;
}

/** The globs of `infra-compliance/paths`. */
export function parsePathsAnnotation(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map(glob => glob.trim())
    .filter(Boolean);
}

/**
 * The URL Backstage's reader is to read `location` (parsed as `url`) at: an
 * Azure DevOps location's `version` with its `+` percent-encoded. A ref's
 * name holds no space, so a `+` there is a plus, which the Azure reader,
 * decoding the query as a form, would read as a space (a branch that
 * cannot be). Any other URL as it is.
 */
function readableUrl(location: string, url: URL): string {
  if (!url.pathname.split('/').includes('_git')) return location;
  return location.replace(
    /([?&]version=)([^&#]*)/,
    (_, name, value) => `${name}${value.replace(/\+/g, '%2B')}`,
  );
}

/** A URL's scheme (`https:`); a path's drive (`C:`) is none. */
const URL_SCHEME = /^\s*[a-z][a-z\d+.-]+:/i;

/**
 * The user and password of a URL (`https://user:token@host/…`), as a URL
 * parser reads them: up to the last `@` before the path.
 */
const URL_USER_INFO = /^(\s*[a-z][a-z\d+.-]+:[\\/]*)[^\\/?#]*@/i;

/**
 * The names, and the ends of names, of the query parameters that hold a
 * credential (read as isSecretQueryParameter writes them): a token
 * (GitHub's raw files, GitLab's private, job and OAuth tokens, an AWS
 * session's), a key or its id (`api_key`, `x-api-key`, Azure API
 * Management's `subscription-key`, `AWSAccessKeyId`), a password, a secret,
 * a signature and what names its signer (an Azure SAS's `sig`, an AWS or
 * Google signed URL's `X-Amz-Signature`, `X-Goog-Credential`,
 * `GoogleAccessId`), an Azure Function's or OAuth's `code`. The parameters
 * of the hosts' own locations (GitLab's `ref_type`, Bitbucket's `at`, Azure
 * DevOps' `path` and `version`, `ref`, `branch`; a SAS's `sv`, `se`, `sp`, a
 * signed URL's `X-Amz-Date`, `X-Amz-SignedHeaders`, `Expires`) are none.
 */
const SECRET_QUERY_NAMES = new Set(['sig', 'code', 'pass', 'pwd']);
const SECRET_QUERY_NAME_ENDS =
  /(?:token|key|keyid|accessid|signature|credentials?|auth|authorization)$/;
const SECRET_QUERY_NAME_PARTS = /secret|password|passwd/;

/**
 * Whether a query parameter (`name=value`, as written) holds a credential
 * (see SECRET_QUERY_NAMES): its name in any case, percent-decoded, without
 * its separators (`private_token`, `X-Amz-Signature`, `api-key` and
 * `apiKey` alike).
 */
function isSecretQueryParameter(parameter: string): boolean {
  const written = parameter.split('=')[0];
  let name: string;
  try {
    name = decodeURIComponent(written);
  } catch {
    name = written;
  }
  name = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    SECRET_QUERY_NAMES.has(name) ||
    SECRET_QUERY_NAME_ENDS.test(name) ||
    SECRET_QUERY_NAME_PARTS.test(name)
  );
}

/**
 * The parameters of a query or fragment (`ref=main&token=…;path=infra`)
 * that `keep` keeps, each after the separator it was written after (`&`,
 * `;` as an older form separates them, or `\u0026`, the `&` of a URL
 * quoted in a JSON body that escapes it, as Go's and Rails' do), the first
 * after none; undefined when it keeps none.
 */
function keptParameters(
  parameters: string,
  keep: (parameter: string) => boolean,
): string | undefined {
  // Each parameter after its separator: ['', 'ref=main', '&', 'token=…', …].
  const parts = ['', ...parameters.split(/(&|;|\\u0026)/i)];
  const kept: string[] = [];
  for (let at = 0; at < parts.length; at += 2) {
    if (keep(parts[at + 1]))
      kept.push(kept.length === 0 ? parts[at + 1] : parts[at] + parts[at + 1]);
  }
  return kept.length === 0 ? undefined : kept.join('');
}

/**
 * A URL source location's target as the plugin shows it (its API, the
 * SARIF export, links to files, a failed scan's error, logs): without the
 * credentials the catalog may hold written into it, a user and password
 * (`https://user:token@host/…`) or a token in its query
 * (`?private_token=…`, `?api_key=…`, see SECRET_QUERY_NAMES), or in its
 * fragment as an OAuth implicit flow's redirect holds it
 * (`#access_token=…`), which Backstage's reader is handed but no reader of
 * what the plugin says is to see. They are cut from the text, the rest as
 * the catalog writes it (a space, a `+`, the host's case), also where the
 * URL is invalid, or written with its slashes escaped as JSON does
 * (`https:\/\/user:token@host\/…`); a URL without them, and a path, as it
 * is. A fragment's name without a value (`#code`) is an anchor, kept.
 */
export function locationWithoutCredentials(target: string): string {
  if (!URL_SCHEME.test(target)) return target;
  const withoutUserInfo = target.replace(URL_USER_INFO, '$1');
  const [, beforeQuery, query, fragment] =
    /^([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(withoutUserInfo)!;
  const keptQuery =
    query === undefined
      ? undefined
      : keptParameters(query, parameter => !isSecretQueryParameter(parameter));
  const keptFragment =
    fragment === undefined
      ? undefined
      : keptParameters(
          fragment,
          parameter =>
            !parameter.includes('=') || !isSecretQueryParameter(parameter),
        );
  return `${beforeQuery}${keptQuery === undefined ? '' : `?${keptQuery}`}${
    keptFragment === undefined ? '' : `#${keptFragment}`
  }`;
}

/**
 * A URL quoted in a text, as a URL parser writes it (without a space), or
 * with its slashes escaped as in a JSON body (`https:\/\/host\/…`): from
 * its scheme to a space, a quote or a bracket, which end a quote. Sought
 * only from the start of a run of a scheme's characters (a scheme starts at
 * its first letter: what is before is kept), which is read once: sought
 * from each of them, a long run without `://` (a hex dump in an error) was
 * read again from each, in a time that grew as its square.
 */
const QUOTED_URL =
  /(?<![a-z\d+.-])([\d+.-]*)([a-z][a-z\d+.-]*:\\?\/\\?\/[^\s'"`<>]+)/gi;

/**
 * What closes a sentence, a bracket or an escaped quote (`\"` in JSON) at
 * the end of a quoted URL (`(see https://…?private_token=…).`): the text's
 * rather than the URL's, kept after it, not left out with a query
 * parameter that ends the URL.
 */
const AFTER_QUOTED_URL = ')]},.;:!?\\';

/** A URL quoted in a text without its credentials (see QUOTED_URL), what follows it as it is. */
function quotedUrlWithoutCredentials(quoted: string): string {
  let end = quoted.length;
  while (end > 0 && AFTER_QUOTED_URL.includes(quoted[end - 1])) end--;
  return `${locationWithoutCredentials(quoted.slice(0, end))}${quoted.slice(
    end,
  )}`;
}

/**
 * A text that may quote a source location, such as a failed scan's error
 * (a reader's error quotes the URL it was handed: `Reading from
 * 'https://user:token@…' is not allowed`), without the credentials of that
 * location (see locationWithoutCredentials): the location as the catalog
 * writes it, and as the reader is handed it (see readableUrl), are each
 * replaced by the location without them; then any other URL it quotes, as
 * a reader may rewrite it (GitLab's, in its API's form: `… could not be
 * read as https://user:token@host/api/v4/projects/…`; a fetch, parsed: the
 * host lower-cased), is left without its own, whatever the location (none:
 * a scan that failed before it was read). Used as the error is stored,
 * and as it is read (an earlier version stored it as the reader wrote it).
 */
export function textWithoutLocationCredentials(
  text: string,
  location: string | undefined,
): string {
  const quoted: string[] = [];
  if (location) {
    try {
      quoted.push(readableUrl(location, new URL(location)));
    } catch {
      // an invalid URL was never handed to a reader
    }
    quoted.push(location);
  }
  return quoted
    .reduce(
      (withoutCredentials, written) =>
        withoutCredentials
          .split(written)
          .join(locationWithoutCredentials(written)),
      text,
    )
    .replace(
      QUOTED_URL,
      (_, before: string, quotedUrl: string) =>
        `${before}${quotedUrlWithoutCredentials(quotedUrl)}`,
    );
}

/** Resolves what to scan for an entity; `target` is undefined with `info.unscannableReason` set. */
export function resolveEntity(entity: Entity): ResolvedEntity {
  const entityRef = normalizeEntityRef(stringifyEntityRef(entity));
  const annotations = entity.metadata.annotations ?? {};
  const info: EntityInfo = {
    entityRef,
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    title:
      typeof entity.metadata.title === 'string'
        ? truncate(entity.metadata.title, 255)
        : undefined,
    ownerRef:
      relationTarget(entity, RELATION_OWNED_BY) ??
      specRef(entity, 'owner', 'group'),
    systemRef:
      relationTarget(entity, RELATION_PART_OF, 'system') ??
      specRef(entity, 'system', 'system'),
    lifecycle: specString(entity, 'lifecycle'),
    type: specString(entity, 'type'),
    scannable: false,
  };
  const unscannable = (reason: string): ResolvedEntity => ({
    info: { ...info, scannable: false, unscannableReason: reason },
  });

  if (
    (annotations[ANNOTATION_SKIP] ?? '').trim().toLocaleLowerCase('en-US') ===
    'true'
  ) {
    return unscannable(`Opted out with the ${ANNOTATION_SKIP} annotation`);
  }
  const include = parsePathsAnnotation(annotations[ANNOTATION_PATHS]);
  for (const glob of include) {
    if (glob.startsWith('/') || glob.split('/').includes('..')) {
      return unscannable(
        `${ANNOTATION_PATHS} glob "${glob}" must be relative and stay inside the repository`,
      );
    }
  }

  const sourceLocation = annotations[ANNOTATION_SOURCE_LOCATION];
  const managedBy = annotations[ANNOTATION_LOCATION];
  let managedByFile: string | undefined;
  if (managedBy) {
    try {
      const location = parseLocationRef(managedBy);
      if (location.type === 'file' && path.isAbsolute(location.target)) {
        managedByFile = path.normalize(location.target);
      }
    } catch {
      // an invalid managed-by location only matters when we need it below
    }
  }

  if (!sourceLocation) {
    if (!managedByFile) {
      return unscannable(
        `No ${ANNOTATION_SOURCE_LOCATION} annotation, and the entity is not managed by a file: location`,
      );
    }
    const directory = path.dirname(managedByFile);
    // As `dir:.` would name it.
    return {
      info: {
        ...info,
        scannable: true,
        sourceType: 'dir',
        sourceTarget: '.',
      },
      target: {
        type: 'dir',
        path: directory,
        location: '.',
        boundary: directory,
        include,
      },
    };
  }

  let location: { type: string; target: string };
  try {
    location = parseLocationRef(sourceLocation);
  } catch (error) {
    // A URL without its url: prefix: quoted, by the catalog's error too.
    return unscannable(
      textWithoutLocationCredentials(
        `Invalid ${ANNOTATION_SOURCE_LOCATION} "${sourceLocation}": ${
          (error as Error).message
        }`,
        sourceLocation,
      ),
    );
  }

  if (location.type === 'url') {
    let url: URL;
    try {
      url = new URL(location.target);
    } catch {
      return unscannable(
        `Invalid ${ANNOTATION_SOURCE_LOCATION} URL "${locationWithoutCredentials(
          location.target,
        )}"`,
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return unscannable(
        `Unsupported ${ANNOTATION_SOURCE_LOCATION} URL scheme ${url.protocol}`,
      );
    }
    return {
      info: {
        ...info,
        scannable: true,
        sourceType: 'url',
        sourceTarget: location.target,
      },
      target: {
        type: 'url',
        url: readableUrl(location.target, url),
        location: location.target,
        include,
      },
    };
  }

  if (location.type === 'dir' || location.type === 'file') {
    if (!managedByFile) {
      return unscannable(
        `A ${location.type}: source location needs a file: managed-by location to be relative to`,
      );
    }
    const boundary = path.dirname(managedByFile);
    if (location.target.split(/[\\/]/).includes('..')) {
      return unscannable(
        `${location.type}:${location.target} must not contain ".."`,
      );
    }
    const resolved = path.resolve(boundary, location.target);
    const relative = path.relative(boundary, resolved);
    // A first name equal to `..` leaves it: `..config` is a folder in it.
    if (relative.split(path.sep)[0] === '..' || path.isAbsolute(relative)) {
      return unscannable(
        `${location.type}:${location.target} leaves the directory of the entity's catalog file`,
      );
    }
    return {
      info: {
        ...info,
        scannable: true,
        sourceType: location.type,
        sourceTarget: location.target,
      },
      target: {
        type: location.type,
        path: resolved,
        location: location.target,
        boundary,
        include,
      },
    };
  }

  return unscannable(
    `Unsupported ${ANNOTATION_SOURCE_LOCATION} type "${location.type}"`,
  );
}

/**
 * Why an entity of `kind` is out of scope, or undefined when `kinds` (the
 * configured `infraCompliance.kinds`, case-insensitive) names it. Entities
 * of other kinds (a Group, a User, a Location…) are never registered nor
 * scanned: the folder of a group's catalog file is not its code.
 */
export function kindNotScannedReason(
  kind: string,
  kinds: readonly string[],
): string | undefined {
  const wanted = kind.toLocaleLowerCase('en-US');
  if (kinds.some(candidate => candidate.toLocaleLowerCase('en-US') === wanted))
    return undefined;
  return `Infra Compliance does not scan entities of kind ${kind} (infraCompliance.kinds: ${kinds.join(
    ', ',
  )})`;
}

/** Stable shard of an entity: FNV-1a 32-bit hash of its (lower-case) ref, mod `shards`. */
export function shardOf(entityRef: string, shards: number): number {
  let hash = 0x811c9dc5;
  const text = normalizeEntityRef(entityRef);
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}
