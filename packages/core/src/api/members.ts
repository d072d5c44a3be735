import { z } from 'zod';
import { duesCategories } from '../dues.js';
import { educations } from '../education.js';
import { idRef, isoDate, pageQuery, timestampString } from './common.js';

/** The member registry's contract (API.md "The member resource"): fields, lists, history, relatives. */

export const memberGenders = ['male', 'female'] as const;
/** 正式党员 / 预备党员. */
export const memberKinds = ['full', 'probationary'] as const;
/** 党籍状态: normal, or 停止党籍. */
export const memberStandings = ['normal', 'stopped'] as const;
/** Why a standing was stopped: lost contact, or abroad (RULES.md §2). */
export const memberStopReasons = ['lost_contact', 'abroad'] as const;
/** The age bands of the statistics and of the member list's filter (篇七's tables). */
export const memberAgeBands = ['<=25', '26-30', '31-35', '36-40', '>=41'] as const;
/** A relative's relation to the member (the archive rule, RULES.md §8). */
export const relations = ['parent', 'parent_in_law', 'spouse', 'child', 'sibling'] as const;
/** The personal fields a caller with the right may see in full; every showing is audited. */
export const memberRevealable = ['idNumber', 'phone', 'address'] as const;

export type Relation = (typeof relations)[number];
export type MemberRevealable = (typeof memberRevealable)[number];
export type MemberStopReason = (typeof memberStopReasons)[number];

const text = (max: number) => z.string().trim().max(max);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, '月份格式应为 YYYY-MM');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The writable member fields of API.md "The member resource". */
export const memberFieldsSchema = z.object({
  name: text(50).min(1, '姓名不能为空'),
  gender: z.enum(memberGenders),
  ethnicity: text(20).nullable().optional(),
  idNumber: z.string().trim().min(1).max(30),
  birthDate: isoDate,
  education: z.enum(educations).nullable().optional(),
  occupation: text(50).nullable().optional(),
  duesCategory: z.enum(duesCategories).nullable().optional(),
  jobPost: text(100).nullable().optional(),
  phone: text(30).nullable().optional(),
  address: text(200).nullable().optional(),
  kind: z.enum(memberKinds),
  joinedOn: isoDate,
  fullOn: isoDate.nullable().optional(),
  standing: z.enum(memberStandings).optional(),
  stopReason: z.enum(memberStopReasons).nullable().optional(),
  lostContact: z.boolean().optional(),
  lostContactSince: month.nullable().optional(),
  lostContactReason: text(50).nullable().optional(),
  mobile: z.boolean().optional(),
  destinationRegion: z
    .string()
    .regex(/^\d{6}$/, '外出流向应为 6 位行政区划代码')
    .nullable()
    .optional(),
});

export const memberCreateSchema = memberFieldsSchema.extend({ orgId: idRef });
/** Without `version` the patch applies to the latest record; with it, a stale one answers 409. */
export const memberPatchSchema = memberFieldsSchema
  .partial()
  .extend({ orgId: idRef.optional(), version: z.number().int().positive().optional() });

/** The member resource as the server sends it: personal fields masked unless revealed. */
export const memberSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  name: z.string(),
  gender: z.enum(memberGenders),
  ethnicity: z.string().nullable(),
  idNumber: z.string(),
  birthDate: z.string(),
  education: z.enum(educations).nullable(),
  occupation: z.string().nullable(),
  duesCategory: z.enum(duesCategories).nullable(),
  jobPost: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  kind: z.enum(memberKinds),
  joinedOn: z.string(),
  fullOn: z.string().nullable(),
  standing: z.enum(memberStandings),
  stopReason: z.enum(memberStopReasons).nullable(),
  lostContact: z.boolean(),
  lostContactSince: z.string().nullable(),
  lostContactReason: z.string().nullable(),
  mobile: z.boolean(),
  destinationRegion: z.string().nullable(),
  exitKind: z.string().nullable(),
  exitOn: z.string().nullable(),
  version: z.number(),
  updatedAt: timestampString,
});

/** The filter of the member list and of the 采集表 export (query strings: booleans as 'true'/'false'). */
export const memberFilterSchema = z.object({
  orgId: idRef.optional(),
  q: z.string().max(50).optional(),
  kind: z.enum(memberKinds).optional(),
  standing: z.enum(memberStandings).optional(),
  mobile: bool.optional(),
  lostContact: bool.optional(),
  education: z.enum(educations).optional(),
  ageBand: z.enum(memberAgeBands).optional(),
  destinationProvince: z
    .string()
    .regex(/^\d{2}(\d{4})?$/)
    .optional(),
  includeExited: bool.optional(),
  asOf: isoDate.optional(),
});

export const memberListQuery = memberFilterSchema.extend(pageQuery.shape);
export const memberPageSchema = z.object({ items: z.array(memberSchema), total: z.number() });

/** `reveal=idNumber,phone,address`: the fields to show in full (须有权限，记入审计). */
export const memberRevealQuery = z.object({
  reveal: z
    .string()
    .optional()
    .transform((s, c) => {
      const fields = (s ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      for (const f of fields) {
        if (!(memberRevealable as readonly string[]).includes(f)) {
          c.addIssue({ code: 'custom', message: `不能显示的字段：${f}` });
          return z.NEVER;
        }
      }
      return fields as MemberRevealable[];
    }),
});

/** One event of a member's change log; payloads redacted (no ID number beyond its mask, no hashes). */
export const memberHistoryEntrySchema = z.object({
  id: z.number(),
  at: timestampString,
  actorName: z.string().nullable(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
/** The change log, with the names of the organizations and members it mentions that the caller may see. */
export const memberHistorySchema = z.object({
  items: z.array(memberHistoryEntrySchema),
  refs: z.record(z.string(), z.string()),
});

export const relativeInputSchema = z.object({
  relation: z.enum(relations),
  name: text(50).min(1),
  idNumber: z.string().trim().max(30).nullable().optional(),
});
/** A relative; `relatedMemberId` only when the relative is a member the caller may see. */
export const relativeSchema = z.object({
  id: z.string(),
  relation: z.enum(relations),
  name: z.string(),
  relatedMemberId: z.string().nullable(),
});
export const relativesListSchema = z.object({ items: z.array(relativeSchema) });
export const relativeAddedSchema = relativesListSchema.extend({ id: z.string() });
export const relativeParams = z.object({ id: idRef, relativeId: idRef });
