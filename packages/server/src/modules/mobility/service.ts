import { randomBytes, randomUUID } from 'node:crypto';
import {
  classifyOutflow,
  type MobilityPolicy,
  maskPhone,
  type OutflowReason,
  regionName,
} from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/engine.js';
import {
  contactAttempts,
  inflowMembers,
  letters,
  lifeRecords,
  mobilityEpisodes,
  thoughtReports,
  yearlyReviews,
} from '../../db/schema.js';
import { recordAudit } from '../../lib/audit.js';
import {
  type Actor,
  authorize,
  can,
  isUuid,
  loadOrgInScope,
  memberSubtree,
  resolveScopeOrg,
} from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { isoTimestamp } from '../../lib/schemas.js';
import { loadMemberInScope } from '../members/index.js';
import { effectivePolicy } from '../policies/index.js';
import { documentState } from './document-state.js';
import { refreshMemberObligations } from './obligations.js';
import { presentEpisode, presentEpisodes } from './presenter.js';
import {
  destinationNameOf,
  type EpisodeRow,
  episodeColumns,
  episodeFrom,
  episodeVisible,
  loadEpisode,
} from './queries.js';
import { deriveMobileFlags } from './register.js';

export interface OutflowInput {
  memberId: string;
  leftOn: string;
  expectedMonths: number;
  reason: OutflowReason;
  destinationRegion?: string | null;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  contact?: string | null;
  /** 出国(境): outside the mainland, so no GB/T 2260 destination (RULES.md §2). */
  abroad?: boolean;
  /** 篇三 L396: false when the fixed place cannot take the relationship yet (⇒ 活动证). */
  relationshipCanMove?: boolean;
  /** The inflow organization (RULES.md §2 ledger): one of this system, or a name typed from paper. */
  inflowOrgId?: string | null;
  inflowOrgName?: string | null;
  expectedReturnOn?: string | null;
}

function maskContact(contact: string): string {
  return /^\+?\d[\d-]{6,}$/.test(contact) ? maskPhone(contact) : `${[...contact].slice(0, 3).join('')}****`;
}

/**
 * 外出登记 (RULES.md §2): the document the rules require follows from the stay's length, reason
 * and place, under the mobility policy in force for the member's organization on the day of leaving.
 */
export async function createOutflow(ctx: AppContext, actor: Actor, input: OutflowInput) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, input.memberId);
  if (member.exitKind) throw new AppError('MEMBER_NOT_FOUND');
  const abroad = input.abroad ?? false;
  if (abroad && input.destinationRegion) throw new AppError('ABROAD_WITH_REGION');
  if (input.destinationRegion && !regionName(ctx.regions, input.destinationRegion))
    throw new AppError('INVALID_REGION');
  if (input.leftOn > addDays(today(), 366))
    throw new AppError('VALIDATION_FAILED', '外出日期不能晚于一年以后');
  const inflow = await checkInflowAndReturn(ctx, input);
  const policy = (await effectivePolicy(ctx, member.orgId, 'mobility', input.leftOn))
    .document as MobilityPolicy;
  const decision = classifyOutflow(policy, { ...input, abroad });
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    const [open] = (
      (await tx.execute(
        sql`select id from mobility_episodes where member_id = ${member.id} and status = 'open' for update`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    if (open) throw new AppError('EPISODE_OPEN', undefined, { episodeId: open.id });
    await tx.insert(mobilityEpisodes).values({
      id,
      memberId: member.id,
      originOrgId: member.orgId,
      leftOn: input.leftOn,
      expectedMonths: input.expectedMonths,
      reason: input.reason,
      destinationRegion: input.destinationRegion ?? null,
      abroad,
      fixedPlace: input.fixedPlace,
      hostHasPartyOrg: input.hostHasPartyOrg,
      contactEnc: input.contact ? ctx.vault.encrypt(input.contact) : null,
      contactMasked: input.contact ? maskContact(input.contact) : null,
      requiredDocument: decision.requiredDocument,
      rule: decision.rule,
      relationshipCanMove: input.relationshipCanMove ?? true,
      ...inflow,
    });
    await deriveMobileFlags(tx, [member.id]);
    await recordAudit(tx, actor, {
      action: 'mobility.outflow',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { episodeId: id, ...input, abroad, contact: input.contact ? '(已加密)' : null, ...decision },
    });
    await refreshMemberObligations(ctx, tx, member.id);
  });
  const episode = await presentEpisode(ctx, actor, await loadEpisode(ctx, actor, id));
  return { ...episode, transferTarget: decision.transferTarget };
}

/** The inflow organization named at departure must exist; the expected return follows the departure. */
async function checkInflowAndReturn(
  ctx: AppContext,
  input: {
    leftOn?: string | null;
    inflowOrgId?: string | null;
    inflowOrgName?: string | null;
    expectedReturnOn?: string | null;
  },
) {
  if (input.inflowOrgId && input.inflowOrgName)
    throw new AppError('VALIDATION_FAILED', '流入党组织请选择本系统组织或填写名称，不能同时填写');
  if (input.expectedReturnOn && input.leftOn && input.expectedReturnOn < input.leftOn)
    throw new AppError('VALIDATION_FAILED', '预计返回日期不能早于外出日期');
  if (input.inflowOrgId) {
    // Any organization of this system may receive the member (一方隶属、参加多重组织生活), not only the
    // caller's subtree; only its existence is checked.
    const [org] = isUuid(input.inflowOrgId)
      ? await ctx.database.rows<{ id: string }>(
          sql`select id from orgs where id = ${input.inflowOrgId} and dissolved_at is null`,
        )
      : [];
    if (!org) throw new AppError('INFLOW_ORG_NOT_FOUND');
  }
  const out: {
    inflowOrgId?: string | null;
    inflowOrgName?: string | null;
    expectedReturnOn?: string | null;
  } = {};
  if (input.inflowOrgId !== undefined || input.inflowOrgName !== undefined) {
    out.inflowOrgId = input.inflowOrgId ?? null;
    out.inflowOrgName = input.inflowOrgName?.trim() || null;
  }
  if (input.expectedReturnOn !== undefined) out.expectedReturnOn = input.expectedReturnOn;
  return out;
}

export type OutflowPatch = Partial<Omit<OutflowInput, 'memberId'>>;

/**
 * 补全 / 修改外出登记: the secretary completes an episode the register opened (待补全) or corrects one.
 * Once departure, stay and reason are known, the document follows RULES.md §2 as at registration; a
 * certificate of another kind than the new requirement stops verifying.
 */
export async function updateOutflow(ctx: AppContext, actor: Actor, episodeId: string, patch: OutflowPatch) {
  authorize(actor, 'member.write');
  const episode = await loadEpisode(ctx, actor, episodeId, { originOnly: true });
  if (episode.status !== 'open') throw new AppError('EPISODE_CLOSED');
  const next = {
    leftOn: patch.leftOn ?? episode.leftOn,
    expectedMonths: patch.expectedMonths ?? episode.expectedMonths,
    reason: (patch.reason ?? episode.reason) as OutflowReason | null,
    abroad: patch.abroad ?? episode.abroad,
    destinationRegion:
      patch.destinationRegion !== undefined ? patch.destinationRegion : episode.destinationRegion,
    fixedPlace: patch.fixedPlace ?? episode.fixedPlace,
    hostHasPartyOrg: patch.hostHasPartyOrg ?? episode.hostHasPartyOrg,
    relationshipCanMove: patch.relationshipCanMove ?? episode.relationshipCanMove,
  };
  if (next.abroad && next.destinationRegion) throw new AppError('ABROAD_WITH_REGION');
  if (patch.destinationRegion && !regionName(ctx.regions, patch.destinationRegion))
    throw new AppError('INVALID_REGION');
  if (patch.leftOn && patch.leftOn > addDays(today(), 366))
    throw new AppError('VALIDATION_FAILED', '外出日期不能晚于一年以后');
  const inflow = await checkInflowAndReturn(ctx, {
    ...patch,
    leftOn: next.leftOn,
    expectedReturnOn:
      patch.expectedReturnOn !== undefined ? patch.expectedReturnOn : episode.expectedReturnOn,
  });
  const complete = next.leftOn !== null && next.expectedMonths !== null && next.reason !== null;
  const decision = complete
    ? classifyOutflow(
        (await effectivePolicy(ctx, episode.memberOrgId, 'mobility', next.leftOn!))
          .document as MobilityPolicy,
        { ...next, expectedMonths: next.expectedMonths!, reason: next.reason! },
      )
    : null;
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(mobilityEpisodes)
      .set({
        ...next,
        ...inflow,
        ...(patch.contact !== undefined
          ? {
              contactEnc: patch.contact ? ctx.vault.encrypt(patch.contact) : null,
              contactMasked: patch.contact ? maskContact(patch.contact) : null,
            }
          : {}),
        ...(decision
          ? { requiredDocument: decision.requiredDocument, rule: decision.rule, needsCompletion: false }
          : {}),
        updatedAt: new Date(),
      })
      .where(eq(mobilityEpisodes.id, episode.id));
    if (decision) {
      await tx
        .update(letters)
        .set({ status: 'revoked', statusReason: 'reclassified' })
        .where(
          sql`${letters.episodeId} = ${episode.id} and ${letters.status} = 'issued' and ${letters.kind} <> ${decision.requiredDocument}`,
        );
    }
    await deriveMobileFlags(tx, [episode.memberId]);
    await recordAudit(tx, actor, {
      action: 'mobility.outflow_update',
      entity: 'member',
      entityId: episode.memberId,
      orgId: episode.memberOrgId,
      orgPath: episode.memberOrgPath,
      before: {
        leftOn: episode.leftOn,
        expectedMonths: episode.expectedMonths,
        reason: episode.reason,
        requiredDocument: episode.requiredDocument,
      },
      after: {
        episodeId: episode.id,
        ...patch,
        contact: patch.contact ? '(已加密)' : patch.contact,
        needsCompletion: decision ? false : episode.needsCompletion,
        requiredDocument: decision?.requiredDocument ?? episode.requiredDocument,
      },
    });
    await refreshMemberObligations(ctx, tx, episode.memberId);
  });
  const row = await loadEpisode(ctx, actor, episode.id);
  return { ...(await presentEpisode(ctx, actor, row)), transferTarget: decision?.transferTarget ?? null };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** Codes people type from paper: no 0/O or 1/I/L to confuse. */
function verificationCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** The committee that numbers the certificate: the nearest 党委/党工委 above (or at) the origin. */
async function issuingCommittee(tx: Tx, orgId: string) {
  const rows = (await tx.execute(sql`
    select a.id, a.name from orgs a, orgs t where t.id = ${orgId} and t.path <@ a.path
    order by (a.type in ('committee', 'working_committee')) desc, nlevel(a.path) desc limit 1`)) as unknown as {
    rows: { id: string; name: string }[];
  };
  return rows.rows[0]!;
}

const letterPrefix: Record<string, string> = {
  activity_certificate: '流动证',
  membership_certificate_letter: '证明信',
};

/**
 * 流动党员活动证 or 党员证明信, numbered per issuing committee and year, with a code anyone can check
 * at /api/public/letters/:code (RULES.md §3: letters must be verifiable).
 */
export async function issueCertificate(
  ctx: AppContext,
  actor: Actor,
  episodeId: string,
  opts: { reissue?: boolean } = {},
) {
  authorize(actor, 'member.write');
  const episode = await loadEpisode(ctx, actor, episodeId, { originOnly: true });
  if (episode.status !== 'open') throw new AppError('EPISODE_CLOSED');
  if (episode.requiredDocument === null || episode.leftOn === null || episode.expectedMonths === null)
    throw new AppError('EPISODE_INCOMPLETE');
  if (episode.requiredDocument === 'none') throw new AppError('NO_DOCUMENT_NEEDED');
  if (episode.requiredDocument === 'transfer_letter') throw new AppError('TRANSFER_REQUIRED');
  const policy = (await effectivePolicy(ctx, episode.memberOrgId, 'mobility')).document as MobilityPolicy;
  const issuedOn = today();
  const validUntil =
    episode.requiredDocument === 'membership_certificate_letter'
      ? addMonths([episode.leftOn, issuedOn].sort()[1]!, Math.max(1, Math.ceil(episode.expectedMonths)))
      : addMonths(issuedOn, policy.certificateValidityMonths);
  const id = randomUUID();
  const code = verificationCode();
  let number = '';
  const kind = episode.requiredDocument;
  await ctx.database.db.transaction(async (tx) => {
    const current = (
      (await tx.execute(
        sql`select id from letters where episode_id = ${episode.id} and status = 'issued' for update`,
      )) as unknown as {
        rows: { id: string }[];
      }
    ).rows[0];
    if (current && !opts.reissue) throw new AppError('CERTIFICATE_EXISTS');
    if (current) {
      await tx
        .update(letters)
        .set({ status: 'revoked', statusReason: 'lost' })
        .where(eq(letters.id, current.id));
    }
    const committee = await issuingCommittee(tx, episode.originOrgId);
    const year = Number(issuedOn.slice(0, 4));
    const counter = (
      (await tx.execute(sql`
        insert into letter_counters (org_id, kind, year, last) values (${committee.id}, ${kind}, ${year}, 1)
        on conflict (org_id, kind, year) do update set last = letter_counters.last + 1 returning last`)) as unknown as {
        rows: { last: number }[];
      }
    ).rows[0]!;
    number = `${letterPrefix[kind]}〔${year}〕${String(counter.last).padStart(5, '0')}号`;
    await tx.insert(letters).values({
      id,
      kind,
      number,
      code,
      status: 'issued',
      memberId: episode.memberId,
      issuedByOrgId: committee.id,
      issuedOn,
      validUntil,
      episodeId: episode.id,
      replacesId: current?.id ?? null,
    });
    await recordAudit(tx, actor, {
      action: current ? 'letter.reissue' : 'letter.issue',
      entity: 'letter',
      entityId: id,
      orgId: episode.memberOrgId,
      orgPath: episode.memberOrgPath,
      after: { kind, number, episodeId: episode.id, replaces: current?.id ?? null },
    });
  });
  return { id, kind, number, code, status: 'issued', issuedOn, validUntil };
}

export async function revokeLetter(ctx: AppContext, actor: Actor, letterId: string, reason: string) {
  authorize(actor, 'member.write');
  if (!isUuid(letterId)) throw new AppError('LETTER_NOT_FOUND');
  const [letter] = await ctx.database.rows<{ id: string; status: string; episodeId: string | null }>(
    sql`select id, status, episode_id as "episodeId" from letters where id = ${letterId}`,
  );
  if (!letter?.episodeId) throw new AppError('LETTER_NOT_FOUND');
  const episode = await loadEpisode(ctx, actor, letter.episodeId, { originOnly: true }).catch(() => {
    throw new AppError('LETTER_NOT_FOUND');
  });
  if (letter.status !== 'issued') throw new AppError('LETTER_STATE');
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(letters)
      .set({ status: 'revoked', statusReason: reason })
      .where(eq(letters.id, letter.id));
    await recordAudit(tx, actor, {
      action: 'letter.revoke',
      entity: 'letter',
      entityId: letter.id,
      orgId: episode.memberOrgId,
      orgPath: episode.memberOrgPath,
      after: { reason },
    });
  });
  return { id: letter.id, status: 'revoked' };
}

/** 返回: closes the episode; its certificates stop verifying and it owes nothing more. */
export async function returnOutflow(
  ctx: AppContext,
  actor: Actor,
  episodeId: string,
  input: { returnedOn: string; note?: string },
) {
  authorize(actor, 'member.write');
  const episode = await loadEpisode(ctx, actor, episodeId, { originOnly: true });
  if (episode.status !== 'open') throw new AppError('EPISODE_CLOSED');
  if (episode.leftOn && input.returnedOn < episode.leftOn)
    throw new AppError('VALIDATION_FAILED', '返回日期不能早于外出日期');
  if (input.returnedOn > today()) throw new AppError('VALIDATION_FAILED', '返回日期不能晚于今天');
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(mobilityEpisodes)
      .set({
        status: 'returned',
        returnedOn: input.returnedOn,
        returnNote: input.note ?? null,
        updatedAt: new Date(),
      })
      .where(eq(mobilityEpisodes.id, episode.id));
    await tx
      .update(letters)
      .set({ status: 'revoked', statusReason: 'returned' })
      .where(sql`${letters.episodeId} = ${episode.id} and ${letters.status} = 'issued'`);
    await deriveMobileFlags(tx, [episode.memberId]);
    await recordAudit(tx, actor, {
      action: 'mobility.return',
      entity: 'member',
      entityId: episode.memberId,
      orgId: episode.memberOrgId,
      orgPath: episode.memberOrgPath,
      after: { episodeId: episode.id, ...input },
    });
    await refreshMemberObligations(ctx, tx, episode.memberId);
  });
  return presentEpisode(ctx, actor, await loadEpisode(ctx, actor, episode.id));
}

export async function getEpisode(ctx: AppContext, actor: Actor, id: string) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  return presentEpisode(ctx, actor, await loadEpisode(ctx, actor, id));
}

/**
 * 流入登记: the host registers a member of another organization living on its ground. A member of
 * this system is found by the code on their certificate; anyone else is recorded by name.
 */
export async function registerInflow(
  ctx: AppContext,
  actor: Actor,
  input: {
    orgId: string;
    arrivedOn: string;
    certificateCode?: string;
    name?: string;
    originOrgName?: string;
    certificateNumber?: string;
    contact?: string;
  },
) {
  authorize(actor, 'member.write');
  const host = await loadOrgInScope(ctx.database, actor, input.orgId);
  if (input.certificateCode) {
    const [letter] = await ctx.database.rows<{
      episodeId: string | null;
      status: string;
      validUntil: string;
    }>(sql`
      select episode_id as "episodeId", status, valid_until::text as "validUntil" from letters
      where code = ${input.certificateCode.trim().toUpperCase()}`);
    if (!letter?.episodeId) throw new AppError('LETTER_NOT_FOUND');
    if (letter.status !== 'issued' || letter.validUntil < today())
      throw new AppError('LETTER_STATE', '该证明已失效，不能据此登记流入');
    const episodeId = letter.episodeId;
    const [episode] = await ctx.database.rows<{ memberId: string; status: string; memberName: string }>(sql`
      select e.member_id as "memberId", e.status, m.name as "memberName" from mobility_episodes e
      join members m on m.id = e.member_id where e.id = ${episodeId}`);
    if (episode?.status !== 'open') throw new AppError('EPISODE_CLOSED');
    const id = randomUUID();
    await ctx.database.db.transaction(async (tx) => {
      await tx
        .update(mobilityEpisodes)
        .set({ inflowOrgId: host.id, inflowOn: input.arrivedOn, updatedAt: new Date() })
        .where(eq(mobilityEpisodes.id, episodeId));
      await tx.insert(inflowMembers).values({
        id,
        hostOrgId: host.id,
        episodeId,
        name: episode.memberName,
        originOrgName: '(本系统)',
        certificateNumber: input.certificateCode!.trim().toUpperCase(),
        arrivedOn: input.arrivedOn,
      });
      await recordAudit(tx, actor, {
        action: 'mobility.inflow',
        entity: 'member',
        entityId: episode.memberId,
        orgId: host.id,
        orgPath: host.path,
        after: { episodeId, hostOrgId: host.id, arrivedOn: input.arrivedOn },
      });
    });
    return { id, episodeId, hostOrgId: host.id, name: episode.memberName, internal: true };
  }
  if (!input.name || !input.originOrgName) {
    throw new AppError('VALIDATION_FAILED', '请填写活动证编码，或填写姓名和原所在党组织');
  }
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(inflowMembers).values({
      id,
      hostOrgId: host.id,
      name: input.name!,
      originOrgName: input.originOrgName!,
      certificateNumber: input.certificateNumber ?? null,
      contactEnc: input.contact ? ctx.vault.encrypt(input.contact) : null,
      contactMasked: input.contact ? maskContact(input.contact) : null,
      arrivedOn: input.arrivedOn,
    });
    await recordAudit(tx, actor, {
      action: 'mobility.inflow_external',
      entity: 'inflow',
      entityId: id,
      orgId: host.id,
      orgPath: host.path,
      after: {
        name: input.name,
        originOrgName: input.originOrgName,
        certificateNumber: input.certificateNumber ?? null,
      },
    });
  });
  return { id, episodeId: null, hostOrgId: host.id, name: input.name, internal: false };
}

export async function listInflows(ctx: AppContext, actor: Actor, orgId?: string) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  const rows = await ctx.database.rows(sql`
    select i.id, i.host_org_id as "hostOrgId", h.name as "hostOrgName", i.episode_id as "episodeId", i.name,
      coalesce(oo.name, i.origin_org_name) as "originOrgName", i.certificate_number as "certificateNumber",
      coalesce(e.contact_masked, i.contact_masked) as contact, i.arrived_on::text as "arrivedOn",
      coalesce(e.status, case when i.left_on is null then 'open' else 'returned' end) as status,
      (i.episode_id is not null) as internal
    from inflow_members i join orgs h on h.id = i.host_org_id
    left join mobility_episodes e on e.id = i.episode_id left join orgs oo on oo.id = e.origin_org_id
    where ${org ? sql`h.path <@ ${org.path}::ltree` : sql`true`}
    order by i.arrived_on desc limit 500`);
  return { items: rows };
}

export const contactChannels = [
  'phone',
  'sms',
  'wechat',
  'email',
  'letter',
  'sponsor',
  'class_teacher',
  'class_cadre',
  'family',
  'visit',
  'other',
] as const;

/** 一月一联系: every attempt is kept, reached or not; only reached ones count as contact. */
export async function logContact(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { contactedOn?: string; channel: (typeof contactChannels)[number]; reached: boolean; note?: string },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const contactedOn = input.contactedOn ?? today();
  if (contactedOn > today()) throw new AppError('VALIDATION_FAILED', '联系日期不能晚于今天');
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(contactAttempts).values({
      id,
      memberId: member.id,
      contactedOn,
      channel: input.channel,
      reached: input.reached,
      note: input.note ?? null,
      byUserId: actor.userId,
      byName: actor.username,
    });
    await recordAudit(tx, actor, {
      action: 'mobility.contact',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { id, contactedOn, channel: input.channel, reached: input.reached },
    });
    await refreshMemberObligations(ctx, tx, member.id);
  });
  return {
    id,
    memberId: member.id,
    contactedOn,
    channel: input.channel,
    reached: input.reached,
    note: input.note ?? null,
  };
}

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
  await ctx.database.db
    .transaction(async (tx) => {
      await tx.insert(thoughtReports).values({ id, memberId: member.id, month, content: input.content });
      await recordAudit(tx, actor, {
        action: 'mobility.report',
        entity: 'member',
        entityId: member.id,
        orgId: member.orgId,
        orgPath: member.orgPath,
        after: { id, month },
      });
      await refreshMemberObligations(ctx, tx, member.id);
    })
    .catch((err) => {
      throw isUniqueViolation(err) ? new AppError('REPORT_EXISTS', `${month} 的思想汇报已提交`) : err;
    });
  return { id, month, status: 'submitted' };
}

export async function listReports(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; memberId?: string; pending?: boolean },
) {
  if (actor.role === 'member') {
    return {
      items: await ctx.database.rows(sql`
        select id, month, content, ${isoTimestamp(sql`submitted_at`)} as "submittedAt",
          ${isoTimestamp(sql`acknowledged_at`)} as "acknowledgedAt", reply
        from thought_reports where member_id = ${actor.memberId} order by month desc`),
    };
  }
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const rows = await ctx.database.rows(sql`
    select r.id, r.member_id as "memberId", m.name as "memberName", r.month, r.content,
      ${isoTimestamp(sql`r.submitted_at`)} as "submittedAt", ${isoTimestamp(sql`r.acknowledged_at`)} as "acknowledgedAt",
      r.acknowledged_by as "acknowledgedBy", r.reply
    from thought_reports r join members m on m.id = r.member_id join orgs o on o.id = m.org_id
    where ${org ? sql`o.path <@ ${org.path}::ltree` : sql`true`}
      ${q.memberId && isUuid(q.memberId) ? sql`and r.member_id = ${q.memberId}` : sql``}
      ${q.pending ? sql`and r.acknowledged_at is null` : sql``}
    order by r.submitted_at desc limit 500`);
  return { items: rows };
}

export async function acknowledgeReport(ctx: AppContext, actor: Actor, reportId: string, reply?: string) {
  authorize(actor, 'member.write');
  if (!isUuid(reportId)) throw new AppError('NOT_FOUND', '思想汇报不存在');
  const [report] = await ctx.database.rows<{ memberId: string }>(
    sql`select member_id as "memberId" from thought_reports where id = ${reportId}`,
  );
  if (!report) throw new AppError('NOT_FOUND', '思想汇报不存在');
  const member = await loadMemberInScope(ctx, actor, report.memberId).catch(() => {
    throw new AppError('NOT_FOUND', '思想汇报不存在');
  });
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(thoughtReports)
      .set({ acknowledgedAt: new Date(), acknowledgedBy: actor.username, reply: reply ?? null })
      .where(eq(thoughtReports.id, reportId));
    await recordAudit(tx, actor, {
      action: 'mobility.report_ack',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { reportId, reply: reply ?? null },
    });
  });
  return { id: reportId, acknowledged: true };
}

export const reviewResults = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;

/** 一年一评议: one yearly review per member and year. */
export async function recordReview(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { year: number; result: (typeof reviewResults)[number]; note?: string },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const id = randomUUID();
  await ctx.database.db
    .transaction(async (tx) => {
      await tx
        .insert(yearlyReviews)
        .values({ id, memberId: member.id, ...input, note: input.note ?? null, reviewedBy: actor.username });
      await recordAudit(tx, actor, {
        action: 'mobility.review',
        entity: 'member',
        entityId: member.id,
        orgId: member.orgId,
        orgPath: member.orgPath,
        after: { id, ...input },
      });
      await refreshMemberObligations(ctx, tx, member.id);
    })
    .catch((err) => {
      throw isUniqueViolation(err) ? new AppError('REVIEW_EXISTS') : err;
    });
  return { id, ...input };
}

/** Organizational life attended, by the member's own branch or the host (votes stay at home). */
export async function recordLife(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { heldOn: string; mode: 'present' | 'online'; topic?: string; orgId?: string },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const org = input.orgId ? await loadOrgInScope(ctx.database, actor, input.orgId) : null;
  if (input.heldOn > today()) throw new AppError('VALIDATION_FAILED', '日期不能晚于今天');
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(lifeRecords).values({
      id,
      memberId: member.id,
      orgId: org?.id ?? member.orgId,
      heldOn: input.heldOn,
      mode: input.mode,
      topic: input.topic ?? null,
    });
    await recordAudit(tx, actor, {
      action: 'mobility.life',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { id, ...input },
    });
    await refreshMemberObligations(ctx, tx, member.id);
  });
  return { id, ...input };
}

/**
 * 外出党员登记簿: the branch's list of who is away, where, since when, and what is due. It lists the
 * mobile members (the episodes `members.mobile` is derived from); a leave of ≤ 3 months, which needs
 * nothing beyond the branch's leave (RULES.md §2), is listed under `kind=leave`. `needsCompletion`
 * keeps the episodes the register opened and the secretary has still to complete (待补全).
 */
export async function listLedger(
  ctx: AppContext,
  actor: Actor,
  q: {
    orgId?: string;
    status?: 'open' | 'returned';
    kind?: 'mobile' | 'leave';
    needsCompletion?: boolean;
    page: number;
    pageSize: number;
  },
) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const where = sql`${episodeVisible(actor)} ${org ? sql`and (mo.path <@ ${org.path}::ltree or io.path <@ ${org.path}::ltree)` : sql``}
    and e.status = ${q.status ?? 'open'} and m.exit_kind is null
    and ${q.kind === 'leave' ? sql`e.required_document = 'none'` : sql`e.required_document is distinct from 'none'`}
    ${q.needsCompletion ? sql`and e.needs_completion` : sql``}`;
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<
      EpisodeRow & {
        lastContactOn: string | null;
        lastReportMonth: string | null;
        worstState: string | null;
        letter: { kind: string; number: string; status: string; validUntil: string } | null;
      }
    >(sql`
      select ${episodeColumns(actor)},
        (select json_build_object('kind', l.kind, 'number', l.number, 'status', l.status, 'validUntil', l.valid_until::text)
           from letters l where l.episode_id = e.id order by l.created_at desc limit 1) as "letter",
        (select max(c.contacted_on)::text from contact_attempts c where c.member_id = e.member_id and c.reached) as "lastContactOn",
        (select max(r.month) from thought_reports r where r.member_id = e.member_id) as "lastReportMonth",
        (select b.state from obligations b where b.member_id = e.member_id
           order by case b.state when 'breached' then 0 when 'overdue' then 1 when 'due_soon' then 2 else 3 end limit 1) as "worstState"
      from ${episodeFrom} where ${where}
      order by e.left_on desc, e.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from ${episodeFrom} where ${where}`),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      memberId: r.memberId,
      memberName: r.memberName,
      originOrgName: r.originOrgName,
      inflowOrgName: r.inflowOrgName,
      leftOn: r.leftOn,
      expectedMonths: r.expectedMonths,
      reason: r.reason,
      destinationRegion: r.destinationRegion,
      destinationName: destinationNameOf(ctx, r),
      abroad: r.abroad,
      contact: r.contactMasked,
      requiredDocument: r.requiredDocument,
      document: documentState(r.requiredDocument, r.letter),
      needsCompletion: r.needsCompletion,
      expectedReturnOn: r.expectedReturnOn,
      side: r.isOrigin ? 'origin' : 'host',
      lastContactOn: r.lastContactOn,
      lastReportMonth: r.lastReportMonth,
      worstState: r.worstState,
    })),
    total: count?.n ?? 0,
  };
}

/** 一人一台账: everything about one member's mobility on one page. */
export async function memberLedger(ctx: AppContext, actor: Actor, memberId: string) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  if (!isUuid(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const episodes = await ctx.database.rows<EpisodeRow>(sql`
    select ${episodeColumns(actor)} from ${episodeFrom}
    where e.member_id = ${memberId} and ${episodeVisible(actor)} order by e.left_on desc`);
  if (episodes.length === 0) await loadMemberInScope(ctx, actor, memberId);
  const [contacts, reports, reviews, life, obligationRows, member] = await Promise.all([
    ctx.database.rows(sql`select id, contacted_on::text as "contactedOn", channel, reached, note, by_name as "byName"
      from contact_attempts where member_id = ${memberId} order by contacted_on desc, created_at desc limit 200`),
    ctx.database.rows(sql`select id, month, content, ${isoTimestamp(sql`submitted_at`)} as "submittedAt",
      ${isoTimestamp(sql`acknowledged_at`)} as "acknowledgedAt", acknowledged_by as "acknowledgedBy", reply from thought_reports where member_id = ${memberId} order by month desc limit 60`),
    ctx.database.rows(sql`select id, year, result, note, reviewed_by as "reviewedBy" from yearly_reviews
      where member_id = ${memberId} order by year desc`),
    ctx.database.rows(sql`select id, held_on::text as "heldOn", mode, topic from life_records
      where member_id = ${memberId} order by held_on desc limit 100`),
    ctx.database.rows(sql`select kind, period, due_on::text as "dueOn", state, fulfilled_on::text as "fulfilledOn"
      from obligations where member_id = ${memberId} order by due_on`),
    ctx.database.rows<{
      name: string;
      lostContact: boolean;
      standing: string;
      exited: boolean;
      inScope: boolean;
    }>(sql`select name, lost_contact as "lostContact", standing, exit_kind is not null as exited,
        ${memberSubtree(actor, sql`org_id`)} as "inScope"
      from members where id = ${memberId}`),
  ]);
  // The member's own records are written by the organization holding the member (loadMemberInScope in
  // each write); a host sees the ledger through the episode but writes none of them.
  const holds = can(actor, 'member.write') && (member[0]?.inScope ?? false);
  return {
    memberId,
    memberName: member[0]?.name ?? null,
    lostContact: member[0]?.lostContact ?? false,
    standing: member[0]?.standing ?? null,
    abilities: {
      createOutflow: holds && !member[0]?.exited && !episodes.some((e) => e.status === 'open'),
      logContact: holds,
      recordLife: holds,
      recordReview: holds,
      acknowledgeReport: holds,
    },
    episodes: await presentEpisodes(ctx, actor, episodes),
    contacts,
    reports,
    reviews,
    life,
    obligations: obligationRows,
  };
}
