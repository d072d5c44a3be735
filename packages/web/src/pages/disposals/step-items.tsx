import { disposalStepNames } from '@dangjian/core';
import { Tag } from 'antd';
import type { DisposalDetail, DisposalStep } from '../../api/types';
import { decisionLabels } from './labels';

function Recorded({ s }: { s: DisposalStep }) {
  return (
    <div data-testid={`disposal-step-${s.step}`}>
      <div>
        {s.on} · {s.body}
      </div>
      {s.vote && (
        <div>
          表决：应到 {s.vote.due} 人，赞成 {s.vote.for}，反对 {s.vote.against}，弃权 {s.vote.abstain}{' '}
          {s.passed !== null && <Tag color={s.passed ? 'green' : 'red'}>{s.passed ? '通过' : '未通过'}</Tag>}
        </div>
      )}
      {s.decision && (
        <div>
          {s.step === 5 ? '决定' : '处理建议'}：{decisionLabels[s.decision]}
        </div>
      )}
      {s.note && <div style={{ whiteSpace: 'pre-wrap' }}>{s.note}</div>}
    </div>
  );
}

/** The five steps as antd Steps items: recorded ones with what was recorded, the next one marked. */
export function stepItems(d: DisposalDetail) {
  return disposalStepNames.map((name, i) => {
    const n = i + 1;
    const s = d.steps.find((x) => x.step === n);
    if (s) {
      // RULES.md §4: a vote without more than half of those due ends the procedure there.
      const status = s.passed === false ? ('error' as const) : ('finish' as const);
      return { title: name, status, content: <Recorded s={s} /> };
    }
    if (d.next?.step === n) {
      return {
        title: name,
        status: 'process' as const,
        content: d.next.approver ? `待办理（审批：${d.next.approver}）` : '待办理',
      };
    }
    return { title: name, status: 'wait' as const };
  });
}
