import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam, execRows, unnestInsert } from '../../db/bulk.js';
import type { Executor } from '../../db/engine.js';
import { mobilityEpisodes } from '../../db/schema.js';
import type { AuditInput } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import type { WriteScope } from '../../lib/write.js';
import { revokeEpisodeLetters } from '../letters/index.js';
import { refreshObligations } from '../obligations/index.js';

/**
 * What the register (采集表 import, member form) says about a member's mobility; `undefined` is
 * "the form did not say".
 */
export interface RegisterMark {
  memberId: string;
  orgId: string;
  orgPath?: string | null;
  mobile?: boolean;
  destinationRegion?: string | null;
}

/** Why an episode was opened from the register, shown where the document would be explained. */
export const registerRule =
  '登记表标记为流动党员：外出日期、预计外出时间和外出事由待补全，补全后按规定确定须开具的证明（RULES.md §2）';

// Beyond this, an import leaves the new episodes' obligations to the daily scan (or 立即重新计算):
// one recomputation per member would hold the import's single transaction for minutes.
const REFRESH_INLINE_LIMIT = 500;

interface OpenEpisode {
  id: string;
  memberId: string;
  requiredDocument: string | null;
  destinationRegion: string | null;
  abroad: boolean;
}

/**
 * Makes `members.mobile` and `members.destination_region` what the member's open episode says
 * (RULES.md §2: mobile = away longer than a leave, i.e. an episode needing a document, or one still
 * to be completed). Every path that opens, edits or closes an episode calls this in its transaction,
 * so every count and list reads the same fact.
 */
export async function deriveMobileFlags(tx: Executor, memberIds: string[]) {
  if (memberIds.length === 0) return;
  await tx.execute(sql`
    update members m set mobile = d.mobile, destination_region = d.destination, updated_at = now()
    from (
      select mm.id, e.id is not null as mobile, e.destination_region as destination
      from unnest(${arrayParam(memberIds, 'uuid')}) as u(id)
        join members mm on mm.id = u.id
        left join mobility_episodes e on e.member_id = mm.id and e.status = 'open'
          and e.required_document is distinct from 'none') d
    where m.id = d.id and (m.mobile, m.destination_region) is distinct from (d.mobile, d.destination)`);
}

/**
 * Applies the register's "mobile" marks (RULES.md §2 ledger; issue 17 item 1): a member marked mobile
 * without an open episode gets one, with the destination the form gives and the departure, stay and
 * reason left for the secretary to complete (待补全); un-marking closes the open mobile episode; a
 * new 外出流向 moves the episode's destination. Then the flags are derived from the episodes.
 */
export async function applyRegisterMarks(
  tx: Executor,
  w: WriteScope,
  marks: RegisterMark[],
  opts: { refresh?: boolean } = {},
): Promise<string[]> {
  const told = marks.filter((m) => m.mobile !== undefined || m.destinationRegion !== undefined);
  if (told.length === 0) return [];
  // Part of the caller's write (a member saved, an import batch): its events follow the member's.
  return applyMarks(tx, w, told, opts.refresh ?? true);
}

async function applyMarks(
  tx: Executor,
  w: WriteScope,
  told: RegisterMark[],
  refresh: boolean,
): Promise<string[]> {
  const ids = told.map((m) => m.memberId);
  const open = await execRows<OpenEpisode>(
    tx,
    // Driven from the ids, so each is one probe of the member index: inside an import's transaction
    // PGlite has no statistics and otherwise scans every open episode for each batch.
    sql`select e.id, e.member_id as "memberId", e.required_document as "requiredDocument",
        e.destination_region as "destinationRegion", e.abroad
      from unnest(${arrayParam(ids, 'uuid')}) as u(id)
        join mobility_episodes e on e.member_id = u.id and e.status = 'open'
      for update of e`,
  );
  const openOf = new Map(open.map((e) => [e.memberId, e]));
  const on = today();
  const changed: string[] = [];
  const audits: AuditInput[] = [];
  const opened: (typeof mobilityEpisodes.$inferInsert)[] = [];
  for (const mark of told) {
    const episode = openOf.get(mark.memberId);
    const isMobile = episode ? episode.requiredDocument !== 'none' : false;
    const audit = (action: string, after: Record<string, unknown>) =>
      audits.push({
        action,
        entity: 'member',
        entityId: mark.memberId,
        orgId: mark.orgId,
        orgPath: mark.orgPath ?? null,
        after,
      });
    if (mark.mobile === true && !episode) {
      const id = randomUUID();
      opened.push({
        id,
        memberId: mark.memberId,
        originOrgId: mark.orgId,
        destinationRegion: mark.destinationRegion ?? null,
        fixedPlace: false,
        hostHasPartyOrg: false,
        rule: registerRule,
        needsCompletion: true,
      });
      audit('mobility.outflow_register', {
        episodeId: id,
        destinationRegion: mark.destinationRegion ?? null,
        needsCompletion: true,
      });
    } else if (mark.mobile === true && episode && !isMobile) {
      // The register says the stay is long: a leave (≤ 3 months) becomes a stay to complete.
      await tx.execute(sql`update mobility_episodes set required_document = null, needs_completion = true,
        rule = ${registerRule}, updated_at = now() where id = ${episode.id}`);
      audit('mobility.outflow_update', { episodeId: episode.id, needsCompletion: true });
    } else if (mark.mobile === false && episode && isMobile) {
      await tx.execute(sql`update mobility_episodes set status = 'returned',
        returned_on = greatest(coalesce(left_on, ${on}::date), ${on}::date),
        return_note = '登记表取消流动党员标记', updated_at = now() where id = ${episode.id}`);
      await revokeEpisodeLetters(tx, episode.id, 'returned');
      audit('mobility.return', { episodeId: episode.id, returnedOn: on, note: '登记表取消流动党员标记' });
    } else if (
      mark.mobile !== false &&
      episode &&
      isMobile &&
      !episode.abroad &&
      mark.destinationRegion &&
      mark.destinationRegion !== episode.destinationRegion
    ) {
      await tx.execute(sql`update mobility_episodes set destination_region = ${mark.destinationRegion},
        updated_at = now() where id = ${episode.id}`);
      audit('mobility.outflow_update', { episodeId: episode.id, destinationRegion: mark.destinationRegion });
    } else {
      continue;
    }
    changed.push(mark.memberId);
  }
  if (opened.length > 0) await tx.execute(unnestInsert(mobilityEpisodes, opened));
  if (changed.length === 0) return [];
  await deriveMobileFlags(tx, changed);
  w.audit(audits);
  if (refresh && changed.length <= REFRESH_INLINE_LIMIT) w.affects({ memberIds: changed });
  return changed;
}

/** The changed members' obligations, now when few (a form, a small import), else at the daily scan. */
export async function refreshAfterRegister(ctx: AppContext, tx: Executor, memberIds: string[]) {
  if (memberIds.length > REFRESH_INLINE_LIMIT) return;
  await refreshObligations(ctx, tx, { memberIds, orgIds: [] });
}
