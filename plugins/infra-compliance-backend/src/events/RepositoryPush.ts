/**
 * What a push event says, whatever sent it, and where a source location
 * points: the small interface between the providers' payloads (github.ts,
 * gitlab.ts, bitbucketCloud.ts, azureDevOps.ts, bitbucketServer.ts) and the
 * scan on push.
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/** One branch's push, from a provider's push payload. */
export interface RepositoryPush {
  /**
   * The repository's web URLs, each as {@link normalizeRepositoryUrl} writes
   * it: the first names the repository in the log; others are the other
   * ways a location may write it (Azure DevOps has several).
   */
  repositoryUrls: string[];
  branch: string;
  /** The repository's default branch, when the payload says. */
  defaultBranch?: string;
  /**
   * The files the push added, modified or removed (paths in the
   * repository); undefined when the payload does not list them all.
   */
  changedFiles?: string[];
}

/** A `url:` source location, read the way its provider lays out URLs. */
export interface SourceLocation {
  /** As {@link normalizeRepositoryUrl} writes it. */
  repositoryUrl: string;
  /**
   * The branch (or tag, or commit) and the folder, `main/services/orders`,
   * decoded; undefined for a location that names only the repository,
   * which reads its default branch. A branch may hold slashes: which part
   * is the branch is told by the push (see {@link folderOnPushedBranch}).
   */
  refAndPath?: string;
}

/** The push topic of a provider's webhook module, and how to read its payloads and URLs. */
export interface PushProvider {
  topic: string;
  /**
   * One push per branch, all of one repository (the same repositoryUrls).
   * Throws an InputError for a payload it cannot read.
   */
  parsePush(payload: unknown): RepositoryPush[];
  /** Undefined for a URL that is not a repository's, or a folder of one. */
  parseLocation(url: URL): SourceLocation | undefined;
}

/**
 * A repository's URL as keys compare: lower case (hosts and repository
 * paths are case-insensitive), without query, fragment, trailing slashes
 * and `.git`. Undefined for text that is not an http(s) URL.
 */
export function normalizeRepositoryUrl(
  url: string | URL,
  repositoryPath?: string[],
): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return undefined;
  const segments = repositoryPath ?? pathSegments(parsed);
  if (segments.length === 0) return undefined;
  const path = segments
    .join('/')
    .replace(/\.git$/i, '')
    .toLocaleLowerCase('en-US');
  return `${parsed.protocol}//${parsed.host.toLocaleLowerCase(
    'en-US',
  )}/${path}`;
}

/**
 * A repository URL (as {@link normalizeRepositoryUrl} writes it) without
 * its scheme: the key repositories compare by. A server may answer http
 * and https alike, and a location be written with either while the
 * webhook's payload says the other.
 */
export function repositoryKey(repositoryUrl: string): string {
  return repositoryUrl.replace(/^https?:\/\//, '');
}

/**
 * What may follow a repository's path in its locations' URLs, each followed
 * by the `/` the lookup puts at a URL's end: `.git` or not, then the rest
 * of the path, the query, the fragment, or the URL's end.
 */
const PATH_ENDS = ['', '.git'].flatMap(git =>
  ['/', '?', '#'].map(end => `${git}${end}`),
);

/**
 * The searches whose parts, in this order, a stored location of the
 * repository `key` holds (its URL followed by a `/`, each run of slashes
 * read single: see listUrlSourcedEntities), whatever its spelling. The key
 * is cut after its host, which a location may follow with its default
 * port (`host:443`, which the URL parser, and so the key, leaves out), and,
 * in its names, at each character other than an
 * ASCII letter or digit, `-`, `.` or `_`, which a location may write
 * otherwise: percent-encoded as the key writes it (encodeURIComponent), as
 * encodeURI and the URL parser write it (Backstage's Azure DevOps
 * discovery, a location resolved by the catalog: `R&D`, `a@b` left as they
 * are), or not at all (a space written as it is); a non-ASCII letter in
 * another case (which neither database's lower() folds alike). None of
 * them changes `-`, `.` or `_` (nor `~`, but a Bitbucket Server location
 * may write it `%7E`): cut there, a search held other repositories' names
 * too (`my-repo`: `my_repo`, `my-other-repo`). The last part is followed
 * by each way the repository's path may end, one search each (else
 * `acme/shop` held `acme/shop-api`), unless the key ends in a character
 * cut, which the location writes its own way. The caller tells the
 * repository's locations from others that hold the same.
 */
export function keySearches(key: string): string[][] {
  const [host, ...names] = key.split('/');
  let decoded: string[];
  try {
    decoded = names.map(decodeURIComponent);
  } catch {
    return [[key]];
  }
  const cut = [
    `${host}\0`,
    ...decoded.map(name => name.replace(/[^a-z0-9._-]+/gi, '\0')),
  ].join('/');
  const parts = cut.split('\0').filter(Boolean);
  if (cut.endsWith('\0')) return [parts];
  const last = parts.pop();
  return PATH_ENDS.map(end => [...parts, `${last}${end}`]);
}

/** The URL's path segments, as written (percent-encoded), without empty ones. */
export function pathSegments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean);
}

/**
 * The location of `repositoryUrl` whose URL ends in `refSegments`
 * (`<branch>/<folder>`, percent-encoded); undefined when there are none, or
 * one does not decode.
 */
export function locationOnRef(
  repositoryUrl: string,
  refSegments: string[],
): SourceLocation | undefined {
  if (refSegments.length === 0) return undefined;
  try {
    return {
      repositoryUrl,
      refAndPath: refSegments.map(decodeURIComponent).join('/'),
    };
  } catch {
    return undefined;
  }
}

/** The branch a `refs/heads/...` ref names; undefined for a tag or another ref. */
export function branchOfRef(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') && ref.length > 'refs/heads/'.length
    ? ref.slice('refs/heads/'.length)
    : undefined;
}

/** The payload, as `schema` reads it; an InputError naming what is wrong in it otherwise. */
export function parsePayload<T extends z.ZodTypeAny>(
  schema: T,
  payload: unknown,
  topic: string,
): z.infer<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  throw new InputError(
    `Invalid ${topic} payload: ${result.error.issues
      .map(
        issue =>
          `${issue.path.length ? issue.path.join('.') : 'payload'}: ${
            issue.message
          }`,
      )
      .join('; ')}`,
  );
}

/** A web URL in a payload: http(s) only. */
export const webUrl = z
  .string()
  .refine(
    value => normalizeRepositoryUrl(value) !== undefined,
    'must be an http(s) URL of a repository',
  );

/**
 * The folder (in the repository; '' for its root) the location reads on
 * the pushed branch, or undefined when it reads another branch, a tag or a
 * commit. A location naming only the repository reads its default branch;
 * when the payload does not name it, the location is taken to read the
 * pushed branch (its read's ETag makes a push elsewhere cheap to rule out).
 */
export function folderOnPushedBranch(
  location: SourceLocation,
  push: RepositoryPush,
): string | undefined {
  const { refAndPath } = location;
  if (refAndPath === undefined) {
    return push.defaultBranch === undefined ||
      push.defaultBranch === push.branch
      ? ''
      : undefined;
  }
  if (refAndPath === push.branch) return '';
  if (!refAndPath.startsWith(`${push.branch}/`)) return undefined;
  return refAndPath.slice(push.branch.length + 1).replace(/\/+$/, '');
}

/**
 * Each changed file under `folder`, relative to it (a location naming a
 * file, not a folder, gives that file its base name).
 */
export function filesUnder(
  changedFiles: readonly string[],
  folder: string,
): string[] {
  if (folder === '') return [...changedFiles];
  return changedFiles.flatMap(file => {
    if (file.startsWith(`${folder}/`)) return [file.slice(folder.length + 1)];
    if (file === folder) return [file.slice(file.lastIndexOf('/') + 1)];
    return [];
  });
}
