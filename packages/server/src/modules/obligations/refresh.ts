import type { Obligation, OrgObligation } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../db/bulk.js';
import type { Executor } from '../../db/engine.js';
import { today } from '../../lib/clock.js';
import { yieldToEventLoop } from '../../lib/event-loop.js';
import { effectivePolicy, policyResolver } from '../policies/index.js';
import type { ObligationProvider, SubjectFacts } from './provider.js';
import { dailySteps, obligationProviders } from './registry.js';
import { writeCurrent } from './store.js';

type Judge = (policy: unknown, facts: SubjectFacts, asOf: string) => (Obligation | OrgObligation)[];
const judgeOf = (p: ObligationProvider) => p.judge as Judge;

/** Subjects a keyset batch of the scan holds: big enough that a round trip is cheap beside its judging. */
const BATCH = 5000;

/**
 * Recomputes, inside the caller's transaction, the obligations of the subjects a change touched
 * (`lib/write.ts`): each provider owed by members for the members, each owed by organizations for the
 * organizations, with one facts statement a provider however many subjects.
 */
export async function refreshObligations(
  ctx: AppContext,
  tx: Executor,
  subjects: { memberIds: string[]; orgIds: string[] },
  opts: { providers?: ObligationProvider[]; asOf?: string } = {},
) {
  const asOf = opts.asOf ?? today();
  for (const provider of opts.providers ?? obligationProviders()) {
    const ids = provider.owedBy === 'member' ? subjects.memberIds : subjects.orgIds;
    if (ids.length === 0) continue;
    const rows = await ctx.database.rows<SubjectFacts>(
      provider.facts(sql`${provider.subjectColumn} = any(${arrayParam(ids, 'uuid')})`),
      tx,
    );
    // In the caller's transaction: the policy is read there too (the embedded engine has one connection).
    const policies = new Map<string, unknown>();
    const items: (Obligation | OrgObligation)[] = [];
    for (const r of rows) {
      let policy = policies.get(r.orgId);
      if (policy === undefined) {
        policy = (await effectivePolicy(ctx, r.orgId, provider.policy, asOf, tx)).document;
        policies.set(r.orgId, policy);
      }
      items.push(...judgeOf(provider)(policy, r, asOf));
    }
    await writeCurrent(tx, provider, { ids }, items);
  }
}

/** How many subjects the daily scan will judge, for its progress bar: each provider's subjects, counted. */
export async function countScannedSubjects(ctx: AppContext, providers = obligationProviders()) {
  let total = 0;
  for (const p of providers) {
    const [row] = await ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from (${p.subjects}) s`,
    );
    total += row?.n ?? 0;
  }
  return total;
}

/**
 * One provider's part of the daily scan: its subjects in keyset batches, each under the policy of its
 * organization (resolved in memory for the run). A batch is judged while the one before is written
 * and the one after is read, so the database and the judging overlap.
 */
async function scanProvider(
  ctx: AppContext,
  provider: ObligationProvider,
  asOf: string,
  onBatch: (n: number) => void,
) {
  const policyOf = await policyResolver(ctx, provider.policy, asOf);
  const judge = judgeOf(provider);
  const batch = (after: string) =>
    ctx.database.rows<SubjectFacts>(
      sql`${provider.facts(sql`${provider.subjectColumn} > ${after}::uuid`)} order by ${provider.subjectColumn} limit ${sql.raw(String(BATCH))}`,
    );
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  let rows = await batch(after);
  let next = rows.length > 0 ? batch(rows.at(-1)!.subjectId) : null;
  let writing: Promise<unknown> = Promise.resolve();
  while (rows.length > 0) {
    // Awaited in turn below; these keep a failure elsewhere from leaving them unhandled.
    next?.catch(() => {});
    const items = rows.flatMap((r) => judge(policyOf(r.orgPath), r, asOf));
    // One write in flight at a time, while this batch was judged and the next one read.
    await writing;
    const range = { after, through: rows.at(-1)!.subjectId };
    after = range.through;
    writing = ctx.database.db.transaction((tx) => writeCurrent(tx, provider, range, items));
    writing.catch(() => {});
    done += rows.length;
    onBatch(rows.length);
    // Progress polls and every other request get their turn between batches (on PGlite).
    await yieldToEventLoop();
    rows = next ? await next : [];
    next = rows.length > 0 ? batch(rows.at(-1)!.subjectId) : null;
  }
  await writing;
  // Past the last subject judged: whoever the provider judged there before owes nothing now.
  await writeCurrent(ctx.database.db, provider, { after, through: null }, []);
  return done;
}

/**
 * The daily scan of every provider, one after the other (each keeps the database and the judging
 * busy at once; two at a time would only share the same two cores). `members` counts every subject
 * judged, members and organizations, as the progress bar does.
 */
export async function refreshAllObligations(
  ctx: AppContext,
  asOf = today(),
  onProgress?: (n: number) => void,
  providers = obligationProviders(),
) {
  let done = 0;
  for (const provider of providers) {
    await scanProvider(ctx, provider, asOf, (n) => {
      done += n;
      onProgress?.(done);
    });
  }
  return { members: done };
}

/** The registry's daily steps, one after the other, each in its own write; returns what each reported. */
export async function runDailySteps(ctx: AppContext, asOf = today(), steps = dailySteps()) {
  const results: Record<string, unknown> = {};
  for (const step of steps) results[step.name] = await step.run(ctx, asOf);
  return results;
}
