// Experiment (obligations --experiments), NOT the server's code: refreshAllObligations with the
// changes suggested in RESULTS.md, to measure what they would buy before anyone changes the server.
// Same facts query (with the organization's path, as since 3b60b03), the same keyset batches of
// 5,000 and the same delete-then-insert per batch; the bench checks the table it leaves row for row
// against the set-based baseline.
//
//   policies: 'per-org'  — one effectivePolicy-shaped query per organization (the server before 3b60b03)
//             'preload'  — the mobility overrides read once, each organization's policy merged in
//                          memory from its ancestors' overrides (the server since 3b60b03)
//   writes:   'values'   — INSERT … VALUES of 2,000 rows, six parameters a row (before 3b60b03)
//             'unnest'   — one INSERT … SELECT FROM unnest($1::uuid[], …) per batch, and
//                          delete … where member_id = any($1::uuid[]) (since 3b60b03)
//   periods:  'all'      — @dangjian/core computeObligations (every period since leaving) then
//                          currentObligations, as the server does
//             'current'  — only the periods currentObligations can pick: this and the previous month,
//                          quarter and year (and the quarter before, for the "second missed quarter"
//                          rule), judged exactly as computeObligations judges them (`currentOnly` below)
//   overlap:  read the next batch while this one is computed and written
import {
  computeObligations,
  currentObligations,
  daysBetween,
  defaultPolicies,
  isLifeInsideProvince,
  mergePolicy,
} from '@dangjian/core';

const factsSql = `
    select e.member_id as "memberId", m.org_id as "orgId", o.path::text as "orgPath", e.left_on::text as "leftOn",
      e.returned_on::text as "returnedOn",
      o.place_region as "originRegion",
      e.destination_region as "destinationRegion",
      (select array_agg(c.contacted_on::text) from contact_attempts c
         where c.member_id = e.member_id and c.reached and c.contacted_on >= e.left_on) as "contactDates",
      (select array_agg(r.month) from thought_reports r where r.member_id = e.member_id) as "reportMonths",
      (select array_agg(l.held_on::text) from life_records l
         where l.member_id = e.member_id and l.held_on >= e.left_on) as "lifeDates",
      (select array_agg(v.year) from yearly_reviews v where v.member_id = e.member_id) as "reviewYears"
    from mobility_episodes e join members m on m.id = e.member_id join orgs o on o.id = m.org_id
    where e.status = 'open' and e.required_document <> 'none' and m.exit_kind is null
      and e.member_id > $1::uuid
    order by e.member_id limit 5000`;

// effectivePolicy's statement (policies/service.ts), for the per-org variant.
const policySql = `
    select distinct on (coalesce(p.org_id::text, '')) p.document, coalesce(nlevel(o.path), 0) as depth
    from policies p left join orgs o on o.id = p.org_id
    where p.kind = 'mobility' and p.effective_from <= $2::date
      and (p.org_id is null or p.org_id in (select a.id from orgs a, orgs t where t.id = $1 and t.path <@ a.path))
    order by coalesce(p.org_id::text, ''), p.effective_from desc, p.version desc`;

const allOverridesSql = `
    select distinct on (coalesce(p.org_id::text, '')) p.org_id::text as "orgId", o.path::text as path,
      p.document, coalesce(nlevel(o.path), 0) as depth
    from policies p left join orgs o on o.id = p.org_id
    where p.kind = 'mobility' and p.effective_from <= $1::date
    order by coalesce(p.org_id::text, ''), p.effective_from desc, p.version desc`;

const merged = (rows) => {
  let doc = defaultPolicies().mobility;
  for (const r of [...rows].sort((a, b) => a.depth - b.depth)) doc = mergePolicy('mobility', doc, r.document);
  return doc;
};

// --- currentObligations(computeObligations(…)) for the candidate periods only (packages/core/src/obligations.ts)
const pad = (n) => String(n).padStart(2, '0');
const lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const ymd = (year, month, day) => `${year}-${pad(month)}-${pad(Math.min(day, lastDay(year, month)))}`;
const indexOf = (date, months) =>
  Number(date.slice(0, 4)) * 12 + Math.floor((Number(date.slice(5, 7)) - 1) / months) * months;

/** The last `back` + 1 calendar periods up to the one holding `to`, none before the one holding `from`. */
function recentPeriods(from, to, months, back) {
  const out = [];
  for (
    let i = Math.max(indexOf(from, months), indexOf(to, months) - back * months);
    i <= indexOf(to, months);
    i += months
  ) {
    const [year, month] = [Math.floor(i / 12), (i % 12) + 1];
    const label =
      months === 1 ? `${year}-${pad(month)}` : months === 3 ? `${year}-Q${(month + 2) / 3}` : `${year}`;
    out.push({ label, start: ymd(year, month, 1), end: ymd(year, month + months - 1, 31), year, month });
  }
  return out;
}

export function currentOnly(policy, facts, asOf) {
  if ((facts.returnedOn !== null && facts.returnedOn <= asOf) || asOf < facts.leftOn) return [];
  const known = (dates) => dates.filter((d) => d <= asOf).sort();
  const contacts = known(facts.contactDates);
  const life = known(facts.lifeDates);
  const nth = (dates, p, needed) =>
    needed === 0 ? p.start : (dates.filter((d) => p.start <= d && d <= p.end)[needed - 1] ?? null);
  const state = (dueOn, fulfilledOn, grace) => {
    if (fulfilledOn !== null) return 'ok';
    const late = daysBetween(dueOn, asOf);
    if (late > grace) return 'breached';
    if (late > 0) return 'overdue';
    return -late <= policy.dueSoonDays ? 'due_soon' : 'ok';
  };
  const out = [];
  // currentObligations: the last period already due if it was missed, else the one coming due.
  const pick = (kind, list) => {
    const lastDue = list.filter((o) => o.dueOn < asOf).at(-1);
    const upcoming = list.find((o) => o.dueOn >= asOf);
    const o = lastDue && lastDue.fulfilledOn === null ? lastDue : (upcoming ?? lastDue);
    if (o)
      out.push({
        memberId: facts.memberId,
        kind,
        period: o.period,
        dueOn: o.dueOn,
        state: state(o.dueOn, o.fulfilledOn, o.grace),
        fulfilledOn: o.fulfilledOn,
      });
  };
  const dueDay = (day, p) => ymd(p.year, p.month, day === 'end' ? 31 : day);
  const grace = policy.breachAfterDays;
  const months = recentPeriods(facts.leftOn, asOf, 1, 1);
  pick(
    'monthly_contact',
    months.map((p) => ({
      period: p.label,
      dueOn: dueDay(policy.contactDueDay, p),
      fulfilledOn: nth(contacts, p, 1),
      grace,
    })),
  );
  pick(
    'monthly_report',
    months.map((p) => ({
      period: p.label,
      dueOn: dueDay(policy.reportDueDay, p),
      fulfilledOn: facts.reportMonths.includes(p.label) ? p.start : null,
      grace,
    })),
  );
  if (isLifeInsideProvince(facts.originRegion, facts.destinationRegion) === true) {
    let previousMissed = false;
    const list = recentPeriods(facts.leftOn, asOf, 3, 2).map((p) => {
      const fulfilledOn = nth(life, p, policy.lifeInsideProvincePerQuarter);
      const o = { period: p.label, dueOn: p.end, fulfilledOn, grace: previousMissed ? 0 : grace };
      previousMissed = fulfilledOn === null;
      return o;
    });
    pick('org_life', list);
  } else {
    pick(
      'org_life',
      recentPeriods(facts.leftOn, asOf, 12, 1).map((p) => ({
        period: p.label,
        dueOn: p.end,
        fulfilledOn: nth(life, p, policy.lifeOutsideProvincePerYear),
        grace,
      })),
    );
  }
  const [reviewMonth, reviewDay] = policy.reviewDueMonthDay.split('-').map(Number);
  pick(
    'yearly_review',
    recentPeriods(facts.leftOn, asOf, 12, 1).map((p) => ({
      period: p.label,
      dueOn: ymd(p.year, reviewMonth, reviewDay),
      fulfilledOn: facts.reviewYears.includes(p.year) ? p.start : null,
      grace,
    })),
  );
  return out;
}

/** `pool`: a pg.Pool with the server's session options. Returns { members, seconds }. */
export async function refreshPrototype(
  pool,
  asOf,
  { policies = 'preload', writes = 'unnest', periods = 'all', overlap = false } = {},
) {
  const t0 = performance.now();
  const cache = new Map();
  const overrides = policies === 'preload' ? (await pool.query(allOverridesSql, [asOf])).rows : null;
  const policyOf = async (orgId, orgPath) => {
    let p = cache.get(orgId);
    if (p) return p;
    if (overrides) {
      // Global rows, and rows of organizations on this one's path (ltree text: ids joined by '.').
      p = merged(
        overrides.filter((o) => o.orgId === null || orgPath === o.path || orgPath.startsWith(`${o.path}.`)),
      );
    } else {
      p = merged((await pool.query(policySql, [orgId, asOf])).rows);
    }
    cache.set(orgId, p);
    return p;
  };
  const fetch = (last) => pool.query(factsSql, [last]).then((r) => r.rows);
  const write = async (memberIds, items) => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      if (writes === 'unnest') {
        await c.query('delete from obligations where member_id = any($1::uuid[])', [memberIds]);
        await c.query(
          `insert into obligations (member_id, kind, period, due_on, state, fulfilled_on)
           select * from unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::date[])`,
          [
            items.map((o) => o.memberId),
            items.map((o) => o.kind),
            items.map((o) => o.period),
            items.map((o) => o.dueOn),
            items.map((o) => o.state),
            items.map((o) => o.fulfilledOn),
          ],
        );
      } else {
        await c.query(
          `delete from obligations where member_id in (${memberIds.map((_, i) => `$${i + 1}::uuid`).join(', ')})`,
          memberIds,
        );
        for (let i = 0; i < items.length; i += 2000) {
          const chunk = items.slice(i, i + 2000);
          await c.query(
            `insert into obligations (member_id, kind, period, due_on, state, fulfilled_on) values ${chunk
              .map((_, j) => `(${[1, 2, 3, 4, 5, 6].map((k) => `$${j * 6 + k}`).join(', ')})`)
              .join(', ')}`,
            chunk.flatMap((o) => [o.memberId, o.kind, o.period, o.dueOn, o.state, o.fulfilledOn]),
          );
        }
      }
      await c.query('commit');
    } catch (err) {
      await c.query('rollback');
      throw err;
    } finally {
      c.release();
    }
  };
  let done = 0;
  let rows = await fetch('00000000-0000-0000-0000-000000000000');
  while (rows.length > 0) {
    const next = overlap ? fetch(rows.at(-1).memberId) : null;
    next?.catch(() => {}); // awaited below; keeps an early rejection from going unhandled
    const items = [];
    for (const r of rows) {
      const policy = await policyOf(r.orgId, r.orgPath);
      const facts = {
        memberId: r.memberId,
        leftOn: r.leftOn,
        returnedOn: r.returnedOn,
        originRegion: r.originRegion,
        destinationRegion: r.destinationRegion,
        contactDates: r.contactDates ?? [],
        reportMonths: r.reportMonths ?? [],
        lifeDates: r.lifeDates ?? [],
        reviewYears: (r.reviewYears ?? []).map(Number),
      };
      items.push(
        ...(periods === 'current'
          ? currentOnly(policy, facts, asOf)
          : currentObligations(computeObligations(policy, facts, asOf), asOf)),
      );
    }
    await write(
      rows.map((r) => r.memberId),
      items,
    );
    done += rows.length;
    rows = next ? await next : await fetch(rows.at(-1).memberId);
  }
  await pool.query(`delete from obligations o where not exists (
      select 1 from mobility_episodes e where e.member_id = o.member_id and e.status = 'open'
        and e.required_document <> 'none')`);
  return { members: done, seconds: (performance.now() - t0) / 1000 };
}
