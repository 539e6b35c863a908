import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RULE_CATALOG,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import request from 'supertest';
import {
  componentEntity,
  groupEntity,
  hidingPolicy,
  makeRepo,
  makeTempDir,
  tempDirEachTest,
  treeResponse,
  userListings,
  waitForScan,
  writeFiles,
  writeTemplate,
} from '../__testUtils__/fixtures';
import { mockAuditor, mockScheduler } from '../__testUtils__/backend';
import { readWithCommitDuring } from '../__testUtils__/databases';
import { scanOf } from '../__testUtils__/scans';
import { ComplianceStore } from '../database/ComplianceStore';
import { infraCompliancePlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Where the actions registry serves the plugin's actions: what the actions service (and so the MCP actions backend) calls. */
const ACTIONS = '/api/infra-compliance/.backstage/actions/v1/actions';
const BASE = '/api/infra-compliance';

/**
 * A function from a container image, with no dead-letter target, alarm,
 * log group, tracing or tags, and the account and region written in: seven
 * findings, none of which depends on the day of the scan (a runtime's
 * deprecation would).
 */
const IMAGE_FUNCTION = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      PackageType: Image
      Code:
        ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker:1
      Role: arn:aws:iam::123456789012:role/worker
`;

/** The same function with a dead-letter queue, the account and region from the stack: grade E. */
const IMAGE_FUNCTION_WITH_DLQ = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      PackageType: Image
      Code:
        ImageUri: !Sub \${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/worker:1
      Role: !Sub arn:aws:iam::\${AWS::AccountId}:role/worker
      DeadLetterConfig:
        TargetArn: !GetAtt DeadLetters.Arn
  DeadLetters:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
`;

/** The folder of a GitHub repository that billing's source location names. */
const BILLING_SOURCE =
  'https://github.com/acme/shop/tree/main/services/billing';

async function catalogEntities(root: string) {
  const orders = await makeRepo(root, 'orders', IMAGE_FUNCTION);
  // Odd but not wrong: a config warning, on a rule that judges nothing here.
  await writeFiles(orders, {
    '.infra-compliance.yaml': 'rules:\n  disable: [ENC-002, enc-002]\n',
  });
  return [
    componentEntity('orders', {
      dir: orders,
      owner: 'team-a',
      system: 'shop',
    }),
    componentEntity('payments', {
      dir: await makeRepo(root, 'payments', IMAGE_FUNCTION_WITH_DLQ),
      owner: 'team-b',
    }),
    componentEntity('billing', {
      owner: 'team-b',
      annotations: {
        'backstage.io/source-location': `url:${BILLING_SOURCE}`,
      },
    }),
    // No source location: cannot be scanned.
    componentEntity('docs', { owner: 'team-b' }),
    groupEntity('team-a'),
    groupEntity('team-b'),
  ];
}

async function startBackend(
  databaseId: TestDatabaseId,
  root: string,
  options: {
    deny?: boolean;
    hidden?: string[];
    /** More of the plugin's configuration. */
    infraCompliance?: object;
  } = {},
) {
  const scheduler = mockScheduler();
  const auditor = mockAuditor();
  const entities = await catalogEntities(root);
  const knex = await databases.init(databaseId);
  const hiding = options.hidden
    ? hidingPolicy(options.hidden, entities)
    : undefined;
  const { server } = await startTestBackend({
    features: [
      infraCompliancePlugin,
      mockServices.database.factory({ knex }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      auditor.factory,
      mockServices.urlReader.mock({
        readTree: async () =>
          treeResponse('etag-1', { 'template.yaml': IMAGE_FUNCTION }),
      }).factory,
      ...(hiding
        ? hiding.factories
        : [catalogServiceMock.factory({ entities })]),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          // As the README has adopters expose the plugin's actions.
          backend: { actions: { pluginSources: ['infra-compliance'] } },
          infraCompliance: {
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
            ...options.infraCompliance,
          },
        },
      }),
    ],
  });
  await scheduler.triggerTask('infra-compliance-scan-shard-0-of-1');
  return { server, auditor, knex, catalog: hiding?.catalog };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

/** Invokes an action as the actions service does, as the user user:default/mock unless `authorization` says otherwise. */
function invoke(
  server: Server,
  name: string,
  input: object,
  authorization = mockCredentials.user.header(),
) {
  return request(server)
    .post(`${ACTIONS}/infra-compliance:${name}/invoke`)
    .set('Authorization', authorization)
    .send(input);
}

/** The action's output; fails with the error when it answered one. */
async function outputOf(server: Server, name: string, input: object) {
  const res = await invoke(server, name, input);
  expect({ status: res.status, error: res.body.error }).toEqual({
    status: 200,
    error: undefined,
  });
  return res.body.output;
}

describe.each(databases.eachSupportedId())(
  'infra-compliance actions on %p',
  databaseId => {
    let root: string;
    let backend: Awaited<ReturnType<typeof startBackend>>;

    beforeAll(async () => {
      root = await makeTempDir();
      backend = await startBackend(databaseId, root);
    });

    afterAll(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });

    it('registers five actions, the reads read-only and idempotent, with a description for each input', async () => {
      const res = await request(backend.server).get(ACTIONS);
      expect(res.status).toBe(200);
      const actions = res.body.actions as any[];
      expect(
        actions.map(action => [action.id, action.attributes]).sort(),
      ).toEqual(
        [
          ['infra-compliance:get-infra-compliance-rule', true],
          ['infra-compliance:get-infra-compliance-scorecard', true],
          ['infra-compliance:list-infra-compliance-findings', true],
          ['infra-compliance:list-infra-compliance-services', true],
          ['infra-compliance:scan-infra-compliance-entity', false],
        ].map(([id, read]) => [
          id,
          { readOnly: read, idempotent: read, destructive: false },
        ]),
      );
      for (const action of actions) {
        const properties = Object.entries(
          action.schema.input.properties as Record<string, any>,
        );
        expect(properties.length).toBeGreaterThan(0);
        for (const [property, schema] of properties) {
          expect({ property, description: schema.description }).toEqual({
            property,
            description: expect.stringMatching(/\w/),
          });
        }
      }
      const findings = actions.find(
        action => action.name === 'list-infra-compliance-findings',
      ).schema.input.properties;
      expect(findings.limit).toMatchObject({
        default: 20,
        minimum: 1,
        maximum: 100,
      });
      expect(findings.status).toMatchObject({
        enum: ['open', 'resolved', 'all'],
        default: 'open',
      });
      // A client may check arguments against the published patterns: a rule
      // id the action takes in any case is published in any case.
      const patterns: string[] = [];
      const collect = (schema: unknown): void => {
        if (!schema || typeof schema !== 'object') return;
        const { pattern } = schema as { pattern?: unknown };
        if (typeof pattern === 'string') patterns.push(pattern);
        Object.values(schema).forEach(collect);
      };
      actions.forEach(action => collect(action.schema.input));
      const ruleIdPatterns = patterns.filter(pattern =>
        new RegExp(pattern).test('DLQ-001'),
      );
      expect(ruleIdPatterns).toHaveLength(3);
      for (const pattern of ruleIdPatterns)
        expect(new RegExp(pattern).test('dlq-001')).toBe(true);
    });

    it("gives an entity's scorecard: grade, scores per category, open findings, its scans and what they did not judge, as the REST API", async () => {
      const output = await outputOf(
        backend.server,
        'get-infra-compliance-scorecard',
        { entityRef: 'component:default/orders' },
      );
      const rest = (
        await request(backend.server).get(
          `${BASE}/entities/component/default/orders/scorecard`,
        )
      ).body;
      const scan = {
        scanId: rest.lastSuccessfulScan.id,
        status: 'succeeded',
        trigger: 'schedule',
        requestedAt: rest.lastSuccessfulScan.createdAt,
        finishedAt: rest.lastSuccessfulScan.finishedAt,
        error: null,
      };
      expect(output).toEqual({
        entityRef: 'component:default/orders',
        title: 'Service orders',
        owner: 'group:default/team-a',
        scannable: true,
        unscannableReason: null,
        grade: 'F',
        score: 38,
        categories: [
          {
            id: 'dlq',
            title: 'Dead-letter queues',
            score: 0,
            notApplicable: false,
            passed: 0,
            failed: 1,
            open: 1,
          },
          {
            id: 'alarms',
            title: 'Alarms',
            score: 0,
            notApplicable: false,
            passed: 0,
            failed: 1,
            open: 1,
          },
          {
            id: 'encryption',
            title: 'Encryption',
            score: null,
            notApplicable: true,
            passed: 0,
            failed: 0,
            open: 0,
          },
          {
            id: 'iam',
            title: 'IAM scoping',
            score: 100,
            notApplicable: false,
            passed: 1,
            failed: 0,
            open: 0,
          },
          {
            id: 'logging',
            title: 'Logging',
            score: 0,
            notApplicable: false,
            passed: 0,
            failed: 2,
            open: 2,
          },
          {
            id: 'operations',
            title: 'Operations',
            score: 0,
            notApplicable: false,
            passed: 0,
            failed: 2,
            open: 3,
          },
          // The template parsed: counts in the score as every check does.
          {
            id: 'parsing',
            title: 'Parsing',
            score: 100,
            notApplicable: false,
            passed: 1,
            failed: 0,
            open: 0,
          },
        ],
        open: { critical: 0, high: 2, medium: 3, low: 2, total: 7 },
        waived: 0,
        suppressed: 0,
        resolved: 0,
        lastScan: scan,
        lastSuccessfulScan: scan,
        runningScan: null,
        coverage: { filesScanned: 1, filesSkipped: 0, programsNotModelled: 0 },
        configWarnings: [
          {
            file: '.infra-compliance.yaml',
            line: 2,
            message: expect.stringContaining(
              'rules.disable names ENC-002 more than once',
            ),
          },
        ],
        unusedSuppressions: { items: [], notListed: 0 },
      });
      expect(output.configWarnings).toEqual(
        rest.lastSuccessfulScan.configWarnings.map(
          (warning: { line?: number }) => ({ line: null, ...warning }),
        ),
      );
      expect(output.unusedSuppressions).toEqual({
        notListed: 0,
        ...rest.lastSuccessfulScan.unusedSuppressions,
      });
      expect(rest).toMatchObject({
        grade: output.grade,
        score: output.score,
        open: output.open,
      });
    });

    it('says why an entity cannot be scanned, and that it was never scanned', async () => {
      const output = await outputOf(
        backend.server,
        'get-infra-compliance-scorecard',
        // Kind and namespace left out: a Component of the default namespace.
        { entityRef: 'docs' },
      );
      expect(output).toEqual({
        entityRef: 'component:default/docs',
        title: 'Service docs',
        owner: 'group:default/team-b',
        scannable: false,
        unscannableReason: expect.stringContaining(
          'No backstage.io/source-location',
        ),
        grade: null,
        score: null,
        categories: [],
        open: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
        waived: 0,
        suppressed: 0,
        resolved: 0,
        lastScan: null,
        lastSuccessfulScan: null,
        runningScan: null,
        coverage: null,
        configWarnings: null,
        unusedSuppressions: null,
      });
    });

    it("lists an entity's open findings worst first, with each rule's remediation and fix for their format once, as the REST API pages them", async () => {
      const output = await outputOf(
        backend.server,
        'list-infra-compliance-findings',
        { entityRef: 'component:default/orders', rule: ['dlq-001'] },
      );
      const dlq001 = getRuleMetadata('DLQ-001')!;
      expect(output).toEqual({
        entityRef: 'component:default/orders',
        totalCount: 1,
        limit: 20,
        offset: 0,
        findings: [
          {
            ruleId: 'DLQ-001',
            title: dlq001.title,
            severity: 'high',
            category: 'dlq',
            status: 'open',
            format: 'cloudformation',
            file: 'template.yaml',
            line: 3,
            // A local (dir:) source: no link a browser could open.
            sourceUrl: null,
            resourceId: 'Worker',
            resourceType: 'AWS::Lambda::Function',
            property: null,
            message:
              'Function Worker has no trigger in the stack, so it may be invoked asynchronously but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
            confidence: 'high',
            waived: false,
            suppressed: false,
            suppressionReason: null,
            fingerprint: expect.stringMatching(/^[0-9a-f]{8,64}$/),
            firstSeenAt: expect.any(String),
            resolvedAt: null,
          },
        ],
        // The rule's fix, in the format of its finding.
        rules: [
          {
            ruleId: 'DLQ-001',
            remediation: dlq001.remediation.summary,
            snippets: {
              cloudformation: dlq001.remediation.snippets.cloudformation,
            },
          },
        ],
      });

      const all = await outputOf(
        backend.server,
        'list-infra-compliance-findings',
        { entityRef: 'component:default/orders' },
      );
      const rest = (
        await request(backend.server).get(
          `${BASE}/entities/component/default/orders/findings`,
        )
      ).body;
      expect(all.totalCount).toBe(7);
      expect(
        all.findings.map((f: any) => [f.ruleId, f.severity, f.line]),
      ).toEqual([
        ['ALM-001', 'high', 3],
        ['DLQ-001', 'high', 3],
        ['LOG-001', 'medium', 3],
        ['OPS-002', 'medium', 8],
        ['OPS-002', 'medium', 9],
        ['LOG-003', 'low', 3],
        ['OPS-003', 'low', 3],
      ]);
      expect(all.findings.map((f: any) => f.fingerprint)).toEqual(
        rest.items.map((f: any) => f.fingerprint),
      );
      // Each rule's fix once, however many of its findings the page holds (OPS-002: two).
      expect(all.rules.map((rule: any) => rule.ruleId)).toEqual([
        'ALM-001',
        'DLQ-001',
        'LOG-001',
        'OPS-002',
        'LOG-003',
        'OPS-003',
      ]);
      for (const rule of all.rules) {
        const metadata = getRuleMetadata(rule.ruleId)!;
        expect(rule).toEqual({
          ruleId: rule.ruleId,
          remediation: metadata.remediation.summary,
          snippets: {
            cloudformation: metadata.remediation.snippets.cloudformation,
          },
        });
      }

      const page = await outputOf(
        backend.server,
        'list-infra-compliance-findings',
        {
          entityRef: 'component:default/orders',
          severity: ['medium', 'low'],
          category: ['operations'],
          limit: 1,
          offset: 1,
        },
      );
      expect(page).toMatchObject({ totalCount: 3, limit: 1, offset: 1 });
      expect(
        page.findings.map((f: any) => [f.ruleId, f.line, f.property]),
      ).toEqual([['OPS-002', 9, 'Role']]);

      const resolved = await outputOf(
        backend.server,
        'list-infra-compliance-findings',
        { entityRef: 'component:default/orders', status: 'resolved' },
      );
      expect(resolved).toMatchObject({ totalCount: 0, findings: [] });
    });

    it('links each finding to its file and line in the repository the scan read', async () => {
      const output = await outputOf(
        backend.server,
        'list-infra-compliance-findings',
        { entityRef: 'component:default/billing', rule: ['OPS-002'] },
      );
      expect(
        output.findings.map((f: any) => [f.property, f.sourceUrl]),
      ).toEqual([
        ['Code.ImageUri', `${BILLING_SOURCE}/template.yaml#L8`],
        ['Role', `${BILLING_SOURCE}/template.yaml#L9`],
      ]);
    });

    it('lists the services as the overview does, worst first, filtered by owner, grade, failing rule and text', async () => {
      const services = async (input: object) => {
        const output = await outputOf(
          backend.server,
          'list-infra-compliance-services',
          input,
        );
        return output.services.map((service: any) => service.entityRef);
      };
      const all = await outputOf(
        backend.server,
        'list-infra-compliance-services',
        {},
      );
      expect(all).toEqual({
        totalCount: 4,
        limit: 20,
        offset: 0,
        services: [
          // The same score: by entity ref.
          expect.objectContaining({
            entityRef: 'component:default/billing',
            grade: 'F',
            score: 38,
          }),
          {
            entityRef: 'component:default/orders',
            title: 'Service orders',
            owner: 'group:default/team-a',
            system: 'system:default/shop',
            scannable: true,
            unscannableReason: null,
            grade: 'F',
            score: 38,
            open: { critical: 0, high: 2, medium: 3, low: 2, total: 7 },
            ruleOpen: null,
            lastScanStatus: 'succeeded',
            lastScanAt: expect.any(String),
          },
          expect.objectContaining({
            entityRef: 'component:default/payments',
            grade: 'E',
            score: 51,
            open: { critical: 0, high: 2, medium: 2, low: 4, total: 8 },
          }),
          expect.objectContaining({
            entityRef: 'component:default/docs',
            scannable: false,
            grade: null,
            score: null,
            lastScanStatus: null,
          }),
        ],
      });
      // The REST overview, needing attention first, lists them alike.
      const rest = (
        await request(backend.server)
          .get(`${BASE}/entities`)
          .query({ sort: 'attention' })
      ).body;
      expect(rest.items.map((item: any) => item.entityRef)).toEqual(
        all.services.map((service: any) => service.entityRef),
      );

      expect(await services({ sort: 'open' })).toEqual([
        'component:default/payments',
        'component:default/billing',
        'component:default/orders',
        'component:default/docs',
      ]);
      expect(await services({ owner: ['team-b'], sort: 'name' })).toEqual([
        'component:default/billing',
        'component:default/docs',
        'component:default/payments',
      ]);
      expect(await services({ grade: ['E'] })).toEqual([
        'component:default/payments',
      ]);
      expect(await services({ rule: ['DLQ-001'], sort: 'name' })).toEqual([
        'component:default/billing',
        'component:default/orders',
      ]);
      // With a rule filter, each service's open findings of those rules,
      // most first (payments, with the most open findings, has 1 of them).
      const byRules = await outputOf(
        backend.server,
        'list-infra-compliance-services',
        { rule: ['DLQ-001', 'ALM-001'], sort: 'open' },
      );
      expect(
        byRules.services.map((service: any) => [
          service.entityRef,
          service.ruleOpen,
          service.open.total,
        ]),
      ).toEqual([
        ['component:default/billing', 2, 7],
        ['component:default/orders', 2, 7],
        ['component:default/payments', 1, 8],
      ]);
      expect(await services({ q: 'shop' })).toEqual([
        'component:default/orders',
      ]);
      expect(await services({ limit: 1, offset: 2 })).toEqual([
        'component:default/payments',
      ]);
    });

    it('explains a rule in full, its snippet per format, and lists every rule in brief', async () => {
      const dlq001 = getRuleMetadata('DLQ-001')!;
      expect(
        await outputOf(backend.server, 'get-infra-compliance-rule', {
          ruleId: ' dlq-001 ',
        }),
      ).toEqual({
        rule: {
          id: 'DLQ-001',
          title: dlq001.title,
          category: 'dlq',
          severity: 'high',
          rationale: dlq001.rationale,
          remediation: dlq001.remediation.summary,
          snippets: dlq001.remediation.snippets,
          formats: [...dlq001.formats],
        },
      });
      expect(Object.keys(dlq001.remediation.snippets).sort()).toEqual([
        'cdk',
        'cloudformation',
        'pulumi',
        'terraform',
      ]);

      const all = await outputOf(
        backend.server,
        'get-infra-compliance-rule',
        {},
      );
      expect(all.rules).toEqual(
        RULE_CATALOG.map(({ id, title, category, severity }) => ({
          id,
          title,
          category,
          severity,
        })),
      );
      expect(all.categories.map((c: any) => c.id)).toEqual([
        'dlq',
        'alarms',
        'encryption',
        'iam',
        'logging',
        'operations',
        'parsing',
      ]);
      expect(all.rule).toBeUndefined();

      const unknown = await invoke(
        backend.server,
        'get-infra-compliance-rule',
        { ruleId: 'DLQ-999' },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No rule DLQ-999',
      });
    });

    it('queues a scan as POST …/scans does, audited with who asked through which action, and the scorecard follows it to its end', async () => {
      const started = await outputOf(
        backend.server,
        'scan-infra-compliance-entity',
        { entityRef: 'component:default/payments' },
      );
      expect(started).toEqual({
        entityRef: 'component:default/payments',
        scanId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        existing: false,
        status: 'queued',
      });
      expect(backend.auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'scan-create',
        severityLevel: 'low',
        meta: {
          entityRef: 'component:default/payments',
          action: 'scan-infra-compliance-entity',
          requestedBy: 'user:default/mock',
        },
      });
      const auditEvent = await (backend.auditor.createEvent as jest.Mock).mock
        .results[0].value;
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { scanId: started.scanId, existing: false },
      });

      let card: any;
      for (let i = 0; i < 200; i++) {
        card = await outputOf(
          backend.server,
          'get-infra-compliance-scorecard',
          { entityRef: 'component:default/payments' },
        );
        if (card.lastScan?.scanId === started.scanId) break;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      expect(card).toMatchObject({
        // Read by the scheduled scan already, the same files give the same results.
        lastScan: {
          scanId: started.scanId,
          status: 'unchanged',
          trigger: 'manual',
          error: null,
        },
        runningScan: null,
        grade: 'E',
        score: 51,
      });
      const scans = (
        await request(backend.server).get(
          `${BASE}/entities/component/default/payments/scans`,
        )
      ).body.items;
      expect(scans[0]).toMatchObject({
        id: started.scanId,
        trigger: 'manual',
        requestedBy: 'user:default/mock',
      });
    });

    it('answers invalid input with an InputError that says what is wrong', async () => {
      const error = async (name: string, input: object) => {
        const res = await invoke(backend.server, name, input);
        return { status: res.status, ...res.body.error };
      };
      expect(
        await error('get-infra-compliance-scorecard', {
          entityRef: 'component:default/',
        }),
      ).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid entityRef "component:default\/": .*; give kind:namespace\/name, e\.g\. component:default\/orders$/,
        ),
      });
      expect(
        await error('get-infra-compliance-scorecard', {
          entityRef: 'component:default/or ders',
        }),
      ).toMatchObject({
        status: 400,
        name: 'InputError',
        message: 'Invalid entity name "or ders"',
      });
      expect(
        await error('list-infra-compliance-findings', {
          entityRef: 'orders',
          limit: 500,
          rule: ['nope'],
        }),
      ).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid input to action "infra-compliance:list-infra-compliance-findings"; caused by .*must be a rule id like DLQ-001.*less than or equal to 100/s,
        ),
      });
      expect(
        await error('list-infra-compliance-services', { q: 'sh\0op' }),
      ).toMatchObject({
        status: 400,
        name: 'InputError',
        message: 'Invalid input: q: must not contain a NUL character',
      });
      expect(
        await error('list-infra-compliance-services', {
          owner: ['group:'],
        }),
      ).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(/^Invalid group reference "group:": /),
      });
      // A kind Infra Compliance does not scan: not found for a read, invalid for a scan, as the REST API answers.
      expect(
        await error('get-infra-compliance-scorecard', {
          entityRef: 'group:default/team-a',
        }),
      ).toMatchObject({
        status: 404,
        name: 'NotFoundError',
        message:
          'Infra Compliance does not scan entities of kind group (infraCompliance.kinds: Component)',
      });
      expect(
        await error('scan-infra-compliance-entity', {
          entityRef: 'group:default/team-a',
        }),
      ).toMatchObject({
        status: 400,
        name: 'InputError',
        message:
          'group:default/team-a: Infra Compliance does not scan entities of kind group (infraCompliance.kinds: Component)',
      });
      expect(
        await error('scan-infra-compliance-entity', { entityRef: 'docs' }),
      ).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(
          /^component:default\/docs cannot be scanned: No backstage\.io\/source-location/,
        ),
      });
    });

    it('answers an entity the catalog does not have as not found', async () => {
      const scorecard = await invoke(
        backend.server,
        'get-infra-compliance-scorecard',
        { entityRef: 'component:default/nope' },
      );
      expect(scorecard.status).toBe(404);
      expect(scorecard.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No catalog entity component:default/nope',
      });
      const findings = await invoke(
        backend.server,
        'list-infra-compliance-findings',
        { entityRef: 'component:default/nope' },
      );
      expect(findings.status).toBe(404);
      expect(findings.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'Infra Compliance has no record of component:default/nope',
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'infra-compliance actions under a permission policy, on %p',
  databaseId => {
    const root = tempDirEachTest();

    it("hides what the catalog's read permission hides from the caller: its scorecard and findings are not found, the services leave it out", async () => {
      const { server } = await startBackend(databaseId, root(), {
        hidden: ['component:default/payments'],
      });
      for (const name of [
        'get-infra-compliance-scorecard',
        'list-infra-compliance-findings',
      ]) {
        const res = await invoke(server, name, {
          entityRef: 'component:default/payments',
        });
        expect({ name, status: res.status, error: res.body.error }).toEqual({
          name,
          status: 404,
          error: expect.objectContaining({
            name: 'NotFoundError',
            message:
              'Infra Compliance has no record of component:default/payments',
          }),
        });
      }
      const services = await outputOf(
        server,
        'list-infra-compliance-services',
        { sort: 'name' },
      );
      expect(services.services.map((s: any) => s.entityRef)).toEqual([
        'component:default/billing',
        'component:default/docs',
        'component:default/orders',
      ]);
      expect(services.totalCount).toBe(3);
      // What the caller may see, it sees.
      expect(
        (
          await outputOf(server, 'get-infra-compliance-scorecard', {
            entityRef: 'component:default/orders',
          })
        ).grade,
      ).toBe('F');
    });

    it('lists what a user may read once for the REST API and the actions alike, within visibilityCacheTtl', async () => {
      const { server, catalog } = await startBackend(databaseId, root(), {
        hidden: ['component:default/payments'],
      });
      const page = await request(server)
        .get(`${BASE}/entities`)
        .set('Authorization', mockCredentials.user.header());
      expect(page.body.totalCount).toBe(3);
      expect(
        (await outputOf(server, 'list-infra-compliance-services', {}))
          .totalCount,
      ).toBe(3);
      expect(userListings(catalog!)).toBe(1);
    });

    it('refuses a scan the policy denies (NotAllowedError, before anything is audited), and shows nothing it denies reading', async () => {
      const { server, auditor } = await startBackend(databaseId, root(), {
        deny: true,
      });
      for (const authorization of [
        mockCredentials.user.header(),
        mockCredentials.service.header(),
      ]) {
        const scan = await invoke(
          server,
          'scan-infra-compliance-entity',
          { entityRef: 'component:default/orders' },
          authorization,
        );
        expect(scan.status).toBe(403);
        expect(scan.body.error).toMatchObject({
          name: 'NotAllowedError',
          message:
            'Not allowed: infra-compliance.scan.create on component:default/orders',
        });
      }
      // Refused before anything is done: no audit event.
      expect(auditor.createEvent).not.toHaveBeenCalled();
      const scorecard = await invoke(server, 'get-infra-compliance-scorecard', {
        entityRef: 'component:default/orders',
      });
      expect(scorecard.status).toBe(404);
      expect(
        await outputOf(server, 'list-infra-compliance-services', {}),
      ).toEqual({ totalCount: 0, limit: 20, offset: 0, services: [] });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'infra-compliance actions under its configuration, on %p',
  databaseId => {
    const root = tempDirEachTest();

    it('pages within a maxPageSize lower than its default page, as the REST API does, rather than refuse every call that gives no limit', async () => {
      const { server } = await startBackend(databaseId, root(), {
        infraCompliance: { maxPageSize: 5 },
      });
      const findings = await outputOf(
        server,
        'list-infra-compliance-findings',
        { entityRef: 'orders' },
      );
      expect(findings).toMatchObject({ totalCount: 7, limit: 5 });
      expect(findings.findings).toHaveLength(5);
      expect(
        await outputOf(server, 'list-infra-compliance-services', {}),
      ).toMatchObject({ totalCount: 4, limit: 5 });
      const actions = (await request(server).get(ACTIONS)).body.actions;
      expect(
        actions.find(
          (action: any) => action.name === 'list-infra-compliance-findings',
        ).schema.input.properties.limit,
      ).toMatchObject({
        default: 5,
        maximum: 5,
        description: 'Findings to return, at most 5 (default 5)',
      });
    });

    it('gives the in-code suppressions the last successful scan found unused, the first 100 and how many more, as the REST scorecard', async () => {
      const { server } = await startBackend(databaseId, root());
      // Its execution role is its own (IAM-001 passes): each suppression of
      // IAM-001 on it suppresses nothing.
      const suppressions = Array.from({ length: 101 }, (_, i) => [
        '          - id: IAM-001',
        `            reason: scoped ${i}`,
      ]).flat();
      await writeTemplate(
        path.join(root(), 'orders'),
        IMAGE_FUNCTION +
          [
            '    Metadata:',
            '      infra-compliance:',
            '        suppress:',
            ...suppressions,
            '',
          ].join('\n'),
      );
      const { scanId } = await outputOf(
        server,
        'scan-infra-compliance-entity',
        { entityRef: 'orders' },
      );
      expect(
        await waitForScan(server, `${BASE}/scans/${scanId}`),
      ).toMatchObject({ status: 'succeeded' });

      const output = await outputOf(server, 'get-infra-compliance-scorecard', {
        entityRef: 'orders',
      });
      expect(output.lastSuccessfulScan.scanId).toBe(scanId);
      expect(output.unusedSuppressions).toEqual({
        items: Array.from({ length: 100 }, (_, i) => ({
          file: 'template.yaml',
          line: 13 + 2 * i,
          resourceId: 'Worker',
          ruleId: 'IAM-001',
        })),
        notListed: 1,
      });
      const rest = (
        await request(server).get(
          `${BASE}/entities/component/default/orders/scorecard`,
        )
      ).body;
      expect(output.unusedSuppressions).toEqual(
        rest.lastSuccessfulScan.unusedSuppressions,
      );
    });

    it('links the findings to the repository the scan read, though a scan from a moved repository commits as they are read', async () => {
      const { server, knex } = await startBackend(databaseId, root());
      const input = { entityRef: 'billing', rule: ['OPS-002'] };
      const before = await outputOf(
        server,
        'list-infra-compliance-findings',
        input,
      );
      expect(before.findings.map((f: any) => f.sourceUrl)).toEqual([
        `${BILLING_SOURCE}/template.yaml#L8`,
        `${BILLING_SOURCE}/template.yaml#L9`,
      ]);

      // A scan of the repository billing moved to, which finds nothing,
      // commits once the findings are read, as the location they were read
      // from is: they were linked to files at the new location.
      const store = new ComplianceStore(knex);
      const entityRef = 'component:default/billing';
      const scanId = '00000000-0000-4000-8000-000000000001';
      const during = await readWithCommitDuring({
        method: 'getResultsSource',
        commit: () =>
          scanOf(store, entityRef, {
            scanId,
            at: Date.now(),
            trigger: 'manual',
            source: {
              type: 'url',
              target: 'https://github.com/acme/billing/tree/main',
            },
            engineSignature: 'another engine',
          }),
        read: () => outputOf(server, 'list-infra-compliance-findings', input),
      });
      expect(during).toEqual(before);
      const after = await outputOf(
        server,
        'list-infra-compliance-findings',
        input,
      );
      expect(after.findings).toEqual([]);
    });

    it('lists a finding of a rule this version no longer has by its id, with no fix', async () => {
      const { server, knex } = await startBackend(databaseId, root());
      // As an older engine, which had the rule, recorded it.
      await knex('findings')
        .where({ entity_ref: 'component:default/orders', rule_id: 'DLQ-001' })
        .update({ rule_id: 'OLD-001' });
      const output = await outputOf(server, 'list-infra-compliance-findings', {
        entityRef: 'orders',
        rule: ['OLD-001'],
      });
      expect(output.findings).toEqual([
        expect.objectContaining({ ruleId: 'OLD-001', title: 'OLD-001' }),
      ]);
      expect(output.rules).toEqual([]);
    });
  },
);
