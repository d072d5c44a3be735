import {
  idParams,
  orgChildrenQuery,
  orgCreateBody,
  orgDetailSchema,
  orgDissolveBody,
  orgListQuery,
  orgListSchema,
  orgMergeBody,
  orgMoveBody,
  orgPatchBody,
  orgPostBody,
  orgPostParams,
  orgPromoteBody,
  orgRootListSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import {
  addPost,
  createOrg,
  dissolveOrg,
  getOrg,
  listChildren,
  listOrgs,
  mergeOrg,
  moveOrg,
  promoteGroup,
  removePost,
  updateOrg,
} from './service/index.js';

export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['orgs'];
  r.post(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: '创建党组织',
        body: orgCreateBody,
        response: { 201: orgDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrg(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: '可见的顶层组织，或按名称搜索',
        querystring: orgListQuery,
        response: { 200: orgRootListSchema },
      },
    },
    (req) => listOrgs(ctx, requireActor(req), req.query.q),
  );
  r.get(
    '/api/orgs/:id',
    { schema: { tags, summary: '组织详情', params: idParams, response: { 200: orgDetailSchema } } },
    (req) => getOrg(ctx, requireActor(req), req.params.id),
  );
  r.get(
    '/api/orgs/:id/children',
    {
      schema: {
        tags,
        summary: '下级组织',
        params: idParams,
        querystring: orgChildrenQuery,
        response: { 200: orgListSchema },
      },
    },
    (req) => listChildren(ctx, requireActor(req), req.params.id, req.query.includeDissolved === 'true'),
  );
  r.patch(
    '/api/orgs/:id',
    {
      schema: {
        tags,
        summary: '修改组织',
        params: idParams,
        body: orgPatchBody,
        response: { 200: orgDetailSchema },
      },
    },
    (req) => updateOrg(ctx, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/orgs/:id/move',
    {
      schema: {
        tags,
        summary: '移动组织（连同下级）',
        params: idParams,
        body: orgMoveBody,
        response: { 200: orgDetailSchema },
      },
    },
    (req) => moveOrg(ctx, requireActor(req), req.params.id, req.body.parentId),
  );
  r.post(
    '/api/orgs/:id/dissolve',
    {
      schema: {
        tags,
        summary: '撤销组织，党员转入指定组织',
        params: idParams,
        body: orgDissolveBody,
        response: { 200: orgDetailSchema },
      },
    },
    (req) => dissolveOrg(ctx, requireActor(req), req.params.id, req.body.reassignTo),
  );
  r.post(
    '/api/orgs/:id/merge',
    {
      schema: {
        tags,
        summary: '合并到另一组织（下级组织和党员一并转入）',
        params: idParams,
        body: orgMergeBody,
        response: { 200: orgDetailSchema },
      },
    },
    (req) => mergeOrg(ctx, requireActor(req), req.params.id, req.body.intoId),
  );
  r.post(
    '/api/orgs/:id/promote',
    {
      schema: {
        tags,
        summary: '党小组（如线上小组）组建为流动党员党支部',
        params: idParams,
        body: orgPromoteBody,
        response: { 200: orgDetailSchema },
      },
    },
    (req) => promoteGroup(ctx, requireActor(req), req.params.id, req.body.name),
  );
  r.post(
    '/api/orgs/:id/posts',
    {
      schema: {
        tags,
        summary: '任命书记、副书记、委员',
        params: idParams,
        body: orgPostBody,
        response: { 201: orgDetailSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addPost(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/orgs/:id/posts/:postId',
    {
      schema: {
        tags,
        summary: '撤销职务记录',
        params: orgPostParams,
        response: { 200: orgDetailSchema },
      },
    },
    (req) => removePost(ctx, requireActor(req), req.params.id, req.params.postId),
  );
}
