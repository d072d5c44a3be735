import {
  idParams,
  letterCodeParams,
  letterRevokeBody,
  letterRevokedSchema,
  letterVerificationSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../auth/index.js';
import { revokeLetter, verifyLetter } from './service.js';

export function registerLetterRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/letters/:id/revoke',
    {
      schema: {
        tags: ['mobility'],
        summary: '作废证明',
        params: idParams,
        body: letterRevokeBody,
        response: { 200: letterRevokedSchema },
      },
    },
    (req) => revokeLetter(ctx, requireActor(req), req.params.id, req.body.reason),
  );
  r.get(
    '/api/public/letters/:code',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '凭编码核验介绍信或活动证（无需登录）',
        params: letterCodeParams,
        response: { 200: letterVerificationSchema },
      },
    },
    (req) => verifyLetter(ctx, req.params.code),
  );
}
