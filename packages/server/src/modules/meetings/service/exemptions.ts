import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { lifeExemptions } from '../../../db/schema.js';
import {
  type Actor,
  authorize,
  isUuid,
  memberSubtree,
  resolveScopeOrg,
  underOrgId,
} from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';

type ExemptionReason = 'ill' | 'elderly' | 'bedridden' | 'other';

/**
 * RULES.md §4: members who are ill, very old or bedridden may be excused from organizational life by
 * the upper organization — the system administrator, or a manager of an organization strictly above
 * the member's own (never the branch excusing its own member).
 */
function approvingOrg(actor: Actor, memberOrgPath: string): string | null {
  if (actor.orgPath === null) return null;
  if (!memberOrgPath.startsWith(`${actor.orgPath}.`)) throw new AppError('EXEMPTION_NEEDS_UPPER_ORG');
  return actor.orgId;
}

/** `POST /api/life-exemptions`: from then on the member is not expected at meetings in the range. */
export async function createExemption(
  ctx: AppContext,
  actor: Actor,
  body: {
    memberId: string;
    reason: ExemptionReason;
    from: string;
    until?: string | undefined;
    note?: string | undefined;
  },
) {
  authorize(actor, 'meeting.exempt');
  const member = await loadMemberInScope(ctx, actor, body.memberId);
  const approvedBy = approvingOrg(actor, member.orgPath);
  if (body.until && body.until < body.from)
    throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期');
  const [parent] = approvedBy
    ? [{ id: approvedBy }]
    : await ctx.database.rows<{ id: string }>(
        sql`select coalesce(parent_id, id) as id from orgs where id = ${member.orgId}`,
      );
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    await tx.insert(lifeExemptions).values({
      id,
      memberId: member.id,
      reason: body.reason,
      fromOn: body.from,
      untilOn: body.until ?? null,
      note: body.note ?? null,
      approvedByOrgId: parent!.id,
      createdBy: actor.userId,
    });
    w.audit({
      action: 'meeting.exempt',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { id, reason: body.reason, from: body.from, until: body.until ?? null },
    });
    w.affects({ memberIds: [member.id] });
    return { id };
  });
}

interface ExemptionRow {
  id: string;
  memberId: string;
  name: string;
  orgName: string;
  reason: ExemptionReason;
  from: string;
  until: string | null;
  note: string | null;
  approvedBy: string;
}

const exemptionSelect = sql`select x.id, x.member_id as "memberId", m.name, o.name as "orgName", x.reason,
  x.from_on::text as "from", x.until_on::text as "until", x.note, a.name as "approvedBy"
  from life_exemptions x join members m on m.id = x.member_id join orgs o on o.id = m.org_id
  join orgs a on a.id = x.approved_by_org_id`;

/** `GET /api/life-exemptions?orgId=`: the exemptions of members of the organization's subtree. */
export async function listExemptions(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string | undefined; page: number; pageSize: number },
) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const where: SQL = underOrgId(actor, org, sql`m.org_id`);
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<ExemptionRow>(
      sql`${exemptionSelect} where ${where} order by x.from_on desc, x.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from life_exemptions x join members m on m.id = x.member_id where ${where}`,
    ),
  ]);
  return { items: rows, total: count!.n };
}

/** `POST /api/life-exemptions/:id/end`: the exemption ends on a day (the member is expected again after it). */
export async function endExemption(ctx: AppContext, actor: Actor, id: string, on: string) {
  authorize(actor, 'meeting.exempt');
  if (!isUuid(id)) throw new AppError('EXEMPTION_NOT_FOUND');
  return write(ctx, actor, async (tx, w) => {
    const [row] = await ctx.database.rows<{
      memberId: string;
      fromOn: string;
      orgId: string;
      orgPath: string;
    }>(
      sql`select x.member_id as "memberId", x.from_on::text as "fromOn", m.org_id as "orgId", o.path::text as "orgPath"
        from life_exemptions x join members m on m.id = x.member_id join orgs o on o.id = m.org_id
        where x.id = ${id} and ${memberSubtree(actor, sql`m.org_id`)} for update of x`,
      tx,
    );
    if (!row) throw new AppError('EXEMPTION_NOT_FOUND');
    approvingOrg(actor, row.orgPath);
    if (on < row.fromOn) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期');
    await tx.execute(sql`update life_exemptions set until_on = ${on}::date where id = ${id}`);
    w.audit({
      action: 'meeting.exemptEnd',
      entity: 'member',
      entityId: row.memberId,
      orgId: row.orgId,
      orgPath: row.orgPath,
      after: { id, until: on },
    });
    w.affects({ memberIds: [row.memberId] });
    return { ok: true as const };
  });
}
