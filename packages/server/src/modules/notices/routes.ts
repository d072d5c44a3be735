import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { idParams, idRef, okSchema, pageQuery } from '../../lib/schemas.js';
import { requireActor } from '../auth/index.js';
import { markAllStaffRead, markRead, markStaffRead, myInbox, staffInbox } from './service.js';

const staffReminder = z.object({
  id: z.string(),
  template: z.string(),
  title: z.string(),
  body: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  aboutMemberId: z.string().nullable(),
  aboutMemberName: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** Reminders: the console's side under /api/inbox, the member's own inbox under /api/me/inbox. */
export function registerNoticeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notices'];
  r.get(
    '/api/inbox',
    {
      schema: {
        tags,
        summary: '工作提醒（联系流动党员、年度评议等），本组织及下级，新的在前；unread 为未读条数',
        querystring: pageQuery.extend({
          orgId: idRef.optional(),
          unread: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.object({ items: z.array(staffReminder), total: z.number(), unread: z.number() }),
        },
      },
    },
    (req) => staffInbox(ctx, requireActor(req), { ...req.query, unread: req.query.unread === 'true' }),
  );
  r.post(
    '/api/inbox/read-all',
    {
      schema: {
        tags,
        summary: '本组织及下级的工作提醒全部标为已读',
        body: z.object({ orgId: idRef.optional() }),
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    (req) => markAllStaffRead(ctx, requireActor(req), req.body.orgId),
  );
  r.post(
    '/api/inbox/:id/read',
    { schema: { tags, summary: '工作提醒标为已读', params: idParams, response: { 200: okSchema } } },
    (req) => markStaffRead(ctx, requireActor(req), req.params.id),
  );
  r.get('/api/me/inbox', { schema: { tags, summary: '我的提醒' } }, (req) => myInbox(ctx, requireActor(req)));
  r.post('/api/me/inbox/:id/read', { schema: { tags, summary: '标为已读', params: idParams } }, (req) =>
    markRead(ctx, requireActor(req), req.params.id),
  );
}
