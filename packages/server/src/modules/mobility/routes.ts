import {
  contactCreateBody,
  contactCreatedSchema,
  episodeSchema,
  fileSchema,
  idParams,
  inflowCreateBody,
  inflowCreatedSchema,
  inflowListQuery,
  inflowListSchema,
  ledgerPageSchema,
  ledgerPrintQuery,
  ledgerPrintSchema,
  ledgerQuery,
  letterSchema,
  memberLedgerSchema,
  mobilityStatsQuery,
  mobilityStatsSchema,
  outflowCreateBody,
  outflowPatchBody,
  outflowReturnBody,
  outflowSavedSchema,
  reportAcknowledgeBody,
  reportAcknowledgedSchema,
  reportListQuery,
  reportSubmitBody,
  reportSubmittedSchema,
  thoughtReportListSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { PDF, sendFile, XLSX } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { exportLedger, ledgerRecords } from './ledger-export.js';
import { certificatePdf, issueCertificate } from './service/certificates.js';
import { logContact } from './service/contacts.js';
import { listInflows, registerInflow } from './service/inflows.js';
import { listLedger, memberLedger } from './service/ledger.js';
import { createOutflow, getEpisode, returnOutflow, updateOutflow } from './service/outflows.js';
import { acknowledgeReport, listReports, submitReport } from './service/reports.js';
import { mobilityStats } from './stats.js';

const tags = ['mobility'];

export function registerMobilityRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/mobility/outflows',
    {
      schema: {
        tags,
        summary: '外出登记；返回按规定须开具的证明 requiredDocument 及依据',
        body: outflowCreateBody,
        response: { 201: outflowSavedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createOutflow(ctx, requireActor(req), req.body)),
  );
  r.patch(
    '/api/mobility/outflows/:id',
    {
      schema: {
        tags,
        summary: '补全或修改外出登记（待补全的登记补全后按规定确定须开具的证明）',
        params: idParams,
        body: outflowPatchBody,
        response: { 200: outflowSavedSchema },
      },
    },
    (req) => updateOutflow(ctx, requireActor(req), req.params.id, req.body),
  );
  r.get(
    '/api/mobility/outflows/:id',
    { schema: { tags, summary: '外出登记详情', params: idParams, response: { 200: episodeSchema } } },
    (req) => getEpisode(ctx, requireActor(req), req.params.id),
  );
  for (const [suffix, summary, reissue] of [
    ['', '开具流动党员活动证或党员证明信', false],
    ['/reissue', '遗失补办：原证作废，开具新证', true],
  ] as const) {
    r.post(
      `/api/mobility/outflows/:id/certificate${suffix}`,
      { schema: { tags, summary, params: idParams, response: { 201: letterSchema } } },
      async (req, reply) =>
        reply.status(201).send(await issueCertificate(ctx, requireActor(req), req.params.id, { reissue })),
    );
  }
  r.get(
    '/api/mobility/outflows/:id/certificate.pdf',
    {
      schema: {
        tags,
        summary: '打印证明（PDF，含二维码和核验码）',
        params: idParams,
        response: { 200: fileSchema('证明（PDF）') },
      },
    },
    async (req, reply) => {
      const origin = `${req.protocol}://${req.headers.host ?? `${ctx.config.HOST}:${ctx.config.PORT}`}`;
      const body = await certificatePdf(ctx, requireActor(req), req.params.id, origin);
      return sendFile(reply, { body, type: PDF, name: 'certificate.pdf', inline: true });
    },
  );
  r.post(
    '/api/mobility/outflows/:id/return',
    {
      schema: {
        tags,
        summary: '返回，结束本次外出',
        params: idParams,
        body: outflowReturnBody,
        response: { 200: episodeSchema },
      },
    },
    (req) => returnOutflow(ctx, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/inflows',
    {
      schema: {
        tags,
        summary: '流入登记：本系统党员凭活动证核验码，系统外党员填写姓名和原党组织',
        body: inflowCreateBody,
        response: { 201: inflowCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await registerInflow(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/inflows',
    {
      schema: {
        tags,
        summary: '流入本组织的党员',
        querystring: inflowListQuery,
        response: { 200: inflowListSchema },
      },
    },
    (req) => listInflows(ctx, requireActor(req), req.query.orgId),
  );
  r.get(
    '/api/mobility/ledger',
    {
      schema: {
        tags,
        summary: '外出党员登记簿（台账）',
        querystring: ledgerQuery,
        response: { 200: ledgerPageSchema },
      },
    },
    (req) => listLedger(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/mobility/ledger/print',
    {
      schema: {
        tags,
        summary: '外出党员登记簿打印页的数据（纸质登记簿各栏；有权限时显示完整联系方式，记入审计）',
        querystring: ledgerPrintQuery,
        response: { 200: ledgerPrintSchema },
      },
    },
    (req) => ledgerRecords(ctx, requireActor(req), req.query, 'print'),
  );
  r.get(
    '/api/mobility/ledger/export',
    {
      schema: {
        tags,
        summary: '导出外出党员登记簿为 Excel（记入审计）',
        querystring: ledgerPrintQuery,
        response: { 200: fileSchema('外出党员登记簿（Excel）') },
      },
    },
    async (req, reply) => {
      const body = await exportLedger(ctx, requireActor(req), req.query);
      return sendFile(reply, { body, type: XLSX, name: '外出党员登记簿.xlsx' });
    },
  );
  r.get(
    '/api/mobility/members/:id/ledger',
    { schema: { tags, summary: '一人一台账', params: idParams, response: { 200: memberLedgerSchema } } },
    (req) => memberLedger(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/members/:id/contacts',
    {
      schema: {
        tags,
        summary: '登记一次联系（一月一联系）',
        params: idParams,
        body: contactCreateBody,
        response: { 201: contactCreatedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await logContact(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.post(
    '/api/me/reports',
    {
      schema: {
        tags,
        summary: '党员本人提交思想汇报（一月一汇报）',
        body: reportSubmitBody,
        response: { 201: reportSubmittedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await submitReport(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/me/reports',
    { schema: { tags, summary: '我的思想汇报', response: { 200: thoughtReportListSchema } } },
    (req) => listReports(ctx, requireActor(req), {}),
  );
  r.get(
    '/api/mobility/reports',
    {
      schema: {
        tags,
        summary: '思想汇报（待阅）',
        querystring: reportListQuery,
        response: { 200: thoughtReportListSchema },
      },
    },
    (req) => listReports(ctx, requireActor(req), { ...req.query, pending: req.query.pending === 'true' }),
  );
  r.post(
    '/api/mobility/reports/:id/acknowledge',
    {
      schema: {
        tags,
        summary: '阅知思想汇报',
        params: idParams,
        body: reportAcknowledgeBody,
        response: { 200: reportAcknowledgedSchema },
      },
    },
    (req) => acknowledgeReport(ctx, requireActor(req), req.params.id, req.body.reply),
  );
  r.get(
    '/api/stats/mobility',
    {
      schema: {
        tags: ['stats'],
        summary: '流动党员统计：流向、原因、外出时长、各支部联系汇报组织生活率',
        querystring: mobilityStatsQuery,
        response: { 200: mobilityStatsSchema },
      },
    },
    (req) => mobilityStats(ctx, requireActor(req), req.query.orgId),
  );
}
