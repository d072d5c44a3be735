import {
  disposalCreateBody,
  disposalCreatedSchema,
  disposalDecisionFile,
  disposalDetailSchema,
  disposalDismissBody,
  disposalExportFile,
  disposalExportQuery,
  disposalListQuery,
  disposalPageSchema,
  disposalStepBody,
  disposalStepRecordedSchema,
  idParams,
  okSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { PDF, sendFile, XLSX } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { renderDecisionPdf } from './decision-pdf.js';
import { exportDisposals } from './export.js';
import { createDisposal, dismissDisposal, disposalDetail, listDisposals } from './service/queue.js';
import { recordStep } from './service/steps.js';

/** The disposal queue (API.md "Disposal 处置"; RULES.md §6): candidates, the five steps, the decision. */
export function registerDisposalRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['disposals'];
  r.get(
    '/api/disposals',
    {
      schema: {
        tags,
        summary: '处置事项（不合格党员处置队列）',
        querystring: disposalListQuery,
        response: { 200: disposalPageSchema },
      },
    },
    (req) => listDisposals(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/disposals/export',
    {
      schema: {
        tags,
        summary: '导出处置事项清单为 Excel',
        querystring: disposalExportQuery,
        response: { 200: disposalExportFile },
      },
    },
    async (req, reply) =>
      sendFile(reply, {
        body: await exportDisposals(ctx, requireActor(req), req.query),
        type: XLSX,
        name: '处置事项.xlsx',
      }),
  );
  r.post(
    '/api/disposals',
    {
      schema: {
        tags,
        summary: '手工列入处置（尚无系统自动认定的事由）',
        body: disposalCreateBody,
        response: { 201: disposalCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createDisposal(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/disposals/:id',
    {
      schema: {
        tags,
        summary: '处置事项详情：已登记的步骤、下一步及其审批机关',
        params: idParams,
        response: { 200: disposalDetailSchema },
      },
    },
    (req) => disposalDetail(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/disposals/:id/steps',
    {
      schema: {
        tags,
        summary: '登记处置程序的一步（日期、办理机关、表决、决定）',
        params: idParams,
        body: disposalStepBody,
        response: { 201: disposalStepRecordedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordStep(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.post(
    '/api/disposals/:id/dismiss',
    {
      schema: {
        tags,
        summary: '撤销处置事项（审批前）',
        params: idParams,
        body: disposalDismissBody,
        response: { 200: okSchema },
      },
    },
    (req) => dismissDisposal(ctx, requireActor(req), req.params.id, req.body.reason),
  );
  r.get(
    '/api/disposals/:id/decision',
    {
      schema: {
        tags,
        summary: '打印处置决定（处理意见）PDF',
        params: idParams,
        response: { 200: disposalDecisionFile },
      },
    },
    async (req, reply) =>
      sendFile(reply, {
        body: await renderDecisionPdf(ctx, requireActor(req), req.params.id),
        type: PDF,
        name: '处置决定.pdf',
        inline: true,
      }),
  );
}
