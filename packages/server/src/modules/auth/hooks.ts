import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { resolveSession, SESSION_COOKIE } from './service/index.js';

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

const DOCS_LOGIN_HINT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>接口文档 - 请先登录</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#333}
a.button{display:inline-block;background:#b5151b;color:#fff;padding:.5rem 1.25rem;border-radius:6px;text-decoration:none}</style>
</head><body>
<h1>接口文档需要登录</h1>
<p>在线接口文档（可直接试用接口）只对已登录的工作人员开放。请先登录，登录后会回到本页。</p>
<p><a class="button" href="/login?next=%2Fapi%2Fdocs">登录</a></p>
<p>接口说明本身（OpenAPI 文档）无需登录即可下载：<a href="/api/openapi.json">/api/openapi.json</a>。</p>
</body></html>`;

export function registerAuthHooks(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req, reply) => {
    if (UNSAFE.has(req.method)) rejectCrossSite(req);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.actor = await resolveSession(ctx, token);
    if (req.routeOptions.config?.public) return;
    if (!req.routeOptions.url) return;
    if (req.actor) return;
    // A person opening the docs in a browser gets a page that says what to do, not raw 401 JSON.
    if (req.method === 'GET' && /^\/api\/docs\/?(\?|$)/.test(req.url)) {
      return reply.code(401).type('text/html; charset=utf-8').send(DOCS_LOGIN_HINT);
    }
    throw new AppError(token ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
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
  // req.host is the Host header, or X-Forwarded-Host only from a proxy that TRUST_PROXY names.
  if (host !== req.host) throw new AppError('CSRF_REJECTED');
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
