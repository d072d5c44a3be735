import {
  destinationStatsQuery,
  destinationStatsSchema,
  fileSchema,
  memberStatsQuery,
  memberStatsSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { sendFile, XLSX } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { exportMemberStats } from './export.js';
import { destinationStats, memberStats } from './service.js';

export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stats'];
  r.get(
    '/api/stats/members',
    {
      schema: {
        tags,
        summary: '党员统计（年龄、学历、所在地、党籍状态）',
        querystring: memberStatsQuery,
        response: { 200: memberStatsSchema },
      },
    },
    (req) => memberStats(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/stats/members/export',
    {
      schema: {
        tags,
        summary: '导出党员统计各表为 Excel（每表一页，注明党组织和统计日期）',
        querystring: memberStatsQuery,
        response: { 200: fileSchema('党员统计 (.xlsx)，每表一页') },
      },
    },
    async (req, reply) =>
      sendFile(reply, {
        body: await exportMemberStats(ctx, requireActor(req), req.query),
        type: XLSX,
        name: '党员统计.xlsx',
      }),
  );
  r.get(
    '/api/stats/destinations',
    {
      schema: {
        tags,
        summary: '流动党员按流向省份分布',
        querystring: destinationStatsQuery,
        response: { 200: destinationStatsSchema },
      },
    },
    (req) => destinationStats(ctx, requireActor(req), req.query),
  );
}
