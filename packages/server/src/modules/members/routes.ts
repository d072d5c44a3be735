import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { idParams, idRef } from '../../lib/schemas.js';
import { requireActor } from '../auth/index.js';
import { renderMemberFormPdf } from './form-pdf.js';
import { revealable } from './presenter.js';
import {
  memberCreateSchema,
  memberListQuery,
  memberPatchSchema,
  memberSchema,
  relativeSchema,
} from './schemas.js';
import {
  addRelative,
  createMember,
  getMember,
  listMembers,
  listRelatives,
  memberHistory,
  removeRelative,
  updateMember,
} from './service.js';

const revealQuery = z.object({
  reveal: z
    .string()
    .optional()
    .transform((s, c) => {
      const fields = (s ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      for (const f of fields) {
        if (!(revealable as readonly string[]).includes(f)) {
          c.addIssue({ code: 'custom', message: `不能显示的字段：${f}` });
          return z.NEVER;
        }
      }
      return fields as (typeof revealable)[number][];
    }),
});

const relativesList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      relation: z.string(),
      name: z.string(),
      relatedMemberId: z.string().nullable(),
    }),
  ),
});

export function registerMemberRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  r.post(
    '/api/members',
    { schema: { tags, summary: '登记党员', body: memberCreateSchema, response: { 201: memberSchema } } },
    async (req, reply) => reply.status(201).send(await createMember(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/members',
    {
      schema: {
        tags,
        summary: '党员列表（组织及下级）',
        querystring: memberListQuery,
        response: { 200: z.object({ items: z.array(memberSchema), total: z.number() }) },
      },
    },
    (req) => listMembers(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/members/:id',
    {
      schema: {
        tags,
        summary: '党员详情；reveal=idNumber,phone,address 显示完整信息（须有权限，记入审计）',
        params: idParams,
        querystring: revealQuery,
        response: { 200: memberSchema },
      },
    },
    (req) => getMember(ctx, requireActor(req), req.params.id, req.query.reveal),
  );
  r.patch(
    '/api/members/:id',
    {
      schema: {
        tags,
        summary: '修改党员信息',
        params: idParams,
        body: memberPatchSchema,
        response: { 200: memberSchema },
      },
    },
    (req) => updateMember(ctx, requireActor(req), req.params.id, req.body),
  );
  r.get(
    '/api/members/:id/form.pdf',
    {
      schema: {
        tags,
        summary: '打印党员信息采集表（一页 PDF；有 member.reveal 权限时显示完整身份证号和电话，记入审计）',
        params: idParams,
      },
    },
    async (req, reply) => {
      const pdf = await renderMemberFormPdf(ctx, requireActor(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="member-form.pdf"')
        .send(pdf);
    },
  );
  r.get(
    '/api/members/:id/history',
    { schema: { tags, summary: '党员信息变更记录', params: idParams } },
    (req) => memberHistory(ctx, requireActor(req), req.params.id),
  );
  r.get(
    '/api/members/:id/relatives',
    { schema: { tags, summary: '亲属', params: idParams, response: { 200: relativesList } } },
    (req) => listRelatives(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/members/:id/relatives',
    {
      schema: {
        tags,
        summary: '登记亲属',
        params: idParams,
        body: relativeSchema,
        response: { 201: relativesList.extend({ id: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addRelative(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/members/:id/relatives/:relativeId',
    {
      schema: {
        tags,
        summary: '删除亲属记录',
        params: z.object({ id: idRef, relativeId: idRef }),
        response: { 200: relativesList },
      },
    },
    (req) => removeRelative(ctx, requireActor(req), req.params.id, req.params.relativeId),
  );
}
