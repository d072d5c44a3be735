import {
  idParams,
  orgPoliciesSchema,
  policyOverrideBody,
  policyOverrideParams,
  policyReadQuery,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import { overridePolicy, readPolicies } from './service.js';

export function registerPolicyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/orgs/:id/policies',
    {
      schema: {
        tags: ['policies'],
        summary: '组织现行政策（含来源、上级继承值和本级版本）',
        params: idParams,
        querystring: policyReadQuery,
        response: { 200: orgPoliciesSchema },
      },
    },
    (req) => readPolicies(ctx, requireActor(req), req.params.id, req.query.asOf),
  );
  r.put(
    '/api/orgs/:id/policies/:kind',
    {
      schema: {
        tags: ['policies'],
        summary: '自某日起覆盖本组织及下级的政策',
        params: policyOverrideParams,
        body: policyOverrideBody,
        response: { 200: orgPoliciesSchema },
      },
    },
    (req) => overridePolicy(ctx, requireActor(req), req.params.id, req.params.kind, req.body),
  );
}
