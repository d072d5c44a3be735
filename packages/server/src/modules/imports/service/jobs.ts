import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { importJobs } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope, type ScopedOrg } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { type ImportProgress, presentImportJob } from '../presenter.js';
import { importJobRows } from '../queries.js';

/** Progress of imports running in this process; the database row holds the outcome. */
const live = new Map<string, ImportProgress>();

/**
 * Role, scope and a living organization, checked before the upload is read (issue 8 defect 6):
 * a refused file is never received.
 */
export async function authorizeImport(ctx: AppContext, actor: Actor, orgId: string) {
  authorize(actor, 'member.import');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  return org;
}

export async function createImportJob(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  fileName: string | null,
): Promise<ImportProgress> {
  const id = randomUUID();
  await ctx.database.db
    .insert(importJobs)
    .values({ id, orgId: org.id, userId: actor.userId, fileName, status: 'running', phase: 'reading' });
  const progress: ImportProgress = {
    id,
    status: 'running',
    phase: 'reading',
    total: 0,
    processed: 0,
    created: 0,
    updated: 0,
    errors: [],
    errorCount: 0,
    message: null,
    fileName,
    orgId: org.id,
    orgPath: org.path,
  };
  live.set(id, progress);
  return progress;
}

/** The outcome into the job's row; the in-memory progress stays readable for ten minutes. */
export async function finishImportJob(ctx: AppContext, p: ImportProgress) {
  await ctx.database.db
    .update(importJobs)
    .set({
      status: p.status,
      phase: p.phase,
      total: p.total,
      processed: p.processed,
      created: p.created,
      updated: p.updated,
      errors: p.errors,
      message: p.message,
      finishedAt: new Date(),
    })
    .where(eq(importJobs.id, p.id));
  setTimeout(() => live.delete(p.id), 10 * 60_000).unref();
}

/**
 * The subtree rule of lib/authz.ts `subtree`, for progress held in memory: it fails closed the same
 * way (no organization: only the system administrator sees everything).
 */
function inActorScope(actor: Actor, orgPath: string) {
  if (actor.role === 'member') return false;
  if (actor.orgPath === null) return actor.role === 'admin' && actor.orgId === null;
  return orgPath === actor.orgPath || orgPath.startsWith(`${actor.orgPath}.`);
}

export async function getImport(ctx: AppContext, actor: Actor, id: string) {
  const running = live.get(id);
  // Answered from memory: during the write the embedded engine's one connection is busy.
  if (running) {
    if (!inActorScope(actor, running.orgPath)) throw new AppError('IMPORT_NOT_FOUND');
    return presentImportJob(running);
  }
  const [row] = await importJobRows(ctx, actor, sql`j.id::text = ${id}`, 1);
  if (!row) throw new AppError('IMPORT_NOT_FOUND');
  return presentImportJob(row);
}

export async function listImports(ctx: AppContext, actor: Actor) {
  authorize(actor, 'member.import');
  const rows = await importJobRows(ctx, actor, sql`true`, 20);
  return { items: rows.map((r) => presentImportJob(live.get(r.id) ?? r)) };
}

/** Jobs a killed process left 'running' wrote nothing (one transaction): say so on the next start. */
export async function failInterruptedImports(ctx: AppContext) {
  await ctx.database.db
    .update(importJobs)
    .set({ status: 'failed', message: '服务中断，本次导入未完成，未写入任何数据', finishedAt: new Date() })
    .where(eq(importJobs.status, 'running'));
}
