import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  TEMPLATE_NO_DLQ,
  componentEntity,
  treeResponse,
} from '../__testUtils__/fixtures';
import { bitbucketServerPush } from '../__testUtils__/bitbucketServerPush';
import { EntityScanner } from '../scanning/EntityScanner';
import { QueuedScans } from '../scanning/QueuedScans';
import { PushScanQueue } from './PushScanQueue';
import { ScanOnPush } from './ScanOnPush';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** A component read from `url`, with its annotations. */
function urlEntity(
  name: string,
  url: string,
  annotations: Record<string, string> = {},
): Entity {
  return componentEntity(name, { url, annotations });
}

const ENTITIES = [
  urlEntity(
    'orders',
    'https://github.com/acme/monorepo/tree/main/services/orders/',
  ),
  urlEntity(
    'payments',
    'https://github.com/acme/monorepo/tree/main/services/payments',
  ),
  // Only its infra/ folder is scanned.
  urlEntity(
    'gateway',
    'https://github.com/acme/monorepo/tree/main/services/gateway',
    { 'infra-compliance/paths': 'infra/**' },
  ),
  // A branch with a slash in its name.
  urlEntity(
    'billing',
    'https://github.com/acme/monorepo/tree/release/1.x/services/billing',
  ),
  // Another repository, whose URL starts as the monorepo's.
  urlEntity('tools', 'https://github.com/acme/monorepo-tools/tree/main/infra'),
  // Another repository, whose name is the tools' but for its separator.
  urlEntity(
    'tools-legacy',
    'https://github.com/acme/monorepo_tools/tree/main/infra',
  ),
  // The whole repository, on its default branch; written in other letter case, with .git.
  urlEntity('inventory', 'https://github.com/Acme/Inventory.git'),
  // GitLab, a project in a subgroup.
  urlEntity(
    'ledger',
    'https://gitlab.com/acme/platform/ledger/-/tree/main/infra',
  ),
  urlEntity(
    'ledger-docs',
    'https://gitlab.com/acme/platform/ledger/-/tree/main/docs',
  ),
  // Written with http, which GitHub's payload does not say.
  urlEntity('search', 'http://github.com/acme/search/tree/main/deploy'),
  // Written with https' default port, or with runs of slashes, which the payload's URL has not.
  urlEntity('ports', 'https://github.com:443/acme/ports/tree/main/deploy'),
  urlEntity(
    'slashes',
    'https://github.com//acme//////slashes/tree/main/deploy',
  ),
  // Bitbucket Cloud: one repository, two branches.
  urlEntity('mailer', 'https://bitbucket.org/acme/mailer/src/main/deploy'),
  urlEntity('mailer-next', 'https://bitbucket.org/acme/mailer/src/next/deploy'),
  // Azure DevOps: one repository, in a project whose name has a space, its
  // URL written in both of Azure DevOps Services' forms, on two branches.
  urlEntity(
    'shop-api',
    'https://dev.azure.com/acme/Shop%20Platform/_git/Orders?path=/services/api/catalog-info.yaml&version=GBmain',
  ),
  // No version: the default branch.
  urlEntity(
    'shop-worker',
    'https://acme.visualstudio.com/Shop%20Platform/_git/orders?path=/services/worker',
  ),
  urlEntity(
    'shop-api-next',
    'https://dev.azure.com/acme/Shop%20Platform/_git/Orders?path=/services/api&version=GBnext',
  ),
  // A repository of the same name in another project.
  urlEntity(
    'legacy-orders',
    'https://dev.azure.com/acme/Legacy/_git/Orders?version=GBmain',
  ),
  // A project whose name has a `&`, left as it is as Backstage's Azure
  // DevOps discovery writes it (encodeURI), and the URL's parser too;
  // a space encoded, or written as it is.
  urlEntity(
    'rnd-tools',
    'https://dev.azure.com/acme/R&D/_git/Infra%20Tools?path=%2F',
  ),
  urlEntity(
    'rnd-tools-deploy',
    'https://dev.azure.com/acme/R&D/_git/Infra Tools?path=/deploy&version=GBmain',
  ),
  // Bitbucket Server, behind a context path: one repository, its branch
  // in each form of `at`, or none (the default branch, which the payload
  // does not name), a tag; and another repository whose URL starts as its.
  urlEntity(
    'fulfilment',
    'https://bitbucket.example.com/bitbucket/projects/LOGI/repos/fulfilment/browse/services/api/catalog-info.yaml?at=refs/heads/main',
  ),
  urlEntity(
    'fulfilment-worker',
    'https://bitbucket.example.com/bitbucket/projects/logi/repos/fulfilment/browse/services/worker/?at=main',
  ),
  urlEntity(
    'fulfilment-docs',
    'https://bitbucket.example.com/bitbucket/projects/LOGI/repos/fulfilment/browse/docs',
  ),
  urlEntity(
    'fulfilment-next',
    'https://bitbucket.example.com/bitbucket/projects/LOGI/repos/fulfilment/browse/services/api?at=refs%2Fheads%2Fnext',
  ),
  urlEntity(
    'fulfilment-v1',
    'https://bitbucket.example.com/bitbucket/projects/LOGI/repos/fulfilment/browse/services/api?at=refs/tags/v1.0',
  ),
  urlEntity(
    'fulfilment-legacy',
    'https://bitbucket.example.com/bitbucket/projects/LOGI/repos/fulfilment-legacy/browse?at=main',
  ),
  // A personal repository's, its owner written as in the REST API's paths
  // (`projects/~NAME`), which Bitbucket's pages and Backstage's reader take.
  urlEntity(
    'sandbox',
    'https://bitbucket.example.com/bitbucket/projects/~JDOE/repos/sandbox/browse/stacks?at=refs/heads/main',
  ),
  // Pinned to a commit: its tree never changes.
  urlEntity(
    'fulfilment-pinned',
    'https://bitbucket.example.com/bitbucket/projects/LOGI/repos/fulfilment/browse/services/api?at=9c2f5d7e1b3a4c6d8e0f1a2b3c4d5e6f7a8b9c0d',
  ),
  // Azure DevOps Server, behind a virtual directory: a collection, a
  // project and a repository of one name, the project written.
  urlEntity(
    'shop-server',
    'https://tfs.example.com/tfs/Shop/Shop/_git/Shop?path=/deploy&version=GBmain',
  ),
  // Names written by hand in another case than Azure DevOps': a non-ASCII
  // letter encoded, or not; a branch with a `+`.
  urlEntity(
    'commandes-api',
    'https://dev.azure.com/acme/%C3%A9quipe/_git/COMMANDES?path=/api&version=GBmain',
  ),
  urlEntity(
    'commandes-worker',
    'https://dev.azure.com/acme/équipe/_git/commandes?path=/worker',
  ),
  urlEntity(
    'commandes-next',
    'https://dev.azure.com/acme/%C3%89quipe/_git/Commandes?path=/api&version=GBrelease+2026',
  ),
];

/** The backend's integrations: a Bitbucket Server behind a context path. */
const INTEGRATIONS = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      bitbucketServer: [
        {
          host: 'bitbucket.example.com',
          apiBaseUrl: 'https://bitbucket.example.com/bitbucket/rest/api/1.0',
        },
      ],
    },
  }),
);

async function setup(
  databaseId: TestDatabaseId,
  options: {
    concurrency?: number;
    readTree?: (url: string) => Promise<unknown>;
    /** The catalog's entities, when not all that the plugin has rows of. */
    catalogEntities?: Entity[];
  } = {},
) {
  const { knex, store } = await databases.initStore(databaseId);
  const logger = mockServices.logger.mock();
  const urlReader = mockServices.urlReader.mock({
    readTree: jest.fn(async (url: string) => {
      await options.readTree?.(url);
      return treeResponse(`etag-${url}`, { 'template.yaml': TEMPLATE_NO_DLQ });
    }),
  });
  const scanner = new EntityScanner({
    store,
    urlReader,
    logger,
    lockTimeoutMs: 60_000,
    engineSignature: 'engine-1',
  });
  // What the org-wide scan does first: the plugin's rows of the entities.
  for (const entity of ENTITIES) await scanner.register(entity);
  const events = DefaultEventsService.create({
    logger,
    useEventBus: 'never',
  });
  const catalog = catalogServiceMock({
    entities: options.catalogEntities ?? ENTITIES,
  });
  await new ScanOnPush({
    store,
    catalog,
    auth: mockServices.auth(),
    integrations: INTEGRATIONS,
    queue: new PushScanQueue({
      scanner,
      scans: new QueuedScans({ scanner, timeoutMs: 60_000, logger }),
      store,
      concurrency: options.concurrency ?? 4,
      timeoutMs: 60_000,
      logger,
    }),
    logger,
  }).subscribe(events.forPlugin('infra-compliance'));
  // Published as the webhook modules publish: by the events plugin.
  const webhooks = events.forPlugin('events');
  return { knex, store, catalog, scanner, urlReader, logger, webhooks };
}

/** The entities the last push log line says are being scanned. */
function scanningLogged(logger: ReturnType<typeof mockServices.logger.mock>) {
  const lines = logger.info.mock.calls
    .map(([message]) => message as string)
    .filter(message => message.startsWith('Infra Compliance: push to '));
  const match = /: scanning ([^;]+)/.exec(lines[lines.length - 1] ?? '');
  return match ? match[1].split(', ') : [];
}

/**
 * The scans, [entity, trigger, status] by entity and creation, once there
 * are `count` and none is queued or running.
 */
async function finishedScans(knex: Knex, count: number) {
  for (let i = 0; i < 400; i++) {
    const rows = await knex('scans')
      .select('entity_ref', 'trigger', 'status')
      .orderBy(['entity_ref', 'created_at']);
    if (
      rows.length >= count &&
      rows.every(row => row.status !== 'queued' && row.status !== 'running')
    )
      return rows.map(row => [row.entity_ref, row.trigger, row.status]);
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(`${count} scans did not end`);
}

/**
 * What the last push did: the entities its log line scans, and the scans
 * once `count` of them ended (see {@link finishedScans}).
 */
async function pushOutcome(
  {
    knex,
    logger,
  }: { knex: Knex; logger: ReturnType<typeof mockServices.logger.mock> },
  count: number,
) {
  return {
    scanning: scanningLogged(logger),
    scans: await finishedScans(knex, count),
  };
}

/** {@link pushOutcome} when a push scanned the components `names`, each scan succeeding. */
function scannedOnPush(...names: string[]) {
  const entityRefs = names.map(name => `component:default/${name}`);
  return {
    scanning: entityRefs,
    scans: entityRefs.map(entityRef => [entityRef, 'push', 'succeeded']),
  };
}

/** A GitHub push webhook's body, as GitHub sends it (the fields this reads, and some it does not). */
function githubPush(options: {
  repository?: string;
  ref?: string;
  defaultBranch?: string;
  commits?: { added?: string[]; modified?: string[]; removed?: string[] }[];
  created?: boolean;
}) {
  const repository = options.repository ?? 'acme/monorepo';
  return {
    ref: options.ref ?? 'refs/heads/main',
    before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
    after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
    created: options.created ?? false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${repository}/compare/6113728f27ae...0d1a26e67d8f`,
    commits: (options.commits ?? []).map((commit, index) => ({
      id: `0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1${index}`,
      tree_id: 'f9d2a07e9488b91af2641b26b9407fe22a451433',
      distinct: true,
      message: 'Merge pull request #42',
      timestamp: '2026-12-01T10:00:00+01:00',
      url: `https://github.com/${repository}/commit/0d1a26e67d8f`,
      author: { name: 'Dev', email: 'dev@example.com', username: 'dev' },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
      added: commit.added ?? [],
      removed: commit.removed ?? [],
      modified: commit.modified ?? [],
    })),
    head_commit: null,
    repository: {
      id: 186853002,
      name: repository.split('/')[1],
      full_name: repository,
      private: true,
      html_url: `https://github.com/${repository}`,
      url: `https://github.com/${repository}`,
      clone_url: `https://github.com/${repository}.git`,
      default_branch: options.defaultBranch ?? 'main',
      master_branch: options.defaultBranch ?? 'main',
    },
    pusher: { name: 'dev', email: 'dev@example.com' },
    sender: { login: 'dev', id: 21031067, type: 'User' },
  };
}

/** A GitLab push hook's body, as GitLab sends it. */
function gitlabPush(options: {
  ref?: string;
  commits: { added?: string[]; modified?: string[]; removed?: string[] }[];
  totalCommitsCount?: number;
}) {
  return {
    object_kind: 'push',
    event_name: 'push',
    before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
    after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    ref: options.ref ?? 'refs/heads/main',
    ref_protected: true,
    checkout_sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    user_id: 4,
    user_name: 'John Smith',
    user_username: 'jsmith',
    project_id: 15,
    project: {
      id: 15,
      name: 'Ledger',
      web_url: 'https://gitlab.com/acme/platform/ledger',
      git_ssh_url: 'git@gitlab.com:acme/platform/ledger.git',
      git_http_url: 'https://gitlab.com/acme/platform/ledger.git',
      namespace: 'Platform',
      path_with_namespace: 'acme/platform/ledger',
      default_branch: 'main',
      homepage: 'https://gitlab.com/acme/platform/ledger',
    },
    commits: options.commits.map((commit, index) => ({
      id: `b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327${index}`,
      message: 'Update the ledger table',
      timestamp: '2026-12-01T10:00:00+01:00',
      url: 'https://gitlab.com/acme/platform/ledger/-/commit/b6568db1',
      author: { name: 'Jordi Mallach', email: 'jordi@example.com' },
      added: commit.added ?? [],
      modified: commit.modified ?? [],
      removed: commit.removed ?? [],
    })),
    total_commits_count: options.totalCommitsCount ?? options.commits.length,
    repository: {
      name: 'Ledger',
      url: 'git@gitlab.com:acme/platform/ledger.git',
      homepage: 'https://gitlab.com/acme/platform/ledger',
      git_http_url: 'https://gitlab.com/acme/platform/ledger.git',
    },
  };
}

/** A Bitbucket Cloud repo:push body, as Bitbucket sends it. */
function bitbucketPush(branches: (string | null)[]) {
  return {
    actor: { type: 'user', display_name: 'Dev', uuid: '{d301aafa}' },
    repository: {
      type: 'repository',
      name: 'mailer',
      full_name: 'acme/mailer',
      uuid: '{59b1d2c2}',
      links: {
        html: { href: 'https://bitbucket.org/acme/mailer' },
        self: {
          href: 'https://api.bitbucket.org/2.0/repositories/acme/mailer',
        },
      },
      workspace: { slug: 'acme', type: 'workspace' },
      project: { key: 'OPS', type: 'project' },
      is_private: true,
      scm: 'git',
    },
    push: {
      changes: branches.map(branch => ({
        new: branch
          ? {
              type: 'branch',
              name: branch,
              target: {
                type: 'commit',
                hash: '709d658dc5b6d6afcd46049c2f332ee3f515a67d',
              },
            }
          : null,
        old: { type: 'branch', name: branch ?? 'gone' },
        created: false,
        closed: branch === null,
        forced: false,
        truncated: false,
        commits: [],
      })),
    },
  };
}

/**
 * An Azure DevOps `git.push` service hook's body, as Azure DevOps posts it
 * (the shape of Microsoft's sample payload).
 */
function azurePush(
  refUpdates: { branch: string; deleted?: boolean }[],
  names: { project: string; repository: string; remoteUrl?: string } = {
    project: 'Shop Platform',
    repository: 'Orders',
  },
) {
  const commit = '3f4e2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f';
  return {
    subscriptionId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    notificationId: 7,
    id: '0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b',
    eventType: 'git.push',
    publisherId: 'tfs',
    message: {
      text: `Dev pushed updates to Orders:${refUpdates[0]?.branch}.`,
    },
    resource: {
      commits: [
        {
          commitId: commit,
          author: { name: 'Dev', email: 'dev@example.com' },
          committer: { name: 'Dev', email: 'dev@example.com' },
          comment: 'Alarm on the order processor errors',
          url: `https://dev.azure.com/acme/_apis/git/repositories/6d1f/commits/${commit}`,
        },
      ],
      refUpdates: refUpdates.map(({ branch, deleted }) => ({
        name: `refs/heads/${branch}`,
        oldObjectId: '8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a',
        newObjectId: deleted ? '0'.repeat(40) : commit,
      })),
      repository: {
        id: '6d1f0b8e-2c4a-4e9d-b7f3-5a1c9e8d2b4f',
        name: names.repository,
        url: 'https://dev.azure.com/acme/_apis/git/repositories/6d1f0b8e-2c4a-4e9d-b7f3-5a1c9e8d2b4f',
        project: {
          id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
          name: names.project,
          url: 'https://dev.azure.com/acme/_apis/projects/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
          state: 'wellFormed',
        },
        defaultBranch: 'refs/heads/main',
        remoteUrl:
          names.remoteUrl ??
          `https://acme@dev.azure.com/acme/${encodeURIComponent(
            names.project,
          )}/_git/${encodeURIComponent(names.repository)}`,
      },
      pushedBy: { displayName: 'Dev', uniqueName: 'dev@example.com' },
      pushId: 311,
      date: '2026-12-01T09:00:00Z',
    },
    resourceVersion: '1.0',
    resourceContainers: {
      collection: { id: 'c12d0eb8-e382-443b-9f9c-c52cba5014c2' },
      project: { id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' },
    },
  };
}

describe.each(databases.eachSupportedId())('ScanOnPush on %p', databaseId => {
  it('scans, on a GitHub push, the entities of the pushed branch with a change in their folder, and no other', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        commits: [
          {
            modified: [
              'services/orders/template.yaml',
              // Not read by a scan: no scan of payments.
              'services/payments/README.md',
              // Outside gateway's infra-compliance/paths.
              'services/gateway/app/handler.yaml',
            ],
          },
          // Another repository's folder of the same name; billing reads release/1.x.
          { added: ['infra/main.tf', 'services/billing/template.yaml'] },
        ],
      }),
      metadata: { 'x-github-event': 'push' },
    });
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('orders'),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'push to https://github.com/acme/monorepo (main): scanning component:default/orders; 3 other entities of the repository not affected',
      ),
    );
  });

  it('scans no entity the catalog no longer has, and says so', async () => {
    const { knex, logger, webhooks } = await setup(databaseId, {
      catalogEntities: ENTITIES.filter(
        entity => entity.metadata.name !== 'orders',
      ),
    });
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        commits: [
          { modified: ['services/orders/template.yaml', 'docs/index.md'] },
        ],
      }),
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Infra Compliance: push to https://github.com/acme/monorepo (main): nothing to scan; 3 other entities of the repository not affected (another branch, or no change in their folder); 1 entity of the repository no longer in the catalog',
    );
    expect(await finishedScans(knex, 0)).toEqual([]);
  });

  it('scans an entity whose infra-compliance/paths leave a changed file in, and one on a branch with a slash', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        commits: [{ modified: ['services/gateway/infra/template.yaml'] }],
      }),
    });
    expect(scanningLogged(logger)).toEqual(['component:default/gateway']);
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        ref: 'refs/heads/release/1.x',
        commits: [{ removed: ['services/billing/template.yaml'] }],
      }),
    });
    expect(scanningLogged(logger)).toEqual(['component:default/billing']);
    expect(await finishedScans(knex, 2)).toEqual([
      ['component:default/billing', 'push', 'succeeded'],
      ['component:default/gateway', 'push', 'succeeded'],
    ]);
  });

  it('scans a location naming only the repository on a push to its default branch, not to another', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        repository: 'acme/inventory',
        ref: 'refs/heads/feature/faster',
        commits: [{ modified: ['template.yaml'] }],
      }),
    });
    expect(scanningLogged(logger)).toEqual([]);
    expect(logger.info).toHaveBeenLastCalledWith(
      'Infra Compliance: push to https://github.com/acme/inventory (feature/faster): nothing to scan; 1 other entity of the repository not affected (another branch, or no change in their folder)',
    );
    // A new default branch: the payload does not say what changed.
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        repository: 'ACME/Inventory',
        ref: 'refs/heads/trunk',
        defaultBranch: 'trunk',
        created: true,
      }),
    });
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('inventory'),
    );
  });

  it('scans an entity whose location is written with http on a push whose payload says https', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        repository: 'acme/search',
        commits: [{ modified: ['deploy/template.yaml'] }],
      }),
    });
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('search'),
    );
  });

  it("scans an entity whose location writes the host's default port, or runs of slashes, which the payload's URL does not", async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    for (const repository of ['acme/ports', 'acme/slashes'])
      await webhooks.publish({
        topic: 'github.push',
        eventPayload: githubPush({
          repository,
          commits: [{ modified: ['deploy/template.yaml'] }],
        }),
      });
    expect(await finishedScans(knex, 2)).toEqual([
      ['component:default/ports', 'push', 'succeeded'],
      ['component:default/slashes', 'push', 'succeeded'],
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'Infra Compliance: push to https://github.com/acme/ports (main): scanning component:default/ports',
    );
  });

  it('scans, on a GitLab push, the entity of a project in a subgroup whose folder changed', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'gitlab.push',
      eventPayload: gitlabPush({
        commits: [{ modified: ['infra/main.tf', 'docs/index.md'] }],
      }),
    });
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('ledger'),
    );
  });

  it('scans every entity of the pushed branch when GitLab lists only part of the commits', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'gitlab.push',
      eventPayload: gitlabPush({
        commits: [{ modified: ['README.md'] }],
        totalCommitsCount: 21,
      }),
    });
    expect(scanningLogged(logger).sort()).toEqual([
      'component:default/ledger',
      'component:default/ledger-docs',
    ]);
    expect(await finishedScans(knex, 2)).toEqual([
      ['component:default/ledger', 'push', 'succeeded'],
      ['component:default/ledger-docs', 'push', 'succeeded'],
    ]);
  });

  it('scans, on a Bitbucket Cloud push, the entities of the pushed branches only', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    // `next` deleted, `main` updated.
    await webhooks.publish({
      topic: 'bitbucketCloud.repo:push',
      eventPayload: bitbucketPush([null, 'main']),
      metadata: { 'x-event-key': 'repo:push' },
    });
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('mailer'),
    );
  });

  it('scans, on an Azure DevOps push, every entity of the repository on the pushed branch, whichever form its location takes, found with one query', async () => {
    const { knex, store, logger, webhooks } = await setup(databaseId);
    const lookups = jest.spyOn(store, 'listUrlSourcedEntities');
    await webhooks.publish({
      topic: 'azureDevOps.git.push',
      eventPayload: azurePush([{ branch: 'main' }]),
    });
    expect(scanningLogged(logger)).toEqual([
      'component:default/shop-api',
      'component:default/shop-worker',
    ]);
    expect(logger.info).toHaveBeenLastCalledWith(
      'Infra Compliance: push to https://dev.azure.com/acme/shop%20platform/_git/orders (main): scanning component:default/shop-api, component:default/shop-worker; 1 other entity of the repository not affected (another branch, or no change in their folder)',
    );
    expect(await pushOutcome({ knex, logger }, 2)).toEqual(
      scannedOnPush('shop-api', 'shop-worker'),
    );
    // Every form of the repository's URL, in every spelling.
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('scans, on an Azure DevOps push to another branch, its entities only; a deleted branch, nothing', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'azureDevOps.git.push',
      eventPayload: azurePush([{ branch: 'next', deleted: true }]),
    });
    expect(logger.info).not.toHaveBeenCalledWith(
      expect.stringContaining('push to'),
    );
    await webhooks.publish({
      topic: 'azureDevOps.git.push',
      eventPayload: azurePush([{ branch: 'next' }]),
    });
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('shop-api-next'),
    );
  });

  it('scans, on an Azure DevOps push, the entities of a repository whose names are written encoded or not in their locations', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'azureDevOps.git.push',
      eventPayload: azurePush([{ branch: 'main' }], {
        project: 'R&D',
        repository: 'Infra Tools',
      }),
    });
    expect(await pushOutcome({ knex, logger }, 2)).toEqual(
      scannedOnPush('rnd-tools', 'rnd-tools-deploy'),
    );
  });

  it('scans, on an Azure DevOps Server push, the entities of a repository named as its project and its collection, whose URL leaves the project out', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    // As Azure DevOps writes the URL of a repository named as its project.
    await webhooks.publish({
      topic: 'azureDevOps.git.push',
      eventPayload: azurePush([{ branch: 'main' }], {
        project: 'Shop',
        repository: 'Shop',
        remoteUrl: 'https://tfs.example.com/tfs/Shop/_git/Shop',
      }),
    });
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('shop-server'),
    );
  });

  it('scans, on an Azure DevOps push, the entities whose locations write its names in another case, non-ASCII letters too, encoded or not', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'azureDevOps.git.push',
      eventPayload: azurePush([{ branch: 'main' }], {
        project: 'Équipe',
        repository: 'Commandes',
      }),
    });
    expect(logger.info).toHaveBeenLastCalledWith(
      'Infra Compliance: push to https://dev.azure.com/acme/%c3%89quipe/_git/commandes (main): scanning component:default/commandes-api, component:default/commandes-worker; 1 other entity of the repository not affected (another branch, or no change in their folder)',
    );
    expect(await pushOutcome({ knex, logger }, 2)).toEqual(
      scannedOnPush('commandes-api', 'commandes-worker'),
    );
  });

  it('scans, on an Azure DevOps push of a branch with a `+`, the entity whose location writes it in `version` as it is', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'azureDevOps.git.push',
      eventPayload: azurePush([{ branch: 'release+2026' }], {
        project: 'Équipe',
        repository: 'Commandes',
      }),
    });
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('commandes-next'),
    );
  });

  it('scans, on a Bitbucket Server push, every entity of the repository on the pushed branch, whichever form its `at` takes', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    // Published as the module routes it: by its `x-event-key` header.
    await webhooks.publish({
      topic: 'bitbucketServer.repo:refs_changed',
      eventPayload: bitbucketServerPush({
        changes: [{ ref: 'refs/heads/main' }],
      }),
      metadata: { 'x-event-key': 'repo:refs_changed' },
    });
    // The other: `next`'s (a tag's location reads no branch; another
    // repository's is not this one's).
    expect(logger.info).toHaveBeenLastCalledWith(
      'Infra Compliance: push to https://bitbucket.example.com/bitbucket/projects/logi/repos/fulfilment (main): scanning component:default/fulfilment, component:default/fulfilment-docs, component:default/fulfilment-worker; 1 other entity of the repository not affected (another branch, or no change in their folder)',
    );
    expect(await pushOutcome({ knex, logger }, 3)).toEqual(
      scannedOnPush('fulfilment', 'fulfilment-docs', 'fulfilment-worker'),
    );
  });

  it('scans, on a Bitbucket Server push to another branch, its entities and those of the default branch; a deleted branch or a tag, nothing', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'bitbucketServer.repo:refs_changed',
      eventPayload: bitbucketServerPush({
        changes: [
          { ref: 'refs/heads/main', type: 'DELETE' },
          { ref: 'refs/tags/v1.0', type: 'ADD' },
        ],
      }),
    });
    expect(logger.info).not.toHaveBeenCalledWith(
      expect.stringContaining('push to'),
    );
    await webhooks.publish({
      topic: 'bitbucketServer.repo:refs_changed',
      eventPayload: bitbucketServerPush({
        changes: [
          { ref: 'refs/tags/v1.1', type: 'ADD' },
          { ref: 'refs/heads/next', type: 'ADD' },
        ],
      }),
    });
    // The payload does not name the default branch: a location without
    // `at` is taken to read the pushed branch.
    expect(await pushOutcome({ knex, logger }, 2)).toEqual(
      scannedOnPush('fulfilment-docs', 'fulfilment-next'),
    );
  });

  it('scans, on a Bitbucket Server push without links.self, the entities of the repository its clone URL, or else its project key and slug on the configured server, name', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    const scanned = [
      'component:default/fulfilment',
      'component:default/fulfilment-docs',
      'component:default/fulfilment-worker',
    ];
    await webhooks.publish({
      topic: 'bitbucketServer.repo:refs_changed',
      eventPayload: bitbucketServerPush({
        changes: [{ ref: 'refs/heads/main' }],
        links: 'clone',
      }),
    });
    expect(scanningLogged(logger)).toEqual(scanned);
    expect(await finishedScans(knex, 3)).toHaveLength(3);
    // Atlassian's sample of the 5.x documentation: no links at all.
    await webhooks.publish({
      topic: 'bitbucketServer.repo:refs_changed',
      eventPayload: bitbucketServerPush({
        changes: [{ ref: 'refs/heads/main' }],
        links: 'none',
      }),
    });
    expect(logger.info).toHaveBeenLastCalledWith(
      `Infra Compliance: push to https://bitbucket.example.com/bitbucket/projects/logi/repos/fulfilment (main): scanning ${scanned.join(
        ', ',
      )}; 1 other entity of the repository not affected (another branch, or no change in their folder)`,
    );
    expect(await finishedScans(knex, 6)).toEqual(
      scanned.flatMap(entityRef => [
        [entityRef, 'push', 'succeeded'],
        [entityRef, 'push', 'unchanged'],
      ]),
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("scans, on a Bitbucket Server push to a personal repository, its entities whichever of the owner's forms their location writes", async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    const scans: string[][] = [];
    for (const links of ['all', 'clone', 'none'] as const) {
      await webhooks.publish({
        topic: 'bitbucketServer.repo:refs_changed',
        eventPayload: bitbucketServerPush({
          changes: [{ ref: 'refs/heads/main' }],
          projectKey: '~JDOE',
          slug: 'sandbox',
          links,
        }),
      });
      expect(logger.info).toHaveBeenLastCalledWith(
        'Infra Compliance: push to https://bitbucket.example.com/bitbucket/users/jdoe/repos/sandbox (main): scanning component:default/sandbox',
      );
      scans.push([
        'component:default/sandbox',
        'push',
        scans.length ? 'unchanged' : 'succeeded',
      ]);
      expect(await finishedScans(knex, scans.length)).toEqual(scans);
    }
  });

  it('never scans, on a Bitbucket Server push, a location pinned to a commit, whose tree a push does not change', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    // Even a branch named as the commit: git reads 40 hex digits as a commit.
    await webhooks.publish({
      topic: 'bitbucketServer.repo:refs_changed',
      eventPayload: bitbucketServerPush({
        changes: [
          { ref: 'refs/heads/9c2f5d7e1b3a4c6d8e0f1a2b3c4d5e6f7a8b9c0d' },
        ],
      }),
    });
    // The location without `at`, taken to read the pushed branch; the
    // others, `main`'s and `next`'s.
    expect(logger.info).toHaveBeenLastCalledWith(
      'Infra Compliance: push to https://bitbucket.example.com/bitbucket/projects/logi/repos/fulfilment (9c2f5d7e1b3a4c6d8e0f1a2b3c4d5e6f7a8b9c0d): scanning component:default/fulfilment-docs; 3 other entities of the repository not affected (another branch, or no change in their folder)',
    );
    expect(await pushOutcome({ knex, logger }, 1)).toEqual(
      scannedOnPush('fulfilment-docs'),
    );
  });

  it('looks the repository up once for a push of many branches', async () => {
    const { knex, store, catalog, logger, webhooks } = await setup(databaseId);
    const lookups = jest.spyOn(store, 'listUrlSourcedEntities');
    const reads = jest.spyOn(catalog, 'getEntitiesByRefs');
    const branches = Array.from({ length: 500 }, (_, i) => `feature-${i}`);
    await webhooks.publish({
      topic: 'bitbucketServer.repo:refs_changed',
      eventPayload: bitbucketServerPush({
        changes: [...branches, 'next'].map(branch => ({
          ref: `refs/heads/${branch}`,
          type: 'ADD' as const,
        })),
      }),
    });
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await pushOutcome({ knex, logger }, 2)).toEqual(
      scannedOnPush('fulfilment-docs', 'fulfilment-next'),
    );
  });

  it("looks up the pushed repository's rows only, not those of repositories whose names hold its own", async () => {
    const { knex, store, webhooks } = await setup(databaseId);
    const lookups = jest.spyOn(store, 'listUrlSourcedEntities');
    /** The entities of the rows the lookup of the push found. */
    const lookedUp = async (topic: string, eventPayload: unknown) => {
      await webhooks.publish({ topic, eventPayload });
      const rows = await lookups.mock.results[lookups.mock.results.length - 1]
        .value;
      return rows.map(({ entityRef }: { entityRef: string }) => entityRef);
    };
    // A change outside every folder: nothing to scan.
    const githubPushTo = (repository: string) =>
      githubPush({ repository, commits: [{ modified: ['README.md'] }] });
    expect(
      await lookedUp('github.push', githubPushTo('acme/monorepo-tools')),
    ).toEqual(['component:default/tools']);
    expect(
      await lookedUp('github.push', githubPushTo('acme/monorepo')),
    ).toEqual([
      'component:default/billing',
      'component:default/gateway',
      'component:default/orders',
      'component:default/payments',
    ]);
    // Its location ends with the repository's name, then .git.
    expect(
      await lookedUp('github.push', githubPushTo('acme/inventory')),
    ).toEqual(['component:default/inventory']);
    // Nor those of the folders of the organization's other repositories of its name (monorepo-tools/tree/main/infra).
    expect(await lookedUp('github.push', githubPushTo('acme/infra'))).toEqual(
      [],
    );
    // Its location writes the default port, or runs of slashes.
    expect(await lookedUp('github.push', githubPushTo('acme/ports'))).toEqual([
      'component:default/ports',
    ]);
    expect(await lookedUp('github.push', githubPushTo('acme/slashes'))).toEqual(
      ['component:default/slashes'],
    );
    expect(
      await lookedUp(
        'bitbucketServer.repo:refs_changed',
        bitbucketServerPush({ changes: [{ ref: 'refs/heads/next' }] }),
      ),
    ).toEqual([
      'component:default/fulfilment',
      'component:default/fulfilment-docs',
      'component:default/fulfilment-next',
      'component:default/fulfilment-pinned',
      'component:default/fulfilment-v1',
      'component:default/fulfilment-worker',
    ]);
    expect(await finishedScans(knex, 2)).toEqual([
      ['component:default/fulfilment-docs', 'push', 'succeeded'],
      ['component:default/fulfilment-next', 'push', 'succeeded'],
    ]);
  });

  it('ignores a malformed payload with a warning, and a push to a repository it does not scan', async () => {
    const { knex, logger, webhooks } = await setup(databaseId);
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: { ref: 'refs/heads/main', repository: { name: 'x' } },
    });
    await webhooks.publish({ topic: 'gitlab.push', eventPayload: 'push' });
    await webhooks.publish({
      topic: 'bitbucketCloud.repo:push',
      eventPayload: {
        ...bitbucketPush(['main']),
        repository: { links: { html: { href: 'ssh://bitbucket.org/x' } } },
      },
    });
    const azure = azurePush([{ branch: 'main' }]);
    await webhooks.publish({
      topic: 'azureDevOps.git.push',
      eventPayload: {
        ...azure,
        resource: {
          ...azure.resource,
          repository: { ...azure.resource.repository, project: undefined },
        },
      },
    });
    // A payload without the repository's links nor its project.
    const bitbucketServer = bitbucketServerPush({
      changes: [{ ref: 'refs/heads/main' }],
      links: 'none',
    });
    await webhooks.publish({
      topic: 'bitbucketServer.repo:refs_changed',
      eventPayload: {
        ...bitbucketServer,
        repository: { ...bitbucketServer.repository, project: undefined },
      },
    });
    expect(logger.warn.mock.calls.map(([message]) => message)).toEqual([
      'Infra Compliance: github.push event ignored: InputError: Invalid github.push payload: repository.html_url: Required',
      'Infra Compliance: gitlab.push event ignored: InputError: Invalid gitlab.push payload: payload: Expected object, received string',
      'Infra Compliance: bitbucketCloud.repo:push event ignored: InputError: Invalid bitbucketCloud.repo:push payload: repository.links.html.href: must be an http(s) URL of a repository',
      'Infra Compliance: azureDevOps.git.push event ignored: InputError: Invalid azureDevOps.git.push payload: resource.repository.project: Required',
      'Infra Compliance: bitbucketServer.repo:refs_changed event ignored: InputError: Invalid bitbucketServer.repo:refs_changed payload: repository: neither links.self nor links.clone holds the URL of a Bitbucket Server repository, and it names no project key and slug',
    ]);
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        repository: 'someone/else',
        commits: [{ modified: ['template.yaml'] }],
      }),
    });
    expect(logger.info).not.toHaveBeenCalledWith(
      expect.stringContaining('push to'),
    );
    expect(await knex('scans').select('id')).toEqual([]);
  });

  it('does not scan an entity again while its scan on demand is queued', async () => {
    const { knex, scanner, logger, webhooks } = await setup(databaseId);
    const queued = await scanner.enqueue(ENTITIES[0], 'user:default/alice');
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        commits: [{ modified: ['services/orders/template.yaml'] }],
      }),
    });
    expect(scanningLogged(logger)).toEqual(['component:default/orders']);
    for (let i = 0; i < 200; i++) {
      if (
        logger.info.mock.calls.some(([message]) =>
          (message as string).includes('not scanned on push'),
        )
      )
        break;
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    expect(logger.info).toHaveBeenCalledWith(
      `Infra Compliance: component:default/orders not scanned on push: scan ${
        (queued as { scanId: string }).scanId
      } of it is queued or running`,
    );
    expect(
      await knex('scans').select('entity_ref', 'trigger', 'status'),
    ).toEqual([
      {
        entity_ref: 'component:default/orders',
        trigger: 'manual',
        status: 'queued',
      },
    ]);
  });

  it('scans an entity again once its scheduled scan, which was reading the tree when the push arrived, ended', async () => {
    let release = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    let reads = 0;
    const { knex, scanner, logger, webhooks } = await setup(databaseId, {
      // The scheduled scan's read waits: the push arrives meanwhile.
      readTree: async () => {
        if (reads++ === 0) await released;
      },
    });
    const scheduled = scanner.run(ENTITIES[0], { trigger: 'schedule' });
    for (let i = 0; i < 200 && reads === 0; i++)
      await new Promise(resolve => setTimeout(resolve, 25));
    await webhooks.publish({
      topic: 'github.push',
      eventPayload: githubPush({
        commits: [{ modified: ['services/orders/template.yaml'] }],
      }),
    });
    const waiting = `Infra Compliance: component:default/orders is scanned on push once scan ${
      (await knex('scans').first('id')).id
    }, which may have read it before the push, ends`;
    for (
      let i = 0;
      i < 200 &&
      !logger.info.mock.calls.some(([message]) => message === waiting);
      i++
    )
      await new Promise(resolve => setTimeout(resolve, 25));
    release();
    expect((await scheduled).status).toBe('succeeded');
    expect(await finishedScans(knex, 2)).toEqual([
      ['component:default/orders', 'schedule', 'succeeded'],
      ['component:default/orders', 'push', 'unchanged'],
    ]);
  });

  it('scans at most `concurrency` entities at a time, and an entity pushed to while its push scan runs once more after it', async () => {
    let reading = 0;
    let mostReadAtOnce = 0;
    let release = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    const { knex, logger, webhooks } = await setup(databaseId, {
      concurrency: 1,
      readTree: async () => {
        reading++;
        mostReadAtOnce = Math.max(mostReadAtOnce, reading);
        await released;
        reading--;
      },
    });
    const push = githubPush({
      commits: [
        {
          modified: [
            'services/orders/template.yaml',
            'services/payments/template.yaml',
          ],
        },
      ],
    });
    await webhooks.publish({ topic: 'github.push', eventPayload: push });
    // orders runs, payments waits; the same push again: orders is scanned
    // again after its scan, payments once.
    await webhooks.publish({ topic: 'github.push', eventPayload: push });
    release();
    expect(await finishedScans(knex, 3)).toEqual([
      ['component:default/orders', 'push', 'succeeded'],
      ['component:default/orders', 'push', 'unchanged'],
      ['component:default/payments', 'push', 'succeeded'],
    ]);
    expect(mostReadAtOnce).toBe(1);
    expect(scanningLogged(logger)).toEqual([
      'component:default/orders',
      'component:default/payments',
    ]);
  });
});
