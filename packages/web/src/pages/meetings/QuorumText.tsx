import { Typography } from 'antd';
import type { Quorum } from '../../api/types';

/** RULES.md §4 as the server judged it: more than half of those due attended, or not. */
export function QuorumText({ quorum }: { quorum: Quorum | null }) {
  if (!quorum) return <Typography.Text type="secondary">此类会议不计算到会人数要求</Typography.Text>;
  return (
    <Typography.Text type={quorum.met ? 'success' : 'danger'} data-testid="quorum">
      应到 {quorum.expected} 人，实到 {quorum.attending} 人，须超过半数（至少 {quorum.needed} 人）：
      {quorum.met ? '符合规定' : '未达到规定人数'}
    </Typography.Text>
  );
}
