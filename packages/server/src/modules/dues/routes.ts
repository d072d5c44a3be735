import {
  duesAssessmentBatchBody,
  duesAssessmentBody,
  duesAssessmentChangeBody,
  duesAssessmentCreatedSchema,
  duesAssessmentImportQuery,
  duesAssessmentImportResultSchema,
  duesAssessmentJobSchema,
  duesAssessmentJobStartedSchema,
  duesAssessmentListQuery,
  duesAssessmentListSchema,
  duesBaseComponentListSchema,
  duesBaseComponentQuery,
  duesMemberAssessmentsQuery,
  duesMemberAssessmentsSchema,
  duesQuarterlyBody,
  duesQuarterlyListQuery,
  duesQuarterlyListSchema,
  duesQuarterlySchema,
  duesQuoteBody,
  duesQuoteSchema,
  duesReliefBody,
  duesReliefDecisionBody,
  duesReliefListQuery,
  duesReliefListSchema,
  duesReliefSchema,
  idParams,
  quoteDues,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { authorize } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { requireActor } from '../auth/index.js';
import { effectivePolicy } from '../policies/index.js';
import { registerPaymentRoutes } from './payment-routes.js';
import { registerPortalRoutes } from './portal-routes.js';
import {
  baseComponents,
  changeAssessment,
  createAssessment,
  listAssessments,
  memberAssessments,
} from './service/assessments.js';
import { readJob, startBatch } from './service/batch.js';
import { importBases } from './service/import.js';
import {
  approveQuarterly,
  decideRelief,
  listQuarterly,
  listReliefs,
  requestRelief,
} from './service/reliefs.js';

export function registerDuesRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dues'];
  r.post(
    '/api/dues/quote',
    {
      schema: {
        tags,
        summary: '按现行党费政策计算月缴额（篇二）',
        body: duesQuoteBody,
        response: { 200: duesQuoteSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'dues.quote');
      const policy = await effectivePolicy(ctx, actor.orgId, 'dues');
      return quoteDues(policy.document, req.body);
    },
  );
  r.get(
    '/api/dues/base-components',
    {
      schema: {
        tags,
        summary: '党费计算基数包括和不包括的项目（RULES.md §1，篇二）',
        querystring: duesBaseComponentQuery,
        response: { 200: duesBaseComponentListSchema },
      },
    },
    (req) => baseComponents(ctx, requireActor(req), req.query.category),
  );
  r.post(
    '/api/dues/assessments',
    {
      schema: {
        tags,
        summary: '年初核定党员当年月交纳党费数额',
        body: duesAssessmentBody,
        response: { 201: duesAssessmentCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createAssessment(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/dues/assessments',
    {
      schema: {
        tags,
        summary: '年度党费核定表（组织及下级），含尚未核定的党员',
        querystring: duesAssessmentListQuery,
        response: { 200: duesAssessmentListSchema },
      },
    },
    (req) => listAssessments(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/dues/members/:id/assessments',
    {
      schema: {
        tags,
        summary: '党员的党费核定记录（含年内调整）',
        params: idParams,
        querystring: duesMemberAssessmentsQuery,
        response: { 200: duesMemberAssessmentsSchema },
      },
    },
    (req) => memberAssessments(ctx, requireActor(req), req.params.id, req.query.year),
  );
  r.post(
    '/api/dues/assessments/:id/change',
    {
      schema: {
        tags,
        summary: '年内调整党费数额（须说明原因，自指定月份起执行）',
        params: idParams,
        body: duesAssessmentChangeBody,
        response: { 201: duesAssessmentCreatedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await changeAssessment(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.post(
    '/api/dues/assessments/batch',
    {
      schema: {
        tags,
        summary: '按上年计算基数批量核定组织及下级党员的当年党费（后台任务）',
        body: duesAssessmentBatchBody,
        response: { 202: duesAssessmentJobStartedSchema },
      },
    },
    async (req, reply) => {
      const { progress, done } = await startBatch(ctx, requireActor(req), req.body);
      done.catch(() => {});
      return reply.status(202).send({ id: progress.id, status: progress.status });
    },
  );
  r.get(
    '/api/dues/assessment-jobs/:id',
    {
      schema: {
        tags,
        summary: '批量核定任务的进度',
        params: idParams,
        response: { 200: duesAssessmentJobSchema },
      },
    },
    (req) => readJob(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/dues/assessments/import',
    {
      schema: {
        tags,
        summary: '从 .xlsx 导入计算基数并核定（列：姓名、公民身份号码、类别、计算基数；multipart 字段 file）',
        consumes: ['multipart/form-data'],
        querystring: duesAssessmentImportQuery,
        response: { 200: duesAssessmentImportResultSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'dues.write');
      if (!req.isMultipart()) throw new AppError('IMPORT_NO_FILE');
      const part = await req.file();
      if (part?.fieldname !== 'file') throw new AppError('IMPORT_NO_FILE');
      let upload: Buffer;
      try {
        upload = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${ctx.config.UPLOAD_MAX_MB} MB 的上限`);
        }
        throw err;
      }
      try {
        return await importBases(ctx, actor, req.query.orgId, req.query.year, upload);
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError('IMPORT_NOT_XLSX');
      } finally {
        upload.fill(0);
      }
    },
  );
  r.post(
    '/api/dues/reliefs',
    {
      schema: {
        tags,
        summary: '提出少交或免交党费（党支部研究，报上级党委批准；生活困难的离退休党员由党支部决定）',
        body: duesReliefBody,
        response: { 201: duesReliefSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await requestRelief(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/dues/reliefs',
    {
      schema: {
        tags,
        summary: '少交免交申请（组织及下级）',
        querystring: duesReliefListQuery,
        response: { 200: duesReliefListSchema },
      },
    },
    (req) => listReliefs(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/dues/reliefs/:id/decide',
    {
      schema: {
        tags,
        summary: '少交免交的决定：党支部研究（branch），上级党委批准（committee）',
        params: idParams,
        body: duesReliefDecisionBody,
        response: { 200: duesReliefSchema },
      },
    },
    (req) => decideRelief(ctx, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/dues/quarterly',
    {
      schema: {
        tags,
        summary: '党支部同意党员按季度交纳党费（篇二：遇到特殊情况）',
        body: duesQuarterlyBody,
        response: { 201: duesQuarterlySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await approveQuarterly(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/dues/quarterly',
    {
      schema: {
        tags,
        summary: '党员按季度交纳的同意记录',
        querystring: duesQuarterlyListQuery,
        response: { 200: duesQuarterlyListSchema },
      },
    },
    (req) => listQuarterly(ctx, requireActor(req), req.query.memberId),
  );
  registerPaymentRoutes(app, ctx);
  registerPortalRoutes(app, ctx);
}
