import type { AppContext } from '../context.js';
import type { Executor } from '../db/engine.js';
import { refreshObligations } from '../modules/obligations/index.js';
import { type AuditInput, recordAudit } from './audit.js';
import type { Actor } from './authz.js';

export interface WriteScope {
  /** The audit event(s) of the change; written in the same transaction, after the change itself. */
  audit(event: AuditInput | AuditInput[]): void;
  /** Members and organizations whose obligations the change may alter: recomputed before commit. */
  affects(subjects: { memberIds?: Iterable<string>; orgIds?: Iterable<string> }): void;
  /** A write that turned out to change nothing (an idempotent repeat): no audit event is owed. */
  nothingChanged(): void;
  /**
   * Appends the events queued so far now, in the same transaction: a long write (an import batch by
   * batch) then does not hold every event of the file in memory until it ends.
   */
  flushAudit(): Promise<void>;
}

/**
 * The one write path (ARCHITECTURE.md §4, "Nothing is lost, everything is traced"): the change, its audit
 * event and the obligations it affects commit or vanish together. A write that records no audit event is
 * a programming error and rolls back. `tx` runs it inside a transaction the caller already holds (an
 * import writing many members at once).
 */
export async function write<T>(
  ctx: AppContext,
  actor: Actor | null,
  change: (tx: Executor, w: WriteScope) => Promise<T>,
  opts: { tx?: Executor } = {},
): Promise<T> {
  const run = async (tx: Executor) => {
    const events: AuditInput[] = [];
    const memberIds = new Set<string>();
    const orgIds = new Set<string>();
    let unchanged = false;
    let flushed = 0;
    const result = await change(tx, {
      audit: (event) => {
        events.push(...(Array.isArray(event) ? event : [event]));
      },
      affects: (s) => {
        for (const id of s.memberIds ?? []) memberIds.add(id);
        for (const id of s.orgIds ?? []) orgIds.add(id);
      },
      nothingChanged: () => {
        unchanged = true;
      },
      flushAudit: async () => {
        flushed += events.length;
        await recordAudit(tx, actor, events.splice(0));
      },
    });
    if (events.length + flushed === 0 && !unchanged) throw new Error('a write must record its audit event');
    if (memberIds.size > 0 || orgIds.size > 0) {
      await refreshObligations(ctx, tx, { memberIds: [...memberIds], orgIds: [...orgIds] });
    }
    await recordAudit(tx, actor, events);
    return result;
  };
  return opts.tx ? run(opts.tx) : ctx.database.db.transaction(run);
}
