import dayjs, { type Dayjs } from 'dayjs';
import type { Education, Member, MemberInput } from '../../api/types';

/** The member form's fields, and how a member's record becomes them and they become the request. */
export interface Values {
  orgId: string;
  name: string;
  idNumber?: string;
  gender?: 'male' | 'female';
  birthDate?: Dayjs;
  ethnicity?: string;
  education?: Education | null;
  occupation?: string;
  duesCategory?: MemberInput['duesCategory'];
  jobPost?: string;
  phone?: string;
  address?: string;
  kind: 'full' | 'probationary';
  joinedOn?: Dayjs;
  fullOn?: Dayjs | null;
  standing: 'normal' | 'stopped';
  stopReason?: MemberInput['stopReason'];
  lostContact: boolean;
  lostContactSince?: Dayjs | null;
  mobile: boolean;
  destinationRegion?: string | null;
}

const date = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export function toValues(m: Member): Values {
  return {
    orgId: m.orgId,
    name: m.name,
    gender: m.gender,
    birthDate: dayjs(m.birthDate),
    ethnicity: m.ethnicity ?? undefined,
    education: m.education,
    occupation: m.occupation ?? undefined,
    duesCategory: m.duesCategory,
    jobPost: m.jobPost ?? undefined,
    kind: m.kind,
    joinedOn: dayjs(m.joinedOn),
    fullOn: m.fullOn ? dayjs(m.fullOn) : null,
    standing: m.standing,
    stopReason: m.stopReason,
    lostContact: m.lostContact,
    lostContactSince: m.lostContactSince ? dayjs(`${m.lostContactSince.slice(0, 7)}-01`) : null,
    mobile: m.mobile,
    destinationRegion: m.destinationRegion,
  };
}

export function toInput(v: Values, editing: boolean): MemberInput {
  const input: MemberInput = {
    orgId: v.orgId,
    name: v.name.trim(),
    gender: v.gender,
    birthDate: date(v.birthDate) ?? undefined,
    ethnicity: text(v.ethnicity),
    education: v.education ?? null,
    occupation: text(v.occupation),
    duesCategory: v.duesCategory ?? null,
    jobPost: text(v.jobPost),
    kind: v.kind,
    joinedOn: date(v.joinedOn) ?? undefined,
    fullOn: date(v.fullOn),
    standing: v.standing,
    stopReason: v.standing === 'stopped' ? (v.stopReason ?? null) : null,
    lostContact: v.lostContact,
    lostContactSince: v.lostContact && v.lostContactSince ? v.lostContactSince.format('YYYY-MM') : null,
    mobile: v.mobile,
    destinationRegion: v.mobile ? (v.destinationRegion ?? null) : null,
  };
  // Personal fields come back masked: send them only when typed in, so an edit never overwrites them with stars.
  if (v.idNumber?.trim()) input.idNumber = v.idNumber.trim().toUpperCase();
  if (v.phone?.trim() || !editing) input.phone = text(v.phone);
  if (v.address?.trim() || !editing) input.address = text(v.address);
  return input;
}
