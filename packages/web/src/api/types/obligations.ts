import type {
  memberObligationSchema,
  mobilityObligationKinds,
  obligationKindSchema,
  obligationPageSchema,
  obligationRowSchema,
  obligationStateSchema,
  obligationsProgressSchema,
  obligationsRunSchema,
} from '@dangjian/core';
import type { z } from 'zod';

export type ObligationKind = z.infer<typeof obligationKindSchema>;
/** The four kinds a mobile member owes while away: what the member ledger and the portal show. */
export type MobilityObligationKind = (typeof mobilityObligationKinds)[number];

export type ObligationState = z.infer<typeof obligationStateSchema>;

export type MemberObligation = z.infer<typeof memberObligationSchema>;

/** A row of the 预警 list: a member's obligation, or an organization's (memberId and memberName null). */
export type ObligationRow = z.infer<typeof obligationRowSchema>;

export type ObligationPage = z.infer<typeof obligationPageSchema>;

/** One run of 重新计算 (by hand, daily or from the CLI): GET /obligations/refresh, updated as it goes. */
export type ObligationsRun = z.infer<typeof obligationsRunSchema>;

/** What the page can know: nothing run yet, a run of this server, or one held by another instance. */
export type ObligationsProgress = z.infer<typeof obligationsProgressSchema>;
