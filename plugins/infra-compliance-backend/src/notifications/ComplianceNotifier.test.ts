import { promises as fs } from 'node:fs';
import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { scanPath } from '@infra-compliance/backstage-plugin-infra-compliance-node';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  componentEntity,
  makeRepo,
  tempDirEachTest,
  writeFiles,
  writeTemplate,
} from '../__testUtils__/fixtures';
import { grantWaiver } from '../__testUtils__/scans';
import { DEFAULT_CONFIG, InfraComplianceConfig } from '../config';
import { DAY_MS } from '../database/ComplianceStore';
import { EntityScanner, EntityScannerOptions } from '../scanning/EntityScanner';
import { scheduleWaiverExpiry } from '../service/waiverExpiry';
import { ComplianceNotifier } from './ComplianceNotifier';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const ENTITY_REF = 'component:default/orders';

/** An encrypted, tagged queue whose URL the stack exports: no finding, grade A. */
const STACK = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
      KmsMasterKeyId: alias/aws/sqs
      Tags:
        - Key: team
          Value: orders
`;
/** The outputs that export the URL of each queue. */
const outputs = (...queues: string[]) =>
  `Outputs:\n${queues
    .map(queue => `  ${queue}Url:\n    Value: !Ref ${queue}\n`)
    .join('')}`;
const OUTPUTS = outputs('Jobs');
const QUEUE_ONLY = STACK + OUTPUTS;

/** A function (line 12): ALM-001 and DLQ-001 (high), LOG-001 (medium), LOG-003 and OPS-003 (low); grade C. */
const SENDER = `  Sender:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: exports.handler = async () => {};
`;
const WITH_SENDER = STACK + SENDER + OUTPUTS;

/** The function given the queue's URL with no right on it: IAM-004 (critical, line 20) too; grade E. */
const WITH_WIRED_SENDER = `${STACK}${SENDER}      Environment:
        Variables:
          JOBS_QUEUE_URL: !Ref Jobs
${OUTPUTS}`;

/** The function with ALM-001 suppressed in the code. */
const WITH_SENDER_ALARM_SUPPRESSED = `${STACK}  Sender:
    Type: AWS::Serverless::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: ALM-001
            reason: The caller alarms on its errors
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: exports.handler = async () => {};
${OUTPUTS}`;

/** Two queues not encrypted (lines 12 and 19): ENC-003 (medium) twice; grade C. */
const WITH_UNENCRYPTED_QUEUES = `${STACK}${['Audit', 'Archive']
  .map(
    name => `  ${name}:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
      Tags:
        - Key: team
          Value: orders
`,
  )
  .join('')}${outputs('Jobs', 'Audit', 'Archive')}`;

/** The stack without its outputs: OPS-006 (low, line 4); grade B. */
const WITHOUT_OUTPUTS = STACK;

const ALM = 'ALM-001 Function has no alarm on its Errors metric';
const DLQ = 'DLQ-001 Asynchronously invoked function has no dead-letter target';

/** A notification to the owners of the orders service, as sent. */
function aboutOrders(payload: {
  title: string;
  description: string;
  severity: NotificationSendOptions['payload']['severity'];
}): NotificationSendOptions {
  return {
    recipients: { type: 'entity', entityRef: ENTITY_REF },
    payload: {
      ...payload,
      link: '/catalog/default/component/orders/compliance',
      topic: 'infra-compliance',
      scope: 'infra-compliance:component:default/orders',
    },
  };
}

async function setup(
  databaseId: TestDatabaseId,
  options: {
    config?: Partial<InfraComplianceConfig['notifications']>;
    send?: NotificationService['send'];
    sendTimeoutMs?: number;
  } = {},
) {
  const { knex, store } = await databases.initStore(databaseId);
  const logger = mockServices.logger.mock();
  const sent: NotificationSendOptions[] = [];
  const notifications: NotificationService = {
    send:
      options.send ??
      (async notification => {
        sent.push(notification);
      }),
  };
  const notifier = new ComplianceNotifier({
    notifications,
    store,
    logger,
    config: {
      ...DEFAULT_CONFIG.notifications,
      enabled: true,
      ...options.config,
    },
    sendTimeoutMs: options.sendTimeoutMs,
  });
  let clock = Date.parse('2026-11-01T10:00:00Z');
  /** A scanner running engine `engineSignature`, the real engine's results filtered by `scan`. */
  const scannerOf = (
    engineSignature: string,
    scan?: EntityScannerOptions['scan'],
  ) =>
    new EntityScanner({
      store,
      urlReader: mockServices.urlReader.mock(),
      logger,
      lockTimeoutMs: 30 * 60 * 1000,
      engineSignature,
      now: () => clock,
      notifier,
      scan,
    });
  const scanner = scannerOf('engine-1');
  return {
    scannerOf,
    knex,
    store,
    logger,
    sent,
    notifier,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
    scanner,
  };
}

describe.each(databases.eachSupportedId())(
  'ComplianceNotifier on %p',
  databaseId => {
    const root = tempDirEachTest();

    /**
     * The orders service in a folder of its own, with `template`; `scan`
     * writes the next template, if any, and scans it.
     */
    async function ordersRepo(scanner: EntityScanner, template: string) {
      const dir = await makeRepo(root(), 'orders', template);
      const entity = componentEntity('orders', { dir });
      return {
        scan: async (next?: string) => {
          if (next !== undefined) await writeTemplate(dir, next);
          return (await scanner.run(entity, { trigger: 'schedule' })).status;
        },
        dir,
      };
    }

    it("tells the owners of the high findings a scan opened, not of the entity's first scan's, and again when they come back", async () => {
      const t = await setup(databaseId);
      const { sent, advance } = t;
      const orders = await ordersRepo(t.scanner, WITH_SENDER);

      // Installing the plugin: the first scan finds what was there.
      expect(await orders.scan()).toBe('succeeded');
      expect(sent).toEqual([]);

      advance(DAY_MS);
      expect(await orders.scan(QUEUE_ONLY)).toBe('succeeded');
      expect(sent).toEqual([]); // resolved, and the grade went up

      advance(DAY_MS);
      expect(await orders.scan(WITH_SENDER)).toBe('succeeded');
      const reopened = aboutOrders({
        title: 'Service orders: 2 new high findings in its infrastructure code',
        description: `${ALM} (template.yaml:12); ${DLQ} (template.yaml:12). Its grade dropped from A to C.`,
        severity: 'high',
      });
      expect(sent).toEqual([reopened]);

      // New ones: the function is given the queue's URL.
      advance(DAY_MS);
      expect(await orders.scan(WITH_WIRED_SENDER)).toBe('succeeded');
      expect(sent).toEqual([
        reopened,
        aboutOrders({
          title:
            'Service orders: 1 new critical finding in its infrastructure code',
          description:
            "IAM-004 Function's role cannot use a resource it is wired to (template.yaml:20). Its grade dropped from C to E.",
          severity: 'critical',
        }),
      ]);
    });

    it("carries no markup from the entity's title or the scanned code's file names, and keeps the title within the 255 characters the notifications backend stores", async () => {
      const t = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', QUEUE_ONLY);
      const title = `<a href="https:evil.example">Fix now</a>\n${'Orders service '.repeat(
        20,
      )}`;
      const entity = componentEntity('orders', { dir });
      entity.metadata.title = title;
      const scan = () => t.scanner.run(entity, { trigger: 'schedule' });
      expect((await scan()).status).toBe('succeeded');
      t.advance(DAY_MS);
      // A file deep in a folder the email processor would read as an image tag.
      const folder = `${'a'.repeat(150)}/<img src=x onerror=alert(1)>`;
      await writeFiles(dir, { [`${folder}/template.yaml`]: WITH_SENDER });
      expect((await scan()).status).toBe('succeeded');

      const file = `\u2026${'a'.repeat(
        76,
      )}/\u2039img src=x onerror=alert(1)\u203a/template.yaml`;
      expect(t.sent).toEqual([
        aboutOrders({
          title: `${`\u2039a href="https:evil.example"\u203aFix now\u2039/a\u203a ${'Orders service '.repeat(
            20,
          )}`.slice(
            0,
            206,
          )}\u2026: 2 new high findings in its infrastructure code`,
          description: `${ALM} (${file}:12); ${DLQ} (${file}:12). Its grade dropped from A to C.`,
          severity: 'high',
        }),
      ]);
      expect(t.sent[0].payload.title).toHaveLength(255);
    });

    /**
     * The scanner of the engine before an upgrade that added `ruleIds`: the
     * real engine, without those rules' findings and checks.
     */
    const withoutRules =
      (...ruleIds: string[]): EntityScannerOptions['scan'] =>
      async (scanRoot, options) => {
        const result = await scanPath(scanRoot, options);
        return {
          ...result,
          findings: result.findings.filter(
            finding => !ruleIds.includes(finding.ruleId),
          ),
          checks: result.checks.filter(
            check => !ruleIds.includes(check.ruleId),
          ),
        };
      };

    it('does not tell, after an upgrade that added rules, of the findings of those rules nor of the grade they lowered; the next finding is told', async () => {
      const t = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', WITH_SENDER);
      const entity = componentEntity('orders', { dir });
      const before = t.scannerOf(
        'engine-1',
        withoutRules('ALM-001', 'DLQ-001'),
      );
      expect((await before.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      t.advance(DAY_MS);
      const upgraded = t.scannerOf('engine-2');
      expect((await upgraded.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      const deadLetter = await t.store.listFindings(
        ENTITY_REF,
        { ruleIds: ['DLQ-001'], limit: 10, offset: 0 },
        t.now(),
      );
      expect(deadLetter.items).toMatchObject([
        { ruleId: 'DLQ-001', status: 'open' },
      ]);
      const grades = await t
        .knex('score_snapshots')
        .orderBy('taken_at')
        .pluck('grade');
      expect(grades[0]).not.toBe(grades[1]);
      expect(t.sent).toEqual([]);

      t.advance(DAY_MS);
      await writeTemplate(dir, WITH_WIRED_SENDER);
      expect((await upgraded.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      expect(t.sent).toEqual([
        aboutOrders({
          title:
            'Service orders: 1 new critical finding in its infrastructure code',
          description:
            "IAM-004 Function's role cannot use a resource it is wired to (template.yaml:20). Its grade dropped from C to E.",
          severity: 'critical',
        }),
      ]);
    });

    it('tells, in the scan after an upgrade, of the findings of rules the last scan checked', async () => {
      const t = await setup(databaseId, { config: { minSeverity: 'medium' } });
      const dir = await makeRepo(root(), 'orders', WITH_SENDER);
      const entity = componentEntity('orders', { dir });
      const before = t.scannerOf('engine-1', withoutRules('DLQ-001'));
      expect((await before.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      t.advance(DAY_MS);
      // Two queues not encrypted, which ENC-003 checked on the first: told; DLQ-001's finding, not.
      await writeTemplate(
        dir,
        STACK + SENDER + WITH_UNENCRYPTED_QUEUES.slice(STACK.length),
      );
      expect(
        (await t.scannerOf('engine-2').run(entity, { trigger: 'schedule' }))
          .status,
      ).toBe('succeeded');
      expect(t.sent).toEqual([
        aboutOrders({
          title:
            'Service orders: 2 new medium findings in its infrastructure code',
          description:
            'ENC-003 Queue is not encrypted at rest (template.yaml:18); ENC-003 Queue is not encrypted at rest (template.yaml:25). Its grade dropped from C to D.',
          severity: 'normal',
        }),
      ]);
    });

    it('names the first three findings, worst first, and counts the others, at minSeverity low', async () => {
      const t = await setup(databaseId, { config: { minSeverity: 'low' } });
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();
      expect(await orders.scan(WITH_WIRED_SENDER)).toBe('succeeded');
      expect(t.sent).toEqual([
        aboutOrders({
          title:
            'Service orders: 1 new critical, 2 new high, 1 new medium and 2 new low findings in its infrastructure code',
          description: `IAM-004 Function's role cannot use a resource it is wired to (template.yaml:20); ${ALM} (template.yaml:12); ${DLQ} (template.yaml:12); and 3 more. Its grade dropped from A to E.`,
          severity: 'critical',
        }),
      ]);
    });

    it("gives a notification the severity of its worst finding: medium's is normal, low's low", async () => {
      const t = await setup(databaseId, { config: { minSeverity: 'low' } });
      const { sent, advance } = t;
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();

      advance(DAY_MS);
      expect(await orders.scan(WITHOUT_OUTPUTS)).toBe('succeeded');
      advance(DAY_MS);
      expect(await orders.scan(QUEUE_ONLY)).toBe('succeeded');
      advance(DAY_MS);
      expect(await orders.scan(WITH_UNENCRYPTED_QUEUES)).toBe('succeeded');
      expect(sent).toEqual([
        aboutOrders({
          title: 'Service orders: 1 new low finding in its infrastructure code',
          description:
            'OPS-006 Stack exports no identifiers of its APIs, tables, queues or topics (template.yaml:4). Its grade dropped from A to B.',
          severity: 'low',
        }),
        aboutOrders({
          title:
            'Service orders: 2 new medium findings in its infrastructure code',
          description:
            'ENC-003 Queue is not encrypted at rest (template.yaml:12); ENC-003 Queue is not encrypted at rest (template.yaml:19). Its grade dropped from A to C.',
          severity: 'normal',
        }),
      ]);
    });

    it('tells of a grade that dropped with findings below minSeverity only, not of one that rose', async () => {
      const t = await setup(databaseId);
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();
      t.advance(DAY_MS);
      expect(await orders.scan(WITH_UNENCRYPTED_QUEUES)).toBe('succeeded');
      const dropped = aboutOrders({
        title: 'Service orders: grade dropped from A to C',
        description:
          'Its last scan scored its infrastructure code lower, with no new finding of high severity or worse.',
        severity: 'normal',
      });
      expect(t.sent).toEqual([dropped]);
      t.advance(DAY_MS);
      expect(await orders.scan(QUEUE_ONLY)).toBe('succeeded');
      expect(t.sent).toEqual([dropped]);
    });

    it('does not tell of a grade that dropped with onGradeDrop off', async () => {
      const t = await setup(databaseId, { config: { onGradeDrop: false } });
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();
      t.advance(DAY_MS);
      expect(await orders.scan(WITH_UNENCRYPTED_QUEUES)).toBe('succeeded');
      expect(t.sent).toEqual([]);
    });

    it('does not tell of an opened finding that is waived or suppressed', async () => {
      const t = await setup(databaseId, { config: { onGradeDrop: false } });
      const { store, knex, sent, advance, now } = t;
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();
      await grantWaiver(store, {
        entityRef: ENTITY_REF,
        ruleId: 'DLQ-001',
        now: now(),
      });
      advance(DAY_MS);
      expect(await orders.scan(WITH_SENDER_ALARM_SUPPRESSED)).toBe('succeeded');
      // Both were opened: one suppressed in the code, the other waived.
      const opened = await knex('findings')
        .where({ entity_ref: ENTITY_REF, status: 'open' })
        .whereIn('rule_id', ['ALM-001', 'DLQ-001'])
        .orderBy('rule_id')
        .select('rule_id', 'suppressed');
      expect(
        opened.map(row => [row.rule_id, Boolean(Number(row.suppressed))]),
      ).toEqual([
        ['ALM-001', true],
        ['DLQ-001', false],
      ]);
      expect(sent).toEqual([]);
    });

    it('tells nothing of an unchanged scan nor of a failed one', async () => {
      const t = await setup(databaseId);
      const { sent, advance } = t;
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();
      advance(DAY_MS);
      expect(await orders.scan(WITH_SENDER)).toBe('succeeded');
      expect(sent).toHaveLength(1);

      // The findings are carried over: nothing new.
      advance(DAY_MS);
      expect(await orders.scan()).toBe('unchanged');
      await fs.rm(orders.dir, { recursive: true, force: true });
      advance(DAY_MS);
      expect(await orders.scan()).toBe('failed');
      expect(sent).toHaveLength(1);
    });

    it('logs a notification it cannot send with the entity, and keeps the scan and its results', async () => {
      const t = await setup(databaseId, {
        send: async () => {
          throw new Error('Failed to send notifications: connection refused');
        },
      });
      const { store, logger, now } = t;
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();
      t.advance(DAY_MS);
      expect(await orders.scan(WITH_SENDER)).toBe('succeeded');
      expect(logger.warn).toHaveBeenCalledWith(
        `Infra Compliance: could not notify the owners of ${ENTITY_REF}: Failed to send notifications: connection refused`,
      );
      const entity = await store.getEntitySummary(ENTITY_REF);
      expect(entity).toBeDefined();
      const scorecard = await store.getEntityScorecard(ENTITY_REF, now());
      expect(scorecard).toMatchObject({
        grade: 'C',
        open: { high: 2, medium: 1, low: 2 },
      });
      expect(scorecard!.lastSuccessfulScan).toMatchObject({
        status: 'succeeded',
        counts: { new: 5 },
      });
    });

    it('gives up on a notifications backend that does not answer, and the scan ends', async () => {
      const t = await setup(databaseId, {
        send: () => new Promise<void>(() => {}),
        sendTimeoutMs: 50,
      });
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();
      t.advance(DAY_MS);
      expect(await orders.scan(WITH_SENDER)).toBe('succeeded');
      expect(t.logger.warn).toHaveBeenCalledWith(
        `Infra Compliance: could not notify the owners of ${ENTITY_REF}: ServiceUnavailableError: The notifications backend did not answer within 50 ms`,
      );
    });

    it('tells of a grade that dropped when a waiver expired, once', async () => {
      const t = await setup(databaseId);
      const { store, sent, logger, notifier, advance, now } = t;
      const orders = await ordersRepo(t.scanner, QUEUE_ONLY);
      await orders.scan();
      await grantWaiver(store, {
        entityRef: ENTITY_REF,
        ruleId: 'ENC-003',
        now: now(),
        expiresAt: now() + 2 * DAY_MS,
      });
      advance(DAY_MS);
      // Waived: the grade holds.
      expect(await orders.scan(WITH_UNENCRYPTED_QUEUES)).toBe('succeeded');
      expect(sent).toEqual([]);

      const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
      const scheduler = {
        scheduleTask: async (
          task: SchedulerServiceTaskInvocationDefinition,
        ) => {
          tasks.push(task);
        },
      } as unknown as SchedulerService;
      await scheduleWaiverExpiry({ scheduler, store, logger, notifier, now });
      advance(2 * DAY_MS);
      await tasks[0].fn(new AbortController().signal);
      const dropped = aboutOrders({
        title: 'Service orders: grade dropped from A to C',
        description: 'A waiver of its findings expired.',
        severity: 'normal',
      });
      expect(sent).toEqual([dropped]);
      await tasks[0].fn(new AbortController().signal);
      expect(sent).toEqual([dropped]);
    });
  },
);
