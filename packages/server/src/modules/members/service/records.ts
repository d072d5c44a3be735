import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { members } from '../../../db/schema.js';
import { diff } from '../../../lib/audit.js';
import { type Actor, authorize, can, loadOrgInScope } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { applyRegisterMarks } from '../../mobility/index.js';
import { auditable, presentMember, type Revealable } from '../presenter.js';
import { assertUniqueId, loadMemberInScope, type MemberFilter, memberPage, memberWhere } from '../queries.js';
import { assertMemberFields, type MemberFields, toMemberColumns } from '../record.js';

export async function createMember(ctx: AppContext, actor: Actor, input: MemberFields & { orgId: string }) {
  authorize(actor, 'member.write');
  const org = await loadOrgInScope(ctx.database, actor, input.orgId);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  assertMemberFields(ctx, input, today());
  const columns = toMemberColumns(ctx, input);
  await assertUniqueId(ctx, columns.idNumberHash);
  const id = randomUUID();
  await write(ctx, actor, async (tx, w) => {
    await tx.insert(members).values({ id, orgId: org.id, ...columns });
    w.audit({
      action: 'member.create',
      entity: 'member',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      after: auditable({ orgId: org.id, ...columns }),
    });
    await applyRegisterMarks(tx, w, [
      {
        memberId: id,
        orgId: org.id,
        orgPath: org.path,
        mobile: input.mobile,
        destinationRegion: input.destinationRegion,
      },
    ]);
  }).catch(rethrowUnique);
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
  await write(ctx, actor, async (_tx, w) =>
    w.audit({
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
  const page = await memberPage(ctx, memberWhere(ctx, actor, org, q), q.page, q.pageSize);
  return { items: page.rows.map((r) => presentMember(ctx, r)), total: page.total };
}

export async function updateMember(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<MemberFields> & { orgId?: string; version?: number },
) {
  authorize(actor, 'member.write');
  const { version, orgId: _o, ...fields } = patch;
  await write(ctx, actor, async (tx, w) => {
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
    if (fields.address !== undefined && fields.address !== currentFields.address) after.address = '(已修改)';
    w.audit({
      action: 'member.update',
      entity: 'member',
      entityId: id,
      orgId: next.orgId,
      orgPath: targetOrg?.path ?? current.orgPath,
      before,
      after,
    });
    // The register's mobile mark opens or closes the episode the flag is derived from (mobility/register.ts).
    await applyRegisterMarks(tx, w, [
      {
        memberId: id,
        orgId: next.orgId,
        orgPath: targetOrg?.path ?? current.orgPath,
        mobile: fields.mobile,
        destinationRegion: fields.destinationRegion,
      },
    ]);
  }).catch(rethrowUnique);
  return getMember(ctx, actor, id);
}
