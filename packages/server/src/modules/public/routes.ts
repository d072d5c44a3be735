import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';

/** Only the surname stays visible: enough to match the paper, not enough to identify (API.md). */
export function maskName(name: string): string {
  const chars = [...name];
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

export function registerPublicRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/public/letters/:code',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '凭编码核验介绍信或活动证（无需登录）',
        params: z.object({ code: z.string().min(1).max(64) }),
        response: {
          200: z.object({
            valid: z.boolean(),
            kind: z.string(),
            status: z.string(),
            issuedBy: z.string(),
            issuedOn: z.string(),
            validUntil: z.string(),
            memberName: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const [row] = await ctx.database.rows<{
        kind: string;
        status: string;
        issuedBy: string;
        issuedOn: string;
        validUntil: string;
        memberName: string;
      }>(sql`select l.kind, l.status, o.name as "issuedBy", l.issued_on::text as "issuedOn",
               l.valid_until::text as "validUntil", m.name as "memberName"
             from letters l join orgs o on o.id = l.issued_by_org_id join members m on m.id = l.member_id
             where l.code = ${req.params.code.trim().toUpperCase()}`);
      if (!row) throw new AppError('LETTER_NOT_FOUND');
      const now = today();
      const expired = row.status === 'issued' && row.validUntil < now;
      return {
        ...row,
        status: expired ? 'expired' : row.status,
        valid: row.status === 'issued' && !expired,
        memberName: maskName(row.memberName),
      };
    },
  );
}
