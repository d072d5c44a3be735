import { buildApp } from './app.js';
import { createContext, openDatabase } from './boot.js';
import { ConfigError, loadConfig } from './config.js';
import type { Database } from './db/engine.js';
import { startScheduler } from './jobs/scheduler.js';
import { bootstrapAdmin } from './modules/auth/index.js';
import { failInterruptedImports } from './modules/imports/index.js';

async function main() {
  const config = loadConfig();
  let database: Database | null = null;
  try {
    database = await openDatabase(config);
    const ctx = await createContext(config, database);
    const admin = await bootstrapAdmin(ctx);
    if (admin.password) {
      console.log(`\n已创建管理员账号 admin，初始密码（只显示这一次）：${admin.password}\n`);
    }
    await failInterruptedImports(ctx);
    const app = await buildApp(ctx, { logger: true });
    let closing = false;
    let stopJobs = () => {};
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info(`${signal} received, closing`);
      stopJobs();
      await app.close();
      await database?.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.PORT, host: config.HOST });
    stopJobs = startScheduler(ctx, (msg) => app.log.info(msg));
    console.log(`党建系统已启动: http://${config.HOST}:${config.PORT}  (数据库: ${database.engine})`);
  } catch (err) {
    await database?.close().catch(() => {});
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

await main();
