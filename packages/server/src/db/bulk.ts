import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './engine.js';

/**
 * INSERT … SELECT FROM unnest($1::type[], $2::type[], …): one array parameter per column, however
 * many rows. Building a 1,000-row VALUES list costs more than the database's work (bench: import),
 * and the statement stays the same size. JSON columns travel as text and are cast back.
 */
export function unnestInsert<T extends PgTable>(
  table: T,
  rows: Record<string, unknown>[],
  tail: SQL = sql``,
): SQL {
  const columns = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
  const keys = Object.keys(rows[0] ?? {}).filter((k) => columns[k]);
  const isJson = (k: string) => columns[k]!.getSQLType().startsWith('json');
  const arrays = keys.map((k) =>
    rows.map((r) => {
      const v = r[k];
      if (v === undefined || v === null) return null;
      if (isJson(k)) return JSON.stringify(v);
      return v instanceof Date ? v.toISOString() : v;
    }),
  );
  const names = keys.map((k) => sql.identifier(columns[k]!.name));
  const params = keys.map((k, i) => {
    const type = isJson(k) ? 'text' : columns[k]!.getSQLType();
    return arrayParam(arrays[i]!, type);
  });
  const selects = keys.map((k, i) => (isJson(k) ? sql.raw(`c${i}::jsonb`) : sql.raw(`c${i}`)));
  const aliases = sql.raw(keys.map((_, i) => `c${i}`).join(', '));
  return sql`insert into ${table} (${sql.join(names, sql`, `)})
    select ${sql.join(selects, sql`, `)} from unnest(${sql.join(params, sql`, `)}) as t(${aliases}) ${tail}`;
}

/**
 * A list bound as ONE parameter of type `type[]` (drizzle would spread a JS array into a list of
 * parameters): for `= any(…)` and `unnest(…)` over thousands of values.
 */
export function arrayParam(values: unknown[], type: string): SQL {
  return sql`${sql.param(arrayLiteral(values))}::${sql.raw(type)}[]`;
}

/** A PostgreSQL array literal, so both drivers send the same one text parameter. */
function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) =>
    v === null ? 'NULL' : `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `{${items.join(',')}}`;
}

export async function execRows<R>(ex: Executor, query: SQL): Promise<R[]> {
  return ((await ex.execute(query)) as unknown as { rows: R[] }).rows;
}
