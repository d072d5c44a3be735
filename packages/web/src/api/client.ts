import type { z } from 'zod';

export type ApiErrorBody = { error: { code: string; message: string; details?: unknown } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function toQuery(q: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

let onUnauthorized: (() => void) | null = null;

const SIGNED_IN_COOKIE = 'dj_signed_in';

/**
 * The session cookie is httpOnly; the server sets this harmless companion beside it, so a page load
 * that has no session does not ask /api/auth/me only to log a 401 in the browser console.
 */
export function mayHaveSession(): boolean {
  return document.cookie.split(';').some((c) => c.trim().startsWith(`${SIGNED_IN_COOKIE}=`));
}

function forgetSessionHint() {
  // biome-ignore lint/suspicious/noDocumentCookie: one fixed name, no value to escape; the Cookie Store API is async and not everywhere yet.
  document.cookie = `${SIGNED_IN_COOKIE}=; Max-Age=0; path=/`;
}

/** The app installs this once: a 401 on any call but login means the session has gone. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

const fallbackMessages: Record<number, string> = {
  401: '登录已过期，请重新登录',
  403: '没有权限执行此操作',
  404: '未找到，或不在您的管理范围内',
  409: '数据已被他人修改，请刷新后重试',
  413: '文件太大',
};

async function errorFrom(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  const e = body?.error;
  return new ApiError(
    res.status,
    e?.code ?? `HTTP_${res.status}`,
    e?.message ?? fallbackMessages[res.status] ?? `服务器错误（${res.status}），请稍后再试`,
    e?.details,
  );
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  quiet401?: boolean;
}

/**
 * A call whose answer is checked against the contract's schema (packages/core/src/api) in development
 * builds, so a server that drifts from the contract fails loudly where it is built, not in the field; a
 * production build passes no schema at all (vite.config.ts), keeping zod out of the bundles.
 */
export async function call<S extends z.ZodType>(
  schema: S,
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<z.infer<S>> {
  const body = await request<unknown>(method, path, opts);
  if (import.meta.env.DEV) {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      console.error(`${method} ${path}: answer does not match the contract`, checked.error.issues);
      throw new ApiError(0, 'CONTRACT', '服务器返回的数据与接口约定不一致');
    }
  }
  return body as z.infer<S>;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${toQuery(opts.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络');
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401) forgetSessionHint();
    if (res.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file the server sends as an attachment, keeping the server's file name. */
export async function download(path: string, query?: Query, fallbackName = '下载.xlsx'): Promise<void> {
  const res = await fetch(`/api${path}${toQuery(query)}`, { credentials: 'same-origin' });
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401) {
      forgetSessionHint();
      onUnauthorized?.();
    }
    throw err;
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && /[\u4e00-\u9fa5]/.test(err.message)) return err.message;
  return '操作失败，请稍后再试';
}
