import { promises as fs } from 'node:fs';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ServiceFactory } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { HumanDuration } from '@backstage/types';
import type { ConfigWarning } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import spec from './schema/openapi.yaml';
import {
  TEMPLATE_NO_DLQ,
  TEMPLATE_WITH_DLQ,
  componentEntity,
  groupEntity,
  makeRepo,
  hidingPolicy,
  makeTempDir,
  readingIsConditional,
  tempDirEachTest,
  userListings,
  waitForScan,
  writeFiles,
} from './__testUtils__/fixtures';
import {
  mockAuditor,
  mockScheduler,
  startPluginBackend,
} from './__testUtils__/backend';
import { readWithCommitDuring } from './__testUtils__/databases';
import { infraCompliancePlugin } from './plugin';
import { ComplianceStore } from './database/ComplianceStore';
import { QueuedScans } from './scanning/QueuedScans';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const BASE = '/api/infra-compliance';
const ORDERS = `${BASE}/entities/component/default/orders`;

/** The operation of openapi.yaml that serves a request path. */
function documentedOperation(method: string, url: string) {
  const path = url.slice(BASE.length).split('?')[0];
  const [, operations] = Object.entries(
    (spec as any).paths as Record<string, any>,
  ).find(([template]) =>
    new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  )!;
  return operations[method.toLowerCase()];
}

/** openapi.yaml's schemas, as JSON Schema: `nullable` (OpenAPI 3.0's own keyword) becomes a null type. */
const openapiSchemas = (() => {
  const jsonSchema = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(jsonSchema);
    if (!value || typeof value !== 'object') return value;
    const { nullable, ...rest } = value as Record<string, unknown>;
    const schema = Object.fromEntries(
      Object.entries(rest).map(([key, child]) => [key, jsonSchema(child)]),
    );
    if (nullable !== true) return schema;
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
    return typeof schema.type === 'string'
      ? { ...schema, type: [schema.type, 'null'] }
      : { anyOf: [schema, { type: 'null' }] };
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(jsonSchema(spec) as object, 'openapi');
  return ajv;
})();

/**
 * What in `body` the schema of GET `path`'s 200 answer in openapi.yaml does
 * not describe; undefined when it describes it all.
 */
function undocumentedIn200(path: string, body: unknown): string | undefined {
  const pointer = [
    'paths',
    path,
    'get',
    'responses',
    '200',
    'content',
    'application/json',
    'schema',
  ]
    .map(part =>
      encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1')),
    )
    .join('/');
  const validate = openapiSchemas.getSchema(`openapi#/${pointer}`);
  if (!validate) throw new Error(`openapi.yaml has no schema for ${path}`);
  return validate(body)
    ? undefined
    : openapiSchemas.errorsText(validate.errors);
}

/** The orders scorecard, checked against what openapi.yaml documents of it. */
async function ordersScorecard(server: Parameters<typeof request>[0]) {
  const res = await request(server).get(`${ORDERS}/scorecard`);
  expect(res.status).toBe(200);
  expect(
    undocumentedIn200(
      '/entities/{kind}/{namespace}/{name}/scorecard',
      res.body,
    ),
  ).toBeUndefined();
  return res.body;
}

async function catalogEntities(root: string) {
  const orders = await makeRepo(root, 'orders', TEMPLATE_NO_DLQ);
  const payments = await makeRepo(root, 'payments', TEMPLATE_WITH_DLQ);
  return [
    componentEntity('orders', {
      dir: orders,
      owner: 'team-a1',
      system: 'shop',
    }),
    componentEntity('payments', {
      dir: payments,
      owner: 'team-b',
      system: 'payments',
    }),
    componentEntity('docs', { owner: 'team-b' }),
    componentEntity('legacy', {
      dir: orders,
      owner: 'team-a',
      annotations: { 'infra-compliance/skip': 'true' },
    }),
    // A group whose catalog file sits in a service's folder: not scanned all the same.
    {
      ...groupEntity('platform-team'),
      metadata: {
        name: 'platform-team',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${orders}/catalog-info.yaml`,
        },
      },
    },
    groupEntity('engineering', ['team-a', 'team-b']),
    groupEntity('team-a', ['team-a1']),
    groupEntity('team-a1'),
    {
      ...groupEntity('team-b'),
      spec: {
        type: 'team',
        children: [],
        profile: { displayName: 'Billing Crew' },
      },
    },
  ];
}

async function startBackend(
  databaseId: TestDatabaseId,
  root: string,
  extra: { permissions?: 'allow' | 'deny'; hidden?: string[] } = {},
) {
  const knex = await databases.init(databaseId);
  const scheduler = mockScheduler();
  const auditor = mockAuditor();
  const hiding = extra.hidden
    ? hidingPolicy(extra.hidden, await catalogEntities(root))
    : undefined;
  const { server } = await startTestBackend({
    features: [
      infraCompliancePlugin,
      mockServices.database.factory({ knex }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      auditor.factory,
      ...(hiding
        ? hiding.factories
        : [
            catalogServiceMock.factory({
              entities: await catalogEntities(root),
            }),
          ]),
      mockServices.rootConfig.factory({
        data: {
          infraCompliance: {
            shards: 2,
            concurrency: 2,
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
          },
        },
      }),
      ...(extra.permissions === 'deny'
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
  return { server, scheduler, auditor, knex, catalog: hiding?.catalog };
}

describe.each(databases.eachSupportedId())(
  'infra-compliance backend on %p',
  databaseId => {
    let root: string;
    let backend: Awaited<ReturnType<typeof startBackend>>;

    beforeAll(async () => {
      root = await makeTempDir();
      backend = await startBackend(databaseId, root);
      // The org-wide scan: run both shards.
      await backend.scheduler.triggerTask('infra-compliance-scan-shard-0-of-2');
      await backend.scheduler.triggerTask('infra-compliance-scan-shard-1-of-2');
    });

    afterAll(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });

    it('schedules the org-wide scan as one global task per shard', async () => {
      const tasks = await backend.scheduler.getScheduledTasks();
      expect(tasks.map(task => task.id).sort()).toEqual([
        'infra-compliance-scan-new-entities',
        'infra-compliance-scan-retention',
        'infra-compliance-scan-shard-0-of-2',
        'infra-compliance-scan-shard-1-of-2',
        'infra-compliance-waiver-expiry',
      ]);
      expect(tasks.every(task => task.scope === 'global')).toBe(true);
    });

    it('scans every scannable entity across the shards, and lists the overview', async () => {
      const scans = await backend
        .knex('scans')
        .select('entity_ref', 'status', 'trigger');
      expect(scans.map(s => s.entity_ref).sort()).toEqual([
        'component:default/orders',
        'component:default/payments',
      ]);
      expect(
        scans.every(s => s.status === 'succeeded' && s.trigger === 'schedule'),
      ).toBe(true);

      const res = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ sort: 'score', order: 'asc' });
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(4);
      const orders = res.body.items.find((item: any) => item.name === 'orders');
      expect(orders).toMatchObject({
        entityRef: 'component:default/orders',
        owner: 'group:default/team-a1',
        system: 'system:default/shop',
        lifecycle: 'production',
        grade: expect.stringMatching(/^[A-F]$/),
        categoryScores: { dlq: 0 },
        lastScanStatus: 'succeeded',
      });
      expect(orders.open.total).toBeGreaterThan(0);
      // Sorted by score ascending, never-scanned entities (null) last.
      const scores = res.body.items.map((item: any) => item.score);
      expect(scores.slice(2)).toEqual([null, null]);
      expect(scores[0]).toBeLessThanOrEqual(scores[1]);
      // Needing attention first: with no failed scan here, the scores lowest
      // first, then the entities that cannot be scanned.
      const byAttention = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ sort: 'attention' });
      expect(byAttention.status).toBe(200);
      expect(byAttention.body.items.map((item: any) => item.name)).toEqual(
        res.body.items.map((item: any) => item.name),
      );

      const filtered = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({
          owner: 'team-a1',
          kind: 'component',
          lifecycle: 'production',
          system: 'shop',
        });
      expect(filtered.body).toMatchObject({
        totalCount: 1,
        items: [{ name: 'orders' }],
      });

      const paged = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ limit: 1, offset: 1, sort: 'name' });
      expect(paged.body).toMatchObject({
        totalCount: 4,
        limit: 1,
        offset: 1,
        items: [{ name: 'legacy' }],
      });
    });

    it("sorts the services by a category's score, those it is not applicable to last both ways, and answers an unknown category 400", async () => {
      const sorted = async (sort: string, order: 'asc' | 'desc') => {
        const res = await request(backend.server)
          .get(`${BASE}/entities`)
          .query({ sort, order });
        expect(res.status).toBe(200);
        return res.body.items.map((item: any) => [
          item.name,
          item.categoryScores.dlq ?? null,
        ]);
      };
      // orders has no dead-letter queue, payments has one; docs has no
      // code to scan and legacy opted out.
      expect(await sorted('score.dlq', 'asc')).toEqual([
        ['orders', 0],
        ['payments', 100],
        ['docs', null],
        ['legacy', null],
      ]);
      expect(await sorted('score.dlq', 'desc')).toEqual([
        ['payments', 100],
        ['orders', 0],
        ['docs', null],
        ['legacy', null],
      ]);

      const unknown = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ sort: 'score.cost' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(
        /^Invalid query: sort: .*'score\.dlq'.*received 'score\.cost'/,
      );

      // A cursor pages in the order of refs only.
      const byRef = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ sort: 'ref', after: 'component:default/legacy', limit: 1 });
      expect(byRef.status).toBe(200);
      expect(byRef.body.items.map((item: any) => item.entityRef)).toEqual([
        'component:default/orders',
      ]);
      // The cursor is a ref as any other: in any case, the namespace implied.
      const byRefAsTyped = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ sort: 'ref', after: 'Component:Legacy', limit: 1 });
      expect(byRefAsTyped.status).toBe(200);
      expect(
        byRefAsTyped.body.items.map((item: any) => item.entityRef),
      ).toEqual(['component:default/orders']);
      const cursorByName = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ sort: 'name', after: 'component:default/legacy' });
      expect(cursorByName.status).toBe(400);
      expect(cursorByName.body.error.message).toBe(
        'Invalid query: after: needs sort=ref (an entity ref to page from, in the order of refs)',
      );
    });

    it("searches the services by what their rows show: name, owner, system, and the owner's display name", async () => {
      const names = async (q: string) =>
        (
          await request(backend.server)
            .get(`${BASE}/entities`)
            .query({ q, sort: 'name' })
        ).body.items.map((item: any) => item.name);
      expect(await names('team-a1')).toEqual(['orders']);
      // Typed with a space after it: found nothing.
      expect(await names(' team-a1 ')).toEqual(['orders']);
      expect(await names('shop')).toEqual(['orders']);
      expect(await names('billing CREW')).toEqual(['docs', 'payments']);
      expect(await names('crew')).toEqual(['docs', 'payments']);
      // The refs' kind and namespace, which no row shows.
      expect(await names('default')).toEqual([]);
    });

    it('lists the entities that cannot be scanned, with the reason', async () => {
      const res = await request(backend.server).get(
        `${BASE}/entities/unscannable`,
      );
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(2);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/docs',
          scannable: false,
          unscannableReason: expect.stringContaining(
            'No backstage.io/source-location',
          ),
        }),
        expect.objectContaining({
          entityRef: 'component:default/legacy',
          unscannableReason: expect.stringContaining('Opted out'),
        }),
      ]);
    });

    it('serves the scorecard, findings, history and SARIF of an entity', async () => {
      const scorecard = await request(backend.server).get(
        `${ORDERS}/scorecard`,
      );
      expect(scorecard.status).toBe(200);
      expect(scorecard.body).toMatchObject({
        entityRef: 'component:default/orders',
        grade: expect.any(String),
        categories: { dlq: { score: 0, passed: 0, failed: 1, open: 1 } },
        lastScan: { status: 'succeeded' },
        formula: expect.stringContaining('severity-weighted'),
      });

      const all = await request(backend.server).get(`${ORDERS}/findings`);
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(scorecard.body.open.total);
      const severities = all.body.items.map((f: any) => f.severity);
      const rank = ['critical', 'high', 'medium', 'low'];
      expect(severities.map((s: string) => rank.indexOf(s))).toEqual(
        [...severities.map((s: string) => rank.indexOf(s))].sort(
          (a, b) => a - b,
        ),
      );

      const dlq = await request(backend.server)
        .get(`${ORDERS}/findings`)
        .query({ category: 'dlq', severity: 'high,critical', rule: 'DLQ-001' });
      expect(
        (
          await request(backend.server).get(`${ORDERS}/findings`).query({
            category: 'dlq',
            severity: 'high,critical',
            rule: 'Dlq-001',
          })
        ).body,
      ).toEqual(dlq.body);
      expect(dlq.body).toMatchObject({
        totalCount: 1,
        items: [
          {
            ruleId: 'DLQ-001',
            title: expect.any(String),
            remediation: expect.any(String),
            resourceId: 'Worker',
            file: 'template.yaml',
            line: 3,
            status: 'open',
            waived: false,
            firstSeenAt: expect.any(String),
          },
        ],
      });

      // Search: any of rule, resource, file and message, case-insensitively; % and _ are literal.
      const worker = await request(backend.server)
        .get(`${ORDERS}/findings`)
        .query({ q: 'WORKER', sort: 'rule' });
      expect(worker.body.totalCount).toBeGreaterThan(0);
      expect(
        worker.body.items.every((f: any) =>
          `${f.ruleId} ${f.resourceId} ${f.resourceType} ${f.file} ${f.message}`
            .toLocaleLowerCase('en-US')
            .includes('worker'),
        ),
      ).toBe(true);
      expect(worker.body.items.map((f: any) => f.ruleId)).toContain('DLQ-001');
      const byRule = await request(backend.server)
        .get(`${ORDERS}/findings`)
        .query({ q: 'dlq-001' });
      expect(byRule.body.items.map((f: any) => f.ruleId)).toEqual(['DLQ-001']);
      const typedWithSpaces = await request(backend.server)
        .get(`${ORDERS}/findings`)
        .query({ q: ' dlq-001 ' });
      expect(typedWithSpaces.body.items).toEqual(byRule.body.items);
      const wildcard = await request(backend.server)
        .get(`${ORDERS}/findings`)
        .query({ q: '%' });
      expect(wildcard.body.totalCount).toBe(0);

      const page = await request(backend.server)
        .get(`${ORDERS}/findings`)
        .query({ limit: 2, offset: 1, sort: 'rule' });
      expect(page.body).toMatchObject({
        limit: 2,
        offset: 1,
        totalCount: all.body.totalCount,
      });
      expect(page.body.items).toHaveLength(2);

      const history = await request(backend.server).get(`${ORDERS}/history`);
      expect(history.status).toBe(200);
      expect(history.body.snapshots).toHaveLength(1);
      expect(history.body.timeline).toEqual([
        {
          day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          opened: all.body.totalCount,
          resolved: 0,
        },
      ]);

      const sarif = await request(backend.server).get(`${ORDERS}/sarif`);
      expect(sarif.status).toBe(200);
      expect(sarif.headers['content-type']).toContain('application/sarif+json');
      const log = JSON.parse(sarif.text);
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0].results).toHaveLength(all.body.totalCount);
      // A local directory's path stays on the backend's host.
      expect(log.runs[0].originalUriBaseIds).toEqual({
        '%SRCROOT%': {
          description: {
            text: 'The dir: source location of component:default/orders',
          },
        },
      });

      const rules = await request(backend.server).get(`${BASE}/rules`);
      expect(
        rules.body.items.find((rule: any) => rule.id === 'DLQ-001'),
      ).toMatchObject({
        rationale: expect.any(String),
        remediation: { summary: expect.any(String) },
      });
      expect(
        (await request(backend.server).get(`${BASE}/rules/DLQ-001`)).body.id,
      ).toBe('DLQ-001');
      // In any case, as the actions and the command line take rule ids.
      expect(
        (await request(backend.server).get(`${BASE}/rules/dlq-001`)).body.id,
      ).toBe('DLQ-001');
      expect(
        (await request(backend.server).get(`${BASE}/rules/NOPE-001`)).status,
      ).toBe(404);
    });

    it('scans on demand: 202 with a scan id, then the status', async () => {
      const res = await request(backend.server).post(
        `${BASE}/entities/component/default/payments/scans`,
      );
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        scanId: expect.any(String),
        existing: false,
      });
      // The Location is the status route, an absolute path under the plugin's base.
      expect(res.headers.location).toBe(`${BASE}/scans/${res.body.scanId}`);
      const status = await request(backend.server).get(res.headers.location);
      expect(status.status).toBe(200);
      expect(status.body.id).toBe(res.body.scanId);
      const inUpperCase = await request(backend.server).get(
        `${BASE}/scans/${res.body.scanId.toUpperCase()}`,
      );
      expect(inUpperCase.body.id).toBe(res.body.scanId);
      const scan = await waitForScan(backend.server, res.headers.location);
      // The tree the org-wide scan read, unchanged: so are its results.
      expect(scan).toMatchObject({
        entityRef: 'component:default/payments',
        trigger: 'manual',
        requestedBy: mockCredentials.user().principal.userEntityRef,
        status: 'unchanged',
      });
      const scans = await request(backend.server).get(
        `${BASE}/entities/component/default/payments/scans`,
      );
      expect(scans.body.totalCount).toBe(2);
      expect(scans.body.items[0].id).toBe(res.body.scanId);
      // What the org-wide scan did not judge (nothing), the suppressions
      // it found unused and the warnings of the repository's config (none),
      // on that scan and the scorecard; the unchanged scan and the list
      // carry none of them.
      const succeeded = scans.body.items[1];
      expect(succeeded.status).toBe('succeeded');
      const covered = { skipped: [], notModelled: [] };
      const unusedSuppressions = { items: [] };
      const configWarnings: ConfigWarning[] = [];
      expect(
        (await request(backend.server).get(`${BASE}/scans/${succeeded.id}`))
          .body,
      ).toEqual({
        ...succeeded,
        coverage: covered,
        unusedSuppressions,
        configWarnings,
      });
      expect(scan).not.toHaveProperty('coverage');
      expect(
        scans.body.items.filter((item: object) => 'coverage' in item),
      ).toEqual([]);
      const scorecard = await request(backend.server).get(
        `${BASE}/entities/component/default/payments/scorecard`,
      );
      expect(scorecard.body.lastSuccessfulScan).toEqual({
        ...succeeded,
        coverage: covered,
        unusedSuppressions,
        configWarnings,
      });

      const unscannable = await request(backend.server).post(
        `${BASE}/entities/component/default/docs/scans`,
      );
      expect(unscannable.status).toBe(400);
      expect(unscannable.body.error.message).toMatch(
        /cannot be scanned: No backstage.io\/source-location/,
      );
      // A chunked body of no bytes is none, of any type or none: its headers
      // do not say it is empty.
      const chunkedEmpty = await request(backend.server)
        .post(`${BASE}/entities/component/default/docs/scans`)
        .set('Transfer-Encoding', 'chunked');
      expect(chunkedEmpty.body.error.message).toBe(
        unscannable.body.error.message,
      );

      const missing = await request(backend.server).post(
        `${BASE}/entities/component/default/nope/scans`,
      );
      expect(missing.status).toBe(404);
    });

    it('answers 404 with a reason for a path or method it has no route for, an empty segment included', async () => {
      for (const [method, path] of [
        ['get', '/entities/component//orders/scorecard'],
        ['get', '/nope'],
        ['put', '/rules'],
        ['delete', '/entities/component/default/orders/scans'],
      ] as const) {
        const res = await request(backend.server)[method](`${BASE}${path}`);
        expect({ status: res.status, body: res.body }).toEqual({
          status: 404,
          body: expect.objectContaining({
            error: expect.objectContaining({
              name: 'NotFoundError',
              message: `No route ${method.toUpperCase()} ${path} in the Infra Compliance API`,
            }),
          }),
        });
      }
    });

    it('answers 404 for the waivers of an entity it has no record of, as for its other routes; one known but never scanned lists its waivers', async () => {
      const nope = `${BASE}/entities/component/default/nope`;
      for (const path of ['findings', 'history', 'sarif', 'scans', 'waivers']) {
        const res = await request(backend.server).get(`${nope}/${path}`);
        expect({
          path,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          path,
          status: 404,
          message: 'Infra Compliance has no record of component:default/nope',
        });
      }
      const docs = `${BASE}/entities/component/default/docs`;
      expect(
        await backend
          .knex('entities')
          .where('entity_ref', 'component:default/docs')
          .first('last_scan_id'),
      ).toEqual({ last_scan_id: null });
      const waivers = await request(backend.server).get(`${docs}/waivers`);
      expect(waivers.status).toBe(200);
      expect(waivers.body).toMatchObject({ items: [], totalCount: 0 });
    });

    it('creates, lists and revokes waivers, with an audit trail', async () => {
      const created = await request(backend.server)
        .post(`${ORDERS}/waivers`)
        .send({
          // Any case: stored as the catalog writes it.
          ruleId: 'dlq-001',
          reason: 'The caller retries',
          expiresAt: '2999-01-01T00:00:00Z',
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: 'component:default/orders',
        ruleId: 'DLQ-001',
        author: mockCredentials.user().principal.userEntityRef,
        active: true,
        expiresAt: '2999-01-01T00:00:00.000Z',
      });
      expect(backend.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'waiver-create',
          meta: expect.objectContaining({ ruleId: 'DLQ-001' }),
        }),
      );

      const scorecard = await request(backend.server).get(
        `${ORDERS}/scorecard`,
      );
      expect(scorecard.body.categories.dlq).toMatchObject({
        score: 100,
        open: 0,
      });
      const rollup = await request(backend.server).get(
        `${BASE}/groups/default/team-a1/rollup`,
      );
      expect(rollup.body.openByCategory.dlq).toBeUndefined();
      expect(rollup.body.waived).toBe(1);
      const waived = await request(backend.server)
        .get(`${ORDERS}/findings`)
        .query({ waived: 'true' });
      expect(waived.body.items.map((f: any) => f.ruleId)).toEqual(['DLQ-001']);

      const list = await request(backend.server)
        .get(`${BASE}/waivers`)
        .query({ entityRef: 'Component:orders', active: 'true' });
      expect(list.body).toMatchObject({
        totalCount: 1,
        items: [{ id: created.body.id }],
      });

      const revoked = await request(backend.server).delete(
        `${BASE}/waivers/${created.body.id}`,
      );
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({
        active: false,
        revokedBy: mockCredentials.user().principal.userEntityRef,
      });
      expect(backend.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'waiver-revoke' }),
      );
      expect(
        (
          await request(backend.server).delete(
            `${BASE}/waivers/${created.body.id}`,
          )
        ).status,
      ).toBe(409);
      const after = await request(backend.server).get(`${ORDERS}/scorecard`);
      expect(after.body.categories.dlq).toMatchObject({ score: 0, open: 1 });

      // Ids and fingerprints are hexadecimal, the same in upper case: a
      // waiver so named was "not found", a fingerprint "not hex".
      const [finding] = (
        await request(backend.server).get(`${ORDERS}/findings`)
      ).body.items;
      const byFingerprint = await request(backend.server)
        .post(`${ORDERS}/waivers`)
        .send({
          fingerprint: finding.fingerprint.toUpperCase(),
          reason: 'Tracked elsewhere',
        });
      expect(byFingerprint.status).toBe(201);
      expect(byFingerprint.body.fingerprint).toBe(finding.fingerprint);
      const revokedInUpperCase = await request(backend.server).delete(
        `${BASE}/waivers/${byFingerprint.body.id.toUpperCase()}`,
      );
      expect(revokedInUpperCase.status).toBe(200);
      expect(revokedInUpperCase.body).toMatchObject({
        id: byFingerprint.body.id,
        active: false,
      });
    });

    it('answers a waiver request already granted with its waiver (200, audited as not created), one of two identical requests at once included', async () => {
      const activeWaivers = () =>
        backend
          .knex('waivers')
          .where('entity_ref', 'component:default/orders')
          .whereNull('revoked_at')
          .pluck('id');
      const createEvent = backend.auditor.createEvent as jest.Mock;
      const eventsBefore = createEvent.mock.calls.length;
      const post = (body: object) =>
        request(backend.server).post(`${ORDERS}/waivers`).send(body);
      const body = {
        ruleId: 'DLQ-001',
        reason: 'The caller retries',
        expiresAt: '2999-01-01T00:00:00Z',
      };
      // Each transaction kept open past its look-up and insert: the other
      // request's look-up comes before it commits unless it waits for it.
      const refresh = (ComplianceStore.prototype as any).refreshEntityScoreIn;
      const slowRefresh = jest
        .spyOn(ComplianceStore.prototype as any, 'refreshEntityScoreIn')
        .mockImplementation(async function slow(
          this: ComplianceStore,
          ...args: unknown[]
        ) {
          await new Promise(resolve => setTimeout(resolve, 200));
          return refresh.apply(this, args);
        });
      let together: request.Response[];
      try {
        together = await Promise.all([post(body), post(body)]);
      } finally {
        slowRefresh.mockRestore();
      }
      expect(together.map(res => res.status).sort()).toEqual([200, 201]);
      const id = together[0].body.id;
      expect(together[1].body).toEqual(together[0].body);
      expect(await activeWaivers()).toEqual([id]);

      // The same request as the dialog's Retry may send it: the reason
      // trimmed, the expiry the same instant in another offset.
      const retried = await post({
        ...body,
        reason: ' The caller retries\n',
        expiresAt: '2999-01-01T01:00:00+01:00',
      });
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual(together[0].body);
      expect(await activeWaivers()).toEqual([id]);

      const audited = await Promise.all(
        createEvent.mock.results
          .slice(eventsBefore)
          .map(async result => (await result.value).success.mock.calls),
      );
      expect(
        createEvent.mock.calls.slice(eventsBefore).map(([e]) => e.eventId),
      ).toEqual(['waiver-create', 'waiver-create', 'waiver-create']);
      expect(
        audited
          .flat()
          .map(([{ meta }]) => meta)
          .sort((a, b) => Number(b.created) - Number(a.created)),
      ).toEqual([
        { waiverId: id, created: true },
        { waiverId: id, created: false },
        { waiverId: id, created: false },
      ]);

      expect(
        (await request(backend.server).delete(`${BASE}/waivers/${id}`)).status,
      ).toBe(200);
      expect(await activeWaivers()).toEqual([]);
    });

    it('refuses a revocation that sends a body, rather than revoke the waiver it may not mean to', async () => {
      const created = await request(backend.server)
        .post(`${ORDERS}/waivers`)
        .send({ ruleId: 'DLQ-001', reason: 'Revoked without a body only' });
      expect(created.status).toBe(201);
      const revoke = () =>
        request(backend.server).delete(`${BASE}/waivers/${created.body.id}`);
      const isActive = async () =>
        (await request(backend.server).get(`${BASE}/waivers/`)).body.items.find(
          (waiver: { id: string }) => waiver.id === created.body.id,
        ).active;

      // Ignored, these revoked the waiver: a dry run, or a reason the
      // caller took for recorded.
      for (const body of [{ dryRun: true }, { reason: 'No longer needed' }]) {
        const refused = await revoke().send(body);
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toBe(
          `Invalid body: body: unknown parameter(s) ${Object.keys(body)[0]}`,
        );
      }
      const asArray = await revoke().send([]);
      expect(asArray.status).toBe(400);
      expect(asArray.body.error.message).toBe(
        'Invalid body: body: Expected object, received array',
      );
      expect(await isActive()).toBe(true);
      expect(
        Object.keys(
          documentedOperation('DELETE', `${BASE}/waivers/x`).responses,
        ),
      ).toContain('400');

      // An empty object is no body, as for a scan.
      const revoked = await revoke().send({});
      expect(revoked.status).toBe(200);
      expect(await isActive()).toBe(false);
    });

    it('creates and revokes a waiver together with the stored score, or not at all when the score cannot be refreshed', async () => {
      // The stored figures the overview, roll-ups and entity card read.
      const stored = async () => ({
        scoreDlq: Number(
          (
            await backend
              .knex('entities')
              .where('entity_ref', 'component:default/orders')
              .first('score_dlq')
          ).score_dlq,
        ),
        rollupWaived: (
          await request(backend.server).get(
            `${BASE}/groups/default/team-a1/rollup`,
          )
        ).body.waived,
      });
      const activeWaivers = () =>
        backend
          .knex('waivers')
          .where('entity_ref', 'component:default/orders')
          .whereNull('revoked_at')
          .pluck('id');
      // The refresh's last write fails, as a dropped connection would.
      const writeRuleCounts = jest.spyOn(
        ComplianceStore.prototype as any,
        'writeRuleCounts',
      );
      try {
        const failRefreshOnce = () =>
          writeRuleCounts.mockRejectedValueOnce(
            new Error('Connection terminated'),
          );
        const unwaived = await stored();
        expect(unwaived).toEqual({ scoreDlq: 0, rollupWaived: 0 });
        expect(await activeWaivers()).toEqual([]);

        failRefreshOnce();
        const failed = await request(backend.server)
          .post(`${ORDERS}/waivers`)
          .send({ ruleId: 'DLQ-001', reason: 'The caller retries' });
        expect(failed.status).toBe(500);
        expect(await activeWaivers()).toEqual([]);
        expect(await stored()).toEqual(unwaived);

        const created = await request(backend.server)
          .post(`${ORDERS}/waivers`)
          .send({ ruleId: 'DLQ-001', reason: 'The caller retries' });
        expect(created.status).toBe(201);
        expect(await activeWaivers()).toEqual([created.body.id]);
        const waived = await stored();
        expect(waived).toEqual({ scoreDlq: 100, rollupWaived: 1 });

        failRefreshOnce();
        const failedRevoke = await request(backend.server).delete(
          `${BASE}/waivers/${created.body.id}`,
        );
        expect(failedRevoke.status).toBe(500);
        expect(await activeWaivers()).toEqual([created.body.id]);
        expect(await stored()).toEqual(waived);

        const revoked = await request(backend.server).delete(
          `${BASE}/waivers/${created.body.id}`,
        );
        expect(revoked.status).toBe(200);
        expect(await activeWaivers()).toEqual([]);
        expect(await stored()).toEqual(unwaived);
      } finally {
        writeRuleCounts.mockRestore();
      }
    });

    it('answers each GET route with a body its schema in openapi.yaml describes', async () => {
      const { body: scans } = await request(backend.server).get(
        `${ORDERS}/scans`,
      );
      const waiver = await request(backend.server)
        .post(`${ORDERS}/waivers`)
        .send({ ruleId: 'DLQ-001', reason: 'Replayed from the source' });
      expect(waiver.status).toBe(201);
      const routes: [path: string, url: string][] = [
        ['/rules', '/rules'],
        ['/rules/{ruleId}', '/rules/DLQ-001'],
        ['/entities', '/entities?limit=5'],
        ['/entities', '/entities?rule=ALM-001'],
        ['/entities/unscannable', '/entities/unscannable'],
        ['/rollup', '/rollup'],
        ['/owners', '/owners'],
        [
          '/groups/{namespace}/{name}/rollup',
          '/groups/default/engineering/rollup',
        ],
        ...['scorecard', 'findings', 'history', 'scans', 'waivers'].map(
          (route): [string, string] => [
            `/entities/{kind}/{namespace}/{name}/${route}`,
            `/entities/component/default/orders/${route}`,
          ],
        ),
        ['/scans/{scanId}', `/scans/${scans.items[0].id}`],
        ['/waivers', '/waivers'],
      ];
      const problems: string[] = [];
      for (const [path, url] of routes) {
        const res = await request(backend.server).get(`${BASE}${url}`);
        expect([url, res.status]).toEqual([url, 200]);
        const problem = undocumentedIn200(path, res.body);
        if (problem) problems.push(`${url}: ${problem}`);
      }
      expect(problems).toEqual([]);
      const revoked = await request(backend.server).delete(
        `${BASE}/waivers/${waiver.body.id}`,
      );
      expect(revoked.status).toBe(200);
    });

    it('rolls up a group through its child groups', async () => {
      const res = await request(backend.server).get(
        `${BASE}/groups/default/engineering/rollup`,
      );
      expect(res.status).toBe(200);
      expect(res.body.groups.sort()).toEqual([
        'group:default/engineering',
        'group:default/team-a',
        'group:default/team-a1',
        'group:default/team-b',
      ]);
      expect(res.body.entityCount).toBe(4);
      expect(res.body.scannedCount).toBe(2);

      const teamA = await request(backend.server).get(
        `${BASE}/groups/default/team-a/rollup`,
      );
      expect(teamA.status).toBe(200);
      // orders is owned by team-a1, a child of team-a; legacy directly by team-a; payments is team-b's.
      expect(teamA.body).toMatchObject({ entityCount: 2, scannedCount: 1 });
      const orders = await request(backend.server).get(`${ORDERS}/scorecard`);
      expect(teamA.body.open).toEqual(orders.body.open);
      expect(teamA.body.openByCategory.dlq).toMatchObject({
        high: 1,
        total: 1,
      });
      expect(teamA.body.timeline[0]).toMatchObject({
        opened: expect.any(Number),
      });
      expect(teamA.body.topRules.length).toBeGreaterThan(0);

      const teamB = await request(backend.server).get(
        `${BASE}/groups/default/team-b/rollup`,
      );
      expect(teamB.body.entityCount).toBe(2);
      expect(teamB.body.openByCategory.dlq).toBeUndefined();

      expect(
        (
          await request(backend.server).get(
            `${BASE}/groups/default/nobody/rollup`,
          )
        ).status,
      ).toBe(404);
    });

    it('lists the services failing a rule of the roll-up: those with open findings of it, neither waived nor suppressed', async () => {
      const org = await request(backend.server).get(`${BASE}/rollup`);
      const ruleIds: string[] = org.body.topRules.map(
        (rule: { ruleId: string }) => rule.ruleId,
      );
      expect(ruleIds).toContain('DLQ-001');
      const failing = async (entity: string, ruleId: string) => {
        const findings = await request(backend.server)
          .get(`${BASE}/entities/component/default/${entity}/findings`)
          .query({ rule: ruleId, waived: false, suppressed: false });
        return findings.body.totalCount > 0;
      };
      for (const ruleId of [...ruleIds, 'IAM-005']) {
        const listed = await request(backend.server)
          .get(`${BASE}/entities`)
          .query({ rule: ruleId });
        expect(listed.status).toBe(200);
        const expected = [];
        for (const entity of ['orders', 'payments'])
          if (await failing(entity, ruleId)) expected.push(entity);
        expect({
          ruleId,
          names: listed.body.items.map((item: any) => item.name),
        }).toEqual({ ruleId, names: expected });
        // The roll-up counts the services its link lists.
        expect(
          org.body.topRules.find(
            (rule: { ruleId: string }) => rule.ruleId === ruleId,
          )?.services ?? 0,
        ).toBe(expected.length);
      }
      // orders has no dead-letter queue, payments has one.
      const dlq = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ rule: 'DLQ-001' });
      expect(dlq.body.items.map((item: any) => item.name)).toEqual(['orders']);
      const lowerCase = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ rule: 'dlq-001' });
      expect(lowerCase.body).toEqual(dlq.body);
      const either = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ rule: `DLQ-001,${ruleIds.find(id => id !== 'DLQ-001')}` });
      expect(either.body.totalCount).toBeGreaterThanOrEqual(1);

      const invalid = await request(backend.server)
        .get(`${BASE}/entities`)
        .query({ rule: 'dlq-1' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toMatch(
        /must be a rule id like DLQ-001/,
      );
    });

    it('gives each service listed by a rule its open findings of that rule, which sort=open sorts by; unfiltered, none', async () => {
      const openOf = async (entity: string, rule: string) =>
        (
          await request(backend.server)
            .get(`${BASE}/entities/component/default/${entity}/findings`)
            .query({ rule, waived: false, suppressed: false })
        ).body.totalCount;
      // orders has no dead-letter queue; both lack an alarm on the function.
      const rules = 'DLQ-001,ALM-001';
      const expected = {
        orders:
          (await openOf('orders', 'DLQ-001')) +
          (await openOf('orders', 'ALM-001')),
        payments: await openOf('payments', 'ALM-001'),
      };
      expect(expected).toEqual({ orders: 2, payments: 1 });
      const listed = async (query: Record<string, string>) =>
        (await request(backend.server).get(`${BASE}/entities`).query(query))
          .body.items;
      const byRules = await listed({
        rule: rules,
        sort: 'open',
        order: 'desc',
      });
      expect(byRules.map((item: any) => [item.name, item.ruleOpen])).toEqual([
        ['orders', 2],
        ['payments', 1],
      ]);
      expect(
        (await listed({ rule: rules, sort: 'open', order: 'asc' })).map(
          (item: any) => item.name,
        ),
      ).toEqual(['payments', 'orders']);
      // Unfiltered: by all their open findings (payments has more), which
      // the rows filtered by a rule still give as open, and no ruleOpen.
      const all = await listed({ sort: 'open', order: 'desc' });
      const totals = Object.fromEntries(
        all.map((item: any) => [item.name, item.open.total]),
      );
      expect(totals.payments).toBeGreaterThan(totals.orders);
      expect(
        all
          .filter((item: any) => ['orders', 'payments'].includes(item.name))
          .map((item: any) => item.name),
      ).toEqual(['payments', 'orders']);
      expect(byRules.map((item: any) => [item.name, item.open.total])).toEqual([
        ['orders', totals.orders],
        ['payments', totals.payments],
      ]);
      expect(all.every((item: any) => item.ruleOpen === undefined)).toBe(true);
    });

    it('rolls up the whole catalog, and lists its owners, in the database', async () => {
      const [orders, payments] = await Promise.all(
        ['orders', 'payments'].map(async name => {
          const res = await request(backend.server).get(
            `${BASE}/entities/component/default/${name}/scorecard`,
          );
          return res.body;
        }),
      );
      const org = await request(backend.server)
        .get(`${BASE}/rollup`)
        .query({ days: 30 });
      expect(org.status).toBe(200);
      // orders, payments, docs (no IaC) and legacy (skipped): two scanned.
      expect(org.body).toMatchObject({ entityCount: 4, scannedCount: 2 });
      expect(org.body.open.total).toBe(orders.open.total + payments.open.total);
      expect(org.body.averageScore).toBe(
        Math.round((orders.score + payments.score) / 2),
      );
      expect(org.body.topRules[0]).toMatchObject({ open: expect.any(Number) });
      expect(org.body.timeline.length).toBeGreaterThan(0);

      const owners = await request(backend.server).get(`${BASE}/owners`);
      expect(owners.status).toBe(200);
      expect(owners.body.totalCount).toBe(3);
      const byOwner = Object.fromEntries(
        owners.body.items.map((item: any) => [item.owner, item]),
      );
      expect(byOwner['group:default/team-a1']).toEqual({
        owner: 'group:default/team-a1',
        entityCount: 1,
        scannedCount: 1,
        averageScore: orders.score,
        open: orders.open,
      });
      expect(byOwner['group:default/team-b']).toMatchObject({
        entityCount: 2,
        scannedCount: 1,
        averageScore: payments.score,
      });
      // Best average first; team-a's only entity is not scanned: last.
      expect(owners.body.items.map((item: any) => item.owner)).toEqual([
        ...(orders.score >= payments.score
          ? ['group:default/team-a1', 'group:default/team-b']
          : ['group:default/team-b', 'group:default/team-a1']),
        'group:default/team-a',
      ]);
      expect(owners.body.items[2]).toMatchObject({
        scannedCount: 0,
        averageScore: null,
      });

      const byEntities = await request(backend.server)
        .get(`${BASE}/owners`)
        .query({ sort: 'entities', order: 'desc', limit: 1 });
      expect(byEntities.body).toMatchObject({
        totalCount: 3,
        limit: 1,
        items: [{ owner: 'group:default/team-b', entityCount: 2 }],
      });
      const byName = await request(backend.server)
        .get(`${BASE}/owners`)
        .query({ sort: 'owner', order: 'asc', offset: 1 });
      expect(byName.body.items.map((item: any) => item.owner)).toEqual([
        'group:default/team-a1',
        'group:default/team-b',
      ]);
    });

    it('neither registers nor scans entities of kinds it does not scan', async () => {
      const rollupBefore = await request(backend.server).get(`${BASE}/rollup`);
      const entitiesBefore = await backend.knex('entities').pluck('entity_ref');
      const group = `${BASE}/entities/group/default/platform-team`;
      const scorecard = await request(backend.server).get(`${group}/scorecard`);
      expect(scorecard.status).toBe(404);
      expect(scorecard.body.error.message).toMatch(
        /does not scan entities of kind group \(infraCompliance\.kinds: Component\)/,
      );
      const scan = await request(backend.server).post(`${group}/scans`);
      expect(scan.status).toBe(400);
      expect(scan.body.error.message).toMatch(/does not scan entities of kind/);
      for (const path of ['findings', 'history', 'sarif', 'scans', 'waivers']) {
        expect(
          (await request(backend.server).get(`${group}/${path}`)).status,
        ).toBe(404);
      }
      const user = await request(backend.server).get(
        `${BASE}/entities/user/default/mock/scorecard`,
      );
      expect(user.status).toBe(404);
      expect(await backend.knex('entities').pluck('entity_ref')).toEqual(
        entitiesBefore,
      );
      expect(
        await backend
          .knex('scans')
          .whereNot('entity_ref', 'like', 'component:%'),
      ).toEqual([]);
      const rollupAfter = await request(backend.server).get(`${BASE}/rollup`);
      expect(rollupAfter.body.entityCount).toBe(rollupBefore.body.entityCount);
    });

    it('answers 401 without credentials', async () => {
      for (const [method, path] of [
        ['get', `${BASE}/entities`],
        ['get', `${ORDERS}/scorecard`],
        ['get', `${BASE}/rules`],
        ['post', `${ORDERS}/scans`],
        ['post', `${ORDERS}/waivers`],
      ] as const) {
        const res = await request(backend.server)
          [method](path)
          .set('Authorization', mockCredentials.none.header());
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
    });

    it('answers 415 to a body it cannot decode, naming its charset or encoding, on each route that reads one, as openapi.yaml says', async () => {
      const json = (test: request.Test, body: object) =>
        test
          .set('Content-Type', 'application/json; charset=latin1')
          .send(JSON.stringify(body));
      const undecodable: [string, string, request.Test, string][] = [
        [
          'post',
          '/entities/{kind}/{namespace}/{name}/waivers',
          json(request(backend.server).post(`${ORDERS}/waivers`), {
            ruleId: 'DLQ-001',
            reason: 'accepted risk',
          }),
          'unsupported charset "LATIN1"',
        ],
        [
          'post',
          '/entities/{kind}/{namespace}/{name}/scans',
          request(backend.server)
            .post(`${ORDERS}/scans`)
            .set('Content-Type', 'application/json')
            .set('Content-Encoding', 'br')
            .send('{}'),
          'unsupported content encoding "br"',
        ],
        [
          'delete',
          '/waivers/{waiverId}',
          json(
            request(backend.server).delete(
              `${BASE}/waivers/00000000-0000-4000-8000-000000000000`,
            ),
            { reason: 'done' },
          ),
          'unsupported charset "LATIN1"',
        ],
      ];
      for (const [method, path, pending, message] of undecodable) {
        const res = await pending;
        expect({ path, status: res.status, error: res.body.error }).toEqual({
          path,
          status: 415,
          error: expect.objectContaining({
            name: 'UnsupportedMediaTypeError',
            message,
          }),
        });
        expect(
          Object.keys((spec as any).paths[path][method].responses),
        ).toContain('415');
      }
      // A GET sent a body reads it too, as the API's description says.
      const get = await request(backend.server)
        .get(`${BASE}/rules`)
        .set('Content-Type', 'text/plain')
        .set('Content-Encoding', 'br')
        .send('x');
      expect(get.status).toBe(415);
    });

    it('answers 413 saying the limit to a body larger than it, JSON or not', async () => {
      const tooLarge: [string, string, request.Test][] = [
        [
          'post',
          '/entities/{kind}/{namespace}/{name}/waivers',
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .send({ ruleId: 'DLQ-001', reason: 'x'.repeat(200_000) }),
        ],
        [
          'post',
          '/entities/{kind}/{namespace}/{name}/scans',
          request(backend.server)
            .post(`${ORDERS}/scans`)
            .set('Content-Type', 'text/plain')
            .send('x'.repeat(200_000)),
        ],
        [
          'delete',
          '/waivers/{waiverId}',
          request(backend.server)
            .delete(`${BASE}/waivers/00000000-0000-4000-8000-000000000000`)
            .send({ reason: 'x'.repeat(200_000) }),
        ],
      ];
      for (const [method, path, pending] of tooLarge) {
        const res = await pending;
        expect({ path, status: res.status, error: res.body.error }).toEqual({
          path,
          status: 413,
          error: {
            name: 'PayloadTooLargeError',
            message:
              'Invalid body: larger than 100kb, the most a request may send',
          },
        });
        expect(
          Object.keys((spec as any).paths[path][method].responses),
        ).toContain('413');
      }
    });

    it('answers 400 with the reason for invalid input', async () => {
      const cases: [request.Test, RegExp][] = [
        [
          request(backend.server).get(`${ORDERS}/findings`).query({ limit: 0 }),
          /limit/,
        ],
        [
          request(backend.server)
            .get(`${ORDERS}/findings`)
            .query({ limit: 100000 }),
          /limit/,
        ],
        [
          request(backend.server)
            .get(`${ORDERS}/findings`)
            .query({ severity: 'urgent' }),
          /severity/,
        ],
        [
          request(backend.server)
            .get(`${ORDERS}/findings`)
            .query({ rule: 'drop table' }),
          /rule id/,
        ],
        [
          request(backend.server)
            .get(`${ORDERS}/findings`)
            .query({ colour: 'red' }),
          /unknown parameter\(s\) colour/,
        ],
        [
          request(backend.server)
            .get(`${BASE}/entities`)
            .query({ sort: 'random' }),
          /sort/,
        ],
        [
          request(backend.server)
            .get(`${BASE}/entities`)
            .query({ owner: 'group:' }),
          /Invalid group reference/,
        ],
        [
          request(backend.server)
            .get(`${BASE}/waivers`)
            .query({ entityRef: 'orders' }),
          /Invalid entity reference "orders"/,
        ],
        [
          request(backend.server).get(`${BASE}/owners`).query({ sort: 'size' }),
          /sort/,
        ],
        [
          request(backend.server).get(`${BASE}/owners`).query({ limit: 0 }),
          /limit/,
        ],
        [
          request(backend.server).get(`${BASE}/rollup`).query({ days: 0 }),
          /days/,
        ],
        [request(backend.server).get(`${BASE}/scans/not-a-uuid`), /scan id/],
        [
          request(backend.server).get(
            `${BASE}/entities/component/default/bad%20name/scorecard`,
          ),
          /Invalid entity name/,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .send({ reason: 'no target given' }),
          /exactly one of ruleId/,
        ],
        [
          request(backend.server).post(`${ORDERS}/waivers`).send({
            ruleId: 'DLQ-001',
            fingerprint: 'abcdef12',
            reason: 'both',
          }),
          /exactly one/,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .send({ ruleId: 'XYZ-999', reason: 'unknown rule' }),
          /not a rule of the catalog/,
        ],
        [
          request(backend.server).post(`${ORDERS}/waivers`).send({
            ruleId: 'DLQ-001',
            reason: 'past',
            expiresAt: '2001-01-01T00:00:00Z',
          }),
          /future/,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .send({ ruleId: 'DLQ-001', reason: 'x', extra: 1 }),
          /reason|extra/,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .send({ fingerprint: 'abcdef1234', reason: 'no such finding' }),
          /has no finding/,
        ],
        [
          request(backend.server).post(`${ORDERS}/scans`).send({ now: true }),
          /body/,
        ],
        // The unknown parameters of these routes were ignored: a filter of the
        // rules answered them all, a dry run made a waiver.
        [
          request(backend.server)
            .get(`${BASE}/rules`)
            .query({ category: 'dlq' }),
          /unknown parameter\(s\) category/,
        ],
        [
          request(backend.server)
            .get(`${BASE}/rules/DLQ-001`)
            .query({ format: 'sarif' }),
          /unknown parameter\(s\) format/,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .query({ dryRun: 'true' })
            .send({ ruleId: 'DLQ-001', reason: 'accepted risk' }),
          /unknown parameter\(s\) dryRun/,
        ],
        // An offset the date-time pattern admits but no instant has: a waiver
        // that never expired on SQLite, a 500 on PostgreSQL, before.
        [
          request(backend.server).post(`${ORDERS}/waivers`).send({
            ruleId: 'DLQ-001',
            reason: 'accepted risk',
            expiresAt: '2099-12-01T00:00:00+99:99',
          }),
          /expiresAt: Invalid datetime: its offset from UTC is out of range/,
        ],
        // A body not sent as JSON was read as none: "reason: Required" for
        // the JSON fetch sends as text/plain, a scan started for any text.
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .set('Content-Type', 'text/plain;charset=UTF-8')
            .send(JSON.stringify({ ruleId: 'DLQ-001', reason: 'accepted' })),
          /^Invalid body: must be JSON, sent with Content-Type application\/json \(not text\/plain;charset=UTF-8\)$/,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/scans`)
            .type('form')
            .send({ now: 'true' }),
          /^Invalid body: must be JSON/,
        ],
        // PostgreSQL's text holds no NUL character: a 500 there before.
        [
          request(backend.server).get(`${BASE}/entities`).query({ q: 'a\0' }),
          /q: must not contain a NUL character/,
        ],
        [
          request(backend.server)
            .get(`${BASE}/entities`)
            .query({ kind: ['component', '\0'] }),
          /kind\.1: must not contain a NUL character/,
        ],
        [
          request(backend.server).get(`${ORDERS}/findings`).query({ q: '\0' }),
          /q: must not contain a NUL character/,
        ],
        [
          request(backend.server)
            .get(`${BASE}/waivers`)
            .query({ entityRef: 'component:default/\0' }),
          /entityRef: must not contain a NUL character/,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .send({ ruleId: 'DLQ-001', reason: 'accepted\0risk' }),
          /reason: must not contain a NUL character/,
        ],
        // Numbers were read with Number(): an empty offset was 0, `0x10` 16,
        // a repeated or empty limit "received nan" or "greater than 1".
        [
          request(backend.server).get(`${ORDERS}/findings?offset=`),
          /^Invalid query: offset: must be a whole number$/,
        ],
        [
          request(backend.server).get(`${ORDERS}/findings?limit=`),
          /^Invalid query: limit: must be a whole number$/,
        ],
        [
          request(backend.server).get(`${ORDERS}/findings?limit=0x10`),
          /^Invalid query: limit: must be a whole number$/,
        ],
        [
          request(backend.server).get(`${BASE}/entities?limit=1e1`),
          /^Invalid query: limit: must be a whole number$/,
        ],
        [
          request(backend.server).get(`${ORDERS}/scans?limit=1&limit=2`),
          /^Invalid query: limit: must be given once, as a whole number$/,
        ],
        [
          request(backend.server).get(`${BASE}/rollup?days=`),
          /^Invalid query: days: must be a whole number$/,
        ],
        [
          request(backend.server).get(`${ORDERS}/history?days=1.5`),
          /^Invalid query: days: must be a whole number$/,
        ],
        // Said too that its offset from UTC was out of range.
        [
          request(backend.server).post(`${ORDERS}/waivers`).send({
            ruleId: 'DLQ-001',
            reason: 'accepted risk',
            expiresAt: 'tomorrow',
          }),
          /^Invalid body: expiresAt: Invalid datetime$/,
        ],
        // body-parser's SyntaxError: "Unexpected end of JSON input", and
        // `"null" is not valid JSON` of valid JSON.
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .set('Content-Type', 'application/json')
            .send('{"ruleId":'),
          /^Invalid body: not JSON: /,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .set('Content-Type', 'application/json')
            .send('null'),
          /^Invalid body: must be a JSON object$/,
        ],
        // An empty array was taken for no body: the scan started.
        [
          request(backend.server).post(`${ORDERS}/scans`).send([]),
          /^Invalid body: body: Expected object, received array$/,
        ],
        // A body nested deeper than the call stack (within the 100kb a
        // request may send) was a 500: the look for NUL characters recursed.
        [
          request(backend.server)
            .post(`${ORDERS}/waivers`)
            .set('Content-Type', 'application/json')
            .send(
              `{"ruleId":"DLQ-001","reason":${'['.repeat(40_000)}${']'.repeat(
                40_000,
              )}}`,
            ),
          /^Invalid body: reason: Expected string, received array$/,
        ],
        [
          request(backend.server)
            .post(`${ORDERS}/scans`)
            .set('Content-Type', 'application/json')
            .send(`{"now":${'['.repeat(40_000)}${']'.repeat(40_000)}}`),
          /^Invalid body: body: unknown parameter\(s\) now$/,
        ],
        // Routes whose 400 openapi.yaml did not document.
        [
          request(backend.server).get(`${ORDERS}/sarif`).query({ at: 'HEAD' }),
          /unknown parameter\(s\) at/,
        ],
        [
          request(backend.server).get(`${ORDERS}/scans`).query({ limit: 0 }),
          /limit/,
        ],
      ];
      for (const [pending, reason] of cases) {
        const res = await pending;
        const { path: url, method } = (
          res as unknown as { req: { path: string; method: string } }
        ).req;
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(reason),
        });
        expect({
          url,
          documented: Object.keys(documentedOperation(method, url).responses),
        }).toEqual({ url, documented: expect.arrayContaining(['400']) });
      }
    });
  },
);

describe.each(databases.eachSupportedId())(
  'infra-compliance permissions on %p',
  databaseId => {
    it('answers 403 when the policy denies scans and waivers, and 404 when it denies reading', async () => {
      const root = await makeTempDir();
      try {
        const { server, scheduler } = await startBackend(databaseId, root, {
          permissions: 'deny',
        });
        await scheduler.triggerTask('infra-compliance-scan-shard-0-of-2');
        await scheduler.triggerTask('infra-compliance-scan-shard-1-of-2');
        const scan = await request(server).post(`${ORDERS}/scans`);
        expect(scan.status).toBe(403);
        expect(scan.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining('infra-compliance.scan.create'),
        });
        const waiver = await request(server)
          .post(`${ORDERS}/waivers`)
          .send({ ruleId: 'DLQ-001', reason: 'Not allowed' });
        expect(waiver.status).toBe(403);
        expect(waiver.body.error.message).toContain(
          'infra-compliance.waiver.create',
        );
        // The policy denies reading entities too: nothing is shown.
        expect((await request(server).get(`${ORDERS}/scorecard`)).status).toBe(
          404,
        );
        const overview = await request(server).get(`${BASE}/entities`);
        expect(overview.body).toMatchObject({ totalCount: 0, items: [] });
      } finally {
        await fs.rm(root, { recursive: true, force: true });
      }
    });

    it('shows only the entities the catalog read permission lets the user see', async () => {
      const root = await makeTempDir();
      const PAYMENTS = `${BASE}/entities/component/default/payments`;
      try {
        const { server, scheduler, knex, catalog } = await startBackend(
          databaseId,
          root,
          {
            hidden: ['component:default/payments'],
          },
        );
        await scheduler.triggerTask('infra-compliance-scan-shard-0-of-2');
        await scheduler.triggerTask('infra-compliance-scan-shard-1-of-2');
        // Scanned all the same: the scheduler works with the plugin's own credentials.
        const paymentsScan = await knex('scans')
          .where('entity_ref', 'component:default/payments')
          .first();
        expect(paymentsScan.status).toBe('succeeded');

        for (const path of [
          `${PAYMENTS}/scorecard`,
          `${PAYMENTS}/findings`,
          `${PAYMENTS}/history`,
          `${PAYMENTS}/sarif`,
          `${PAYMENTS}/scans`,
          `${PAYMENTS}/waivers`,
          `${BASE}/scans/${paymentsScan.id}`,
        ]) {
          const res = await request(server).get(path);
          expect({ path, status: res.status }).toEqual({ path, status: 404 });
        }
        const orders = await request(server).get(`${ORDERS}/scorecard`);
        expect(orders.status).toBe(200);
        // Nor can a waiver of the hidden entity be revoked, or told apart from one that does not exist.
        const hiddenWaiver = '00000000-0000-4000-8000-000000000001';
        await knex('waivers').insert({
          id: hiddenWaiver,
          entity_ref: 'component:default/payments',
          rule_id: 'DLQ-001',
          reason: 'accepted risk',
          author: 'user:default/owner',
          created_at: 0,
        });
        const revoke = await request(server).delete(
          `${BASE}/waivers/${hiddenWaiver}`,
        );
        expect(revoke.status).toBe(404);
        expect(revoke.body.error.message).toBe(`No waiver ${hiddenWaiver}`);
        expect(
          (await knex('waivers').where('id', hiddenWaiver).first()).revoked_at,
        ).toBeNull();

        const overview = await request(server).get(`${BASE}/entities`);
        expect(overview.body.totalCount).toBe(3);
        expect(overview.body.items.map((item: any) => item.name)).not.toContain(
          'payments',
        );
        const owners = await request(server)
          .get(`${BASE}/owners`)
          .query({ sort: 'owner', order: 'asc' });
        expect(
          owners.body.items.find(
            (item: any) => item.owner === 'group:default/team-b',
          ),
        ).toMatchObject({
          entityCount: 1,
          scannedCount: 0,
          averageScore: null,
        });
        const rollup = await request(server).get(`${BASE}/rollup`);
        expect(rollup.body).toMatchObject({ entityCount: 3, scannedCount: 1 });
        expect(rollup.body.open).toEqual(orders.body.open);
        const team = await request(server).get(
          `${BASE}/groups/default/team-b/rollup`,
        );
        expect(team.body).toMatchObject({ entityCount: 1, scannedCount: 0 });
        // The four lists and roll-ups above asked the catalog once for what the user sees,
        // of the kinds that are scanned only (not its users and groups).
        expect(userListings(catalog!)).toBe(1);
        const [[listing]] = (
          catalog!.getEntities as jest.Mock
        ).mock.calls.filter(
          ([, options]) => options?.credentials?.principal?.type === 'user',
        );
        expect(listing.filter).toEqual({ kind: ['Component'] });
      } finally {
        await fs.rm(root, { recursive: true, force: true });
      }
    });
  },
);

describe.each(databases.eachSupportedId())(
  'infra-compliance with a catalog that does not answer, on %p',
  databaseId => {
    /** Method, path and the JSON body of a POST. */
    type Routes = ReadonlyArray<
      readonly ['get' | 'post' | 'delete', string, object?]
    >;

    /**
     * The answers to each of `routes` of a backend with `catalog` and
     * `permissions`, catalogTimeout 200 ms, and the rows `seed` writes.
     */
    async function answersOf(
      catalog: ServiceFactory,
      permissions: ServiceFactory,
      routes: Routes,
      seed?: (
        knex: Awaited<ReturnType<typeof databases.init>>,
      ) => Promise<void>,
    ) {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          infraCompliancePlugin,
          mockServices.database.factory({ knex }),
          catalog,
          permissions,
          mockServices.rootConfig.factory({
            data: {
              infraCompliance: { catalogTimeout: { milliseconds: 200 } },
            },
          }),
        ],
      });
      await seed?.(knex);
      const answers = [];
      for (const [method, path, body] of routes) {
        const sent = request(server)[method](path);
        const res = await (body ? sent.send(body) : sent);
        answers.push({
          method,
          path,
          status: res.status,
          error: res.body.error,
        });
      }
      return answers;
    }

    /** The routes whose 503 openapi.yaml does not document. */
    const undocumented503 = (routes: Routes) =>
      routes.filter(
        ([method, path]) => !documentedOperation(method, path).responses['503'],
      );

    /** 503 for each of `routes`, with the reason. */
    const unavailable = (routes: Routes) =>
      routes.map(([method, path]) => ({
        method,
        path,
        status: 503,
        error: expect.objectContaining({
          name: 'ServiceUnavailableError',
          message: 'The catalog did not answer within 200 ms',
        }),
      }));

    it('answers 503 once catalogTimeout has passed, rather than hang, as openapi.yaml says', async () => {
      const never = () => new Promise<never>(() => {});
      // The routes that read the catalog before the database has a record
      // of the entity (none here); the others, in the next test.
      const routes = [
        ['get', `${BASE}/rollup`],
        ['get', `${BASE}/entities`],
        ['get', `${BASE}/entities/unscannable`],
        ['get', `${BASE}/owners`],
        ['get', `${BASE}/waivers`],
        ['get', `${ORDERS}/scorecard`],
        ['post', `${ORDERS}/scans`],
        ['get', `${BASE}/groups/default/team-a/rollup`],
      ] as const;
      expect(undocumented503(routes)).toEqual([]);
      expect(
        await answersOf(
          catalogServiceMock.mock({
            getEntities: never,
            getEntityByRef: never,
            getEntitiesByRefs: never,
            queryEntities: never,
          }).factory,
          mockServices.permissions.mock({
            authorize: async queries =>
              queries.map(() => ({ result: AuthorizeResult.ALLOW })),
            authorizeConditional: readingIsConditional,
          }).factory,
          routes,
        ),
      ).toEqual(unavailable(routes));
    });

    it('answers the rules without the catalog, as openapi.yaml documents no 503 for them', async () => {
      const never = () => new Promise<never>(() => {});
      const routes: Routes = [
        ['get', `${BASE}/rules`],
        ['get', `${BASE}/rules/DLQ-001`],
      ];
      expect(undocumented503(routes)).toEqual(routes);
      const answers = await answersOf(
        catalogServiceMock.mock({
          getEntities: never,
          getEntityByRef: never,
          getEntitiesByRefs: never,
          queryEntities: never,
        }).factory,
        mockServices.permissions.mock({
          authorize: never,
          authorizeConditional: readingIsConditional,
        }).factory,
        routes,
      );
      expect(answers.map(answer => answer.status)).toEqual([200, 200]);
    });

    it('answers 503 once catalogTimeout has passed when a permission on an entity, which a conditional policy has the catalog decide, is not answered, as openapi.yaml says', async () => {
      // A scan and a waiver of the entity: asked for one that does not
      // exist, the routes answer 404 before they ask whether it may be read.
      const scanId = '00000000-0000-4000-8000-000000000002';
      const waiverId = '00000000-0000-4000-8000-000000000003';
      const routes: Routes = [
        ['get', `${ORDERS}/scorecard`],
        ['get', `${ORDERS}/findings`],
        ['get', `${ORDERS}/history`],
        ['get', `${ORDERS}/sarif`],
        ['get', `${ORDERS}/scans`],
        ['post', `${ORDERS}/scans`],
        ['get', `${ORDERS}/waivers`],
        [
          'post',
          `${ORDERS}/waivers`,
          { ruleId: 'DLQ-001', reason: 'accepted risk' },
        ],
        ['get', `${BASE}/scans/${scanId}`],
        ['delete', `${BASE}/waivers/${waiverId}`],
      ];
      expect(undocumented503(routes)).toEqual([]);
      expect(
        await answersOf(
          catalogServiceMock.factory({ entities: [componentEntity('orders')] }),
          // Under a conditional policy, the permission framework asks the
          // catalog whether the entity meets the conditions.
          mockServices.permissions.mock({
            authorize: () => new Promise(() => {}),
            authorizeConditional: async queries =>
              queries.map(() => ({ result: AuthorizeResult.ALLOW })),
          }).factory,
          routes,
          async knex => {
            await knex('scans').insert({
              id: scanId,
              entity_ref: 'component:default/orders',
              trigger: 'manual',
              status: 'succeeded',
              created_at: 0,
            });
            await knex('waivers').insert({
              id: waiverId,
              entity_ref: 'component:default/orders',
              rule_id: 'DLQ-001',
              reason: 'accepted risk',
              author: 'user:default/owner',
              created_at: 0,
            });
          },
        ),
      ).toEqual(unavailable(routes));
    });
  },
);

describe.each(databases.eachSupportedId())(
  'infra-compliance with a suppression that suppresses nothing, on %p',
  databaseId => {
    const root = tempDirEachTest();

    it('serves the suppressions the last successful scan found unused on the scorecard, as openapi.yaml describes, and keeps them through a failed scan', async () => {
      const dir = await makeRepo(root(), 'orders', TEMPLATE_WITH_DLQ);
      // DLQ-001 is fixed in the template: its suppression suppresses nothing.
      await writeFiles(dir, {
        'deploy/worker.yaml': TEMPLATE_WITH_DLQ.replace(
          '    Properties:\n      Runtime',
          [
            '    Metadata:',
            '      infra-compliance:',
            '        suppress:',
            '          - id: DLQ-001',
            '            reason: the caller retries',
            '    Properties:',
            '      Runtime',
          ].join('\n'),
        ),
      });
      const { server } = await startPluginBackend({
        knex: await databases.init(databaseId),
        entities: [componentEntity('orders', { dir })],
      });
      const unused = {
        items: [
          {
            file: 'deploy/worker.yaml',
            line: 8,
            resourceId: 'Worker',
            ruleId: 'DLQ-001',
          },
        ],
      };

      const scan = await request(server).post(`${ORDERS}/scans`);
      expect(scan.status).toBe(202);
      expect(await waitForScan(server, scan.headers.location)).toMatchObject({
        status: 'succeeded',
        unusedSuppressions: unused,
      });
      const card = await ordersScorecard(server);
      expect(card.lastSuccessfulScan.unusedSuppressions).toEqual(unused);
      expect(card.lastScan).not.toHaveProperty('unusedSuppressions');
      // Their file as the findings' in it (which the page links to the source).
      const findings = await request(server)
        .get(`${ORDERS}/findings`)
        .query({ limit: 100 });
      expect(findings.body.items.map((finding: any) => finding.file)).toContain(
        'deploy/worker.yaml',
      );

      // The repository gone: the scan fails, the results stay those of the last good one.
      await fs.rm(dir, { recursive: true, force: true });
      const failing = await request(server).post(`${ORDERS}/scans`);
      expect(await waitForScan(server, failing.headers.location)).toMatchObject(
        { status: 'failed' },
      );
      const afterFailure = await ordersScorecard(server);
      expect(afterFailure.lastScan).toMatchObject({ status: 'failed' });
      expect(afterFailure.lastSuccessfulScan).toMatchObject({
        id: scan.body.scanId,
        unusedSuppressions: unused,
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'infra-compliance with a repository whose config says what is odd but not wrong, on %p',
  databaseId => {
    const root = tempDirEachTest();

    it('serves the warnings of the config the last successful scan read on the scan and the scorecard, as openapi.yaml describes, and keeps them through a failed scan', async () => {
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      await writeFiles(dir, {
        '.infra-compliance.yaml': 'rules:\n  disable: [DLQ-001, dlq-001]\n',
      });
      const { server } = await startPluginBackend({
        knex: await databases.init(databaseId),
        entities: [componentEntity('orders', { dir })],
      });
      const configWarnings = [
        {
          file: '.infra-compliance.yaml',
          line: 2,
          message:
            'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough',
        },
      ];

      const scan = await request(server).post(`${ORDERS}/scans`);
      expect(scan.status).toBe(202);
      const scanned = await waitForScan(server, scan.headers.location);
      expect(scanned).toMatchObject({ status: 'succeeded', configWarnings });
      expect(undocumentedIn200('/scans/{scanId}', scanned)).toBeUndefined();
      const card = await ordersScorecard(server);
      expect(card.lastSuccessfulScan.configWarnings).toEqual(configWarnings);
      expect(card.lastScan).not.toHaveProperty('configWarnings');
      const scans = await request(server).get(`${ORDERS}/scans`);
      expect(scans.body.items[0]).not.toHaveProperty('configWarnings');

      // The repository gone: the scan fails, the warnings stay those of the last good one.
      await fs.rm(dir, { recursive: true, force: true });
      const failing = await request(server).post(`${ORDERS}/scans`);
      expect(await waitForScan(server, failing.headers.location)).toMatchObject(
        { status: 'failed' },
      );
      const afterFailure = await ordersScorecard(server);
      expect(afterFailure.lastScan).toMatchObject({ status: 'failed' });
      expect(afterFailure.lastSuccessfulScan).toMatchObject({
        id: scan.body.scanId,
        configWarnings,
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'infra-compliance with a repository that does not answer, on %p',
  databaseId => {
    /** A backend whose repository never answers a read, scans stopped after `timeout`. */
    async function startWithHangingRepository(timeout: HumanDuration) {
      const knex = await databases.init(databaseId);
      const { server } = await startPluginBackend({
        knex,
        entities: [
          componentEntity('orders', {
            annotations: {
              'backstage.io/source-location':
                'url:https://git.example.com/acme/orders/tree/main/',
            },
          }),
        ],
        features: [
          mockServices.urlReader.mock({
            readTree: () => new Promise(() => {}),
          }).factory,
          mockServices.rootConfig.factory({
            data: { infraCompliance: { schedule: { timeout } } },
          }),
        ],
      });
      return { knex, server };
    }

    /** Scan now on orders, awaited until it runs (its read hangs). */
    async function startRunningScan(server: Parameters<typeof request>[0]) {
      const started = await request(server).post(`${ORDERS}/scans`);
      expect(started.status).toBe(202);
      const statusPath: string = started.headers.location;
      let scan = (await request(server).get(statusPath)).body;
      for (let i = 0; i < 100 && scan.status !== 'running'; i++) {
        await new Promise(resolve => setTimeout(resolve, 20));
        scan = (await request(server).get(statusPath)).body;
      }
      expect(scan.status).toBe('running');
      return { statusPath, scan };
    }

    it('fails a scan on demand after schedule.timeout, and frees the entity for the next', async () => {
      const { server } = await startWithHangingRepository({
        milliseconds: 300,
      });
      const first = await request(server).post(`${ORDERS}/scans`);
      expect(first.status).toBe(202);
      expect(await waitForScan(server, first.headers.location)).toMatchObject({
        status: 'failed',
        error: 'The scan took longer than infraCompliance.schedule.timeout',
      });
      const next = await request(server).post(`${ORDERS}/scans`);
      expect(next.body).toMatchObject({ existing: false });
      expect(next.body.scanId).not.toBe(first.body.scanId);
    });

    it("serves the scan under way as the scorecard's runningScan while its lock is fresh, its last scan once it ended", async () => {
      const { knex, server } = await startWithHangingRepository({ seconds: 3 });
      const { statusPath, scan } = await startRunningScan(server);

      // The source read, the scan under way: no last scan yet.
      const running = await request(server).get(`${ORDERS}/scorecard`);
      expect(running.status).toBe(200);
      expect(running.body.runningScan).toEqual(scan);
      expect(running.body).not.toHaveProperty('lastScan');

      // Its process stopped, as far as its lock says (not refreshed for
      // longer than lockTimeout): not under way, and marked failed as the
      // scorecard is read: the entity's last scan, as its status says.
      await knex('entities')
        .where('entity_ref', 'component:default/orders')
        .update({ lock_at: 0 });
      const stale = await request(server).get(`${ORDERS}/scorecard`);
      expect(stale.body).not.toHaveProperty('runningScan');
      expect(stale.body.lastScan).toMatchObject({
        id: scan.id,
        status: 'failed',
        error: 'Interrupted: the scan stopped without finishing',
      });
      expect(stale.body.lastScan).toEqual(
        (await request(server).get(statusPath)).body,
      );
    });

    it('answers a scan requested now as queued, as it was queued, though it may be running by the time the answer is written', async () => {
      const { knex, server } = await startWithHangingRepository({
        minutes: 10,
      });
      // The scan starts at once: on a loaded database, it was marked
      // running before the answer read it, which then said so (the action
      // too, whose test expects a scan queued).
      const started = new Set<string>();
      const run = QueuedScans.prototype.run;
      const getScan = ComplianceStore.prototype.getScan;
      const spies = [
        jest
          .spyOn(QueuedScans.prototype, 'run')
          .mockImplementation(function startScan(this: QueuedScans, ...args) {
            started.add(args[1].scanId);
            return run.apply(this, args);
          }),
        jest
          .spyOn(ComplianceStore.prototype, 'getScan')
          .mockImplementation(async function read(
            this: ComplianceStore,
            scanId,
          ) {
            while (
              started.has(scanId) &&
              (await knex('scans').where('id', scanId).first('status'))
                .status !== 'running'
            ) {
              await new Promise(resolve => setTimeout(resolve, 10));
            }
            return getScan.call(this, scanId);
          }),
      ];
      let first: request.Response;
      try {
        first = await request(server).post(`${ORDERS}/scans`);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({
        existing: false,
        scan: { id: first.body.scanId, status: 'queued' },
      });
      const { scan } = await startRunningScan(server);
      expect(scan.id).toBe(first.body.scanId);
      // The one already there, as it is now.
      const again = await request(server).post(`${ORDERS}/scans`);
      expect(again.body).toEqual({
        scanId: scan.id,
        existing: true,
        scan,
      });
    });

    it('starts a scan queued now though reading it for the answer fails', async () => {
      const { knex, server } = await startWithHangingRepository({
        minutes: 10,
      });
      const scanRead = jest
        .spyOn(ComplianceStore.prototype, 'getScan')
        .mockRejectedValueOnce(new Error('connection lost'));
      let failed: request.Response;
      try {
        failed = await request(server).post(`${ORDERS}/scans`);
      } finally {
        scanRead.mockRestore();
      }
      expect(failed.status).toBe(500);
      // Queued, it was never started: it held the entity (scan now answered
      // it as existing) until lockTimeout, then failed as interrupted.
      const [queued] = await knex('scans')
        .where('entity_ref', 'component:default/orders')
        .select('id');
      const { scan } = await startRunningScan(server);
      expect(scan.id).toBe(queued.id);
    });

    it('serves a scan that ends as the scorecard is read either under way or as the last scan, never as both', async () => {
      const { knex, server } = await startWithHangingRepository({
        minutes: 10,
      });
      const { scan } = await startRunningScan(server);
      // The scan ends once the scan under way is read, as the scorecard is
      // about to be: a page saw "Scanning…" beside that scan's results, and
      // the action said a scan was under way that had ended.
      const card = await readWithCommitDuring({
        method: 'getEntityScorecard',
        commit: () =>
          new ComplianceStore(knex).failScan(
            scan.id,
            'component:default/orders',
            'Ended as the scorecard was read',
            Date.now(),
          ),
        read: () => request(server).get(`${ORDERS}/scorecard`),
      });
      expect(card.status).toBe(200);
      // As the entity was before the scan ended: read before it.
      expect(card.body.runningScan).toEqual(scan);
      expect(card.body).not.toHaveProperty('lastScan');
      const later = await request(server).get(`${ORDERS}/scorecard`);
      expect(later.body).not.toHaveProperty('runningScan');
      expect(later.body.lastScan).toMatchObject({
        id: scan.id,
        status: 'failed',
        error: 'Ended as the scorecard was read',
      });
    });

    it('serves a scan whose process stopped as failed, and as the last scan, to every later page, once its status was read', async () => {
      const { knex, server } = await startWithHangingRepository({
        minutes: 10,
      });
      const { statusPath, scan } = await startRunningScan(server);
      // Its beats stop (its backend died).
      await knex('entities')
        .where('entity_ref', 'component:default/orders')
        .update({ lock_at: 0 });

      const interrupted = (await request(server).get(statusPath)).body;
      expect(interrupted).toMatchObject({
        id: scan.id,
        status: 'failed',
        error: 'Interrupted: the scan stopped without finishing',
      });
      const later = await request(server).get(`${ORDERS}/scorecard`);
      expect(later.body).not.toHaveProperty('runningScan');
      expect(later.body.lastScan).toEqual(interrupted);
    });

    it("lists a scan whose process stopped as failed, as the scorecard and its status say, when the entity's scans are read first", async () => {
      const { knex, server } = await startWithHangingRepository({
        minutes: 10,
      });
      const { statusPath, scan } = await startRunningScan(server);
      // Alive: listed running.
      const running = await request(server).get(`${ORDERS}/scans`);
      expect(running.body.items).toEqual([scan]);

      // Its beats stop (its backend died); nothing else is read before the list.
      await knex('entities')
        .where('entity_ref', 'component:default/orders')
        .update({ lock_at: 0 });
      const listed = await request(server).get(`${ORDERS}/scans`);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          id: scan.id,
          status: 'failed',
          error: 'Interrupted: the scan stopped without finishing',
        }),
      ]);
      const card = await request(server).get(`${ORDERS}/scorecard`);
      expect(card.body).not.toHaveProperty('runningScan');
      expect(card.body.lastScan).toEqual(listed.body.items[0]);
      expect((await request(server).get(statusPath)).body).toEqual(
        listed.body.items[0],
      );
    });
  },
);
