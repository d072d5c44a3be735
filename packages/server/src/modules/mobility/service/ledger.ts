import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, can, isUuid, resolveScopeOrg } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { reviewsOf } from '../../evaluations/index.js';
import { lifeRecordsOf } from '../../meetings/index.js';
import { loadMemberInScope } from '../../members/index.js';
import {
  presentContact,
  presentEpisodes,
  presentLedgerObligation,
  presentLedgerReport,
  presentLedgerRow,
} from '../presenter.js';
import {
  type EpisodeRow,
  episodeColumns,
  episodeFrom,
  episodeUnder,
  episodeVisible,
  ledgerPage,
  memberRecords,
} from '../queries.js';

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
  const where = sql`${episodeVisible(actor)} ${org ? sql`and ${episodeUnder(actor, org)}` : sql``}
    and e.status = ${q.status ?? 'open'} and m.exit_kind is null
    and ${q.kind === 'leave' ? sql`e.required_document = 'none'` : sql`e.required_document is distinct from 'none'`}
    ${q.needsCompletion ? sql`and e.needs_completion` : sql``}`;
  const { rows, total } = await ledgerPage(ctx, actor, where, q.page, q.pageSize);
  return { items: rows.map((r) => presentLedgerRow(ctx, r)), total };
}

/** 一人一台账: everything about one member's mobility on one page. */
export async function memberLedger(ctx: AppContext, actor: Actor, memberId: string) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  if (!isUuid(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const episodes = await ctx.database.rows<EpisodeRow>(sql`
    select ${episodeColumns(actor)} from ${episodeFrom}
    where e.member_id = ${memberId} and ${episodeVisible(actor)} order by e.left_on desc`);
  if (episodes.length === 0) await loadMemberInScope(ctx, actor, memberId);
  const [[contacts, reports, obligations, [member]], reviews, life, presented] = await Promise.all([
    memberRecords(ctx, actor, memberId),
    reviewsOf(ctx, memberId),
    lifeRecordsOf(ctx, memberId),
    presentEpisodes(ctx, actor, episodes),
  ]);
  // The member's own records are written by the organization holding the member (each write loads
  // the member in scope); a host sees the ledger through the episode but writes none of them.
  const holds = can(actor, 'member.write') && (member?.inScope ?? false);
  const shown =
    actor.role === 'member' || member?.inScope
      ? { contacts, reports, reviews, life, obligations }
      : withinHostedStays(episodes, { contacts, reports, reviews, life, obligations });
  return {
    memberId,
    memberName: member?.name ?? null,
    lostContact: member?.lostContact ?? false,
    standing: member?.standing ?? null,
    abilities: {
      createOutflow: holds && !member?.exited && !episodes.some((e) => e.status === 'open'),
      logContact: holds,
      recordLife: holds,
      recordReview: holds,
      acknowledgeReport: holds,
    },
    episodes: presented,
    contacts: shown.contacts.map(presentContact),
    reports: shown.reports.map(presentLedgerReport),
    reviews: shown.reviews,
    life: shown.life,
    obligations: shown.obligations.map(presentLedgerObligation),
  };
}

/**
 * What a host organization sees of the member's records (lib/authz.ts "Who sees what"): those dated
 * within the stays that flowed into it, from the arrival (or the departure, when the host was named
 * then) to the return, or today while the stay is open; the obligations only while one is open.
 */
function withinHostedStays<
  T extends {
    contacts: { contactedOn: string }[];
    reports: { month: string }[];
    reviews: { year: number }[];
    life: { heldOn: string }[];
    obligations: unknown[];
  },
>(episodes: EpisodeRow[], records: T): T {
  const now = today();
  const stays = episodes.flatMap((e) => {
    const from = e.inflowOn ?? e.leftOn;
    return from ? [{ from, to: e.returnedOn ?? now }] : [];
  });
  const onDay = (day: string) => stays.some((s) => s.from <= day && day <= s.to);
  const inMonth = (month: string) =>
    stays.some((s) => s.from.slice(0, 7) <= month && month <= s.to.slice(0, 7));
  const inYear = (year: number) =>
    stays.some((s) => Number(s.from.slice(0, 4)) <= year && year <= Number(s.to.slice(0, 4)));
  return {
    ...records,
    contacts: records.contacts.filter((c) => onDay(c.contactedOn)),
    reports: records.reports.filter((r) => inMonth(r.month)),
    reviews: records.reviews.filter((r) => inYear(r.year)),
    life: records.life.filter((l) => onDay(l.heldOn)),
    obligations: episodes.some((e) => e.status === 'open') ? records.obligations : [],
  };
}
