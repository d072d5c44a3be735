import { regionName } from '@dangjian/core';
import type { AppContext } from '../../context.js';
import { maskAddress } from '../members/index.js';

export interface ContactChangeRow {
  id: string;
  memberId: string;
  memberName: string;
  orgName: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  addressEnc: string | null;
  region: string | null;
  otherContactEnc: string | null;
  otherContactMasked: string | null;
  status: 'pending' | 'approved' | 'rejected';
  rejectReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/**
 * A proposal as its reader may see it: the member reads their own words in full; staff read the
 * masks, as in every list (API.md: personal fields masked unless revealed).
 */
export function presentContactChange(ctx: AppContext, row: ContactChangeRow, own: boolean) {
  const open = (box: string | null) => (box ? ctx.vault.decrypt(box) : null);
  const address = open(row.addressEnc);
  return {
    id: row.id,
    memberId: row.memberId,
    memberName: row.memberName,
    orgName: row.orgName,
    phone: own ? open(row.phoneEnc) : row.phoneMasked,
    address: address === null ? null : own ? address : maskAddress(address),
    region: row.region,
    regionName: row.region ? regionName(ctx.regions, row.region) : null,
    otherContact: own ? open(row.otherContactEnc) : row.otherContactMasked,
    status: row.status,
    rejectReason: row.rejectReason,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export type ContactChangeView = ReturnType<typeof presentContactChange>;
