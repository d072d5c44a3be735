import { z } from 'zod';

/**
 * The pieces every area's contract is made of. Each area's file (`api/<area>.ts`) holds the request and
 * response schema of each of its routes and every enum it uses, exported under names unique across the
 * areas: the server validates and documents with them, the web's types are `z.infer` of them.
 */
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

/** A timestamptz as the server sends it: ISO 8601 in UTC. */
export const timestampString = z.string();

/** Ids are opaque strings: a malformed one is simply not found (404), like an absent one. */
export const idParams = z.object({ id: z.string().min(1).max(100) });
export const idRef = z.string().min(1).max(100);

export const okSchema = z.object({ ok: z.literal(true) });
export const createdSchema = z.object({ id: z.string() });

/** The one error shape of every 4xx and 5xx answer. */
export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** A page of a list: its items and how many there are in all. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export type PageQuery = z.infer<typeof pageQuery>;
export type ApiErrorBody = z.infer<typeof errorSchema>;

/** A file answer (Excel, PDF): documented as binary; the server sends the bytes as they are. */
export const fileSchema = (description: string) => z.string().meta({ format: 'binary', description });
