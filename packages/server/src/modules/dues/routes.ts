import { duesQuoteBody, duesQuoteSchema, quoteDues } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { authorize } from '../../lib/authz.js';
import { requireActor } from '../auth/index.js';
import { effectivePolicy } from '../policies/index.js';

export function registerDuesRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/dues/quote',
    {
      schema: {
        tags: ['dues'],
        summary: '按现行党费政策计算月缴额（篇二）',
        body: duesQuoteBody,
        response: { 200: duesQuoteSchema },
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
