import {
  idParams,
  myInboxSchema,
  okSchema,
  staffInboxQuery,
  staffInboxReadAllBody,
  staffInboxReadAllSchema,
  staffInboxSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import { markAllStaffRead, markRead, markStaffRead, myInbox, staffInbox } from './service/inbox.js';

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
        querystring: staffInboxQuery,
        response: { 200: staffInboxSchema },
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
        body: staffInboxReadAllBody,
        response: { 200: staffInboxReadAllSchema },
      },
    },
    (req) => markAllStaffRead(ctx, requireActor(req), req.body.orgId),
  );
  r.post(
    '/api/inbox/:id/read',
    { schema: { tags, summary: '工作提醒标为已读', params: idParams, response: { 200: okSchema } } },
    (req) => markStaffRead(ctx, requireActor(req), req.params.id),
  );
  r.get('/api/me/inbox', { schema: { tags, summary: '我的提醒', response: { 200: myInboxSchema } } }, (req) =>
    myInbox(ctx, requireActor(req)),
  );
  r.post(
    '/api/me/inbox/:id/read',
    { schema: { tags, summary: '标为已读', params: idParams, response: { 200: okSchema } } },
    (req) => markRead(ctx, requireActor(req), req.params.id),
  );
}
