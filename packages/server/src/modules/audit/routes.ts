import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { authorize } from '../../lib/authz.js';
import { idRef, isoDate, pageQuery } from '../../lib/schemas.js';
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
        querystring: pageQuery.extend({
          orgId: idRef.optional(),
          actor: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          entity: z.string().max(32).optional(),
          entityId: z.string().max(100).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
      },
    },
    (req) => listAudit(ctx, requireActor(req), req.query),
  );
  r.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验审计哈希链' } }, async (req) => {
    const actor = requireActor(req);
    authorize(actor, 'audit.read');
    return verifyAuditChain(ctx.database);
  });
}
