import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../db/bulk.js';
import { yieldToEventLoop } from '../../lib/event-loop.js';
import { idSuffixHash } from './record.js';

/**
 * Migration 0012 added `id_suffix_hash` but SQL cannot compute it (the number is encrypted), so the
 * rows registered before it get theirs here at start: batched, and a no-op once every row has one.
 */
export async function backfillIdSuffixHashes(ctx: AppContext, batch = 2000): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await ctx.database.rows<{ id: string; enc: string }>(
      sql`select id, id_number_enc as enc from members where id_suffix_hash is null limit ${batch}`,
    );
    if (rows.length === 0) return filled;
    const ids = rows.map((r) => r.id);
    const hashes = rows.map((r) => idSuffixHash(ctx, ctx.vault.decrypt(r.enc)));
    await ctx.database.rows(sql`
      update members m set id_suffix_hash = t.h
      from unnest(${arrayParam(ids, 'uuid')}, ${arrayParam(hashes, 'text')}) as t(id, h)
      where m.id = t.id and m.id_suffix_hash is null`);
    filled += rows.length;
    await yieldToEventLoop();
  }
}
