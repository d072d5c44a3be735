import {
  contactChangeInputSchema,
  contactChangeListQuery,
  contactChangeListSchema,
  contactChangeRejectSchema,
  contactChangeSchema,
  idParams,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import {
  approveContactChange,
  listContactChanges,
  myContactChanges,
  proposeContactChange,
  rejectContactChange,
} from './service.js';

export function registerContactChangeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  r.post(
    '/api/me/contact-changes',
    {
      schema: {
        tags,
        summary: '党员本人提出联系方式变更（手机号、住址、现居城市、微信或邮箱），经党支部确认后生效',
        body: contactChangeInputSchema,
        response: { 201: contactChangeSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await proposeContactChange(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/me/contact-changes',
    { schema: { tags, summary: '我的联系方式变更申请', response: { 200: contactChangeListSchema } } },
    (req) => myContactChanges(ctx, requireActor(req)),
  );
  r.get(
    '/api/contact-changes',
    {
      schema: {
        tags,
        summary: '党员提出的联系方式变更（组织及下级）',
        querystring: contactChangeListQuery,
        response: { 200: contactChangeListSchema },
      },
    },
    (req) => listContactChanges(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/contact-changes/:id/approve',
    {
      schema: {
        tags,
        summary: '确认联系方式变更：更新党员信息和外出登记的联系方式',
        params: idParams,
        response: { 200: contactChangeSchema },
      },
    },
    (req) => approveContactChange(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/contact-changes/:id/reject',
    {
      schema: {
        tags,
        summary: '退回联系方式变更（须说明理由）',
        params: idParams,
        body: contactChangeRejectSchema,
        response: { 200: contactChangeSchema },
      },
    },
    (req) => rejectContactChange(ctx, requireActor(req), req.params.id, req.body.reason),
  );
}
