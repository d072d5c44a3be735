import { duesCategories, quoteDues } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { authorize } from '../../lib/authz.js';
import { requireActor } from '../auth/index.js';
import { effectivePolicy } from '../policies/index.js';

const money = z.union([z.string(), z.number()]).transform((v) => String(v));

export function registerDuesRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/dues/quote',
    {
      schema: {
        tags: ['dues'],
        summary: '按现行党费政策计算月缴额（篇二）',
        body: z.object({
          category: z.enum(duesCategories),
          base: money.nullable().optional(),
          farmerAmount: money.optional(),
        }),
        response: {
          200: z.object({ rate: z.string().nullable(), monthlyAmount: z.string(), capped: z.boolean() }),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'dues.quote');
      const policy = await effectivePolicy(ctx, actor.orgId, 'dues');
      return quoteDues(policy.document, req.body);
    },
  );
}
