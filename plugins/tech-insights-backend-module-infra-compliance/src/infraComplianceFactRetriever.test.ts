import dns from 'node:dns';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
// The backend the retriever reads, run for real.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { infraCompliancePlugin } from '@infra-compliance/backstage-plugin-infra-compliance-backend';
import { Scan } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { DateTime } from 'luxon';
import {
  createInfraComplianceFactRetriever,
  infraComplianceFactRetriever,
} from './infraComplianceFactRetriever';

jest.setTimeout(60_000);

/** A function whose role cannot publish to the topic it was given: IAM-004, critical. */
const TEMPLATE_ROLE_CANNOT_PUBLISH = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Events:
    Type: AWS::SNS::Topic
  PublisherRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  Publisher:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code:
        ZipFile: exports.handler = async () => {};
      Role: !GetAtt PublisherRole.Arn
      Environment:
        Variables:
          TOPIC_ARN: !Ref Events
`;

/** A bucket alone: no function, so neither dead-letter queues, alarms, IAM nor logging apply. */
const TEMPLATE_BUCKET = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Uploads:
    Type: AWS::S3::Bucket
`;

/** A function with a dead-letter queue. */
const TEMPLATE_WITH_DLQ = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code:
        ZipFile: exports.handler = async () => {};
      Role: arn:aws:iam::123456789012:role/worker
      DeadLetterConfig:
        TargetArn: !GetAtt DeadLetters.Arn
  DeadLetters:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
`;

/** A repository folder with a catalog file and `files`. */
async function makeRepo(
  root: string,
  name: string,
  files: Record<string, string>,
): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'catalog-info.yaml'), `# ${name}\n`);
  for (const [file, text] of Object.entries(files)) {
    await fs.writeFile(path.join(dir, file), text);
  }
  return dir;
}

/** A catalog entity whose code is the folder `dir` (none without it). */
function entity(kind: string, name: string, dir?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: dir
        ? {
            'backstage.io/managed-by-location': `file:${path.join(
              dir,
              'catalog-info.yaml',
            )}`,
          }
        : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/**
 * The catalog, as far as the backend reads it here: an entity by its ref
 * (`GET /entities/by-name/{kind}/{namespace}/{name}` of its REST API),
 * asked over HTTP by the catalog client the backend gets by default.
 * `entities` is read at each request: an entity pushed is in the catalog.
 */
function catalogStandIn(entities: Entity[]) {
  return createBackendPlugin({
    pluginId: 'catalog',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use((req, res, next) => {
            const byName =
              /^\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(req.path);
            if (req.method !== 'GET' || !byName) {
              next();
              return;
            }
            const [kind, namespace, name] = byName
              .slice(1)
              .map(part => decodeURIComponent(part));
            const ref = `${kind}:${namespace}/${name}`.toLocaleLowerCase(
              'en-US',
            );
            const found = entities.find(
              item =>
                stringifyEntityRef(item).toLocaleLowerCase('en-US') === ref,
            );
            if (found) res.json(found);
            else res.status(404).json({ error: { name: 'NotFoundError' } });
          });
        },
      });
    },
  });
}

/** The response, or the error of a request the backend refused. */
async function succeeded(response: Response): Promise<Response> {
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return response;
}

/** The facts with their dates as ISO strings, to compare them exactly. */
function withIsoDates(facts: TechInsightFact[]) {
  return facts.map(fact => ({
    ...fact,
    facts: Object.fromEntries(
      Object.entries(fact.facts).map(([name, value]) => [
        name,
        DateTime.isDateTime(value) ? value.toISO() : value,
      ]),
    ),
  }));
}

describe('infraComplianceFactRetriever', () => {
  let root: string;
  let baseUrl: string;
  /** The catalog's entities. */
  const catalog: Entity[] = [];
  /** The scans of each entity, in order, as they ended. */
  const scans: Record<string, Scan[]> = {};

  /** Scans an entity on demand and waits for the scan to end. */
  async function scan(kind: string, name: string): Promise<void> {
    const started = await succeeded(
      await fetch(`${baseUrl}/entities/${kind}/default/${name}/scans`, {
        method: 'POST',
      }),
    );
    const { scanId } = await started.json();
    for (let i = 0; i < 200; i++) {
      const current: Scan = await (
        await fetch(`${baseUrl}/scans/${scanId}`)
      ).json();
      if (!['queued', 'running'].includes(current.status)) {
        (scans[name] ??= []).push(current);
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`the scan of ${name} did not end`);
  }

  /**
   * Runs the retriever's handler as Tech Insights would, against the test
   * backend unless discovery gives another `infraComplianceUrl`.
   */
  function retrieve(
    retriever: FactRetriever,
    { maxPageSize = 2, infraComplianceUrl = baseUrl } = {},
  ) {
    return retriever.handler({
      config: mockServices.rootConfig({
        data: { infraCompliance: { maxPageSize } },
      }),
      discovery: mockServices.discovery.mock({
        getBaseUrl: async pluginId =>
          pluginId === 'infra-compliance'
            ? infraComplianceUrl
            : `${baseUrl.replace(/infra-compliance$/, '')}${pluginId}`,
      }),
      logger: mockServices.logger.mock(),
      auth: mockServices.auth({ pluginId: 'tech-insights' }),
      urlReader: mockServices.urlReader.mock(),
      entityFilter: retriever.entityFilter,
    });
  }

  beforeAll(async () => {
    root = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'ic-tech-insights-test-')),
    );
    const orders = await makeRepo(root, 'orders', {
      'template.yaml': TEMPLATE_ROLE_CANNOT_PUBLISH,
    });
    const uploads = await makeRepo(root, 'uploads', {
      'template.yaml': TEMPLATE_BUCKET,
    });
    const flaky = await makeRepo(root, 'flaky', {
      'template.yaml': TEMPLATE_WITH_DLQ,
    });
    const empty = await makeRepo(root, 'empty', {
      'README.md': '# No infrastructure code here\n',
    });
    const pending = await makeRepo(root, 'pending', {
      'template.yaml': TEMPLATE_BUCKET,
    });
    const queue = await makeRepo(root, 'queue', {
      'template.yaml': TEMPLATE_WITH_DLQ,
    });
    catalog.push(
      entity('Component', 'orders', orders),
      entity('Component', 'uploads', uploads),
      entity('Component', 'flaky', flaky),
      entity('Component', 'empty', empty),
      entity('Component', 'pending', pending),
      entity('Component', 'docs'),
      entity('Resource', 'queue', queue),
      // Its repository never there: its only scan fails.
      entity('Resource', 'lost', path.join(root, 'lost')),
    );
    const { server } = await startTestBackend({
      features: [
        infraCompliancePlugin,
        // Nothing is scanned but what the tests scan.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogStandIn(catalog),
        mockServices.rootConfig.factory({
          data: {
            infraCompliance: {
              kinds: ['Component', 'Resource'],
              maxPageSize: 2,
              newEntities: { enabled: false },
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${server.port()}/api/infra-compliance`;

    await scan('component', 'orders');
    await scan('component', 'uploads');
    await scan('component', 'flaky');
    await scan('component', 'empty');
    await scan('resource', 'queue');
    await scan('resource', 'lost');
    // Its repository gone, the next scan of flaky fails: its figures stay
    // those of the scan before.
    await fs.rm(flaky, { recursive: true, force: true });
    await scan('component', 'flaky');
    // Known, never scanned: pending could be, docs has no source location.
    for (const name of ['pending', 'docs']) {
      await succeeded(
        await fetch(`${baseUrl}/entities/component/default/${name}/scorecard`),
      );
    }
  });

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('returns the facts of every scored entity of the overview, page after page, and none for the others', async () => {
    expect(scans.flaky.map(s => s.status)).toEqual(['succeeded', 'failed']);
    expect(scans.empty.map(s => s.status)).toEqual(['succeeded']);

    // Six components by name, two a page: docs and empty (no score),
    // flaky and orders, pending (no score) and uploads.
    const overview = await (
      await succeeded(await fetch(`${baseUrl}/entities?kind=Component`))
    ).json();
    expect(overview.totalCount).toBe(6);
    const facts = await retrieve(infraComplianceFactRetriever);

    expect(withIsoDates(facts)).toEqual([
      {
        entity: { namespace: 'default', kind: 'Component', name: 'flaky' },
        facts: {
          infraComplianceGrade: 'E',
          infraComplianceScore: 43,
          infraComplianceCategoryScores: {
            dlq: 100,
            alarms: 0,
            encryption: 0,
            iam: 100,
            logging: 0,
            operations: 0,
            parsing: 100,
          },
          infraComplianceNotApplicableCategories: [],
          infraComplianceOpenCritical: 0,
          infraComplianceOpenHigh: 2,
          infraComplianceOpenMedium: 4,
          infraComplianceOpenLow: 4,
          infraComplianceOpenTotal: 10,
          infraComplianceWaived: 0,
          infraComplianceLastSuccessfulScanAt: scans.flaky[0].finishedAt,
          infraComplianceLastScanAt: scans.flaky[1].finishedAt,
          infraComplianceLastScanStatus: 'failed',
        },
      },
      {
        entity: { namespace: 'default', kind: 'Component', name: 'orders' },
        facts: {
          infraComplianceGrade: 'E',
          infraComplianceScore: 46,
          infraComplianceCategoryScores: {
            dlq: 0,
            alarms: 0,
            encryption: 0,
            iam: 66,
            logging: 0,
            operations: 25,
            parsing: 100,
          },
          infraComplianceNotApplicableCategories: [],
          infraComplianceOpenCritical: 1,
          infraComplianceOpenHigh: 2,
          infraComplianceOpenMedium: 3,
          infraComplianceOpenLow: 5,
          infraComplianceOpenTotal: 11,
          infraComplianceWaived: 0,
          infraComplianceLastSuccessfulScanAt: scans.orders[0].finishedAt,
          infraComplianceLastScanAt: scans.orders[0].finishedAt,
          infraComplianceLastScanStatus: 'succeeded',
        },
      },
      {
        entity: { namespace: 'default', kind: 'Component', name: 'uploads' },
        facts: {
          infraComplianceGrade: 'D',
          infraComplianceScore: 62,
          infraComplianceCategoryScores: {
            encryption: 0,
            operations: 0,
            parsing: 100,
          },
          infraComplianceNotApplicableCategories: [
            'dlq',
            'alarms',
            'iam',
            'logging',
          ],
          infraComplianceOpenCritical: 0,
          infraComplianceOpenHigh: 0,
          infraComplianceOpenMedium: 1,
          infraComplianceOpenLow: 1,
          infraComplianceOpenTotal: 2,
          infraComplianceWaived: 0,
          infraComplianceLastSuccessfulScanAt: scans.uploads[0].finishedAt,
          infraComplianceLastScanAt: scans.uploads[0].finishedAt,
          infraComplianceLastScanStatus: 'succeeded',
        },
      },
    ]);
    expect(
      facts.every(
        fact =>
          DateTime.isDateTime(fact.facts.infraComplianceLastSuccessfulScanAt) &&
          DateTime.isDateTime(fact.facts.infraComplianceLastScanAt),
      ),
    ).toBe(true);
  });

  it('returns the facts of the kinds it was made for, which its entity filter names', async () => {
    const retriever = createInfraComplianceFactRetriever({
      kinds: ['Component', 'Resource'],
    });
    expect(retriever.entityFilter).toEqual({
      kind: ['Component', 'Resource'],
    });
    expect(infraComplianceFactRetriever.entityFilter).toEqual({
      kind: ['Component'],
    });

    const facts = await retrieve(retriever);
    // In the order of their refs; none for lost, whose only scan failed.
    expect(scans.lost.map(s => s.status)).toEqual(['failed']);
    expect(facts.map(fact => fact.entity)).toEqual([
      { namespace: 'default', kind: 'Component', name: 'flaky' },
      { namespace: 'default', kind: 'Component', name: 'orders' },
      { namespace: 'default', kind: 'Component', name: 'uploads' },
      { namespace: 'default', kind: 'Resource', name: 'queue' },
    ]);
  });

  it("fails with the backend's answer when it refuses the request", async () => {
    // Pages larger than the backend serves (its maxPageSize is 2).
    const error = await retrieve(infraComplianceFactRetriever, {
      maxPageSize: 3,
    }).catch(reason => reason);
    expect(error.message).toBe(
      `Infra Compliance did not list its entities (GET ${baseUrl}/entities?kind=Component&sort=ref&limit=3): Invalid query: limit: Number must be less than or equal to 2; caused by ResponseError: Request failed with 400 Bad Request`,
    );
    expect(error.name).toBe('ResponseError');
    expect(error.cause).toBeInstanceOf(ResponseError);
    expect(error.cause.statusCode).toBe(400);
  });

  it("quotes the start of an error page that is not the backend's, a proxy's, not all of it", async () => {
    const page = `<html><body>${'<p>Bad gateway</p>'.repeat(
      600,
    )}</body></html>`;
    const proxy = http.createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(page);
    });
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as net.AddressInfo;
    const infraComplianceUrl = `http://127.0.0.1:${port}/api/infra-compliance`;
    try {
      const error = await retrieve(infraComplianceFactRetriever, {
        infraComplianceUrl,
      }).catch(reason => reason);
      const reason = `Request failed with status 502 Bad Gateway, ${page}`;
      expect(error.message).toBe(
        `Infra Compliance did not list its entities (GET ${infraComplianceUrl}/entities?kind=Component&sort=ref&limit=2): ${reason.slice(
          0,
          500,
        )}… (${
          reason.length - 500
        } more characters); caused by ResponseError: Request failed with 502 Bad Gateway`,
      );
      // The whole page stays in the cause, for who reads the error further.
      expect(error.cause.cause.message).toBe(reason);
    } finally {
      await new Promise(resolve => proxy.close(resolve));
    }
  });

  it('fails with what it asked and what it got when the answer is no page of entities, as a login page a proxy redirects to', async () => {
    const loginPage = `<!DOCTYPE html><html><body>${'<p>Sign in</p>'.repeat(
      100,
    )}</body></html>`;
    const proxy = http.createServer((request, response) => {
      if (request.url?.startsWith('/login')) {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(loginPage);
      } else {
        response.writeHead(302, { location: '/login?next=%2F' });
        response.end();
      }
    });
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as net.AddressInfo;
    const infraComplianceUrl = `http://127.0.0.1:${port}/api/infra-compliance`;
    try {
      const error = await retrieve(infraComplianceFactRetriever, {
        infraComplianceUrl,
      }).catch(reason => reason);
      const got = `200 OK from http://127.0.0.1:${port}/login?next=%2F, text/html: ${loginPage}`;
      expect(error.message).toBe(
        `Infra Compliance answered no page of entities (GET ${infraComplianceUrl}/entities?kind=Component&sort=ref&limit=2): ${got.slice(
          0,
          500,
        )}… (${got.length - 500} more characters)`,
      );
    } finally {
      await new Promise(resolve => proxy.close(resolve));
    }
  });

  it('fails with what it asked and why when the backend cannot be reached', async () => {
    // A port nothing listens on any more: the backend is down.
    const closed = net.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise(resolve => closed.close(resolve));
    const infraComplianceUrl = `http://127.0.0.1:${port}/api/infra-compliance`;

    const error = await retrieve(infraComplianceFactRetriever, {
      infraComplianceUrl,
    }).catch(reason => reason);
    expect(error.message).toBe(
      `Infra Compliance could not be reached (GET ${infraComplianceUrl}/entities?kind=Component&sort=ref&limit=2): connect ECONNREFUSED 127.0.0.1:${port}; caused by TypeError: fetch failed`,
    );
    // fetch's error, and its own cause, stay for who reads the error further.
    expect(error.cause.cause.code).toBe('ECONNREFUSED');
  });

  it('says why each address failed when the backend host has several, as localhost often has', async () => {
    // A port nothing listens on, on either address.
    const closed = net.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise(resolve => closed.close(resolve));
    // localhost as /etc/hosts names it on most machines: ::1 and 127.0.0.1.
    const realLookup = dns.lookup;
    const lookup = jest.spyOn(dns, 'lookup').mockImplementation(((
      host: string,
      options: dns.LookupOptions,
      callback: (...args: unknown[]) => void,
    ) => {
      if (host !== 'backend.test')
        return (realLookup as Function)(host, options, callback);
      const all = [
        { address: '::1', family: 6 },
        { address: '127.0.0.1', family: 4 },
      ];
      return options.all
        ? callback(null, all)
        : callback(null, all[0].address, all[0].family);
    }) as typeof dns.lookup);
    try {
      const error = await retrieve(infraComplianceFactRetriever, {
        infraComplianceUrl: `http://backend.test:${port}/api/infra-compliance`,
      }).catch(reason => reason);
      expect(error.message).toMatch(
        `could not be reached (GET http://backend.test:${port}/api/infra-compliance/entities?kind=Component&sort=ref&limit=2): connect ECONNREFUSED ::1:${port}, connect ECONNREFUSED 127.0.0.1:${port}; caused by`,
      );
    } finally {
      lookup.mockRestore();
    }
  });

  it('counts a waived finding as waived, not open, and as passed in the score, until the waiver is revoked', async () => {
    const factOfOrders = async () =>
      (await retrieve(infraComplianceFactRetriever)).find(
        fact => fact.entity.name === 'orders',
      )!;
    const before = await factOfOrders();
    expect(before.facts).toMatchObject({
      infraComplianceOpenCritical: 1,
      infraComplianceOpenTotal: 11,
      infraComplianceWaived: 0,
    });

    // IAM-004, the role that cannot publish to its topic: orders' critical finding.
    const waiver = await (
      await succeeded(
        await fetch(`${baseUrl}/entities/component/default/orders/waivers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ruleId: 'IAM-004',
            reason: 'The topic is published to by another stack',
          }),
        }),
      )
    ).json();
    try {
      const { facts: waived } = await factOfOrders();
      expect(waived).toMatchObject({
        infraComplianceOpenCritical: 0,
        infraComplianceOpenHigh: before.facts.infraComplianceOpenHigh,
        infraComplianceOpenTotal: 10,
        infraComplianceWaived: 1,
      });
      expect(waived.infraComplianceScore).toBeGreaterThan(
        before.facts.infraComplianceScore as number,
      );
      // Figures of the same scan: its times do not move.
      expect(
        (waived.infraComplianceLastSuccessfulScanAt as DateTime).toISO(),
      ).toBe(scans.orders[0].finishedAt);
    } finally {
      await succeeded(
        await fetch(`${baseUrl}/waivers/${waiver.id}`, { method: 'DELETE' }),
      );
    }
    expect(withIsoDates([await factOfOrders()])).toEqual(
      withIsoDates([before]),
    );
  });

  // Last: it adds an entity to the catalog.
  it('returns the facts of every entity once when an entity added during the run comes before the page it reads', async () => {
    // After the second page (docs and empty, flaky and orders), a component
    // named before them all becomes known: read by offset, the third page
    // (at 4) started with orders again; from the cursor, it starts after it.
    const readPages: string[][] = [];
    const realFetch = global.fetch;
    const fetchSpy = jest
      .spyOn(global, 'fetch')
      .mockImplementation(async (input, init) => {
        const response = await realFetch(input, init);
        const url = new URL(String(input));
        if (url.pathname.endsWith('/infra-compliance/entities')) {
          const page = await response.clone().json();
          readPages.push(page.items.map((item: { name: string }) => item.name));
          if (url.searchParams.get('after') === 'component:default/empty') {
            catalog.push(entity('Component', 'adopted'));
            await succeeded(
              await realFetch(
                `${baseUrl}/entities/component/default/adopted/scorecard`,
              ),
            );
          }
        }
        return response;
      });
    try {
      const facts = await retrieve(infraComplianceFactRetriever);

      expect(readPages).toEqual([
        ['docs', 'empty'],
        ['flaky', 'orders'],
        ['pending', 'uploads'],
        // A full page may not be the last.
        [],
      ]);
      expect(facts.map(fact => fact.entity.name)).toEqual([
        'flaky',
        'orders',
        'uploads',
      ]);
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
