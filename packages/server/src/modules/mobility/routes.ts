import { outflowReasons } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { authorize } from '../../lib/authz.js';
import { idParams, idRef, isoDate, pageQuery } from '../../lib/schemas.js';
import { requireActor } from '../auth/index.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import { exportLedger, ledgerRecords } from './ledger-export.js';
import {
  acknowledgeReport,
  contactChannels,
  createOutflow,
  getEpisode,
  issueCertificate,
  listInflows,
  listLedger,
  listReports,
  logContact,
  memberLedger,
  recordLife,
  recordReview,
  registerInflow,
  returnOutflow,
  reviewResults,
  revokeLetter,
  submitReport,
  updateOutflow,
} from './service.js';
import { mobilityStats } from './stats.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const certificateSchema = z.object({
  id: z.string(),
  kind: z.string(),
  number: z.string(),
  code: z.string(),
  status: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
});
const regionCode = z.string().regex(/^\d{6}$/, '外出流向应为 6 位行政区划代码');
/** Additive to API.md's outflow body: 篇三 L396's flag, the inflow organization and the expected return. */
const outflowExtras = {
  relationshipCanMove: z.boolean().optional(),
  inflowOrgId: idRef.nullable().optional(),
  inflowOrgName: z.string().trim().max(100).nullable().optional(),
  expectedReturnOn: isoDate.nullable().optional(),
};

export function registerMobilityRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['mobility'];
  r.post(
    '/api/mobility/outflows',
    {
      schema: {
        tags,
        summary: '外出登记；返回按规定须开具的证明 requiredDocument 及依据',
        body: z.object({
          memberId: idRef,
          leftOn: isoDate,
          expectedMonths: z.number().min(0).max(600),
          reason: z.enum(outflowReasons).default('other'),
          destinationRegion: regionCode.nullable().optional(),
          fixedPlace: z.boolean().default(false),
          hostHasPartyOrg: z.boolean().default(false),
          contact: z.string().trim().max(100).nullable().optional(),
          abroad: z.boolean().default(false),
          ...outflowExtras,
        }),
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
        body: z.object({
          leftOn: isoDate.optional(),
          expectedMonths: z.number().min(0).max(600).optional(),
          reason: z.enum(outflowReasons).optional(),
          destinationRegion: regionCode.nullable().optional(),
          fixedPlace: z.boolean().optional(),
          hostHasPartyOrg: z.boolean().optional(),
          contact: z.string().trim().max(100).nullable().optional(),
          abroad: z.boolean().optional(),
          ...outflowExtras,
        }),
      },
    },
    (req) => updateOutflow(ctx, requireActor(req), req.params.id, req.body),
  );
  r.get(
    '/api/mobility/outflows/:id',
    { schema: { tags, summary: '外出登记详情', params: idParams } },
    (req) => getEpisode(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/mobility/outflows/:id/certificate',
    {
      schema: {
        tags,
        summary: '开具流动党员活动证或党员证明信',
        params: idParams,
        response: { 201: certificateSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await issueCertificate(ctx, requireActor(req), req.params.id)),
  );
  r.post(
    '/api/mobility/outflows/:id/certificate/reissue',
    {
      schema: {
        tags,
        summary: '遗失补办：原证作废，开具新证',
        params: idParams,
        response: { 201: certificateSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await issueCertificate(ctx, requireActor(req), req.params.id, { reissue: true })),
  );
  r.get(
    '/api/mobility/outflows/:id/certificate.pdf',
    { schema: { tags, summary: '打印证明（PDF，含二维码和核验码）', params: idParams } },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(actor, 'member.read');
      const origin = `${req.protocol}://${req.headers.host ?? `${ctx.config.HOST}:${ctx.config.PORT}`}`;
      const pdf = await renderCertificatePdf(ctx, actor, req.params.id, origin);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="certificate.pdf"')
        .send(pdf);
    },
  );
  r.post(
    '/api/mobility/outflows/:id/return',
    {
      schema: {
        tags,
        summary: '返回，结束本次外出',
        params: idParams,
        body: z.object({ returnedOn: isoDate, note: z.string().max(500).optional() }),
      },
    },
    (req) => returnOutflow(ctx, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/letters/:id/revoke',
    {
      schema: {
        tags,
        summary: '作废证明',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1).max(200) }),
      },
    },
    (req) => revokeLetter(ctx, requireActor(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/inflows',
    {
      schema: {
        tags,
        summary: '流入登记：本系统党员凭活动证核验码，系统外党员填写姓名和原党组织',
        body: z.object({
          orgId: idRef,
          arrivedOn: isoDate,
          certificateCode: z.string().trim().min(4).max(64).optional(),
          name: z.string().trim().min(1).max(50).optional(),
          originOrgName: z.string().trim().min(1).max(100).optional(),
          certificateNumber: z.string().trim().max(64).optional(),
          contact: z.string().trim().max(100).optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await registerInflow(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/inflows',
    { schema: { tags, summary: '流入本组织的党员', querystring: z.object({ orgId: idRef.optional() }) } },
    (req) => listInflows(ctx, requireActor(req), req.query.orgId),
  );
  r.get(
    '/api/mobility/ledger',
    {
      schema: {
        tags,
        summary: '外出党员登记簿（台账）',
        querystring: pageQuery.extend({
          orgId: idRef.optional(),
          status: z.enum(['open', 'returned']).optional(),
          kind: z.enum(['mobile', 'leave']).optional(),
          needsCompletion: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
      },
    },
    (req) => listLedger(ctx, requireActor(req), req.query),
  );
  const ledgerFilter = z.object({
    orgId: idRef.optional(),
    status: z.enum(['open', 'returned']).optional(),
    q: z.string().trim().max(50).optional(),
    reason: z.enum(outflowReasons).optional(),
  });
  r.get(
    '/api/mobility/ledger/print',
    {
      schema: {
        tags,
        summary: '外出党员登记簿打印页的数据（纸质登记簿各栏；有权限时显示完整联系方式，记入审计）',
        querystring: ledgerFilter,
      },
    },
    (req) => ledgerRecords(ctx, requireActor(req), req.query, 'print'),
  );
  r.get(
    '/api/mobility/ledger/export',
    { schema: { tags, summary: '导出外出党员登记簿为 Excel（记入审计）', querystring: ledgerFilter } },
    async (req, reply) => {
      const body = await exportLedger(ctx, requireActor(req), req.query);
      return reply
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent('外出党员登记簿.xlsx')}`,
        )
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(body);
    },
  );
  r.get(
    '/api/mobility/members/:id/ledger',
    { schema: { tags, summary: '一人一台账', params: idParams } },
    (req) => memberLedger(ctx, requireActor(req), req.params.id),
  );
  r.post(
    '/api/members/:id/contacts',
    {
      schema: {
        tags,
        summary: '登记一次联系（一月一联系）',
        params: idParams,
        body: z.object({
          contactedOn: isoDate.optional(),
          channel: z.enum(contactChannels),
          reached: z.boolean(),
          note: z.string().max(500).optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await logContact(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.post(
    '/api/members/:id/reviews',
    {
      schema: {
        tags,
        summary: '年度评议（一年一评议）',
        params: idParams,
        body: z.object({
          year: z.number().int().min(2000).max(2100),
          result: z.enum(reviewResults),
          note: z.string().max(500).optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordReview(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.post(
    '/api/members/:id/life',
    {
      schema: {
        tags,
        summary: '登记参加组织生活',
        params: idParams,
        body: z.object({
          heldOn: isoDate,
          mode: z.enum(['present', 'online']),
          topic: z.string().max(200).optional(),
          orgId: idRef.optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordLife(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.post(
    '/api/me/reports',
    {
      schema: {
        tags,
        summary: '党员本人提交思想汇报（一月一汇报）',
        body: z.object({
          month: month.optional(),
          content: z.string().trim().min(10, '汇报内容至少 10 个字').max(5000),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await submitReport(ctx, requireActor(req), req.body)),
  );
  r.get('/api/me/reports', { schema: { tags, summary: '我的思想汇报' } }, (req) =>
    listReports(ctx, requireActor(req), {}),
  );
  r.get(
    '/api/mobility/reports',
    {
      schema: {
        tags,
        summary: '思想汇报（待阅）',
        querystring: z.object({
          orgId: idRef.optional(),
          memberId: idRef.optional(),
          pending: z.enum(['true', 'false']).optional(),
        }),
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
        body: z.object({ reply: z.string().max(1000).optional() }),
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
        querystring: z.object({ orgId: idRef.optional() }),
      },
    },
    (req) => mobilityStats(ctx, requireActor(req), req.query.orgId),
  );
}
