import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, startEnv, type TestEnv } from '../../test/harness.js';
import { effectivePolicy, policyResolver } from './service.js';

describe.each(engines)('bulk policy resolution on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(() => env.close());

  it('gives every organization the same document as effectivePolicy (ARCHITECTURE.md §2 inheritance)', async () => {
    const t = await buildTree(env);
    const today = new Date().toISOString().slice(0, 10);
    await env.admin.put(`/api/orgs/${t.committee.id}/policies/mobility`, {
      effectiveFrom: today,
      document: { lostContactMonths: 9 },
    });
    await env.admin.put(`/api/orgs/${t.branchA.id}/policies/mobility`, {
      effectiveFrom: today,
      document: { breachAfterDays: 10 },
    });
    await env.admin.put(`/api/orgs/${t.branchB.id}/policies/mobility`, {
      effectiveFrom: '2999-01-01',
      document: { breachAfterDays: 1 },
    });
    const resolve = await policyResolver(env.ctx, 'mobility', today);
    const orgs = await env.ctx.database.rows<{ id: string; path: string }>(
      sql`select id, path::text as path from orgs`,
    );
    for (const o of orgs) {
      expect(resolve(o.path)).toEqual((await effectivePolicy(env.ctx, o.id, 'mobility', today)).document);
    }
    expect(resolve(orgs.find((o) => o.id === t.branchA.id)!.path)).toMatchObject({
      lostContactMonths: 9,
      breachAfterDays: 10,
    });
    expect(resolve(orgs.find((o) => o.id === t.branchB.id)!.path)).toMatchObject({
      lostContactMonths: 9,
      breachAfterDays: 30,
    });
  });
});
