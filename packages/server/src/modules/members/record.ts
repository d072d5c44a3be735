import {
  checkIdNumber,
  type DuesCategory,
  isValidPhone,
  maskIdNumber,
  maskPhone,
  type memberFieldsSchema,
  normalizePhone,
  regionName,
} from '@dangjian/core';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError, type ErrorCode } from '../../lib/errors.js';

/** The writable fields of a member (API.md "The member resource"), already type-checked by zod. */
export type MemberFields = z.output<typeof memberFieldsSchema>;

/** 人员类别 → 党费类别 by default (DOMAIN.md `dues_category`); a member's own setting wins. */
const occupationDues: Record<string, DuesCategory> = {
  学生: 'student',
  离退休人员: 'retired',
  农牧渔民: 'farmer',
  无固定职业人员: 'unemployed',
};

export function duesCategoryFor(occupation: string | null | undefined): DuesCategory {
  return (occupation && occupationDues[occupation]) || 'salaried';
}

export interface FieldError {
  field: keyof MemberFields;
  code: ErrorCode;
  message: string;
}

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

/**
 * The checks a member record must pass wherever it comes from (form, API, import): the ID number
 * by GB 11643 and in agreement with birth date and gender, dates in order, places that exist.
 */
export function checkMemberFields(ctx: AppContext, f: MemberFields, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const id = checkIdNumber(f.idNumber, today);
  if (!id.ok) {
    errors.push({ field: 'idNumber', code: id.code, message: id.message });
  } else {
    if (id.birthDate !== f.birthDate) {
      errors.push({
        field: 'birthDate',
        code: 'ID_MISMATCH',
        message: `出生日期与公民身份号码不一致（号码中为 ${id.birthDate}）`,
      });
    }
    if (id.gender !== f.gender) {
      errors.push({
        field: 'gender',
        code: 'ID_MISMATCH',
        message: `性别与公民身份号码不一致（号码中为${id.gender === 'male' ? '男' : '女'}）`,
      });
    }
  }
  const bad = (field: keyof MemberFields, message: string, code: ErrorCode = 'VALIDATION_FAILED') =>
    errors.push({ field, code, message });
  if (f.birthDate > today) bad('birthDate', '出生日期不能晚于今天');
  if (f.joinedOn > today) bad('joinedOn', '加入党组织日期不能晚于今天');
  // 《发展党员工作细则》: an applicant must be at least 18 (RULES.md §9).
  if (f.joinedOn < addYears(f.birthDate, 18)) bad('joinedOn', '加入党组织时须年满十八周岁');
  if (f.fullOn) {
    if (f.fullOn < f.joinedOn) bad('fullOn', '转为正式党员日期不能早于加入党组织日期');
    if (f.fullOn > today) bad('fullOn', '转为正式党员日期不能晚于今天');
    if (f.kind === 'probationary') bad('fullOn', '预备党员不应填写转为正式党员日期');
  }
  if (f.phone && !isValidPhone(f.phone)) bad('phone', '联系电话格式不正确', 'INVALID_PHONE');
  if (f.destinationRegion && !regionName(ctx.regions, f.destinationRegion)) {
    bad('destinationRegion', '外出流向的行政区划代码不存在', 'INVALID_REGION');
  }
  if (f.lostContact && !f.lostContactSince) bad('lostContactSince', '失联党员须填写失去联系日期');
  if (f.lostContactSince && f.lostContactSince.slice(0, 7) > today.slice(0, 7)) {
    bad('lostContactSince', '失去联系日期不能晚于今天');
  }
  return errors;
}

export function assertMemberFields(ctx: AppContext, f: MemberFields, today: string) {
  const errors = checkMemberFields(ctx, f, today);
  const first = errors[0];
  if (first) {
    throw new AppError(first.code, first.message, {
      issues: errors.map((e) => ({ field: e.field, message: e.message })),
    });
  }
}

/**
 * Search by an ID number's last 4 characters without storing them: a keyed hash, domain-separated
 * from the whole-number hash. Only callers who may reveal the number may search by it (queries.ts).
 */
export function idSuffixHash(ctx: AppContext, idOrSuffix: string): string {
  return ctx.vault.blindIndex(`id-suffix:${idOrSuffix.trim().toUpperCase().slice(-4)}`);
}

const monthStart = (s: string | null | undefined) => (s ? `${s.slice(0, 7)}-01` : null);

/** Database columns for a checked record: personal fields encrypted, with their masks and index. */
export function toMemberColumns(ctx: AppContext, f: MemberFields) {
  const idNumber = f.idNumber.trim().toUpperCase();
  const phone = f.phone ? normalizePhone(f.phone) : null;
  return {
    name: f.name.trim(),
    gender: f.gender,
    ethnicity: f.ethnicity ?? null,
    idNumberEnc: ctx.vault.encrypt(idNumber),
    idNumberHash: ctx.vault.blindIndex(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    idSuffixHash: idSuffixHash(ctx, idNumber),
    birthDate: f.birthDate,
    education: f.education ?? null,
    occupation: f.occupation ?? null,
    duesCategory: f.duesCategory ?? duesCategoryFor(f.occupation),
    jobPost: f.jobPost ?? null,
    phoneEnc: phone ? ctx.vault.encrypt(phone) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    addressEnc: f.address ? ctx.vault.encrypt(f.address) : null,
    kind: f.kind,
    joinedOn: f.joinedOn,
    fullOn: f.fullOn ?? null,
    standing: f.standing ?? 'normal',
    stopReason: (f.standing ?? 'normal') === 'stopped' ? (f.stopReason ?? null) : null,
    lostContact: f.lostContact ?? false,
    lostContactSince: f.lostContact ? monthStart(f.lostContactSince) : null,
    lostContactReason: f.lostContact ? (f.lostContactReason ?? null) : null,
    mobile: f.mobile ?? false,
    destinationRegion: f.mobile ? (f.destinationRegion ?? null) : null,
  };
}
