import { auditChainReportSchema, auditListQuery, auditPageSchema } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { authorize } from '../../lib/authz.js';
import { requireActor } from '../auth/index.js';
import { listAudit, verifyAuditChain } from './service.js';

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志（谁、何时、做了什么、改前改后）',
        querystring: auditListQuery,
        response: { 200: auditPageSchema },
      },
    },
    (req) => listAudit(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/audit/verify',
    { schema: { tags: ['audit'], summary: '校验审计哈希链', response: { 200: auditChainReportSchema } } },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'audit.read');
      return verifyAuditChain(ctx.database);
    },
  );
}
