// The member registry, imports, statistics and contact changes as the contract in core defines them.
import type {
  contactChangeInputSchema,
  contactChangeSchema,
  destinationStatsSchema,
  importJobSchema,
  importRowErrorSchema,
  memberAgeBands,
  memberFilterSchema,
  memberHistoryEntrySchema,
  memberPatchSchema,
  memberSchema,
  memberStatsSchema,
} from '@dangjian/core';
import type { z } from 'zod';

export type { ContactChangeStatus, Education } from '@dangjian/core';

export type Member = z.infer<typeof memberSchema>;
/** The writable fields, as the console sends them (`version` on every edit: a stale one answers 409). */
export type MemberInput = z.input<typeof memberPatchSchema>;
export type AgeBand = (typeof memberAgeBands)[number];
/** The list's filter as query-string values (booleans as 'true' / 'false'). */
export type MemberFilter = z.input<typeof memberFilterSchema>;

/** A page of a list (core's `pageOf`). */
export interface Page<T> {
  items: T[];
  total: number;
}

export type HistoryEntry = z.infer<typeof memberHistoryEntrySchema>;
export type ImportRowError = z.infer<typeof importRowErrorSchema>;
export type ImportJob = z.infer<typeof importJobSchema>;
export type MemberStats = z.infer<typeof memberStatsSchema>;
export type DestinationStats = z.infer<typeof destinationStatsSchema>;

export type ContactChange = z.infer<typeof contactChangeSchema>;
export type ContactChangeInput = z.input<typeof contactChangeInputSchema>;
