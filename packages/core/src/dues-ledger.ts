/**
 * The dues ledger's arithmetic (RULES.md §1 "Branches remit upward"; API.md `GET /api/dues/ledger`): an
 * organization's month is the sum over the members of its subtree, so every level equals its own members
 * plus the sum of its children. Amounts are integer fen, never floating yuan.
 */

export interface LedgerOrg {
  id: string;
  parentId: string | null;
}

/** One member's month: the assessed amount and what was paid for that month (voluntary surplus apart). */
export interface LedgerEntry {
  orgId: string;
  dueFen: bigint;
  paidFen: bigint;
}

export interface LedgerTotals {
  dueFen: bigint;
  paidFen: bigint;
  members: number;
}

const zero = (): LedgerTotals => ({ dueFen: 0n, paidFen: 0n, members: 0 });

/**
 * The totals of every organization's subtree. An entry whose organization is not in `orgs` is ignored:
 * it belongs to no level of this tree. Parents outside `orgs` end the climb (the tree may be a subtree).
 */
export function rollUpLedger(
  orgs: readonly LedgerOrg[],
  entries: readonly LedgerEntry[],
): Map<string, LedgerTotals> {
  const parentOf = new Map(orgs.map((o) => [o.id, o.parentId]));
  const totals = new Map(orgs.map((o) => [o.id, zero()]));
  for (const e of entries) {
    let at: string | null | undefined = parentOf.has(e.orgId) ? e.orgId : undefined;
    const seen = new Set<string>();
    while (at != null && totals.has(at) && !seen.has(at)) {
      seen.add(at);
      const t = totals.get(at)!;
      t.dueFen += e.dueFen;
      t.paidFen += e.paidFen;
      t.members += 1;
      at = parentOf.get(at);
    }
  }
  return totals;
}

/** The collection rate of a month: paid over due, 0 when nothing was due (a branch without assessments). */
export function collectionRate(t: Pick<LedgerTotals, 'dueFen' | 'paidFen'>): number {
  if (t.dueFen === 0n) return 0;
  return Number((t.paidFen * 10_000n) / t.dueFen) / 10_000;
}
