import {
  parseRegion,
  regionName,
  regionParseQuery,
  regionParseSchema,
  regionTree,
  regionTreeSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';

export function registerRegionRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tree = regionTree(ctx.regions);
  r.get(
    '/api/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '行政区划（省、市、县，GB/T 2260）',
        response: { 200: regionTreeSchema },
      },
    },
    () => tree,
  );
  r.get(
    '/api/regions/parse',
    {
      schema: {
        tags: ['regions'],
        summary: '把地名或代码解析为 6 位行政区划代码',
        querystring: regionParseQuery,
        response: { 200: regionParseSchema },
      },
    },
    (req) => {
      const code = parseRegion(ctx.regions, req.query.q);
      if (!code) throw new AppError('INVALID_REGION', `无法识别的地名：${req.query.q}`);
      return { code, name: regionName(ctx.regions, code) };
    },
  );
}
