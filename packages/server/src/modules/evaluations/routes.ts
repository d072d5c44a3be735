import { idParams, reviewCreateBody, reviewRecordedSchema } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import { recordReview } from './service.js';

export function registerEvaluationRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/members/:id/reviews',
    {
      schema: {
        tags: ['mobility'],
        summary: '年度评议（一年一评议）',
        params: idParams,
        body: reviewCreateBody,
        response: { 201: reviewRecordedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordReview(ctx, requireActor(req), req.params.id, req.body)),
  );
}
