import { randomUUID } from 'node:crypto';
import {
  type DisposalGround,
  type EscalationKind,
  type IssuedEscalation,
  memberEscalations,
} from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { escalations, notifications } from '../../../db/schema.js';
import { type Actor, authorize } from '../../../lib/authz.js';
import type { WriteScope } from '../../../lib/write.js';
import { openDisposalCandidate } from '../../disposals/index.js';
import { loadMemberInScope } from '../../members/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentEscalation } from '../presenter.js';
import { attendanceFacts } from '../queries.js';

/** The printed documents carry a number per organization, kind and year: 警戒书〔2026〕001号. */
const numberPrefix: Partial<Record<EscalationKind, string>> = {
  warning_letter: '警戒书',
  backward_member: '落后党员认定建议',
};

/** RULES.md §6: these steps open a disposal candidate, on their ground. */
const disposalGround: Partial<Record<EscalationKind, DisposalGround>> = {
  backward_member: 'backward_member',
  lapse_candidate: 'no_life_6m',
};

async function nextNumber(ctx: AppContext, tx: Executor, orgId: string, kind: EscalationKind, year: string) {
  const prefix = numberPrefix[kind];
  if (!prefix) return null;
  // One numbering per organization: its row is locked so two records at once cannot share a number.
  await ctx.database.rows(sql`select id from orgs where id = ${orgId} for no key update`, tx);
  const [row] = await ctx.database.rows<{ n: number }>(
    sql`select count(*)::int as n from escalations where org_id = ${orgId} and kind = ${kind}
      and number is not null and extract(year from created_on) = ${Number(year)}`,
    tx,
  );
  return `${prefix}〔${year}〕${String(row!.n + 1).padStart(3, '0')}号`;
}

interface MemberFacts {
  id: string;
  name: string;
  orgId: string;
  orgPath: string;
}

/**
 * Issues each member's next escalations from the whole attendance record and what was issued before
 * (core `memberEscalations`, RULES.md §4 decision and §6) under the meeting policy in force for the
 * member's organization on `on`: what was issued stands, so recording again or in another order adds
 * nothing twice and never a second reminder. An SMS reminder is queued for the member; a 落后党员 proposal and a
 * 自动脱党 candidate open a disposal candidate. Answers how many were created.
 */
export async function escalate(
  ctx: AppContext,
  tx: Executor,
  w: WriteScope,
  memberIds: readonly string[],
  on: string,
): Promise<number> {
  let created = 0;
  for (const memberId of new Set(memberIds)) {
    const [member] = await ctx.database.rows<MemberFacts>(
      sql`select m.id, m.name, m.org_id as "orgId", o.path::text as "orgPath"
        from members m join orgs o on o.id = m.org_id where m.id = ${memberId}`,
      tx,
    );
    if (!member) continue;
    const policy = (await effectivePolicy(ctx, member.orgId, 'meetings', on, tx)).document;
    const issued = await ctx.database.rows<IssuedEscalation>(
      sql`select kind, cause, meeting_id as "meetingId", created_on::text as "createdOn" from escalations
        where member_id = ${memberId}`,
      tx,
    );
    const decisions = memberEscalations(policy, await attendanceFacts(ctx, tx, memberId), issued);
    for (const d of decisions) {
      const id = randomUUID();
      const number = await nextNumber(ctx, tx, member.orgId, d.kind, d.createdOn.slice(0, 4));
      const inserted = await tx
        .insert(escalations)
        .values({
          id,
          memberId,
          orgId: member.orgId,
          kind: d.kind,
          cause: d.cause,
          meetingId: d.meetingId,
          createdOn: d.createdOn,
          number,
        })
        .onConflictDoNothing()
        .returning({ id: escalations.id });
      if (inserted.length === 0) continue;
      created += 1;
      const ground = disposalGround[d.kind];
      const disposalId = ground
        ? await openDisposalCandidate(tx, {
            memberId,
            orgId: member.orgId,
            ground,
            cause: d.cause,
            on: d.createdOn,
          })
        : null;
      if (d.kind === 'sms_reminder') await queueReminder(tx, member, id, d.createdOn);
      w.audit({
        action: 'meeting.escalation',
        entity: 'member',
        entityId: memberId,
        orgId: member.orgId,
        orgPath: member.orgPath,
        after: { id, ...d, number, disposalId },
      });
    }
  }
  return created;
}

/** 篇三 街道 三: the first unexcused absence of a year is answered by an SMS reminder to the member. */
async function queueReminder(tx: Executor, member: MemberFacts, escalationId: string, heldOn: string) {
  await tx
    .insert(notifications)
    .values({
      id: randomUUID(),
      dedupeKey: `escalation:${escalationId}`,
      memberId: member.id,
      channel: 'inbox',
      template: 'meeting_absence',
      title: '组织生活缺席提醒',
      body: `${member.name}同志：您未请假缺席了 ${heldOn} 的组织生活，请按时参加；本年再次无故缺席将收到警戒书。`,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey });
}

/** API.md: `GET /api/members/:id/escalations?year=` — `createdOn` is the meeting's day, `year` selects by it. */
export async function memberEscalationList(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  year: number | undefined,
) {
  authorize(actor, 'member.read');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const rows = await ctx.database.rows<{
    id: string;
    kind: EscalationKind;
    createdOn: string;
    cause: string;
    meetingId: string | null;
    number: string | null;
  }>(sql`select id, kind, created_on::text as "createdOn", cause, meeting_id as "meetingId", number
    from escalations where member_id = ${member.id}
    ${year ? sql`and created_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date` : sql``}
    order by created_on, created_at,
      array_position(array['sms_reminder', 'warning_letter', 'backward_member', 'lapse_candidate'], kind), id`);
  return { items: rows.map(presentEscalation) };
}
