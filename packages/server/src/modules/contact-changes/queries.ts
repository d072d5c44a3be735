import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, memberSubtree } from '../../lib/authz.js';
import type { ContactChangeRow } from './presenter.js';

const columns = sql`c.id, c.member_id as "memberId", m.name as "memberName", o.name as "orgName",
  c.phone_enc as "phoneEnc", c.phone_masked as "phoneMasked", c.address_enc as "addressEnc", c.region,
  c.other_contact_enc as "otherContactEnc", c.other_contact_masked as "otherContactMasked", c.status,
  c.reject_reason as "rejectReason", c.decided_by as "decidedBy", c.decided_at as "decidedAt",
  c.created_at as "createdAt"`;
const from = sql`contact_change_requests c join members m on m.id = c.member_id join orgs o on o.id = m.org_id`;

export function contactChangeRows(ctx: AppContext, where: SQL, ex?: Executor) {
  return ctx.database.rows<ContactChangeRow>(
    sql`select ${columns} from ${from} where ${where} order by c.created_at desc, c.id limit 200`,
    ex,
  );
}

/** A proposal of a member in the actor's subtree, locked for its decision. */
export async function lockContactChange(ctx: AppContext, actor: Actor, id: string, tx: Executor) {
  const [row] = await ctx.database.rows<ContactChangeRow>(
    sql`select ${columns} from ${from} where c.id = ${id} and ${memberSubtree(actor, sql`m.org_id`)}
        for update of c`,
    tx,
  );
  return row ?? null;
}

/** The member's open outflow, whose contact and destination a confirmed change updates. */
export async function openEpisodeOf(ctx: AppContext, memberId: string, ex?: Executor) {
  const [row] = await ctx.database.rows<{ id: string; abroad: boolean }>(
    sql`select id, abroad from mobility_episodes where member_id = ${memberId} and status = 'open'`,
    ex,
  );
  return row ?? null;
}
