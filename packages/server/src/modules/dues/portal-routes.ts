import {
  duesPaymentCreatedSchema,
  fileSchema,
  idParams,
  myDuesPaymentBody,
  myDuesPaymentListSchema,
  myDuesQuery,
  myDuesSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { PDF, sendFile } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { receiptPdf } from './receipt-pdf.js';
import { myPayments, submitPayment } from './service/payments.js';
import { myDues } from './service/portal.js';

/** 党员本人's dues on the portal (issue 10 item 9); online gateways are out of scope. */
export function registerPortalRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dues'];
  r.get(
    '/api/me/dues',
    {
      schema: {
        tags,
        summary: '我的党费：月交纳额及计算依据、各月情况、尚欠月份',
        querystring: myDuesQuery,
        response: { 200: myDuesSchema },
      },
    },
    (req) => myDues(ctx, requireActor(req), req.query.year),
  );
  r.get(
    '/api/me/dues/payments',
    { schema: { tags, summary: '我的交纳记录', response: { 200: myDuesPaymentListSchema } } },
    (req) => myPayments(ctx, requireActor(req)),
  );
  r.post(
    '/api/me/dues/payments',
    {
      schema: {
        tags,
        summary: '提交交纳记录（党支部确认后生效并开具收据）',
        body: myDuesPaymentBody,
        response: { 201: duesPaymentCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await submitPayment(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/me/dues/payments/:id/receipt',
    {
      schema: {
        tags,
        summary: '我的党费收据（PDF）',
        params: idParams,
        response: { 200: fileSchema('党费收据（PDF）') },
      },
    },
    async (req, reply) => {
      const file = await receiptPdf(ctx, requireActor(req), req.params.id);
      return sendFile(reply, { ...file, type: PDF, inline: true });
    },
  );
}
