import {
  changePasswordBody,
  idParams,
  loginBody,
  meSchema,
  okSchema,
  sessionListSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from './hooks.js';
import { presentMe } from './presenter.js';
import {
  changePassword,
  listSessions,
  login,
  logout,
  revokeSession,
  SESSION_COOKIE,
} from './service/index.js';

const SIGNED_IN_COOKIE = 'dj_signed_in';

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: '登录', body: loginBody, response: { 200: meSchema } },
    },
    async (req, reply) => {
      const result = await login(ctx, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.COOKIE_SECURE,
        path: '/',
        expires: result.expiresAt,
      });
      // Not a credential: it only tells the web that a session may exist, so a logged-out page load
      // does not ask /api/auth/me and log a 401 in the browser console.
      reply.setCookie(SIGNED_IN_COOKIE, '1', {
        httpOnly: false,
        sameSite: 'strict',
        secure: ctx.config.COOKIE_SECURE,
        path: '/',
        expires: result.expiresAt,
      });
      return presentMe(ctx, result.actor);
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 200: okSchema } } },
    async (req, reply) => {
      await logout(ctx, requireActor(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(SIGNED_IN_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户', response: { 200: meSchema } } },
    (req) => presentMe(ctx, requireActor(req)),
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: changePasswordBody,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await changePassword(ctx, requireActor(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/sessions',
    { schema: { tags: ['auth'], summary: '我的登录会话', response: { 200: sessionListSchema } } },
    async (req) => ({ items: await listSessions(ctx, requireActor(req)) }),
  );

  r.delete(
    '/api/auth/sessions/:id',
    { schema: { tags: ['auth'], summary: '注销某个会话', params: idParams, response: { 200: okSchema } } },
    async (req) => {
      await revokeSession(ctx, requireActor(req), req.params.id);
      return { ok: true as const };
    },
  );
}
