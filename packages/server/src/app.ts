import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '@dangjian/core';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.js';
import { AppError, type ErrorCode, isKnownCode } from './lib/errors.js';
import { registerInputGuard } from './lib/input-guard.js';
import { registerAuditRoutes } from './modules/audit/index.js';
import { registerAuthHooks, registerAuthRoutes } from './modules/auth/index.js';
import { registerContactChangeRoutes } from './modules/contact-changes/index.js';
import { registerDisposalRoutes } from './modules/disposals/index.js';
import { registerDuesLedgerRoutes, registerDuesRoutes } from './modules/dues/index.js';
import { registerEvaluationRoutes } from './modules/evaluations/index.js';
import { registerHealthRoutes } from './modules/health/index.js';
import { registerImportRoutes } from './modules/imports/index.js';
import { registerLetterRoutes } from './modules/letters/index.js';
import { registerComplianceRoutes, registerMeetingRoutes } from './modules/meetings/index.js';
import { registerMemberRoutes } from './modules/members/index.js';
import { registerMobilityRoutes, registerStandingRoutes } from './modules/mobility/index.js';
import { registerNoticeRoutes } from './modules/notices/index.js';
import { registerObligationRoutes } from './modules/obligations/index.js';
import { registerOrgRoutes } from './modules/orgs/index.js';
import { registerPolicyRoutes } from './modules/policies/index.js';
import { registerRegionRoutes } from './modules/regions/index.js';
import { registerStatsRoutes } from './modules/stats/index.js';
import { registerUserRoutes } from './modules/users/index.js';

z.config(z.locales.zhCN());

export type App = FastifyInstance;

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.LOG_LEVEL } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.TRUST_PROXY ?? false,
    routerOptions: { maxParamLength: 200 },
    // A path that does not decode (`%ED%A0%80`, a lone surrogate) is refused in the one error shape.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const { status, body } = toErrorResponse(err);
      return reply.status(status).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) req.log.error({ err }, 'unhandled error');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api') || req.method !== 'GET' || !webIndex) {
      return reply.status(404).send(errorBody('ROUTE_NOT_FOUND'));
    }
    return reply.type('text/html').send(webIndex);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: '党建 Dangjian API', version: '0.1.0', description: '党组织与流动党员管理系统接口' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dj_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: ctx.config.UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 10 },
  });

  registerInputGuard(app);
  registerAuthHooks(app, ctx);
  for (const register of [
    registerHealthRoutes,
    registerAuthRoutes,
    registerUserRoutes,
    registerOrgRoutes,
    registerMemberRoutes,
    registerImportRoutes,
    registerStatsRoutes,
    registerPolicyRoutes,
    registerDuesRoutes,
    registerDuesLedgerRoutes,
    registerAuditRoutes,
    registerLetterRoutes,
    registerRegionRoutes,
    registerMobilityRoutes,
    registerMeetingRoutes,
    registerComplianceRoutes,
    registerEvaluationRoutes,
    registerDisposalRoutes,
    registerStandingRoutes,
    registerObligationRoutes,
    registerNoticeRoutes,
    registerContactChangeRoutes,
  ]) {
    await register(app, ctx);
  }

  const webDist = ctx.config.WEB_DIST ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  const indexFile = path.join(webDist, 'index.html');
  const webIndex = fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : null;
  if (webIndex) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    app.get('/', { schema: { hide: true }, config: { public: true } }, (_req, reply) =>
      reply.type('text/html').send(webIndex),
    );
  }
  return app;
}

export function errorBody(code: ErrorCode, message?: string, details?: unknown) {
  const e = new AppError(code, message, details);
  return { error: { code: e.code, message: e.message, ...(details === undefined ? {} : { details }) } };
}

/** Maps any thrown thing to the one error shape; nothing but code, message and details leaves. */
function toErrorResponse(raw: unknown): { status: number; body: ReturnType<typeof errorBody> } {
  if (raw instanceof AppError) {
    return { status: raw.status, body: errorBody(raw.code, raw.message, raw.details) };
  }
  if (raw instanceof DomainError) {
    const code: ErrorCode = isKnownCode(raw.code) ? raw.code : 'RULE_VIOLATION';
    const e = new AppError(code, raw.message, raw.details);
    return { status: e.status, body: errorBody(code, raw.message, raw.details) };
  }
  const err = raw as FastifyError;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      field: `${err.validationContext ?? ''}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message,
    }));
    const summary = issues.map((i) => `${i.field}: ${i.message}`).join('；');
    return { status: 400, body: errorBody('VALIDATION_FAILED', `请求参数不合法：${summary}`, { issues }) };
  }
  const byFastifyCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
    FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
    FST_ERR_BAD_URL: 'INVALID_TEXT',
  };
  const mapped = err.code ? byFastifyCode[err.code] : undefined;
  if (mapped) {
    const e = new AppError(mapped);
    return { status: e.status, body: errorBody(mapped) };
  }
  if (err instanceof SyntaxError) return { status: 400, body: errorBody('INVALID_JSON') };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, body: errorBody('VALIDATION_FAILED') };
  }
  return { status: 500, body: errorBody('INTERNAL') };
}
