import type {
  Obligation,
  ObligationKind,
  ObligationSubject,
  OrgObligation,
  Policies,
  PolicyKind,
} from '@dangjian/core';
import type { SQL } from 'drizzle-orm';

/** What every facts row carries besides a provider's own facts: whose they are, under which policy. */
export interface SubjectFacts {
  /** The member or organization the obligations are owed by. */
  subjectId: string;
  /** The organization whose policy applies (the member's, or the owing organization itself). */
  orgId: string;
  orgPath: string;
}

interface ProviderBase<K extends PolicyKind> {
  /** For logs and progress: the area that registers it. */
  name: string;
  /** The kinds it judges; no two providers share a kind, and a provider only ever deletes rows of its own. */
  kinds: readonly ObligationKind[];
  /** How each kind reads in the 预警 spreadsheet. */
  labels: Partial<Record<ObligationKind, string>>;
  /** The policy its judgement takes, resolved for each subject's organization. */
  policy: K;
  /**
   * The subjects it judges, as one statement selecting an `id` column (the same condition as `facts`,
   * without the facts): counted for the scan's progress bar.
   */
  subjects: SQL;
  /** The subject id column of `facts`: the scan's keyset batches and the refresh of given subjects filter on it. */
  subjectColumn: SQL;
  /**
   * One set-based statement loading the facts of many subjects at once (ending in its where clause):
   * the scan appends a keyset condition with `order by` and `limit`, the refresh an `= any(ids)`.
   */
  facts(where: SQL): SQL;
}

/** A provider of obligations owed by members: stored in `obligations`, keyed by (member_id, kind). */
export interface MemberProvider<K extends PolicyKind = PolicyKind, F extends SubjectFacts = SubjectFacts>
  extends ProviderBase<K> {
  owedBy: Extract<ObligationSubject, 'member'>;
  /** The pure judgement (a function of core): the subject's current obligations on `asOf`. */
  judge(policy: Policies[K], facts: F, asOf: string): Obligation[];
}

/** A provider of obligations owed by organizations: stored in `org_obligations`, keyed by (org_id, kind). */
export interface OrgProvider<K extends PolicyKind = PolicyKind, F extends SubjectFacts = SubjectFacts>
  extends ProviderBase<K> {
  owedBy: Extract<ObligationSubject, 'org'>;
  judge(policy: Policies[K], facts: F, asOf: string): OrgObligation[];
}

/**
 * Any provider, whatever its policy and facts: `judge` is a method, so a provider typed with its own
 * policy and facts rows is one of these as it stands (the registry hands each the policy of the kind
 * it named and the rows its own statement loaded).
 */
export type ObligationProvider = MemberProvider | OrgProvider;
