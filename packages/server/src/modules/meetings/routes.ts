import { idParams, lifeCreateBody, lifeRecordedSchema } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import { recordLife } from './service.js';

export function registerMeetingRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/members/:id/life',
    {
      schema: {
        tags: ['mobility'],
        summary: '登记参加组织生活',
        params: idParams,
        body: lifeCreateBody,
        response: { 201: lifeRecordedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordLife(ctx, requireActor(req), req.params.id, req.body)),
  );
}
