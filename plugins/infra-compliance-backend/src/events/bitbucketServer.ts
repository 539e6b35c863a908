/**
 * Bitbucket Server and Data Center:
 * `@backstage/plugin-events-backend-module-bitbucket-server` routes each
 * webhook delivery posted to topic `bitbucketServer` to
 * `bitbucketServer.<x-event-key>`, the delivery's body as the payload: a
 * push is `bitbucketServer.repo:refs_changed`. Its payload names the refs
 * pushed (`changes[]`), not the files, nor the repository's default branch.
 */
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { z } from 'zod/v3';
import {
  PushProvider,
  RepositoryPush,
  SourceLocation,
  branchOfRef,
  normalizeRepositoryUrl,
  parsePayload,
  pathSegments,
} from './RepositoryPush';

const TOPIC = 'bitbucketServer.repo:refs_changed';

/** The views of a repository's files Backstage's reader takes. */
const FILE_VIEWS = new Set(['browse', 'raw', 'src']);

/**
 * A commit's id: git reads 40 hex digits (64 in a SHA-256 repository) as
 * the commit, even where a branch has that name.
 */
const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/**
 * The REST API's path, after the server's base URL (context path included):
 * its version's, or `latest`, which the server serves alike.
 */
const API_PATH = /\/rest\/api\/(?:1\.0|latest)\/*$/;

const link = z.object({ href: z.string() });

const pushPayload = z.object({
  repository: z.object({
    slug: z.string().min(1).optional(),
    // `KEY`, or `~NAME` for a user's personal repository.
    project: z.object({ key: z.string().min(1) }).optional(),
    // Its web page (`https://host/projects/KEY/repos/slug/browse`) and clone
    // URLs (`https://host/scm/key/slug.git`, ssh's); Atlassian's sample of
    // the 5.x documentation has neither.
    links: z
      .object({
        self: z.array(link).optional(),
        clone: z.array(link).optional(),
      })
      .optional(),
  }),
  changes: z.array(
    // `ref.id` is `refs/heads/main` (or `refs/tags/v1`); `type` ADD, UPDATE or DELETE.
    z.object({ ref: z.object({ id: z.string() }), type: z.string() }),
  ),
});

/**
 * A repository's path up to its slug, a personal repository's owner as its
 * web page writes it: `projects/~name` (the REST API's, which Bitbucket's
 * pages and Backstage's reader take too) as `users/name`.
 */
function ownerAsWebPage(path: string[]): string[] {
  const owner = path.length - 4;
  const personal = /^(?:~|%7e)(.+)$/i.exec(path[owner + 1]);
  return path[owner] === 'projects' && personal
    ? [...path.slice(0, owner), 'users', personal[1], ...path.slice(owner + 2)]
    : path;
}

/**
 * https://host/projects/KEY/repos/slug (a personal repository's:
 * /users/name/repos/slug, or /projects/~name/repos/slug), after the
 * server's context path if any, then /browse/<folder>?at=<branch> (raw/ or
 * src/ too). `at` is `refs/heads/<branch>` or the branch alone; without
 * it, the default branch. The folder is not kept: the payload lists no
 * files.
 */
function parseLocation(url: URL): SourceLocation | undefined {
  const segments = pathSegments(url);
  const owner = segments.findIndex(
    (segment, index) =>
      (segment === 'projects' || segment === 'users') &&
      segments[index + 2] === 'repos' &&
      index + 3 < segments.length,
  );
  if (owner === -1) return undefined;
  const repositoryUrl = normalizeRepositoryUrl(
    url,
    ownerAsWebPage(segments.slice(0, owner + 4)),
  )!;
  const view = segments[owner + 4];
  if (view !== undefined && !FILE_VIEWS.has(view)) return undefined;
  const at = url.searchParams.get('at');
  if (!at) return { repositoryUrl };
  // A tag (`refs/tags/...`), another ref, or a commit (whose tree no push
  // changes) is on no branch.
  if (COMMIT_ID.test(at)) return undefined;
  const branch = at.startsWith('refs/') ? branchOfRef(at) : at;
  return branch === undefined
    ? undefined
    : { repositoryUrl, refAndPath: branch };
}

/** The web URL of the repository `slug` of project `key` (or `~name`) on the server at `baseUrl`. */
function repositoryWebUrl(
  baseUrl: string,
  key: string,
  slug: string,
): string | undefined {
  const owner = key.startsWith('~')
    ? ['users', key.slice(1)]
    : ['projects', key];
  return normalizeRepositoryUrl(
    `${baseUrl.replace(/\/+$/, '')}/${[...owner, 'repos', slug]
      .map(encodeURIComponent)
      .join('/')}`,
  );
}

/** `href` parsed; undefined when not a URL. */
function parseUrl(href: string): URL | undefined {
  try {
    return new URL(href);
  } catch {
    return undefined;
  }
}

/** `href` parsed, when an http(s) URL. */
function httpUrl(href: string): URL | undefined {
  const url = parseUrl(href);
  return url?.protocol === 'https:' || url?.protocol === 'http:'
    ? url
    : undefined;
}

/** The repository's web URL, from its web page's (`links.self`). */
function fromWebPage(href: string): string | undefined {
  const url = httpUrl(href);
  return url && parseLocation(url)?.repositoryUrl;
}

/** The repository's web URL, from its http(s) clone URL, `https://host[/context]/scm/key/slug.git`. */
function fromCloneUrl(href: string): string | undefined {
  const url = httpUrl(href);
  if (!url) return undefined;
  const segments = pathSegments(url);
  if (segments.length < 3 || segments[segments.length - 3] !== 'scm')
    return undefined;
  let key: string;
  let slug: string;
  try {
    [key, slug] = segments.slice(-2).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  return repositoryWebUrl(
    `${url.origin}/${segments.slice(0, -3).join('/')}`,
    key,
    slug.replace(/\.git$/i, ''),
  );
}

/**
 * The web URLs, each a personal repository's (`users/name/repos/slug`)
 * followed by the same written as a location may write it too,
 * `projects/~name/repos/slug`: the lookup's other search (the location is
 * read as the first).
 */
function withPersonalProjectForms(urls: string[]): string[] {
  return urls.flatMap(url => {
    const personal = /^(.*)\/users\/([^/]+)(\/repos\/[^/]+)$/.exec(url);
    return personal
      ? [url, `${personal[1]}/projects/~${personal[2]}${personal[3]}`]
      : [url];
  });
}

/** A configured Bitbucket Server. */
interface Server {
  /** Its web pages' base URL, context path included. */
  baseUrl: string;
  /** Its host's name, in lower case; undefined when the base URL is none (a mistyped apiBaseUrl). */
  hostname?: string;
}

/**
 * The pushed repository's web URLs: from its web page's URL, else its http(s)
 * clone URL, else its project key and slug on the configured Bitbucket
 * Servers whose host a link of the repository names (its ssh clone URL,
 * say), else on each of them.
 */
function repositoryUrls(
  repository: z.infer<typeof pushPayload>['repository'],
  servers: readonly Server[],
): string[] {
  const { self = [], clone = [] } = repository.links ?? {};
  const linked = [
    ...self.map(({ href }) => fromWebPage(href)),
    ...clone.map(({ href }) => fromCloneUrl(href)),
  ].find(url => url !== undefined);
  if (linked) return withPersonalProjectForms([linked]);
  const unknown = `Invalid ${TOPIC} payload: repository: neither links.self nor links.clone holds the URL of a Bitbucket Server repository, and`;
  const { project, slug } = repository;
  if (!project || !slug)
    throw new InputError(`${unknown} it names no project key and slug`);
  const linkedHosts = new Set(
    [...self, ...clone].flatMap(
      ({ href }) => parseUrl(href)?.hostname.toLocaleLowerCase('en-US') ?? [],
    ),
  );
  const linkedServers = servers.filter(
    ({ hostname }) => hostname !== undefined && linkedHosts.has(hostname),
  );
  const urls = (linkedServers.length ? linkedServers : servers).flatMap(
    ({ baseUrl }) => repositoryWebUrl(baseUrl, project.key, slug) ?? [],
  );
  if (urls.length === 0) {
    throw new InputError(
      `${unknown} no integrations.bitbucketServer is configured to find its project key and slug on`,
    );
  }
  return withPersonalProjectForms([...new Set(urls)]);
}

/** Bitbucket Server's pushes, its servers those `integrations.bitbucketServer` configures. */
export function bitbucketServerPushes(
  integrations: ScmIntegrationRegistry,
): PushProvider {
  // Each server's base URL: its API's without the API's path.
  const servers = integrations.bitbucketServer
    .list()
    .map(({ config: { host, apiBaseUrl } }): Server => {
      const baseUrl = API_PATH.test(apiBaseUrl)
        ? apiBaseUrl.replace(API_PATH, '')
        : `https://${host}`;
      return { baseUrl, hostname: parseUrl(baseUrl)?.hostname };
    });
  return {
    topic: TOPIC,
    parsePush(payload: unknown): RepositoryPush[] {
      const push = parsePayload(pushPayload, payload, TOPIC);
      const urls = repositoryUrls(push.repository, servers);
      // A tag, or a deleted branch: nothing of a branch to read.
      const branches = new Set(
        push.changes.flatMap(change => {
          const branch = branchOfRef(change.ref.id);
          return branch && change.type !== 'DELETE' ? [branch] : [];
        }),
      );
      return [...branches].map(branch => ({ repositoryUrls: urls, branch }));
    },
    parseLocation,
  };
}
