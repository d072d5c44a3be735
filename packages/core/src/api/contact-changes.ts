import { z } from 'zod';
import { idRef, timestampString } from './common.js';

/** A member's own proposal of new contact details, confirmed or returned by the branch (API.md). */

export const contactChangeStatuses = ['pending', 'approved', 'rejected'] as const;
export type ContactChangeStatus = (typeof contactChangeStatuses)[number];

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const contactChangeInputSchema = z.object({
  phone: optionalText(20),
  address: optionalText(200),
  /** 现居城市: where a mobile member now lives, a GB/T 2260 code. */
  region: z
    .string()
    .regex(/^\d{6}$/, '现居城市应为 6 位行政区划代码')
    .nullable()
    .optional(),
  /** 微信号或电子邮箱. */
  otherContact: optionalText(100),
});

export const contactChangeListQuery = z.object({
  orgId: idRef.optional(),
  memberId: idRef.optional(),
  status: z.enum(contactChangeStatuses).optional(),
});

export const contactChangeRejectSchema = z.object({
  reason: z.string().trim().min(1, '请填写退回理由').max(200),
});

/** A proposal: the member reads their own words in full, staff read the masks. */
export const contactChangeSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  orgName: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  region: z.string().nullable(),
  regionName: z.string().nullable(),
  otherContact: z.string().nullable(),
  status: z.enum(contactChangeStatuses),
  rejectReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: timestampString.nullable(),
  createdAt: timestampString,
});
export const contactChangeListSchema = z.object({ items: z.array(contactChangeSchema) });
