import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { UrlReaderServiceReadTreeResponse } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  TEMPLATE_NO_DLQ,
  componentEntity,
  makeTempDir,
  treeResponse,
  waitForScan,
  writeFiles,
} from './__testUtils__/fixtures';
import { ComplianceStore } from './database/ComplianceStore';
import { infraCompliancePlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const BASE = '/api/infra-compliance';
const ENTITY = `${BASE}/entities/component/default/orders`;
/** A source location with tokens written into it, as a catalog may hold them: as its user, in its query. */
const WITH_TOKEN =
  'https://x-access-token:s3cr3t@github.com/acme/orders/tree/main/infra?token=s3cr3t';
const WITHOUT_TOKEN = 'https://github.com/acme/orders/tree/main/infra';

async function startBackend(
  databaseId: TestDatabaseId,
  readTree: () => Promise<UrlReaderServiceReadTreeResponse>,
) {
  const knex = await databases.init(databaseId);
  const logger = mockServices.logger.mock();
  const { server } = await startTestBackend({
    features: [
      infraCompliancePlugin,
      mockServices.database.factory({ knex }),
      logger.factory,
      catalogServiceMock.factory({
        entities: [componentEntity('orders', { url: WITH_TOKEN })],
      }),
      mockServices.urlReader.mock({ readTree }).factory,
      mockServices.rootConfig.factory({
        data: { backend: { actions: { pluginSources: ['infra-compliance'] } } },
      }),
    ],
  });
  const started = await request(server).post(`${ENTITY}/scans`);
  expect(started.status).toBe(202);
  const scan = await waitForScan(server, started.headers.location);
  return { server, knex, logger, scan };
}

/** Every message the backend logged, with its fields. */
function logged(logger: ReturnType<typeof mockServices.logger.mock>) {
  return JSON.stringify(
    (['debug', 'info', 'warn', 'error'] as const).flatMap(
      level => (logger[level] as jest.Mock).mock.calls,
    ),
  );
}

describe.each(databases.eachSupportedId())(
  'the source location of a URL with credentials on %p',
  databaseId => {
    it('is shown without them by every route and action that shows it, though the database keeps it as the catalog writes it', async () => {
      const { server, knex, logger, scan } = await startBackend(
        databaseId,
        async () =>
          treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ }),
      );
      expect(scan.status).toBe('succeeded');
      const source = { type: 'url', target: WITHOUT_TOKEN };
      expect(scan.source).toEqual(source);

      const entities = (await request(server).get(`${BASE}/entities`)).body;
      expect(entities.items.map((item: any) => item.source)).toEqual([source]);
      const scorecard = (await request(server).get(`${ENTITY}/scorecard`)).body;
      expect(scorecard.entity.source).toEqual(source);
      expect(scorecard.lastScan.source).toEqual(source);
      const scans = (await request(server).get(`${ENTITY}/scans`)).body;
      expect(scans.items.map((item: any) => item.source)).toEqual([source]);
      const history = (await request(server).get(`${ENTITY}/history`)).body;
      const sarif = JSON.parse(
        (await request(server).get(`${ENTITY}/sarif`)).text,
      );
      expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%']).toEqual({
        uri: 'https://github.com/acme/orders/tree/main/',
      });
      const findings = await request(server)
        .post(
          `${BASE}/.backstage/actions/v1/actions/infra-compliance:list-infra-compliance-findings/invoke`,
        )
        .set('Authorization', mockCredentials.user.header())
        .send({ entityRef: 'component:default/orders' });
      expect(findings.status).toBe(200);
      expect(findings.body.output.findings[0].sourceUrl).toMatch(
        /^https:\/\/github\.com\/acme\/orders\/tree\/main\/infra\/template\.yaml#L\d+$/,
      );
      for (const shown of [
        entities,
        scorecard,
        scans,
        history,
        sarif,
        findings.body,
      ])
        expect(JSON.stringify(shown)).not.toContain('s3cr3t');
      expect(logged(logger)).not.toContain('s3cr3t');

      // Stored as the catalog writes it, by this version as by those before it: left out when read.
      expect(await knex('entities').pluck('source_target')).toEqual([
        WITH_TOKEN,
      ]);
      expect(await knex('scans').pluck('source_target')).toEqual([WITH_TOKEN]);
    });

    it("is left out of a failed scan's error, stored and logged, where the reader quotes the URL it was handed", async () => {
      const { logger, scan } = await startBackend(databaseId, async () => {
        // As Backstage's reader refuses a host no integration allows.
        throw new Error(
          `Reading from '${WITH_TOKEN}' is not allowed. You may need to configure an integration for the target host`,
        );
      });
      expect(scan.status).toBe('failed');
      expect(scan.error).toBe(
        `Reading from '${WITHOUT_TOKEN}' is not allowed. You may need to configure an integration for the target host`,
      );
      expect(logged(logger)).toContain(`Reading from '${WITHOUT_TOKEN}'`);
      expect(logged(logger)).not.toContain('s3cr3t');
    });

    it("is left out of a failed scan's error an earlier version stored as the reader wrote it, by every route and action that shows it", async () => {
      const { server, knex } = await startBackend(databaseId, async () =>
        treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ }),
      );
      // As an earlier version recorded a scan the reader refused: the
      // error as the reader wrote it, quoting the URL it was handed.
      const store = new ComplianceStore(knex);
      const entityRef = 'component:default/orders';
      const now = Date.now() + 1000;
      await store.createScan({
        id: 'b1b5e0c4-1c57-4c4e-9a59-3f7c1f0e0a01',
        entityRef,
        trigger: 'manual',
        status: 'running',
        now,
        source: { type: 'url', target: WITH_TOKEN },
      });
      await store.failScan(
        'b1b5e0c4-1c57-4c4e-9a59-3f7c1f0e0a01',
        entityRef,
        `Reading from '${WITH_TOKEN}' is not allowed`,
        now,
      );
      // The store now writes it without them: the row as written before.
      await knex('scans')
        .where('id', 'b1b5e0c4-1c57-4c4e-9a59-3f7c1f0e0a01')
        .update({ error: `Reading from '${WITH_TOKEN}' is not allowed` });
      expect(await knex('scans').pluck('error')).toContain(
        `Reading from '${WITH_TOKEN}' is not allowed`,
      );

      const error = `Reading from '${WITHOUT_TOKEN}' is not allowed`;
      const scan = (
        await request(server).get(
          `${BASE}/scans/b1b5e0c4-1c57-4c4e-9a59-3f7c1f0e0a01`,
        )
      ).body;
      expect(scan.error).toBe(error);
      const scans = (await request(server).get(`${ENTITY}/scans`)).body;
      expect(scans.items.map((item: any) => item.error)).toContain(error);
      const scorecard = (await request(server).get(`${ENTITY}/scorecard`)).body;
      expect(scorecard.lastScan.error).toBe(error);
      const history = (await request(server).get(`${ENTITY}/history`)).body;
      const action = await request(server)
        .post(
          `${BASE}/.backstage/actions/v1/actions/infra-compliance:get-infra-compliance-scorecard/invoke`,
        )
        .set('Authorization', mockCredentials.user.header())
        .send({ entityRef });
      expect(action.status).toBe(200);
      expect(action.body.output.lastScan.error).toBe(error);
      for (const shown of [scan, scans, scorecard, history, action.body])
        expect(JSON.stringify(shown)).not.toContain('s3cr3t');
    });
  },
);

describe.each(databases.eachSupportedId())(
  'a dir: or file: source location the backend cannot scan on %p',
  databaseId => {
    let root: string;
    beforeEach(async () => {
      root = await makeTempDir();
    });
    afterEach(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });

    it("names it as the catalog writes it in the scan's error, served by every route and action that shows it, and logs its path on the backend's disk", async () => {
      const catalogFolder = path.join(root, 'catalog', 'orders');
      await writeFiles(catalogFolder, {
        'catalog-info.yaml': '# orders\n',
        'template.yaml': TEMPLATE_NO_DLQ,
        'modules/main.tf': '',
      });
      await writeFiles(path.join(root, 'elsewhere'), {
        'template.yaml': TEMPLATE_NO_DLQ,
      });
      await fs.symlink(
        path.join(root, 'elsewhere'),
        path.join(catalogFolder, 'linked'),
      );
      /** Each entity's source location, its scan's error and its path on the disk. */
      const cases = [
        {
          name: 'missing',
          location: 'dir:infra',
          error: 'Cannot read dir:infra: no such file or directory',
          diskPath: path.join(catalogFolder, 'infra'),
        },
        {
          name: 'linked',
          location: 'dir:./linked',
          error:
            "dir:./linked resolves outside the directory of the entity's catalog file",
          diskPath: path.join(catalogFolder, 'linked'),
        },
        {
          name: 'folder',
          location: 'file:./modules',
          error: 'file:./modules is not a file',
          diskPath: path.join(catalogFolder, 'modules'),
        },
        {
          name: 'file',
          location: 'dir:template.yaml',
          error: 'dir:template.yaml is not a directory',
          diskPath: path.join(catalogFolder, 'template.yaml'),
        },
      ];
      const logger = mockServices.logger.mock();
      const { server } = await startTestBackend({
        features: [
          infraCompliancePlugin,
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
          logger.factory,
          catalogServiceMock.factory({
            entities: cases.map(({ name, location }) =>
              componentEntity(name, {
                dir: catalogFolder,
                annotations: { 'backstage.io/source-location': location },
              }),
            ),
          }),
          mockServices.rootConfig.factory({
            data: {
              backend: { actions: { pluginSources: ['infra-compliance'] } },
            },
          }),
        ],
      });

      for (const { name, location, error, diskPath } of cases) {
        const entity = `${BASE}/entities/component/default/${name}`;
        const started = await request(server).post(`${entity}/scans`);
        expect(started.status).toBe(202);
        const scan = await waitForScan(server, started.headers.location);
        expect(scan).toMatchObject({ status: 'failed', error });

        const scans = (await request(server).get(`${entity}/scans`)).body;
        expect(scans.items.map((item: any) => item.error)).toEqual([error]);
        const scorecard = (await request(server).get(`${entity}/scorecard`))
          .body;
        expect(scorecard.lastScan.error).toBe(error);
        const action = await request(server)
          .post(
            `${BASE}/.backstage/actions/v1/actions/infra-compliance:get-infra-compliance-scorecard/invoke`,
          )
          .set('Authorization', mockCredentials.user.header())
          .send({ entityRef: `component:default/${name}` });
        expect(action.status).toBe(200);
        expect(action.body.output.lastScan.error).toBe(error);
        for (const shown of [scan, scans, scorecard, action.body])
          expect(JSON.stringify(shown)).not.toContain(root);

        // The operators see where it is.
        expect(logged(logger)).toContain(
          `Infra Compliance: scan of component:default/${name} failed: ${error} (${location} is ${diskPath} on this host)`,
        );
      }
    });
  },
);
