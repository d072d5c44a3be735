import {
  duesCycleBody,
  duesCycleDelayBody,
  duesCycleQuery,
  duesCycleSchema,
  duesPaymentBody,
  duesPaymentConfirmedSchema,
  duesPaymentCreatedSchema,
  duesPaymentListQuery,
  duesPaymentListSchema,
  duesPaymentRejectBody,
  fileSchema,
  idParams,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { today } from '../../lib/clock.js';
import { PDF, sendFile } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { receiptPdf } from './receipt-pdf.js';
import { advanceCycle, markDelayed, readCycle } from './service/cycle.js';
import { confirmPayment, listPayments, recordPayment, rejectPayment } from './service/payments.js';

/** Payments, receipts and the branch's month cycle (API.md "Dues 党费"; issue 10 item 3). */
export function registerPaymentRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dues'];
  r.post(
    '/api/dues/payments',
    {
      schema: {
        tags,
        summary: '登记党费交纳（本人或代缴）；补交超过 6 个月须注明原因，不得预交',
        body: duesPaymentBody,
        response: { 201: duesPaymentCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await recordPayment(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/dues/payments',
    {
      schema: {
        tags,
        summary: '党费交纳记录（组织及下级收取的或其党员的）',
        querystring: duesPaymentListQuery,
        response: { 200: duesPaymentListSchema },
      },
    },
    (req) => listPayments(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/dues/payments/:id/confirm',
    {
      schema: {
        tags,
        summary: '确认党员在手机端提交的交纳记录并开具收据',
        params: idParams,
        response: { 200: duesPaymentConfirmedSchema },
      },
    },
    (req) => confirmPayment(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/dues/payments/:id/reject',
    {
      schema: {
        tags,
        summary: '退回党员提交的交纳记录（须说明理由）',
        params: idParams,
        body: duesPaymentRejectBody,
        response: { 200: duesPaymentConfirmedSchema },
      },
    },
    (req) => rejectPayment(ctx, requireActor(req), req.params.id, req.body.reason),
  );
  r.get(
    '/api/dues/payments/:id/receipt',
    {
      schema: {
        tags,
        summary: '党费收据（PDF）',
        params: idParams,
        response: { 200: fileSchema('党费收据（PDF）') },
      },
    },
    async (req, reply) => {
      const file = await receiptPdf(ctx, requireActor(req), req.params.id);
      return sendFile(reply, { ...file, type: PDF, inline: true });
    },
  );
  r.get(
    '/api/dues/cycle',
    {
      schema: {
        tags,
        summary: '党支部某月党费收缴情况：已交、未交、免交、缓交',
        querystring: duesCycleQuery,
        response: { 200: duesCycleSchema },
      },
    },
    (req) => readCycle(ctx, requireActor(req), req.query.orgId, req.query.month),
  );
  r.post(
    '/api/dues/cycle/collect',
    {
      schema: { tags, summary: '开始收缴本月党费', body: duesCycleBody, response: { 200: duesCycleSchema } },
    },
    (req) => advanceCycle(ctx, requireActor(req), req.body.orgId, req.body.month, 'collect', today()),
  );
  r.post(
    '/api/dues/cycle/settle',
    {
      schema: {
        tags,
        summary: '结算本月党费：每名党员已交、免交或注明缓交原因后方可结算',
        body: duesCycleBody,
        response: { 200: duesCycleSchema },
      },
    },
    (req) => advanceCycle(ctx, requireActor(req), req.body.orgId, req.body.month, 'settle', today()),
  );
  r.post(
    '/api/dues/cycle/delay',
    {
      schema: {
        tags,
        summary: '标记党员本月缓交并注明原因（reason 为 null 时取消）',
        body: duesCycleDelayBody,
        response: { 200: duesCycleSchema },
      },
    },
    (req) => markDelayed(ctx, requireActor(req), req.body),
  );
}
