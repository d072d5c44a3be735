import type { DuesPolicy } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';

/**
 * core `quoteDues` as one SQL expression over a policy, for the batch 年初核定 of a million members in a
 * few statements (issue 10 target: ≤ 60 s). The same rules: the whole base at its bracket's rate, a
 * bound in the lower bracket (篇二 "3000 元以下(含 3000 元)"), half-up to the fen (PostgreSQL's round of a
 * non-negative numeric), the monthly cap, fixed amounts, a farmer's last amount kept within the range.
 * `dues.test.ts` checks the batch's amounts against `/api/dues/quote`.
 */

const list = (items: readonly string[]) =>
  items.length === 0
    ? sql`(null)`
    : sql`(${sql.join(
        items.map((i) => sql`${i}`),
        sql`, `,
      )})`;

function bracketRate(brackets: DuesPolicy['salariedBrackets'], base: SQL): SQL {
  const whens = brackets
    .filter((b) => b.upTo !== null)
    .map((b) => sql`when ${base} <= ${b.upTo}::numeric then ${b.rate}::numeric`);
  return sql`case ${sql.join(whens, sql` `)} else ${brackets.at(-1)!.rate}::numeric end`;
}

export function quoteSql(policy: DuesPolicy, c: { category: SQL; base: SQL; lastMonthly: SQL }) {
  const kinds = Object.entries(policy.categoryBrackets) as [string, 'salaried' | 'retired'][];
  const salaried = kinds.filter(([, k]) => k === 'salaried').map(([cat]) => cat);
  const retired = kinds.filter(([, k]) => k === 'retired').map(([cat]) => cat);
  const rate = sql`(case when ${c.category} in ${list(salaried)} then ${bracketRate(policy.salariedBrackets, c.base)}
    when ${c.category} in ${list(retired)} then ${bracketRate(policy.retiredBrackets, c.base)} end)`;
  const raw = sql`round(${c.base} * ${rate}, 2)`;
  const cap = sql`${policy.monthlyCap}::numeric`;
  const f = policy.fixedAmounts;
  const farmer = sql`(case when ${c.lastMonthly} between ${policy.farmerRange.min}::numeric
    and ${policy.farmerRange.max}::numeric then ${c.lastMonthly} else ${f.farmer}::numeric end)`;
  const monthly = sql`(case ${c.category} when 'farmer' then ${farmer} when 'student' then ${f.student}::numeric
    when 'unemployed' then ${f.unemployed}::numeric when 'relief' then ${f.relief}::numeric
    else least(${raw}, ${cap}) end)`;
  return {
    rate,
    monthly,
    capped: sql`coalesce(${raw} > ${cap}, false)`,
    // A bracket category without a base does not quote (DUES_BASE_REQUIRED): left for review.
    quotable: sql`(${c.category} not in ${list([...salaried, ...retired])} or ${c.base} is not null)`,
  };
}
