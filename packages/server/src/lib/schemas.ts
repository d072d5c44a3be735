import { type SQL, sql } from 'drizzle-orm';

/** A timestamptz as ISO 8601 in UTC, identical on both engines and parseable by every browser. */
export const isoTimestamp = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
