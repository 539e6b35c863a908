/*
 * API latency benchmark on a large generated database: PostgreSQL, or
 * SQLite (BENCH_CLIENT=better-sqlite3).
 *
 * Fills a fresh database with 5,000 entities and 1,000,000 findings (plus
 * scans, per-rule checks, score snapshots and waivers), generated inside
 * the database with series of numbers (bulk, a few seconds), then serves the
 * plugin's real router over HTTP and prints p50/p95 latencies of the
 * endpoints the UI calls most: entity scorecard, findings page, overview,
 * group and catalog roll-ups, owners; the lists also as a user whom a
 * conditional policy lets read half of the entities. Prints figures; it is
 * not a timed test.
 *
 *   cd plugins/infra-compliance-backend && yarn bench
 *   # or: node -r @backstage/cli/config/nodeTransform.cjs bench/api.ts
 *
 * Environment:
 *   BENCH_CLIENT      pg (default) or better-sqlite3
 *   BENCH_PG_URL      PostgreSQL server (default postgresql://postgres@127.0.0.1:5432)
 *   BENCH_DATABASE    database to (re)create (default infra_compliance_bench;
 *                     with SQLite, a file of that name in the temporary folder)
 *   BENCH_ENTITIES    default 5000
 *   BENCH_FINDINGS    findings per entity, default 200 (5000 × 200 = 1,000,000)
 *   BENCH_REQUESTS    timed requests per endpoint, default 200
 *   BENCH_MONOREPO_FINDINGS  findings of one more, large entity (a
 *                     monorepo), default 100000; its endpoints are timed
 *                     over BENCH_REQUESTS / 10 requests (its SARIF export
 *                     over BENCH_REQUESTS / 40)
 *   BENCH_KEEP=1      keep the database afterwards
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RULE_CATALOG } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { DEFAULT_CONFIG } from '../src/config';
import { ComplianceStore, DAY_MS } from '../src/database/ComplianceStore';
import { applyDatabaseMigrations } from '../src/database/migrations';
import { createRouter } from '../src/service/router';

const PG_URL =
  process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const DATABASE = process.env.BENCH_DATABASE ?? 'infra_compliance_bench';
const SQLITE = process.env.BENCH_CLIENT === 'better-sqlite3';
const SQLITE_FILE = path.join(os.tmpdir(), `${DATABASE}.sqlite`);
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 5000);
const FINDINGS_PER_ENTITY = Number(process.env.BENCH_FINDINGS ?? 200);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const MONOREPO_FINDINGS = Number(
  process.env.BENCH_MONOREPO_FINDINGS ?? 100_000,
);
const MONOREPO = 'component:default/monorepo';
const TEAMS = 200;
const DEPARTMENTS = 20;
const SCANS_PER_ENTITY = 30;
const NOW = Date.now();

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await work();
  log(
    `  ${label}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(
      1,
    )} s`,
  );
  return result;
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** PostgreSQL's md5(text)::uuid::text. */
function md5Uuid(text: string): string {
  const hex = md5(text);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * What the two databases write differently: a series of numbers
 * (PostgreSQL's generate_series, a recursive query on SQLite, both named
 * `name`), and a UUID made of a text (on SQLite by functions of the
 * connection: md5 and md5_uuid).
 */
const dialect = {
  series: (name: string, from: number, to: number, step = 1) =>
    SQLITE
      ? `(with recursive t(${name}) as (select ${from} union all select ${name} + ${step} from t where ${name} + ${step} <= ${to}) select ${name} from t) as ${name}`
      : `generate_series(${from}, ${to}, ${step}) as ${name}`,
  uuid: (text: string) =>
    SQLITE ? `md5_uuid(${text})` : `md5(${text})::uuid::text`,
};

async function createDatabase(): Promise<Knex> {
  if (SQLITE) {
    fs.rmSync(SQLITE_FILE, { force: true });
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: SQLITE_FILE },
      useNullAsDefault: true,
      pool: {
        afterCreate: (db: any, done: (error?: Error) => void) => {
          db.function('md5', (text: unknown) => md5(String(text)));
          db.function('md5_uuid', (text: unknown) => md5Uuid(String(text)));
          done();
        },
      },
    });
  }
  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres` });
  await admin.raw(`drop database if exists ${DATABASE}`);
  await admin.raw(`create database ${DATABASE}`);
  await admin.destroy();
  return knexFactory({
    client: 'pg',
    connection: `${PG_URL}/${DATABASE}`,
    pool: { min: 2, max: 10 },
  });
}

async function dropDatabase(): Promise<void> {
  if (SQLITE) {
    fs.rmSync(SQLITE_FILE, { force: true });
    return;
  }
  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres` });
  await admin.raw(`drop database if exists ${DATABASE}`);
  await admin.destroy();
}

async function fill(knex: Knex) {
  const rules = RULE_CATALOG.filter(rule => rule.id !== 'PARSE-001');
  const rank: Record<string, number> = {
    critical: 0,
    high: 1,
    medium: 2,
    low: 3,
  };
  const ruleValues = rules
    .map(
      (rule, index) =>
        `(${index}, '${rule.id}', '${rule.severity}', ${
          rank[rule.severity]
        }, '${rule.category}')`,
    )
    .join(',');
  // VALUES columns are column1, column2… on both databases.
  const ruleTable = `(select column1 as idx, column2 as id, column3 as severity, column4 as rank, column5 as category from (values ${ruleValues}) as v) as r`;
  const scanId = (entity: string, scan: string | number) =>
    dialect.uuid(`cast(${entity} as text) || '-' || cast(${scan} as text)`);

  await timed(`entities (${ENTITIES})`, () =>
    knex.raw(
      `insert into entities (entity_ref, kind, namespace, name, title, sort_name, owner_ref, system_ref, lifecycle, type,
         in_catalog, scannable, source_type, source_target, last_scan_id, last_scan_status, last_scan_at,
         last_success_scan_id, last_success_at, updated_at)
       select 'component:default/svc-' || i, 'Component', 'default', 'svc-' || i, 'Service ' || i, 'service ' || i,
         'group:default/team-' || (i % ${TEAMS}), 'system:default/sys-' || (i % 500),
         case i % 3 when 0 then 'production' when 1 then 'experimental' else 'deprecated' end, 'service',
         true, true, 'url', 'https://git.example.com/org/svc-' || i,
         ${scanId('i', SCANS_PER_ENTITY - 1)}, 'succeeded', ${NOW},
         ${scanId('i', SCANS_PER_ENTITY - 1)}, ${NOW}, ${NOW}
       from ${dialect.series('i', 0, ENTITIES - 1)}`,
    ),
  );

  await timed(`scans (${ENTITIES * SCANS_PER_ENTITY})`, () =>
    knex.raw(
      `insert into scans (id, entity_ref, trigger, status, source_type, source_target, etag, created_at, started_at,
         finished_at, duration_ms, files_scanned, files_skipped, checks_total, findings_total, findings_new,
         findings_reopened, findings_resolved)
       select ${scanId(
         'i',
         's',
       )}, 'component:default/svc-' || i, 'schedule', 'succeeded', 'url',
         'https://git.example.com/org/svc-' || i, 'etag-' || s,
         ${NOW} - cast(${SCANS_PER_ENTITY} - 1 - s as bigint) * ${DAY_MS} * 6, ${NOW} - cast(${SCANS_PER_ENTITY} - 1 - s as bigint) * ${DAY_MS} * 6,
         ${NOW} - cast(${SCANS_PER_ENTITY} - 1 - s as bigint) * ${DAY_MS} * 6 + 2000, 2000, 12, 0, 400,
         ${FINDINGS_PER_ENTITY}, 3, 1, 2
       from ${dialect.series('i', 0, ENTITIES - 1)}, ${dialect.series(
        's',
        0,
        SCANS_PER_ENTITY - 1,
      )}`,
    ),
  );

  await timed(`scan_checks (${ENTITIES * rules.length})`, () =>
    knex.raw(
      `insert into scan_checks (scan_id, rule_id, category, severity, passed, failed)
       select ${scanId(
         'i',
         SCANS_PER_ENTITY - 1,
       )}, r.id, r.category, r.severity, 10 + (i + r.idx) % 7,
         (${FINDINGS_PER_ENTITY} / ${rules.length}) + 1
       from ${dialect.series('i', 0, ENTITIES - 1)},
         ${ruleTable}`,
    ),
  );

  await timed(`findings (${ENTITIES * FINDINGS_PER_ENTITY})`, () =>
    knex.raw(
      `insert into findings (entity_ref, fingerprint, status, rule_id, severity, severity_rank, category, format,
         confidence, file, line, resource_id, resource_type, property, message, suppressed, suppression_reason,
         first_seen_at, last_seen_at, resolved_at, reopened_at, reopened_count, first_scan_id, last_scan_id,
         resolved_scan_id)
       select 'component:default/svc-' || i, md5(cast(i as text) || ':' || cast(j as text)),
         case when (i * 7 + j) % 10 < 7 then 'open' else 'resolved' end,
         r.id, r.severity, r.rank, r.category, 'cloudformation', 'high',
         'stacks/stack-' || (j % 5) || '.yaml', 10 + j * 7, 'Resource' || j, 'AWS::Lambda::Function',
         case when j % 3 = 0 then 'Properties.DeadLetterConfig' else null end,
         'Function Resource' || j || ' of svc-' || i || ' fails ' || r.id || ' in a way the message spells out in one sentence.',
         (i + j) % 50 = 0, case when (i + j) % 50 = 0 then 'Accepted by the platform team' else null end,
         ${NOW} - cast((i * 31 + j * 17) % 180 as bigint) * ${DAY_MS},
         ${NOW},
         case when (i * 7 + j) % 10 < 7 then null
              else ${NOW} - cast((i * 31 + j * 17) % 180 as bigint) * ${DAY_MS} + cast((i + j) % 30 + 1 as bigint) * ${DAY_MS} / 2 end,
         case when j % 40 = 0 then ${NOW} - ${DAY_MS} else null end,
         case when j % 40 = 0 then 1 else 0 end,
         ${scanId('i', 0)}, ${scanId('i', SCANS_PER_ENTITY - 1)},
         case when (i * 7 + j) % 10 < 7 then null else ${scanId(
           'i',
           SCANS_PER_ENTITY - 2,
         )} end
       from ${dialect.series('i', 0, ENTITIES - 1)}, ${dialect.series(
        'j',
        0,
        FINDINGS_PER_ENTITY - 1,
      )}
       join ${ruleTable} on r.idx = j % ${rules.length}`,
    ),
  );

  await timed(
    'waivers (one per 5 entities, rule-level and finding-level)',
    () =>
      knex.raw(
        `insert into waivers (id, entity_ref, rule_id, fingerprint, reason, author, created_at, expires_at)
       select ${dialect.uuid(`'waiver-' || i`)}, 'component:default/svc-' || i,
         case when i % 2 = 0 then '${rules[0].id}' else null end,
         case when i % 2 = 1 then md5(cast(i as text) || ':' || 1) else null end,
         'Accepted risk', 'user:default/alice', ${NOW} - ${DAY_MS},
         case when i % 4 = 1 then ${NOW} - 1000 else ${NOW} + cast(90 as bigint) * ${DAY_MS} end
       from ${dialect.series('i', 0, ENTITIES - 1, 5)}`,
      ),
  );

  await timed(`monorepo entity (${MONOREPO_FINDINGS} findings)`, async () => {
    const scan = dialect.uuid(`'monorepo'`);
    await knex.raw(
      `insert into entities (entity_ref, kind, namespace, name, title, sort_name, owner_ref, lifecycle, type, in_catalog, scannable,
         source_type, source_target, last_scan_id, last_scan_status, last_scan_at, last_success_scan_id, last_success_at, updated_at)
       values ('${MONOREPO}', 'Component', 'default', 'monorepo', 'Monorepo', 'monorepo', 'group:default/team-0', 'production', 'service',
         true, true, 'url', 'https://git.example.com/org/monorepo', ${scan}, 'succeeded', ${NOW}, ${scan}, ${NOW}, ${NOW})`,
    );
    await knex.raw(
      `insert into scans (id, entity_ref, trigger, status, source_type, source_target, created_at, started_at, finished_at,
         files_scanned, files_skipped, checks_total, findings_total)
       values (${scan}, '${MONOREPO}', 'schedule', 'succeeded', 'url', 'https://git.example.com/org/monorepo',
         ${NOW}, ${NOW}, ${NOW}, 3000, 0, ${
        MONOREPO_FINDINGS * 2
      }, ${MONOREPO_FINDINGS})`,
    );
    await knex.raw(
      `insert into scan_checks (scan_id, rule_id, category, severity, passed, failed)
       select ${scan}, r.id, r.category, r.severity, ${Math.ceil(
        MONOREPO_FINDINGS / rules.length,
      )}, ${Math.ceil(MONOREPO_FINDINGS / rules.length)}
       from ${ruleTable}`,
    );
    await knex.raw(
      `insert into findings (entity_ref, fingerprint, status, rule_id, severity, severity_rank, category, format,
         confidence, file, line, resource_id, resource_type, message, suppressed, first_seen_at, last_seen_at,
         resolved_at, first_scan_id, last_scan_id, resolved_scan_id)
       select '${MONOREPO}', md5('monorepo:' || cast(j as text)), case when j % 10 < 7 then 'open' else 'resolved' end,
         r.id, r.severity, r.rank, r.category, 'cloudformation', 'high', 'stacks/stack-' || (j % 3000) || '.yaml',
         10 + j % 500, 'Resource' || j, 'AWS::Lambda::Function', 'Function Resource' || j || ' fails ' || r.id,
         j % 50 = 0, ${NOW} - cast(j % 180 as bigint) * ${DAY_MS}, ${NOW},
         case when j % 10 < 7 then null else ${NOW} - cast(j % 90 as bigint) * ${DAY_MS} end,
         ${scan}, ${scan}, case when j % 10 < 7 then null else ${scan} end
       from ${dialect.series('j', 0, MONOREPO_FINDINGS - 1)}
       join ${ruleTable} on r.idx = j % ${rules.length}`,
    );
    // A rule waived, and one finding.
    await knex.raw(
      `insert into waivers (id, entity_ref, rule_id, fingerprint, reason, author, created_at)
       values (${dialect.uuid(`'monorepo-rule'`)}, '${MONOREPO}', '${
        rules[1].id
      }', null, 'Accepted risk', 'user:default/alice', ${NOW}),
         (${dialect.uuid(
           `'monorepo-finding'`,
         )}, '${MONOREPO}', null, md5('monorepo:0'), 'Accepted risk', 'user:default/alice', ${NOW})`,
    );
  });

  await timed(`score_snapshots (${ENTITIES * SCANS_PER_ENTITY})`, () =>
    knex.raw(
      `insert into score_snapshots (scan_id, entity_ref, taken_at, grade, score, score_dlq, score_alarms,
         score_encryption, score_iam, score_logging, score_operations, categories, open_critical, open_high,
         open_medium, open_low, open_total, waived_total, suppressed_total, new_count, reopened_count, resolved_count)
       select ${scanId('i', 's')}, 'component:default/svc-' || i,
         ${NOW} - cast(${SCANS_PER_ENTITY} - 1 - s as bigint) * ${DAY_MS} * 6 + 2000,
         substr('ABCDEF', cast(1 + (i + s) % 6 as integer), 1), 40 + (i + s) % 60, (i * 3 + s) % 101, (i * 5 + s) % 101,
         (i * 7 + s) % 101, (i * 11 + s) % 101, (i * 13 + s) % 101, (i * 17 + s) % 101, '{}',
         (i + s) % 4, (i + s) % 20, (i + s) % 50, (i + s) % 70, 140, 2, 3, 3, 1, 2
       from ${dialect.series('i', 0, ENTITIES - 1)}, ${dialect.series(
        's',
        0,
        SCANS_PER_ENTITY - 1,
      )}`,
    ),
  );

  await timed('entity scores and open counts (SQL aggregate)', () =>
    knex.raw(
      `update entities as e set
         open_critical = c.critical, open_high = c.high, open_medium = c.medium, open_low = c.low,
         open_total = c.total, suppressed_total = c.suppressed,
         score = 40 + (length(e.name) * 7 + c.total) % 60,
         grade = substr('ABCDEF', cast(1 + (length(e.name) + c.total) % 6 as integer), 1),
         score_dlq = c.total % 101, score_alarms = (c.total * 3) % 101, score_encryption = (c.total * 5) % 101,
         score_iam = (c.total * 7) % 101, score_logging = (c.total * 11) % 101, score_operations = (c.total * 13) % 101,
         categories = '{}'
       from (
         select entity_ref,
           count(*) filter (where not suppressed and severity = 'critical') as critical,
           count(*) filter (where not suppressed and severity = 'high') as high,
           count(*) filter (where not suppressed and severity = 'medium') as medium,
           count(*) filter (where not suppressed and severity = 'low') as low,
           count(*) filter (where not suppressed) as total,
           count(*) filter (where suppressed) as suppressed
         from findings where status = 'open' group by entity_ref
       ) c
       where c.entity_ref = e.entity_ref`,
    ),
  );

  await timed(
    'entity_rule_counts and remediation totals (SQL aggregate)',
    async () => {
      await knex.raw(
        `insert into entity_rule_counts (entity_ref, rule_id, category, severity, open, waived, suppressed)
       select f.entity_ref, f.rule_id, f.category, f.severity,
         count(*) filter (where not f.suppressed and w.id is null),
         count(*) filter (where not f.suppressed and w.id is not null),
         count(*) filter (where f.suppressed)
       from findings f
       left join waivers w on w.entity_ref = f.entity_ref and w.revoked_at is null
         and (w.expires_at is null or w.expires_at > ${NOW})
         and (w.rule_id = f.rule_id or w.fingerprint = f.fingerprint)
       where f.status = 'open'
       group by f.entity_ref, f.rule_id, f.category, f.severity`,
      );
      await knex.raw(
        `update entities as e set remediated_count = r.n, remediation_ms_sum = r.ms
       from (select entity_ref, count(*) as n, sum(resolved_at - first_seen_at) as ms
             from findings where status = 'resolved' group by entity_ref) r
       where r.entity_ref = e.entity_ref`,
      );
    },
  );

  await timed('analyze', () => knex.raw('analyze'));
  if (SQLITE) {
    const bytes = fs.statSync(SQLITE_FILE).size;
    log(`  database size: ${Math.round(bytes / 1024 / 1024)} MB`);
    return;
  }
  const size = await knex.raw(
    `select pg_size_pretty(pg_database_size(current_database())) as size`,
  );
  log(`  database size: ${size.rows[0].size}`);
}

function errorHandler(
  error: any,
  _req: express.Request,
  res: express.Response,
  _next: express.NextFunction,
) {
  const statuses: Record<string, number> = {
    InputError: 400,
    NotFoundError: 404,
  };
  const status = statuses[error?.name] ?? 500;
  res
    .status(status)
    .json({ error: { name: error?.name, message: error?.message } });
}

/** Groups for the roll-up: engineering → 20 departments → 200 teams. */
function catalogGroups(): Map<string, Entity> {
  const groups = new Map<string, Entity>();
  const group = (name: string, children: string[]): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: children.map(child => ({
      type: 'parentOf',
      targetRef: `group:default/${child}`,
    })),
  });
  const departments = Array.from(
    { length: DEPARTMENTS },
    (_, d) => `dept-${d}`,
  );
  groups.set('group:default/engineering', group('engineering', departments));
  for (let d = 0; d < DEPARTMENTS; d++) {
    const teams = Array.from(
      { length: TEAMS / DEPARTMENTS },
      (_, k) => `team-${d + k * DEPARTMENTS}`,
    );
    groups.set(`group:default/dept-${d}`, group(`dept-${d}`, teams));
    for (const team of teams)
      groups.set(`group:default/${team}`, group(team, []));
  }
  return groups;
}

/**
 * `everything`: the user may read every entity (as under the allow-all
 * policy). `half`: a conditional policy under which the catalog lists every
 * other service to the user, so lists and roll-ups filter by 2,500 refs.
 */
type ReadPolicy = 'everything' | 'half';

async function serve(
  knex: Knex,
  readPolicy: ReadPolicy,
): Promise<{ url: string; close: () => Promise<void> }> {
  const groups = catalogGroups();
  const halfOfTheServices = Array.from(
    { length: Math.ceil(ENTITIES / 2) },
    (_, i) => ({
      kind: 'Component',
      metadata: { namespace: 'default', name: `svc-${2 * i}` },
    }),
  );
  const listResult =
    readPolicy === 'everything'
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.CONDITIONAL;
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  } as any;
  const router = await createRouter({
    config: DEFAULT_CONFIG,
    store: new ComplianceStore(knex),
    scanner: {} as any,
    queuedScans: {} as any,
    catalog: {
      getEntityByRef: async (ref: string) => groups.get(String(ref)),
      getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
        items: entityRefs.map(ref => groups.get(ref)),
      }),
      getEntities: async () => ({ items: halfOfTheServices }),
    } as any,
    httpAuth: { credentials: async () => credentials } as any,
    auth: {
      isPrincipal: (c: any, type: string) => c.principal.type === type,
    } as any,
    permissions: {
      authorize: async (requests: unknown[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async (requests: unknown[]) =>
        requests.map(() => ({ result: listResult })),
    } as any,
    auditor: {} as any,
    logger: console as any,
    // No integrations: git.example.com is no known host (the SARIF export's %SRCROOT% is the URL).
    scmIntegrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const app = express();
  app.use('/api/infra-compliance', router);
  app.use(errorHandler);
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/infra-compliance`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function measure(
  label: string,
  makeUrl: (i: number) => string,
  requests = REQUESTS,
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url: string) =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      http
        .get(url, { agent }, res => {
          let bytes = 0;
          res.on('data', chunk => {
            bytes += chunk.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        })
        .on('error', reject);
    });
  // warm-up
  for (let i = 0; i < Math.min(10, requests); i++)
    await get(makeUrl(i + 100_000));
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < requests; i++) {
    const started = process.hrtime.bigint();
    const response = await get(makeUrl(i));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (response.status !== 200)
      throw new Error(`${label}: HTTP ${response.status} for ${makeUrl(i)}`);
    bytes += response.bytes;
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const row = [
    label.padEnd(46),
    percentile(times, 50).toFixed(1).padStart(8),
    percentile(times, 95).toFixed(1).padStart(8),
    times[times.length - 1].toFixed(1).padStart(8),
    String(Math.round(bytes / requests)).padStart(9),
  ];
  log(row.join(' '));
  return { label, p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  log(
    `Infra Compliance API benchmark: ${ENTITIES} entities, ${
      ENTITIES * FINDINGS_PER_ENTITY
    } findings, ${
      SQLITE ? `SQLite ${SQLITE_FILE}` : `PostgreSQL ${PG_URL}/${DATABASE}`
    }`,
  );
  const knex = await createDatabase();
  try {
    log('Filling the database:');
    await timed('migrations', () => applyDatabaseMigrations(knex));
    await fill(knex);
    const server = await serve(knex, 'everything');
    const halfServer = await serve(knex, 'half');
    const pick = (i: number) => (i * 7919) % ENTITIES; // spread over the table
    log(`\n${REQUESTS} sequential requests per endpoint (ms):`);
    log(
      `${'endpoint'.padEnd(46)} ${'p50'.padStart(8)} ${'p95'.padStart(
        8,
      )} ${'max'.padStart(8)} ${'bytes'.padStart(9)}`,
    );
    const results = [
      await measure(
        'GET entity scorecard',
        i =>
          `${server.url}/entities/component/default/svc-${pick(i)}/scorecard`,
      ),
      await measure(
        'GET entity findings (open, page of 50)',
        i =>
          `${server.url}/entities/component/default/svc-${pick(
            i,
          )}/findings?limit=50`,
      ),
      await measure(
        'GET entity findings (filtered, sorted, page 2)',
        i =>
          `${server.url}/entities/component/default/svc-${pick(
            i,
          )}/findings?status=all&severity=high,critical&sort=firstSeen&order=desc&limit=20&offset=20`,
      ),
      await measure(
        'GET monorepo scorecard (large entity)',
        () => `${server.url}/entities/component/default/monorepo/scorecard`,
        Math.ceil(REQUESTS / 10),
      ),
      await measure(
        'GET monorepo findings (open, as the UI asks)',
        i =>
          `${
            server.url
          }/entities/component/default/monorepo/findings?status=open&waived=false&suppressed=false&limit=50&offset=${
            (i % 5) * 50
          }`,
        Math.ceil(REQUESTS / 10),
      ),
      await measure(
        'GET monorepo findings (by first seen, page 2)',
        () =>
          `${server.url}/entities/component/default/monorepo/findings?status=all&sort=firstSeen&order=desc&limit=20&offset=20`,
        Math.ceil(REQUESTS / 10),
      ),
      await measure(
        'GET monorepo findings (all, by severity)',
        () =>
          `${server.url}/entities/component/default/monorepo/findings?status=all&limit=50`,
        Math.ceil(REQUESTS / 10),
      ),
      await measure(
        'GET monorepo findings (by resolved, page 2)',
        () =>
          `${server.url}/entities/component/default/monorepo/findings?status=all&sort=resolvedAt&order=desc&limit=20&offset=20`,
        Math.ceil(REQUESTS / 10),
      ),
      // Every open finding (70,000) in one document: a few requests.
      await measure(
        'GET monorepo SARIF export',
        () => `${server.url}/entities/component/default/monorepo/sarif`,
        Math.ceil(REQUESTS / 40),
      ),
      await measure(
        'GET overview (sort by score, page of 50)',
        i =>
          `${server.url}/entities?sort=score&order=asc&limit=50&offset=${
            (i % 20) * 50
          }`,
      ),
      await measure(
        'GET overview (sort by IAM score, page of 50)',
        i =>
          `${server.url}/entities?sort=score.iam&order=desc&limit=50&offset=${
            (i % 20) * 50
          }`,
      ),
      await measure(
        'GET overview (filter owner + lifecycle)',
        i =>
          `${server.url}/entities?owner=team-${
            i % TEAMS
          }&lifecycle=production&sort=critical&order=desc`,
      ),
      await measure(
        'GET group roll-up: team (25 entities)',
        i => `${server.url}/groups/default/team-${i % TEAMS}/rollup`,
      ),
      await measure(
        'GET group roll-up: department (250 entities)',
        i => `${server.url}/groups/default/dept-${i % DEPARTMENTS}/rollup`,
      ),
      await measure(
        'GET group roll-up: whole org (5000 entities)',
        () => `${server.url}/groups/default/engineering/rollup`,
      ),
      await measure(
        'GET catalog roll-up (the org page)',
        () => `${server.url}/rollup`,
      ),
      await measure(
        'GET owners (best average first, page of 10)',
        i => `${server.url}/owners?limit=10&offset=${(i % 20) * 10}`,
      ),
      await measure(
        'GET owners (sorted by critical)',
        () => `${server.url}/owners?sort=critical&order=desc&limit=10`,
      ),
      await measure(
        'GET overview, user reads half (conditional)',
        i =>
          `${halfServer.url}/entities?sort=score&order=asc&limit=50&offset=${
            (i % 20) * 50
          }`,
      ),
      await measure(
        'GET catalog roll-up, user reads half',
        () => `${halfServer.url}/rollup`,
      ),
      await measure(
        'GET owners, user reads half',
        () => `${halfServer.url}/owners?limit=10`,
      ),
    ];
    const over = results.filter(result => result.p95 >= 100);
    log(
      over.length
        ? `\np95 ≥ 100 ms: ${over.map(r => r.label).join(', ')}`
        : '\nEvery endpoint has p95 < 100 ms.',
    );
    await server.close();
    await halfServer.close();
  } finally {
    await knex.destroy();
    if (process.env.BENCH_KEEP !== '1') await dropDatabase();
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
