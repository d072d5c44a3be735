import {
  idParams,
  userCreateBody,
  userListQuery,
  userPageSchema,
  userPatchBody,
  userSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import { createUser, getUser, listUsers, updateUser } from './service.js';

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/users',
    { schema: { tags: ['users'], summary: '创建用户', body: userCreateBody, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await createUser(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: userListQuery,
        response: { 200: userPageSchema },
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
        body: userPatchBody,
        response: { 200: userSchema },
      },
    },
    (req) => updateUser(ctx, requireActor(req), req.params.id, req.body),
  );
}
