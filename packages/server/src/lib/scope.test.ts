import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  buildTree,
  type Client,
  engines,
  memberBody,
  startEnv,
  type TestEnv,
  userClient,
} from '../test/harness.js';

/** Anonymous callers may reach only these (API.md). */
const publicRoutes = new Set(['GET /api/health', 'POST /api/auth/login', 'GET /api/public/letters/{code}']);

interface Fixture {
  orgB: string;
  memberB: string;
  userB: string;
  memberA: string;
}

/**
 * A valid body for each write route, pointing at the other branch where the route takes an
 * organization or member: an unknown route fails here until someone says how to call it.
 */
function bodyFor(route: string, f: Fixture): unknown {
  const bodies: Record<string, unknown> = {
    'POST /api/auth/login': { username: 'x', password: 'y' },
    'POST /api/auth/logout': {},
    'POST /api/auth/password': { currentPassword: 'x', newPassword: 'Passw0rd!2' },
    'POST /api/users': { username: `u${Date.now()}`, password: 'Passw0rd!', orgId: f.orgB, role: 'clerk' },
    'PATCH /api/users/{id}': { disabled: true },
    'POST /api/orgs': { name: '越权组织', type: 'branch', parentId: f.orgB },
    'PATCH /api/orgs/{id}': { name: '改名' },
    'POST /api/orgs/{id}/move': { parentId: f.orgB },
    'POST /api/orgs/{id}/dissolve': { reassignTo: f.orgB },
    'POST /api/orgs/{id}/merge': { intoId: f.orgB },
    'POST /api/orgs/{id}/posts': { memberId: f.memberB, kind: 'secretary', startedOn: '2024-01-01' },
    'PUT /api/orgs/{id}/policies/{kind}': { effectiveFrom: '2024-01-01', document: {} },
    'POST /api/members': memberBody(f.orgB),
    'PATCH /api/members/{id}': { jobPost: '越权修改' },
    'POST /api/members/{id}/relatives': { relation: 'spouse', name: '某某' },
    'POST /api/members/import': undefined,
    'POST /api/dues/quote': { category: 'salaried', base: '3000' },
    'POST /api/mobility/outflows': {
      memberId: f.memberB,
      leftOn: '2026-01-01',
      expectedMonths: 4,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: false,
    },
    'PATCH /api/mobility/outflows/{id}': { expectedMonths: 5 },
    'POST /api/mobility/outflows/{id}/certificate': {},
    'POST /api/mobility/outflows/{id}/certificate/reissue': {},
    'POST /api/mobility/outflows/{id}/return': { returnedOn: '2026-01-02' },
    'POST /api/letters/{id}/revoke': { reason: '测试' },
    'POST /api/inflows': { orgId: f.orgB, arrivedOn: '2026-01-01', name: '某某', originOrgName: '某党支部' },
    'POST /api/members/{id}/contacts': { channel: 'phone', reached: true },
    'POST /api/members/{id}/reviews': { year: 2025, result: 'qualified' },
    'POST /api/members/{id}/life': { heldOn: '2026-01-01', mode: 'online' },
    'POST /api/members/{id}/lost-contact': { since: '2025-01', reasonCode: 'other' },
    'POST /api/members/{id}/standing-cases': {
      kind: 'stop',
      meeting: { on: '2026-01-02', body: 'branch_committee', votesFor: 3, votesAgainst: 0, votesAbstain: 0 },
    },
    'POST /api/me/reports': { content: '越权提交的思想汇报内容' },
    'POST /api/me/inbox/{id}/read': {},
    'POST /api/inbox/{id}/read': {},
    'POST /api/inbox/read-all': { orgId: f.orgB },
    'POST /api/mobility/reports/{id}/acknowledge': {},
    'POST /api/standing-cases/{id}/decide': { approve: true },
    'POST /api/obligations/refresh': {},
    'POST /api/orgs/{id}/promote': {},
    'POST /api/me/contact-changes': { phone: '13900001111' },
    'POST /api/contact-changes/{id}/approve': {},
    'POST /api/contact-changes/{id}/reject': { reason: '测试' },
  };
  if (!(route in bodies) && !route.startsWith('GET') && !route.startsWith('DELETE')) {
    throw new Error(`scope test does not know how to call ${route}: add a body`);
  }
  return bodies[route];
}

function fill(path: string, method: string, f: Fixture): string {
  const id = path.startsWith('/api/members/')
    ? f.memberB
    : path.startsWith('/api/users/')
      ? f.userB
      : path.startsWith('/api/orgs/')
        ? f.orgB
        : randomUUID();
  let url = path
    .replace('{id}', id)
    .replace('{kind}', 'dues')
    .replace('{code}', 'NOSUCHCODE')
    .replace(/\{[a-zA-Z]+\}/g, randomUUID());
  if (
    [
      '/api/members',
      '/api/members/export',
      '/api/stats/members',
      '/api/stats/destinations',
      '/api/users',
      '/api/audit',
      '/api/mobility/abroad/candidates',
      '/api/inbox',
      '/api/contact-changes',
      '/api/mobility/ledger/print',
      '/api/mobility/ledger/export',
      '/api/stats/members/export',
    ].includes(path) &&
    method === 'GET'
  ) {
    url += `?orgId=${f.orgB}`;
  }
  if (path === '/api/members/import') url += `?orgId=${f.orgB}`;
  return url;
}

describe.each(engines)('one scope filter for every route on %s', (engine) => {
  let env: TestEnv;
  let routes: { method: string; path: string }[];
  let fixture: Fixture;
  let scopedAdmin: Client;

  beforeAll(async () => {
    env = await startEnv(engine);
    const tree = await buildTree(env);
    const memberA = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const memberB = (await env.admin.post('/api/members', memberBody(tree.branchB.id))).body;
    const userB = (
      await env.admin.post('/api/users', {
        username: `b${Date.now()}`,
        password: 'Passw0rd!',
        orgId: tree.branchB.id,
        role: 'clerk',
      })
    ).body;
    fixture = { orgB: tree.branchB.id, memberB: memberB.id, userB: userB.id, memberA: memberA.id };
    // An admin bound to branch A holds every permission, so only scope can refuse it.
    scopedAdmin = await userClient(env, tree.branchA.id, 'admin');
    const doc = (await env.admin.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => env.close());

  it('documents the API routes in OpenAPI', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes).toContainEqual({ method: 'GET', path: '/api/members/{id}' });
  });

  it('refuses anonymous callers on every route but health, login and public verification', async () => {
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      const res = await anonymous(env.app).request(
        method,
        fill(path, method, fixture),
        bodyFor(key, fixture),
      );
      if (publicRoutes.has(key)) expect.soft(res.body?.error?.code, key).not.toBe('UNAUTHENTICATED');
      else expect.soft(res.status, key).toBe(401);
    }
  });

  it('answers 404 to a caller whose scope does not hold the organization or member', async () => {
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      if (publicRoutes.has(key) || key === 'POST /api/auth/logout') continue;
      const res = await scopedAdmin.request(method, fill(path, method, fixture), bodyFor(key, fixture));
      const refersToB = /\{id\}/.test(path) || res.status === 404;
      if (refersToB || /orgId=/.test(fill(path, method, fixture))) {
        expect.soft(res.status, key).toBe(404);
      } else {
        expect.soft(res.status, key).toBeLessThan(500);
        expect.soft(JSON.stringify(res.body ?? ''), key).not.toContain(fixture.memberB);
      }
    }
  });

  it('lets a member account see only its own record', async () => {
    const tree = await buildTree(env);
    const self = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const other = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const member = await userClient(env, tree.branchA.id, 'member', { memberId: self.id });
    expect((await member.get(`/api/members/${self.id}`)).status).toBe(200);
    expect((await member.get(`/api/members/${other.id}`)).status).toBe(404);
    const list = await member.get(`/api/members?orgId=${tree.branchA.id}`);
    expect(list.status).toBe(404);
    const own = await member.get('/api/members');
    expect(own.body.items.map((m: { id: string }) => m.id)).toEqual([self.id]);
    expect((await member.get(`/api/orgs/${tree.branchA.id}`)).status).toBe(404);
  });
});
