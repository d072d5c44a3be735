import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { memberRelatives, members } from '../../db/schema.js';
import { diff, recordAudit } from '../../lib/audit.js';
import { type Actor, authorize, can, isUuid, loadOrgInScope, memberSubtree } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { resolveRefs } from '../../lib/refs.js';
import { applyRegisterMarks } from '../mobility/index.js';
import { type MemberRow, presentMember, type Revealable, redactAuditPayload } from './presenter.js';
import { loadMemberInScope, type MemberFilter, memberColumns, memberWhere } from './queries.js';
import { assertMemberFields, type MemberFields, toMemberColumns } from './record.js';

/** What the audit log keeps of a member: never the personal fields in clear, nor their hashes. */
function auditable(row: Partial<MemberRow> & Record<string, unknown>) {
  const {
    idNumberEnc,
    idNumberHash,
    idSuffixHash,
    phoneEnc,
    addressEnc,
    updatedAt,
    version,
    orgName,
    orgPath,
    ...rest
  } = row;
  return { ...rest, address: addressEnc ? '(已加密)' : null };
}

async function assertUniqueId(ctx: AppContext, hash: string, exceptId?: string, ex?: Executor) {
  const [dup] = await ctx.database.rows<{ id: string }>(
    sql`select id from members where id_number_hash = ${hash} ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
    ex,
  );
  if (dup) throw new AppError('ID_NUMBER_DUPLICATE');
}

export async function createMember(ctx: AppContext, actor: Actor, input: MemberFields & { orgId: string }) {
  authorize(actor, 'member.write');
  const org = await loadOrgInScope(ctx.database, actor, input.orgId);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  assertMemberFields(ctx, input, today());
  const columns = toMemberColumns(ctx, input);
  await assertUniqueId(ctx, columns.idNumberHash);
  const id = randomUUID();
  await ctx.database.db
    .transaction(async (tx) => {
      await tx.insert(members).values({ id, orgId: org.id, ...columns });
      await recordAudit(tx, actor, {
        action: 'member.create',
        entity: 'member',
        entityId: id,
        orgId: org.id,
        orgPath: org.path,
        after: auditable({ orgId: org.id, ...columns }),
      });
      await applyRegisterMarks(ctx, tx, actor, [
        {
          memberId: id,
          orgId: org.id,
          orgPath: org.path,
          mobile: input.mobile,
          destinationRegion: input.destinationRegion,
        },
      ]);
    })
    .catch(rethrowUnique);
  return getMember(ctx, actor, id);
}

/** A concurrent insert of the same person loses on the unique index: that is a 409, not a 500. */
function rethrowUnique(err: unknown): never {
  throw isUniqueViolation(err) ? new AppError('ID_NUMBER_DUPLICATE') : err;
}

export async function getMember(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reveal: readonly Revealable[] = [],
) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  const row = await loadMemberInScope(ctx, actor, id);
  if (reveal.length === 0) return presentMember(ctx, row);
  // Members may see their own record in full; staff need the reveal permission, and every reveal is logged.
  const own = actor.role === 'member' && actor.memberId === row.id;
  if (!own && !can(actor, 'member.reveal')) throw new AppError('FORBIDDEN', '无权查看完整的个人信息');
  await auditReveal(ctx, actor, row, reveal);
  return presentMember(ctx, row, reveal);
}

/** Every showing of full personal data is an audit event of its own (ARCHITECTURE.md §4), wherever it is shown. */
export async function auditReveal(
  ctx: AppContext,
  actor: Actor,
  row: { id: string; orgId: string; orgPath: string | null },
  fields: readonly Revealable[],
  via?: string,
) {
  await ctx.database.db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'member.reveal',
      entity: 'member',
      entityId: row.id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      after: via ? { fields, via } : { fields },
    }),
  );
}

export async function listMembers(
  ctx: AppContext,
  actor: Actor,
  q: MemberFilter & { orgId?: string; page: number; pageSize: number },
) {
  if (actor.role === 'member') {
    if (q.orgId) throw new AppError('ORG_NOT_FOUND');
    const self = actor.memberId ? await loadMemberInScope(ctx, actor, actor.memberId) : null;
    return { items: self ? [presentMember(ctx, self)] : [], total: self ? 1 : 0 };
  }
  authorize(actor, 'member.read');
  const org = q.orgId ? await loadOrgInScope(ctx.database, actor, q.orgId) : null;
  const where = memberWhere(ctx, actor, org?.path ?? actor.orgPath, q);
  const [rows, [count]] = await Promise.all([
    // Choose the page from the (org, standing, name, id) index first, then read only its rows.
    ctx.database.rows<MemberRow>(sql`
      with page as (
        select m.id, m.name from members m join orgs o on o.id = m.org_id where ${where}
        order by m.name, m.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize})
      select ${memberColumns} from page p join members m on m.id = p.id join orgs o on o.id = m.org_id
      order by p.name, p.id`),
    ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from members m join orgs o on o.id = m.org_id where ${where}`,
    ),
  ]);
  return { items: rows.map((r) => presentMember(ctx, r)), total: count?.n ?? 0 };
}

export async function updateMember(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<MemberFields> & { orgId?: string; version?: number },
) {
  authorize(actor, 'member.write');
  const { version, orgId: _o, ...fields } = patch;
  await ctx.database.db
    .transaction(async (tx) => {
      // The row is locked before its version is compared and the patch merged into it, on both
      // engines: of two writers that read one version exactly one wins (409 for the other), and a
      // client that sends no version applies its fields to the latest record (docs/api.md).
      const current = await loadMemberInScope(ctx, actor, id, tx, true);
      if (version !== undefined && version !== current.version) throw new AppError('CONFLICT');
      const targetOrg = patch.orgId ? await loadOrgInScope(ctx.database, actor, patch.orgId, tx) : null;
      if (targetOrg?.dissolvedAt) throw new AppError('ORG_DISSOLVED');
      const currentFields: MemberFields = {
        ...(current as unknown as MemberFields),
        idNumber: ctx.vault.decrypt(current.idNumberEnc),
        phone: current.phoneEnc ? ctx.vault.decrypt(current.phoneEnc) : null,
        address: current.addressEnc ? ctx.vault.decrypt(current.addressEnc) : null,
        lostContactSince: current.lostContactSince,
      };
      const merged: MemberFields = { ...currentFields, ...fields };
      assertMemberFields(ctx, merged, today());
      const columns = toMemberColumns(ctx, merged);
      if (columns.idNumberHash !== ctx.vault.blindIndex(currentFields.idNumber)) {
        await assertUniqueId(ctx, columns.idNumberHash, id, tx);
      }
      const next = {
        ...columns,
        // Unchanged personal fields keep their ciphertext so the change log shows no false edits.
        idNumberEnc: fields.idNumber === undefined ? current.idNumberEnc : columns.idNumberEnc,
        phoneEnc: fields.phone === undefined ? current.phoneEnc : columns.phoneEnc,
        addressEnc: fields.address === undefined ? current.addressEnc : columns.addressEnc,
        orgId: targetOrg?.id ?? current.orgId,
      };
      const updated = await tx
        .update(members)
        .set({ ...next, version: current.version + 1, updatedAt: new Date() })
        .where(and(eq(members.id, id), eq(members.version, current.version)))
        .returning({ id: members.id });
      if (updated.length === 0) throw new AppError('CONFLICT');
      const { before, after } = diff(auditable({ ...current }), auditable({ ...current, ...next }));
      if (fields.phone !== undefined && fields.phone !== currentFields.phone) after.phone = '(已修改)';
      if (fields.address !== undefined && fields.address !== currentFields.address)
        after.address = '(已修改)';
      await recordAudit(tx, actor, {
        action: 'member.update',
        entity: 'member',
        entityId: id,
        orgId: next.orgId,
        orgPath: targetOrg?.path ?? current.orgPath,
        before,
        after,
      });
      // The register's mobile mark opens or closes the episode the flag is derived from (mobility/register.ts).
      await applyRegisterMarks(ctx, tx, actor, [
        {
          memberId: id,
          orgId: next.orgId,
          orgPath: targetOrg?.path ?? current.orgPath,
          mobile: fields.mobile,
          destinationRegion: fields.destinationRegion,
        },
      ]);
    })
    .catch(rethrowUnique);
  return getMember(ctx, actor, id);
}

export async function memberHistory(ctx: AppContext, actor: Actor, id: string) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  const member = await loadMemberInScope(ctx, actor, id);
  const rows = await ctx.database.rows<{
    id: number;
    at: string;
    actorName: string | null;
    action: string;
    before: unknown;
    after: unknown;
  }>(sql`select id, at, actor_name as "actorName", action, before, after from audit_events
         where entity = 'member' and entity_id = ${member.id} order by id desc limit 500`);
  const items = rows.map((r) => ({
    ...r,
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    before: redactAuditPayload(r.before),
    after: redactAuditPayload(r.after),
  }));
  return {
    items,
    refs: await resolveRefs(
      ctx.database,
      actor,
      items.flatMap((r) => [r.before, r.after]),
    ),
  };
}

export const relations = ['parent', 'parent_in_law', 'spouse', 'child', 'sibling'] as const;
export type Relation = (typeof relations)[number];

/** Whom the actor may see, as a condition on a members row `r` (the same rule as loadMemberInScope). */
function visibleMember(actor: Actor) {
  return actor.role === 'member' ? sql`r.id = ${actor.memberId}` : memberSubtree(actor, sql`r.org_id`);
}

/**
 * The link to a relative who is a member is kept for the archive rule whatever their scope, but is
 * shown only when the caller may see that member: otherwise an ID number would answer who and
 * where someone outside the caller's scope is.
 */
export async function listRelatives(ctx: AppContext, actor: Actor, memberId: string) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const rows = await ctx.database.rows<{
    id: string;
    relation: Relation;
    name: string;
    relatedMemberId: string | null;
  }>(
    sql`select x.id, x.relation, x.name,
          case when ${visibleMember(actor)} then x.related_member_id end as "relatedMemberId"
        from member_relatives x left join members r on r.id = x.related_member_id
        where x.member_id = ${member.id} order by x.created_at, x.id`,
  );
  return { items: rows };
}

/**
 * Relatives matter to the archive rule "nobody may read a relative's archive" (RULES.md §8), so a
 * relative who is a member is linked by ID number when one is given.
 */
export async function addRelative(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { relation: Relation; name: string; idNumber?: string | null },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const hash = input.idNumber ? ctx.vault.blindIndex(input.idNumber.trim().toUpperCase()) : null;
  if (hash && hash === ctx.vault.blindIndex(ctx.vault.decrypt(member.idNumberEnc)))
    throw new AppError('RELATIVE_SELF');
  const [related] = hash
    ? await ctx.database.rows<{ id: string; visible: boolean }>(
        sql`select r.id, ${visibleMember(actor)} as visible from members r where r.id_number_hash = ${hash}`,
      )
    : [];
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(memberRelatives).values({
      id,
      memberId: member.id,
      relation: input.relation,
      name: input.name,
      relatedMemberId: related?.id ?? null,
      idNumberHash: hash,
    });
    await recordAudit(tx, actor, {
      action: 'member.relative_add',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: {
        id,
        relation: input.relation,
        name: input.name,
        relatedMemberId: related?.visible ? related.id : null,
      },
    });
  });
  return { id, ...(await listRelatives(ctx, actor, member.id)) };
}

export async function removeRelative(ctx: AppContext, actor: Actor, memberId: string, relativeId: string) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  if (!isUuid(relativeId)) throw new AppError('NOT_FOUND', '亲属记录不存在');
  await ctx.database.db.transaction(async (tx) => {
    const removed = await tx
      .delete(memberRelatives)
      .where(and(eq(memberRelatives.id, relativeId), eq(memberRelatives.memberId, member.id)))
      .returning();
    if (removed.length === 0) throw new AppError('NOT_FOUND', '亲属记录不存在');
    await recordAudit(tx, actor, {
      action: 'member.relative_remove',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      before: { id: relativeId, relation: removed[0]!.relation, name: removed[0]!.name },
    });
  });
  return listRelatives(ctx, actor, member.id);
}
