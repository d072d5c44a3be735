// The disposal queue (处置, RULES.md §6) as the contract in core defines it.
import type {
  disposalCreateBody,
  disposalDetailSchema,
  disposalListItemSchema,
  disposalListQuery,
  disposalPageSchema,
  disposalStepBody,
  disposalStepSchema,
} from '@dangjian/core';
import type { z } from 'zod';

export type { DisposalDecision, DisposalGround, DisposalStatus } from '@dangjian/core';

export type DisposalListItem = z.infer<typeof disposalListItemSchema>;
export type DisposalPage = z.infer<typeof disposalPageSchema>;
/** The queue's filters and page, as the page holds them. */
export type DisposalListQuery = Omit<z.input<typeof disposalListQuery>, 'page' | 'pageSize'> & {
  page?: number;
  pageSize?: number;
};
export type DisposalDetail = z.infer<typeof disposalDetailSchema>;
export type DisposalStep = z.infer<typeof disposalStepSchema>;
export type DisposalStepInput = z.input<typeof disposalStepBody>;
export type DisposalCreateInput = z.input<typeof disposalCreateBody>;
