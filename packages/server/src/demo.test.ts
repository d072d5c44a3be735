import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenFemale, givenMale, seedDemo } from './demo.js';
import { today } from './lib/clock.js';
import { startEnv, type TestEnv } from './test/harness.js';

/** Issue 17 item 14: the demo is a township a trainer can show, and its figures agree on every page. */
describe('the demo township (npm run demo) on pglite', () => {
  let env: TestEnv;
  let committeeId: string;
  beforeAll(async () => {
    env = await startEnv('pglite');
    await seedDemo(env.ctx, () => {});
    const [root] = await env.ctx.database.rows<{ id: string }>(
      sql`select id from orgs where parent_id is null`,
    );
    committeeId = root!.id;
  }, 600_000);
  afterAll(() => env.close());

  it('counts the same mobile members in the statistics, the ledger and 流动统计', async () => {
    const [ledger, stats, destinations, members] = await Promise.all([
      env.admin.get(`/api/mobility/ledger?orgId=${committeeId}&pageSize=1`),
      env.admin.get(`/api/stats/mobility?orgId=${committeeId}`),
      env.admin.get(`/api/stats/destinations?orgId=${committeeId}`),
      env.admin.get(`/api/members?orgId=${committeeId}&mobile=true&pageSize=1`),
    ]);
    const n = ledger.body.total;
    expect(n).toBeGreaterThan(50);
    expect(stats.body.provinces.reduce((s: number, p: { n: number }) => s + p.n, 0)).toBe(n);
    expect(stats.body.total.mobile).toBe(n);
    expect(destinations.body.items.reduce((s: number, p: { count: number }) => s + p.count, 0)).toBe(n);
    expect(members.body.total).toBe(n);
    const todo = await env.admin.get(`/api/mobility/ledger?orgId=${committeeId}&needsCompletion=true`);
    expect(todo.body.total).toBeGreaterThan(0);
    expect(todo.body.total).toBeLessThan(n / 4);
  });

  it('fills every post: each branch and committee has a secretary whose term is current', async () => {
    const missing = await env.ctx.database.rows<{ name: string }>(sql`
      select o.name from orgs o where o.type <> 'group' and not exists (
        select 1 from org_posts p where p.org_id = o.id and p.kind = 'secretary'
          and p.started_on <= ${today()}::date and (p.ends_on is null or p.ends_on >= ${today()}::date))`);
    expect(missing).toEqual([]);
    const ended = await env.ctx.database.rows<{ name: string }>(sql`
      select name from orgs where type <> 'group' and (term_ends_on is null or term_ends_on < ${today()}::date
        or term_started_on > ${today()}::date)`);
    expect(ended).toEqual([]);
  });

  it('sets a region on every organization; the 驻深圳 branch and its members are in Shenzhen', async () => {
    expect(await env.ctx.database.rows(sql`select name from orgs where region_code is null`)).toEqual([]);
    const away = await env.ctx.database.rows<{ destination: string | null }>(sql`
      select m.destination_region as destination from members m join orgs o on o.id = m.org_id
      where o.name like '%驻深圳%'`);
    expect(away.length).toBeGreaterThan(5);
    for (const m of away) expect(m.destination).toMatch(/^4403/);
  });

  it('has a talent-service centre with graduates in online groups in several cities (篇七)', async () => {
    const cities = await env.ctx.database.rows<{ city: string; n: number }>(sql`
      select left(m.destination_region, 4) as city, count(*)::int as n
      from members m join orgs g on g.id = m.org_id join orgs c on g.path <@ c.path
      where c.name like '%流动党员管理服务中心%' and g.type = 'group' group by 1`);
    expect(cities.length).toBeGreaterThanOrEqual(3);
  });

  it('names, genders and ID numbers agree (GB 11643: the 17th digit is odd for men)', async () => {
    const rows = await env.ctx.database.rows<{ name: string; gender: string; enc: string }>(
      sql`select name, gender, id_number_enc as enc from members`,
    );
    expect(rows.length).toBeGreaterThan(250);
    for (const r of rows) {
      const id = env.ctx.vault.decrypt(r.enc);
      expect(Number(id[16]) % 2 === 1 ? 'male' : 'female').toBe(r.gender);
      const given = [...r.name].slice(1);
      for (const ch of given) expect(r.gender === 'male' ? givenMale : givenFemale).toContain(ch);
    }
  });

  it('shows a season of contacts and reports, and a few genuinely lost (no contact for over 6 months)', async () => {
    const season = await env.ctx.database.rows<{ n: number }>(sql`
      select count(distinct c.member_id)::int as n from contact_attempts c
      where c.reached and c.contacted_on >= ${today()}::date - 92`);
    const reports = await env.ctx.database.rows<{ n: number }>(
      sql`select count(distinct member_id)::int as n from thought_reports`,
    );
    expect(season[0]!.n).toBeGreaterThan(40);
    expect(reports[0]!.n).toBeGreaterThan(40);
    const lost = await env.ctx.database.rows<{ id: string }>(sql`
      select m.id from members m where m.lost_contact and m.mobile and not exists (
        select 1 from contact_attempts c where c.member_id = m.id and c.reached
          and c.contacted_on > ${today()}::date - interval '6 months')`);
    expect(lost.length).toBeGreaterThanOrEqual(3);
    expect(lost.length).toBeLessThan(10);
  });
});
