import { duesCategories, educations } from '@dangjian/core';
import { z } from 'zod';
import { idRef, isoDate, pageQuery } from '../../lib/schemas.js';
import { relations } from './service.js';

const text = (max: number) => z.string().trim().max(max);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, '月份格式应为 YYYY-MM');

/** The writable member fields of API.md "The member resource". */
export const memberFieldsSchema = z.object({
  name: text(50).min(1, '姓名不能为空'),
  gender: z.enum(['male', 'female']),
  ethnicity: text(20).nullable().optional(),
  idNumber: z.string().trim().min(1).max(30),
  birthDate: isoDate,
  education: z.enum(educations).nullable().optional(),
  occupation: text(50).nullable().optional(),
  duesCategory: z.enum(duesCategories).nullable().optional(),
  jobPost: text(100).nullable().optional(),
  phone: text(30).nullable().optional(),
  address: text(200).nullable().optional(),
  kind: z.enum(['full', 'probationary']),
  joinedOn: isoDate,
  fullOn: isoDate.nullable().optional(),
  standing: z.enum(['normal', 'stopped']).optional(),
  stopReason: z.enum(['lost_contact', 'abroad']).nullable().optional(),
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
export const memberPatchSchema = memberFieldsSchema
  .partial()
  .extend({ orgId: idRef.optional(), version: z.number().int().positive().optional() });

export const memberSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  ethnicity: z.string().nullable(),
  idNumber: z.string(),
  birthDate: z.string(),
  education: z.string().nullable(),
  occupation: z.string().nullable(),
  duesCategory: z.string().nullable(),
  jobPost: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  kind: z.enum(['full', 'probationary']),
  joinedOn: z.string(),
  fullOn: z.string().nullable(),
  standing: z.enum(['normal', 'stopped']),
  stopReason: z.string().nullable(),
  lostContact: z.boolean(),
  lostContactSince: z.string().nullable(),
  lostContactReason: z.string().nullable(),
  mobile: z.boolean(),
  destinationRegion: z.string().nullable(),
  exitKind: z.string().nullable(),
  exitOn: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const memberFilterSchema = z.object({
  orgId: idRef.optional(),
  q: z.string().max(50).optional(),
  kind: z.enum(['full', 'probationary']).optional(),
  standing: z.enum(['normal', 'stopped']).optional(),
  mobile: bool.optional(),
  lostContact: bool.optional(),
  education: z
    .enum(['doctor', 'master', 'bachelor', 'college', 'secondary', 'high_school', 'junior', 'other'])
    .optional(),
  ageBand: z.enum(['<=25', '26-30', '31-35', '36-40', '>=41']).optional(),
  destinationProvince: z
    .string()
    .regex(/^\d{2}(\d{4})?$/)
    .optional(),
  includeExited: bool.optional(),
  asOf: isoDate.optional(),
});

export const memberListQuery = memberFilterSchema.extend(pageQuery.shape);

export const relativeSchema = z.object({
  relation: z.enum(relations),
  name: text(50).min(1),
  idNumber: z.string().trim().max(30).nullable().optional(),
});
