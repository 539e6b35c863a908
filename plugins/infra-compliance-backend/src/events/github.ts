/**
 * GitHub: `@backstage/plugin-events-backend-module-github` publishes each
 * webhook delivery under `github.<x-github-event>`, the delivery's body as
 * the payload: a push is `github.push`.
 */
import { z } from 'zod/v3';
import {
  PushProvider,
  RepositoryPush,
  branchOfRef,
  locationOnRef,
  normalizeRepositoryUrl,
  parsePayload,
  pathSegments,
  webUrl,
} from './RepositoryPush';

/**
 * GitHub's push payload lists at most 2048 commits, and at most 3000 files
 * in each list of a commit (added, removed, modified): a full list may have
 * been cut.
 */
const MAX_COMMITS = 2048;
const MAX_FILES_PER_LIST = 3000;

const files = z.array(z.string()).optional();

const pushPayload = z.object({
  ref: z.string(),
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  repository: z.object({
    html_url: webUrl,
    default_branch: z.string().optional(),
  }),
  commits: z
    .array(z.object({ added: files, removed: files, modified: files }))
    .optional(),
});

function changedFiles(push: z.infer<typeof pushPayload>): string[] | undefined {
  const commits = push.commits ?? [];
  // A new branch's or a forced push's commits do not say how its tree
  // differs from what was scanned; no commits (a branch reset) neither.
  if (push.created || push.forced || commits.length === 0) return undefined;
  if (commits.length >= MAX_COMMITS) return undefined;
  const changed = new Set<string>();
  for (const commit of commits) {
    for (const list of [commit.added, commit.removed, commit.modified]) {
      if (!list || list.length >= MAX_FILES_PER_LIST) return undefined;
      for (const file of list) changed.add(file);
    }
  }
  return [...changed];
}

export const githubPushes: PushProvider = {
  topic: 'github.push',
  parsePush(payload: unknown): RepositoryPush[] {
    const push = parsePayload(pushPayload, payload, 'github.push');
    const branch = branchOfRef(push.ref);
    // A tag, or a deleted branch: nothing of a branch to read.
    if (!branch || push.deleted) return [];
    return [
      {
        repositoryUrls: [normalizeRepositoryUrl(push.repository.html_url)!],
        branch,
        defaultBranch: push.repository.default_branch,
        changedFiles: changedFiles(push),
      },
    ];
  },
  // https://github.com/org/repo, or .../tree/<branch>/<folder> (blob/ for a file).
  parseLocation(url: URL) {
    const segments = pathSegments(url);
    if (segments.length < 2) return undefined;
    const repositoryUrl = normalizeRepositoryUrl(url, segments.slice(0, 2))!;
    if (segments.length === 2) return { repositoryUrl };
    if (segments[2] !== 'tree' && segments[2] !== 'blob') return undefined;
    return locationOnRef(repositoryUrl, segments.slice(3));
  },
};
