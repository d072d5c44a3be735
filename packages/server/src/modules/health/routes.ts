import { healthSchema } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: '健康检查', response: { 200: healthSchema } },
    },
    async () => {
      await ctx.database.rows(sql`select 1`);
      return { status: 'ok' as const, database: ctx.database.engine };
    },
  );
}
