import {
  fileSchema,
  idParams,
  memberCreateSchema,
  memberHistorySchema,
  memberListQuery,
  memberPageSchema,
  memberPatchSchema,
  memberRevealQuery,
  memberSchema,
  relativeAddedSchema,
  relativeInputSchema,
  relativeParams,
  relativesListSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { PDF } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { renderMemberFormPdf } from './form-pdf.js';
import { memberHistory } from './service/history.js';
import { createMember, getMember, listMembers, updateMember } from './service/records.js';
import { addRelative, listRelatives, removeRelative } from './service/relatives.js';

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
        response: { 200: memberPageSchema },
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
        querystring: memberRevealQuery,
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
        response: { 200: fileSchema('党员信息采集表 (PDF)') },
      },
    },
    async (req, reply) => {
      const pdf = await renderMemberFormPdf(ctx, requireActor(req), req.params.id);
      // The plain filename= form the console and the printed-form tests have always received.
      return reply
        .type(PDF)
        .header('content-disposition', 'inline; filename="member-form.pdf"')
        .send(pdf as unknown as string);
    },
  );
  r.get(
    '/api/members/:id/history',
    {
      schema: {
        tags,
        summary: '党员信息变更记录',
        params: idParams,
        response: { 200: memberHistorySchema },
      },
    },
    (req) => memberHistory(ctx, requireActor(req), req.params.id),
  );
  r.get(
    '/api/members/:id/relatives',
    { schema: { tags, summary: '亲属', params: idParams, response: { 200: relativesListSchema } } },
    (req) => listRelatives(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/members/:id/relatives',
    {
      schema: {
        tags,
        summary: '登记亲属',
        params: idParams,
        body: relativeInputSchema,
        response: { 201: relativeAddedSchema },
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
        params: relativeParams,
        response: { 200: relativesListSchema },
      },
    },
    (req) => removeRelative(ctx, requireActor(req), req.params.id, req.params.relativeId),
  );
}
