import {
  abroadCandidatesSchema,
  decidedStandingCaseSchema,
  decideStandingCaseBody,
  flagLostContactBody,
  flagLostContactResponse,
  idParams,
  lostContactCandidatesSchema,
  proposedStandingCaseSchema,
  proposeStandingCaseBody,
  standingCaseQuery,
  standingCasesSchema,
  standingMembersSchema,
  standingScopeQuery,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import { abroadCandidates, lostContactCandidates } from './service/standing-candidates.js';
import { decideCase, listCases, proposeCase } from './service/standing-cases.js';
import { flagLostContact, listStandingMembers } from './service/standing-members.js';

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
        querystring: standingScopeQuery,
        response: { 200: lostContactCandidatesSchema },
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
        querystring: standingScopeQuery,
        response: { 200: abroadCandidatesSchema },
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
        body: flagLostContactBody,
        response: { 200: flagLostContactResponse },
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
        body: proposeStandingCaseBody,
        response: { 201: proposedStandingCaseSchema },
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
        querystring: standingScopeQuery,
        response: { 200: standingMembersSchema },
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
        querystring: standingCaseQuery,
        response: { 200: standingCasesSchema },
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
        body: decideStandingCaseBody,
        response: { 200: decidedStandingCaseSchema },
      },
    },
    (req) => decideCase(ctx, requireActor(req), req.params.id, req.body),
  );
}
