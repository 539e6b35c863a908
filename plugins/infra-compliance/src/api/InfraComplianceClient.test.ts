import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as fixtures from '../__testUtils__/fixtures';
import { InfraComplianceClient } from './InfraComplianceClient';

const BASE = 'http://localhost:7007/api/infra-compliance';
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'seed-000-failing',
};

describe('InfraComplianceClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new InfraComplianceClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi(),
  });

  it('reads the scorecard under the lower-cased entity path', async () => {
    server.use(
      http.get(
        `${BASE}/entities/component/default/seed-000-failing/scorecard`,
        () => HttpResponse.json(fixtures.scorecard),
      ),
    );
    const scorecard = await client.getScorecard(entity);
    expect(scorecard.grade).toBe('D');
    expect(scorecard.categories.operations?.score).toBeNull();
  });

  it('sends finding filters as comma-separated query parameters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(
        `${BASE}/entities/component/default/seed-000-failing/findings`,
        ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json({
            items: fixtures.findings,
            totalCount: 2,
            limit: 500,
            offset: 0,
          });
        },
      ),
    );
    const result = await client.listFindings(entity, {
      status: 'all',
      severity: ['high', 'medium'],
      category: [],
      waived: false,
      suppressed: true,
      limit: 500,
    });
    expect(result.items.map(f => f.ruleId)).toEqual(['DLQ-001', 'ENC-001']);
    expect(url?.searchParams.get('status')).toBe('all');
    expect(url?.searchParams.get('severity')).toBe('high,medium');
    expect(url?.searchParams.has('category')).toBe(false);
    expect(url?.searchParams.get('waived')).toBe('false');
    expect(url?.searchParams.get('suppressed')).toBe('true');
    expect(url?.searchParams.get('limit')).toBe('500');
  });

  it('starts a scan with an empty JSON body and polls it by id', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${BASE}/entities/component/default/seed-000-failing/scans`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(
            { scanId: fixtures.succeededScan.id, existing: false },
            { status: 202 },
          );
        },
      ),
      http.get(`${BASE}/scans/${fixtures.succeededScan.id}`, () =>
        HttpResponse.json(fixtures.succeededScan),
      ),
    );
    const created = await client.startScan(entity);
    expect(body).toEqual({});
    expect((await client.getScan(created.scanId)).status).toBe('succeeded');
  });

  it("lists the entity's scans, a page asked for by limit and offset", async () => {
    let url: URL | undefined;
    server.use(
      http.get(
        `${BASE}/entities/component/default/seed-000-failing/scans`,
        ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json({
            items: fixtures.recentScans,
            totalCount: 12,
            limit: 10,
            offset: 0,
          });
        },
      ),
    );
    const page = await client.listScans(entity, { limit: 10 });
    expect(page.items.map(scan => [scan.trigger, scan.status])).toEqual([
      ['schedule', 'succeeded'],
      ['push', 'unchanged'],
      ['manual', 'failed'],
      ['manual', 'succeeded'],
      ['new-entity', 'succeeded'],
    ]);
    expect(page.totalCount).toBe(12);
    expect(url?.search).toBe('?limit=10');
  });

  it('posts a waiver for one finding', async () => {
    let body: any;
    server.use(
      http.post(
        `${BASE}/entities/component/default/seed-000-failing/waivers`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(
            { id: 'w1', entityRef: fixtures.ENTITY_REF, active: true, ...body },
            { status: 201 },
          );
        },
      ),
    );
    const waiver = await client.createWaiver(entity, {
      fingerprint: 'a3f9c2d1e4b5a6c7',
      reason: 'Replayed from the source system',
    });
    expect(body).toEqual({
      fingerprint: 'a3f9c2d1e4b5a6c7',
      reason: 'Replayed from the source system',
    });
    expect(waiver.active).toBe(true);
  });

  it('lists and revokes waivers', async () => {
    let search = '';
    let revoked = '';
    server.use(
      http.get(
        `${BASE}/entities/component/default/seed-000-failing/waivers`,
        ({ request }) => {
          search = new URL(request.url).search;
          return HttpResponse.json({
            items: fixtures.waivers,
            totalCount: 2,
            limit: 10,
            offset: 0,
          });
        },
      ),
      http.delete(`${BASE}/waivers/:waiverId`, ({ params }) => {
        revoked = String(params.waiverId);
        return HttpResponse.json({ ...fixtures.waivers[0], active: false });
      }),
    );
    const waivers = await client.listWaivers(entity, {
      active: false,
      limit: 10,
    });
    expect(search).toBe('?active=false&limit=10');
    expect(waivers.items[0].ruleId).toBe('ENC-001');
    const waiver = await client.revokeWaiver(fixtures.waivers[0].id);
    expect(revoked).toBe(fixtures.waivers[0].id);
    expect(waiver.active).toBe(false);
  });

  it('downloads the SARIF file under the name the backend gives it', async () => {
    const sarif = '{"version":"2.1.0","runs":[]}';
    server.use(
      http.get(
        `${BASE}/entities/component/default/seed-000-failing/sarif`,
        () =>
          new HttpResponse(sarif, {
            headers: {
              'Content-Type': 'application/sarif+json; charset=utf-8',
              'Content-Disposition':
                'attachment; filename="component_default_seed-000-failing.sarif"',
            },
          }),
      ),
    );
    const file = await client.getSarif(entity);
    expect(file.fileName).toBe('component_default_seed-000-failing.sarif');
    expect(await file.content.text()).toBe(sarif);
  });

  it('reads the org overview and a group roll-up', async () => {
    let owner: string | null = null;
    server.use(
      http.get(`${BASE}/entities`, ({ request }) => {
        owner = new URL(request.url).searchParams.get('owner');
        return HttpResponse.json({
          items: fixtures.overviewItems,
          totalCount: 3,
          limit: 50,
          offset: 0,
        });
      }),
      http.get(`${BASE}/groups/default/platform-team/rollup`, () =>
        HttpResponse.json(fixtures.groupRollup),
      ),
    );
    const overview = await client.listEntities({
      owner: ['group:default/platform-team', 'orders-team'],
    });
    expect(overview.totalCount).toBe(3);
    expect(owner).toBe('group:default/platform-team,orders-team');
    const rollup = await client.getGroupRollup({
      namespace: 'default',
      name: 'platform-team',
    });
    expect(rollup.averageScore).toBe(81);
  });

  it('reads the catalog roll-up and a sorted page of owners', async () => {
    let days: string | null = null;
    let ownersQuery = '';
    server.use(
      http.get(`${BASE}/rollup`, ({ request }) => {
        days = new URL(request.url).searchParams.get('days');
        return HttpResponse.json(fixtures.orgRollup);
      }),
      http.get(`${BASE}/owners`, ({ request }) => {
        ownersQuery = new URL(request.url).search;
        return HttpResponse.json({
          items: fixtures.owners,
          totalCount: 2,
          limit: 10,
          offset: 0,
        });
      }),
    );
    const rollup = await client.getRollup({ days: 30 });
    expect(days).toBe('30');
    expect(rollup.entityCount).toBe(3);
    const owners = await client.listOwners({
      sort: 'critical',
      order: 'desc',
      limit: 10,
    });
    expect(ownersQuery).toBe('?sort=critical&order=desc&limit=10');
    expect(owners.items[0].owner).toBe('group:default/platform-team');
  });

  it('reads the rules the backend runs', async () => {
    server.use(
      http.get(`${BASE}/rules`, () => HttpResponse.json(fixtures.ruleCatalog)),
    );
    const rules = await client.listRules();
    expect(rules.items.map(rule => rule.id)).toEqual(
      fixtures.ruleCatalog.items.map(rule => rule.id),
    );
  });

  it('throws a ResponseError with the backend message on failure', async () => {
    server.use(
      http.post(
        `${BASE}/entities/component/default/seed-000-failing/scans`,
        () =>
          HttpResponse.json(
            {
              error: { name: 'NotAllowedError', message: 'Unauthorized' },
              request: {
                method: 'POST',
                url: '/entities/component/default/seed-000-failing/scans',
              },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
      ),
    );
    const error = await client.startScan(entity).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.name).toBe('NotAllowedError');
  });
});
