import { randomBytes, randomUUID } from 'node:crypto';
import type { LetterKind } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { letters } from '../../db/schema.js';
import { type Actor, authorize } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { type WriteScope, write } from '../../lib/write.js';
import { presentVerification } from './presenter.js';
import {
  issuingCommittee,
  type LetterRow,
  latestLetterRows,
  latestLetterWithIssuer,
  letterByCode,
  letterInScope,
  lockIssuedLetter,
  nextLetterNumber,
} from './queries.js';

/** Codes people type from paper: no 0/O or 1/I/L to confuse. */
function verificationCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** How a kind's numbers read: 流动证〔2026〕00001号. */
const letterPrefix: Record<LetterKind, string> = {
  activity_certificate: '流动证',
  membership_certificate_letter: '证明信',
};

export interface LetterIssue {
  kind: LetterKind;
  memberId: string;
  /** The organization the letter is issued for: its nearest committee numbers and signs it. */
  orgId: string;
  /** The member's organization, for the audit event. */
  auditOrg: { id: string; path: string };
  issuedOn: string;
  validUntil: string;
  episodeId: string | null;
  /** A reissue (遗失补办): the issued letter of the episode is revoked as lost and replaced. */
  reissue: boolean;
}

/**
 * Issues a numbered letter with a code anyone can check at /api/public/letters/:code (RULES.md §3:
 * letters must be verifiable), inside the caller's write. Numbers run per issuing committee, kind and
 * year. An episode holds one issued letter at a time: a second is refused unless it is a reissue.
 */
export async function issueLetter(
  ctx: AppContext,
  tx: Executor,
  w: WriteScope,
  input: LetterIssue,
): Promise<LetterRow> {
  const current = input.episodeId ? await lockIssuedLetter(tx, ctx, input.episodeId) : null;
  if (current && !input.reissue) throw new AppError('CERTIFICATE_EXISTS');
  if (current) {
    await tx
      .update(letters)
      .set({ status: 'revoked', statusReason: 'lost' })
      .where(eq(letters.id, current.id));
  }
  const committee = await issuingCommittee(ctx, tx, input.orgId);
  const year = Number(input.issuedOn.slice(0, 4));
  const last = await nextLetterNumber(ctx, tx, committee.id, input.kind, year);
  const letter: LetterRow = {
    id: randomUUID(),
    kind: input.kind,
    number: `${letterPrefix[input.kind]}〔${year}〕${String(last).padStart(5, '0')}号`,
    code: verificationCode(),
    status: 'issued',
    issuedOn: input.issuedOn,
    validUntil: input.validUntil,
  };
  await tx.insert(letters).values({
    ...letter,
    memberId: input.memberId,
    issuedByOrgId: committee.id,
    episodeId: input.episodeId,
    replacesId: current?.id ?? null,
  });
  w.audit({
    action: current ? 'letter.reissue' : 'letter.issue',
    entity: 'letter',
    entityId: letter.id,
    orgId: input.auditOrg.id,
    orgPath: input.auditOrg.path,
    after: {
      kind: letter.kind,
      number: letter.number,
      episodeId: input.episodeId,
      replaces: current?.id ?? null,
    },
  });
  return letter;
}

/**
 * The issued letters of an episode stop verifying: on return (`returned`), or, with `exceptKind`, when
 * the stay is reclassified and another document is now required (`reclassified`).
 */
export async function revokeEpisodeLetters(
  tx: Executor,
  episodeId: string,
  reason: 'returned' | 'reclassified',
  opts: { exceptKind?: string } = {},
) {
  await tx
    .update(letters)
    .set({ status: 'revoked', statusReason: reason })
    .where(
      sql`${letters.episodeId} = ${episodeId} and ${letters.status} = 'issued'
        ${opts.exceptKind ? sql`and ${letters.kind} <> ${opts.exceptKind}` : sql``}`,
    );
}

/** 作废: by the organization holding the member, with a reason; verification then says 已作废. */
export async function revokeLetter(ctx: AppContext, actor: Actor, letterId: string, reason: string) {
  authorize(actor, 'member.write');
  const letter = await letterInScope(ctx, actor, letterId);
  if (!letter?.episodeId) throw new AppError('LETTER_NOT_FOUND');
  if (letter.status !== 'issued') throw new AppError('LETTER_STATE');
  return write(ctx, actor, async (tx, w) => {
    await tx
      .update(letters)
      .set({ status: 'revoked', statusReason: reason })
      .where(eq(letters.id, letter.id));
    w.audit({
      action: 'letter.revoke',
      entity: 'letter',
      entityId: letter.id,
      orgId: letter.orgId,
      orgPath: letter.orgPath,
      after: { reason },
    });
    return { id: letter.id, status: 'revoked' as const };
  });
}

/** The latest letter of each episode, by episode id. */
export async function latestLetters(ctx: AppContext, episodeIds: string[]) {
  const rows = await latestLetterRows(ctx, episodeIds);
  return new Map(rows.map(({ episodeId, ...letter }) => [episodeId, letter as LetterRow]));
}

/** The letter to print for an episode: a void or expired paper must not be printable looking valid. */
export async function printableLetter(ctx: AppContext, episodeId: string) {
  const letter = await latestLetterWithIssuer(ctx, episodeId);
  if (!letter) throw new AppError('LETTER_NOT_FOUND', '尚未开具证明');
  if (letter.status !== 'issued' || letter.validUntil < today()) {
    throw new AppError('LETTER_STATE', '该证明已作废或已过期，不能打印；如需要请补办');
  }
  return letter;
}

/** A letter that lets its holder register an arrival (流入登记): issued, in date, for an episode. */
export async function validLetterOfEpisode(ctx: AppContext, code: string) {
  const letter = await letterByCode(ctx, code);
  if (!letter?.episodeId) throw new AppError('LETTER_NOT_FOUND');
  if (letter.status !== 'issued' || letter.validUntil < today())
    throw new AppError('LETTER_STATE', '该证明已失效，不能据此登记流入');
  return { episodeId: letter.episodeId };
}

/** 凭编码核验 without login (RULES.md §3). */
export async function verifyLetter(ctx: AppContext, code: string) {
  const letter = await letterByCode(ctx, code);
  if (!letter) throw new AppError('LETTER_NOT_FOUND');
  return presentVerification(letter, today());
}
