import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { arrayParam } from '../../../db/bulk.js';
import { yieldToEventLoop } from '../../../lib/event-loop.js';
import type { Provider, Reminder } from '../providers.js';

const MAX_ATTEMPTS = 5;

/**
 * Sends everything pending through every provider, batch after batch until none is left, each
 * notification at most once per call (a failure waits for the next run rather than burning its five
 * attempts in a row). Keyset on the primary key: each batch is an index range, not a rescan.
 * `channel` ends up naming where it really went ('inbox', 'inbox,sms', 'inbox,email').
 */
export async function deliverPending(
  ctx: AppContext,
  providers: Provider[],
  log: (msg: string) => void = () => {},
  {
    batchSize = 500,
    onProgress,
  }: { batchSize?: number; onProgress?: (so: { sent: number; failed: number }) => void } = {},
) {
  let sent = 0;
  let failed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await ctx.database.rows<Reminder>(sql`
      select id, title, body, member_id as "memberId", org_id as "orgId" from notifications
      where status = 'pending' and attempts < ${MAX_ATTEMPTS} and id > ${after}::uuid
      order by id limit ${batchSize}`);
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    const done: { id: string; channel: string }[] = [];
    const failures: string[] = [];
    let firstError = '';
    for (const n of batch) {
      try {
        const channels: string[] = [];
        for (const p of providers) if (await p.send(n)) channels.push(p.channel);
        done.push({ id: n.id, channel: channels.join(',') || 'inbox' });
      } catch (err) {
        failures.push(n.id);
        firstError ||= err instanceof Error ? err.message : String(err);
      }
    }
    if (done.length > 0) {
      const ids = arrayParam(
        done.map((d) => d.id),
        'uuid',
      );
      const channels = arrayParam(
        done.map((d) => d.channel),
        'text',
      );
      await ctx.database.rows(sql`
        update notifications n set status = 'sent', sent_at = now(), attempts = n.attempts + 1,
          channel = v.channel
        from unnest(${ids}, ${channels}) as v(id, channel)
        where n.id = v.id`);
    }
    if (failures.length > 0) {
      await ctx.database.rows(
        sql`update notifications set attempts = attempts + 1 where id = any(${arrayParam(failures, 'uuid')})`,
      );
      log(`提醒发送失败 ${failures.length} 条，将在下次重试：${firstError}`);
    }
    sent += done.length;
    failed += failures.length;
    onProgress?.({ sent, failed });
    await yieldToEventLoop();
  }
  return { sent, failed };
}
