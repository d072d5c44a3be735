import { z } from 'zod';
import { idRef, pageQuery, timestampString } from './common.js';

/** A reminder in the member's own inbox (the phone portal). */
export const inboxItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** Which reminder it is (monthly_report, org_life, …). */
  template: z.string(),
  createdAt: timestampString,
  readAt: timestampString.nullable(),
});
export const myInboxSchema = z.object({ items: z.array(inboxItemSchema) });

/** A reminder for the staff of an organization (联系流动党员、年度评议、换届…), from GET /api/inbox. */
export const staffInboxItemSchema = inboxItemSchema.extend({
  orgId: z.string(),
  orgName: z.string(),
  aboutMemberId: z.string().nullable(),
  aboutMemberName: z.string().nullable(),
});

export const staffInboxQuery = pageQuery.extend({
  orgId: idRef.optional(),
  unread: z.enum(['true', 'false']).optional(),
});
export const staffInboxSchema = z.object({
  items: z.array(staffInboxItemSchema),
  total: z.number(),
  /** Unread reminders of the same scope: the console's bell. */
  unread: z.number(),
});

export const staffInboxReadAllBody = z.object({ orgId: idRef.optional() });
export const staffInboxReadAllSchema = z.object({ updated: z.number() });
