import { type Actor, can } from '../../../lib/authz.js';
import { defaultMessage } from '../../../lib/errors.js';
import type { Ability } from '../presenter.js';
import type { DisposalRow } from '../queries.js';

export const allowed: Ability = { allowed: true, reason: null };
export const refused = (reason: string): Ability => ({ allowed: false, reason });

/**
 * The pre-review (step 3) and the approval (step 5) are the upper organization's (RULES.md §6 L384: the
 * township committee, for 劝退/除名 the city's organization department), never the branch's own: the
 * system administrator, or a manager of an organization strictly above the branch running the procedure.
 */
export function isUpperOrg(actor: Actor, d: Pick<DisposalRow, 'orgPath'>): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'manager' && actor.orgPath !== null && d.orgPath.startsWith(`${actor.orgPath}.`);
}

const isOpen = (d: Pick<DisposalRow, 'status'>) => d.status === 'candidate' || d.status === 'in_procedure';

/** What the console offers for one case: the same rules the writes enforce. */
export function abilitiesOf(actor: Actor, d: DisposalRow) {
  const write = can(actor, 'disposal.write');
  const next = d.step + 1;
  const step = !write
    ? refused('无权登记处置程序')
    : !isOpen(d)
      ? refused('该处置已结束')
      : (next === 3 || next === 5) && !isUpperOrg(actor, d)
        ? refused(defaultMessage('DISPOSAL_NEEDS_UPPER_ORG'))
        : allowed;
  const dismiss = !write ? refused('无权撤销处置事项') : !isOpen(d) ? refused('该处置已结束') : allowed;
  return { step, dismiss, print: allowed };
}
