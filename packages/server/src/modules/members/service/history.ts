import type { AppContext } from '../../../context.js';
import { type Actor, authorize } from '../../../lib/authz.js';
import { resolveRefs } from '../../../lib/refs.js';
import { presentHistoryEntry } from '../presenter.js';
import { loadMemberInScope, memberHistoryRows } from '../queries.js';

/** The member's change log (its last 500 events), with names for the records it mentions. */
export async function memberHistory(ctx: AppContext, actor: Actor, id: string) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  const member = await loadMemberInScope(ctx, actor, id);
  const items = (await memberHistoryRows(ctx, member.id)).map(presentHistoryEntry);
  return {
    items,
    refs: await resolveRefs(
      ctx.database,
      actor,
      items.flatMap((r) => [r.before, r.after]),
    ),
  };
}
