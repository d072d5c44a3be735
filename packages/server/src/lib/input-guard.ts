import type { Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Policy documents, the deepest bodies the API takes, nest a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * No NUL and no UTF-16 surrogate without its partner. PostgreSQL stores neither in text or jsonb
 * ("invalid byte sequence 0x00", "unsupported Unicode escape"), so such input is refused as bad
 * input at the door instead of failing as a 500 in whichever query first meets it.
 */
export function isCleanText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** Every string and object key of plain data (parsed JSON, query, params) at any depth. */
export function assertCleanText(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!isCleanText(v)) throw new AppError('INVALID_TEXT');
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (!isCleanText(key)) throw new AppError('INVALID_TEXT');
        stack.push(item);
      }
    }
  }
}

/**
 * The deepest nesting of `[`/`{` in a JSON text, counted outside strings in one pass, so a body is
 * measured before JSON.parse and the recursive code after it (schemas, policy checks) ever see it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Node's HTTP server refuses longer request heads (16 KB, 431); injected requests get the same bound. */
export const MAX_URL_LENGTH = 16 * 1024;

/** Each percent-encoded piece of the raw URL must decode (strict UTF-8) to clean text. */
function assertCleanUrl(url: string): void {
  if (url.length > MAX_URL_LENGTH) throw new AppError('URI_TOO_LONG');
  const q = url.indexOf('?');
  const pieces = [q < 0 ? url : url.slice(0, q)];
  if (q >= 0) {
    for (const pair of url.slice(q + 1).split('&')) pieces.push(...pair.split('='));
  }
  for (const piece of pieces) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(piece.replaceAll('+', ' '));
    } catch {
      throw new AppError('INVALID_TEXT');
    }
    if (!isCleanText(decoded)) throw new AppError('INVALID_TEXT');
  }
}

function assertCleanPart<P extends Multipart | undefined>(part: P): P {
  if (!part) return part;
  const fields = Object.values(part.fields).flatMap((f) => (Array.isArray(f) ? f : f ? [f] : []));
  const texts = [part.fieldname, ...(part.type === 'file' ? [part.filename] : [part.value])];
  for (const f of fields) texts.push(f.fieldname, ...(f.type === 'field' ? [f.value] : [f.filename]));
  try {
    assertCleanText(texts);
  } catch (err) {
    // The refused file's bytes are drained so the request can end.
    if (part.type === 'file') part.file.resume();
    throw err;
  }
  return part;
}

/**
 * @fastify/multipart parses parts only when the handler asks for them, so the check wraps the
 * request's part readers: field names, field values and file names pass the same test as JSON.
 */
function guardMultipart(req: FastifyRequest): void {
  const file = req.file.bind(req);
  req.file = async (...args) => assertCleanPart(await file(...args));
  const files = req.files.bind(req);
  req.files = async function* (...args) {
    for await (const part of files(...args)) yield assertCleanPart(part);
  };
  const parts = req.parts.bind(req);
  req.parts = async function* (...args) {
    for await (const part of parts(...args)) yield assertCleanPart(part);
  };
}

/** The one place where every request's text is checked: URL, query, path params, JSON and multipart. */
export function registerInputGuard(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      done(new AppError('JSON_TOO_DEEP'), undefined);
      return;
    }
    parseJson(req, text, (err, value) => {
      if (err) return done(err, undefined);
      try {
        assertCleanText(value);
      } catch (refused) {
        return done(refused as AppError, undefined);
      }
      done(null, value);
    });
  });
  app.addHook('onRequest', async (req) => {
    assertCleanUrl(req.raw.url ?? req.url);
  });
  app.addHook('preValidation', async (req) => {
    assertCleanText(req.params);
    assertCleanText(req.query);
    if (req.isMultipart()) guardMultipart(req);
  });
}
