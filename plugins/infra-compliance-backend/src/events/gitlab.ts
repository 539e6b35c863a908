/**
 * GitLab: `@backstage/plugin-events-backend-module-gitlab` publishes each
 * webhook delivery under `gitlab.<event_name>`, the delivery's body as the
 * payload: a push is `gitlab.push`.
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

/** The `before` of a push that created the branch, the `after` of one that deleted it. */
const NO_COMMIT = /^0+$/;

const files = z.array(z.string()).optional();

const pushPayload = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  project: z.object({
    web_url: webUrl,
    default_branch: z.string().optional(),
  }),
  commits: z
    .array(z.object({ added: files, modified: files, removed: files }))
    .optional(),
  total_commits_count: z.number().optional(),
});

function changedFiles(push: z.infer<typeof pushPayload>): string[] | undefined {
  const commits = push.commits ?? [];
  // GitLab lists the last 20 commits of a push, and `total_commits_count`:
  // fewer listed, the files of the others are not. A new branch's commits
  // do not say how its tree differs from what was scanned; no commits (a
  // branch reset) neither.
  if (NO_COMMIT.test(push.before) || commits.length === 0) return undefined;
  if (
    push.total_commits_count !== undefined &&
    push.total_commits_count > commits.length
  )
    return undefined;
  const changed = new Set<string>();
  for (const commit of commits) {
    for (const list of [commit.added, commit.modified, commit.removed]) {
      if (!list) return undefined;
      for (const file of list) changed.add(file);
    }
  }
  return [...changed];
}

export const gitlabPushes: PushProvider = {
  topic: 'gitlab.push',
  parsePush(payload: unknown): RepositoryPush[] {
    const push = parsePayload(pushPayload, payload, 'gitlab.push');
    const branch = branchOfRef(push.ref);
    if (!branch || NO_COMMIT.test(push.after)) return [];
    return [
      {
        repositoryUrls: [normalizeRepositoryUrl(push.project.web_url)!],
        branch,
        defaultBranch: push.project.default_branch,
        changedFiles: changedFiles(push),
      },
    ];
  },
  // https://gitlab.com/group/sub/project, or .../-/tree/<branch>/<folder>
  // (blob/ for a file): the project's path, of any depth, ends before `-`;
  // in older links, which GitLab and Backstage's reader still take, before
  // `tree` or `blob`, names GitLab reserves (no subgroup or project has them).
  parseLocation(url: URL) {
    const segments = pathSegments(url);
    const dash = segments.indexOf('-');
    const legacy =
      dash === -1
        ? segments.findIndex(
            (segment, index) =>
              index >= 2 && (segment === 'tree' || segment === 'blob'),
          )
        : -1;
    const end = dash !== -1 ? dash : legacy;
    const repositoryPath = end === -1 ? segments : segments.slice(0, end);
    if (repositoryPath.length < 2) return undefined;
    const repositoryUrl = normalizeRepositoryUrl(url, repositoryPath)!;
    if (end === -1) return { repositoryUrl };
    const [kind, ...refSegments] = segments.slice(dash !== -1 ? end + 1 : end);
    if (kind !== 'tree' && kind !== 'blob') return undefined;
    return locationOnRef(repositoryUrl, refSegments);
  },
};
