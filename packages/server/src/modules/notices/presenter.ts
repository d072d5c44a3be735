import type { InboxRow, StaffReminderRow } from './queries.js';

/** A reminder of the member's own inbox (api/notices.ts inboxItemSchema). */
export function presentInboxItem(r: InboxRow) {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    template: r.template,
    createdAt: r.createdAt,
    readAt: r.readAt,
  };
}

/** A staff reminder with the organization it is addressed to and the member it is about. */
export function presentStaffReminder(r: StaffReminderRow) {
  return {
    ...presentInboxItem(r),
    orgId: r.orgId,
    orgName: r.orgName,
    aboutMemberId: r.aboutMemberId,
    aboutMemberName: r.aboutMemberName,
  };
}
