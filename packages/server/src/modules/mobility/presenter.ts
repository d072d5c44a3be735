import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../db/bulk.js';
import { type Actor, can } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { destinationNameOf, type EpisodeRow } from './queries.js';

export interface EpisodeCertificate {
  id: string;
  kind: string;
  number: string;
  code: string;
  status: string;
  issuedOn: string;
  validUntil: string;
}

/** The documents a certificate can be issued for (RULES.md §2); a transfer goes through 组织关系转接. */
const certificateKinds = new Set(['activity_certificate', 'membership_certificate_letter']);

/**
 * What the caller may do to an episode now: the same checks the write routes make (origin side only,
 * open, complete, a certificate in hand or not), so the console offers exactly what will be accepted.
 */
export function episodeAbilities(actor: Actor, row: EpisodeRow, certificate: EpisodeCertificate | null) {
  const write = can(actor, 'member.write') && row.isOrigin;
  const manage = write && row.status === 'open';
  const issuable =
    row.requiredDocument !== null &&
    certificateKinds.has(row.requiredDocument) &&
    row.leftOn !== null &&
    row.expectedMonths !== null;
  const issued = certificate?.status === 'issued';
  return {
    edit: manage,
    returnOutflow: manage,
    issueCertificate: manage && issuable && !issued,
    reissueCertificate: manage && issuable && issued,
    revokeCertificate: write && issued,
    // A void or expired paper is not printable (certificate-pdf.ts).
    printCertificate: can(actor, 'member.read') && issued && certificate.validUntil >= today(),
  };
}

/** The latest letter of each episode, in one query. */
async function latestCertificates(ctx: AppContext, episodeIds: string[]) {
  const byEpisode = new Map<string, EpisodeCertificate>();
  if (episodeIds.length === 0) return byEpisode;
  const rows = await ctx.database.rows<EpisodeCertificate & { episodeId: string }>(sql`
    select distinct on (episode_id) episode_id as "episodeId", id, kind, number, code, status,
      issued_on::text as "issuedOn", valid_until::text as "validUntil"
    from letters where episode_id = any(${arrayParam(episodeIds, 'uuid')})
    order by episode_id, created_at desc`);
  for (const { episodeId, ...certificate } of rows) byEpisode.set(episodeId, certificate);
  return byEpisode;
}

/** Episodes as the API answers them, their latest certificate and the caller's abilities included. */
export async function presentEpisodes(ctx: AppContext, actor: Actor, rows: EpisodeRow[]) {
  const certificates = await latestCertificates(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const certificate = certificates.get(row.id) ?? null;
    return {
      id: row.id,
      memberId: row.memberId,
      memberName: row.memberName,
      originOrgId: row.originOrgId,
      originOrgName: row.originOrgName,
      leftOn: row.leftOn,
      expectedMonths: row.expectedMonths,
      reason: row.reason,
      destinationRegion: row.destinationRegion,
      destinationName: destinationNameOf(ctx, row),
      abroad: row.abroad,
      fixedPlace: row.fixedPlace,
      hostHasPartyOrg: row.hostHasPartyOrg,
      contact: row.contactMasked,
      requiredDocument: row.requiredDocument,
      rule: row.rule,
      needsCompletion: row.needsCompletion,
      expectedReturnOn: row.expectedReturnOn,
      relationshipCanMove: row.relationshipCanMove,
      transferPending: row.requiredDocument === 'transfer_letter' && row.status === 'open',
      inflowOrgId: row.inflowOrgId,
      inflowOrgName: row.inflowOrgName,
      inflowOn: row.inflowOn,
      status: row.status,
      returnedOn: row.returnedOn,
      returnNote: row.returnNote,
      side: row.isOrigin ? ('origin' as const) : ('host' as const),
      certificate,
      abilities: episodeAbilities(actor, row, certificate),
    };
  });
}

export async function presentEpisode(ctx: AppContext, actor: Actor, row: EpisodeRow) {
  const [episode] = await presentEpisodes(ctx, actor, [row]);
  return episode!;
}
