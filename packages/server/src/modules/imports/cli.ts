import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import type { Actor } from '../../lib/authz.js';
import { progressBar, stderrProgress } from '../../lib/progress-bar.js';
import { authorizeImport, createImportJob } from './service/jobs.js';
import { runImport } from './service/upload.js';

/** The same import as the web wizard, as the system administrator, with a progress bar on stderr. */
export async function importFromCli(ctx: AppContext, file: string, orgId: string) {
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
  const org = await authorizeImport(ctx, actor, orgId);
  // Read into memory, as the web upload is: no copy of the plain-text file is made (issue 8 defect 6).
  const upload = await fs.readFile(file);
  const progress = await createImportJob(ctx, actor, org, path.basename(file));
  const phases = { reading: '读取', checking: '校验', writing: '写入', done: '完成' } as const;
  const bar = stderrProgress(() => {
    const ratio = progress.phase === 'reading' ? 0 : progress.processed / Math.max(progress.total, 1);
    return `${phases[progress.phase]} ${progressBar(ratio)} ${progress.processed}/${progress.total} 行`;
  });
  try {
    const done = await runImport(ctx, actor, org, progress, upload);
    bar.stop();
    if (done.status === 'rejected') {
      for (const e of done.errors.slice(0, 50)) console.error(`第 ${e.row} 行 ${e.column}：${e.message}`);
      console.error(`共 ${done.errorCount} 处错误，文件未导入。`);
      process.exitCode = 2;
    } else {
      console.log(`导入完成：新增 ${done.created} 人，更新 ${done.updated} 人。`);
    }
  } finally {
    bar.stop();
  }
}
