/**
 * Bitbucket Cloud: `@backstage/plugin-events-backend-module-bitbucket-cloud`
 * publishes each webhook delivery under `bitbucketCloud.<x-event-key>`, the
 * delivery's body as the payload: a push is `bitbucketCloud.repo:push`.
 * Its payload names the branches pushed (`push.changes[].new`), not the
 * files, nor (usually) the repository's main branch.
 */
import { z } from 'zod/v3';
import {
  PushProvider,
  RepositoryPush,
  locationOnRef,
  normalizeRepositoryUrl,
  parsePayload,
  pathSegments,
  webUrl,
} from './RepositoryPush';

const ref = z.object({ type: z.string(), name: z.string() });

const pushPayload = z.object({
  repository: z.object({
    links: z.object({ html: z.object({ href: webUrl }) }),
    mainbranch: z.object({ name: z.string() }).optional(),
  }),
  push: z.object({
    // `new` is null for a deleted branch or tag.
    changes: z.array(z.object({ new: ref.nullable().optional() })),
  }),
});

export const bitbucketCloudPushes: PushProvider = {
  topic: 'bitbucketCloud.repo:push',
  parsePush(payload: unknown): RepositoryPush[] {
    const push = parsePayload(pushPayload, payload, 'bitbucketCloud.repo:push');
    const repositoryUrl = normalizeRepositoryUrl(
      push.repository.links.html.href,
    )!;
    const branches = new Set(
      push.push.changes.flatMap(change =>
        change.new?.type === 'branch' ? [change.new.name] : [],
      ),
    );
    return [...branches].map(branch => ({
      repositoryUrls: [repositoryUrl],
      branch,
      defaultBranch: push.repository.mainbranch?.name,
    }));
  },
  // https://bitbucket.org/workspace/repo, or .../src/<branch>/<folder>.
  parseLocation(url: URL) {
    const segments = pathSegments(url);
    if (segments.length < 2) return undefined;
    const repositoryUrl = normalizeRepositoryUrl(url, segments.slice(0, 2))!;
    if (segments.length === 2) return { repositoryUrl };
    if (segments[2] !== 'src') return undefined;
    return locationOnRef(repositoryUrl, segments.slice(3));
  },
};
