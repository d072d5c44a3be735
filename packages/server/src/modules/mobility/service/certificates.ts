import { addMonths, type LetterKind, type MobilityPolicy } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { issueLetter, printableLetter, renderCertificatePdf } from '../../letters/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { destinationNameOf, loadEpisode } from '../queries.js';

/**
 * 流动党员活动证 or 党员证明信 for an open, complete episode that requires one (RULES.md §2, §3). A
 * 证明信 runs for the stay; an 活动证 for the policy's validity. `reissue` (遗失补办) voids the one issued.
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
  const kind: LetterKind = episode.requiredDocument;
  const policy = (await effectivePolicy(ctx, episode.memberOrgId, 'mobility')).document as MobilityPolicy;
  const issuedOn = today();
  const validUntil =
    kind === 'membership_certificate_letter'
      ? addMonths([episode.leftOn, issuedOn].sort()[1]!, Math.max(1, Math.ceil(episode.expectedMonths)))
      : addMonths(issuedOn, policy.certificateValidityMonths);
  return write(ctx, actor, (tx, w) =>
    issueLetter(ctx, tx, w, {
      kind,
      memberId: episode.memberId,
      orgId: episode.originOrgId,
      auditOrg: { id: episode.memberOrgId, path: episode.memberOrgPath },
      issuedOn,
      validUntil,
      episodeId: episode.id,
      reissue: opts.reissue ?? false,
    }),
  );
}

/** The certificate of an episode as a PDF, for either side (the host prints its record page). */
export async function certificatePdf(ctx: AppContext, actor: Actor, episodeId: string, origin: string) {
  authorize(actor, 'member.read');
  const episode = await loadEpisode(ctx, actor, episodeId);
  const letter = await printableLetter(ctx, episode.id);
  const [holder] = await ctx.database.rows<{ gender: string; joinedOn: string; kind: string }>(
    sql`select gender, joined_on::text as "joinedOn", kind from members where id = ${episode.memberId}`,
  );
  return renderCertificatePdf(
    ctx.config.FONT_PATH,
    {
      letter,
      holder: {
        name: episode.memberName,
        gender: holder?.gender ?? null,
        joinedOn: holder?.joinedOn ?? null,
        kind: holder?.kind ?? null,
        originOrgName: episode.originOrgName,
        leftOn: episode.leftOn,
        expectedMonths: episode.expectedMonths,
        expectedReturnOn: episode.expectedReturnOn,
        reason: episode.reason,
        destination: destinationNameOf(ctx, episode) ?? episode.destinationRegion,
        inflowOrgName: episode.inflowOrgName,
      },
    },
    origin,
  );
}
