import { obligationKinds as allKinds } from '@dangjian/core';
import { Button, Table } from 'antd';
import type { ObligationKind, ObligationPage, ObligationState } from '../../../api/types';
import {
  obligationKindLabels,
  obligationKinds,
  obligationStateColors,
  obligationStateLabels,
  obligationStates,
} from '../../../lib/labels';

const colorHex: Record<ObligationState, string> = {
  ok: '#389e0d',
  due_soon: '#d48806',
  overdue: '#d46b08',
  breached: '#cf1322',
};

/**
 * The kinds the page shows: the mobile members' four always (a quiet month shows its zeros), and any
 * other provider's kind once something of it is stored, in the contract's order.
 */
export function kindsShown(summary: ObligationPage['summary']): ObligationKind[] {
  const present = new Set<ObligationKind>([...obligationKinds, ...summary.map((s) => s.kind)]);
  return allKinds.filter((k) => present.has(k));
}

/** Counts by kind × state; every number is a link to the list filtered by it. */
export function Matrix({
  kinds,
  summary,
  active,
  onPick,
}: {
  kinds: ObligationKind[];
  summary: ObligationPage['summary'];
  active: { kind?: ObligationKind; state?: ObligationState };
  onPick: (kind: ObligationKind | undefined, state: ObligationState | undefined) => void;
}) {
  const n = (kind?: ObligationKind, state?: ObligationState) =>
    summary
      .filter((s) => (!kind || s.kind === kind) && (!state || s.state === state))
      .reduce((sum, s) => sum + s.n, 0);
  const cell = (kind: ObligationKind | undefined, state: ObligationState | undefined) => {
    const count = n(kind, state);
    const selected = active.kind === kind && active.state === state;
    return (
      <Button
        type={selected ? 'primary' : 'text'}
        size="small"
        style={{
          minWidth: 48,
          fontWeight: 600,
          fontSize: 16,
          color: selected ? undefined : count === 0 ? '#bfbfbf' : state ? colorHex[state] : undefined,
        }}
        aria-label={`${kind ? obligationKindLabels[kind] : '全部事项'} ${state ? obligationStateLabels[state] : '合计'} ${count} 项`}
        onClick={() => onPick(kind, state)}
      >
        {count}
      </Button>
    );
  };
  const rows: { key: string; kind?: ObligationKind }[] = [
    ...kinds.map((k) => ({ key: k, kind: k })),
    { key: 'all' },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      data-testid="alerts-matrix"
      dataSource={rows}
      style={{ marginBottom: 20 }}
      columns={[
        {
          title: '事项',
          key: 'kind',
          width: 140,
          render: (_, r) => (r.kind ? obligationKindLabels[r.kind] : <b>合计</b>),
        },
        ...[...obligationStates].reverse().map((s) => ({
          title: (
            <span style={{ color: obligationStateColors[s] === 'gold' ? '#d48806' : colorHex[s] }}>
              {obligationStateLabels[s]}
            </span>
          ),
          key: s,
          align: 'center' as const,
          render: (_: unknown, r: { kind?: ObligationKind }) => cell(r.kind, s),
        })),
        {
          title: '合计',
          key: 'total',
          align: 'center' as const,
          render: (_: unknown, r: { kind?: ObligationKind }) => cell(r.kind, undefined),
        },
      ]}
    />
  );
}
