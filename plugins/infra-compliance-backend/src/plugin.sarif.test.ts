import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  scanPath,
  toSarif,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';
import request from 'supertest';
import {
  componentEntity,
  tempDirEachTest,
  treeResponse,
  waitForScan,
} from './__testUtils__/fixtures';
import { mockScheduler, startPluginBackend } from './__testUtils__/backend';
import { readWithCommitDuring } from './__testUtils__/databases';
import { scanOf } from './__testUtils__/scans';
import { ComplianceStore } from './database/ComplianceStore';
import { infraCompliancePlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A SAM function with two SQS events: DLQ-005 on each generated event source mapping. */
const SAM_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        One: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:one } }
        Two: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:two } }
`;

describe.each(databases.eachSupportedId())('SARIF export on %p', databaseId => {
  const root = tempDirEachTest();

  it('keeps the generated resource a finding is about, as the CLI does', async () => {
    const dir = path.join(root(), 'events');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), '# events\n');
    await fs.writeFile(path.join(dir, 'template.yaml'), SAM_TEMPLATE);
    const scheduler = mockScheduler();
    const { server } = await startPluginBackend({
      knex: await databases.init(databaseId),
      entities: [componentEntity('events', { dir })],
      features: [scheduler.factory({ skipTaskRunOnStartup: true })],
    });
    await scheduler.triggerTask('infra-compliance-scan-shard-0-of-1');

    const res = await request(server).get(
      '/api/infra-compliance/entities/component/default/events/sarif',
    );
    expect(res.status).toBe(200);
    const results = JSON.parse(res.text).runs[0].results as any[];
    const generated = (ruleId: string) =>
      results
        .filter(result => result.ruleId === ruleId)
        .map(result => result.properties.generatedResourceId)
        .sort();
    expect(generated('DLQ-005')).toEqual(['FnOne', 'FnTwo']);

    // The CLI's SARIF of the same tree says the same.
    const cli = toSarif(await scanPath(dir)).runs[0].results as any[];
    expect(
      cli
        .filter(result => result.ruleId === 'DLQ-005')
        .map(result => result.properties.generatedResourceId)
        .sort(),
    ).toEqual(['FnOne', 'FnTwo']);
  });

  it('says what the scan did not judge: files skipped, and what programs create that is not modelled', async () => {
    const dir = path.join(root(), 'webhooks');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), '# webhooks\n');
    await fs.writeFile(path.join(dir, 'template.yaml'), SAM_TEMPLATE);
    await fs.writeFile(
      path.join(dir, 'broken.yaml'),
      Buffer.from([0, 1, 2, 3, 0xff, 0xfe]),
    );
    await fs.writeFile(
      path.join(dir, 'Pulumi.yaml'),
      'name: webhooks\nruntime: nodejs\n',
    );
    await fs.writeFile(
      path.join(dir, 'index.ts'),
      [
        "import * as aws from '@pulumi/aws';",
        "const api = new aws.apigateway.RestApi('api', {});",
        "new aws.apigateway.Resource('hooks', { restApi: api.id, parentId: api.rootResourceId, pathPart: 'hooks' });",
        '',
      ].join('\n'),
    );
    const { server } = await startPluginBackend({
      knex: await databases.init(databaseId),
      entities: [componentEntity('webhooks', { dir })],
    });
    const BASE = '/api/infra-compliance/entities/component/default/webhooks';
    const notifications = async () => {
      const res = await request(server).get(`${BASE}/sarif`);
      expect(res.status).toBe(200);
      return (JSON.parse(res.text).runs[0].invocations[0]
        .toolExecutionNotifications ?? []) as any[];
    };
    const started = await request(server).post(`${BASE}/scans`);
    expect(started.status).toBe(202);
    expect((await waitForScan(server, started.headers.location)).status).toBe(
      'succeeded',
    );
    const cli = toSarif(await scanPath(dir)).runs[0].invocations[0]
      .toolExecutionNotifications as any[];
    const texts = (list: any[]) => list.map(note => note.message.text);
    expect(texts(await notifications())).toEqual([
      texts(cli)[0],
      'Pulumi.yaml (Pulumi): not modelled, not judged: aws.apigateway.Resource',
    ]);
    expect(texts(cli)[0]).toMatch(/^Skipped broken\.yaml: /);
  });

  it('exports the findings with what their scan did not judge, though a scan commits as they are read', async () => {
    const dir = path.join(root(), 'webhooks');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), '# webhooks\n');
    await fs.writeFile(path.join(dir, 'template.yaml'), SAM_TEMPLATE);
    await fs.writeFile(
      path.join(dir, 'broken.yaml'),
      Buffer.from([0, 1, 2, 3, 0xff, 0xfe]),
    );
    const knex = await databases.init(databaseId);
    const { server } = await startPluginBackend({
      knex,
      entities: [componentEntity('webhooks', { dir })],
    });
    const BASE = '/api/infra-compliance/entities/component/default/webhooks';
    const started = await request(server).post(`${BASE}/scans`);
    expect((await waitForScan(server, started.headers.location)).status).toBe(
      'succeeded',
    );
    const sarif = async () => {
      const res = await request(server).get(`${BASE}/sarif`);
      expect(res.status).toBe(200);
      return JSON.parse(res.text).runs[0];
    };
    const before = await sarif();
    expect(before.results.length).toBeGreaterThan(0);
    expect(before.invocations[0].toolExecutionNotifications).toHaveLength(1);

    // A scan that finds nothing and skips nothing commits once the findings
    // are read, as the scan they come from is: the export listed them as
    // judged by the scan that skipped nothing.
    const store = new ComplianceStore(knex);
    const entityRef = 'component:default/webhooks';
    const scanId = '00000000-0000-4000-8000-000000000001';
    const during = await readWithCommitDuring({
      method: 'getResultsScan',
      commit: () =>
        scanOf(store, entityRef, {
          scanId,
          at: Date.now(),
          trigger: 'manual',
          engineSignature: 'another engine',
        }),
      read: sarif,
    });
    expect(during).toEqual(before);
    const after = await sarif();
    expect(after.results).toEqual([]);
    expect(after.invocations[0].toolExecutionNotifications).toBeUndefined();
  });

  it('gives as %SRCROOT% the location of a never scanned entity as it is when its findings are read, though it moved since it was read', async () => {
    const OLD = 'https://git.example.com/acme/events/tree/main/infra';
    const NEW = 'https://git.example.com/acme/events/tree/main/deploy';
    const knex = await databases.init(databaseId);
    const { server } = await startPluginBackend({
      knex,
      entities: [componentEntity('events')],
      features: [mockScheduler().factory({ skipTaskRunOnStartup: true })],
    });
    const store = new ComplianceStore(knex);
    const located = (target: string) =>
      store.upsertEntity(
        {
          entityRef: 'component:default/events',
          kind: 'component',
          namespace: 'default',
          name: 'events',
          scannable: true,
          sourceType: 'url',
          sourceTarget: target,
        },
        Date.now(),
      );
    // Known, never scanned: %SRCROOT% is the entity's own location.
    await located(OLD);
    const srcRoot = async () => {
      const res = await request(server).get(
        '/api/infra-compliance/entities/component/default/events/sarif',
      );
      expect(res.status).toBe(200);
      return JSON.parse(res.text).runs[0].originalUriBaseIds['%SRCROOT%'];
    };
    expect(await srcRoot()).toEqual({ uri: `${OLD}/` });

    // The entity moves once it is read, before its findings are: the
    // export gave the location it had before, read with the entity.
    expect(
      await readWithCommitDuring({
        method: 'getOpenResults',
        commit: () => located(NEW),
        read: srcRoot,
      }),
    ).toEqual({ uri: `${NEW}/` });
  });

  it('counts the skipped files past the first 100 the coverage lists', async () => {
    const dir = path.join(root(), 'uploads');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), '# uploads\n');
    await fs.writeFile(path.join(dir, 'template.yaml'), SAM_TEMPLATE);
    // 103 files no parser reads: the coverage lists 100 of them.
    for (let index = 0; index < 103; index++) {
      await fs.writeFile(
        path.join(dir, `broken-${String(index).padStart(3, '0')}.yaml`),
        Buffer.from([0, 1, 2, 3, 0xff, 0xfe]),
      );
    }
    const { server } = await startPluginBackend({
      knex: await databases.init(databaseId),
      entities: [componentEntity('uploads', { dir })],
    });
    const BASE = '/api/infra-compliance/entities/component/default/uploads';
    const started = await request(server).post(`${BASE}/scans`);
    expect(started.status).toBe(202);
    const scan = await waitForScan(server, started.headers.location);
    expect(scan.status).toBe('succeeded');
    expect(scan.counts.filesSkipped).toBe(103);

    const res = await request(server).get(`${BASE}/sarif`);
    expect(res.status).toBe(200);
    const texts = (
      JSON.parse(res.text).runs[0].invocations[0]
        .toolExecutionNotifications as any[]
    ).map(note => note.message.text);
    expect(texts).toHaveLength(101);
    expect(texts[0]).toMatch(/^Skipped broken-000\.yaml: /);
    expect(texts[99]).toMatch(/^Skipped broken-099\.yaml: /);
    expect(texts[100]).toBe('… and 3 more files skipped');
  });

  it.each([
    [
      'https://github.com/acme/shop/tree/main/services/orders',
      'https://github.com/acme/shop/tree/main/',
    ],
    // As the catalog writes the source location of …/-/blob/main/services/orders/catalog-info.yaml.
    [
      'https://gitlab.com/acme/shop/-/blob/main/services/orders/',
      'https://gitlab.com/acme/shop/-/blob/main/',
    ],
  ])(
    "names the files of a repository's folder (%s) from the repository's root, their stored paths and fingerprints the scan's",
    async (LOCATION, SRCROOT) => {
      const { server } = await startPluginBackend({
        knex: await databases.init(databaseId),
        entities: [
          componentEntity('orders', {
            annotations: {
              'backstage.io/source-location': `url:${LOCATION}`,
            },
          }),
        ],
        features: [
          mockServices.urlReader.mock({
            readTree: async () =>
              treeResponse('etag-1', { 'template.yaml': SAM_TEMPLATE }),
          }).factory,
        ],
      });
      const BASE = '/api/infra-compliance/entities/component/default/orders';
      const started = await request(server).post(`${BASE}/scans`);
      expect(started.status).toBe(202);
      expect((await waitForScan(server, started.headers.location)).status).toBe(
        'succeeded',
      );

      const stored = (await request(server).get(`${BASE}/findings`)).body
        .items as any[];
      expect(stored.length).toBeGreaterThan(0);
      expect(new Set(stored.map(finding => finding.file))).toEqual(
        new Set(['template.yaml']),
      );
      const res = await request(server).get(`${BASE}/sarif`);
      expect(res.status).toBe(200);
      const run = JSON.parse(res.text).runs[0];
      // GitHub code scanning reads a relative URI from the repository's root, whatever originalUriBaseIds says.
      expect(run.originalUriBaseIds).toEqual({
        '%SRCROOT%': { uri: SRCROOT },
      });
      const results = run.results as any[];
      expect([
        ...new Set(
          results.map(result =>
            JSON.stringify(
              result.locations[0].physicalLocation.artifactLocation,
            ),
          ),
        ),
      ]).toEqual([
        JSON.stringify({
          uri: 'services/orders/template.yaml',
          uriBaseId: '%SRCROOT%',
        }),
      ]);
      expect(
        results
          .map(result => result.partialFingerprints['infraCompliance/v1'])
          .sort(),
      ).toEqual(stored.map(finding => finding.fingerprint).sort());
    },
  );

  it("gives as %SRCROOT% the location the findings were read from, not the entity's location since", async () => {
    const OLD = 'https://git.example.com/acme/events/tree/main/infra';
    const NEW = 'https://git.example.com/acme/events/tree/main/deploy';
    const events = (location: string): Entity => ({
      ...componentEntity('events'),
      metadata: {
        name: 'events',
        namespace: 'default',
        annotations: { 'backstage.io/source-location': `url:${location}` },
      },
    });
    let entity = events(OLD);
    const { server } = await startTestBackend({
      features: [
        infraCompliancePlugin,
        mockServices.database.factory({
          knex: await databases.init(databaseId),
        }),
        catalogServiceMock.mock({ getEntityByRef: async () => entity }).factory,
        // The new location cannot be read (yet): its scan fails.
        mockServices.urlReader.mock({
          readTree: async url => {
            if (url !== OLD) throw new Error(`${url}: not found`);
            return treeResponse('etag-1', { 'template.yaml': SAM_TEMPLATE });
          },
        }).factory,
      ],
    });
    const BASE = '/api/infra-compliance/entities/component/default/events';
    /** Scans on demand; the status the scan ends with. */
    const scan = async (): Promise<string> => {
      const res = await request(server).post(`${BASE}/scans`);
      expect(res.status).toBe(202);
      return (await waitForScan(server, res.headers.location)).status;
    };
    const srcRoot = async () => {
      const res = await request(server).get(`${BASE}/sarif`);
      expect(res.status).toBe(200);
      const run = JSON.parse(res.text).runs[0];
      expect(run.results.length).toBeGreaterThan(0);
      return run.originalUriBaseIds['%SRCROOT%'];
    };

    expect(await scan()).toBe('succeeded');
    expect(await srcRoot()).toEqual({ uri: `${OLD}/` });
    entity = events(NEW);
    expect(await scan()).toBe('failed');
    // The findings are still those read at the old location.
    expect(await srcRoot()).toEqual({ uri: `${OLD}/` });
  });
});
