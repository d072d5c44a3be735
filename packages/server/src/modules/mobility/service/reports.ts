import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { thoughtReports } from '../../../db/schema.js';
import { type Actor, authorize, isUuid, resolveScopeOrg } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';
import { presentOwnReport, presentReport } from '../presenter.js';
import { ownReportRows, reportMember, reportRows } from '../queries.js';

/** 一月一汇报: the member's own monthly thought report, from the phone portal. */
export async function submitReport(
  ctx: AppContext,
  actor: Actor,
  input: { month?: string; content: string },
) {
  if (actor.role !== 'member' || !actor.memberId)
    throw new AppError('FORBIDDEN', '只有党员本人可以提交思想汇报');
  const member = await loadMemberInScope(ctx, actor, actor.memberId);
  const month = input.month ?? today().slice(0, 7);
  if (month > today().slice(0, 7)) throw new AppError('VALIDATION_FAILED', '不能提交未来月份的汇报');
  const id = randomUUID();
  await write(ctx, actor, async (tx, w) => {
    await tx.insert(thoughtReports).values({ id, memberId: member.id, month, content: input.content });
    w.audit({
      action: 'mobility.report',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { id, month },
    });
    w.affects({ memberIds: [member.id] });
  }).catch((err) => {
    throw isUniqueViolation(err) ? new AppError('REPORT_EXISTS', `${month} 的思想汇报已提交`) : err;
  });
  return { id, month, status: 'submitted' as const };
}

/** The member's own reports; for staff, those of the scope (or one member), `pending` = not yet read. */
export async function listReports(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; memberId?: string; pending?: boolean },
) {
  if (actor.role === 'member') {
    return { items: (await ownReportRows(ctx, actor.memberId)).map(presentOwnReport) };
  }
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const rows = await reportRows(ctx, actor, org, {
    memberId: q.memberId && isUuid(q.memberId) ? q.memberId : undefined,
    pending: q.pending ?? false,
  });
  return { items: rows.map(presentReport) };
}

/** 阅知: the organization holding the member reads the report, with a reply if it likes. */
export async function acknowledgeReport(ctx: AppContext, actor: Actor, reportId: string, reply?: string) {
  authorize(actor, 'member.write');
  if (!isUuid(reportId)) throw new AppError('NOT_FOUND', '思想汇报不存在');
  const report = await reportMember(ctx, reportId);
  if (!report) throw new AppError('NOT_FOUND', '思想汇报不存在');
  const member = await loadMemberInScope(ctx, actor, report.memberId).catch(() => {
    throw new AppError('NOT_FOUND', '思想汇报不存在');
  });
  return write(ctx, actor, async (tx, w) => {
    await tx
      .update(thoughtReports)
      .set({ acknowledgedAt: new Date(), acknowledgedBy: actor.username, reply: reply ?? null })
      .where(eq(thoughtReports.id, reportId));
    w.audit({
      action: 'mobility.report_ack',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { reportId, reply: reply ?? null },
    });
    return { id: reportId, acknowledged: true as const };
  });
}
