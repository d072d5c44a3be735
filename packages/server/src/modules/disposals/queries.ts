import type { DisposalDecision, DisposalGround, DisposalStatus, StepVote } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, isUuid, memberSubtree } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { isoTimestamp } from '../../lib/schemas.js';

export interface DisposalRow {
  id: string;
  memberId: string;
  name: string;
  memberKind: 'full' | 'probationary';
  exitKind: string | null;
  orgId: string;
  orgName: string;
  orgPath: string;
  ground: DisposalGround;
  status: DisposalStatus;
  step: number;
  lastStepOn: string | null;
  createdOn: string;
  cause: string | null;
  decision: DisposalDecision | null;
  followUpOn: string | null;
  dismissedReason: string | null;
}

export interface StepRow {
  id: string;
  step: number;
  on: string;
  body: string;
  vote: StepVote | null;
  passed: boolean | null;
  decision: DisposalDecision | null;
  note: string | null;
  recordedAt: string;
}

const columns = sql`d.id, d.member_id as "memberId", m.name, m.kind as "memberKind", m.exit_kind as "exitKind",
  d.org_id as "orgId", o.name as "orgName", o.path::text as "orgPath", d.ground, d.status, d.step,
  d.last_step_on::text as "lastStepOn", d.created_on::text as "createdOn", d.cause, d.decision,
  d.follow_up_on::text as "followUpOn", d.dismissed_reason as "dismissedReason"`;
const from = sql`disposals d join members m on m.id = d.member_id join orgs o on o.id = d.org_id`;

/** Filters of the list and the export; `scope` is a condition on the procedure's organization `d.org_id`. */
export function disposalWhere(
  scope: SQL,
  q: { status?: string | undefined; ground?: string | undefined; memberId?: string | undefined },
): SQL {
  const parts = [scope];
  if (q.status) parts.push(sql`d.status = ${q.status}`);
  if (q.ground) parts.push(sql`d.ground = ${q.ground}`);
  if (q.memberId) parts.push(isUuid(q.memberId) ? sql`d.member_id = ${q.memberId}` : sql`false`);
  return sql.join(parts, sql` and `);
}

/** Open cases first (the queue's work), then the newest. */
const order = sql`order by (d.status in ('candidate', 'in_procedure')) desc, d.created_on desc, d.id`;

export async function disposalPage(ctx: AppContext, where: SQL, page: number, pageSize: number) {
  const [items, [count]] = await Promise.all([
    ctx.database.rows<DisposalRow>(
      sql`select ${columns} from ${from} where ${where} ${order} limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from ${from} where ${where}`),
  ]);
  return { items, total: count?.n ?? 0 };
}

export function disposalRows(ctx: AppContext, where: SQL) {
  return ctx.database.rows<DisposalRow>(sql`select ${columns} from ${from} where ${where} ${order}`);
}

/** A disposal whose branch lies in the actor's subtree; anything else is 404 (ARCHITECTURE.md §3). */
export async function loadDisposalInScope(
  ctx: AppContext,
  actor: Actor,
  id: string,
  ex?: Executor,
  lock = false,
): Promise<DisposalRow> {
  if (!isUuid(id)) throw new AppError('DISPOSAL_NOT_FOUND');
  const [row] = await ctx.database.rows<DisposalRow>(
    sql`select ${columns} from ${from} where d.id = ${id} and ${memberSubtree(actor, sql`d.org_id`)}
      ${lock ? sql`for update of d` : sql``}`,
    ex,
  );
  if (!row) throw new AppError('DISPOSAL_NOT_FOUND');
  return row;
}

export function stepRows(ctx: AppContext, disposalId: string, ex?: Executor) {
  return ctx.database.rows<StepRow>(
    sql`select id, step, "on"::text as "on", body, vote, passed, decision, note,
        ${isoTimestamp(sql`created_at`)} as "recordedAt"
      from disposal_steps where disposal_id = ${disposalId} order by step`,
    ex,
  );
}
