import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import type { Actor } from '../../lib/authz.js';
import { progressBar, stderrProgress } from '../../lib/progress-bar.js';
import { startBatch } from './service/batch.js';

/** The batch 年初核定 of a subtree, as the system administrator, with a progress bar on stderr. */
export async function assessFromCli(ctx: AppContext, orgId: string, year: number) {
  const [admin] = await ctx.database.db.select().from(users).where(eq(users.username, 'admin'));
  if (!admin) throw new Error('没有 admin 账号');
  const actor: Actor = {
    userId: admin.id,
    username: 'admin',
    role: 'admin',
    orgId: null,
    orgPath: null,
    memberId: null,
    sessionId: 'cli',
  };
  const { progress, done } = await startBatch(ctx, actor, { orgId, year });
  const bar = stderrProgress(
    () =>
      `核定 ${progressBar(progress.processed / Math.max(progress.total, 1))} ${progress.processed}/${progress.total} 人`,
  );
  await done;
  bar.stop();
  if (progress.status === 'succeeded') console.log(progress.message);
  else {
    console.error(progress.message);
    process.exitCode = 2;
  }
}
