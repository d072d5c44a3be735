import { randomUUID } from 'node:crypto';
import type { DisposalGround } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { disposals } from '../../db/schema.js';

export interface DisposalCandidateInput {
  memberId: string;
  /** The member's organization when the ground arose: the branch that runs the procedure. */
  orgId: string;
  ground: DisposalGround;
  cause?: string | undefined;
  /** The day the ground arose (ISO date). */
  on: string;
}

/**
 * Puts a member in the disposal queue (API.md "Disposal"): one open candidate per member and ground
 * (`disposals_open_uq`), so a ground seen again while its case is open adds nothing. Runs inside the
 * caller's write, which audits. Returns the new id, or null when an open one already exists.
 */
export async function openDisposalCandidate(
  tx: Executor,
  input: DisposalCandidateInput,
): Promise<string | null> {
  const rows = await tx
    .insert(disposals)
    .values({
      id: randomUUID(),
      memberId: input.memberId,
      orgId: input.orgId,
      ground: input.ground,
      cause: input.cause ?? null,
      createdOn: input.on,
    })
    .onConflictDoNothing({
      target: [disposals.memberId, disposals.ground],
      where: sql`status in ('candidate', 'in_procedure')`,
    })
    .returning({ id: disposals.id });
  return rows[0]?.id ?? null;
}
