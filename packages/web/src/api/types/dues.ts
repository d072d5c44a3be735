import type {
  DuesChannel,
  DuesPaymentStatus,
  duesArrearsItemSchema,
  duesArrearsSchema,
  duesAssessmentBody,
  duesAssessmentChangeBody,
  duesAssessmentCreatedSchema,
  duesAssessmentImportResultSchema,
  duesAssessmentJobSchema,
  duesAssessmentListSchema,
  duesAssessmentSchema,
  duesBaseComponentSchema,
  duesCycleDelayBody,
  duesCycleMemberSchema,
  duesCycleSchema,
  duesCycleStatuses,
  duesLedgerSchema,
  duesMemberStates,
  duesMobileItemSchema,
  duesPaymentBody,
  duesPaymentCreatedSchema,
  duesPaymentSchema,
  duesPublicationBody,
  duesPublicationSchema,
  duesQuarterlyBody,
  duesQuarterlySchema,
  duesQuoteSchema,
  duesRateItemSchema,
  duesReliefBody,
  duesReliefDecisionBody,
  duesReliefKinds,
  duesReliefSchema,
  duesReliefStatuses,
  duesRemittanceBody,
  duesRemittanceReceiveBody,
  duesRemittanceSchema,
  myDuesPaymentBody,
  myDuesSchema,
} from '@dangjian/core';
import type { z } from 'zod';

export type { DuesCategory } from '@dangjian/core';
export type { DuesChannel, DuesPaymentStatus };

export type DuesQuote = z.infer<typeof duesQuoteSchema>;
/** An item of the base (RULES.md §1): included or excluded, for which categories, and the seed line. */
export type DuesBaseComponent = z.infer<typeof duesBaseComponentSchema>;

export type DuesAssessmentInput = z.input<typeof duesAssessmentBody>;
export type DuesAssessmentChangeInput = z.input<typeof duesAssessmentChangeBody>;
export type DuesAssessmentCreated = z.infer<typeof duesAssessmentCreatedSchema>;
export type DuesAssessment = z.infer<typeof duesAssessmentSchema>;
export type DuesAssessmentList = z.infer<typeof duesAssessmentListSchema>;
export type DuesAssessmentJob = z.infer<typeof duesAssessmentJobSchema>;
export type DuesAssessmentImportResult = z.infer<typeof duesAssessmentImportResultSchema>;

export type DuesReliefKind = (typeof duesReliefKinds)[number];
export type DuesReliefStatus = (typeof duesReliefStatuses)[number];
export type DuesReliefInput = z.input<typeof duesReliefBody>;
export type DuesReliefDecision = z.input<typeof duesReliefDecisionBody>;
export type DuesRelief = z.infer<typeof duesReliefSchema>;

export type DuesPaymentInput = z.input<typeof duesPaymentBody>;
export type DuesPaymentCreated = z.infer<typeof duesPaymentCreatedSchema>;
export type DuesPayment = z.infer<typeof duesPaymentSchema>;

export type DuesCycleStatus = (typeof duesCycleStatuses)[number];
export type DuesMemberState = (typeof duesMemberStates)[number];
export type DuesCycle = z.infer<typeof duesCycleSchema>;
export type DuesCycleMember = z.infer<typeof duesCycleMemberSchema>;
export type DuesDelayInput = z.input<typeof duesCycleDelayBody>;

export type DuesLedger = z.infer<typeof duesLedgerSchema>;
export type DuesArrears = z.infer<typeof duesArrearsSchema>;
export type DuesArrearsItem = z.infer<typeof duesArrearsItemSchema>;

export type DuesRemittanceInput = z.input<typeof duesRemittanceBody>;
export type DuesRemittanceReceive = z.input<typeof duesRemittanceReceiveBody>;
export type DuesRemittance = z.infer<typeof duesRemittanceSchema>;

export type DuesPublicationInput = z.input<typeof duesPublicationBody>;
export type DuesPublication = z.infer<typeof duesPublicationSchema>;

export type DuesRate = z.infer<typeof duesRateItemSchema>;

export type DuesQuarterlyInput = z.input<typeof duesQuarterlyBody>;
export type DuesQuarterly = z.infer<typeof duesQuarterlySchema>;
/** A mobile member's month: paid to the outflow or the inflow side, never both (RULES.md §1 L256). */
export type DuesMobileItem = z.infer<typeof duesMobileItemSchema>;

/** The portal: my amount and why, what I owe, the months of the year. */
export type MyDues = z.infer<typeof myDuesSchema>;
export type MyDuesPaymentInput = z.input<typeof myDuesPaymentBody>;
