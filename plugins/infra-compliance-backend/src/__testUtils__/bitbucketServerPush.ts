/**
 * A Bitbucket Server / Data Center `repo:refs_changed` webhook body, in the
 * shape of Atlassian's documented payload (the "Push" event).
 */
const NO_COMMIT = '0'.repeat(40);

export function bitbucketServerPush(options: {
  changes: { ref: string; type?: 'ADD' | 'UPDATE' | 'DELETE' }[];
  /** The server's base URL, with its context path if any. */
  baseUrl?: string;
  /** `~NAME` for a user's personal repository. */
  projectKey?: string;
  slug?: string;
  /**
   * The links of the repository and its project: all, as servers send them
   * (6.x and later); the clone links only; the ssh clone link only, as a
   * server whose HTTP(S) access is disabled sends it; or none, as
   * Atlassian's sample payload of the 5.x documentation (and servers of its
   * time) show them.
   */
  links?: 'all' | 'clone' | 'ssh' | 'none';
}) {
  const baseUrl = options.baseUrl ?? 'https://bitbucket.example.com/bitbucket';
  const projectKey = options.projectKey ?? 'LOGI';
  const slug = options.slug ?? 'fulfilment';
  const links = options.links ?? 'all';
  const host = new URL(baseUrl).hostname;
  const personal = projectKey.startsWith('~');
  const owner = personal
    ? `users/${projectKey.slice(1).toLowerCase()}`
    : `projects/${projectKey}`;
  return {
    eventKey: 'repo:refs_changed',
    date: '2026-12-01T10:00:00+0100',
    actor: {
      name: 'dev',
      emailAddress: 'dev@example.com',
      id: 101,
      displayName: 'Dev',
      active: true,
      slug: 'dev',
      type: 'NORMAL',
      ...(links === 'none'
        ? {}
        : { links: { self: [{ href: `${baseUrl}/users/dev` }] } }),
    },
    repository: {
      slug,
      id: 84,
      name: slug,
      hierarchyId: 'e3c939f9ef4a7fae272e',
      scmId: 'git',
      state: 'AVAILABLE',
      statusMessage: 'Available',
      forkable: true,
      project: {
        key: projectKey,
        id: 21,
        name: personal ? projectKey.slice(1) : 'Logistics',
        public: false,
        type: personal ? 'PERSONAL' : 'NORMAL',
        ...(links === 'none'
          ? {}
          : { links: { self: [{ href: `${baseUrl}/${owner}` }] } }),
      },
      public: false,
      archived: false,
      ...(links === 'none'
        ? {}
        : {
            links: {
              clone: [
                {
                  href: `ssh://git@${host}:7999/${projectKey.toLowerCase()}/${slug}.git`,
                  name: 'ssh',
                },
                ...(links === 'ssh'
                  ? []
                  : [
                      {
                        href: `${baseUrl}/scm/${projectKey.toLowerCase()}/${slug}.git`,
                        name: 'http',
                      },
                    ]),
              ],
              ...(links === 'all'
                ? {
                    self: [
                      { href: `${baseUrl}/${owner}/repos/${slug}/browse` },
                    ],
                  }
                : {}),
            },
          }),
    },
    changes: options.changes.map(({ ref, type = 'UPDATE' }) => ({
      ref: {
        id: ref,
        displayId: ref.replace(/^refs\/(heads|tags)\//, ''),
        type: ref.startsWith('refs/tags/') ? 'TAG' : 'BRANCH',
      },
      refId: ref,
      fromHash:
        type === 'ADD' ? NO_COMMIT : 'f09c8889a2d234985734958795a31589cd91ffda',
      toHash:
        type === 'DELETE'
          ? NO_COMMIT
          : '22671f0349857934857983457983475ec39f196b',
      type,
    })),
  };
}
