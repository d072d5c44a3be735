import {
  duesArrearsQuery,
  duesArrearsSchema,
  duesLedgerQuery,
  duesLedgerSchema,
  duesMobileQuery,
  duesMobileSchema,
  duesPaymentBody,
  duesPaymentCreatedSchema,
  duesPublicationBody,
  duesPublicationListQuery,
  duesPublicationListSchema,
  duesPublicationSchema,
  duesRatesQuery,
  duesRatesSchema,
  duesRemittanceBody,
  duesRemittanceListQuery,
  duesRemittanceListSchema,
  duesRemittanceReceiveBody,
  duesRemittanceSchema,
  fileSchema,
  idParams,
  myDuesPublicationListSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { PDF, sendFile } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { duesArrears } from './service/arrears.js';
import { duesLedger, duesRates } from './service/ledger.js';
import { duesMobile, recordInflowPayment } from './service/mobile.js';
import { listPublications, myPublications, publicationPdf, publishDues } from './service/publication.js';
import { listRemittances, receiveRemittance, sendRemittance } from './service/remittance.js';

const tags = ['dues'];

/** The dues ledger and what hangs on it: arrears, rates, mobile members, remittance upward, publication. */
export function registerDuesLedgerRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/dues/ledger',
    {
      schema: {
        tags,
        summary: '党费台账：组织（含下级）某月应交、实交、核定人数，及各直属下级的数额',
        querystring: duesLedgerQuery,
        response: { 200: duesLedgerSchema },
      },
    },
    (req) => duesLedger(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/dues/arrears',
    {
      schema: {
        tags,
        summary: '欠交党费：截至 asOf 所在月之前已核定、未免交而未交的月份',
        querystring: duesArrearsQuery,
        response: { 200: duesArrearsSchema },
      },
    },
    (req) => duesArrears(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/dues/rates',
    {
      schema: {
        tags,
        summary: '各直属下级组织某月或某年的党费收缴率',
        querystring: duesRatesQuery,
        response: { 200: duesRatesSchema },
      },
    },
    (req) => duesRates(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/dues/mobile',
    {
      schema: {
        tags,
        summary: '流动党员党费：向流出地或流入地党组织交纳的月份（两地都可见，不重复交纳）',
        querystring: duesMobileQuery,
        response: { 200: duesMobileSchema },
      },
    },
    (req) => duesMobile(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/dues/mobile/payments',
    {
      schema: {
        tags,
        summary:
          '流入地党组织为流动党员登记交纳党费（未落实流入地期间的月份可补交，不受 6 个月限制，不重复交纳）',
        body: duesPaymentBody,
        response: { 201: duesPaymentCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await recordInflowPayment(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/dues/remittances',
    {
      schema: {
        tags,
        summary: '党费上缴：本组织上缴的与收到下级上缴的',
        querystring: duesRemittanceListQuery,
        response: { 200: duesRemittanceListSchema },
      },
    },
    (req) => listRemittances(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/dues/remittances',
    {
      schema: {
        tags,
        summary: '登记向上级党组织上缴党费（一般每季度一次，最长不超过 6 个月）',
        body: duesRemittanceBody,
        response: { 201: duesRemittanceSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await sendRemittance(ctx, requireActor(req), req.body)),
  );
  r.post(
    '/api/dues/remittances/:id/receive',
    {
      schema: {
        tags,
        summary: '上级党组织登记收到上缴的党费',
        params: idParams,
        body: duesRemittanceReceiveBody,
        response: { 200: duesRemittanceSchema },
      },
    },
    (req) => receiveRemittance(ctx, requireActor(req), req.params.id, req.body),
  );
  r.get(
    '/api/dues/publications',
    {
      schema: {
        tags,
        summary: '党费收缴、使用情况年度公布',
        querystring: duesPublicationListQuery,
        response: { 200: duesPublicationListSchema },
      },
    },
    (req) => listPublications(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/dues/publications',
    {
      schema: {
        tags,
        summary: '公布本年度党费收缴、使用情况（每年一次）',
        body: duesPublicationBody,
        response: { 201: duesPublicationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await publishDues(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/dues/publications/:id.pdf',
    {
      schema: {
        tags,
        summary: '党费公布的打印件（PDF）',
        params: idParams,
        response: { 200: fileSchema('PDF') },
      },
    },
    async (req, reply) => {
      const file = await publicationPdf(ctx, requireActor(req), req.params.id);
      return sendFile(reply, { ...file, type: PDF, inline: true });
    },
  );
  r.get(
    '/api/me/dues/publications',
    {
      schema: {
        tags,
        summary: '本支部公布的党费收缴、使用情况（党员本人）',
        response: { 200: myDuesPublicationListSchema },
      },
    },
    (req) => myPublications(ctx, requireActor(req)),
  );
}
