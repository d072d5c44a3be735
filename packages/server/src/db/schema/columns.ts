import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Organization paths are ltree of id labels, so a subtree is one `path <@ $scope` (ARCHITECTURE.md §3). */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
