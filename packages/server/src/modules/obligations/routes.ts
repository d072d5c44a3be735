import {
  obligationExportFile,
  obligationExportQuery,
  obligationListQuery,
  obligationPageSchema,
  obligationsProgressSchema,
  obligationsRefreshStartedSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { jobsProgress, startJobs } from '../../jobs/scheduler.js';
import { authorize } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { sendFile, XLSX } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { providersFromConfig } from '../notices/index.js';
import { exportObligations, listObligations } from './service.js';

export function registerObligationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['obligations'];
  r.get(
    '/api/obligations',
    {
      schema: {
        tags,
        summary: '应办事项（一月一联系、一月一汇报、组织生活、年度评议等，党员或组织所欠）及状态',
        querystring: obligationListQuery,
        response: { 200: obligationPageSchema },
      },
    },
    (req) => listObligations(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/obligations/export',
    {
      schema: {
        tags,
        summary: '导出应办事项（预警）为 Excel',
        querystring: obligationExportQuery,
        response: { 200: obligationExportFile },
      },
    },
    async (req, reply) =>
      sendFile(reply, {
        body: await exportObligations(ctx, requireActor(req), req.query),
        type: XLSX,
        name: '流动党员预警.xlsx',
      }),
  );
  r.post(
    '/api/obligations/refresh',
    {
      schema: {
        tags,
        summary: '立即重新计算应办事项并生成、发送提醒：在后台进行，答复 202 与任务号，进度见 GET',
        response: { 202: obligationsRefreshStartedSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(actor, 'obligations.refresh');
      const log = (m: string) => req.log.info(m);
      // Minutes of work on a large registry: answered at once, the page polls the progress.
      const started = await startJobs(ctx, providersFromConfig(ctx, log), log, 'manual');
      if (!started) throw new AppError('JOBS_RUNNING');
      return reply.status(202).send({ id: started.run.id, status: 'running' as const });
    },
  );
  r.get(
    '/api/obligations/refresh',
    {
      schema: {
        tags,
        summary: '重新计算的进度与结果（最近一次；进行中时含已计算人数）',
        response: { 200: obligationsProgressSchema },
      },
    },
    (req) => {
      authorize(requireActor(req), 'obligations.refresh');
      return jobsProgress(ctx);
    },
  );
}
