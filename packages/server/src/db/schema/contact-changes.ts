import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** A member's own proposal of new contact details, from the portal; the branch staff decide it. */
export const contactChangeRequests = pgTable(
  'contact_change_requests',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    addressEnc: text('address_enc'),
    region: text('region'),
    otherContactEnc: text('other_contact_enc'),
    otherContactMasked: text('other_contact_masked'),
    status: text('status').notNull().default('pending'),
    rejectReason: text('reject_reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('contact_changes_member_idx').on(t.memberId, t.createdAt),
    uniqueIndex('contact_changes_pending_uq').on(t.memberId).where(sql`${t.status} = 'pending'`),
  ],
);
