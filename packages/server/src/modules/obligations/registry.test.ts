import { type MobilityPolicy, obligationKinds, obligationState } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../lib/clock.js';
import { buildTree, engines, memberBody, startEnv, type TestEnv } from '../../test/harness.js';
import { queueReminders } from '../notices/index.js';
import {
  countScannedSubjects,
  type OrgProvider,
  obligationProviders,
  refreshAllObligations,
  refreshObligations,
  type SubjectFacts,
} from './index.js';

/**
 * A second provider, owed by organizations: every organization whose name starts with 回执待退 owes a
 * receipt due today. Its facts are the organizations' own rows, so renaming one ends what it owes.
 */
const receipts: OrgProvider<'mobility', SubjectFacts> = {
  name: 'test-receipts',
  kinds: ['receipt'],
  labels: { receipt: '回执' },
  owedBy: 'org',
  policy: 'mobility',
  subjects: sql`select o.id from orgs o where o.name like '回执待退%'`,
  subjectColumn: sql`o.id`,
  facts: (where) => sql`select o.id as "subjectId", o.id as "orgId", o.path::text as "orgPath"
    from orgs o where o.name like '回执待退%' and ${where}`,
  judge: (policy: MobilityPolicy, facts, asOf) => [
    {
      orgId: facts.subjectId,
      kind: 'receipt',
      period: asOf.slice(0, 7),
      dueOn: asOf,
      state: obligationState(asOf, null, asOf, policy.dueSoonDays, policy.breachAfterDays),
      fulfilledOn: null,
    },
  ],
};

const withReceipts = () => [...obligationProviders(), receipts];

describe('the registry', () => {
  it('gives every kind to one provider at most, each a kind of the contract', () => {
    const kinds = obligationProviders().flatMap((p) => [...p.kinds]);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of kinds) expect(obligationKinds).toContain(k);
  });
});

describe.each(engines)('a second provider, owed by organizations, on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let memberId: string;
  let owing: { id: string; name: string };
  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
    memberId = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body.id;
    const outflow = await env.admin.post('/api/mobility/outflows', {
      memberId,
      leftOn: `${today().slice(0, 7)}-01`,
      expectedMonths: 6,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: false,
    });
    expect(outflow.status).toBe(201);
    owing = (
      await env.admin.post('/api/orgs', {
        name: `回执待退党支部${tree.suffix}`,
        type: 'branch',
        parentId: tree.committee.id,
      })
    ).body;
  });
  afterAll(() => env.close());

  const list = async (query = '') =>
    (await env.admin.get(`/api/obligations?orgId=${tree.committee.id}${query}`)).body;
  const mobilityRows = async () =>
    env.ctx.database.rows(sql`select kind, period, due_on::text, state, fulfilled_on::text, computed_at::text
      from obligations where member_id = ${memberId} order by kind`);
  const receiptsOf = async (orgId: string) =>
    env.ctx.database.rows<{ state: string }>(
      sql`select state from org_obligations where org_id = ${orgId} and kind = 'receipt'`,
    );
  const rename = (name: string) =>
    env.ctx.database.rows(sql`update orgs set name = ${name} where id = ${owing.id}`);

  it('is scanned beside mobility and listed as the organization’s, leaving the members’ rows as they were', async () => {
    const before = await mobilityRows();
    expect(before.map((r) => r.kind)).toEqual(expect.arrayContaining(['monthly_contact', 'monthly_report']));
    expect(await countScannedSubjects(env.ctx, withReceipts())).toBe(
      (await countScannedSubjects(env.ctx)) + 1,
    );
    let judged = 0;
    const scan = await refreshAllObligations(
      env.ctx,
      today(),
      (n) => {
        judged = n;
      },
      withReceipts(),
    );
    expect(scan.members).toBe(judged);
    expect(await receiptsOf(owing.id)).toEqual([{ state: 'due_soon' }]);
    // Written only where something changed: the member's rows are the very rows they were.
    expect(await mobilityRows()).toEqual(before);

    const page = await list();
    expect(page.items).toContainEqual({
      memberId: null,
      memberName: null,
      orgId: owing.id,
      orgName: owing.name,
      kind: 'receipt',
      period: today().slice(0, 7),
      dueOn: today(),
      state: 'due_soon',
      fulfilledOn: null,
    });
    expect(page.items.filter((o: { memberId: string }) => o.memberId === memberId)).toHaveLength(
      before.length,
    );
    expect(page.summary).toContainEqual({ kind: 'receipt', state: 'due_soon', n: 1 });
    expect((await list('&kind=receipt')).items.map((o: { orgId: string }) => o.orgId)).toEqual([owing.id]);
    // A list narrowed to one member holds no organization's obligation.
    expect(
      (await list(`&memberId=${memberId}`)).items.every((o: { memberId: string }) => o.memberId === memberId),
    ).toBe(true);
    // Another branch's list does not show it.
    const other = await env.admin.get(`/api/obligations?orgId=${tree.branchB.id}&kind=receipt`);
    expect(other.body.items).toEqual([]);
    const xlsx = await env.admin.get(`/api/obligations/export?orgId=${tree.committee.id}&kind=receipt`);
    expect(xlsx.status).toBe(200);
  });

  it('is read by the reminders beside the members’ obligations; a kind without a template queues nothing', async () => {
    await queueReminders(env.ctx);
    const queued = await env.ctx.database.rows<{ dedupeKey: string; memberId: string | null }>(sql`
      select dedupe_key as "dedupeKey", member_id as "memberId" from notifications
      where dedupe_key like ${`${memberId}:%`} or dedupe_key like ${`org:${owing.id}:%`}`);
    const pressing = await env.ctx.database.rows<{ key: string }>(sql`
      select member_id::text || ':' || kind || ':' || period || ':' || state as key from obligations
      where member_id = ${memberId} and state <> 'ok'`);
    expect(queued.map((n) => n.dedupeKey).sort()).toEqual(pressing.map((p) => p.key).sort());
    expect(queued.filter((n) => n.dedupeKey.startsWith('org:'))).toEqual([]);
  });

  it('is left alone by a scan of the other providers: each deletes rows of its own kinds only', async () => {
    const before = await mobilityRows();
    await refreshAllObligations(env.ctx);
    expect(await receiptsOf(owing.id)).toEqual([{ state: 'due_soon' }]);
    expect(await mobilityRows()).toEqual(before);
  });

  it('is refreshed inside a write for the organizations it touched', async () => {
    const before = await mobilityRows();
    await rename(`已退回党支部${tree.suffix}`);
    await env.ctx.database.db.transaction((tx) =>
      refreshObligations(
        env.ctx,
        tx,
        { memberIds: [memberId], orgIds: [owing.id] },
        { providers: withReceipts() },
      ),
    );
    expect(await receiptsOf(owing.id)).toEqual([]);
    expect(await mobilityRows()).toEqual(before);
    await rename(owing.name);
    await env.ctx.database.db.transaction((tx) =>
      refreshObligations(env.ctx, tx, { memberIds: [], orgIds: [owing.id] }, { providers: withReceipts() }),
    );
    expect(await receiptsOf(owing.id)).toEqual([{ state: 'due_soon' }]);
  });

  it('is cleaned up by the scan once the organization owes nothing, without touching the mobility rows', async () => {
    const before = await mobilityRows();
    await rename(`已退回党支部${tree.suffix}`);
    await refreshAllObligations(env.ctx, today(), undefined, withReceipts());
    expect(await receiptsOf(owing.id)).toEqual([]);
    expect(await mobilityRows()).toEqual(before);
    expect((await list('&kind=receipt')).items).toEqual([]);
  });
});
