import {
  duesArrearsSchema,
  duesAssessmentCreatedSchema,
  duesAssessmentImportResultSchema,
  duesAssessmentJobSchema,
  duesAssessmentJobStartedSchema,
  duesAssessmentListSchema,
  duesAssessmentSchema,
  duesBaseComponentListSchema,
  duesCycleSchema,
  duesLedgerSchema,
  duesMemberAssessmentsSchema,
  duesMobileSchema,
  duesPaymentConfirmedSchema,
  duesPaymentCreatedSchema,
  duesPaymentListSchema,
  duesPublicationListSchema,
  duesPublicationSchema,
  duesQuarterlyListSchema,
  duesQuarterlySchema,
  duesQuoteSchema,
  duesRatesSchema,
  duesReliefListSchema,
  duesReliefSchema,
  duesRemittanceListSchema,
  duesRemittanceSchema,
  myDuesPaymentListSchema,
  myDuesPublicationListSchema,
  myDuesSchema,
} from '@dangjian/core';
import { call } from '../client';
import type {
  DuesAssessmentChangeInput,
  DuesAssessmentInput,
  DuesCategory,
  DuesDelayInput,
  DuesPaymentInput,
  DuesPaymentStatus,
  DuesPublicationInput,
  DuesQuarterlyInput,
  DuesReliefDecision,
  DuesReliefInput,
  DuesReliefStatus,
  DuesRemittanceInput,
  DuesRemittanceReceive,
  MyDuesPaymentInput,
} from '../types';

/** The staff side of 党费 (API.md "Dues 党费"). */
export const duesApi = {
  quote: (input: { category: DuesCategory; base?: string | null; farmerAmount?: string }) =>
    call(duesQuoteSchema, 'POST', '/dues/quote', { body: input }),
  baseComponents: (category?: DuesCategory) =>
    call(duesBaseComponentListSchema, 'GET', '/dues/base-components', { query: { category } }),

  assessments: (q: { orgId: string; year: number; page?: number; pageSize?: number }) =>
    call(duesAssessmentListSchema, 'GET', '/dues/assessments', { query: q }),
  memberAssessments: (memberId: string, year?: number) =>
    call(duesMemberAssessmentsSchema, 'GET', `/dues/members/${memberId}/assessments`, { query: { year } }),
  assess: (input: DuesAssessmentInput) =>
    call(duesAssessmentCreatedSchema, 'POST', '/dues/assessments', { body: input }),
  changeAssessment: (id: string, input: DuesAssessmentChangeInput) =>
    call(duesAssessmentSchema, 'POST', `/dues/assessments/${id}/change`, { body: input }),
  startBatch: (orgId: string, year: number) =>
    call(duesAssessmentJobStartedSchema, 'POST', '/dues/assessments/batch', { body: { orgId, year } }),
  batchJob: (id: string) => call(duesAssessmentJobSchema, 'GET', `/dues/assessment-jobs/${id}`),
  importBases: (orgId: string, year: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return call(duesAssessmentImportResultSchema, 'POST', '/dues/assessments/import', {
      query: { orgId, year },
      form,
    });
  },

  reliefs: (q: { orgId: string; status?: DuesReliefStatus; page?: number; pageSize?: number }) =>
    call(duesReliefListSchema, 'GET', '/dues/reliefs', { query: q }),
  requestRelief: (input: DuesReliefInput) => call(duesReliefSchema, 'POST', '/dues/reliefs', { body: input }),
  decideRelief: (id: string, input: DuesReliefDecision) =>
    call(duesReliefSchema, 'POST', `/dues/reliefs/${id}/decide`, { body: input }),

  /** The branch's consent to quarterly payment (篇二 L224). */
  quarterly: (memberId: string) =>
    call(duesQuarterlyListSchema, 'GET', '/dues/quarterly', { query: { memberId } }),
  approveQuarterly: (input: DuesQuarterlyInput) =>
    call(duesQuarterlySchema, 'POST', '/dues/quarterly', { body: input }),

  cycle: (orgId: string, month: string) =>
    call(duesCycleSchema, 'GET', '/dues/cycle', { query: { orgId, month } }),
  openCollection: (orgId: string, month: string) =>
    call(duesCycleSchema, 'POST', '/dues/cycle/collect', { body: { orgId, month } }),
  settle: (orgId: string, month: string) =>
    call(duesCycleSchema, 'POST', '/dues/cycle/settle', { body: { orgId, month } }),
  delay: (input: DuesDelayInput) => call(duesCycleSchema, 'POST', '/dues/cycle/delay', { body: input }),

  pay: (input: DuesPaymentInput) => call(duesPaymentCreatedSchema, 'POST', '/dues/payments', { body: input }),
  payments: (q: {
    orgId: string;
    memberId?: string;
    month?: string;
    status?: DuesPaymentStatus;
    page?: number;
    pageSize?: number;
  }) => call(duesPaymentListSchema, 'GET', '/dues/payments', { query: q }),
  confirmPayment: (id: string) =>
    call(duesPaymentConfirmedSchema, 'POST', `/dues/payments/${id}/confirm`, { body: {} }),
  rejectPayment: (id: string, reason: string) =>
    call(duesPaymentConfirmedSchema, 'POST', `/dues/payments/${id}/reject`, { body: { reason } }),
  /** Opened in a new tab for printing; the session cookie goes along. */
  receiptPdfUrl: (paymentId: string) => `/api/dues/payments/${paymentId}/receipt`,

  ledger: (orgId: string, month: string) =>
    call(duesLedgerSchema, 'GET', '/dues/ledger', { query: { orgId, month } }),
  arrears: (orgId: string, asOf: string) =>
    call(duesArrearsSchema, 'GET', '/dues/arrears', { query: { orgId, asOf } }),
  rates: (q: { orgId: string; month?: string; year?: number }) =>
    call(duesRatesSchema, 'GET', '/dues/rates', { query: q }),

  /** Mobile members' months and the side they were paid to (outflow or inflow organization). */
  mobile: (orgId: string, year?: number) =>
    call(duesMobileSchema, 'GET', '/dues/mobile', { query: { orgId, year } }),

  remittances: (orgId: string, year?: number) =>
    call(duesRemittanceListSchema, 'GET', '/dues/remittances', { query: { orgId, year } }),
  remit: (input: DuesRemittanceInput) =>
    call(duesRemittanceSchema, 'POST', '/dues/remittances', { body: input }),
  receiveRemittance: (id: string, input: DuesRemittanceReceive) =>
    call(duesRemittanceSchema, 'POST', `/dues/remittances/${id}/receive`, { body: input }),

  publications: (orgId: string, year?: number) =>
    call(duesPublicationListSchema, 'GET', '/dues/publications', { query: { orgId, year } }),
  publish: (input: DuesPublicationInput) =>
    call(duesPublicationSchema, 'POST', '/dues/publications', { body: input }),
  publicationPdfUrl: (id: string) => `/api/dues/publications/${id}.pdf`,
};

/** The member's own dues, from the phone portal. */
export const meDuesApi = {
  dues: (year?: number) => call(myDuesSchema, 'GET', '/me/dues', { query: { year } }),
  payments: () => call(myDuesPaymentListSchema, 'GET', '/me/dues/payments'),
  submitPayment: (input: MyDuesPaymentInput) =>
    call(duesPaymentCreatedSchema, 'POST', '/me/dues/payments', { body: input }),
  publications: () => call(myDuesPublicationListSchema, 'GET', '/me/dues/publications'),
  receiptPdfUrl: (paymentId: string) => `/api/me/dues/payments/${paymentId}/receipt`,
};
