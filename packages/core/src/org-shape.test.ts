import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween } from './dates.js';
import {
  canContain,
  checkOrgShape,
  lacksSecretary,
  type OrgShapeFacts,
  orgTypeLabels,
  orgTypes,
  termDue,
} from './org-shape.js';
import { defaultPolicies } from './policies.js';

const policy = defaultPolicies().org_shape;
const committee = [
  { kind: 'secretary' as const, endsOn: null },
  { kind: 'deputy_secretary' as const, endsOn: null },
  { kind: 'committee_member' as const, endsOn: null },
];
const facts = (over: Partial<OrgShapeFacts> = {}): OrgShapeFacts => ({
  type: 'branch',
  fullMembers: 5,
  members: 6,
  posts: [{ kind: 'secretary', endsOn: null }],
  termEndsOn: '2027-01-01',
  today: '2025-06-30',
  ...over,
});
const codes = (f: OrgShapeFacts) => checkOrgShape(policy, f).map((w) => w.code);

describe('orgTypeLabels', () => {
  it('names every type in Chinese', () => {
    expect(orgTypes.map((t) => orgTypeLabels[t])).toEqual([
      '党委',
      '党工委',
      '党总支',
      '党支部',
      '联合党支部',
      '党小组',
      '流动党员党支部',
      '整转支部',
      '临时党支部',
    ]);
  });
});

describe('canContain (DOMAIN.md organizations)', () => {
  const branchLike = [
    'branch',
    'joint_branch',
    'mobile_branch',
    'holding_branch',
    'temporary_branch',
  ] as const;
  it.each([
    ['committee', 'committee', true],
    ['working_committee', 'committee', true],
    ['committee', 'general_branch', true],
    ['general_branch', 'general_branch', false],
    ['branch', 'general_branch', false],
    ['general_branch', 'branch', true],
    ['committee', 'mobile_branch', true],
    ['branch', 'branch', false],
    ['branch', 'group', true],
    ['temporary_branch', 'group', true],
    ['general_branch', 'group', false],
    ['committee', 'group', false],
    ['group', 'group', false],
    ['group', 'branch', false],
    ['general_branch', 'committee', false],
  ] as const)('%s ⊃ %s: %s', (parent, child, ok) => expect(canContain(parent, child)).toBe(ok));

  it('puts groups only in branch-like organizations and nothing in a group', () => {
    fc.assert(
      fc.property(fc.constantFrom(...orgTypes), (t) => {
        expect(canContain(t, 'group')).toBe((branchLike as readonly string[]).includes(t));
        expect(canContain('group', t)).toBe(false);
      }),
    );
  });
});

describe('checkOrgShape (《中国共产党支部工作条例(试行)》, RULES.md §4)', () => {
  it('is silent for a sound branch', () => {
    expect(checkOrgShape(policy, facts())).toEqual([]);
  });

  it('第四条: warns a branch with fewer than 3 full members', () => {
    expect(codes(facts({ fullMembers: 2 }))).toEqual(['TOO_FEW_FULL_MEMBERS']);
    expect(codes(facts({ fullMembers: 3 }))).toEqual([]);
  });

  it('第四条: warns a branch over 50 members', () => {
    expect(codes(facts({ members: 51 }))).toEqual(['TOO_MANY_MEMBERS']);
    expect(codes(facts({ members: 50 }))).toEqual([]);
  });

  it('联合党支部 covers at most 5 units', () => {
    expect(codes(facts({ type: 'joint_branch', units: 6 }))).toEqual(['TOO_MANY_UNITS']);
    expect(codes(facts({ type: 'joint_branch', units: 5 }))).toEqual([]);
  });

  it('第六章: 7 full members require a committee of at least 3', () => {
    expect(codes(facts({ fullMembers: 7, members: 8 }))).toEqual(['COMMITTEE_REQUIRED']);
    expect(codes(facts({ fullMembers: 7, members: 8, posts: committee }))).toEqual([]);
    expect(codes(facts({ fullMembers: 6, members: 8 }))).toEqual([]);
  });

  it('第六章: a committee has at most 7 members', () => {
    const posts = [...committee, ...Array.from({ length: 5 }, () => committee[2]!)];
    expect(codes(facts({ fullMembers: 20, members: 20, posts }))).toEqual(['COMMITTEE_TOO_LARGE']);
  });

  it('warns when nobody holds the secretary post, counting only unexpired posts', () => {
    expect(codes(facts({ posts: [] }))).toEqual(['NO_SECRETARY']);
    expect(codes(facts({ posts: [{ kind: 'secretary', endsOn: '2025-06-29' }] }))).toEqual(['NO_SECRETARY']);
    expect(codes(facts({ posts: [{ kind: 'secretary', endsOn: '2025-06-30' }] }))).toEqual([]);
    expect(codes(facts({ type: 'group', fullMembers: 1, members: 1, posts: [] }))).toEqual([]);
  });

  it('第六章: reminds of a term ending within 90 days and flags an overdue one', () => {
    expect(codes(facts({ termEndsOn: '2025-09-28' }))).toEqual(['TERM_ENDING']);
    expect(codes(facts({ termEndsOn: '2025-09-29' }))).toEqual([]);
    expect(codes(facts({ termEndsOn: '2025-06-30' }))).toEqual(['TERM_ENDING']);
    expect(codes(facts({ termEndsOn: '2025-06-29' }))).toEqual(['TERM_OVERDUE']);
    expect(codes(facts({ termEndsOn: null }))).toEqual([]);
  });

  it('applies branch size rules only to branch-like organizations', () => {
    expect(codes(facts({ type: 'committee', fullMembers: 1, members: 500 }))).toEqual([]);
  });

  it('messages are Chinese', () => {
    for (const w of checkOrgShape(
      policy,
      facts({ fullMembers: 1, members: 60, posts: [], termEndsOn: '2020-01-01' }),
    )) {
      expect(w.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('flags too few full members exactly below the policy minimum, for every branch-like type', () => {
    const branchLike = fc.constantFrom(
      'branch',
      'joint_branch',
      'mobile_branch',
      'holding_branch',
      'temporary_branch' as const,
    );
    fc.assert(
      fc.property(
        branchLike,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 10 }),
        (type, full, min) => {
          const p = { ...policy, minFullMembersForBranch: min };
          const warned = checkOrgShape(
            p,
            facts({ type, fullMembers: full, members: full, posts: committee }),
          );
          expect(warned.some((w) => w.code === 'TOO_FEW_FULL_MEMBERS')).toBe(full < min);
          expect(warned.some((w) => w.code === 'TOO_MANY_MEMBERS')).toBe(full > policy.maxBranchMembers);
        },
      ),
    );
  });
});

describe('termDue (条例 第六章: 届满应当按期换届), the rule of the page warning and of the inbox reminder', () => {
  const day = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 11, 31) })
    .map((t) => new Date(t).toISOString().slice(0, 10));
  it('is ended exactly after the last day, ending within the window, else nothing', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 400 }), (ends, today, within) => {
        const left = daysBetween(today, ends);
        expect(termDue(ends, today, within)).toBe(left < 0 ? 'ended' : left <= within ? 'ending' : null);
      }),
    );
  });
  it('says nothing when no term is recorded', () => {
    expect(termDue(null, '2026-01-01', 30)).toBeNull();
  });
  it('agrees with checkOrgShape', () => {
    fc.assert(
      fc.property(day, day, (ends, today) => {
        const due = termDue(ends, today, policy.termWarningDays);
        const code = due && { ended: 'TERM_OVERDUE', ending: 'TERM_ENDING' }[due];
        const got = codes(facts({ termEndsOn: ends, today })).filter((c) => c.startsWith('TERM_'));
        expect(got).toEqual(code ? [code] : []);
      }),
    );
  });
});

describe('lacksSecretary', () => {
  it('asks a secretary of every organization but a 党小组', () => {
    for (const t of orgTypes) expect(lacksSecretary(t, false)).toBe(t !== 'group');
    for (const t of orgTypes) expect(lacksSecretary(t, true)).toBe(false);
  });
});
