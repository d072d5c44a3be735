import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { idParams, idRef } from '../../lib/schemas.js';
import { requireActor } from '../auth/index.js';
import {
  approveContactChange,
  listContactChanges,
  myContactChanges,
  proposeContactChange,
  rejectContactChange,
} from './service.js';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export function registerContactChangeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  r.post(
    '/api/me/contact-changes',
    {
      schema: {
        tags,
        summary: '党员本人提出联系方式变更（手机号、住址、现居城市、微信或邮箱），经党支部确认后生效',
        body: z.object({
          phone: optionalText(20),
          address: optionalText(200),
          region: z
            .string()
            .regex(/^\d{6}$/, '现居城市应为 6 位行政区划代码')
            .nullable()
            .optional(),
          otherContact: optionalText(100),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await proposeContactChange(ctx, requireActor(req), req.body)),
  );
  r.get('/api/me/contact-changes', { schema: { tags, summary: '我的联系方式变更申请' } }, (req) =>
    myContactChanges(ctx, requireActor(req)),
  );
  r.get(
    '/api/contact-changes',
    {
      schema: {
        tags,
        summary: '党员提出的联系方式变更（组织及下级）',
        querystring: z.object({
          orgId: idRef.optional(),
          memberId: idRef.optional(),
          status: z.enum(['pending', 'approved', 'rejected']).optional(),
        }),
      },
    },
    (req) => listContactChanges(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/contact-changes/:id/approve',
    { schema: { tags, summary: '确认联系方式变更：更新党员信息和外出登记的联系方式', params: idParams } },
    (req) => approveContactChange(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/contact-changes/:id/reject',
    {
      schema: {
        tags,
        summary: '退回联系方式变更（须说明理由）',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1, '请填写退回理由').max(200) }),
      },
    },
    (req) => rejectContactChange(ctx, requireActor(req), req.params.id, req.body.reason),
  );
}
