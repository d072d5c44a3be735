import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { idRef, isoDate } from '../../lib/schemas.js';
import { requireActor } from '../auth/index.js';
import { exportMemberStats } from './export.js';
import { destinationStats, memberStats } from './service.js';

const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);

export const memberStatsSchema = z.object({
  total: z.number(),
  ageBands: counts(['<=25', '26-30', '31-35', '36-40', '>=41']),
  education: counts(['doctor', 'master', 'bachelor', 'college', 'secondary', 'other']),
  location: counts(['local', 'province', 'outside', 'unknown']),
  standing: counts(['normal', 'stopped', 'lostContact']),
  asOf: z.string(),
  orgId: z.string().nullable(),
  regionCode: z.string().nullable(),
});

export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/stats/members',
    {
      schema: {
        tags: ['stats'],
        summary: '党员统计（年龄、学历、所在地、党籍状态）',
        querystring: z.object({ orgId: idRef.optional(), asOf: isoDate.optional() }),
        response: { 200: memberStatsSchema },
      },
    },
    (req) => memberStats(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/stats/members/export',
    {
      schema: {
        tags: ['stats'],
        summary: '导出党员统计各表为 Excel（每表一页，注明党组织和统计日期）',
        querystring: z.object({ orgId: idRef.optional(), asOf: isoDate.optional() }),
      },
    },
    async (req, reply) => {
      const body = await exportMemberStats(ctx, requireActor(req), req.query);
      return reply
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('党员统计.xlsx')}`)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(body);
    },
  );
  r.get(
    '/api/stats/destinations',
    {
      schema: {
        tags: ['stats'],
        summary: '流动党员按流向省份分布',
        querystring: z.object({ orgId: idRef.optional() }),
      },
    },
    (req) => destinationStats(ctx, requireActor(req), req.query),
  );
}
