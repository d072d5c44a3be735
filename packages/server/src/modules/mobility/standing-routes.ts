import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { idParams, idRef, isoDate } from '../../lib/schemas.js';
import { requireActor } from '../auth/index.js';
import {
  abroadCandidates,
  caseKinds,
  decideCase,
  flagLostContact,
  listCases,
  listStandingMembers,
  lostContactCandidates,
  lostContactReasons,
  meetingBodies,
  proposeCase,
} from './standing.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** 失联党员 and 党籍处置 (RULES.md §2): candidates, flags, the branch's proposals, the committee's decision. */
export function registerStandingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['mobility'];
  r.get(
    '/api/mobility/lost-contact/candidates',
    {
      schema: {
        tags,
        summary: '疑似失联党员（超过政策期限未取得联系）',
        querystring: z.object({ orgId: idRef.optional() }),
      },
    },
    (req) => lostContactCandidates(ctx, requireActor(req), req.query.orgId),
  );
  r.get(
    '/api/mobility/abroad/candidates',
    {
      schema: {
        tags,
        summary: '出国（境）学习研究超过政策年限未归、可提出停止党籍的党员',
        querystring: z.object({ orgId: idRef.optional() }),
      },
    },
    (req) => abroadCandidates(ctx, requireActor(req), req.query.orgId),
  );
  r.post(
    '/api/members/:id/lost-contact',
    {
      schema: {
        tags,
        summary: '标记失联党员',
        params: idParams,
        body: z.object({ since: month, reasonCode: z.enum(lostContactReasons) }),
      },
    },
    (req) => flagLostContact(ctx, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/members/:id/standing-cases',
    {
      schema: {
        tags,
        summary: '提出停止党籍、按自行脱党除名或恢复党籍',
        params: idParams,
        body: z.object({
          kind: z.enum(caseKinds),
          reasonCode: z.string().max(32).optional(),
          note: z.string().max(1000).optional(),
          meeting: z.object({
            on: isoDate,
            body: z.enum(meetingBodies),
            votesFor: z.number().int().min(0).max(100_000),
            votesAgainst: z.number().int().min(0).max(100_000),
            votesAbstain: z.number().int().min(0).max(100_000),
          }),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await proposeCase(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.get(
    '/api/mobility/standing',
    {
      schema: {
        tags,
        summary: '失联及停止党籍党员，及当前可提出的党籍处置事项（不可提出时附原因）',
        querystring: z.object({ orgId: idRef.optional() }),
      },
    },
    (req) => listStandingMembers(ctx, requireActor(req), req.query.orgId),
  );
  r.get(
    '/api/standing-cases',
    {
      schema: {
        tags,
        summary: '党籍处置事项',
        querystring: z.object({
          orgId: idRef.optional(),
          status: z.enum(['pending', 'approved', 'rejected']).optional(),
        }),
      },
    },
    (req) => listCases(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/standing-cases/:id/decide',
    {
      schema: {
        tags,
        summary: '党委审批',
        params: idParams,
        body: z.object({ approve: z.boolean(), note: z.string().max(1000).optional() }),
      },
    },
    (req) => decideCase(ctx, requireActor(req), req.params.id, req.body),
  );
}
