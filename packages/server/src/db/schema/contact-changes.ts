import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { members } from './members.js';

/** A member's own proposal of new contact details, from the portal; the branch staff decide it. */
export const contactChangeRequests = pgTable(
  'contact_change_requests',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
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
    // contactChangeStatuses (core api/contact-changes.ts)
    check('contact_change_requests_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);
