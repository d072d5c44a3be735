import { randomUUID } from 'node:crypto';
import type { ObligationsRunBody } from '@dangjian/core';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/errors.js';

export type JobPhase = ObligationsRunBody['phase'];
/** Who started the run: the 预警 page's button, the daily timer, or `npm run obligations`. */
export type JobTrigger = ObligationsRunBody['trigger'];

/**
 * One run of the daily jobs (refresh obligations → queue reminders → deliver them), updated in
 * place as it goes: GET /api/obligations/refresh shows it (core's `obligationsRunSchema`), the CLI
 * draws its bar from it. `obligations.members` counts every subject judged, members and organizations.
 */
export type JobRun = ObligationsRunBody;

/**
 * The latest run of each context (one per process outside tests): in memory like import progress,
 * since a poll must be answered while the scan keeps the embedded engine busy. Across instances the
 * lease in `meta` is what prevents a second run.
 */
const latest = new WeakMap<AppContext, JobRun>();

export function beginRun(ctx: AppContext, trigger: JobTrigger, asOf: string): JobRun {
  const run: JobRun = {
    id: randomUUID(),
    status: 'running',
    phase: 'refresh',
    trigger,
    asOf,
    obligations: { members: 0, total: null },
    reminders: { queued: 0 },
    delivered: { sent: 0, failed: 0 },
    startedAt: new Date().toISOString(),
    finishedAt: null,
    message: null,
  };
  latest.set(ctx, run);
  return run;
}

export function latestRun(ctx: AppContext): JobRun | null {
  return latest.get(ctx) ?? null;
}

export const phaseNames: Record<JobPhase, string> = {
  refresh: '计算应办事项',
  reminders: '生成提醒',
  delivery: '发送提醒',
  done: '完成',
  failed: '失败',
};

export function finishRun(run: JobRun, error?: unknown) {
  if (error === undefined) {
    run.status = 'done';
    run.phase = 'done';
  } else {
    // The cause goes to the server log; the page gets a sentence it can show. Batches already
    // written stay (each is its own transaction) and a new run recomputes them all the same.
    run.message =
      error instanceof AppError
        ? error.message
        : `${phaseNames[run.phase]}时出错，本次计算未完成，请重新计算（详情见服务器日志）`;
    run.status = 'failed';
    run.phase = 'failed';
  }
  run.finishedAt = new Date().toISOString();
}
