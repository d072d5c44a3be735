import { addDays, addMonths, maskPhone, outflowReasonLabels } from '@dangjian/core';
import type { AppContext } from '../../context.js';
import { type Actor, can } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { type LetterRow, latestLetters } from '../letters/index.js';
import { documentState } from './document-state.js';
import {
  type ContactRow,
  destinationNameOf,
  type EpisodeRow,
  type InflowRow,
  type LedgerObligationRow,
  type LedgerPrintRow,
  type LedgerRow,
  type OwnReportRow,
  type ReportRow,
} from './queries.js';

/** A phone keeps its mask (API.md masks); anything else typed as a contact shows its first three characters. */
export function maskContact(contact: string): string {
  return /^\+?\d[\d-]{6,}$/.test(contact) ? maskPhone(contact) : `${[...contact].slice(0, 3).join('')}****`;
}

/** The documents a certificate can be issued for (RULES.md §2); a transfer goes through 组织关系转接. */
const certificateKinds = new Set(['activity_certificate', 'membership_certificate_letter']);

/**
 * What the caller may do to an episode now: the same checks the write routes make (origin side only,
 * open, complete, a certificate in hand or not), so the console offers exactly what will be accepted.
 */
export function episodeAbilities(actor: Actor, row: EpisodeRow, certificate: LetterRow | null) {
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
    // A void or expired paper is not printable (letters' printableLetter).
    printCertificate: can(actor, 'member.read') && issued && certificate.validUntil >= today(),
  };
}

/** Episodes as the API answers them, their latest certificate and the caller's abilities included. */
export async function presentEpisodes(ctx: AppContext, actor: Actor, rows: EpisodeRow[]) {
  const certificates = await latestLetters(
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

/** A line of the ledger on screen: the contact masked, the document as the paper in hand. */
export function presentLedgerRow(ctx: AppContext, r: LedgerRow) {
  return {
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
    side: r.isOrigin ? ('origin' as const) : ('host' as const),
    lastContactOn: r.lastContactOn,
    lastReportMonth: r.lastReportMonth,
    worstState: r.worstState,
  };
}

export function presentInflow(r: InflowRow) {
  return {
    id: r.id,
    hostOrgId: r.hostOrgId,
    hostOrgName: r.hostOrgName,
    episodeId: r.episodeId,
    name: r.name,
    originOrgName: r.originOrgName,
    certificateNumber: r.certificateNumber,
    contact: r.contact,
    arrivedOn: r.arrivedOn,
    status: r.status,
    internal: r.internal,
  };
}

export function presentContact(r: ContactRow) {
  return {
    id: r.id,
    contactedOn: r.contactedOn,
    channel: r.channel,
    reached: r.reached,
    note: r.note,
    byName: r.byName,
  };
}

/** The member's own report: who read it is the organization's business. */
export function presentOwnReport(r: OwnReportRow) {
  return {
    id: r.id,
    month: r.month,
    content: r.content,
    submittedAt: r.submittedAt,
    acknowledgedAt: r.acknowledgedAt,
    reply: r.reply,
  };
}

/** A report in the member ledger: the member is the ledger's, who read it is shown. */
export function presentLedgerReport(r: Omit<ReportRow, 'memberId' | 'memberName'>) {
  return { ...presentOwnReport(r), acknowledgedBy: r.acknowledgedBy };
}

/** A report in the staff list, naming the member. */
export function presentReport(r: ReportRow) {
  return { ...presentLedgerReport(r), memberId: r.memberId, memberName: r.memberName };
}

export function presentLedgerObligation(r: LedgerObligationRow) {
  return { kind: r.kind, period: r.period, dueOn: r.dueOn, state: r.state, fulfilledOn: r.fulfilledOn };
}

/** 预计返回 when none was recorded: the departure plus the expected stay (fractions of a month as 30-day parts). */
export function expectedReturn(leftOn: string, expectedMonths: number): string {
  const whole = Math.floor(expectedMonths);
  return addDays(addMonths(leftOn, whole), Math.round((expectedMonths - whole) * 30));
}

/**
 * A line of the paper register, every column in words as the book has them; the contact in full only
 * for a caller who may reveal (the reading is audited by the caller).
 */
export function presentLedgerPrintRow(ctx: AppContext, r: LedgerPrintRow, reveal: boolean) {
  const open = (box: string | null) => (box ? ctx.vault.decrypt(box) : null);
  return {
    episodeId: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    gender: r.gender === 'female' ? '女' : '男',
    originOrgName: r.originOrgName,
    leftOn: r.leftOn ?? '待补全',
    destination: destinationNameOf(ctx, r) ?? '—',
    inflowOrgName: r.inflowOrgName,
    reason: r.reason ? (outflowReasonLabels[r.reason] ?? r.reason) : '待补全',
    contact: reveal ? (open(r.contactEnc) ?? open(r.phoneEnc)) : (r.contactMasked ?? r.phoneMasked),
    document: documentState(
      r.requiredDocument,
      r.letterNumber
        ? {
            kind: r.letterKind!,
            number: r.letterNumber,
            status: r.letterStatus!,
            validUntil: r.letterValidUntil!,
          }
        : null,
    ),
    expectedReturnOn:
      r.expectedReturnOn ??
      (r.leftOn && r.expectedMonths !== null ? expectedReturn(r.leftOn, r.expectedMonths) : '待补全'),
    returnedOn: r.returnedOn,
  };
}
