import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, can, isUuid, memberSubtree, underOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { HistoryRow, MemberRow, RelativeRow } from './presenter.js';
import { idSuffixHash } from './record.js';

export const memberColumns = sql`m.id, m.org_id as "orgId", o.name as "orgName", m.name, m.gender, m.ethnicity,
  m.id_number_enc as "idNumberEnc", m.id_number_masked as "idNumberMasked", m.birth_date::text as "birthDate",
  m.education, m.occupation, m.dues_category as "duesCategory", m.job_post as "jobPost",
  m.phone_enc as "phoneEnc", m.phone_masked as "phoneMasked", m.address_enc as "addressEnc", m.kind,
  m.joined_on::text as "joinedOn", m.full_on::text as "fullOn", m.standing, m.stop_reason as "stopReason",
  m.lost_contact as "lostContact", m.lost_contact_since::text as "lostContactSince",
  m.lost_contact_reason as "lostContactReason", m.mobile, m.destination_region as "destinationRegion",
  m.exit_kind as "exitKind", m.exit_on::text as "exitOn", m.version, m.updated_at as "updatedAt"`;

/** A member the actor may see: in the scope subtree, or the member's own record. Else 404. */
export async function loadMemberInScope(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  ex?: Executor,
  lock = false,
): Promise<MemberRow & { orgPath: string }> {
  if (!isUuid(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const visible =
    actor.role === 'member' ? sql`m.id = ${actor.memberId}` : memberSubtree(actor, sql`m.org_id`);
  const [row] = await ctx.database.rows<MemberRow & { orgPath: string }>(
    sql`select ${memberColumns}, o.path::text as "orgPath" from members m join orgs o on o.id = m.org_id
        where m.id = ${memberId} and ${visible} ${lock ? sql`for update of m` : sql``}`,
    ex,
  );
  if (!row) throw new AppError('MEMBER_NOT_FOUND');
  return row;
}

export interface MemberFilter {
  q?: string;
  kind?: 'full' | 'probationary';
  standing?: 'normal' | 'stopped';
  mobile?: boolean;
  lostContact?: boolean;
  education?: string;
  ageBand?: '<=25' | '26-30' | '31-35' | '36-40' | '>=41';
  destinationProvince?: string;
  includeExited?: boolean;
  asOf?: string;
}

const ageBandRange: Record<NonNullable<MemberFilter['ageBand']>, [number, number]> = {
  '<=25': [0, 25],
  '26-30': [26, 30],
  '31-35': [31, 35],
  '36-40': [36, 40],
  '>=41': [41, 200],
};

/**
 * The WHERE of a member list under an organization the actor may see (null: the actor's own scope). Search matches a name, a whole
 * ID number by its hash (who types it already knows it), or the last 4 characters by their hash.
 * A suffix search answers "is this the number?" for 4 characters the mask hides, so 10,000 queries
 * would rebuild them: it is for callers who may reveal the number anyway (API.md member resource).
 */
export function memberWhere(
  ctx: AppContext,
  actor: Actor,
  org: { path: string } | null,
  f: MemberFilter,
): SQL {
  const parts: SQL[] = [underOrg(actor, org, sql`o.path`)];
  if (!f.includeExited) parts.push(sql`m.exit_kind is null`);
  const q = f.q?.trim();
  if (q) {
    if (/^\d{17}[\dXx]$/.test(q))
      parts.push(sql`m.id_number_hash = ${ctx.vault.blindIndex(q.toUpperCase())}`);
    else if (/^\d{3}[\dXx]$/.test(q)) {
      if (!can(actor, 'member.reveal'))
        throw new AppError(
          'FORBIDDEN',
          '按身份证号后四位查找须有查看完整个人信息的权限，请输入姓名或完整的身份证号',
        );
      parts.push(sql`m.id_suffix_hash = ${idSuffixHash(ctx, q)}`);
    } else parts.push(sql`m.name like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  }
  if (f.kind) parts.push(sql`m.kind = ${f.kind}`);
  if (f.standing) parts.push(sql`m.standing = ${f.standing}`);
  if (f.mobile !== undefined) parts.push(sql`m.mobile = ${f.mobile}`);
  if (f.lostContact !== undefined) parts.push(sql`m.lost_contact = ${f.lostContact}`);
  if (f.education) {
    parts.push(
      f.education === 'other'
        ? sql`(m.education is null or m.education not in ('doctor','master','bachelor','college','secondary'))`
        : sql`m.education = ${f.education}`,
    );
  }
  if (f.destinationProvince)
    parts.push(sql`m.mobile and left(m.destination_region, 2) = ${f.destinationProvince.slice(0, 2)}`);
  if (f.ageBand) {
    const [lo, hi] = ageBandRange[f.ageBand];
    const asOf = f.asOf ?? today();
    parts.push(sql`extract(year from age(${asOf}::date, m.birth_date)) between ${lo} and ${hi}`);
  }
  return sql.join(parts, sql` and `);
}

/** One page of a member list, chosen from the (org, standing, name, id) index first, and its total. */
export async function memberPage(ctx: AppContext, where: SQL, page: number, pageSize: number) {
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<MemberRow>(sql`
      with page as (
        select m.id, m.name from members m join orgs o on o.id = m.org_id where ${where}
        order by m.name, m.id limit ${pageSize} offset ${(page - 1) * pageSize})
      select ${memberColumns} from page p join members m on m.id = p.id join orgs o on o.id = m.org_id
      order by p.name, p.id`),
    ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from members m join orgs o on o.id = m.org_id where ${where}`,
    ),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** One person, one record: the ID number's blind index is unique (409 otherwise). */
export async function assertUniqueId(ctx: AppContext, hash: string, exceptId?: string, ex?: Executor) {
  const [dup] = await ctx.database.rows<{ id: string }>(
    sql`select id from members where id_number_hash = ${hash} ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
    ex,
  );
  if (dup) throw new AppError('ID_NUMBER_DUPLICATE');
}

export function memberHistoryRows(ctx: AppContext, memberId: string) {
  return ctx.database.rows<HistoryRow>(
    sql`select id, at, actor_name as "actorName", action, before, after from audit_events
        where entity = 'member' and entity_id = ${memberId} order by id desc limit 500`,
  );
}

/** Whom the actor may see, as a condition on a members row `r` (the same rule as loadMemberInScope). */
function visibleMember(actor: Actor) {
  return actor.role === 'member' ? sql`r.id = ${actor.memberId}` : memberSubtree(actor, sql`r.org_id`);
}

/** A member's relatives; the link to a relative who is a member only where the actor may see them. */
export function relativeRows(ctx: AppContext, actor: Actor, memberId: string) {
  return ctx.database.rows<RelativeRow>(
    sql`select x.id, x.relation, x.name,
          case when ${visibleMember(actor)} then x.related_member_id end as "relatedMemberId"
        from member_relatives x left join members r on r.id = x.related_member_id
        where x.member_id = ${memberId} order by x.created_at, x.id`,
  );
}

/** The member an ID number names, if any, and whether the actor may see them. */
export async function memberByIdHash(ctx: AppContext, actor: Actor, hash: string) {
  const [row] = await ctx.database.rows<{ id: string; visible: boolean }>(
    sql`select r.id, ${visibleMember(actor)} as visible from members r where r.id_number_hash = ${hash}`,
  );
  return row ?? null;
}
