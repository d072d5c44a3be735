import {
  type DuesCategory,
  type Education,
  type MemberRevealable,
  type MemberStopReason,
  maskIdNumber,
  memberRevealable,
  type Relation,
} from '@dangjian/core';
import type { AppContext } from '../../context.js';

export interface MemberRow {
  id: string;
  orgId: string;
  orgName: string | null;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string | null;
  idNumberEnc: string;
  idNumberMasked: string;
  birthDate: string;
  education: Education | null;
  occupation: string | null;
  duesCategory: DuesCategory | null;
  jobPost: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  addressEnc: string | null;
  kind: 'full' | 'probationary';
  joinedOn: string;
  fullOn: string | null;
  standing: 'normal' | 'stopped';
  stopReason: MemberStopReason | null;
  lostContact: boolean;
  lostContactSince: string | null;
  lostContactReason: string | null;
  mobile: boolean;
  destinationRegion: string | null;
  exitKind: string | null;
  exitOn: string | null;
  version: number;
  updatedAt: string | Date;
}

export const revealable = memberRevealable;
export type Revealable = MemberRevealable;

/** Keeps the first few characters of an address: enough to recognise, not enough to find. */
export function maskAddress(address: string): string {
  const chars = [...address];
  const keep = Math.min(6, Math.max(1, Math.floor(chars.length / 2)));
  return `${chars.slice(0, keep).join('')}****`;
}

const idKeys = new Set(['idNumber', 'idNumberMasked']);
const hashKeys = new Set(['idNumberHash', 'idSuffixHash']);

/**
 * Audit payloads as shown to readers. Events written before migration 0012 hold the old ID mask,
 * which with the birth date gives the whole number, and the audit chain forbids rewriting them: the
 * mask is re-applied on the way out (its first 4 characters are the real ones) and hashes are dropped.
 */
export function redactAuditPayload(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactAuditPayload);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (hashKeys.has(k)) continue;
    out[k] = idKeys.has(k) && typeof v === 'string' ? maskIdNumber(v) : redactAuditPayload(v);
  }
  return out;
}

/** The member resource of API.md; personal fields masked unless named in `reveal`. */
export function presentMember(ctx: AppContext, row: MemberRow, reveal: readonly Revealable[] = []) {
  const open = (box: string | null) => (box ? ctx.vault.decrypt(box) : null);
  const address = open(row.addressEnc);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    idNumber: reveal.includes('idNumber') ? open(row.idNumberEnc)! : row.idNumberMasked,
    birthDate: row.birthDate,
    education: row.education,
    occupation: row.occupation,
    duesCategory: row.duesCategory,
    jobPost: row.jobPost,
    phone: reveal.includes('phone') ? open(row.phoneEnc) : row.phoneMasked,
    address: address === null ? null : reveal.includes('address') ? address : maskAddress(address),
    kind: row.kind,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    standing: row.standing,
    stopReason: row.stopReason,
    lostContact: row.lostContact,
    lostContactSince: row.lostContactSince ? row.lostContactSince.slice(0, 7) : null,
    lostContactReason: row.lostContactReason,
    mobile: row.mobile,
    destinationRegion: row.destinationRegion,
    exitKind: row.exitKind,
    exitOn: row.exitOn,
    version: row.version,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export type MemberView = ReturnType<typeof presentMember>;

/** What the audit log keeps of a member: never the personal fields in clear, nor their hashes. */
export function auditable(row: Partial<MemberRow> & Record<string, unknown>) {
  const {
    idNumberEnc,
    idNumberHash,
    idSuffixHash,
    phoneEnc,
    addressEnc,
    updatedAt,
    version,
    orgName,
    orgPath,
    ...rest
  } = row;
  return { ...rest, address: addressEnc ? '(已加密)' : null };
}

export interface HistoryRow {
  id: number | string;
  at: string | Date;
  actorName: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

/** One event of a member's change log as readers see it (see redactAuditPayload). */
export function presentHistoryEntry(r: HistoryRow) {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorName: r.actorName,
    action: r.action,
    before: redactAuditPayload(r.before) as Record<string, unknown> | null,
    after: redactAuditPayload(r.after) as Record<string, unknown> | null,
  };
}

export interface RelativeRow {
  id: string;
  relation: Relation;
  name: string;
  relatedMemberId: string | null;
}

export function presentRelative(r: RelativeRow) {
  return { id: r.id, relation: r.relation, name: r.name, relatedMemberId: r.relatedMemberId };
}
