import type { Episode, ThoughtReport } from '../../../api/types';

/** The one dialog of the one-person ledger open at a time. */
export type LedgerDialog =
  | { kind: 'return'; episode: Episode }
  | { kind: 'revoke'; letterId: string; title: string }
  | { kind: 'ack'; report: ThoughtReport }
  | { kind: 'life' }
  | { kind: 'review' }
  | null;
