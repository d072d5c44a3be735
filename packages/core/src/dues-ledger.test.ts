import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectionRate, type LedgerEntry, type LedgerOrg, rollUpLedger } from './dues-ledger.js';

/** A random tree: organization i > 0 hangs under one of 0..i-1, so every tree is reachable. */
const tree = fc
  .integer({ min: 1, max: 25 })
  .chain((n) =>
    fc
      .array(fc.nat(), { minLength: n - 1, maxLength: n - 1 })
      .map((picks): LedgerOrg[] => [
        { id: 'o0', parentId: null },
        ...picks.map((p, i) => ({ id: `o${i + 1}`, parentId: `o${p % (i + 1)}` })),
      ]),
  );

const withEntries = tree.chain((orgs) =>
  fc.tuple(
    fc.constant(orgs),
    fc.array(
      fc.record({
        orgId: fc.constantFrom(...orgs.map((o) => o.id)),
        dueFen: fc.bigInt({ min: 0n, max: 100_000n }),
        paidFen: fc.bigInt({ min: 0n, max: 100_000n }),
      }),
      { maxLength: 80 },
    ),
  ),
);

describe('rollUpLedger — RULES.md §1 remittance; API.md ledger "amounts which add up through the tree"', () => {
  it('every level equals its own members plus the sum of its children', () => {
    fc.assert(
      fc.property(withEntries, ([orgs, entries]) => {
        const totals = rollUpLedger(orgs, entries);
        for (const org of orgs) {
          const own = entries.filter((e) => e.orgId === org.id);
          const kids = orgs.filter((o) => o.parentId === org.id).map((o) => totals.get(o.id)!);
          const t = totals.get(org.id)!;
          expect(t.dueFen).toBe(
            own.reduce((s, e) => s + e.dueFen, 0n) + kids.reduce((s, k) => s + k.dueFen, 0n),
          );
          expect(t.paidFen).toBe(
            own.reduce((s, e) => s + e.paidFen, 0n) + kids.reduce((s, k) => s + k.paidFen, 0n),
          );
          expect(t.members).toBe(own.length + kids.reduce((s, k) => s + k.members, 0));
        }
      }),
    );
  });

  it('the root holds every entry exactly once', () => {
    fc.assert(
      fc.property(withEntries, ([orgs, entries]) => {
        const root = rollUpLedger(orgs, entries).get('o0')!;
        expect(root.members).toBe(entries.length);
        expect(root.dueFen).toBe(entries.reduce((s, e) => s + e.dueFen, 0n));
      }),
    );
  });

  it('ignores an entry of an organization outside the tree', () => {
    const orgs: LedgerOrg[] = [{ id: 'a', parentId: null }];
    const entries: LedgerEntry[] = [{ orgId: 'elsewhere', dueFen: 100n, paidFen: 100n }];
    expect(rollUpLedger(orgs, entries).get('a')).toEqual({ dueFen: 0n, paidFen: 0n, members: 0 });
  });

  it('a rate is paid over due, 0 with nothing due', () => {
    expect(collectionRate({ dueFen: 300n, paidFen: 100n })).toBe(0.3333);
    expect(collectionRate({ dueFen: 0n, paidFen: 50n })).toBe(0);
  });
});
