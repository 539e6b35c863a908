import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { bitbucketServerPush } from '../__testUtils__/bitbucketServerPush';
import { azureDevOpsPushes } from './azureDevOps';
import { bitbucketCloudPushes } from './bitbucketCloud';
import { bitbucketServerPushes } from './bitbucketServer';
import { githubPushes } from './github';
import { gitlabPushes } from './gitlab';
import {
  filesUnder,
  folderOnPushedBranch,
  keySearches,
} from './RepositoryPush';

const location = (provider: typeof githubPushes, url: string) =>
  provider.parseLocation(new URL(url));

/** The Bitbucket Server provider, with the servers `integrations.bitbucketServer` configures. */
const bitbucketServerWith = (
  servers: { host: string; apiBaseUrl?: string }[],
) =>
  bitbucketServerPushes(
    ScmIntegrations.fromConfig(
      new ConfigReader({ integrations: { bitbucketServer: servers } }),
    ),
  );
const bitbucketServer = bitbucketServerWith([
  {
    host: 'bitbucket.example.com',
    apiBaseUrl: 'https://bitbucket.example.com/bitbucket/rest/api/1.0',
  },
]);

describe('source locations', () => {
  it('reads GitHub locations: the repository, case and .git aside, and the branch and folder', () => {
    expect(location(githubPushes, 'https://GitHub.com/Acme/Repo.git/')).toEqual(
      { repositoryUrl: 'https://github.com/acme/repo' },
    );
    expect(
      location(
        githubPushes,
        'https://github.com/acme/repo/tree/feature/x/services/my%20svc?x=1',
      ),
    ).toEqual({
      repositoryUrl: 'https://github.com/acme/repo',
      refAndPath: 'feature/x/services/my svc',
    });
    expect(
      location(
        githubPushes,
        'https://ghe.example.com/acme/repo/blob/main/a.yaml',
      ),
    ).toEqual({
      repositoryUrl: 'https://ghe.example.com/acme/repo',
      refAndPath: 'main/a.yaml',
    });
    expect(location(githubPushes, 'https://github.com/acme/repo/pulls')).toBe(
      undefined,
    );
    expect(location(githubPushes, 'https://github.com/acme')).toBe(undefined);
    expect(
      location(githubPushes, 'https://github.com/acme/repo/tree/main/%E0%A4%A'),
    ).toBe(undefined);
  });

  it('reads GitLab locations: a project path of any depth, up to `-`', () => {
    expect(
      location(
        gitlabPushes,
        'https://gitlab.example.com/a/b/c/ledger/-/tree/main/infra',
      ),
    ).toEqual({
      repositoryUrl: 'https://gitlab.example.com/a/b/c/ledger',
      refAndPath: 'main/infra',
    });
    expect(location(gitlabPushes, 'https://gitlab.com/a/b/ledger.git')).toEqual(
      { repositoryUrl: 'https://gitlab.com/a/b/ledger' },
    );
    expect(
      location(gitlabPushes, 'https://gitlab.com/a/ledger/-/merge_requests/1'),
    ).toBe(undefined);
  });

  it('reads GitLab locations of the older form, without `-/`', () => {
    expect(
      location(gitlabPushes, 'https://gitlab.com/a/b/ledger/tree/main/infra'),
    ).toEqual({
      repositoryUrl: 'https://gitlab.com/a/b/ledger',
      refAndPath: 'main/infra',
    });
    expect(
      location(gitlabPushes, 'https://gitlab.com/a/ledger/blob/main/a.yaml'),
    ).toEqual({
      repositoryUrl: 'https://gitlab.com/a/ledger',
      refAndPath: 'main/a.yaml',
    });
  });

  it('reads Bitbucket Cloud locations', () => {
    expect(
      location(
        bitbucketCloudPushes,
        'https://bitbucket.org/ws/repo/src/main/deploy/',
      ),
    ).toEqual({
      repositoryUrl: 'https://bitbucket.org/ws/repo',
      refAndPath: 'main/deploy',
    });
    expect(
      location(bitbucketCloudPushes, 'https://bitbucket.org/ws/repo'),
    ).toEqual({ repositoryUrl: 'https://bitbucket.org/ws/repo' });
  });

  it('reads Azure DevOps locations: the branch in `version`, the folder in `path`, names in any case and encoding', () => {
    expect(
      location(
        azureDevOpsPushes,
        'https://dev.azure.com/Acme/Shop%20Platform/_git/Orders?path=/services/orders/catalog-info.yaml&version=GBrelease/1.x',
      ),
    ).toEqual({
      repositoryUrl: 'https://dev.azure.com/acme/shop%20platform/_git/orders',
      refAndPath: 'release/1.x/services/orders/catalog-info.yaml',
    });
    // No version: the default branch; a space left unencoded, `%2D` for `-`.
    expect(
      location(
        azureDevOpsPushes,
        'https://dev.azure.com/acme/Shop Platform/_git/orders%2Dapi?path=/',
      ),
    ).toEqual({
      repositoryUrl:
        'https://dev.azure.com/acme/shop%20platform/_git/orders-api',
    });
    expect(
      location(
        azureDevOpsPushes,
        'https://acme.visualstudio.com/Shop%20Platform/_git/orders?version=GBmain',
      ),
    ).toEqual({
      repositoryUrl:
        'https://acme.visualstudio.com/shop%20platform/_git/orders',
      refAndPath: 'main',
    });
    // Azure DevOps Server: a virtual directory and a collection.
    expect(
      location(
        azureDevOpsPushes,
        'https://tfs.example.com/tfs/DefaultCollection/Shop/_git/orders?path=/infra/&version=GBmain',
      ),
    ).toEqual({
      repositoryUrl:
        'https://tfs.example.com/tfs/defaultcollection/shop/_git/orders',
      refAndPath: 'main/infra',
    });
    // A `+` in the branch is a plus (a ref holds no space); in the folder,
    // as Backstage's reader reads it, a space.
    expect(
      location(
        azureDevOpsPushes,
        'https://dev.azure.com/acme/shop/_git/orders?path=/my+app&version=GBrelease+2026',
      ),
    ).toEqual({
      repositoryUrl: 'https://dev.azure.com/acme/shop/_git/orders',
      refAndPath: 'release+2026/my app',
    });
    // A tag's or a commit's, a pull request, no repository.
    for (const url of [
      'https://dev.azure.com/acme/shop/_git/orders?version=GTv1.0',
      'https://dev.azure.com/acme/shop/_git/orders?version=GC0d1a26e6',
      'https://dev.azure.com/acme/shop/_git/orders/pullrequest/7',
      'https://dev.azure.com/acme/shop/_boards',
      'https://dev.azure.com/_git/orders',
      'https://dev.azure.com/acme/shop/_git/orders%E0%A4%A',
    ])
      expect(location(azureDevOpsPushes, url)).toBe(undefined);
  });

  it('compares Azure DevOps names in any case as Azure DevOps does, non-ASCII letters too, in no locale', () => {
    const repositoryOf = (url: string) =>
      location(azureDevOpsPushes, url)?.repositoryUrl;
    const same = (a: string, b: string) =>
      repositoryOf(`https://dev.azure.com/acme/${a}/_git/orders`) ===
      repositoryOf(`https://dev.azure.com/acme/${b}/_git/orders`);
    expect(repositoryOf('https://dev.azure.com/acme/Équipe/_git/Orders')).toBe(
      'https://dev.azure.com/acme/%c3%89quipe/_git/orders',
    );
    // Encoded or not, in either case.
    expect(same('%C3%A9quipe', 'ÉQUIPE')).toBe(true);
    expect(same('équipe', '%C3%89quipe')).toBe(true);
    expect(same('ΟΔΟΣ', 'οδος')).toBe(true);
    // Letters .NET's OrdinalIgnoreCase keeps apart: the dotless ı and I,
    // the dotted İ and i (whatever the locale), ß and SS or ẞ (ß has no
    // upper case of one character), the long ſ and s.
    expect(same('KASIM', 'Kasım')).toBe(false);
    expect(same('İzmir', 'izmir')).toBe(false);
    expect(same('Straße', 'STRASSE')).toBe(false);
    expect(same('Straße', 'STRAẞE')).toBe(false);
    expect(same('ſhop', 'shop')).toBe(false);
  });

  it('reads Bitbucket Server locations: the branch in `at`, a context path, a project key in any case', () => {
    const ORDERS = 'https://bitbucket.example.com/projects/shop/repos/orders';
    // As the catalog's Bitbucket Server provider writes them, and the forms
    // Backstage's reader takes: `at` a full ref, a branch alone, encoded.
    for (const [url, refAndPath] of [
      [
        'https://bitbucket.example.com/projects/SHOP/repos/orders/browse/catalog-info.yaml?at=refs/heads/main',
        'main',
      ],
      [
        'https://bitbucket.example.com/projects/SHOP/repos/orders/browse/services/api/?at=main',
        'main',
      ],
      [
        'https://Bitbucket.example.com/projects/Shop/repos/orders/browse/deploy?at=refs%2Fheads%2Frelease%2F1.x',
        'release/1.x',
      ],
      [
        'https://bitbucket.example.com/projects/SHOP/repos/orders/raw/deploy/template.yaml?at=release/1.x',
        'release/1.x',
      ],
      [
        'https://bitbucket.example.com/projects/SHOP/repos/orders/browse?at=9c2f5d7',
        '9c2f5d7',
      ],
    ])
      expect(location(bitbucketServer, url)).toEqual({
        repositoryUrl: ORDERS,
        refAndPath,
      });
    // No `at`: the default branch.
    for (const url of [
      'https://bitbucket.example.com/projects/SHOP/repos/orders/browse/catalog-info.yaml',
      'https://bitbucket.example.com/projects/SHOP/repos/orders/browse',
      'https://bitbucket.example.com/projects/SHOP/repos/orders',
      'https://bitbucket.example.com/projects/SHOP/repos/orders/browse?at=',
    ])
      expect(location(bitbucketServer, url)).toEqual({
        repositoryUrl: ORDERS,
      });
    // A context path, a port; a personal repository.
    expect(
      location(
        bitbucketServer,
        'http://git.example.com:7990/bitbucket/projects/OPS/repos/infra/browse/stacks?at=refs/heads/main',
      ),
    ).toEqual({
      repositoryUrl:
        'http://git.example.com:7990/bitbucket/projects/ops/repos/infra',
      refAndPath: 'main',
    });
    expect(
      location(
        bitbucketServer,
        'https://bitbucket.example.com/users/jdoe/repos/sandbox/browse',
      ),
    ).toEqual({
      repositoryUrl: 'https://bitbucket.example.com/users/jdoe/repos/sandbox',
    });
    // Its owner as the REST API's paths write it (`projects/~name`), which
    // Bitbucket's pages and Backstage's reader take too.
    for (const url of [
      'https://bitbucket.example.com/projects/~JDOE/repos/sandbox/browse/stacks?at=main',
      'https://bitbucket.example.com/projects/%7Ejdoe/repos/Sandbox/browse/stacks?at=main',
    ])
      expect(location(bitbucketServer, url)).toEqual({
        repositoryUrl: 'https://bitbucket.example.com/users/jdoe/repos/sandbox',
        refAndPath: 'main',
      });
    // A tag's, another ref's, a commit's (40 or 64 hex digits: shorter, a
    // branch may be named so), a page other than the files, no repository.
    for (const url of [
      'https://bitbucket.example.com/projects/SHOP/repos/orders/browse?at=refs/tags/v1.0',
      'https://bitbucket.example.com/projects/SHOP/repos/orders/browse/deploy?at=9C2F5D7E1B3A4C6D8E0F1A2B3C4D5E6F7A8B9C0D',
      `https://bitbucket.example.com/projects/SHOP/repos/orders/browse?at=${'a1'.repeat(
        32,
      )}`,
      'https://bitbucket.example.com/projects/SHOP/repos/orders/browse?at=refs/pull-requests/7/from',
      'https://bitbucket.example.com/projects/SHOP/repos/orders/browse?at=refs/heads/',
      'https://bitbucket.example.com/projects/SHOP/repos/orders/pull-requests/7',
      'https://bitbucket.example.com/projects/SHOP/repos',
      'https://bitbucket.example.com/projects/SHOP',
      'https://bitbucket.example.com/scm/shop/orders.git',
    ])
      expect(location(bitbucketServer, url)).toBe(undefined);
  });

  it('tells the folder a location reads on the pushed branch, a branch with slashes too', () => {
    const push = {
      repositoryUrls: ['https://github.com/acme/repo'],
      branch: 'release/1.x',
      defaultBranch: 'main',
    };
    const at = (refAndPath?: string) =>
      folderOnPushedBranch(
        { repositoryUrl: 'https://github.com/acme/repo', refAndPath },
        push,
      );
    expect(at('release/1.x/services/a/')).toBe('services/a');
    expect(at('release/1.x')).toBe('');
    expect(at('release/1.xy/services/a')).toBe(undefined);
    expect(at('release')).toBe(undefined);
    expect(at(undefined)).toBe(undefined);
    expect(
      folderOnPushedBranch(
        { repositoryUrl: 'https://github.com/acme/repo' },
        { ...push, defaultBranch: 'release/1.x' },
      ),
    ).toBe('');
    // Bitbucket Cloud does not name the default branch.
    expect(
      folderOnPushedBranch(
        { repositoryUrl: 'https://github.com/acme/repo' },
        { ...push, defaultBranch: undefined },
      ),
    ).toBe('');
  });

  it('lists the changed files under a folder, relative to it', () => {
    const files = ['a/b/t.yaml', 'a/bc/t.yaml', 'a/b', 'x.yaml'];
    expect(filesUnder(files, 'a/b')).toEqual(['t.yaml', 'b']);
    expect(filesUnder(files, '')).toEqual(files);
  });

  it("searches a repository's locations by the parts of its key no spelling changes, to the end of its path unless it ends in another", () => {
    const ends = (parts: string[], last: string) =>
      ['/', '?', '#', '.git/', '.git?', '.git#'].map(end => [
        ...parts,
        `${last}${end}`,
      ]);
    // Apart at its host, which a location may follow with its default port (`github.com:443`).
    expect(keySearches('github.com/acme/my-repo_v2.x')).toEqual(
      ends(['github.com'], '/acme/my-repo_v2.x'),
    );
    expect(
      keySearches('bitbucket.example.com/projects/~jdoe/repos/sandbox'),
    ).toEqual(
      ends(['bitbucket.example.com', '/projects/'], 'jdoe/repos/sandbox'),
    );
    expect(keySearches('dev.azure.com/acme/r%26d/_git/infra%20tools')).toEqual(
      ends(['dev.azure.com', '/acme/r', 'd/_git/infra'], 'tools'),
    );
    // Its last letter written encoded or not, in either case: not its end.
    expect(keySearches('dev.azure.com/acme/shop/_git/caf%c3%89')).toEqual([
      ['dev.azure.com', '/acme/shop/_git/caf'],
    ]);
    expect(keySearches('github.com/acme/%e0%a4')).toEqual([
      ['github.com/acme/%e0%a4'],
    ]);
  });
});

describe('push payloads', () => {
  const github = (fields: Record<string, unknown>) => ({
    ref: 'refs/heads/main',
    repository: {
      html_url: 'https://github.com/Acme/Repo',
      default_branch: 'main',
    },
    commits: [{ added: ['a.yaml'], removed: [], modified: ['b.yaml'] }],
    ...fields,
  });

  it('reads a GitHub push: a tag or a deleted branch is nothing to scan, a new branch or a forced push lists no files', () => {
    expect(githubPushes.parsePush(github({}))).toEqual([
      {
        repositoryUrls: ['https://github.com/acme/repo'],
        branch: 'main',
        defaultBranch: 'main',
        changedFiles: ['a.yaml', 'b.yaml'],
      },
    ]);
    expect(githubPushes.parsePush(github({ ref: 'refs/tags/v1' }))).toEqual([]);
    expect(githubPushes.parsePush(github({ deleted: true }))).toEqual([]);
    for (const fields of [{ created: true }, { forced: true }, { commits: [] }])
      expect(githubPushes.parsePush(github(fields))[0].changedFiles).toBe(
        undefined,
      );
  });

  it('lists no files of a GitHub push whose lists may have been cut', () => {
    const commit = { added: [], removed: [], modified: ['a.yaml'] };
    expect(
      githubPushes.parsePush(
        github({ commits: Array.from({ length: 2048 }, () => commit) }),
      )[0].changedFiles,
    ).toBe(undefined);
    expect(
      githubPushes.parsePush(
        github({
          commits: [
            {
              ...commit,
              added: Array.from({ length: 3000 }, (_, i) => `f${i}.yaml`),
            },
          ],
        }),
      )[0].changedFiles,
    ).toBe(undefined);
  });

  it('reads a GitLab push: a new branch lists no files, a deleted one is nothing to scan', () => {
    const push = {
      ref: 'refs/heads/main',
      before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
      after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      project: {
        web_url: 'https://gitlab.com/a/b/ledger',
        default_branch: 'main',
      },
      commits: [{ added: [], modified: ['infra/main.tf'], removed: [] }],
      total_commits_count: 1,
    };
    expect(gitlabPushes.parsePush(push)).toEqual([
      {
        repositoryUrls: ['https://gitlab.com/a/b/ledger'],
        branch: 'main',
        defaultBranch: 'main',
        changedFiles: ['infra/main.tf'],
      },
    ]);
    expect(
      gitlabPushes.parsePush({ ...push, before: '0'.repeat(40) })[0]
        .changedFiles,
    ).toBe(undefined);
    expect(gitlabPushes.parsePush({ ...push, after: '0'.repeat(40) })).toEqual(
      [],
    );
  });

  it('reads a Bitbucket Cloud push: one push per branch, tags aside', () => {
    const push = (changes: unknown[], mainbranch?: { name: string }) => ({
      repository: {
        links: { html: { href: 'https://bitbucket.org/ws/repo' } },
        ...(mainbranch ? { mainbranch } : {}),
      },
      push: { changes },
    });
    expect(
      bitbucketCloudPushes.parsePush(
        push(
          [
            { new: { type: 'branch', name: 'main' } },
            { new: { type: 'tag', name: 'v1' } },
            { new: null },
            { new: { type: 'branch', name: 'main' } },
            { new: { type: 'branch', name: 'next' } },
          ],
          { name: 'main' },
        ),
      ),
    ).toEqual([
      {
        repositoryUrls: ['https://bitbucket.org/ws/repo'],
        branch: 'main',
        defaultBranch: 'main',
      },
      {
        repositoryUrls: ['https://bitbucket.org/ws/repo'],
        branch: 'next',
        defaultBranch: 'main',
      },
    ]);
  });

  /** A `git.push` service hook's body, in the shape of Microsoft's documented sample. */
  const azurePush = (
    refUpdates: { name: string; newObjectId: string }[],
    repository: Record<string, unknown> = {},
  ) => ({
    subscriptionId: '7b2c5a0e-4f1d-4c1e-9d7b-3d0f1f2e8a11',
    notificationId: 12,
    id: '5f7a2b9c-0d4e-4a8b-9c1d-2e3f4a5b6c7d',
    eventType: 'git.push',
    publisherId: 'tfs',
    message: { text: 'Dev pushed updates to Orders:main.' },
    resource: {
      commits: [
        {
          commitId: '9c2f5d7e1b3a4c6d8e0f1a2b3c4d5e6f7a8b9c0d',
          author: { name: 'Dev', email: 'dev@example.com' },
          comment: 'Add a DLQ to the order processor',
          url: 'https://dev.azure.com/acme/_apis/git/repositories/3a1c/commits/9c2f5d7e',
        },
      ],
      refUpdates: refUpdates.map(update => ({
        oldObjectId: '4e8a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2',
        ...update,
      })),
      repository: {
        id: '3a1c9e7b-5d2f-4b8a-a6c4-1e0f9d8c7b6a',
        name: 'Orders',
        url: 'https://dev.azure.com/acme/_apis/git/repositories/3a1c9e7b-5d2f-4b8a-a6c4-1e0f9d8c7b6a',
        project: {
          id: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
          name: 'Shop Platform',
          url: 'https://dev.azure.com/acme/_apis/projects/a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
          state: 'wellFormed',
        },
        defaultBranch: 'refs/heads/main',
        remoteUrl:
          'https://acme@dev.azure.com/acme/Shop%20Platform/_git/Orders',
        ...repository,
      },
      pushedBy: { displayName: 'Dev', uniqueName: 'dev@example.com' },
      pushId: 42,
      date: '2026-12-01T09:00:00Z',
    },
    resourceVersion: '1.0',
  });
  const sha = '9c2f5d7e1b3a4c6d8e0f1a2b3c4d5e6f7a8b9c0d';
  const ORDERS_URLS = [
    'https://dev.azure.com/acme/shop%20platform/_git/orders',
    'https://acme.visualstudio.com/shop%20platform/_git/orders',
    'https://acme.visualstudio.com/defaultcollection/shop%20platform/_git/orders',
  ];

  it('reads an Azure DevOps push: one push per branch updated, a tag or a deleted branch aside', () => {
    expect(
      azureDevOpsPushes.parsePush(
        azurePush([
          { name: 'refs/heads/main', newObjectId: sha },
          { name: 'refs/tags/v1.0', newObjectId: sha },
          { name: 'refs/heads/old', newObjectId: '0'.repeat(40) },
          { name: 'refs/heads/release/1.x', newObjectId: sha },
        ]),
      ),
    ).toEqual([
      { repositoryUrls: ORDERS_URLS, branch: 'main', defaultBranch: 'main' },
      {
        repositoryUrls: ORDERS_URLS,
        branch: 'release/1.x',
        defaultBranch: 'main',
      },
    ]);
    expect(
      azureDevOpsPushes.parsePush(
        azurePush([{ name: 'refs/heads/main', newObjectId: '0'.repeat(40) }]),
      ),
    ).toEqual([]);
  });

  it('reads the repository of an Azure DevOps push from its names, whatever form its URL takes', () => {
    const urls = (repository: Record<string, unknown>) =>
      azureDevOpsPushes.parsePush(
        azurePush([{ name: 'refs/heads/main', newObjectId: sha }], repository),
      )[0].repositoryUrls;
    // The web URL, the old host; no default branch named.
    expect(
      azureDevOpsPushes.parsePush(
        azurePush([{ name: 'refs/heads/main', newObjectId: sha }], {
          webUrl: 'https://acme.visualstudio.com/Shop%20Platform/_git/Orders',
          remoteUrl: undefined,
          defaultBranch: undefined,
        }),
      ),
    ).toEqual([
      { repositoryUrls: ORDERS_URLS, branch: 'main', defaultBranch: undefined },
    ]);
    // A repository named as its project: its URL may leave the project
    // out, as Microsoft's sample's does (with a collection, in the
    // project's place).
    expect(
      urls({
        name: 'Billing',
        project: { name: 'billing' },
        remoteUrl: 'https://dev.azure.com/acme/DefaultCollection/_git/Billing',
      }),
    ).toEqual([
      'https://dev.azure.com/acme/billing/_git/billing',
      'https://dev.azure.com/acme/_git/billing',
      'https://acme.visualstudio.com/billing/_git/billing',
      'https://acme.visualstudio.com/defaultcollection/billing/_git/billing',
    ]);
    // Azure DevOps Server, with and without the project in the URL.
    expect(
      urls({
        remoteUrl:
          'https://tfs.example.com/tfs/DefaultCollection/Shop%20Platform/_git/Orders',
      }),
    ).toEqual([
      'https://tfs.example.com/tfs/defaultcollection/shop%20platform/_git/orders',
    ]);
    expect(
      urls({
        name: 'Shop Platform',
        remoteUrl: 'http://tfs.example.com/Main/_git/Shop%20Platform',
      }),
    ).toEqual([
      'http://tfs.example.com/main/shop%20platform/_git/shop%20platform',
      'http://tfs.example.com/main/_git/shop%20platform',
    ]);
    // A collection named as the project and the repository: its last name
    // may be the project's, or the collection's, the project left out.
    expect(
      urls({
        name: 'Shop',
        project: { name: 'SHOP' },
        remoteUrl: 'https://tfs.example.com/tfs/Shop/_git/Shop',
      }),
    ).toEqual([
      'https://tfs.example.com/tfs/shop/_git/shop',
      'https://tfs.example.com/tfs/_git/shop',
      'https://tfs.example.com/tfs/shop/shop/_git/shop',
    ]);
  });

  it('throws an InputError for an Azure DevOps push it cannot read', () => {
    const main = [{ name: 'refs/heads/main', newObjectId: sha }];
    expect(() =>
      azureDevOpsPushes.parsePush(
        azurePush(main, { remoteUrl: undefined, webUrl: undefined }),
      ),
    ).toThrow(
      'Invalid azureDevOps.git.push payload: resource.repository: needs a webUrl or a remoteUrl',
    );
    expect(() =>
      azureDevOpsPushes.parsePush(azurePush(main, { project: undefined })),
    ).toThrow(
      'Invalid azureDevOps.git.push payload: resource.repository.project: Required',
    );
    expect(() =>
      azureDevOpsPushes.parsePush(
        azurePush(main, { remoteUrl: 'https://dev.azure.com/acme/orders' }),
      ),
    ).toThrow(InputError);
    expect(() =>
      azureDevOpsPushes.parsePush(
        azurePush(main, { remoteUrl: 'https://dev.azure.com/acme/orders' }),
      ),
    ).toThrow(
      'Invalid azureDevOps.git.push payload: resource.repository: not the URL of an Azure Repos Git repository',
    );
    expect(() =>
      azureDevOpsPushes.parsePush({ eventType: 'git.push', resource: {} }),
    ).toThrow('resource.refUpdates: Required');
  });

  it('reads a Bitbucket Server push: one push per branch added or updated, tags and deleted branches aside', () => {
    const urls = [
      'https://bitbucket.example.com/bitbucket/projects/logi/repos/fulfilment',
    ];
    expect(
      bitbucketServer.parsePush(
        bitbucketServerPush({
          changes: [
            { ref: 'refs/heads/main' },
            { ref: 'refs/tags/v1.0', type: 'ADD' },
            { ref: 'refs/heads/old', type: 'DELETE' },
            { ref: 'refs/heads/release/1.x', type: 'ADD' },
            { ref: 'refs/heads/main' },
          ],
        }),
      ),
    ).toEqual([
      { repositoryUrls: urls, branch: 'main' },
      { repositoryUrls: urls, branch: 'release/1.x' },
    ]);
    expect(
      bitbucketServer.parsePush(
        bitbucketServerPush({
          changes: [
            { ref: 'refs/heads/main', type: 'DELETE' },
            { ref: 'refs/tags/v1.1', type: 'ADD' },
          ],
        }),
      ),
    ).toEqual([]);
    // A server without a context path, a personal repository.
    expect(
      bitbucketServer.parsePush(
        bitbucketServerPush({
          baseUrl: 'https://git.example.com',
          projectKey: '~JDOE',
          slug: 'sandbox',
          changes: [{ ref: 'refs/heads/main' }],
        }),
      ),
    ).toEqual([
      {
        // Also as a location may write it, the lookup's other search.
        repositoryUrls: [
          'https://git.example.com/users/jdoe/repos/sandbox',
          'https://git.example.com/projects/~jdoe/repos/sandbox',
        ],
        branch: 'main',
      },
    ]);
  });

  it('reads the repository of a Bitbucket Server push without links.self from its http(s) clone URL, or from its project key and slug on each configured server', () => {
    const main = [{ ref: 'refs/heads/main' }];
    const FULFILMENT =
      'https://bitbucket.example.com/bitbucket/projects/logi/repos/fulfilment';
    // The clone links only: the http one, context path kept (not ssh's).
    expect(
      bitbucketServer.parsePush(
        bitbucketServerPush({ changes: main, links: 'clone' }),
      ),
    ).toEqual([{ repositoryUrls: [FULFILMENT], branch: 'main' }]);
    // A personal repository's (`scm/~name`), a user in the clone URL, a
    // server no integration configures, a links.self of no repository.
    const personal = bitbucketServerPush({
      baseUrl: 'http://git.example.com:7990',
      projectKey: '~JDOE',
      slug: 'sandbox',
      changes: main,
      links: 'clone',
    });
    expect(
      bitbucketServer.parsePush({
        ...personal,
        repository: {
          ...personal.repository,
          links: {
            self: [{ href: 'http://git.example.com:7990/users/jdoe' }],
            clone: [
              {
                href: 'http://jdoe@git.example.com:7990/scm/~jdoe/sandbox.git',
                name: 'http',
              },
            ],
          },
        },
      }),
    ).toEqual([
      {
        repositoryUrls: [
          'http://git.example.com:7990/users/jdoe/repos/sandbox',
          'http://git.example.com:7990/projects/~jdoe/repos/sandbox',
        ],
        branch: 'main',
      },
    ]);
    // No links, as in the 5.x documentation's sample: the project key and
    // slug on each configured server (its context path from apiBaseUrl).
    const bare = bitbucketServerPush({ changes: main, links: 'none' });
    expect(bitbucketServer.parsePush(bare)).toEqual([
      { repositoryUrls: [FULFILMENT], branch: 'main' },
    ]);
    expect(
      bitbucketServerWith([
        { host: 'git.example.com' },
        {
          host: 'bitbucket.example.com',
          apiBaseUrl: 'https://bitbucket.example.com/bitbucket/rest/api/1.0/',
        },
      ]).parsePush(
        bitbucketServerPush({
          changes: main,
          links: 'none',
          projectKey: '~JDOE',
          slug: 'sandbox',
        }),
      ),
    ).toEqual([
      {
        repositoryUrls: [
          'https://git.example.com/users/jdoe/repos/sandbox',
          'https://git.example.com/projects/~jdoe/repos/sandbox',
          'https://bitbucket.example.com/bitbucket/users/jdoe/repos/sandbox',
          'https://bitbucket.example.com/bitbucket/projects/~jdoe/repos/sandbox',
        ],
        branch: 'main',
      },
    ]);
  });

  it('reads the repository of a Bitbucket Server push whose only link is its ssh clone URL on the configured server of its host, or each when none is', () => {
    const sshOnly = bitbucketServerPush({
      changes: [{ ref: 'refs/heads/main' }],
      links: 'ssh',
    });
    expect(
      bitbucketServerWith([
        { host: 'git.example.com' },
        {
          host: 'bitbucket.example.com',
          apiBaseUrl: 'https://bitbucket.example.com/bitbucket/rest/api/1.0',
        },
        { host: 'scm.example.com' },
      ]).parsePush(sshOnly),
    ).toEqual([
      {
        repositoryUrls: [
          'https://bitbucket.example.com/bitbucket/projects/logi/repos/fulfilment',
        ],
        branch: 'main',
      },
    ]);
    // Its ssh host (an ssh front, say) is no server's web host.
    expect(
      bitbucketServerWith([
        { host: 'git.example.com' },
        { host: 'scm.example.com' },
      ]).parsePush(sshOnly),
    ).toEqual([
      {
        repositoryUrls: [
          'https://git.example.com/projects/logi/repos/fulfilment',
          'https://scm.example.com/projects/logi/repos/fulfilment',
        ],
        branch: 'main',
      },
    ]);
  });

  it('reads the context path of a Bitbucket Server whose apiBaseUrl names the latest REST API', () => {
    expect(
      bitbucketServerWith([
        {
          host: 'bitbucket.example.com',
          apiBaseUrl: 'https://bitbucket.example.com/bitbucket/rest/api/latest',
        },
      ]).parsePush(
        bitbucketServerPush({
          changes: [{ ref: 'refs/heads/main' }],
          links: 'none',
        }),
      ),
    ).toEqual([
      {
        repositoryUrls: [
          'https://bitbucket.example.com/bitbucket/projects/logi/repos/fulfilment',
        ],
        branch: 'main',
      },
    ]);
  });

  it('throws an InputError for a Bitbucket Server push it cannot read', () => {
    const push = bitbucketServerPush({ changes: [{ ref: 'refs/heads/main' }] });
    const withLinks = (links: unknown, project?: unknown) => ({
      ...push,
      repository: { ...push.repository, links, project },
    });
    // No repository's URL (ssh's is not its web page), and no project key.
    for (const payload of [
      withLinks({
        self: [{ href: 'https://bitbucket.example.com/projects/SHOP' }],
        clone: [
          { href: 'ssh://git@bitbucket.example.com:7999/logi/fulfilment.git' },
        ],
      }),
      withLinks(undefined),
    ])
      expect(() => bitbucketServer.parsePush(payload)).toThrow(
        new InputError(
          'Invalid bitbucketServer.repo:refs_changed payload: repository: neither links.self nor links.clone holds the URL of a Bitbucket Server repository, and it names no project key and slug',
        ),
      );
    expect(() =>
      bitbucketServerWith([]).parsePush(
        bitbucketServerPush({
          changes: [{ ref: 'refs/heads/main' }],
          links: 'none',
        }),
      ),
    ).toThrow(
      'Invalid bitbucketServer.repo:refs_changed payload: repository: neither links.self nor links.clone holds the URL of a Bitbucket Server repository, and no integrations.bitbucketServer is configured to find its project key and slug on',
    );
    expect(() =>
      bitbucketServer.parsePush(
        withLinks({ self: 'x' }, push.repository.project),
      ),
    ).toThrow(
      'Invalid bitbucketServer.repo:refs_changed payload: repository.links.self: Expected array, received string',
    );
    expect(() =>
      bitbucketServer.parsePush({ ...push, changes: undefined }),
    ).toThrow(
      'Invalid bitbucketServer.repo:refs_changed payload: changes: Required',
    );
  });
});
