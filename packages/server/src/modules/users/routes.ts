import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { roles } from '../../lib/authz.js';
import { idParams, idRef, pageQuery } from '../../lib/schemas.js';
import { requireActor } from '../auth/index.js';
import { createUser, getUser, listUsers, updateUser } from './service.js';

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  role: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  memberId: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
});

/** Where staff reminders are e-mailed when an SMTP server is configured. */
const email = z.email('邮箱格式不正确').max(254, '邮箱过长');

const createBody = z.object({
  username: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/, '用户名为 3–64 位字母、数字或 _ . @ -'),
  password: z.string().min(1).max(128),
  orgId: idRef,
  role: z.enum(roles),
  memberId: idRef.optional(),
  displayName: z.string().max(50).optional(),
  email: email.optional(),
});

/** Unknown keys are dropped, so a body without any known field would change nothing: refused. */
const patchBody = z
  .object({
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(128).optional(),
    displayName: z.string().max(50).nullable().optional(),
    email: email.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: '请至少提供一项要修改的内容：role、disabled、password、displayName 或 email',
  });

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/users',
    { schema: { tags: ['users'], summary: '创建用户', body: createBody, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await createUser(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: pageQuery.extend({ orgId: idRef.optional() }),
        response: { 200: z.object({ items: z.array(userSchema), total: z.number() }) },
      },
    },
    (req) => listUsers(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/users/:id',
    { schema: { tags: ['users'], params: idParams, response: { 200: userSchema } } },
    (req) => getUser(ctx, requireActor(req), req.params.id),
  );
  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改角色、邮箱、停用或重置密码',
        params: idParams,
        body: patchBody,
        response: { 200: userSchema },
      },
    },
    (req) => updateUser(ctx, requireActor(req), req.params.id, req.body),
  );
}
