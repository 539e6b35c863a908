/**
 * Bitbucket Server and Data Center:
 * `@backstage/plugin-events-backend-module-bitbucket-server` routes each
 * webhook delivery posted to topic `bitbucketServer` to
 * `bitbucketServer.<x-event-key>`, the delivery's body as the payload: a
 * push is `bitbucketServer.repo:refs_changed`. Its payload names the refs
 * pushed (`changes[]`), not the files, nor the repository's default branch.
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import {
  PushProvider,
  RepositoryPush,
  SourceLocation,
  branchOfRef,
  normalizeRepositoryUrl,
  parsePayload,
  pathSegments,
  webUrl,
} from './RepositoryPush';

const TOPIC = 'bitbucketServer.repo:refs_changed';

/** The views of a repository's files Backstage's reader takes. */
const FILE_VIEWS = new Set(['browse', 'raw', 'src']);

const pushPayload = z.object({
  repository: z.object({
    // The repository's web page, `https://host/projects/KEY/repos/slug/browse`.
    links: z.object({ self: z.array(z.object({ href: webUrl })).min(1) }),
  }),
  changes: z.array(
    // `ref.id` is `refs/heads/main` (or `refs/tags/v1`); `type` ADD, UPDATE or DELETE.
    z.object({ ref: z.object({ id: z.string() }), type: z.string() }),
  ),
});

/**
 * https://host/projects/KEY/repos/slug (a personal repository's:
 * /users/name/repos/slug), after the server's context path if any, then
 * /browse/<folder>?at=<branch> (raw/ or src/ too). `at` is
 * `refs/heads/<branch>` or the branch alone; without it, the default
 * branch. The folder is not kept: the payload lists no files.
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
    segments.slice(0, owner + 4),
  )!;
  const view = segments[owner + 4];
  if (view !== undefined && !FILE_VIEWS.has(view)) return undefined;
  const at = url.searchParams.get('at');
  if (!at) return { repositoryUrl };
  // A tag (`refs/tags/...`) or another ref is on no branch.
  const branch = at.startsWith('refs/') ? branchOfRef(at) : at;
  return branch === undefined
    ? undefined
    : { repositoryUrl, refAndPath: branch };
}

export const bitbucketServerPushes: PushProvider = {
  topic: TOPIC,
  parsePush(payload: unknown): RepositoryPush[] {
    const push = parsePayload(pushPayload, payload, TOPIC);
    const location = parseLocation(new URL(push.repository.links.self[0].href));
    if (!location) {
      throw new InputError(
        `Invalid ${TOPIC} payload: repository.links.self: not the URL of a Bitbucket Server repository`,
      );
    }
    // A tag, or a deleted branch: nothing of a branch to read.
    const branches = new Set(
      push.changes.flatMap(change => {
        const branch = branchOfRef(change.ref.id);
        return branch && change.type !== 'DELETE' ? [branch] : [];
      }),
    );
    return [...branches].map(branch => ({
      repositoryUrls: [location.repositoryUrl],
      branch,
    }));
  },
  parseLocation,
};
