import { randomUUID } from 'node:crypto';
import { type contactChangeInputSchema, isValidPhone, maskPhone, regionName } from '@dangjian/core';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { contactChangeRequests, members, mobilityEpisodes } from '../../db/schema.js';
import { type Actor, authorize, isUuid, memberSubtree, resolveScopeOrg, underOrg } from '../../lib/authz.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { write } from '../../lib/write.js';
import { loadMemberInScope, type MemberFields, toMemberColumns } from '../members/index.js';
import { presentContactChange } from './presenter.js';
import { contactChangeRows, lockContactChange, openEpisodeOf } from './queries.js';

/** The proposal as the route has validated it (core's contactChangeInputSchema). */
export type ContactChangeInput = z.output<typeof contactChangeInputSchema>;

/** Enough of a WeChat id or an address to recognise it, not enough to use it. */
function maskOther(s: string): string {
  return `${[...s].slice(0, 3).join('')}****`;
}

const blank = (s: string | null | undefined) => {
  const t = s?.trim();
  return t ? t : null;
};

/** The fields a proposal changes, as the audit log names them (never their values). */
function changedFields(r: {
  phoneEnc: string | null;
  addressEnc: string | null;
  region: string | null;
  otherContactEnc: string | null;
}) {
  return [
    r.phoneEnc && 'phone',
    r.addressEnc && 'address',
    r.region && 'region',
    r.otherContactEnc && 'otherContact',
  ].filter((f): f is string => Boolean(f));
}

/** 党员本人 proposes new contact details from the portal; nothing changes until the branch confirms. */
export async function proposeContactChange(ctx: AppContext, actor: Actor, input: ContactChangeInput) {
  if (actor.role !== 'member' || !actor.memberId)
    throw new AppError('FORBIDDEN', '只有党员本人可以提出联系方式变更');
  const member = await loadMemberInScope(ctx, actor, actor.memberId);
  const phone = blank(input.phone);
  const address = blank(input.address);
  const region = blank(input.region);
  const other = blank(input.otherContact);
  if (!phone && !address && !region && !other)
    throw new AppError('VALIDATION_FAILED', '请至少填写一项要变更的内容');
  if (phone && !isValidPhone(phone)) throw new AppError('INVALID_PHONE');
  if (region) {
    if (!regionName(ctx.regions, region)) throw new AppError('INVALID_REGION');
    const episode = await openEpisodeOf(ctx, member.id);
    // The current city is the 外出流向 of an open outflow; a member at home or abroad has none to change.
    if (!episode || episode.abroad)
      throw new AppError('VALIDATION_FAILED', '现居城市只在国内外出期间填写；在家或出国（境）的党员不填');
  }
  const id = randomUUID();
  const row = {
    id,
    memberId: member.id,
    phoneEnc: phone ? ctx.vault.encrypt(phone) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    addressEnc: address ? ctx.vault.encrypt(address) : null,
    region,
    otherContactEnc: other ? ctx.vault.encrypt(other) : null,
    otherContactMasked: other ? maskOther(other) : null,
  };
  await write(ctx, actor, async (tx, w) => {
    await tx.insert(contactChangeRequests).values(row);
    w.audit({
      action: 'member.contact_change_propose',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { requestId: id, fields: changedFields(row), region },
    });
  }).catch((err) => {
    throw isUniqueViolation(err) ? new AppError('CONTACT_CHANGE_PENDING') : err;
  });
  return (await contactChangeRows(ctx, sql`c.id = ${id}`)).map((r) => presentContactChange(ctx, r, true))[0]!;
}

export async function myContactChanges(ctx: AppContext, actor: Actor) {
  if (actor.role !== 'member' || !actor.memberId) throw new AppError('NOT_FOUND');
  const rows = await contactChangeRows(ctx, sql`c.member_id = ${actor.memberId}`);
  return { items: rows.map((r) => presentContactChange(ctx, r, true)) };
}

/** The branch's list: proposals of members in the subtree of `orgId` (or of one member). */
export async function listContactChanges(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; memberId?: string; status?: 'pending' | 'approved' | 'rejected' },
) {
  authorize(actor, 'member.read');
  if (q.memberId) await loadMemberInScope(ctx, actor, q.memberId);
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const parts: SQL[] = [memberSubtree(actor, sql`m.org_id`), underOrg(actor, org, sql`o.path`)];
  if (q.memberId) parts.push(sql`c.member_id = ${q.memberId}`);
  if (q.status) parts.push(sql`c.status = ${q.status}`);
  const rows = await contactChangeRows(ctx, sql.join(parts, sql` and `));
  return { items: rows.map((r) => presentContactChange(ctx, r, false)) };
}

/** A proposal the staff member may decide: pending, of a member in their subtree; else 404 / 409. */
async function loadForDecision(ctx: AppContext, actor: Actor, id: string, tx: Executor) {
  authorize(actor, 'member.write');
  if (!isUuid(id)) throw new AppError('CONTACT_CHANGE_NOT_FOUND');
  const row = await lockContactChange(ctx, actor, id, tx);
  if (!row) throw new AppError('CONTACT_CHANGE_NOT_FOUND');
  if (row.status !== 'pending') throw new AppError('CONTACT_CHANGE_DECIDED');
  return row;
}

/**
 * 党支部确认: the member record (its encrypted phone and address, through the members module's
 * column mapping) and the open outflow's contact and destination change together with the decision.
 */
export async function approveContactChange(ctx: AppContext, actor: Actor, id: string) {
  await write(ctx, actor, async (tx, w) => {
    const request = await loadForDecision(ctx, actor, id, tx);
    const member = await loadMemberInScope(ctx, actor, request.memberId, tx, true);
    const open = (box: string | null) => (box ? ctx.vault.decrypt(box) : null);
    const phone = open(request.phoneEnc) ?? open(member.phoneEnc);
    const fields: MemberFields = {
      ...(member as unknown as MemberFields),
      idNumber: ctx.vault.decrypt(member.idNumberEnc),
      phone,
      address: open(request.addressEnc) ?? open(member.addressEnc),
    };
    const mapped = toMemberColumns(ctx, fields);
    await tx
      .update(members)
      .set({
        ...(request.phoneEnc ? { phoneEnc: mapped.phoneEnc, phoneMasked: mapped.phoneMasked } : {}),
        ...(request.addressEnc ? { addressEnc: mapped.addressEnc } : {}),
        ...(request.region && member.mobile ? { destinationRegion: request.region } : {}),
        version: member.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(members.id, member.id));
    const episode = await openEpisodeOf(ctx, member.id, tx);
    const other = open(request.otherContactEnc);
    if (episode && (request.phoneEnc || other || request.region)) {
      const contactPhone = mapped.phoneEnc ? ctx.vault.decrypt(mapped.phoneEnc) : null;
      const parts = [contactPhone, other].filter((p): p is string => Boolean(p));
      const masked = [mapped.phoneMasked, other && maskOther(other)].filter(Boolean).join('；');
      await tx
        .update(mobilityEpisodes)
        .set({
          ...(request.phoneEnc || other
            ? { contactEnc: ctx.vault.encrypt(parts.join('；')), contactMasked: masked }
            : {}),
          ...(request.region && !episode.abroad ? { destinationRegion: request.region } : {}),
          updatedAt: new Date(),
        })
        .where(eq(mobilityEpisodes.id, episode.id));
    }
    await tx
      .update(contactChangeRequests)
      .set({ status: 'approved', decidedBy: actor.username, decidedAt: new Date() })
      .where(eq(contactChangeRequests.id, request.id));
    w.audit({
      action: 'member.contact_change_approve',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: {
        requestId: request.id,
        fields: changedFields(request),
        region: request.region,
        episodeId: episode?.id ?? null,
      },
    });
  });
  return decided(ctx, id);
}

export async function rejectContactChange(ctx: AppContext, actor: Actor, id: string, reason: string) {
  await write(ctx, actor, async (tx, w) => {
    const request = await loadForDecision(ctx, actor, id, tx);
    const member = await loadMemberInScope(ctx, actor, request.memberId, tx);
    await tx
      .update(contactChangeRequests)
      .set({ status: 'rejected', rejectReason: reason, decidedBy: actor.username, decidedAt: new Date() })
      .where(eq(contactChangeRequests.id, request.id));
    w.audit({
      action: 'member.contact_change_reject',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { requestId: request.id, fields: changedFields(request), reason },
    });
  });
  return decided(ctx, id);
}

async function decided(ctx: AppContext, id: string) {
  const [row] = await contactChangeRows(ctx, sql`c.id = ${id}`);
  return presentContactChange(ctx, row!, false);
}
