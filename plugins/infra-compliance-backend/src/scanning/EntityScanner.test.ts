import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createTestDatabases } from '../__testUtils__/databases';
import { NotModifiedError } from '@backstage/errors';
import {
  ALL_RULES,
  CODE_OF_NO_APP,
  scanPath,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';
import { sourceLocationFileUrl } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Knex } from 'knex';
import { ComplianceStore, DAY_MS } from '../database/ComplianceStore';
import {
  TEMPLATE_NO_DLQ,
  TEMPLATE_WITH_DLQ,
  componentEntity,
  makeRepo,
  readAsEdited,
  tempDirEachTest,
  treeResponse,
  writeFiles,
  writeTemplate,
} from '../__testUtils__/fixtures';
import { grantWaiver, scanWrite, waiverId } from '../__testUtils__/scans';
import {
  EntityScanner,
  EntityScannerOptions,
  ScanOutcome,
  isIacRelevantPath,
  mayChangeScanResults,
  unjudgedFiles,
} from './EntityScanner';
import { readEngineSignature } from './engineSignature';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const ENTITY_REF = 'component:default/orders';
/** Where the tests' entity read from a URL is. */
const ORDERS_URL = 'https://git.example.com/org/orders/tree/main/';
const OWNER_REF = 'group:default/team-a'; // componentEntity's default owner

async function setup(databaseId: TestDatabaseId) {
  const { knex, store } = await databases.initStore(databaseId);
  const urlReader = mockServices.urlReader.mock();
  let clock = Date.parse('2026-11-01T10:00:00Z');
  const logger = mockServices.logger.mock();
  /** The files the engine read, per scan it ran. */
  const filesRead: string[][] = [];
  /**
   * A scanner of the store, on the clock, with the engine of that
   * signature, run by `scan` (by default the engine itself, the files it
   * read recorded).
   */
  const scannerOf = (
    engineSignature: string,
    scan: EntityScannerOptions['scan'] = async (scanRoot, options) => {
      const result = await scanPath(scanRoot, options);
      filesRead.push(result.files.map(file => file.path));
      return result;
    },
  ) =>
    new EntityScanner({
      store,
      urlReader,
      logger,
      lockTimeoutMs: 30 * 60 * 1000,
      engineSignature,
      now: () => clock,
      scan,
    });
  const scanner = scannerOf('engine-1');
  const advance = (ms: number) => {
    clock += ms;
  };
  return {
    knex,
    store,
    urlReader,
    logger,
    scanner,
    scannerOf,
    filesRead,
    advance,
    now: () => clock,
  };
}

/**
 * A GitHub Enterprise host on 127.0.0.1 serving one repository, acme/orders,
 * as the GitHub API does for Backstage's GitHub reader: the commit of
 * `main`, and the tarball of that commit (made with `tar`, as GitHub's
 * holds one folder named after the repository and the commit). `push`
 * makes `files` the next commit of `main`.
 */
async function serveGithubRepository(root: string) {
  let commit = '';
  let tarball = Buffer.alloc(0);
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (
      req.url === '/api/v3/repos/acme/orders/commits/main/status?per_page=0'
    ) {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          sha: commit,
          repository: {
            archive_url: `${base}/api/v3/repos/acme/orders/{archive_format}{/ref}`,
          },
        }),
      );
    } else if (req.url === `/api/v3/repos/acme/orders/tarball/${commit}`) {
      res.end(tarball);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (folder: string) => `http://${host}/acme/orders/tree/main/${folder}`,
    reader: UrlReaders.default({
      logger: mockServices.logger.mock(),
      config: new ConfigReader({
        integrations: {
          github: [{ host, apiBaseUrl: `http://${host}/api/v3` }],
        },
      }),
    }),
    push: async (sha: string, files: Record<string, string>) => {
      const folder = path.join(root, `tarball-${sha}`);
      await writeFiles(path.join(folder, `acme-orders-${sha}`), files);
      await promisify(execFile)('tar', [
        '-czf',
        `${folder}.tgz`,
        '-C',
        folder,
        `acme-orders-${sha}`,
      ]);
      tarball = await fs.readFile(`${folder}.tgz`);
      commit = sha;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/**
 * That the scan `scanId`, its stored `column` (served as `field`) edited
 * to each of `edits`, none the JSON of it, is served without it: by
 * getScan, as the scorecard's last successful scan, and as its last scan,
 * which carries none of those fields.
 */
async function expectServedWithout(
  { knex, store, now }: Awaited<ReturnType<typeof setup>>,
  scanId: string,
  field: 'coverage' | 'unusedSuppressions' | 'configWarnings',
  column: string,
  edits: string[],
) {
  const scan = (await store.getScan(scanId))!;
  const { [field]: _, ...without } = scan;
  const {
    coverage: __,
    unusedSuppressions: ___,
    configWarnings: ____,
    ...withNone
  } = scan;
  for (const edited of edits) {
    await knex('scans')
      .where('id', scanId)
      .update({ [column]: edited });
    expect(await store.getScan(scanId)).toEqual(without);
    const scorecard = await store.getEntityScorecard(ENTITY_REF, now());
    expect(scorecard!.lastScan).toEqual(withNone);
    expect(scorecard!.lastSuccessfulScan).toEqual(without);
  }
}

async function findingRows(knex: Knex, entityRef = ENTITY_REF) {
  const rows = await knex('findings')
    .where('entity_ref', entityRef)
    .orderBy('fingerprint');
  return rows.map(row => ({
    ...row,
    id: String(row.id),
    suppressed: Boolean(Number(row.suppressed)),
  }));
}

async function findingByRule(knex: Knex, ruleId: string) {
  const row = await knex('findings')
    .where({ entity_ref: ENTITY_REF, rule_id: ruleId })
    .first();
  return row;
}

describe.each(databases.eachSupportedId())(
  'EntityScanner on %p',
  databaseId => {
    const root = tempDirEachTest();

    it('resolves a finding fixed in the repository and reopens it when it comes back', async () => {
      const { knex, store, scanner, advance } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });

      const first = await scanner.run(entity, { trigger: 'schedule' });
      expect(first.status).toBe('succeeded');
      const opened = await findingByRule(knex, 'DLQ-001');
      expect(opened).toMatchObject({
        status: 'open',
        resource_id: 'Worker',
        reopened_count: 0,
      });
      expect(opened.resolved_at).toBeNull();
      const firstSeen = Number(opened.first_seen_at);

      // Fixed in the repository.
      await writeTemplate(dir, TEMPLATE_WITH_DLQ);
      advance(DAY_MS);
      const second = await scanner.run(entity, { trigger: 'schedule' });
      expect(second.status).toBe('succeeded');
      const resolved = await findingByRule(knex, 'DLQ-001');
      expect(resolved.status).toBe('resolved');
      expect(Number(resolved.resolved_at)).toBe(firstSeen + DAY_MS);
      expect(resolved.resolved_scan_id).toBe(second.scanId);
      expect(Number(resolved.first_seen_at)).toBe(firstSeen);
      // The roll-up's aggregates: resolutions and time to remediate, open counts per rule.
      const resolvedCount = (await store.getScan(second.scanId!))!.counts!
        .resolved;
      const aggregates = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      expect(Number(aggregates.remediated_count)).toBe(resolvedCount);
      expect(Number(aggregates.remediation_ms_sum)).toBe(
        resolvedCount * DAY_MS,
      );
      const rollup = await store.rollup({
        owners: [OWNER_REF],
        since: 0,
      });
      expect(rollup).toMatchObject({
        entityCount: 1,
        scannedCount: 1,
        resolvedTotal: resolvedCount,
        meanTimeToRemediateMs: DAY_MS,
        meanTimeToRemediateDays: 1,
      });
      expect(rollup.openByCategory.dlq).toBeUndefined();
      expect(rollup.timeline).toEqual([
        {
          day: '2026-11-01',
          opened: (await store.getScan(first.scanId!))!.counts!.new,
          resolved: 0,
        },
        {
          day: '2026-11-02',
          opened: expect.any(Number),
          resolved: resolvedCount,
        },
      ]);

      // Broken again.
      await writeTemplate(dir, TEMPLATE_NO_DLQ);
      advance(DAY_MS);
      const third = await scanner.run(entity, { trigger: 'schedule' });
      expect(third.status).toBe('succeeded');
      const reopened = await findingByRule(knex, 'DLQ-001');
      expect(reopened).toMatchObject({ status: 'open', reopened_count: 1 });
      expect(reopened.resolved_at).toBeNull();
      expect(Number(reopened.reopened_at)).toBe(firstSeen + 2 * DAY_MS);
      expect(Number(reopened.first_seen_at)).toBe(firstSeen);
      expect(String(reopened.id)).toBe(String(opened.id));

      const scan = await store.getScan(third.scanId!);
      expect(scan).toMatchObject({
        status: 'succeeded',
        counts: { reopened: 1 },
      });
      expect(scan!.counts!.resolved).toBeGreaterThan(0); // the queue's findings went away

      const history = await store.getHistory(ENTITY_REF, {
        since: 0,
        limit: 10,
      });
      expect(history.snapshots).toHaveLength(3);
      // Each day says what its scan changed: the reopened finding counts on day 3.
      const counts = async (scanId: string) => {
        const scanCounts = (await store.getScan(scanId))!.counts!;
        return {
          opened: scanCounts.new + scanCounts.reopened,
          resolved: scanCounts.resolved,
        };
      };
      expect(history.timeline).toEqual([
        { day: '2026-11-01', ...(await counts(first.scanId!)) },
        { day: '2026-11-02', ...(await counts(second.scanId!)) },
        { day: '2026-11-03', ...(await counts(third.scanId!)) },
      ]);
      expect(history.timeline[2].opened).toBeGreaterThan(0);
      // The entity's timeline and the roll-up of its owner tell the same story.
      expect(
        (await store.rollup({ owners: [OWNER_REF], since: 0 })).timeline,
      ).toEqual(history.timeline);
    });

    it('counts as opened only the findings a scan left open, and as resolved only those that were open: neither suppressed in code nor waived as it committed, whatever waiver comes later', async () => {
      const { knex, store, scanner, advance, now } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_WITH_DLQ);
      const entity = componentEntity('orders', { dir });
      // A second function, without a dead-letter queue: DLQ-001 suppressed
      // with a reason; ALM-001, LOG-001, LOG-003, OPS-002, OPS-003 and
      // OPS-005 as the first function has them; IAM-001 on both (they
      // share a role): 9 new findings.
      const withOther = `${TEMPLATE_WITH_DLQ}  Other:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code:
        ZipFile: exports.handler = async () => {};
      Role: arn:aws:iam::123456789012:role/worker
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-001
            reason: the caller retries
`;
      const waive = (ruleId: string, id: string) =>
        grantWaiver(store, { id, entityRef: ENTITY_REF, ruleId, now: now() });
      const scanCounts = async (scanId: string) =>
        (await store.getScan(scanId))!.counts!;
      const timeline = async () =>
        (await store.getHistory(ENTITY_REF, { since: 0, limit: 10 })).timeline;

      const first = await scanner.run(entity, { trigger: 'schedule' });
      // Nothing suppressed nor waived: every finding opened is open.
      const firstCounts = await scanCounts(first.scanId!);
      expect(firstCounts).toMatchObject({ new: 10, newOpen: 10 });

      // ALM-001 waived before the scan that finds it on the new function.
      advance(DAY_MS);
      await waive('ALM-001', waiverId(11));
      await writeTemplate(dir, withOther);
      const second = await scanner.run(entity, { trigger: 'schedule' });
      expect(second.status).toBe('succeeded');
      expect(await scanCounts(second.scanId!)).toMatchObject({
        findings: 19,
        new: 9,
        newOpen: 7,
        reopened: 0,
        reopenedOpen: 0,
        resolved: 0,
      });
      // As the scorecard counts them: the suppressed one and the waived ones apart.
      const scorecard = await store.getEntityScorecard(ENTITY_REF, now());
      expect(scorecard).toMatchObject({ suppressed: 1, waived: 2 });

      // A waiver granted after the scan: the finding was open from the scan
      // until then; the scan's counts and its day stay as they were.
      advance(DAY_MS / 2);
      await waive('LOG-001', waiverId(12));
      expect(await scanCounts(second.scanId!)).toMatchObject({
        new: 9,
        newOpen: 7,
      });
      expect(await timeline()).toEqual([
        { day: '2026-11-01', opened: 10, resolved: 0 },
        { day: '2026-11-02', opened: 7, resolved: 0 },
      ]);

      // The function removed, then back: its findings are resolved, of which
      // those suppressed or waived then (DLQ-001, ALM-001, LOG-001) were not
      // open; then they reopen, and those are not open.
      advance(DAY_MS);
      await writeTemplate(dir, TEMPLATE_WITH_DLQ);
      const third = await scanner.run(entity, { trigger: 'schedule' });
      expect(await scanCounts(third.scanId!)).toMatchObject({
        resolved: 9,
        resolvedOpen: 6,
      });
      advance(DAY_MS);
      await writeTemplate(dir, withOther);
      const fourth = await scanner.run(entity, { trigger: 'schedule' });
      expect(await scanCounts(fourth.scanId!)).toMatchObject({
        new: 0,
        newOpen: 0,
        reopened: 9,
        reopenedOpen: 6,
      });
      const opened = [
        { day: '2026-11-01', opened: 10, resolved: 0 },
        { day: '2026-11-02', opened: 7, resolved: 0 },
        { day: '2026-11-03', opened: 0, resolved: 6 },
        { day: '2026-11-04', opened: 6, resolved: 0 },
      ];
      expect(await timeline()).toEqual(opened);
      // The roll-ups count alike.
      expect(
        (await store.rollup({ owners: [OWNER_REF], since: 0 })).timeline,
      ).toEqual(opened);

      // A scan and its snapshot recorded before the backend counted the open
      // ones (the columns null) are read as they were: every finding opened.
      await knex('scans')
        .whereIn('id', [second.scanId!, third.scanId!])
        .update({
          findings_new_open: null,
          findings_reopened_open: null,
          findings_resolved_open: null,
        });
      await knex('score_snapshots')
        .whereIn('scan_id', [second.scanId!, third.scanId!])
        .update({ opened_count: null, resolved_open_count: null });
      const { newOpen, reopenedOpen, ...before } = await scanCounts(
        second.scanId!,
      );
      expect({ newOpen, reopenedOpen, new: before.new }).toEqual({
        newOpen: undefined,
        reopenedOpen: undefined,
        new: 9,
      });
      expect((await timeline())[1]).toEqual({
        day: '2026-11-02',
        opened: 9,
        resolved: 0,
      });
      expect((await scanCounts(third.scanId!)).resolvedOpen).toBeUndefined();
      expect((await timeline())[2]).toEqual({
        day: '2026-11-03',
        opened: 0,
        resolved: 9,
      });
    });

    it('keeps the checks of the last two successful scans only, with the score and the history unchanged', async () => {
      const { knex, store, scanner, advance, now } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      // Another entity's checks are not this entity's to prune.
      const other = componentEntity('payments', {
        dir: await makeRepo(root(), 'payments', TEMPLATE_NO_DLQ),
      });
      const otherScan = await scanner.run(other, { trigger: 'schedule' });
      const scanIds: string[] = [];
      for (const template of [
        TEMPLATE_NO_DLQ,
        TEMPLATE_WITH_DLQ,
        TEMPLATE_NO_DLQ,
        TEMPLATE_WITH_DLQ,
      ]) {
        await writeTemplate(dir, template);
        advance(DAY_MS);
        const outcome = await scanner.run(entity, { trigger: 'schedule' });
        expect(outcome.status).toBe('succeeded');
        scanIds.push(outcome.scanId!);
      }
      const checked = await knex('scan_checks').distinct('scan_id');
      expect(checked.map(row => row.scan_id).sort()).toEqual(
        [otherScan.scanId!, ...scanIds.slice(2)].sort(),
      );
      // The score is the last scan's, as a scan of the fixed template alone gives it.
      const fresh = await setup(databaseId);
      await writeTemplate(dir, TEMPLATE_WITH_DLQ);
      await fresh.scanner.run(entity, { trigger: 'schedule' });
      const expected = await fresh.store.getEntityScorecard(ENTITY_REF, now());
      const scorecard = await store.getEntityScorecard(ENTITY_REF, now());
      expect(scorecard).toMatchObject({
        grade: expected!.grade,
        score: expected!.score,
        categories: expected!.categories,
      });
      const history = await store.getHistory(ENTITY_REF, {
        since: 0,
        limit: 10,
      });
      expect(history.snapshots.map(snapshot => snapshot.scanId)).toEqual(
        scanIds,
      );
    });

    it('keeps the findings of a file the scanner fails on open, logs why, and judges the others', async () => {
      const { knex, store, scanner, logger, advance } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      await fs.writeFile(
        path.join(dir, 'queue.yaml'),
        TEMPLATE_NO_DLQ.replace('Worker', 'Other'),
      );
      const entity = componentEntity('orders', { dir });
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      const openIn = async (file: string) =>
        (await findingRows(knex))
          .filter(row => row.status === 'open' && row.file === file)
          .map(row => row.fingerprint);
      const openInTemplate = await openIn('template.yaml');
      const openInQueue = await openIn('queue.yaml');
      expect(openInTemplate).not.toEqual([]);
      expect(openInQueue).not.toEqual([]);

      // A bug of the engine that template.yaml reaches; queue.yaml's resource is replaced meanwhile.
      const rule = ALL_RULES.find(
        candidate => candidate.meta.id === 'DLQ-001',
      )!;
      const check = rule.check;
      const bug = new TypeError(
        "Cannot read properties of undefined (reading 'Arn')",
      );
      jest.spyOn(rule, 'check').mockImplementation(context => {
        if (context.graph.file === 'template.yaml') throw bug;
        check.call(rule, context);
      });
      await fs.writeFile(path.join(dir, 'queue.yaml'), TEMPLATE_WITH_DLQ);
      advance(DAY_MS);
      const failedOn = await scanner.run(entity, { trigger: 'schedule' });
      jest.restoreAllMocks();

      expect(failedOn.status).toBe('succeeded');
      expect(await openIn('template.yaml')).toEqual(openInTemplate);
      // queue.yaml is judged: what it held is resolved.
      expect(
        (await findingRows(knex))
          .filter(row => openInQueue.includes(row.fingerprint))
          .map(row => row.status),
      ).toEqual(openInQueue.map(() => 'resolved'));
      expect(logger.error).toHaveBeenCalledWith(
        `Infra Compliance: ${ENTITY_REF}: the scanner failed on template.yaml; their last findings stay open: TypeError: Cannot read properties of undefined (reading 'Arn')`,
        bug,
      );
      expect((await store.getScan(failedOn.scanId!))!.coverage).toMatchObject({
        skipped: [
          {
            path: 'template.yaml',
            reason: expect.stringMatching(
              /^not scanned: the scanner failed on it \(internal error: Cannot read/,
            ),
          },
        ],
      });
    });

    it('keeps the findings of a file that no longer parses open until it can be judged again', async () => {
      const { knex, store, scanner, advance } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      await fs.writeFile(
        path.join(dir, 'queue.yaml'),
        TEMPLATE_NO_DLQ.replace('Worker', 'Other'),
      );
      const entity = componentEntity('orders', { dir });
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      const openBefore = await knex('findings')
        .where({ entity_ref: ENTITY_REF, status: 'open' })
        .orderBy('fingerprint')
        .pluck('fingerprint');
      const inTemplate = await knex('findings')
        .where({ entity_ref: ENTITY_REF, file: 'template.yaml' })
        .count({ n: '*' })
        .first();
      expect(Number(inTemplate?.n)).toBeGreaterThan(0);

      // A typo: template.yaml does not parse; queue.yaml goes away.
      await writeTemplate(
        dir,
        TEMPLATE_NO_DLQ.replace('      Handler:', '     Handler: ['),
      );
      await fs.rm(path.join(dir, 'queue.yaml'));
      advance(DAY_MS);
      const broken = await scanner.run(entity, { trigger: 'schedule' });
      expect(broken.status).toBe('succeeded');
      const rows = await findingRows(knex);
      const parse = rows.find(row => row.rule_id === 'PARSE-001');
      expect(parse).toMatchObject({ status: 'open', file: 'template.yaml' });
      // What template.yaml had is still open; what queue.yaml had is resolved.
      expect(
        rows
          .filter(row => row.status === 'open' && row.rule_id !== 'PARSE-001')
          .map(row => row.fingerprint),
      ).toEqual(
        rows
          .filter(
            row =>
              openBefore.includes(row.fingerprint) &&
              row.file === 'template.yaml',
          )
          .map(row => row.fingerprint),
      );
      expect(
        rows.filter(row => row.status === 'resolved').map(row => row.file),
      ).toEqual(expect.arrayContaining(['queue.yaml']));
      expect(
        rows.filter(
          row => row.status === 'resolved' && row.file === 'template.yaml',
        ),
      ).toEqual([]);

      // Fixed for real: the DLQ finding is resolved two days after it was first seen.
      await writeTemplate(dir, TEMPLATE_WITH_DLQ);
      advance(DAY_MS);
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      const dlq = await knex('findings')
        .where({
          entity_ref: ENTITY_REF,
          rule_id: 'DLQ-001',
          file: 'template.yaml',
        })
        .first();
      expect(dlq).toMatchObject({ status: 'resolved', reopened_count: 0 });
      expect(Number(dlq.resolved_at) - Number(dlq.first_seen_at)).toBe(
        2 * DAY_MS,
      );
      expect((await findingByRule(knex, 'PARSE-001')).status).toBe('resolved');
      expect(
        (await store.rollup({ owners: [OWNER_REF], since: 0 }))
          .meanTimeToRemediateMs,
      ).toBeGreaterThan(0);
    });

    it('does not let the waiver of a finding on a file that no longer parses pass a check of another resource', async () => {
      const { knex, store, scanner, advance, now } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      await fs.writeFile(
        path.join(dir, 'queue.yaml'),
        TEMPLATE_NO_DLQ.replace('Worker', 'Other'),
      );
      const entity = componentEntity('orders', { dir });
      await scanner.run(entity, { trigger: 'schedule' });
      const waived = await knex('findings')
        .where({
          entity_ref: ENTITY_REF,
          rule_id: 'DLQ-001',
          file: 'template.yaml',
        })
        .first();
      await grantWaiver(store, {
        entityRef: ENTITY_REF,
        fingerprint: waived.fingerprint,
        now: now(),
      });

      // template.yaml no longer parses: its Worker is not checked, Other in
      // queue.yaml still fails DLQ-001, and no waiver covers it.
      await writeTemplate(
        dir,
        TEMPLATE_NO_DLQ.replace('      Handler:', '     Handler: ['),
      );
      advance(DAY_MS);
      await scanner.run(entity, { trigger: 'schedule' });
      const withWaiver = await store.getEntityScorecard(ENTITY_REF, now());
      await store.revokeWaiver(waiverId(1), 'user:default/owner', now());
      const withoutWaiver = await store.getEntityScorecard(ENTITY_REF, now());
      // The waiver only takes Worker's finding out of the open count.
      expect(withWaiver!.categories.dlq).toEqual({
        ...withoutWaiver!.categories.dlq,
        open: withoutWaiver!.categories.dlq!.open - 1,
      });
      expect(withWaiver!.categories.dlq).toMatchObject({
        passed: 0,
        failed: 1,
      });
      expect(withWaiver!.score).toBe(withoutWaiver!.score);
    });

    it('keeps the findings of a CDK app open while its entry point does not parse, though they are on other files', async () => {
      const { knex, scanner, advance } = await setup(databaseId);
      const dir = path.join(root(), 'orders');
      const example = path.resolve(
        __dirname,
        '../../../../examples/cdk-orders-failing',
      );
      await fs.cp(example, dir, { recursive: true });
      const entity = componentEntity('orders', { dir });
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      const openBefore = (await findingRows(knex))
        .filter(row => row.status === 'open')
        .map(row => row.fingerprint);
      expect(openBefore.length).toBeGreaterThan(0);

      // A typo in bin/app.ts (an unclosed template literal): the engine does
      // not get to lib/stack.ts, where every finding is.
      const app = path.join(dir, 'bin', 'app.ts');
      const source = await fs.readFile(app, 'utf8');
      await fs.writeFile(
        app,
        source.replace('new cdk.App()', '`new cdk.App()'),
      );
      advance(DAY_MS);
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      const rows = await findingRows(knex);
      expect(rows.find(row => row.rule_id === 'PARSE-001')).toMatchObject({
        status: 'open',
        file: 'bin/app.ts',
      });
      expect(
        rows.filter(row => row.status === 'resolved').map(row => row.file),
      ).toEqual([]);

      // Fixed: the same findings, never resolved nor reopened.
      await fs.writeFile(app, source);
      advance(DAY_MS);
      await scanner.run(entity, { trigger: 'schedule' });
      const after = await findingRows(knex);
      expect(
        after.filter(row => row.status === 'open').map(row => row.fingerprint),
      ).toEqual(openBefore);
      expect(after.every(row => Number(row.reopened_count) === 0)).toBe(true);
    });

    it.each([
      ['CDK', 'cdk.json', 'cdk-orders-failing'],
      ['CDK', 'bin/app.ts', 'cdk-orders-failing'],
      ['Pulumi', 'Pulumi.yaml', 'seed-001-pulumi-failing'],
      ['Pulumi', 'index.ts', 'seed-001-pulumi-failing'],
    ])(
      'keeps the findings of a %s app open while its %s is skipped unread (too large)',
      async (_format, skippedFile, example) => {
        const { knex, scanner, advance } = await setup(databaseId);
        const dir = path.join(root(), 'orders');
        await fs.cp(
          path.resolve(__dirname, '../../../../examples', example),
          dir,
          { recursive: true },
        );
        const entity = componentEntity('orders', { dir });
        await scanner.run(entity, { trigger: 'schedule' });
        const openBefore = (await findingRows(knex))
          .filter(row => row.status === 'open')
          .map(row => row.fingerprint);
        expect(openBefore.length).toBeGreaterThan(0);

        // Over the engine's size limit (20 MiB; sparse, so nothing is
        // written): the file is skipped unread, and with it the whole app.
        const file = path.join(dir, skippedFile);
        const source = await fs.readFile(file);
        await fs.truncate(file, 20 * 1024 * 1024 + 1);
        advance(DAY_MS);
        expect(
          (await scanner.run(entity, { trigger: 'schedule' })).status,
        ).toBe('succeeded');
        const rows = await findingRows(knex);
        expect(
          rows.filter(row => row.status === 'resolved').map(row => row.file),
        ).toEqual([]);

        // Read again: the same findings, never resolved nor reopened.
        await fs.writeFile(file, source);
        advance(DAY_MS);
        await scanner.run(entity, { trigger: 'schedule' });
        const after = await findingRows(knex);
        expect(
          after
            .filter(row => row.status === 'open')
            .map(row => row.fingerprint),
        ).toEqual(openBefore);
        expect(after.every(row => Number(row.reopened_count) === 0)).toBe(true);
      },
    );

    it.each([
      ['', ''],
      [
        ', though the entry point reads it too (for a name)',
        "import { QUEUE_ID } from '../lib/queue';\n",
      ],
    ])(
      'keeps the findings of a CDK module open while the module importing it is skipped unread (too large)%s',
      async (_case, entryImport) => {
        const { knex, scanner, advance } = await setup(databaseId);
        const dir = await makeRepo(root(), 'orders', TEMPLATE_WITH_DLQ);
        const files: Record<string, string> = {
          'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
          'bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import { OrdersStack } from '../lib/stack';
${entryImport}new OrdersStack(new cdk.App(), 'Orders');
`,
          'lib/stack.ts': `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { WorkQueue } from './queue';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new WorkQueue(this, 'Work');
  }
}
`,
          'lib/queue.ts': `import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
export const QUEUE_ID = 'Queue';
export class WorkQueue extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  }
}
`,
        };
        await writeFiles(dir, files);
        const entity = componentEntity('orders', { dir });
        await scanner.run(entity, { trigger: 'schedule' });
        const openBefore = (await findingRows(knex))
          .filter(row => row.status === 'open' && row.file === 'lib/queue.ts')
          .map(row => row.fingerprint);
        expect(openBefore.length).toBeGreaterThan(0);

        // lib/stack.ts goes over the size limit: the scan reads bin/app.ts but
        // never gets to the queue lib/stack.ts makes lib/queue.ts declare
        // (nor to lib/queue.ts at all, unless bin/app.ts imports it).
        await fs.truncate(path.join(dir, 'lib/stack.ts'), 20 * 1024 * 1024 + 1);
        advance(DAY_MS);
        await scanner.run(entity, { trigger: 'schedule' });
        expect(
          (await findingRows(knex)).filter(row => row.status === 'resolved'),
        ).toEqual([]);

        // Read again: the same findings, never resolved nor reopened.
        await fs.writeFile(
          path.join(dir, 'lib/stack.ts'),
          files['lib/stack.ts'],
        );
        advance(DAY_MS);
        await scanner.run(entity, { trigger: 'schedule' });
        const after = await findingRows(knex);
        expect(
          after
            .filter(row => row.status === 'open' && row.file === 'lib/queue.ts')
            .map(row => row.fingerprint),
        ).toEqual(openBefore);
        expect(after.every(row => Number(row.reopened_count) === 0)).toBe(true);
      },
    );

    it("keeps the findings of a nested CDK app's module open while its entry point does not parse, though the app around it reads the module", async () => {
      const { knex, scanner, advance } = await setup(databaseId);
      const dir = path.join(root(), 'orders');
      const cdkJson = '{ "app": "npx ts-node bin/app.ts" }';
      const nestedApp = `import * as cdk from 'aws-cdk-lib';
import { OrdersStack, workQueue } from '../lib/stack';
workQueue(new OrdersStack(new cdk.App(), 'Orders'));
`;
      const files: Record<string, string> = {
        // The repository's app, at its root: its folder holds the nested app's.
        'cdk.json': cdkJson,
        'bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import { OrdersStack } from '../services/orders/lib/stack';
new OrdersStack(new cdk.App(), 'AllOrders');
`,
        'services/orders/cdk.json': cdkJson,
        'services/orders/bin/app.ts': nestedApp,
        'services/orders/lib/stack.ts': `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
export { workQueue } from './queues';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
  }
}
`,
        // Read by both apps; only the nested one calls it.
        'services/orders/lib/queues.ts': `import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
export function workQueue(scope: Construct) {
  return new sqs.Queue(scope, 'Work', { encryption: sqs.QueueEncryption.UNENCRYPTED });
}
`,
      };
      await writeFiles(dir, files);
      const entity = componentEntity('orders', { dir });
      await scanner.run(entity, { trigger: 'schedule' });
      const openBefore = (await findingRows(knex))
        .filter(row => row.status === 'open')
        .map(row => `${row.file} ${row.resource_id}`);
      expect(openBefore).toContain('services/orders/lib/queues.ts Work');

      // An unclosed template literal: the nested app calls nothing.
      await fs.writeFile(
        path.join(dir, 'services/orders/bin/app.ts'),
        nestedApp.replace('workQueue(', '`workQueue('),
      );
      advance(DAY_MS);
      await scanner.run(entity, { trigger: 'schedule' });
      expect(
        (await findingRows(knex))
          .filter(row => row.status === 'resolved')
          .map(row => `${row.file} ${row.resource_id}`),
      ).toEqual([]);
    });

    /** A loop that takes the interpreter past its steps (500,000): what a program declares after it is not read. */
    const STEP_LIMIT_LOOP = `const xs = [${Array.from(
      { length: 50 },
      (_, index) => index,
    ).join(', ')}];
let n = 0;
for (const a of xs) for (const b of xs) for (const c of xs) for (const d of xs) n = n + a + b + c + d;
`;
    it.each([
      [
        'CDK',
        'bin/app.ts',
        {
          'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
          'lib/queues.ts': `import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
export function queue(scope: Construct, id: string) {
  return new sqs.Queue(scope, id, { encryption: sqs.QueueEncryption.UNENCRYPTED });
}
`,
          'bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { queue } from '../lib/queues';
const stack = new cdk.Stack(new cdk.App(), 'Orders');
new sqs.Queue(stack, 'Early', { encryption: sqs.QueueEncryption.UNENCRYPTED });
queue(stack, 'EarlyToo');
// LOOP
queue(stack, 'LateToo');
new sqs.Queue(stack, 'Late', { encryption: sqs.QueueEncryption.UNENCRYPTED });
`,
        },
      ],
      [
        'Pulumi',
        'index.ts',
        {
          'Pulumi.yaml': 'name: orders\nruntime: nodejs\n',
          'queues.ts': `import * as aws from '@pulumi/aws';
export function queue(name: string) {
  return new aws.sqs.Queue(name, { sqsManagedSseEnabled: false });
}
`,
          'index.ts': `import * as aws from '@pulumi/aws';
import { queue } from './queues';
new aws.sqs.Queue('early', { sqsManagedSseEnabled: false });
queue('early-too');
// LOOP
queue('late-too');
new aws.sqs.Queue('late', { sqsManagedSseEnabled: false });
`,
        },
      ],
    ])(
      'keeps the findings of a %s program open while it is read only in part (past its steps), on the files it read too, and says so',
      async (format, main, files: Record<string, string>) => {
        const { knex, scanner, logger, advance } = await setup(databaseId);
        const dir = path.join(root(), 'orders');
        await writeFiles(dir, files);
        const entity = componentEntity('orders', { dir });
        await scanner.run(entity, { trigger: 'schedule' });
        const openBefore = (await findingRows(knex))
          .filter(row => row.status === 'open')
          .map(row => `${row.file} ${row.resource_id}`);
        // What the program declares after the loop, in its entry point and in the module it calls.
        expect(openBefore).toEqual(
          expect.arrayContaining(
            format === 'CDK'
              ? ['bin/app.ts Late', 'lib/queues.ts LateToo']
              : ['index.ts late', 'queues.ts late-too'],
          ),
        );

        // The loop: the engine stops reading before the program declares its late queues.
        await fs.writeFile(
          path.join(dir, main),
          files[main].replace('// LOOP\n', STEP_LIMIT_LOOP),
        );
        advance(DAY_MS);
        const outcome = await scanner.run(entity, { trigger: 'schedule' });
        expect(outcome.status).toBe('succeeded');
        expect(
          (await findingRows(knex)).filter(row => row.status !== 'open'),
        ).toEqual([]);
        const scan = await knex('scans').where('id', outcome.scanId).first();
        expect(Number(scan.files_skipped)).toBe(1);
        expect(logger.warn).toHaveBeenCalledWith(
          `Infra Compliance: ${ENTITY_REF}: the ${format.toLowerCase()} program ${main} was read only in part (the program takes more than 500,000 steps to evaluate: what it declares after them is not read): the findings of its files stay open`,
        );

        // Read in full again: the same findings, never resolved nor reopened.
        await fs.writeFile(path.join(dir, main), files[main]);
        advance(DAY_MS);
        await scanner.run(entity, { trigger: 'schedule' });
        const after = await findingRows(knex);
        expect(
          after
            .filter(row => row.status === 'open')
            .map(row => `${row.file} ${row.resource_id}`),
        ).toEqual(openBefore);
        expect(after.every(row => Number(row.reopened_count) === 0)).toBe(true);
      },
    );

    it("resolves the findings of a module of a CDK app read in full that declares nothing any more, while another app's cdk.json is skipped", async () => {
      const { knex, scanner, advance } = await setup(databaseId);
      const dir = path.join(root(), 'orders');
      const queueModule = `import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
export class WorkQueue extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  }
}
`;
      const files: Record<string, string> = {
        'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
        'bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import { WorkQueue } from '../lib/queue';
const stack = new cdk.Stack(new cdk.App(), 'Orders');
new WorkQueue(stack, 'Work');
`,
        'lib/queue.ts': queueModule,
      };
      for (const app of ['a', 'b'])
        await writeFiles(path.join(dir, app), files);
      const entity = componentEntity('orders', { dir });
      await scanner.run(entity, { trigger: 'schedule' });
      const openIn = async (file: string) =>
        (await findingRows(knex)).filter(
          row => row.status === 'open' && row.file === file,
        ).length;
      expect(await openIn('a/lib/queue.ts')).toBeGreaterThan(0);
      const openInB = await openIn('b/lib/queue.ts');
      expect(openInB).toBeGreaterThan(0);

      // App a is not read (its cdk.json over the size limit), and app b's
      // queue goes: b/lib/queue.ts, which app b still reads, declares nothing.
      await fs.truncate(path.join(dir, 'a', 'cdk.json'), 20 * 1024 * 1024 + 1);
      await fs.writeFile(
        path.join(dir, 'b', 'lib/queue.ts'),
        queueModule.replace(/\n.*new sqs\.Queue.*\n/, '\n'),
      );
      advance(DAY_MS);
      await scanner.run(entity, { trigger: 'schedule' });
      const rows = await findingRows(knex);
      expect(
        rows
          .filter(row => row.status === 'resolved')
          .map(row => row.file)
          .sort(),
      ).toEqual(Array(openInB).fill('b/lib/queue.ts'));
      expect(await openIn('a/lib/queue.ts')).toBeGreaterThan(0);
    });

    it('resolves the findings of a module of a CDK app that declares nothing any more, beside a construct library no app reads', async () => {
      const { knex, scanner, advance } = await setup(databaseId);
      const dir = path.join(root(), 'orders');
      const queueModule = `import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
export class WorkQueue extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  }
}
`;
      await writeFiles(dir, {
        'app/package.json': '{ "name": "orders" }',
        'app/bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import { WorkQueue } from '../lib/queue';
const stack = new cdk.Stack(new cdk.App(), 'Orders');
new WorkQueue(stack, 'Work');
`,
        'app/lib/queue.ts': queueModule,
        // Published on its own, no app of the repository imports it: listed as skipped, unread.
        'constructs/package.json': '{ "name": "constructs" }',
        'constructs/src/index.ts': queueModule,
      });
      const entity = componentEntity('orders', { dir });
      await scanner.run(entity, { trigger: 'schedule' });
      const openIn = async (file: string) =>
        (await findingRows(knex)).filter(
          row => row.status === 'open' && row.file === file,
        ).length;
      const openBefore = await openIn('app/lib/queue.ts');
      expect(openBefore).toBeGreaterThan(0);

      await fs.writeFile(
        path.join(dir, 'app/lib/queue.ts'),
        queueModule.replace(/\n.*new sqs\.Queue.*\n/, '\n'),
      );
      advance(DAY_MS);
      await scanner.run(entity, { trigger: 'schedule' });
      const rows = await findingRows(knex);
      expect(
        rows.filter(row => row.status === 'resolved').map(row => row.file),
      ).toEqual(Array(openBefore).fill('app/lib/queue.ts'));
    });

    it.each([
      ['CDK', 'cdk.json', 'lib/stack.ts', 'cdk-orders-failing'],
      ['Pulumi', 'Pulumi.yaml', 'index.ts', 'seed-001-pulumi-failing'],
    ])(
      "resolves the findings of a file deleted from a %s app, whether the app's %s is skipped or another app's is",
      async (_format, projectFile, findingsFile, example) => {
        const { knex, scanner, advance } = await setup(databaseId);
        const dir = path.join(root(), 'orders');
        for (const app of ['a', 'b'])
          await fs.cp(
            path.resolve(__dirname, '../../../../examples', example),
            path.join(dir, app),
            { recursive: true },
          );
        await fs.writeFile(path.join(dir, 'catalog-info.yaml'), '# orders\n');
        const entity = componentEntity('orders', { dir });
        await scanner.run(entity, { trigger: 'schedule' });
        const openIn = async (file: string) =>
          (await findingRows(knex)).filter(
            row => row.status === 'open' && row.file === file,
          ).length;
        expect(await openIn(`a/${findingsFile}`)).toBeGreaterThan(0);
        expect(await openIn(`b/${findingsFile}`)).toBeGreaterThan(0);

        // App a's project file goes over the size limit for good: app a is
        // not read, and its findings stay open.
        await fs.truncate(
          path.join(dir, 'a', projectFile),
          20 * 1024 * 1024 + 1,
        );
        advance(DAY_MS);
        await scanner.run(entity, { trigger: 'schedule' });
        expect(await openIn(`a/${findingsFile}`)).toBeGreaterThan(0);

        // A file of app b goes: its findings went with it.
        await fs.rm(path.join(dir, 'b', findingsFile));
        advance(DAY_MS);
        await scanner.run(entity, { trigger: 'schedule' });
        expect(await openIn(`b/${findingsFile}`)).toBe(0);
        expect(await openIn(`a/${findingsFile}`)).toBeGreaterThan(0);

        // So do those of a file of app a, though app a is still not read.
        await fs.rm(path.join(dir, 'a', findingsFile));
        advance(DAY_MS);
        await scanner.run(entity, { trigger: 'schedule' });
        expect(await openIn(`a/${findingsFile}`)).toBe(0);
        expect(
          (await findingRows(knex))
            .filter(row => row.file.endsWith(findingsFile))
            .every(row => row.status === 'resolved'),
        ).toBe(true);
      },
    );

    it('resolves the findings of a file deleted from a CDK app of a repository while its entry point does not parse', async () => {
      const { knex, scanner, urlReader, advance } = await setup(databaseId);
      const example = path.resolve(
        __dirname,
        '../../../../examples/cdk-orders-failing',
      );
      const files: Record<string, string> = {};
      for (const file of ['cdk.json', 'bin/app.ts', 'lib/stack.ts'])
        files[file] = await fs.readFile(path.join(example, file), 'utf8');
      const entity = componentEntity('orders', { url: ORDERS_URL });
      const scanTree = async (etag: string, tree: Record<string, string>) => {
        urlReader.readTree.mockResolvedValueOnce(treeResponse(etag, tree));
        advance(DAY_MS);
        expect(
          (await scanner.run(entity, { trigger: 'schedule' })).status,
        ).toBe('succeeded');
        return (await findingRows(knex)).filter(
          row => row.status === 'open' && row.file === 'lib/stack.ts',
        ).length;
      };
      const broken: Record<string, string> = {
        ...files,
        'bin/app.ts': files['bin/app.ts'].replace(
          'new cdk.App()',
          '`new cdk.App()',
        ),
      };
      expect(await scanTree('commit-1', files)).toBeGreaterThan(0);
      expect(await scanTree('commit-2', broken)).toBeGreaterThan(0);
      const { 'lib/stack.ts': _deleted, ...withoutStack } = broken;
      expect(await scanTree('commit-3', withoutStack)).toBe(0);
    });

    it('keeps the previous results when a scan is interrupted mid-write', async () => {
      const { knex, store, scanner, advance } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      const before = await findingRows(knex);
      const entityBefore = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      const snapshotsBefore = await knex('score_snapshots')
        .count({ n: '*' })
        .first();

      await writeTemplate(dir, TEMPLATE_WITH_DLQ);
      advance(DAY_MS);
      // The findings are written, then the snapshot write throws: the transaction must roll back.
      const spy = jest
        .spyOn(ComplianceStore.prototype as any, 'writeSnapshot')
        .mockRejectedValueOnce(new Error('connection lost'));
      const outcome = await scanner.run(entity, { trigger: 'schedule' });
      spy.mockRestore();

      expect(outcome.status).toBe('failed');
      expect(await findingRows(knex)).toEqual(before);
      const entityAfter = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      expect(entityAfter).toMatchObject({
        grade: entityBefore.grade,
        score: entityBefore.score,
        last_success_scan_id: entityBefore.last_success_scan_id,
        last_scan_status: 'failed',
        lock_scan_id: null,
      });
      expect(await knex('score_snapshots').count({ n: '*' }).first()).toEqual(
        snapshotsBefore,
      );
      expect(await store.getScan(outcome.scanId!)).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('connection lost'),
      });
      expect(
        await knex('scan_checks').where('scan_id', outcome.scanId!),
      ).toEqual([]);

      // The next scan goes through.
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      expect((await findingByRule(knex, 'DLQ-001')).status).toBe('resolved');
    });

    it("stores the score of a scan that commits while a waiver is created, the waiver applied to that scan's findings", async () => {
      const { knex, store, scanner, now, advance } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      await scanner.run(entity, { trigger: 'schedule' });
      await writeTemplate(dir, TEMPLATE_WITH_DLQ);
      advance(DAY_MS);
      // The commit pauses inside its transaction, after writing its findings.
      const writeChecks = (ComplianceStore.prototype as any).writeChecks;
      let resumeCommit!: () => void;
      let commitPaused!: () => void;
      const paused = new Promise<void>(resolve => (commitPaused = resolve));
      const spy = jest
        .spyOn(ComplianceStore.prototype as any, 'writeChecks')
        .mockImplementationOnce(async function pause(
          this: ComplianceStore,
          ...args: unknown[]
        ) {
          await writeChecks.apply(this, args);
          commitPaused();
          await new Promise<void>(resolve => (resumeCommit = resolve));
        });
      const scan = scanner.run(entity, { trigger: 'schedule' });
      await paused;
      // A waiver of the queue the fix adds (ENC-003 on DeadLetters): only the committing scan has its finding.
      const waiver = grantWaiver(store, {
        id: waiverId(2),
        entityRef: ENTITY_REF,
        ruleId: 'ENC-003',
        now: now(),
      });
      await new Promise(resolve => setTimeout(resolve, 200)); // the refresh reaches the entity's row
      resumeCommit();
      expect((await scan).status).toBe('succeeded');
      await waiver;
      spy.mockRestore();

      const live = await store.getEntityScorecard(ENTITY_REF, now());
      const row = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      expect(live!.categories.dlq!.score).toBe(100);
      expect(live!.categories.encryption).toMatchObject({
        score: 100,
        open: 0,
      });
      expect({
        score: Number(row.score),
        dlq: Number(row.score_dlq),
        encryption: Number(row.score_encryption),
      }).toEqual({ score: live!.score, dlq: 100, encryption: 100 });
    });

    it('queues one scan for on-demand requests that arrive together', async () => {
      const { knex, scanner } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      await scanner.register(entity);
      const requests = await Promise.all([
        scanner.enqueue(entity, 'user:default/alice'),
        scanner.enqueue(entity, 'user:default/bob'),
        scanner.enqueue(entity, 'user:default/carol'),
      ]);
      const scans = await knex('scans').where('entity_ref', ENTITY_REF);
      expect(scans).toHaveLength(1);
      expect(requests).toEqual(
        expect.arrayContaining([
          { scanId: scans[0].id, existing: false },
          { scanId: scans[0].id, existing: true },
        ]),
      );
      expect(requests.filter(r => 'existing' in r && !r.existing)).toHaveLength(
        1,
      );
    });

    it('judges a template a symlink of the repository leads to once, under its own path: a link added beside it changes none of its findings', async () => {
      const { knex, store, scanner } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      const before = await scanner.run(entity, { trigger: 'schedule' });
      expect(before.status).toBe('succeeded');
      const findings = () =>
        knex('findings')
          .where({ entity_ref: ENTITY_REF })
          .orderBy('fingerprint')
          .select('fingerprint', 'file', 'status');

      const opened = await findings();
      // Met before the template in name order.
      await fs.symlink('template.yaml', path.join(dir, 'api.yaml'));
      const outcome = await scanner.run(entity, { trigger: 'schedule' });
      // The same file read under the same path: the source is the one scanned before.
      expect(outcome.status).toBe('unchanged');
      expect(await findings()).toEqual(opened);
      expect(opened.every(row => row.file === 'template.yaml')).toBe(true);
      expect((await store.getScan(before.scanId!))!.counts!.filesScanned).toBe(
        1,
      );
    });

    it("stores what the repository's config says that is odd but not wrong (a rule disabled twice) with the scan, which goes on, and logs it only when it differs from the last successful scan's", async () => {
      const { knex, store, scanner, logger, advance, now } = await setup(
        databaseId,
      );
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      const disabledTwice =
        'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough';
      const twice = (line: number) => ({
        file: '.infra-compliance.yaml',
        line,
        message: disabledTwice,
      });
      // The log names the file and line before the message, as the CLI does.
      const logged = (line: number) =>
        `Infra Compliance: ${ENTITY_REF}: .infra-compliance.yaml:${line}: ${disabledTwice}`;
      const configWarningsLogged = () =>
        logger.warn.mock.calls
          .map(([message]) => message)
          .filter(message => message.includes('.infra-compliance.yaml'));
      const scanWith = async (config: string) => {
        await writeFiles(dir, { '.infra-compliance.yaml': config });
        advance(DAY_MS);
        logger.warn.mockClear();
        return scanner.run(entity, { trigger: 'schedule' });
      };
      const lastSuccessfulScan = async () =>
        (await store.getEntityScorecard(ENTITY_REF, now()))!
          .lastSuccessfulScan!;

      const first = await scanWith('rules:\n  disable: [DLQ-001, dlq-001]\n');
      expect(first.status).toBe('succeeded');
      expect(await findingByRule(knex, 'DLQ-001')).toBeUndefined();
      expect(configWarningsLogged()).toEqual([logged(2)]);
      const scan = await store.getScan(first.scanId!);
      expect(scan!.configWarnings).toEqual([twice(2)]);
      // As the unused suppressions, once, on the scan the grade is of.
      const card = await store.getEntityScorecard(ENTITY_REF, now());
      expect(card!.lastSuccessfulScan).toEqual(scan);
      expect(card!.lastScan).not.toHaveProperty('configWarnings');
      expect(card!.lastCompletedScan).not.toHaveProperty('configWarnings');
      expect(
        (await store.listScans(ENTITY_REF, 10, 0)).items[0],
      ).not.toHaveProperty('configWarnings');

      // The same config: the same warning, not logged again, whether the
      // scan finds what the last one did or not.
      const same = await scanWith('rules:\n  disable: [DLQ-001, dlq-001]\n');
      expect(same.status).toBe('unchanged');
      expect(configWarningsLogged()).toEqual([]);
      await writeFiles(dir, { 'template.yaml': TEMPLATE_WITH_DLQ });
      const fixed = await scanWith('rules:\n  disable: [DLQ-001, dlq-001]\n');
      expect(fixed.status).toBe('succeeded');
      expect(configWarningsLogged()).toEqual([]);
      expect(await lastSuccessfulScan()).toMatchObject({
        id: fixed.scanId,
        configWarnings: [twice(2)],
      });

      // A line written above it: the same findings, the warning's line
      // changed, which the page must not show stale; logged.
      const moved = await scanWith(
        'rules:\n  # the caller retries\n  disable: [DLQ-001, dlq-001]\n',
      );
      expect(moved.status).toBe('succeeded');
      expect((await store.getScan(moved.scanId!))!.counts).toMatchObject({
        new: 0,
        resolved: 0,
      });
      expect(configWarningsLogged()).toEqual([logged(3)]);
      expect(await lastSuccessfulScan()).toMatchObject({
        id: moved.scanId,
        configWarnings: [twice(3)],
      });

      // A failed scan records none, and the last successful one keeps its own.
      const failed = await scanWith('rules:\n  disable: [DLQ-001, OPS-999]\n');
      expect(failed.status).toBe('failed');
      expect(await store.getScan(failed.scanId!)).not.toHaveProperty(
        'configWarnings',
      );
      expect(await lastSuccessfulScan()).toMatchObject({
        id: moved.scanId,
        configWarnings: [twice(3)],
      });

      // Fixed: none stored, nothing logged; written again, logged again.
      const once = await scanWith('rules:\n  disable: [DLQ-001]\n');
      expect(once.status).toBe('succeeded');
      expect(configWarningsLogged()).toEqual([]);
      expect(await lastSuccessfulScan()).toMatchObject({
        id: once.scanId,
        configWarnings: [],
      });
      const again = await scanWith('rules:\n  disable: [DLQ-001, dlq-001]\n');
      expect(again.status).toBe('succeeded');
      expect(configWarningsLogged()).toEqual([logged(2)]);
    });

    it("logs the config's warnings once a scan stored them: not from a scan that lost its lock before it committed, whose successor stores them", async () => {
      const { knex, logger, scanner, scannerOf, advance } = await setup(
        databaseId,
      );
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      await writeFiles(dir, {
        '.infra-compliance.yaml': 'rules:\n  disable: [DLQ-001, dlq-001]\n',
      });
      const entity = componentEntity('orders', { dir });
      const warning = `Infra Compliance: ${ENTITY_REF}: .infra-compliance.yaml:2: rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough`;
      // Its heartbeats stopped while the engine ran: another replica's scan
      // took the entity's lock over.
      const overtaken = scannerOf('engine-1', async (scanRoot, options) => {
        const result = await scanPath(scanRoot, options);
        await knex('entities')
          .where('entity_ref', ENTITY_REF)
          .update({ lock_scan_id: 'other-scan' });
        return result;
      });
      const lost = await overtaken.run(entity, { trigger: 'schedule' });
      expect(lost).toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/no longer holds the lock/),
      });
      expect(logger.warn).not.toHaveBeenCalledWith(warning);
      await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .update({ lock_scan_id: null, lock_at: null });

      // That scan gone, the next one stores them and logs them, once.
      advance(DAY_MS);
      const stored = await scanner.run(entity, { trigger: 'schedule' });
      expect(stored.status).toBe('succeeded');
      expect(
        logger.warn.mock.calls.filter(([message]) => message === warning),
      ).toHaveLength(1);
    });

    it("records a repository whose config is wrong as a failed scan naming the config's line", async () => {
      const { store, scanner } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      await writeFiles(dir, {
        '.infra-compliance.yaml':
          'rules:\n  options:\n    LOG-002:\n      minRetentionDays: 0\n',
      });
      const entity = componentEntity('orders', { dir });

      const outcome = await scanner.run(entity, { trigger: 'schedule' });
      const error =
        'ConfigError: .infra-compliance.yaml:4: LOG-002 option minRetentionDays must be a whole number of days from 1 to 3653 (the retentions CloudWatch Logs takes), got 0';
      expect(outcome).toMatchObject({ status: 'failed', reason: error });
      expect(await store.getScan(outcome.scanId!)).toMatchObject({
        status: 'failed',
        error,
      });
      expect(
        await store.getEntityScorecard(ENTITY_REF, Date.now()),
      ).toMatchObject({ lastScan: { status: 'failed', error } });

      // A rule disabled that does not exist, which the engine also refuses.
      await writeFiles(dir, {
        '.infra-compliance.yaml':
          'rules:\n  disable:\n    - OPS-003\n    - OPS-999\n',
      });
      expect((await scanner.run(entity, { trigger: 'schedule' })).reason).toBe(
        'ConfigError: .infra-compliance.yaml:4: rules.disable names unknown rule id(s) OPS-999',
      );
    });

    it('records an unreadable repository as a failed scan and keeps the last good results', async () => {
      const { knex, store, scanner, urlReader, advance } = await setup(
        databaseId,
      );
      const entity = componentEntity('orders', { url: ORDERS_URL });
      urlReader.readTree.mockResolvedValueOnce(
        treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ }),
      );
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      const before = await findingRows(knex);
      expect(before.length).toBeGreaterThan(0);

      advance(DAY_MS);
      urlReader.readTree.mockRejectedValueOnce(
        new Error('Request failed with 404 Not Found'),
      );
      const outcome = await scanner.run(entity, { trigger: 'schedule' });
      expect(outcome.status).toBe('failed');
      expect(await store.getScan(outcome.scanId!)).toMatchObject({
        status: 'failed',
        error: 'Request failed with 404 Not Found',
      });
      expect(await findingRows(knex)).toEqual(before);
      const scorecard = await store.getEntityScorecard(ENTITY_REF, Date.now());
      expect(scorecard).toMatchObject({
        lastScan: {
          status: 'failed',
          error: 'Request failed with 404 Not Found',
        },
        lastSuccessfulScan: { status: 'succeeded', etag: 'etag-1' },
      });
      expect(scorecard!.grade).not.toBeNull();

      // A local directory that vanished fails the same way.
      const localEntity = componentEntity('gone', {
        dir: path.join(root(), 'does-not-exist'),
      });
      const local = await scanner.run(localEntity, { trigger: 'schedule' });
      expect(local).toMatchObject({
        status: 'failed',
        reason: expect.stringContaining('Cannot read dir:'),
      });
    });

    it("records an Azure DevOps location with a + in its version as the catalog writes it, where Backstage's reader is handed the + encoded", async () => {
      const { store, scanner, urlReader, advance } = await setup(databaseId);
      const location =
        'https://dev.azure.com/acme/shop/_git/orders?path=/infra&version=GBrelease+2026';
      const entity = componentEntity('orders', { url: location });
      urlReader.readTree.mockResolvedValueOnce(
        treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ }),
      );
      const scanned = await scanner.run(entity, { trigger: 'schedule' });
      expect(scanned.status).toBe('succeeded');
      // The reader reads the branch release+2026 (see targets.test.ts).
      expect(urlReader.readTree).toHaveBeenLastCalledWith(
        'https://dev.azure.com/acme/shop/_git/orders?path=/infra&version=GBrelease%2B2026',
        expect.anything(),
      );
      const asWritten = { type: 'url', target: location };
      expect(await store.getScan(scanned.scanId!)).toMatchObject({
        source: asWritten,
      });
      expect(await store.getResultsSource(ENTITY_REF)).toEqual(asWritten);
      // A link to a finding's file names the branch with its plus, encoded.
      expect(
        sourceLocationFileUrl(
          await store.getResultsSource(ENTITY_REF),
          ScmIntegrations.fromConfig(new ConfigReader({})),
          { file: 'template.yaml', line: 3 },
        ),
      ).toBe(
        'https://dev.azure.com/acme/shop/_git/orders?version=GBrelease%2B2026&path=%2Finfra%2Ftemplate.yaml&line=3&lineEnd=4&lineStartColumn=1&lineEndColumn=1',
      );

      // The folder gone from the branch: the failure names it as written too.
      advance(DAY_MS);
      urlReader.readTree.mockResolvedValueOnce(treeResponse('etag-2', {}));
      const gone = await scanner.run(entity, { trigger: 'schedule' });
      expect(gone.status).toBe('failed');
      expect(gone.reason).toMatch(/ holds no files: /);
      expect(gone.reason!.split(' ')[0]).toBe(location);
      expect((await store.listScans(ENTITY_REF, 10, 0)).items).toEqual([
        expect.objectContaining({ id: gone.scanId, source: asWritten }),
        expect.objectContaining({ id: scanned.scanId, source: asWritten }),
      ]);
    });

    it('keeps the last good results when the folder of a repository location is gone from the repository, which the reader gives as an empty tree', async () => {
      const { knex, store, urlReader, scannerOf, advance } = await setup(
        databaseId,
      );
      const github = await serveGithubRepository(root());
      try {
        urlReader.readTree.mockImplementation((url, options) =>
          github.reader.readTree(url, options),
        );
        const scanner = scannerOf('engine-1');
        const entity = componentEntity('orders', {
          url: github.url('services/orders/'),
        });
        await github.push('commit-1', {
          'services/orders/template.yaml': TEMPLATE_NO_DLQ,
          'README.md': '# orders',
        });
        expect(
          (await scanner.run(entity, { trigger: 'schedule' })).status,
        ).toBe('succeeded');
        const before = await findingRows(knex);
        expect(before.filter(row => row.status === 'open')).not.toEqual([]);

        // The folder renamed in the repository: no file of it is read.
        advance(DAY_MS);
        await github.push('commit-2', {
          'services/checkout/template.yaml': TEMPLATE_NO_DLQ,
          'README.md': '# orders',
        });
        const gone = await scanner.run(entity, { trigger: 'schedule' });
        expect(gone).toMatchObject({
          status: 'failed',
          reason: `${github.url(
            'services/orders/',
          )} holds no files: its folder is not in the repository (moved or renamed?), the location names a file rather than a folder, or the repository is empty`,
        });
        expect(await findingRows(knex)).toEqual(before);
        expect(
          await store.getEntityScorecard(ENTITY_REF, Date.now()),
        ).toMatchObject({
          grade: expect.stringMatching(/^[A-F]$/),
          lastScan: { status: 'failed' },
          lastSuccessfulScan: { status: 'succeeded', etag: 'commit-1' },
        });

        // The folder there, its templates deleted: their findings are resolved.
        advance(DAY_MS);
        await github.push('commit-3', {
          'services/orders/README.md': 'Moved to Terraform, soon.',
          'README.md': '# orders',
        });
        expect(
          (await scanner.run(entity, { trigger: 'schedule' })).status,
        ).toBe('succeeded');
        expect(
          (await findingRows(knex)).filter(row => row.status === 'open'),
        ).toEqual([]);
      } finally {
        await github.close();
      }
    });

    it('fails a scan whose repository does not answer once its signal aborts, though the reader ignores the signal, and frees the entity', async () => {
      const { store, scanner, urlReader } = await setup(databaseId);
      const entity = componentEntity('orders', { url: ORDERS_URL });
      urlReader.readTree.mockImplementationOnce(() => new Promise(() => {}));
      const timeout = new AbortController();
      const outcome = scanner.run(entity, {
        trigger: 'schedule',
        signal: timeout.signal,
      });
      timeout.abort(new Error('The scan took too long'));
      expect(await outcome).toMatchObject({
        status: 'failed',
        reason: 'The scan took too long',
      });

      // The tree that answers only once written stalls the same way.
      urlReader.readTree.mockResolvedValueOnce({
        ...treeResponse('etag-1', {}),
        dir: () => new Promise(() => {}),
      });
      const writing = new AbortController();
      const stalled = scanner.run(entity, {
        trigger: 'schedule',
        signal: writing.signal,
      });
      setTimeout(() => writing.abort(new Error('Still writing')), 100);
      expect(await stalled).toMatchObject({
        status: 'failed',
        reason: 'Still writing',
      });

      urlReader.readTree.mockResolvedValueOnce(
        treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ }),
      );
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      expect(
        (await store.getEntityScorecard(ENTITY_REF, Date.now()))!.lastScan,
      ).toMatchObject({ status: 'succeeded' });
    });

    it('removes the folder a tree went on writing into after the scan was aborted', async () => {
      const { scanner, urlReader } = await setup(databaseId);
      const entity = componentEntity('orders', { url: ORDERS_URL });
      const tree = treeResponse('etag-1', {
        'template.yaml': TEMPLATE_NO_DLQ,
      });
      let written: Promise<string> | undefined;
      let targetDir: string | undefined;
      let resumeWriting = () => {};
      const paused = new Promise<void>(resolve => {
        resumeWriting = resolve;
      });
      urlReader.readTree.mockResolvedValueOnce({
        ...tree,
        // Writes its files, after the abort, as a reader that ignores it does.
        dir: options => {
          targetDir = options?.targetDir;
          written = paused.then(() => tree.dir(options));
          return written;
        },
      });
      const timeout = new AbortController();
      const outcome = scanner.run(entity, {
        trigger: 'schedule',
        signal: timeout.signal,
      });
      while (!targetDir) await new Promise(resolve => setImmediate(resolve));
      const folder = targetDir;
      const removal = jest.spyOn(fs, 'rm');
      try {
        timeout.abort(new Error('The scan took too long'));
        expect(await outcome).toMatchObject({ status: 'failed' });
        resumeWriting();
        await written;
        // Its removals, at the scan's end and once the writing stopped, are
        // awaited rather than given a time that a loaded machine may exceed.
        const removals = () =>
          removal.mock.calls.flatMap(([target], index) =>
            target === folder ? [removal.mock.results[index].value] : [],
          );
        while (removals().length < 2)
          await new Promise(resolve => setImmediate(resolve));
        await Promise.all(removals());
      } finally {
        removal.mockRestore();
      }
      await expect(fs.stat(folder)).rejects.toMatchObject({
        code: 'ENOENT',
      });
    });

    it('exposes the last scan that read the entity to the end, an unchanged one after a failed one, and keeps it past the retention', async () => {
      const { store, scanner, urlReader, advance, now } = await setup(
        databaseId,
      );
      const entity = componentEntity('orders', { url: ORDERS_URL });
      urlReader.readTree.mockResolvedValueOnce(
        treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ }),
      );
      const succeeded = await scanner.run(entity, { trigger: 'schedule' });
      expect(succeeded.status).toBe('succeeded');
      const scorecard = () => store.getEntityScorecard(ENTITY_REF, now());
      // The same scan, its coverage, unused suppressions and config
      // warnings on lastSuccessfulScan only.
      expect((await scorecard())!.lastCompletedScan).toEqual({
        ...(await scorecard())!.lastSuccessfulScan,
        coverage: undefined,
        unusedSuppressions: undefined,
        configWarnings: undefined,
      });

      advance(DAY_MS);
      urlReader.readTree.mockRejectedValueOnce(new NotModifiedError());
      const unchanged = await scanner.run(entity, { trigger: 'schedule' });
      expect(unchanged.status).toBe('unchanged');
      advance(DAY_MS);
      urlReader.readTree.mockRejectedValueOnce(
        new Error('Request failed with 503 Service Unavailable'),
      );
      const failed = await scanner.run(entity, { trigger: 'schedule' });
      expect(failed.status).toBe('failed');

      const expected = {
        lastScan: { id: failed.scanId, status: 'failed' },
        lastSuccessfulScan: { id: succeeded.scanId, status: 'succeeded' },
        lastCompletedScan: {
          id: unchanged.scanId,
          status: 'unchanged',
          finishedAt: new Date(now() - DAY_MS).toISOString(),
        },
      };
      expect(await scorecard()).toMatchObject(expected);
      // Past the retention: the failed scan is the last one, the unchanged one the last completed.
      expect(await store.pruneScans(now() + 1)).toBe(0);
      expect(await scorecard()).toMatchObject(expected);
    });

    it('writes no findings when the ETag is unchanged', async () => {
      const { knex, store, scanner, urlReader, filesRead, advance } =
        await setup(databaseId);
      const entity = componentEntity('orders', {
        url: ORDERS_URL,
        annotations: {
          'infra-compliance/paths': 'infra/**',
        },
      });
      urlReader.readTree.mockResolvedValueOnce(
        treeResponse('etag-1', {
          'infra/template.yaml': TEMPLATE_NO_DLQ,
          'other/template.yaml': TEMPLATE_NO_DLQ,
        }),
      );
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      expect(urlReader.readTree).toHaveBeenLastCalledWith(
        'https://git.example.com/org/orders/tree/main/',
        expect.objectContaining({
          etag: undefined,
          filter: expect.any(Function),
        }),
      );
      const before = await findingRows(knex);
      // infra-compliance/paths narrows the scan to infra/**.
      expect(filesRead).toEqual([['infra/template.yaml']]);
      expect([...new Set(before.map(row => row.file))]).toEqual([
        'infra/template.yaml',
      ]);

      advance(DAY_MS);
      urlReader.readTree.mockRejectedValueOnce(new NotModifiedError());
      const outcome = await scanner.run(entity, { trigger: 'schedule' });
      expect(outcome.status).toBe('unchanged');
      expect(urlReader.readTree).toHaveBeenLastCalledWith(
        'https://git.example.com/org/orders/tree/main/',
        expect.objectContaining({ etag: 'etag-1' }),
      );
      // Nothing read again: the engine did not run.
      expect(filesRead).toEqual([['infra/template.yaml']]);
      expect(await findingRows(knex)).toEqual(before);
      expect(
        await knex('score_snapshots').where('entity_ref', ENTITY_REF),
      ).toHaveLength(1);
      expect(
        await knex('scan_checks').where('scan_id', outcome.scanId!),
      ).toEqual([]);
      expect(await store.getScan(outcome.scanId!)).toMatchObject({
        status: 'unchanged',
        etag: 'etag-1',
      });
      const row = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      expect(row).toMatchObject({
        last_scan_status: 'unchanged',
        etag: 'etag-1',
        lock_scan_id: null,
      });
    });

    it("scans a dir: location below its catalog file's folder, the root of the file system included, and refuses one a symlink leads out of it", async () => {
      const { store, scanner } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      // A catalog file at / (a container's): every folder is below its folder.
      const atRoot = componentEntity('orders', {
        annotations: {
          'backstage.io/managed-by-location': 'file:/catalog-info.yaml',
          'backstage.io/source-location': `dir:${dir}`,
        },
      });
      const scanned = await scanner.run(atRoot, { trigger: 'schedule' });
      expect(scanned.status).toBe('succeeded');
      expect(await store.getScan(scanned.scanId!)).toMatchObject({
        source: { type: 'dir', target: dir },
      });

      const outside = await makeRepo(root(), 'elsewhere', TEMPLATE_NO_DLQ);
      const link = path.join(dir, 'infra');
      await fs.symlink(outside, link);
      const linkedOut = componentEntity('orders', {
        dir,
        annotations: { 'backstage.io/source-location': 'dir:./infra' },
      });
      const refused = await scanner.run(linkedOut, { trigger: 'schedule' });
      expect(refused.status).toBe('failed');
      expect(refused.reason).toBe(
        "dir:./infra resolves outside the directory of the entity's catalog file",
      );
    });

    it('names a local location as written only where its disk path is quoted as a path of its own, once', async () => {
      const { scannerOf } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const real = path.join(dir, 'real-infra');
      await writeFiles(real, { 'template.yaml': TEMPLATE_NO_DLQ });
      await fs.symlink(real, path.join(dir, 'infra'));
      // An error quoting the folder read, and a longer path that ends with it.
      const scanner = scannerOf('engine-1', async scanRoot => {
        throw new Error(
          `Cannot read ${scanRoot}: ENOENT; the snapshot /mnt/backup${scanRoot} is stale`,
        );
      });
      // Written absolute, with a slash that its disk path has not.
      const absolute = componentEntity('orders', {
        dir,
        annotations: { 'backstage.io/source-location': `dir:${dir}/infra/` },
      });
      expect(
        (await scanner.run(absolute, { trigger: 'schedule' })).reason,
      ).toBe(
        `Cannot read dir:${dir}/infra/: ENOENT; the snapshot /mnt/backup${real} is stale`,
      );
    });

    it("names a local folder that vanished as the engine read it as the catalog writes it in the scan's error, and logs its path on the backend's disk", async () => {
      const { store, scannerOf, logger } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const infra = path.join(dir, 'infra');
      await writeFiles(infra, { 'template.yaml': TEMPLATE_NO_DLQ });
      const entity = componentEntity('orders', {
        dir,
        annotations: { 'backstage.io/source-location': 'dir:infra' },
      });
      // Removed once the scanner checked it, before the engine reads it.
      const scanner = scannerOf('engine-1', async (scanRoot, options) => {
        await fs.rm(infra, { recursive: true });
        return scanPath(scanRoot, options);
      });
      const failed = await scanner.run(entity, { trigger: 'schedule' });
      // As Node writes it (its call, lstat or realpath), the folder named so.
      const error = (failed.reason ?? '').replace(/, \w+ 'dir:infra'$/, '');
      expect(failed).toMatchObject({ status: 'failed' });
      expect(error).toBe(
        'DiscoveryError: Cannot read dir:infra: ENOENT: no such file or directory',
      );
      expect(await store.getScan(failed.scanId!)).toMatchObject({
        status: 'failed',
        error: failed.reason,
      });
      expect(logger.warn).toHaveBeenCalledWith(
        `Infra Compliance: scan of ${ENTITY_REF} failed: ${failed.reason} (dir:infra is ${infra} on this host)`,
      );
    });

    it('records a scan that finds what the last one did as unchanged, so that the scan retention deletes it, a local directory included', async () => {
      const { knex, store, scanner, filesRead, advance, now } = await setup(
        databaseId,
      );
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      const first = await scanner.run(entity, { trigger: 'schedule' });
      expect(first.status).toBe('succeeded');
      const findingsBefore = await findingRows(knex);
      const entityBefore = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();

      // A directory has no ETag: it is read and scanned again, and its
      // results are those of the last scan.
      const again: string[] = [];
      for (let i = 0; i < 3; i++) {
        advance(DAY_MS);
        const outcome = await scanner.run(entity, { trigger: 'schedule' });
        expect(outcome.status).toBe('unchanged');
        again.push(outcome.scanId!);
      }
      expect(filesRead).toEqual(Array(4).fill(['template.yaml']));
      // The folder of its catalog file, as `dir:.` names it: not the
      // backend's disk path.
      expect(await store.getScan(again[0])).toMatchObject({
        status: 'unchanged',
        source: { type: 'dir', target: '.' },
      });
      expect((await store.getEntitySummary(ENTITY_REF))?.source).toEqual({
        type: 'dir',
        target: '.',
      });
      expect(await findingRows(knex)).toEqual(findingsBefore);
      expect(
        await knex('score_snapshots').where('entity_ref', ENTITY_REF),
      ).toHaveLength(1);
      expect(await knex('scan_checks').whereIn('scan_id', again)).toEqual([]);
      expect(
        await knex('entities').where('entity_ref', ENTITY_REF).first(),
      ).toMatchObject({
        last_scan_id: again[2],
        last_scan_status: 'unchanged',
        last_success_scan_id: first.scanId,
        last_success_at: entityBefore.last_success_at,
        score: entityBefore.score,
        grade: entityBefore.grade,
        lock_scan_id: null,
      });

      // Past the retention, all but the entity's last scan and its
      // successful one go.
      expect(await store.pruneScans(now() + 1)).toBe(2);
      expect(
        await knex('scans')
          .where('entity_ref', ENTITY_REF)
          .orderBy('created_at')
          .pluck('id'),
      ).toEqual([first.scanId, again[2]]);

      // A change is a successful scan again.
      await writeTemplate(dir, TEMPLATE_WITH_DLQ);
      advance(DAY_MS);
      const fixed = await scanner.run(entity, { trigger: 'schedule' });
      expect(fixed.status).toBe('succeeded');
      expect((await findingByRule(knex, 'DLQ-001')).status).toBe('resolved');
      expect(
        await knex('score_snapshots').where('entity_ref', ENTITY_REF),
      ).toHaveLength(2);
    });

    it('records what a succeeded scan did not judge, the files it skipped and the types a Pulumi app creates that are not modelled, and counts a change of it as a change', async () => {
      const { store, scanner, advance, now } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const api = (resources: string[]) =>
        [
          "import * as aws from '@pulumi/aws';",
          "const api = new aws.apigateway.RestApi('api', {});",
          ...resources.map(
            name =>
              `new aws.apigateway.Resource('${name}', { restApi: api.id, parentId: api.rootResourceId, pathPart: '${name}' });`,
          ),
        ].join('\n');
      await writeFiles(dir, {
        'binary.yaml': 'AWSTemplateFormatVersion: x\n\0',
        'api/Pulumi.yaml': 'name: api\nruntime: nodejs\n',
        'api/index.ts': api(['items', 'orders']),
        // A program that creates nothing unmodelled is not listed.
        'queue/Pulumi.yaml': 'name: queue\nruntime: nodejs\n',
        'queue/index.ts':
          "import * as aws from '@pulumi/aws';\nnew aws.sqs.Queue('jobs', {});\n",
      });
      await fs.symlink('nowhere.yaml', path.join(dir, 'dangling.yaml'));
      const entity = componentEntity('orders', { dir });
      const coverage = (count: number) => ({
        skipped: [
          { path: 'binary.yaml', reason: 'binary file' },
          { path: 'dangling.yaml', reason: 'broken symlink' },
        ],
        notModelled: [
          {
            program: 'api/Pulumi.yaml',
            format: 'pulumi',
            types: [{ type: 'aws.apigateway.Resource', count }],
          },
        ],
      });

      const first = await scanner.run(entity, { trigger: 'schedule' });
      expect(first.status).toBe('succeeded');
      const scan = await store.getScan(first.scanId!);
      expect(scan!.counts!.filesSkipped).toBe(2);
      expect(scan!.coverage).toEqual(coverage(2));
      // The scorecard's three scans are this one: its coverage comes once, on
      // the scan the grade is of.
      const firstCard = await store.getEntityScorecard(ENTITY_REF, now());
      expect(firstCard!.lastScan).toEqual({
        ...scan,
        coverage: undefined,
        unusedSuppressions: undefined,
        configWarnings: undefined,
      });
      expect(firstCard!.lastScan).not.toHaveProperty('coverage');
      expect(firstCard!.lastCompletedScan).not.toHaveProperty('coverage');
      expect(firstCard!.lastSuccessfulScan).toEqual(scan);

      // The same results: nothing recorded but the scan, and no coverage on it.
      advance(DAY_MS);
      const same = await scanner.run(entity, { trigger: 'schedule' });
      expect(same.status).toBe('unchanged');
      expect(await store.getScan(same.scanId!)).not.toHaveProperty('coverage');
      const scorecard = await store.getEntityScorecard(ENTITY_REF, now());
      expect(scorecard!.lastScan!.id).toBe(same.scanId);
      expect(scorecard!.lastScan).not.toHaveProperty('coverage');
      expect(scorecard!.lastSuccessfulScan!.coverage).toEqual(coverage(2));

      // One more resource not modelled: the findings and checks are the
      // same, what the grade does not cover is not.
      await writeFiles(dir, {
        'api/index.ts': api(['items', 'orders', 'payments']),
      });
      advance(DAY_MS);
      const more = await scanner.run(entity, { trigger: 'schedule' });
      expect(more.status).toBe('succeeded');
      expect((await store.getScan(more.scanId!))!.counts).toMatchObject({
        new: 0,
        resolved: 0,
      });
      expect(
        (await store.getEntityScorecard(ENTITY_REF, now()))!.lastSuccessfulScan,
      ).toMatchObject({ id: more.scanId, coverage: coverage(3) });

      // A failed scan records none; the last successful one keeps its own.
      await fs.rm(dir, { recursive: true, force: true });
      advance(DAY_MS);
      const failed = await scanner.run(entity, { trigger: 'schedule' });
      expect(failed.status).toBe('failed');
      const afterFailure = await store.getEntityScorecard(ENTITY_REF, now());
      expect(afterFailure!.lastScan).toMatchObject({ status: 'failed' });
      expect(afterFailure!.lastScan).not.toHaveProperty('coverage');
      expect(afterFailure!.lastSuccessfulScan!.coverage).toEqual(coverage(3));

      // A list of scans leaves the coverage (and the unused suppressions and
      // config warnings) out.
      const list = await store.listScans(ENTITY_REF, 10, 0);
      expect(list.items.map(item => item.id)).toEqual([
        failed.scanId,
        more.scanId,
        same.scanId,
        first.scanId,
      ]);
      expect(list.items.filter(item => 'coverage' in item)).toEqual([]);
      const {
        coverage: _,
        unusedSuppressions: __,
        configWarnings: ___,
        ...listed
      } = (await store.getScan(more.scanId!))!;
      expect(list.items[1]).toEqual(listed);
    });

    it("records the suppressions a succeeded scan found unused, where the findings' files are, and counts a change of them as a change", async () => {
      const { knex, store, scanner, advance, now } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_WITH_DLQ);
      /** The worker with its dead-letter queue, its suppression of DLQ-001 (fixed) last, `gap` blank lines above it. */
      const worker = (gap: number | undefined) =>
        [
          "AWSTemplateFormatVersion: '2010-09-09'",
          'Resources:',
          '  DeadLetters:',
          '    Type: AWS::SQS::Queue',
          '    Properties:',
          '      MessageRetentionPeriod: 1209600',
          '  Worker:',
          '    Type: AWS::Lambda::Function',
          '    Properties:',
          '      Runtime: nodejs20.x',
          '      Handler: index.handler',
          '      Code:',
          '        ZipFile: exports.handler = async () => {};',
          '      Role: arn:aws:iam::123456789012:role/worker',
          '      DeadLetterConfig:',
          '        TargetArn: !GetAtt DeadLetters.Arn',
          ...(gap === undefined
            ? []
            : [
                '    Metadata:',
                '      infra-compliance:',
                '        suppress:',
                ...Array<string>(gap).fill(''),
                '          - id: DLQ-001',
                '            reason: the caller retries',
              ]),
          '',
        ].join('\n');
      await writeFiles(dir, { 'deploy/worker.yaml': worker(0) });
      const entity = componentEntity('orders', { dir });
      const unused = (line: number) => ({
        items: [
          {
            file: 'deploy/worker.yaml',
            line,
            resourceId: 'Worker',
            ruleId: 'DLQ-001',
          },
        ],
      });

      const first = await scanner.run(entity, { trigger: 'schedule' });
      expect(first.status).toBe('succeeded');
      const scan = await store.getScan(first.scanId!);
      expect(scan!.unusedSuppressions).toEqual(unused(20));
      // Its file as the findings' in it (from which links to the source are built).
      expect(
        await knex('findings').where('entity_ref', ENTITY_REF).pluck('file'),
      ).toContain('deploy/worker.yaml');
      // As the coverage, once, on the scan the grade is of.
      const firstCard = await store.getEntityScorecard(ENTITY_REF, now());
      expect(firstCard!.lastSuccessfulScan).toEqual(scan);
      expect(firstCard!.lastScan).not.toHaveProperty('unusedSuppressions');
      expect(firstCard!.lastCompletedScan).not.toHaveProperty(
        'unusedSuppressions',
      );
      expect(
        (await store.listScans(ENTITY_REF, 10, 0)).items[0],
      ).not.toHaveProperty('unusedSuppressions');

      // The same results: nothing recorded but the scan.
      advance(DAY_MS);
      const same = await scanner.run(entity, { trigger: 'schedule' });
      expect(same.status).toBe('unchanged');
      expect(await store.getScan(same.scanId!)).not.toHaveProperty(
        'unusedSuppressions',
      );
      expect(
        (await store.getEntityScorecard(ENTITY_REF, now()))!.lastSuccessfulScan,
      ).toMatchObject({ id: first.scanId, unusedSuppressions: unused(20) });

      // The suppression moved two lines down, the findings did not: the line
      // the page links to is not that of the last successful scan.
      await writeFiles(dir, { 'deploy/worker.yaml': worker(2) });
      advance(DAY_MS);
      const moved = await scanner.run(entity, { trigger: 'schedule' });
      expect(moved.status).toBe('succeeded');
      expect((await store.getScan(moved.scanId!))!.counts).toMatchObject({
        new: 0,
        resolved: 0,
      });
      expect(
        (await store.getEntityScorecard(ENTITY_REF, now()))!.lastSuccessfulScan,
      ).toMatchObject({ id: moved.scanId, unusedSuppressions: unused(22) });

      // A failed scan records none; the last successful one keeps its own.
      await fs.rm(dir, { recursive: true, force: true });
      advance(DAY_MS);
      const failed = await scanner.run(entity, { trigger: 'schedule' });
      expect(failed.status).toBe('failed');
      expect(await store.getScan(failed.scanId!)).not.toHaveProperty(
        'unusedSuppressions',
      );
      expect(
        (await store.getEntityScorecard(ENTITY_REF, now()))!.lastSuccessfulScan,
      ).toMatchObject({ id: moved.scanId, unusedSuppressions: unused(22) });

      // Removed: none left, the findings the same.
      await makeRepo(root(), 'orders', TEMPLATE_WITH_DLQ);
      await writeFiles(dir, { 'deploy/worker.yaml': worker(undefined) });
      advance(DAY_MS);
      const removed = await scanner.run(entity, { trigger: 'schedule' });
      expect(removed.status).toBe('succeeded');
      expect(
        (await store.getEntityScorecard(ENTITY_REF, now()))!.lastSuccessfulScan,
      ).toMatchObject({
        id: removed.scanId,
        unusedSuppressions: { items: [] },
      });
    });

    it('lists the first 100 unused suppressions, counts the others, and records none from an engine that does not report them', async () => {
      const { store, scannerOf } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_WITH_DLQ);
      const entity = componentEntity('orders', { dir });
      const reported = Array.from({ length: 102 }, (_, index) => ({
        file: 'template.yaml',
        line: index + 1,
        resourceId: 'Worker',
        ruleId: 'DLQ-001',
      }));
      const scannerReporting = (
        unusedSuppressions: typeof reported | undefined,
      ) =>
        scannerOf('engine-1', async (scanRoot, options) => ({
          ...(await scanPath(scanRoot, options)),
          unusedSuppressions,
        }));

      const many = await scannerReporting(reported).run(entity, {
        trigger: 'schedule',
      });
      expect((await store.getScan(many.scanId!))!.unusedSuppressions).toEqual({
        items: reported.slice(0, 100),
        notListed: 2,
      });

      const older = await scannerReporting(undefined).run(entity, {
        trigger: 'manual',
      });
      expect(older.status).toBe('succeeded');
      expect(await store.getScan(older.scanId!)).not.toHaveProperty(
        'unusedSuppressions',
      );
    });

    it('lists the first 100 files a scan skipped by path, and counts them all', async () => {
      const { store, scanner } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const binaries = Array.from(
        { length: 101 },
        (_, i) => `skipped-${String(i).padStart(3, '0')}.yaml`,
      );
      await writeFiles(dir, {
        ...Object.fromEntries(binaries.map(file => [file, 'x\0'])),
        // Skipped after the files discovery passes over, though it sorts first.
        'a/queue.ts': [
          "import * as sqs from 'aws-cdk-lib/aws-sqs';",
          "import { Construct } from 'constructs';",
          'export class Jobs extends Construct {',
          '  constructor(scope: Construct, id: string) {',
          '    super(scope, id);',
          "    new sqs.Queue(this, 'Queue');",
          '  }',
          '}',
        ].join('\n'),
      });
      const outcome = await scanner.run(componentEntity('orders', { dir }), {
        trigger: 'schedule',
      });
      expect(outcome.status).toBe('succeeded');
      const scan = await store.getScan(outcome.scanId!);
      expect(scan!.counts!.filesSkipped).toBe(102);
      expect(scan!.coverage).toEqual({
        skipped: [
          { path: 'a/queue.ts', reason: CODE_OF_NO_APP },
          ...binaries
            .slice(0, 99)
            .map(file => ({ path: file, reason: 'binary file' })),
        ],
        notModelled: [],
      });
    });

    it('lists the first 100 programs that create what is not modelled by path, and counts the others', async () => {
      const { store, scanner } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const apps = Array.from(
        { length: 102 },
        (_, i) => `infra/bin/app-${String(i).padStart(3, '0')}.ts`,
      );
      await writeFiles(dir, {
        'infra/package.json': '{ "name": "infra" }',
        ...Object.fromEntries(
          apps.map(app => [
            app,
            [
              "import { App, Stack } from 'aws-cdk-lib';",
              "import * as efs from 'aws-cdk-lib/aws-efs';",
              "new efs.FileSystem(new Stack(new App(), 'Api'), 'Files');",
            ].join('\n'),
          ]),
        ),
      });
      const outcome = await scanner.run(componentEntity('orders', { dir }), {
        trigger: 'schedule',
      });
      expect(outcome.status).toBe('succeeded');
      const scan = await store.getScan(outcome.scanId!);
      const fileSystem = [{ type: 'aws-efs.FileSystem', count: 1 }];
      expect(scan!.coverage!.notModelled).toEqual(
        apps
          .slice(0, 100)
          .map(program => ({ program, format: 'cdk', types: fileSystem })),
      );
      expect(scan!.coverage!.programsNotListed).toBe(2);
    });

    it('counts a file skipped for two reasons once, and lists both', async () => {
      const { store, scanner } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const queue = (name: string) =>
        [
          `  ${name}:`,
          '    Type: AWS::SQS::Queue',
          '    Properties:',
          "      Fn::ForEach::Keys: [Key, !Ref Keys, { '${Key}': alias/queues }]",
        ].join('\n');
      await writeFiles(dir, {
        'loops.yaml': [
          'Transform: AWS::LanguageExtensions',
          'Parameters:',
          '  Keys:',
          '    Type: CommaDelimitedList',
          'Resources:',
          queue('Jobs'),
          queue('Mail'),
        ].join('\n'),
      });
      const outcome = await scanner.run(componentEntity('orders', { dir }), {
        trigger: 'schedule',
      });
      expect(outcome.status).toBe('succeeded');
      const scan = await store.getScan(outcome.scanId!);
      expect(scan!.counts!.filesSkipped).toBe(1);
      expect(scan!.coverage!.skipped).toEqual([
        {
          path: 'loops.yaml',
          reason: expect.stringMatching(
            /^resource Jobs \(line 6\) is not judged/,
          ),
        },
        {
          path: 'loops.yaml',
          reason: expect.stringMatching(
            /^resource Mail \(line 10\) is not judged/,
          ),
        },
      ]);
    });

    it('names a CDK app without a cdk.json by its entry point, as the apps of one package share its package.json', async () => {
      const { store, scanner } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const app = (stack: string) =>
        [
          "import { App, Stack } from 'aws-cdk-lib';",
          "import * as efs from 'aws-cdk-lib/aws-efs';",
          `new efs.FileSystem(new Stack(new App(), '${stack}'), 'Files');`,
        ].join('\n');
      await writeFiles(dir, {
        'infra/package.json': '{ "name": "infra" }',
        'infra/bin/api.ts': app('Api'),
        'infra/bin/worker.ts': app('Worker'),
        // A project file names its program.
        'edge/cdk.json': '{ "app": "npx ts-node bin/edge.ts" }',
        'edge/bin/edge.ts': app('Edge'),
      });
      const outcome = await scanner.run(componentEntity('orders', { dir }), {
        trigger: 'schedule',
      });
      expect(outcome.status).toBe('succeeded');
      const scan = await store.getScan(outcome.scanId!);
      const fileSystem = [{ type: 'aws-efs.FileSystem', count: 1 }];
      expect(scan!.coverage!.notModelled).toEqual([
        { program: 'edge/cdk.json', format: 'cdk', types: fileSystem },
        { program: 'infra/bin/api.ts', format: 'cdk', types: fileSystem },
        { program: 'infra/bin/worker.ts', format: 'cdk', types: fileSystem },
      ]);
    });

    it('serves a scan whose stored coverage is not the JSON of one without it', async () => {
      const scanning = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const { scanId } = await scanning.scanner.run(
        componentEntity('orders', { dir }),
        { trigger: 'schedule' },
      );
      expect((await scanning.store.getScan(scanId!))!.coverage).toEqual({
        skipped: [],
        notModelled: [],
      });
      await expectServedWithout(scanning, scanId!, 'coverage', 'coverage', [
        '{"skipped": [',
        '"skipped"',
        'null',
        '{}',
      ]);
    });

    it('serves a scan whose stored unused suppressions are not the JSON of them without them', async () => {
      const scanning = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const { scanId } = await scanning.scanner.run(
        componentEntity('orders', { dir }),
        { trigger: 'schedule' },
      );
      expect(
        (await scanning.store.getScan(scanId!))!.unusedSuppressions,
      ).toEqual({ items: [] });
      await expectServedWithout(
        scanning,
        scanId!,
        'unusedSuppressions',
        'unused_suppressions',
        ['{"items": [', '"items"', 'null', '{}', '[]'],
      );
    });

    it('serves a scan whose stored config warnings are not the JSON of them without them', async () => {
      const scanning = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const { scanId } = await scanning.scanner.run(
        componentEntity('orders', { dir }),
        { trigger: 'schedule' },
      );
      expect((await scanning.store.getScan(scanId!))!.configWarnings).toEqual(
        [],
      );
      await expectServedWithout(
        scanning,
        scanId!,
        'configWarnings',
        'config_warnings',
        [
          '["a"',
          '"a"',
          'null',
          '{}',
          '[1]',
          '[{"line": 2, "message": "a"}]',
          '[{"file": ".infra-compliance.yaml", "line": 0, "message": "a"}]',
        ],
      );
    });

    it('serves a scan whose config warnings a development backend stored as lines of text without them, and the next scan stores them with their fields', async () => {
      const { knex, store, scanner, advance, now } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      await writeFiles(dir, {
        '.infra-compliance.yaml': 'rules:\n  disable: [DLQ-001, dlq-001]\n',
      });
      const entity = componentEntity('orders', { dir });
      const message =
        'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough';
      const first = await scanner.run(entity, { trigger: 'schedule' });
      const { configWarnings, ...withoutThem } = (await store.getScan(
        first.scanId!,
      ))!;
      expect(configWarnings).toEqual([
        { file: '.infra-compliance.yaml', line: 2, message },
      ]);
      // As the warnings' commit first stored them: their text.
      await knex('scans')
        .where('id', first.scanId!)
        .update({
          config_warnings: JSON.stringify([
            `.infra-compliance.yaml:2: ${message}`,
          ]),
        });
      expect(await store.getScan(first.scanId!)).toEqual(withoutThem);
      expect(
        (await store.getEntityScorecard(ENTITY_REF, now()))!.lastSuccessfulScan,
      ).toEqual(withoutThem);

      // Not the warnings the next scan finds: it is no unchanged scan.
      advance(DAY_MS);
      const next = await scanner.run(entity, { trigger: 'schedule' });
      expect(next.status).toBe('succeeded');
      expect(
        (await store.getEntityScorecard(ENTITY_REF, now()))!.lastSuccessfulScan,
      ).toMatchObject({ id: next.scanId, configWarnings });
    });

    it('records in the score history the score a waiver changes between scans that find the same, and its expiry', async () => {
      const { knex, store, scanner, advance, now } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      const scan = async () =>
        (await scanner.run(entity, { trigger: 'schedule' })).status;
      const first = await scanner.run(entity, { trigger: 'schedule' });
      expect(first.status).toBe('succeeded');
      const scoreNow = async () =>
        (await store.getEntityScorecard(ENTITY_REF, now()))!.score;
      const unwaived = await scoreNow();

      advance(DAY_MS);
      const waivedAt = now();
      await grantWaiver(store, {
        id: waiverId(3),
        entityRef: ENTITY_REF,
        ruleId: 'DLQ-001',
        now: waivedAt,
        expiresAt: waivedAt + 2 * DAY_MS,
      });
      const waived = await scoreNow();
      expect(waived).toBeGreaterThan(unwaived!);
      advance(DAY_MS);
      expect(await scan()).toBe('unchanged');
      // The waiver expired, and a scan finding the same is the first to see it.
      advance(2 * DAY_MS);
      const expiredAt = now();
      expect(await scan()).toBe('unchanged');
      expect(await scoreNow()).toBe(unwaived);
      // The expiry task after it finds the score already refreshed.
      expect((await store.applyExpiredWaivers(now())).refreshed).toEqual([
        ENTITY_REF,
      ]);
      advance(DAY_MS);
      expect(await scan()).toBe('unchanged');

      const history = await store.getHistory(ENTITY_REF, {
        since: 0,
        limit: 10,
      });
      // Each score the entity had, from when it had it; the scans found the first scan's results.
      expect(
        history.snapshots.map(snapshot => ({
          takenAt: snapshot.takenAt,
          score: snapshot.score,
          scanId: snapshot.scanId,
          opened: Number(snapshot.new) + Number(snapshot.reopened),
        })),
      ).toEqual([
        {
          takenAt: new Date(waivedAt - DAY_MS).toISOString(),
          score: unwaived,
          scanId: first.scanId,
          opened: (await store.getScan(first.scanId!))!.counts!.new,
        },
        {
          takenAt: new Date(waivedAt).toISOString(),
          score: waived,
          scanId: first.scanId,
          opened: 0,
        },
        {
          takenAt: new Date(expiredAt).toISOString(),
          score: unwaived,
          scanId: first.scanId,
          opened: 0,
        },
      ]);
      const stored = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      expect(Number(stored.score)).toBe(unwaived);
      // The findings opened per day are the first scan's only.
      expect(history.timeline.reduce((sum, day) => sum + day.opened, 0)).toBe(
        history.snapshots[0].new,
      );
      expect(
        (await store.rollup({ owners: [OWNER_REF], since: 0 })).timeline,
      ).toEqual(history.timeline);
    });

    it('records a scan of another revision whose results are unchanged as unchanged, and reuses its ETag', async () => {
      const { knex, scanner, urlReader, advance } = await setup(databaseId);
      const entity = componentEntity('orders', { url: ORDERS_URL });
      urlReader.readTree.mockImplementation(async (_url, options) => {
        if (options?.etag === 'commit-2') throw new NotModifiedError();
        // commit-2 changed the README only: the same template.
        return treeResponse(options?.etag ? 'commit-2' : 'commit-1', {
          'template.yaml': TEMPLATE_NO_DLQ,
        });
      });
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
      advance(DAY_MS);
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'unchanged',
      );
      expect(
        await knex('entities').where('entity_ref', ENTITY_REF).first(),
      ).toMatchObject({ etag: 'commit-2', last_scan_status: 'unchanged' });
      advance(DAY_MS);
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'unchanged',
      );
      expect(urlReader.readTree).toHaveBeenLastCalledWith(
        'https://git.example.com/org/orders/tree/main/',
        expect.objectContaining({ etag: 'commit-2' }),
      );
      expect(
        await knex('score_snapshots').where('entity_ref', ENTITY_REF),
      ).toHaveLength(1);
    });

    it("rescans a Pulumi app whose lockfile alone changed, with the @pulumi/aws version it installs, and finds another revision's same lockfile unchanged", async () => {
      const { knex, scanner, urlReader, advance } = await setup(databaseId);
      const entity = componentEntity('orders', { url: ORDERS_URL });
      // ^7.0.0 allows 7.20.0's default runtime, Node.js 20 (deprecated by the
      // scan's date), and 7.30.0's, Node.js 22: only the lockfile says which.
      const app = (installed: string) => ({
        'Pulumi.yaml': 'name: orders\nruntime: nodejs\n',
        'index.ts':
          "import * as aws from '@pulumi/aws';\nnew aws.lambda.CallbackFunction('fn', { callback: async () => {} });\n",
        'package.json': JSON.stringify({
          dependencies: { '@pulumi/aws': '^7.0.0' },
        }),
        'yarn.lock': `"@pulumi/aws@^7.0.0":\n  version "${installed}"\n`,
        'README.md': `Installs @pulumi/aws ${installed}.`,
      });
      const scanTree = async (etag: string, tree: Record<string, string>) => {
        // The tree as readTree gives it: only the files its filter keeps.
        urlReader.readTree.mockImplementationOnce(async (_url, options) =>
          treeResponse(
            etag,
            Object.fromEntries(
              Object.entries(tree).filter(([file]) => options!.filter!(file)),
            ),
          ),
        );
        advance(DAY_MS);
        const { status } = await scanner.run(entity, { trigger: 'schedule' });
        const open = (await findingRows(knex))
          .filter(row => row.status === 'open' && row.rule_id === 'OPS-005')
          .map(row => row.message.match(/runtime (\S+)/)?.[1]);
        return { status, open };
      };
      expect(await scanTree('commit-1', app('7.20.0'))).toEqual({
        status: 'succeeded',
        open: ['nodejs20.x'],
      });
      expect(await scanTree('commit-2', app('7.30.0'))).toEqual({
        status: 'succeeded',
        open: [],
      });
      expect(
        await scanTree('commit-3', {
          ...app('7.30.0'),
          'README.md': 'Another revision.',
        }),
      ).toEqual({ status: 'unchanged', open: [] });
    });

    it('reads an unchanged repository again after the engine changes, and only then', async () => {
      const { knex, scannerOf, urlReader, advance } = await setup(databaseId);
      const entity = componentEntity('orders', { url: ORDERS_URL });
      urlReader.readTree.mockImplementation(async (_url, options) => {
        if (options?.etag === 'etag-1') throw new NotModifiedError();
        return treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ });
      });
      // An engine package as run from source; each start of the backend reads its signature.
      const engine = path.join(root(), 'engine');
      await writeFiles(engine, {
        'package.json': JSON.stringify({
          name: 'engine',
          version: '0.1.0',
          main: 'src/index.ts',
        }),
        'src/rules/DLQ-001.ts': 'export const checks = 1;\n',
      });
      const signature = () =>
        readEngineSignature({
          logger: mockServices.logger.mock(),
          packages: [
            {
              packageFile: path.join(engine, 'package.json'),
              dependencies: true,
            },
          ],
        });
      const scan = async () => {
        advance(DAY_MS);
        const { status } = await scannerOf(signature()).run(entity, {
          trigger: 'schedule',
        });
        return { status, etag: urlReader.readTree.mock.lastCall?.[1]?.etag };
      };
      expect(await scan()).toEqual({ status: 'succeeded', etag: undefined });
      expect(await scan()).toEqual({ status: 'unchanged', etag: 'etag-1' });

      // A rule fixed without a version bump.
      await writeFiles(engine, {
        'src/rules/DLQ-001.ts': 'export const checks = 2;\n',
      });
      expect(await scan()).toEqual({ status: 'succeeded', etag: undefined });
      const row = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      expect(row.engine_signature).toBe(signature());
      expect(await scan()).toEqual({ status: 'unchanged', etag: 'etag-1' });
    });

    it("reads an unchanged repository again after a fix to the backend's code that stores a scan's results, and only then", async () => {
      const { knex, scannerOf, urlReader, advance } = await setup(databaseId);
      const entity = componentEntity('orders', { url: ORDERS_URL });
      urlReader.readTree.mockImplementation(async (_url, options) => {
        if (options?.etag === 'etag-1') throw new NotModifiedError();
        return treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ });
      });
      // Each start of the backend reads the signature of the code it runs.
      const scan = async () => {
        advance(DAY_MS);
        const signature = readEngineSignature({
          logger: mockServices.logger.mock(),
        });
        const { status } = await scannerOf(signature).run(entity, {
          trigger: 'schedule',
        });
        return { status, etag: urlReader.readTree.mock.lastCall?.[1]?.etag };
      };
      expect(await scan()).toEqual({ status: 'succeeded', etag: undefined });
      expect(await scan()).toEqual({ status: 'unchanged', etag: 'etag-1' });

      // A fix to how the store turns findings into rows, the engine unchanged.
      const restore = readAsEdited(
        path.resolve(__dirname, '../database/ComplianceStore.ts'),
        '\n// fixed\n',
      );
      try {
        expect(await scan()).toEqual({ status: 'succeeded', etag: undefined });
        const row = await knex('entities')
          .where('entity_ref', ENTITY_REF)
          .first();
        expect(row.engine_signature).toBe(
          readEngineSignature({ logger: mockServices.logger.mock() }),
        );
        expect(await scan()).toEqual({ status: 'unchanged', etag: 'etag-1' });
      } finally {
        restore();
      }
    });

    it("reads unchanged repositories again the day a rule's outcome changes with the date, and only then", async () => {
      const { knex, scanner, urlReader, advance, now } = await setup(
        databaseId,
      );
      // Orders runs on Node.js 22, deprecated on 2027-04-30: OPS-005 reports it from 2027-01-30 on, 90 days ahead.
      // Billing runs on Node.js 20, deprecated already, and nothing of it changes that day.
      const trees: Record<string, string> = {
        orders: TEMPLATE_NO_DLQ.replace('nodejs20.x', 'nodejs22.x'),
        billing: TEMPLATE_NO_DLQ,
      };
      urlReader.readTree.mockImplementation(async (url, options) => {
        const name = url.split('/')[4];
        if (options?.etag === `etag-${name}`) throw new NotModifiedError();
        return treeResponse(`etag-${name}`, { 'template.yaml': trees[name] });
      });
      const scanOn = async (date: string, name: string) => {
        advance(Date.parse(`${date}T10:00:00Z`) - now());
        const entity = componentEntity(name, {
          url: `https://git.example.com/org/${name}/tree/main/`,
        });
        const { status } = await scanner.run(entity, { trigger: 'schedule' });
        const ops005 = await knex('findings').where({
          entity_ref: `component:default/${name}`,
          rule_id: 'OPS-005',
          status: 'open',
        });
        return {
          status,
          etag: urlReader.readTree.mock.lastCall?.[1]?.etag,
          ops005: ops005.map(row => row.message.match(/which (.*?);/)?.[1]),
        };
      };
      const billingFinding = ['was deprecated by AWS on 2026-04-30'];

      expect(await scanOn('2027-01-28', 'orders')).toEqual({
        status: 'succeeded',
        etag: undefined,
        ops005: [],
      });
      expect(await scanOn('2027-01-28', 'billing')).toEqual({
        status: 'succeeded',
        etag: undefined,
        ops005: billingFinding,
      });
      // No rule's outcome changed: the ETags are reused.
      expect(await scanOn('2027-01-29', 'orders')).toEqual({
        status: 'unchanged',
        etag: 'etag-orders',
        ops005: [],
      });
      expect(await scanOn('2027-01-29', 'billing')).toEqual({
        status: 'unchanged',
        etag: 'etag-billing',
        ops005: billingFinding,
      });
      // Node.js 22 is 90 days from its deprecation: both are read and scanned again, and Orders gets its finding.
      expect(await scanOn('2027-01-30', 'orders')).toEqual({
        status: 'succeeded',
        etag: undefined,
        ops005: ['will be deprecated by AWS on 2027-04-30'],
      });
      expect(await scanOn('2027-01-30', 'billing')).toEqual({
        status: 'unchanged',
        etag: undefined,
        ops005: billingFinding,
      });
      expect(await scanOn('2027-01-31', 'orders')).toMatchObject({
        status: 'unchanged',
        etag: 'etag-orders',
      });
      expect(await scanOn('2027-01-31', 'billing')).toMatchObject({
        status: 'unchanged',
        etag: 'etag-billing',
      });
    });

    it('reads the tree again when the source location moves within an unchanged repository', async () => {
      const { knex, scanner, urlReader, advance } = await setup(databaseId);
      const located = (folder: string) =>
        componentEntity('orders', {
          url: `https://git.example.com/org/mono/tree/main/services/${folder}/`,
        });
      // Like GitHub's reader: the ETag is the commit, whatever folder is read.
      urlReader.readTree.mockImplementation(async (url, options) => {
        if (options?.etag === 'commit-1') throw new NotModifiedError();
        return treeResponse('commit-1', {
          'template.yaml': url.includes('/a/')
            ? TEMPLATE_NO_DLQ
            : TEMPLATE_WITH_DLQ,
        });
      });
      await scanner.run(located('a'), { trigger: 'schedule' });
      expect((await findingByRule(knex, 'DLQ-001')).status).toBe('open');

      advance(DAY_MS);
      const outcome = await scanner.run(located('b'), { trigger: 'schedule' });
      expect(outcome.status).toBe('succeeded');
      expect(urlReader.readTree).toHaveBeenLastCalledWith(
        'https://git.example.com/org/mono/tree/main/services/b/',
        expect.objectContaining({ etag: undefined }),
      );
      expect((await findingByRule(knex, 'DLQ-001')).status).toBe('resolved');

      // The same folder again: the ETag is reused.
      advance(DAY_MS);
      expect(
        (await scanner.run(located('b'), { trigger: 'schedule' })).status,
      ).toBe('unchanged');
    });

    it('reads the tree again when infra-compliance/paths changes', async () => {
      const { knex, scanner, urlReader, advance } = await setup(databaseId);
      const withPaths = (paths: string) =>
        componentEntity('orders', {
          url: ORDERS_URL,
          annotations: {
            'infra-compliance/paths': paths,
          },
        });
      urlReader.readTree.mockImplementation(async (_url, options) => {
        if (options?.etag === 'commit-1') throw new NotModifiedError();
        return treeResponse('commit-1', {
          'infra/template.yaml': TEMPLATE_NO_DLQ,
          'other/template.yaml': TEMPLATE_NO_DLQ,
        });
      });
      await scanner.run(withPaths('infra/**'), { trigger: 'schedule' });
      advance(DAY_MS);
      const outcome = await scanner.run(withPaths('infra/**,other/**'), {
        trigger: 'schedule',
      });
      expect(outcome.status).toBe('succeeded');
      const open = await knex('findings').where({
        entity_ref: ENTITY_REF,
        status: 'open',
      });
      expect(new Set(open.map(row => row.file))).toEqual(
        new Set(['infra/template.yaml', 'other/template.yaml']),
      );
      // The same globs in another order read the same files: the ETag is reused.
      advance(DAY_MS);
      expect(
        (
          await scanner.run(withPaths('other/**,infra/**'), {
            trigger: 'schedule',
          })
        ).status,
      ).toBe('unchanged');
    });

    it('counts every check a rule waiver covers as passed, generated resources sharing an id included', async () => {
      const { knex, store, scanner, now } = await setup(databaseId);
      // Two SQS events: two mappings SAM generates, both named Fn in the findings.
      const dir = await makeRepo(
        root(),
        'orders',
        `Transform: AWS::Serverless-2016-10-31
Resources:
  A:
    Type: AWS::SQS::Queue
    Properties: { RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3 } }
  B:
    Type: AWS::SQS::Queue
    Properties: { RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3 } }
  Dlq:
    Type: AWS::SQS::Queue
    Properties: { MessageRetentionPeriod: 1209600 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        One: { Type: SQS, Properties: { Queue: !GetAtt A.Arn } }
        Two: { Type: SQS, Properties: { Queue: !GetAtt B.Arn } }
`,
      );
      await scanner.run(componentEntity('orders', { dir }), {
        trigger: 'schedule',
      });
      const rows = await knex('findings')
        .where({ entity_ref: ENTITY_REF, rule_id: 'DLQ-005' })
        .orderBy('generated_resource_id');
      expect(
        rows.map(row => [row.resource_id, row.generated_resource_id]),
      ).toEqual([
        ['Fn', 'FnOne'],
        ['Fn', 'FnTwo'],
      ]);
      const before = await store.getEntityScorecard(ENTITY_REF, now());
      const failedBefore = before!.categories.dlq!.failed;
      expect(failedBefore).toBeGreaterThanOrEqual(2);

      await grantWaiver(store, {
        entityRef: ENTITY_REF,
        ruleId: 'DLQ-005',
        now: now(),
      });
      const after = await store.getEntityScorecard(ENTITY_REF, now());
      expect(after!.categories.dlq).toMatchObject({
        failed: failedBefore - 2,
        passed: before!.categories.dlq!.passed + 2,
      });
    });

    it('stops applying an expired waiver', async () => {
      const { knex, store, scanner, now, advance } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      expect(
        (
          await scanner.run(componentEntity('orders', { dir }), {
            trigger: 'schedule',
          })
        ).status,
      ).toBe('succeeded');
      const unwaived = await store.getEntityScorecard(ENTITY_REF, now());
      expect(unwaived!.categories.dlq).toMatchObject({
        score: 0,
        failed: 1,
        open: 1,
      });

      const dlq = await findingByRule(knex, 'DLQ-001');
      const { waiver } = await grantWaiver(store, {
        entityRef: ENTITY_REF,
        fingerprint: dlq.fingerprint,
        now: now(),
        expiresAt: now() + DAY_MS,
      });
      expect(waiver.active).toBe(true);

      const waived = await store.getEntityScorecard(ENTITY_REF, now());
      expect(waived!.categories.dlq).toMatchObject({
        score: 100,
        passed: 1,
        failed: 0,
        open: 0,
      });
      expect(waived!.waived).toBe(1);
      expect(waived!.score!).toBeGreaterThan(unwaived!.score!);
      const waivedFindings = await store.listFindings(
        ENTITY_REF,
        { waived: true, limit: 10, offset: 0 },
        now(),
      );
      expect(waivedFindings.items.map(f => f.ruleId)).toEqual(['DLQ-001']);
      expect(waivedFindings.items[0]).toMatchObject({
        waived: true,
        waiverId: waiver.id,
      });
      const stored = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      expect(Number(stored.score_dlq)).toBe(100);

      advance(DAY_MS + 1);
      const expired = await store.getEntityScorecard(ENTITY_REF, now());
      expect(expired!.categories.dlq).toMatchObject({
        score: 0,
        failed: 1,
        open: 1,
      });
      expect(expired!.waived).toBe(0);
      expect(expired!.score).toBe(unwaived!.score);
      expect((await store.getWaiver(waiver.id, now()))!.active).toBe(false);
      const after = await store.listFindings(
        ENTITY_REF,
        { waived: true, limit: 10, offset: 0 },
        now(),
      );
      expect(after.totalCount).toBe(0);
      const active = await store.listWaivers(
        { entityRef: ENTITY_REF, active: true },
        10,
        0,
        now(),
      );
      expect(active.totalCount).toBe(0);

      // The stored (overview, roll-up) figures follow when the expiry task runs, without waiting for a scan.
      expect(
        Number(
          (await knex('entities').where('entity_ref', ENTITY_REF).first())
            .score_dlq,
        ),
      ).toBe(100);
      expect(await store.applyExpiredWaivers(now())).toEqual({
        refreshed: [ENTITY_REF],
        regraded: [
          {
            entityRef: ENTITY_REF,
            gradeBefore: waived!.grade,
            gradeAfter: unwaived!.grade,
          },
        ],
        failed: [],
      });
      const refreshed = await knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first();
      expect(Number(refreshed.score_dlq)).toBe(0);
      expect(Number(refreshed.score)).toBe(unwaived!.score);
      const rollup = await store.rollup({ owners: [OWNER_REF], since: 0 });
      expect(rollup.open.total).toBe(unwaived!.open.total);
      expect(rollup.waived).toBe(0);
      // Applied once: the next run finds nothing to do.
      expect(await store.applyExpiredWaivers(now() + DAY_MS)).toEqual({
        refreshed: [],
        regraded: [],
        failed: [],
      });
    });

    it('answers an on-demand request with the running scan, and drops abandoned ones', async () => {
      const { store, scanner, advance } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      const first = await scanner.enqueue(entity, 'user:default/alice');
      expect(first).toMatchObject({ existing: false });
      const again = await scanner.enqueue(entity, 'user:default/bob');
      expect(again).toEqual({ scanId: (first as any).scanId, existing: true });
      // The replica that queued it died: after the lock timeout a new scan is queued.
      advance(31 * 60 * 1000);
      const fresh = await scanner.enqueue(entity, 'user:default/bob');
      expect(fresh).toMatchObject({ existing: false });
      expect((fresh as any).scanId).not.toBe((first as any).scanId);
      expect(await store.getScan((first as any).scanId)).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('Interrupted'),
      });
      const outcome = await scanner.run(entity, {
        trigger: 'manual',
        scanId: (fresh as any).scanId,
      });
      expect(outcome.status).toBe('succeeded');
      expect(await store.getScan((fresh as any).scanId)).toMatchObject({
        status: 'succeeded',
        trigger: 'manual',
        requestedBy: 'user:default/bob',
      });
    });

    it('keeps the lock of a live scan longer than lockTimeout with its heartbeat, and drops a dead one after lockTimeout', async () => {
      const { knex, store, urlReader } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      let release: () => void = () => {};
      const gate = new Promise<void>(resolve => {
        release = resolve;
      });
      const lockTimeoutMs = 1000;
      // The time the scanners see moves only when the test moves it: a
      // loaded machine that delays a beat cannot make a live lock stale.
      let clock = Date.parse('2026-11-01T10:00:00Z');
      const now = () => clock;
      const slow = new EntityScanner({
        store,
        urlReader,
        logger: mockServices.logger.mock(),
        lockTimeoutMs,
        heartbeatMs: 10,
        engineSignature: 'engine-1',
        now,
        scan: async (scanRoot, options) => {
          await gate;
          return scanPath(scanRoot, options);
        },
      });
      const other = new EntityScanner({
        store,
        urlReader,
        logger: mockServices.logger.mock(),
        lockTimeoutMs,
        engineSignature: 'engine-1',
        now,
      });
      const lockAt = async () =>
        Number(
          (await knex('entities').where('entity_ref', ENTITY_REF).first())
            .lock_at,
        );

      // A live scan that takes longer than 2.5 lock timeouts: a beat after
      // each quarter of one.
      const queued = (await slow.enqueue(entity, 'user:default/alice')) as {
        scanId: string;
      };
      const running = slow.run(entity, {
        trigger: 'manual',
        scanId: queued.scanId,
      });
      for (let beat = 1; beat <= 10; beat++) {
        clock += lockTimeoutMs / 4;
        while ((await lockAt()) !== clock)
          await new Promise(resolve => setImmediate(resolve));
      }
      expect(await other.enqueue(entity, 'user:default/bob')).toEqual({
        scanId: queued.scanId,
        existing: true,
      });
      expect(await other.run(entity, { trigger: 'schedule' })).toMatchObject({
        status: 'skipped',
        reason: expect.stringContaining(queued.scanId),
      });
      release();
      expect(await running).toMatchObject({ status: 'succeeded' });

      // A scan whose backend died: no more beats.
      expect(
        await store.claimEntity(ENTITY_REF, 'dead-scan', clock, 1),
      ).toEqual({ claimed: true });
      await store.createScan({
        id: 'dead-scan',
        entityRef: ENTITY_REF,
        trigger: 'schedule',
        status: 'running',
        now: clock,
      });
      expect(await other.enqueue(entity, 'user:default/bob')).toEqual({
        scanId: 'dead-scan',
        existing: true,
      });
      clock += lockTimeoutMs + 100;
      const fresh = await other.enqueue(entity, 'user:default/bob');
      expect(fresh).toMatchObject({ existing: false });
      expect(await store.getScan('dead-scan')).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('Interrupted'),
      });
      // It runs to its end: the same tree, the same results.
      expect(
        await other.run(entity, {
          trigger: 'manual',
          scanId: (fresh as { scanId: string }).scanId,
        }),
      ).toMatchObject({ status: 'unchanged' });
    });

    it('never lets two scans of one entity interleave', async () => {
      const { store, scanner, scannerOf, now } = await setup(databaseId);
      const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
      const entity = componentEntity('orders', { dir });
      await scanner.register(entity);
      // Another replica holds the lock.
      expect(
        await store.claimEntity(ENTITY_REF, 'other-scan', now(), 60_000),
      ).toEqual({ claimed: true });
      const outcome = await scanner.run(entity, { trigger: 'schedule' });
      expect(outcome).toMatchObject({
        status: 'skipped',
        reason: expect.stringContaining('other-scan'),
      });
      // A scan that lost its lock cannot commit.
      await expect(
        store.commitScan(
          scanWrite(ENTITY_REF, {
            scanId: 'not-the-holder',
            at: now(),
            engineSignature: 'x',
            filesScanned: 0,
          }),
        ),
      ).rejects.toThrow(/no longer holds the lock/);
      // Concurrent runs of the same entity: exactly one scans. The run that
      // claims the entity is held in its scan step until the others have
      // ended, so that the three overlap however the machine schedules them:
      // unheld, a run slow to reach its claim could start after another
      // finished, and rightly scan again.
      await store
        .knex('entities')
        .where('entity_ref', ENTITY_REF)
        .update({ lock_scan_id: null, lock_at: null });
      let scansStarted = 0;
      let scanReached!: () => void;
      const reached = new Promise<void>(resolve => (scanReached = resolve));
      let releaseScan!: () => void;
      const scanHeld = new Promise<void>(resolve => (releaseScan = resolve));
      const holding = scannerOf('engine-1', async (scanRoot, options) => {
        scansStarted += 1;
        // Only the first scan is held: a second one ends (and fails the
        // test) rather than hanging it.
        if (scansStarted === 1) {
          scanReached();
          await scanHeld;
        }
        return scanPath(scanRoot, options);
      });
      const runs = [1, 2, 3].map(() =>
        holding.run(entity, { trigger: 'schedule' }),
      );
      const ended: ScanOutcome[] = [];
      const othersEnded = new Promise<void>((resolve, reject) => {
        for (const run of runs) {
          run.then(settled => {
            ended.push(settled);
            if (ended.length === 2) resolve();
          }, reject);
        }
      });
      await Promise.all([reached, othersEnded]);
      const { lock_scan_id: holder } = await store
        .knex('entities')
        .where('entity_ref', ENTITY_REF)
        .first('lock_scan_id');
      expect(scansStarted).toBe(1);
      expect(ended).toEqual([
        {
          entityRef: ENTITY_REF,
          status: 'skipped',
          reason: `scan ${holder} of this entity is running`,
        },
        {
          entityRef: ENTITY_REF,
          status: 'skipped',
          reason: `scan ${holder} of this entity is running`,
        },
      ]);
      releaseScan();
      const outcomes = await Promise.all(runs);
      const ran = outcomes.filter(o => o.status === 'succeeded');
      expect(ran).toEqual([
        { scanId: holder, entityRef: ENTITY_REF, status: 'succeeded' },
      ]);
      // The others say which scan holds the entity.
      expect(
        outcomes.filter(o => o.status === 'skipped').map(o => o.reason),
      ).toEqual([
        `scan ${ran[0].scanId} of this entity is running`,
        `scan ${ran[0].scanId} of this entity is running`,
      ]);
    });
  },
);

describe('unjudgedFiles', () => {
  it('names the files that did not parse or were not read, not a file read with a resource skipped', () => {
    const unjudged = unjudgedFiles({
      files: [
        { path: 'stack.yaml', format: 'cloudformation', resources: 3 },
        { path: 'broken.yaml', format: 'cloudformation', resources: 0 },
      ],
      skipped: [
        { path: 'big.template.json', reason: 'larger than 1048576 bytes' },
        { path: 'infra/private', reason: 'unreadable: EACCES' },
        {
          path: 'stack.yaml',
          reason: 'resource Loop (line 4) is not judged: a Fn::ForEach loop',
        },
      ],
      findings: [
        {
          ruleId: 'PARSE-001',
          severity: 'high',
          category: 'parsing',
          file: 'broken.yaml',
          line: 7,
          resourceId: '',
          resourceType: '',
          message: 'parse error',
          remediation: '',
          fingerprint: 'abcdef12',
          confidence: 'high',
          format: 'cloudformation',
        },
      ],
    });
    expect([...unjudged.paths].sort()).toEqual([
      'big.template.json',
      'broken.yaml',
      'infra/private',
    ]);
    expect(unjudged.programFormats).toEqual([]);
    expect(unjudged.judgedFiles).toEqual(['stack.yaml', 'broken.yaml']);
  });
});

describe('unjudgedFiles of programs', () => {
  it("leaves unjudged the unread files of a CDK or Pulumi app whose project file or a module was skipped, not a stack's settings", () => {
    const unjudged = (skipped: string[]) =>
      unjudgedFiles({
        files: [
          { path: 'template.yaml', format: 'cloudformation', resources: 1 },
        ],
        skipped: skipped.map(file => ({ path: file, reason: 'skipped' })),
        findings: [],
      }).programFormats;
    expect(unjudged(['infra/cdk.json'])).toEqual(['cdk']);
    expect(unjudged(['Pulumi.yaml', 'svc/Pulumi.yml'])).toEqual(['pulumi']);
    expect(unjudged(['Pulumi.dev.yaml', 'my-cdk.json', 'big.py'])).toEqual([]);
    // A module skipped: what only it imports is not reached, whichever program it is in.
    expect(unjudged(['lib/big.ts']).sort()).toEqual(['cdk', 'pulumi']);
    expect(unjudged(['src/generated.mjs']).sort()).toEqual(['cdk', 'pulumi']);
  });
});

describe('unjudgedFiles of the programs a scan ran', () => {
  const queue = { format: 'cdk' as const, resources: 1 };
  const unjudged = unjudgedFiles({
    files: [
      { path: 'a/bin/app.ts', ...queue },
      { path: 'a/lib/stack.ts', ...queue },
      { path: 'b/bin/app.ts', ...queue },
    ],
    skipped: [
      {
        path: 'a/bin/app.ts',
        reason: 'the program takes more than 500,000 steps to evaluate',
      },
    ],
    programs: [
      {
        format: 'cdk',
        project: 'a/cdk.json',
        main: 'a/bin/app.ts',
        files: ['a/bin/app.ts', 'a/lib/stack.ts', 'shared/names.ts'],
        partlyRead: true,
      },
      {
        format: 'cdk',
        project: 'b/cdk.json',
        main: 'b/bin/app.ts',
        files: ['b/bin/app.ts', 'b/lib/queue.ts', 'shared/queues.ts'],
      },
    ],
    findings: [],
  });

  it('leaves unjudged every file a program read only in part read, and the unread files of its format', () => {
    expect(unjudged.paths).toEqual([
      'a/bin/app.ts',
      'a/lib/stack.ts',
      'shared/names.ts',
    ]);
    // Not Pulumi's: the entry point read in part is a CDK app's.
    expect(unjudged.programFormats).toEqual(['cdk']);
  });

  it("judges the own files of a program read in full, a module that declares nothing included, not one it shares with another folder's", () => {
    expect(unjudged.judgedFiles).toEqual([
      'a/bin/app.ts',
      'a/lib/stack.ts',
      'b/bin/app.ts',
      'b/lib/queue.ts',
    ]);
  });

  it('leaves to a nested app, read or not, the files in its folder an app at the root reads', () => {
    const { judgedFiles } = unjudgedFiles({
      files: [{ path: 'bin/app.ts', format: 'cdk', resources: 1 }],
      skipped: [{ path: 'legacy/cdk.json', reason: 'skipped' }],
      programs: [
        {
          format: 'cdk',
          project: 'cdk.json',
          main: 'bin/app.ts',
          files: [
            'bin/app.ts',
            'legacy/lib/queues.ts',
            'lib/names.ts',
            'orders/lib/queues.ts',
          ],
        },
        {
          format: 'pulumi',
          project: 'orders/Pulumi.yaml',
          main: 'orders/index.ts',
          files: ['orders/index.ts'],
        },
      ],
      findings: [],
    });
    expect(judgedFiles).toEqual([
      'bin/app.ts',
      'lib/names.ts',
      'orders/index.ts',
    ]);
  });

  it('judges the own files of a CDK app without a cdk.json, in the folder of its package.json or entry point', () => {
    const { judgedFiles } = unjudgedFiles({
      files: [
        { path: 'svc/lib/stack.ts', format: 'cdk', resources: 1 },
        { path: 'pattern/src/api/index.ts', format: 'cdk', resources: 1 },
      ],
      skipped: [],
      programs: [
        {
          format: 'cdk',
          project: 'svc/package.json',
          main: 'svc/bin/app.ts',
          files: ['svc/bin/app.ts', 'svc/lib/names.ts', 'svc/lib/stack.ts'],
        },
        {
          format: 'cdk',
          project: 'pattern/src/index.ts',
          main: 'pattern/src/index.ts',
          files: ['pattern/src/api/index.ts', 'pattern/src/index.ts'],
        },
      ],
      findings: [],
    });
    expect(judgedFiles.sort()).toEqual([
      'pattern/src/api/index.ts',
      'pattern/src/index.ts',
      'svc/bin/app.ts',
      'svc/lib/names.ts',
      'svc/lib/stack.ts',
    ]);
  });

  it('judges only the files that declare something of a program a file of which does not parse', () => {
    const { judgedFiles, paths } = unjudgedFiles({
      files: [{ path: 'b/bin/app.ts', format: 'cdk', resources: 0 }],
      skipped: [],
      programs: [
        {
          format: 'cdk',
          project: 'b/cdk.json',
          main: 'b/bin/app.ts',
          files: ['b/bin/app.ts', 'b/lib/queue.ts'],
        },
      ],
      findings: [
        {
          ruleId: 'PARSE-001',
          severity: 'high',
          category: 'parsing',
          file: 'b/bin/app.ts',
          line: 3,
          resourceId: '',
          resourceType: '',
          message: 'parse error',
          remediation: '',
          fingerprint: 'abcdef12',
          confidence: 'high',
          format: 'cdk',
        },
      ],
    });
    expect(judgedFiles).toEqual(['b/bin/app.ts']);
    expect(paths).toEqual(['b/bin/app.ts']);
  });
});

describe('isIacRelevantPath', () => {
  it('keeps template files and the config file, drops the rest', () => {
    expect(isIacRelevantPath('template.yaml')).toBe(true);
    expect(isIacRelevantPath('infra/stack.template.json')).toBe(true);
    expect(isIacRelevantPath('.infra-compliance.yaml')).toBe(true);
    expect(isIacRelevantPath('src/index.png')).toBe(false);
    expect(isIacRelevantPath('node_modules/x/template.yaml')).toBe(false);
  });

  it('keeps the files Terraform code loads with file() and templatefile()', () => {
    expect(isIacRelevantPath('infra/policies/worker.tftpl')).toBe(true);
    expect(isIacRelevantPath('infra/user_data.tpl')).toBe(true);
    expect(isIacRelevantPath('.terraform/modules/x/policy.tftpl')).toBe(false);
  });

  it("keeps the VTL templates a CDK app's AppSync resolvers load with MappingTemplate.fromFile", () => {
    expect(isIacRelevantPath('app/resolvers/start.vtl')).toBe(true);
    expect(isIacRelevantPath('app/node_modules/x/request.vtl')).toBe(false);
  });

  it('keeps the lockfiles that say which @pulumi/aws or aws-cdk-lib an app installs', () => {
    expect(isIacRelevantPath('app/yarn.lock')).toBe(true);
    expect(isIacRelevantPath('pnpm-lock.yaml')).toBe(true);
    expect(isIacRelevantPath('app/package-lock.json')).toBe(true);
    expect(isIacRelevantPath('app/node_modules/x/yarn.lock')).toBe(false);
    // A workspace's, at its root above an app in a subfolder, with the package.json whose workspaces Yarn lists.
    expect(isIacRelevantPath('yarn.lock')).toBe(true);
    expect(isIacRelevantPath('package-lock.json')).toBe(true);
    expect(isIacRelevantPath('package.json')).toBe(true);
  });

  it('drops what terraform init and Terragrunt download or copy, which the engine never scans', () => {
    expect(isIacRelevantPath('envs/prod/.terraform/modules/fn/main.tf')).toBe(
      false,
    );
    expect(
      isIacRelevantPath(
        'live/prod/.terragrunt-cache/AbC/XyZ/modules/queue/main.tf',
      ),
    ).toBe(false);
  });
});

describe('mayChangeScanResults', () => {
  it('counts a changed file the read keeps, not one it drops', () => {
    expect(mayChangeScanResults('template.yaml', [])).toBe(true);
    expect(mayChangeScanResults('README.md', [])).toBe(false);
    expect(mayChangeScanResults('node_modules/x/template.yaml', [])).toBe(
      false,
    );
  });

  it('counts, with include globs, a file they leave in, the config file and a file the code may load, not another', () => {
    const include = ['infra/**'];
    expect(mayChangeScanResults('infra/template.yaml', include)).toBe(true);
    expect(mayChangeScanResults('app/template.yaml', include)).toBe(false);
    expect(mayChangeScanResults('app/main.tf', include)).toBe(false);
    expect(mayChangeScanResults('.infra-compliance.yaml', include)).toBe(true);
    // A policy a Terraform file() in infra/ may read, and a CDK app's lockfile.
    expect(mayChangeScanResults('policies/worker.tftpl', include)).toBe(true);
    expect(mayChangeScanResults('yarn.lock', include)).toBe(true);
  });
});
