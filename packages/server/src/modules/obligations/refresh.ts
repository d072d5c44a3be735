import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { refreshMemberObligations } from '../mobility/index.js';

/** Recomputes, inside the caller's transaction, the obligations of the subjects a change touched. */
export async function refreshObligations(
  ctx: AppContext,
  tx: Executor,
  subjects: { memberIds: string[]; orgIds: string[] },
) {
  for (const id of subjects.memberIds) await refreshMemberObligations(ctx, tx, id);
}
