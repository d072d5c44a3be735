import {
  escalationDocumentFile,
  escalationPageSchema,
  escalationSearchQuery,
  idParams,
  lifeComparisonExportQuery,
  lifeComparisonFile,
  lifeComparisonQuery,
  lifeComparisonSchema,
  lifeComplianceQuery,
  lifeComplianceSchema,
  orgEscalationDocumentFile,
  orgEscalationListSchema,
  orgEscalationQuery,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { PDF, sendFile, XLSX } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { exportLifeComparison, lifeComparison, lifeComplianceOf } from './service/compliance.js';
import { escalationDocument, orgEscalationDocument, searchEscalations } from './service/documents.js';
import { listOrgEscalations } from './service/org-escalations.js';

/**
 * Organizational life seen from above (API.md Meetings; issue 9 items 6 and 7): compliance per
 * organization and per branch of a township, the branch ladder, and the escalations' printed documents.
 */
export function registerComplianceRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  r.get(
    '/api/orgs/:id/life-compliance',
    {
      schema: {
        tags,
        summary: '组织生活落实情况（按会议类型、按期）',
        params: idParams,
        querystring: lifeComplianceQuery,
        response: { 200: lifeComplianceSchema },
      },
    },
    (req) => lifeComplianceOf(ctx, requireActor(req), req.params.id, req.query),
  );
  r.get(
    '/api/orgs/:id/life-comparison',
    {
      schema: {
        tags,
        summary: '所辖党支部组织生活落实情况对比（落实率低的在前）',
        params: idParams,
        querystring: lifeComparisonQuery,
        response: { 200: lifeComparisonSchema },
      },
    },
    (req) => lifeComparison(ctx, requireActor(req), req.params.id, req.query),
  );
  r.get(
    '/api/orgs/:id/life-comparison/export',
    {
      schema: {
        tags,
        summary: '导出所辖党支部组织生活落实情况对比（Excel）',
        params: idParams,
        querystring: lifeComparisonExportQuery,
        response: { 200: lifeComparisonFile },
      },
    },
    async (req, reply) => {
      const file = await exportLifeComparison(ctx, requireActor(req), req.params.id, req.query);
      return sendFile(reply, { ...file, type: XLSX });
    },
  );
  r.get(
    '/api/orgs/:id/escalations',
    {
      schema: {
        tags,
        summary: '党支部未按规定开展组织生活的督办记录（书面提醒、诫勉谈话、组织处置）',
        params: idParams,
        querystring: orgEscalationQuery,
        response: { 200: orgEscalationListSchema },
      },
    },
    (req) => listOrgEscalations(ctx, requireActor(req), req.params.id, req.query),
  );
  r.get(
    '/api/org-escalations/:id/document',
    {
      schema: {
        tags,
        summary: '督办文书（书面提醒、诫勉谈话记录、组织处置通知，PDF）',
        params: idParams,
        response: { 200: orgEscalationDocumentFile },
      },
    },
    async (req, reply) => {
      const file = await orgEscalationDocument(ctx, requireActor(req), req.params.id);
      return sendFile(reply, { ...file, type: PDF, inline: true });
    },
  );
  r.get(
    '/api/escalations',
    {
      schema: {
        tags,
        summary: '党员组织生活预警处理记录（短信提醒、警戒书、落后党员、自行脱党）',
        querystring: escalationSearchQuery,
        response: { 200: escalationPageSchema },
      },
    },
    (req) => searchEscalations(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/escalations/:id/document',
    {
      schema: {
        tags,
        summary: '预警处理文书（短信提醒、警戒书、落后党员认定建议、自行脱党核查说明，PDF）',
        params: idParams,
        response: { 200: escalationDocumentFile },
      },
    },
    async (req, reply) => {
      const file = await escalationDocument(ctx, requireActor(req), req.params.id);
      return sendFile(reply, { ...file, type: PDF, inline: true });
    },
  );
}
