import { Alert, Button, Progress, Typography } from 'antd';
import type { ObligationsRun } from '../../../api/types';
import { InlineError } from '../../../components/QueryState';
import { formatTime } from '../../../lib/format';
import type { RefreshJob } from './refresh-job';

const phaseSteps: Record<'refresh' | 'reminders' | 'delivery', string> = {
  refresh: '第 1/3 步 计算应办事项',
  reminders: '第 2/3 步 生成提醒',
  delivery: '第 3/3 步 发送提醒',
};
const triggerLabels: Record<ObligationsRun['trigger'], string> = {
  manual: '重新计算',
  daily: '每日计算',
  cli: '命令行计算',
};

const resultLine = (r: ObligationsRun) =>
  `已重新计算 ${r.obligations.members} 名流动党员的应办事项，新提醒 ${r.reminders.queued} 条，已发送 ${r.delivered.sent} 条，失败 ${r.delivered.failed} 条`;

function runningLine(r: ObligationsRun) {
  const { members, total } = r.obligations;
  if (r.phase === 'refresh') return `已计算 ${members} / ${total ?? '…'} 人`;
  if (r.phase === 'reminders') return `${members} 人已计算，新提醒 ${r.reminders.queued} 条`;
  return `新提醒 ${r.reminders.queued} 条，已发送 ${r.delivered.sent} 条，失败 ${r.delivered.failed} 条`;
}

/** The scan is most of the work and the only part with a known total: the bar follows it. */
function percentOf(r: ObligationsRun) {
  const { members, total } = r.obligations;
  if (r.phase !== 'refresh') return 100;
  if (total === null) return 0;
  return total === 0 ? 100 : Math.min(100, Math.round((members / total) * 100));
}

export function RefreshStatus({ job }: { job: RefreshJob }) {
  const d = job.progress.data;
  if (job.progress.error) return <InlineError error={job.progress.error} />;
  if (!d || d.status === 'idle') return null;
  if ('elsewhere' in d) {
    return (
      <div data-testid="refresh-progress" style={{ marginBottom: 16 }}>
        <Typography.Text>
          另一服务器实例或命令行正在重新计算（开始于 {formatTime(d.startedAt)}），完成后名单自动更新
        </Typography.Text>
        <Progress percent={100} status="active" showInfo={false} />
      </div>
    );
  }
  if (d.status === 'running') {
    return (
      <div data-testid="refresh-progress" style={{ marginBottom: 16 }}>
        <Typography.Text>
          {triggerLabels[d.trigger]}进行中：{phaseSteps[d.phase as keyof typeof phaseSteps]}，{runningLine(d)}
        </Typography.Text>
        <Progress percent={percentOf(d)} status="active" />
      </div>
    );
  }
  if (d.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${triggerLabels[d.trigger]}未完成（${formatTime(d.finishedAt)}）`}
        description={d.message}
        action={
          <Button size="small" onClick={job.start} loading={job.starting}>
            重试
          </Button>
        }
      />
    );
  }
  if (job.finishedHere) {
    return (
      <div data-testid="refresh-result" style={{ marginBottom: 16 }}>
        <Alert type="success" showIcon title={resultLine(d)} />
      </div>
    );
  }
  return (
    <Typography.Paragraph type="secondary" data-testid="refresh-last">
      上次{triggerLabels[d.trigger]}（完成于 {formatTime(d.finishedAt)}）：{resultLine(d)}
    </Typography.Paragraph>
  );
}
