import type { AppContext } from '../context.js';
import { progressBar, stderrProgress } from '../lib/progress-bar.js';
import { providersFromConfig } from '../modules/notices/index.js';
import { type JobRun, phaseNames } from './progress.js';
import { startJobs } from './scheduler.js';

function render(run: JobRun) {
  const { members, total } = run.obligations;
  const counted = total === null ? `${members} 人` : `${members}/${total} 人`;
  // Only the scan knows its total; queueing and sending are counted as they go, behind a full bar.
  const ratio = run.phase === 'refresh' ? members / Math.max(total ?? 0, 1) : run.phase === 'failed' ? 0 : 1;
  let line = `${phaseNames[run.phase]} ${progressBar(ratio)} ${counted}`;
  if (run.phase !== 'refresh') line += `，新提醒 ${run.reminders.queued} 条`;
  if (run.phase === 'delivery' || run.phase === 'done') {
    line += `，已发送 ${run.delivered.sent} 条，失败 ${run.delivered.failed} 条`;
  }
  return line;
}

/**
 * `npm run obligations`: the same run as the 预警 page's button and the daily timer, in this process,
 * under the same lease, with a progress bar on stderr and the finished run as JSON on stdout.
 * Exit code 2 when a run is already going on, 1 when this one failed.
 */
export async function obligationsFromCli(ctx: AppContext, asOf?: string) {
  // A message clears the bar's line and is printed above it; the bar redraws on its next tick.
  const log = (m: string) => process.stderr.write(`\r\x1b[K${m}\n`);
  // The inbox is the notification row itself: echoing each of thousands of reminders helps no one here.
  const providers = providersFromConfig(ctx, () => {});
  const started = await startJobs(ctx, providers, log, 'cli', asOf);
  if (!started) {
    console.error('每日计算正在进行（服务器或另一个命令正在计算），请稍后再试。');
    process.exitCode = 2;
    return;
  }
  const bar = stderrProgress(() => render(started.run));
  let run: JobRun;
  try {
    run = await started.finished;
  } finally {
    bar.stop();
  }
  console.log(JSON.stringify(run, null, 2));
  if (run.status === 'failed') {
    console.error(run.message);
    process.exitCode = 1;
  }
}
