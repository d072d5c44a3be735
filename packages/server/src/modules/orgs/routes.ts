import { orgTypes, postKinds } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { idParams, idRef, isoDate } from '../../lib/schemas.js';
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
} from './service.js';

const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');

const orgFields = {
  name: z.string().trim().min(1, '名称不能为空').max(100),
  type: z.enum(orgTypes),
  regionCode: regionCode.nullable().optional(),
  units: z.number().int().min(1).max(1000).nullable().optional(),
  termStartedOn: isoDate.nullable().optional(),
  termEndsOn: isoDate.nullable().optional(),
};

const orgSummary = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  units: z.number().nullable(),
  termStartedOn: z.string().nullable(),
  termEndsOn: z.string().nullable(),
  dissolved: z.boolean(),
  mergedInto: z.string().nullable(),
  childCount: z.number(),
  memberCount: z.number(),
  fullMemberCount: z.number(),
  abilities: z
    .object({
      edit: z.boolean(),
      createChild: z.boolean(),
      move: z.boolean(),
      merge: z.boolean(),
      dissolve: z.boolean(),
      managePosts: z.boolean(),
      promote: z.boolean(),
    })
    .describe('调用者此刻可对该组织执行的操作（服务器按角色与管理范围计算，写操作按同一规则校验）'),
});

const orgDetail = orgSummary.extend({
  parentName: z.string().nullable(),
  posts: z.array(
    z.object({
      id: z.string(),
      memberId: z.string(),
      memberName: z.string(),
      kind: z.string(),
      startedOn: z.string(),
      endsOn: z.string().nullable(),
    }),
  ),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

const list = z.object({ items: z.array(orgSummary) });
const rootList = list.extend({ abilities: z.object({ createRoot: z.boolean() }) });

export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['orgs'];
  r.post(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: '创建党组织',
        body: z.object({ ...orgFields, parentId: idRef.nullable().optional() }),
        response: { 201: orgDetail },
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
        querystring: z.object({ q: z.string().max(50).optional() }),
        response: { 200: rootList },
      },
    },
    (req) => listOrgs(ctx, requireActor(req), req.query.q),
  );
  r.get(
    '/api/orgs/:id',
    { schema: { tags, summary: '组织详情', params: idParams, response: { 200: orgDetail } } },
    (req) => getOrg(ctx, requireActor(req), req.params.id),
  );
  r.get(
    '/api/orgs/:id/children',
    {
      schema: {
        tags,
        summary: '下级组织',
        params: idParams,
        querystring: z.object({ includeDissolved: z.enum(['true', 'false']).optional() }),
        response: { 200: list },
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
        body: z.object(orgFields).partial(),
        response: { 200: orgDetail },
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
        body: z.object({ parentId: idRef }),
        response: { 200: orgDetail },
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
        body: z.object({ reassignTo: idRef }),
        response: { 200: orgDetail },
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
        body: z.object({ intoId: idRef }),
        response: { 200: orgDetail },
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
        body: z.object({ name: z.string().trim().min(1).max(100).optional() }),
        response: { 200: orgDetail },
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
        body: z.object({
          memberId: idRef,
          kind: z.enum(postKinds),
          startedOn: isoDate,
          endsOn: isoDate.nullable().optional(),
        }),
        response: { 201: orgDetail },
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
        params: z.object({ id: idRef, postId: idRef }),
        response: { 200: orgDetail },
      },
    },
    (req) => removePost(ctx, requireActor(req), req.params.id, req.params.postId),
  );
}
