import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { boolean, date, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../lib/audit.js';
import { unnestInsert } from './bulk.js';
import { type Database, wrapPglite } from './engine.js';

const probe = pgTable('bulk_probe', {
  label: text('label'),
  flag: boolean('flag'),
  day: date('day'),
  doc: jsonb('doc'),
});

describe('unnestInsert', () => {
  let db: Database;
  beforeAll(async () => {
    db = wrapPglite(await PGlite.create());
    await db.rows(sql`create table bulk_probe (label text, flag boolean, day date, doc jsonb)`);
  });
  afterAll(() => db.close());

  it('round-trips any text, nulls, booleans, dates and JSON through one array parameter per column', async () => {
    const row = fc.record({
      label: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
      flag: fc.option(fc.boolean(), { nil: null }),
      day: fc.option(
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        { nil: null },
      ),
      doc: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        await db.rows(sql`delete from bulk_probe`);
        await db.db.execute(unnestInsert(probe, rows));
        const back = await db.rows<(typeof rows)[number]>(
          sql`select label, flag, day::text as day, doc from bulk_probe`,
        );
        const key = (r: unknown) => canonicalJson(r);
        expect(back.map(key).sort()).toEqual(rows.map(key).sort());
      }),
      { numRuns: 30 },
    );
  });
});
