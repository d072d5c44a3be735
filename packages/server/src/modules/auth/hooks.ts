import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { resolveSession, SESSION_COOKIE } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes open to anonymous callers: health, login, public verification (API.md). */
    public?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuthHooks(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (UNSAFE.has(req.method)) rejectCrossSite(req);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.actor = await resolveSession(ctx, token);
    if (req.routeOptions.config?.public) return;
    if (!req.routeOptions.url) return;
    if (!req.actor) throw new AppError(token ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  });
}

/**
 * CSRF: the session cookie is SameSite=Strict, and a browser's cross-site write is refused by its
 * Origin (or Sec-Fetch-Site) header. Scripts that send neither are not browsers and carry no
 * ambient credentials of a victim.
 */
function rejectCrossSite(req: FastifyRequest) {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') throw new AppError('CSRF_REJECTED');
  const origin = req.headers.origin;
  if (!origin || origin === 'null') {
    if (origin === 'null') throw new AppError('CSRF_REJECTED');
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('CSRF_REJECTED');
  }
  const forwarded = req.headers['x-forwarded-host'];
  const expected = [req.headers.host, ...(typeof forwarded === 'string' ? [forwarded] : [])];
  if (!expected.includes(host)) throw new AppError('CSRF_REJECTED');
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
