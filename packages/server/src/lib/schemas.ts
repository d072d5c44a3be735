import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, '日期无效');

/** Ids are opaque strings: a malformed one is simply not found (404), like an absent one. */
export const idParams = z.object({ id: z.string().min(1).max(100) });
export const idRef = z.string().min(1).max(100);

export const okSchema = z.object({ ok: z.literal(true) });

/** A timestamptz as ISO 8601 in UTC, identical on both engines and parseable by every browser. */
export const isoTimestamp = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
