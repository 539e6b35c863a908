/**
 * The plugin's REST API (documented in ../schema/openapi.yaml). Every route
 * needs user or service credentials (the httpRouter's default policy;
 * 401 otherwise). Inputs are validated (400 with the reason); scans and
 * waivers are authorized with the permission framework against the entity
 * (403 when denied); waiver changes are recorded with the auditor. Reads
 * follow the catalog's read permission: a hidden entity is not found, and
 * lists and roll-ups count only the entities the user may read.
 */
import { randomUUID } from 'node:crypto';
import {
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Entity, RELATION_PARENT_OF } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CATEGORIES,
  Finding,
  FindingRecord,
  RULE_CATALOG,
  SCORECARD_FORMULA,
  SEVERITIES,
  defaultBranchPath,
  getRuleMetadata,
  infraComplianceWaiverCreatePermission,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  SarifBaseLocation,
  toSarif,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { CATEGORY_SCORE_SORTS, DAY_MS } from '../database/ComplianceStore';
import { normalizeEntityRef } from '../scanning/targets';
import {
  ComplianceOperations,
  ComplianceOperationsOptions,
  principalRef,
} from './ComplianceOperations';
import { fromCatalog } from './answerWithin';
import {
  CATEGORY_IDS,
  GRADES,
  NAME_PART,
  RULE_ID_ANY_CASE,
  SEVERITY_IDS,
  entityRefParam,
  rejectNul,
} from './inputs';

export interface RouterOptions extends ComplianceOperationsOptions {
  httpAuth: HttpAuthService;
  /** The hosts of source locations, for links into them. */
  scmIntegrations: ScmIntegrationRegistry;
  /**
   * Where the plugin's API is served (its external base URL): the Location
   * of a scan created on demand is its status route there. Without it, the
   * path the router is mounted at.
   */
  discovery?: DiscoveryService;
  /**
   * The operations the router shares with the actions for AI assistants,
   * and with them the entities each user may read (kept for
   * `visibilityCacheTtl`): a user who asks both lists the catalog once.
   * Made from these options when not given.
   */
  operations?: ComplianceOperations;
}

const FINGERPRINT = /^[0-9a-f]{8,64}$/i;
/** A UUID as the store holds it (randomUUID: lower case); RFC 9562 reads either case. */
const UUID = z
  .string()
  .uuid()
  .transform(id => id.toLowerCase());
const DATE_TIME = z.string().datetime({ offset: true });
/** The largest body a request may send. */
const BODY_LIMIT = '100kb';

/** A rule id in any case (`dlq-001`), as the actions and the command line take it; upper-cased. */
const RULE_ID_INPUT = z
  .string()
  .regex(RULE_ID_ANY_CASE, 'must be a rule id like DLQ-001')
  .transform(id => id.toUpperCase());

/** `a,b` and `?x=a&x=b` both give ['a', 'b']. */
const csv = (item: z.ZodTypeAny) =>
  z.preprocess(value => {
    if (value === undefined) return undefined;
    const values = Array.isArray(value) ? value : [value];
    return values
      .flatMap(v => (typeof v === 'string' ? v.split(',') : [v]))
      .map(v => (typeof v === 'string' ? v.trim() : v))
      .filter(v => v !== '');
  }, z.array(item).optional());

const booleanParam = z
  .enum(['true', 'false'])
  .transform(value => value === 'true')
  .optional();

/**
 * A whole number given once in the query. Not z.coerce.number: it took an
 * empty value for 0, `1e1` and `0x10` for numbers, and a repeated one for
 * "nan".
 */
function integerParam(min: number, max: number, defaultValue: number) {
  return z
    .string({ invalid_type_error: 'must be given once, as a whole number' })
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .default(String(defaultValue));
}

function pageParams(maxPageSize: number, defaultLimit = 50) {
  return {
    limit: integerParam(1, maxPageSize, Math.min(defaultLimit, maxPageSize)),
    offset: integerParam(0, 10_000_000, 0),
  };
}

function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  rejectNul(value, what);
  const result = schema.safeParse(value);
  if (!result.success) {
    const reasons = result.error.issues.map(issue => {
      const at = issue.path.length ? issue.path.join('.') : what;
      if (issue.code === 'unrecognized_keys')
        return `${what}: unknown parameter(s) ${issue.keys.join(', ')}`;
      return `${at}: ${issue.message}`;
    });
    throw new InputError(`Invalid ${what}: ${reasons.join('; ')}`);
  }
  return result.data;
}

/**
 * The body of a route that takes none, which a request may send empty
 * (`{}`, or nothing): one that says anything (`{"dryRun": true}`, an empty
 * array) is a 400, not ignored as the route acted.
 */
function parseNoBody(req: Request): void {
  parse(
    z.object({}).strict().optional(),
    // An empty array is a body too, and not an empty object.
    req.body && (Array.isArray(req.body) || Object.keys(req.body).length)
      ? req.body
      : undefined,
    'body',
  );
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    config,
    store,
    catalog,
    httpAuth,
    auth,
    auditor,
    logger,
    scmIntegrations,
  } = options;
  const now = options.now ?? Date.now;
  const page = pageParams(config.maxPageSize);
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));
  // express.json reads JSON alone: a body of another type (fetch sends a
  // string as text/plain) would be taken for none, its fields "Required".
  // Such a body is read as bytes and refused unless it has none: a chunked
  // one's headers do not say whether it is empty.
  router.use(express.raw({ type: () => true, limit: BODY_LIMIT }));
  router.use((req, _res, next) => {
    if (Buffer.isBuffer(req.body)) {
      if (req.body.length > 0) {
        throw new InputError(
          `Invalid body: must be JSON, sent with Content-Type application/json (not ${
            req.headers['content-type'] ?? 'none'
          })`,
        );
      }
      // What express.json leaves of a request without a body.
      req.body = {};
    }
    next();
  });
  // The body parsers' errors: a SyntaxError names neither the body nor, for
  // JSON that is not an object or an array (`null`, `"x"`), what is wrong
  // with it; "request entity too large" does not say the limit.
  router.use(
    (
      error: { type?: string; body?: string; message?: string },
      _req: Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error?.type === 'entity.too.large') {
        const tooLarge = new Error(
          `Invalid body: larger than ${BODY_LIMIT}, the most a request may send`,
        );
        tooLarge.name = 'PayloadTooLargeError';
        // Not enumerable: the error body does not show it.
        next(Object.defineProperty(tooLarge, 'statusCode', { value: 413 }));
        return;
      }
      if (error?.type !== 'entity.parse.failed') {
        next(error);
        return;
      }
      let isJson = true;
      try {
        JSON.parse(error.body ?? '');
      } catch {
        isJson = false;
      }
      next(
        new InputError(
          isJson
            ? 'Invalid body: must be a JSON object'
            : `Invalid body: not JSON: ${error.message}`,
        ),
      );
    },
  );

  // On behalf of the request's credentials.
  const operations = options.operations ?? new ComplianceOperations(options);
  const canRead = async (entityRef: string, req: Request) =>
    operations.canRead(entityRef, await httpAuth.credentials(req));
  const requireEntity = async (entityRef: string, req: Request) =>
    operations.requireEntity(entityRef, await httpAuth.credentials(req));
  const visibleEntities = async (req: Request) =>
    operations.visibleEntities(await httpAuth.credentials(req));
  /** The entity of the route (see {@link ComplianceOperations.scopedEntityRef}). */
  const scopedEntityRef = (req: Request, write = false): string =>
    operations.scopedEntityRef(
      req.params as { kind: string; namespace: string; name: string },
      write,
    );

  // ------------------------------------------------------------------ rules

  router.get('/rules', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query');
    res.json({
      items: RULE_CATALOG,
      totalCount: RULE_CATALOG.length,
      categories: CATEGORIES,
      severities: SEVERITIES,
      formula: SCORECARD_FORMULA,
    });
  });

  router.get('/rules/:ruleId', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query');
    const rule = getRuleMetadata(req.params.ruleId.toUpperCase());
    if (!rule) throw new NotFoundError(`No rule ${req.params.ruleId}`);
    res.json(rule);
  });

  // ------------------------------------------------------------------ overview

  const overviewQuery = z
    .object({
      owner: csv(z.string().min(1).max(255)),
      kind: csv(z.string().min(1).max(63)),
      system: csv(z.string().min(1).max(255)),
      lifecycle: csv(z.string().min(1).max(63)),
      grade: csv(z.enum(GRADES)),
      rule: csv(RULE_ID_INPUT),
      // A space typed after a name is no part of it.
      q: z.string().trim().max(200).optional(),
      sort: z
        .enum([
          'name',
          'score',
          'attention',
          'open',
          'critical',
          'lastScan',
          'owner',
          'system',
          'ref',
          ...CATEGORY_SCORE_SORTS,
        ])
        .optional(),
      order: z.enum(['asc', 'desc']).optional(),
      after: z.string().min(1).max(1024).optional(),
      ...page,
    })
    .strict()
    .refine(query => query.after === undefined || query.sort === 'ref', {
      message:
        'needs sort=ref (an entity ref to page from, in the order of refs)',
      path: ['after'],
    });

  router.get('/entities', async (req, res) => {
    const query = parse(overviewQuery, req.query, 'query');
    res.json(
      await operations.listOverview(query, await httpAuth.credentials(req)),
    );
  });

  router.get('/entities/unscannable', async (req, res) => {
    const query = parse(z.object(page).strict(), req.query, 'query');
    res.json(
      await store.listUnscannable(
        query.limit,
        query.offset,
        await visibleEntities(req),
      ),
    );
  });

  /** `days` of timeline a roll-up covers; the time it starts. */
  const rollupSince = (req: Request) => {
    const { days } = parse(
      z.object({ days: integerParam(1, 3650, 90) }).strict(),
      req.query,
      'query',
    );
    return now() - days * DAY_MS;
  };

  router.get('/rollup', async (req, res) => {
    const since = rollupSince(req);
    const rollup = await store.rollup({
      since,
      visible: await visibleEntities(req),
    });
    res.json({ since: new Date(since).toISOString(), ...rollup });
  });

  const ownersQuery = z
    .object({
      sort: z
        .enum(['score', 'owner', 'entities', 'open', 'critical'])
        .optional(),
      order: z.enum(['asc', 'desc']).optional(),
      ...page,
    })
    .strict();

  router.get('/owners', async (req, res) => {
    const query = parse(ownersQuery, req.query, 'query');
    res.json(
      await store.listOwners({
        ...query,
        visible: await visibleEntities(req),
      }),
    );
  });

  // ------------------------------------------------------------------ one entity

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query');
    const entityRef = scopedEntityRef(req);
    res.json(
      await operations.getScorecard(entityRef, await httpAuth.credentials(req)),
    );
  });

  const findingsQuery = z
    .object({
      status: z.enum(['open', 'resolved', 'all']).optional(),
      category: csv(z.enum(CATEGORY_IDS)),
      severity: csv(z.enum(SEVERITY_IDS)),
      rule: csv(RULE_ID_INPUT),
      waived: booleanParam,
      suppressed: booleanParam,
      // As the services' search: a space typed after a name is no part of it.
      q: z.string().trim().max(200).optional(),
      sort: z
        .enum([
          'severity',
          'rule',
          'category',
          'file',
          'firstSeen',
          'lastSeen',
          'resolvedAt',
        ])
        .optional(),
      order: z.enum(['asc', 'desc']).optional(),
      ...page,
    })
    .strict();

  router.get('/entities/:kind/:namespace/:name/findings', async (req, res) => {
    const query = parse(findingsQuery, req.query, 'query');
    const entityRef = scopedEntityRef(req);
    const { page: findings } = await operations.listFindings(
      entityRef,
      {
        status: query.status ?? 'open',
        categories: query.category,
        severities: query.severity,
        ruleIds: query.rule,
        waived: query.waived,
        suppressed: query.suppressed,
        search: query.q,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        offset: query.offset,
      },
      await httpAuth.credentials(req),
    );
    res.json(findings);
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const query = parse(
      z
        .object({
          days: integerParam(1, 3650, 90),
          limit: integerParam(
            1,
            config.maxPageSize,
            Math.min(200, config.maxPageSize),
          ),
        })
        .strict(),
      req.query,
      'query',
    );
    const entityRef = scopedEntityRef(req);
    await requireEntity(entityRef, req);
    const since = now() - query.days * DAY_MS;
    res.json({
      entityRef,
      since: new Date(since).toISOString(),
      ...(await store.getHistory(entityRef, { since, limit: query.limit })),
    });
  });

  router.get('/entities/:kind/:namespace/:name/sarif', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query');
    const entityRef = scopedEntityRef(req);
    await requireEntity(entityRef, req);
    // With what the scan of these findings did not judge, as the CLI's SARIF says it.
    const { findings, resultsScan, source } = await store.getOpenResults(
      entityRef,
      now(),
    );
    const coverage = resultsScan?.coverage;
    // The coverage lists the first skipped files; the counts count them all, each once.
    const filesNotListed = coverage
      ? (resultsScan?.counts?.filesSkipped ?? 0) -
        new Set(coverage.skipped.map(file => file.path)).size
      : 0;
    const sarif = toSarif(
      {
        version: 1,
        files: [],
        skipped: coverage?.skipped ?? [],
        programs: coverage?.notModelled.map(program => ({
          format: program.format,
          project: program.program,
          main: program.program,
          files: [],
          notModelled: program.types,
        })),
        findings: findings
          .filter(f => getRuleMetadata(f.ruleId))
          .map(toEngineFinding),
        scorecard: { grade: null, score: null, categories: {} },
      },
      {
        programsNotListed: coverage?.programsNotListed,
        filesNotListed: Math.max(filesNotListed, 0),
        // The findings' paths are relative to the location the scan read.
        ...sarifSrcRoot(entityRef, source, scmIntegrations),
      },
    );
    // Waivers granted in Backstage are suppressions outside the source.
    const waived = new Map(
      findings.filter(f => f.waived).map(f => [f.fingerprint, f]),
    );
    for (const result of sarif.runs[0].results) {
      const finding = waived.get(Object.values(result.partialFingerprints)[0]);
      if (finding) {
        const suppressions = (result.suppressions ?? []) as {
          kind: string;
          justification: string;
        }[];
        suppressions.push({
          kind: 'external',
          justification: `Waived in Backstage (waiver ${finding.waiverId})`,
        });
        (result as { suppressions?: unknown }).suppressions = suppressions;
      }
    }
    const fileName = `${entityRef.replace(/[^a-z0-9._-]+/g, '_')}.sarif`;
    res.setHeader('Content-Type', 'application/sarif+json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.send(JSON.stringify(sarif, null, 2));
  });

  // ------------------------------------------------------------------ scans

  /** The absolute path of a scan's status route (GET /scans/{scanId}) under the plugin's base. */
  const scanStatusPath = async (req: Request, scanId: string) => {
    let base = req.baseUrl;
    if (options.discovery) {
      try {
        base = new URL(
          await options.discovery.getExternalBaseUrl('infra-compliance'),
        ).pathname;
      } catch (error) {
        logger.warn(
          `Infra Compliance: no external base URL from discovery, using ${base}: ${error}`,
        );
      }
    }
    return `${base.replace(/\/+$/, '')}/scans/${encodeURIComponent(scanId)}`;
  };

  router.get('/entities/:kind/:namespace/:name/scans', async (req, res) => {
    const query = parse(z.object(page).strict(), req.query, 'query');
    const entityRef = scopedEntityRef(req);
    await requireEntity(entityRef, req);
    // Those whose process stopped are marked failed first, as the scorecard
    // and their status mark them: not listed queued or running until either
    // is read.
    await store.settleActiveScans(entityRef, now(), config.lockTimeoutMs);
    res.json(await store.listScans(entityRef, query.limit, query.offset));
  });

  router.post('/entities/:kind/:namespace/:name/scans', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query');
    parseNoBody(req);
    const entityRef = scopedEntityRef(req, true);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const queued = await operations.requestScan(entityRef, credentials, {
      request: req,
    });
    res
      .status(202)
      .location(await scanStatusPath(req, queued.scanId))
      .json(queued);
  });

  router.get('/scans/:scanId', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query');
    const scanId = parse(UUID, req.params.scanId, 'scan id');
    const scan = await store.getScan(scanId);
    if (!scan || !(await canRead(scan.entityRef, req))) {
      throw new NotFoundError(`No scan ${scanId}`);
    }
    // One whose process stopped is said failed, not running until the
    // entity is scanned again: the page following it sees it end.
    res.json(await store.settleScan(scan, now(), config.lockTimeoutMs));
  });

  // ------------------------------------------------------------------ waivers

  const waiverBody = z
    .object({
      ruleId: RULE_ID_INPUT.optional(),
      fingerprint: z
        .string()
        .regex(FINGERPRINT, 'must be a finding fingerprint (hex)')
        // As the engine writes them.
        .transform(fingerprint => fingerprint.toLowerCase())
        .optional(),
      reason: z.string().trim().min(3).max(2000),
      expiresAt: DATE_TIME
        // The pattern admits offsets of no instant (+99:99): Date.parse gives
        // NaN. Said of a date-time only: a refinement runs after a failed check.
        .refine(
          value =>
            !DATE_TIME.safeParse(value).success ||
            Number.isFinite(Date.parse(value)),
          'Invalid datetime: its offset from UTC is out of range (±23:59 at most)',
        )
        .optional(),
    })
    .strict();

  router.get('/entities/:kind/:namespace/:name/waivers', async (req, res) => {
    const query = parse(
      z.object({ active: booleanParam, ...page }).strict(),
      req.query,
      'query',
    );
    const entityRef = scopedEntityRef(req);
    // Waivers are made for an entity it knows (registered, scanned or not).
    await requireEntity(entityRef, req);
    res.json(
      await store.listWaivers(
        { entityRef, active: query.active },
        query.limit,
        query.offset,
        now(),
      ),
    );
  });

  router.get('/waivers', async (req, res) => {
    const query = parse(
      z
        .object({
          entityRef: z.string().min(3).max(255).optional(),
          active: booleanParam,
          ...page,
        })
        .strict(),
      req.query,
      'query',
    );
    const entityRef = query.entityRef
      ? entityRefParam(query.entityRef)
      : undefined;
    res.json(
      await store.listWaivers(
        {
          entityRef,
          active: query.active,
          visible: await visibleEntities(req),
        },
        query.limit,
        query.offset,
        now(),
      ),
    );
  });

  router.post('/entities/:kind/:namespace/:name/waivers', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query');
    const entityRef = scopedEntityRef(req, true);
    const body = parse(waiverBody, req.body ?? {}, 'body');
    if (Boolean(body.ruleId) === Boolean(body.fingerprint)) {
      throw new InputError(
        'Invalid body: give exactly one of ruleId (waives a rule) or fingerprint (waives one finding)',
      );
    }
    if (body.ruleId && !getRuleMetadata(body.ruleId)) {
      throw new InputError(
        `Invalid body: ruleId: ${body.ruleId} is not a rule of the catalog`,
      );
    }
    const current = now();
    const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : undefined;
    if (expiresAt !== undefined && expiresAt <= current) {
      throw new InputError('Invalid body: expiresAt: must be in the future');
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await operations.authorize(
      infraComplianceWaiverCreatePermission,
      entityRef,
      credentials,
    );
    await requireEntity(entityRef, req);
    if (
      body.fingerprint &&
      !(await store.findingExists(entityRef, body.fingerprint))
    ) {
      throw new InputError(
        `Invalid body: fingerprint: ${entityRef} has no finding ${body.fingerprint}`,
      );
    }
    const auditEvent = await auditor.createEvent({
      eventId: 'waiver-create',
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef,
        ruleId: body.ruleId ?? null,
        fingerprint: body.fingerprint ?? null,
        expiresAt: body.expiresAt ?? null,
      },
    });
    try {
      const { waiver, created } = await store.createWaiver({
        id: randomUUID(),
        entityRef,
        ruleId: body.ruleId,
        fingerprint: body.fingerprint,
        reason: body.reason,
        author: principalRef(credentials, auth),
        now: current,
        expiresAt,
      });
      // A retry granted before is audited too, as who asked and was given
      // the waiver it already made (`created: false`): the request happened,
      // the waiver did not change.
      await auditEvent.success({ meta: { waiverId: waiver.id, created } });
      res.status(created ? 201 : 200).json(waiver);
    } catch (error) {
      await auditEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.delete('/waivers/:waiverId', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query');
    parseNoBody(req);
    const waiverId = parse(UUID, req.params.waiverId, 'waiver id');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const waiver = await store.getWaiver(waiverId, now());
    // A waiver of an entity the user may not read is no more there than the entity.
    if (!waiver || !(await canRead(waiver.entityRef, req))) {
      throw new NotFoundError(`No waiver ${waiverId}`);
    }
    await operations.authorize(
      infraComplianceWaiverCreatePermission,
      waiver.entityRef,
      credentials,
    );
    const auditEvent = await auditor.createEvent({
      eventId: 'waiver-revoke',
      severityLevel: 'medium',
      request: req,
      meta: { waiverId, entityRef: waiver.entityRef },
    });
    try {
      const revoked = await store.revokeWaiver(
        waiverId,
        principalRef(credentials, auth),
        now(),
      );
      await auditEvent.success();
      res.json(revoked);
    } catch (error) {
      await auditEvent.fail({ error: error as Error });
      throw error;
    }
  });

  // ------------------------------------------------------------------ groups

  router.get('/groups/:namespace/:name/rollup', async (req, res) => {
    const since = rollupSince(req);
    const { namespace, name } = req.params;
    for (const [label, value] of Object.entries({ namespace, name })) {
      if (!NAME_PART.test(value))
        throw new InputError(`Invalid group ${label} "${value}"`);
    }
    const groupRef = normalizeEntityRef(`group:${namespace}/${name}`);
    const credentials = await httpAuth.credentials(req);
    // Asked together: the request waits catalogTimeout for the catalog, not twice that.
    const [groups, visible] = await Promise.all([
      descendantGroups(catalog, groupRef, credentials, {
        timeoutMs: config.catalogTimeoutMs,
      }),
      visibleEntities(req),
    ]);
    const rollup = await store.rollup({ owners: groups, since, visible });
    res.json({
      group: groupRef,
      groups,
      since: new Date(since).toISOString(),
      ...rollup,
    });
  });

  // Any other request (an unknown path, an empty segment, another method)
  // would get the framework's 404 with an empty body: say what was asked.
  router.use((req, _res) => {
    throw new NotFoundError(
      `No route ${req.method} ${req.path} in the Infra Compliance API`,
    );
  });

  return router;
}

/**
 * The group and every group below it (children, their children…), via the
 * catalog, whose answers are awaited for `timeoutMs` at most in all: a
 * deep tree of groups does not wait that long at each level.
 */
export async function descendantGroups(
  catalog: CatalogService,
  groupRef: string,
  credentials: BackstageCredentials,
  { timeoutMs }: { timeoutMs: number },
): Promise<string[]> {
  const walk = new AbortController();
  try {
    return await fromCatalog(
      groupsBelow(catalog, groupRef, credentials, walk.signal),
      timeoutMs,
    );
  } finally {
    // Past the timeout, the walk asks the catalog for no more levels.
    walk.abort();
  }
}

/** {@link descendantGroups}, however long the catalog takes, until `stop`. */
async function groupsBelow(
  catalog: CatalogService,
  groupRef: string,
  credentials: BackstageCredentials,
  stop: AbortSignal,
): Promise<string[]> {
  const root = await catalog.getEntityByRef(groupRef, { credentials });
  if (!root || root.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new NotFoundError(`No group ${groupRef} in the catalog`);
  }
  const seen = new Set<string>([groupRef]);
  let frontier: Entity[] = [root];
  while (frontier.length && seen.size < 10_000 && !stop.aborted) {
    const children = new Set<string>();
    for (const group of frontier) {
      for (const relation of group.relations ?? []) {
        const target = normalizeEntityRef(relation.targetRef);
        if (
          relation.type === RELATION_PARENT_OF &&
          target.startsWith('group:') &&
          !seen.has(target)
        ) {
          children.add(target);
        }
      }
    }
    if (children.size === 0) break;
    for (const child of children) seen.add(child);
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: [...children],
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    frontier = items.filter((item): item is Entity => Boolean(item));
  }
  return [...seen];
}

/**
 * `%SRCROOT%` of an entity's SARIF export, and the folder below it the
 * finding paths are relative to: the URL of the source location the
 * findings were read from as a base URI, when it can be one (a query or
 * fragment, as in Azure DevOps' `?path=`, would not survive resolving a
 * relative path), in the default branch when it names only a repository
 * (that branch is what the scan read, and a repository's own URL has no
 * file below it). GitHub code scanning reads a relative URI from the
 * repository's root, whatever `originalUriBaseIds` says: a folder of a
 * GitHub or GitLab repository (`…/tree/main/services/orders/`) makes
 * `%SRCROOT%` the repository's tree at that branch (`…/tree/main/`) and
 * the folder (`services/orders/`) the start of each URI. Otherwise only a
 * description, of the location's type: a dir:/file: location, as the
 * catalog writes it (`dir:infra`), is a path from the folder of the
 * entity's catalog file on the backend's disk, which no reader can resolve;
 * and a scan recorded before locations were kept as written holds that
 * disk path, which is not the reader's to see.
 */
function sarifSrcRoot(
  entityRef: string,
  source: { type: string; target: string } | undefined,
  scmIntegrations: ScmIntegrationRegistry,
): { srcRootLocation: SarifBaseLocation; srcRootFolder?: string } {
  if (source?.type === 'url') {
    const url = URL.canParse(source.target)
      ? new URL(source.target)
      : undefined;
    // Without the credentials a URL may hold, as the store hands out every
    // location: the file is handed on to other tools (code scanning, a ticket).
    if (url && !url.search && !url.hash) {
      const hostType = scmIntegrations.byUrl(url)?.type;
      if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
      url.pathname += defaultBranchPath(url, hostType);
      const names = url.pathname.split('/').filter(Boolean);
      const rootLength = repositoryTreeLength(names, hostType);
      if (rootLength === undefined || rootLength === names.length)
        return { srcRootLocation: { uri: url.href } };
      const folder = names.slice(rootLength).map(decodedName);
      url.pathname = `/${names.slice(0, rootLength).join('/')}/`;
      return {
        srcRootLocation: { uri: url.href },
        srcRootFolder: `${folder.join('/')}/`,
      };
    }
  }
  return {
    srcRootLocation: {
      description: {
        text: source
          ? `The ${source.type}: source location of ${entityRef}`
          : `The source location of ${entityRef}`,
      },
    },
  };
}

/**
 * How many names of a GitHub or GitLab URL's path make its repository's
 * tree at a branch (`acme/orders/tree/main`, `acme/shop/orders/-/tree/main`;
 * the names after it are a folder of that tree); undefined for another
 * page, or another host, whose URL form is not known here. A branch is one
 * name, as Backstage's readers of these hosts take it. A `blob/` page is a
 * tree too: the readers read the folder of either, and the catalog writes
 * the source location of a GitLab file as its folder's `-/blob/` URL.
 */
function repositoryTreeLength(
  names: readonly string[],
  hostType: string | undefined,
): number | undefined {
  const isTreePage = (name: string | undefined) =>
    name === 'tree' || name === 'blob';
  let tree: number;
  switch (hostType) {
    case 'github':
      tree = 2;
      break;
    case 'gitlab':
      // Groups nest; a repository's pages are under `/-/` (right under it in older links).
      tree = names.indexOf('-') + 1 || names.findIndex(isTreePage);
      break;
    default:
      return undefined;
  }
  return tree >= 2 && isTreePage(names[tree]) && names.length > tree + 1
    ? tree + 2
    : undefined;
}

/** A URL path's name as the file system has it (`or%20ders` is `or ders`); as written when it is no escape. */
function decodedName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function toEngineFinding(finding: FindingRecord): Finding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    category: finding.category,
    file: finding.file,
    line: finding.line,
    resourceId: finding.resourceId,
    resourceType: finding.resourceType,
    ...(finding.property ? { property: finding.property } : {}),
    ...(finding.generatedResourceId
      ? { generatedResourceId: finding.generatedResourceId }
      : {}),
    message: finding.message,
    remediation: finding.remediation ?? '',
    fingerprint: finding.fingerprint,
    confidence: finding.confidence,
    format: finding.format,
    ...(finding.suppressed
      ? {
          suppressed: {
            kind: 'inline' as const,
            reason: finding.suppressionReason ?? '',
          },
        }
      : {}),
  };
}
