import { z } from 'zod';
import { duesCategories } from '../dues.js';

/** An amount of yuan as a decimal string; a number is accepted and read as its decimal form. */
const money = z.union([z.string(), z.number()]).transform((v) => String(v));

export const duesQuoteBody = z.object({
  category: z.enum(duesCategories),
  base: money.nullable().optional(),
  farmerAmount: money.optional(),
});

export const duesQuoteSchema = z.object({
  rate: z.string().nullable(),
  monthlyAmount: z.string(),
  capped: z.boolean(),
});
