import fs from 'node:fs';
import path from 'node:path';
import { isoDate } from '@dangjian/core';
import { buildApp } from './app.js';
import { createContext, openDatabase } from './boot.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { backupDatabase, checkBackup, RestoreError, restoreDatabase } from './db/backup.js';
import type { Database } from './db/engine.js';
import { seedDemo } from './demo.js';
import { obligationsFromCli } from './jobs/cli.js';
import { readHead } from './lib/audit.js';
import { loadMasterKey } from './lib/crypto.js';
import { verifyAuditChain } from './modules/audit/index.js';
import { bootstrapAdmin } from './modules/auth/index.js';
import { assessFromCli } from './modules/dues/index.js';
import { importFromCli } from './modules/imports/index.js';

const usage = `用法:
  npm run backup -- [文件]            备份数据库（默认 ./backups/dangjian-<时间>.jsonl.gz）
  npm run restore -- <文件> [--force]  从备份恢复（目标库非空时须 --force）
  npm run audit:verify                 校验审计日志哈希链
  npm run import -- <文件.xlsx> --org <组织ID>   导入党员信息采集表（显示进度）
  npm run obligations -- [--as-of YYYY-MM-DD]     立即重新计算应办事项并生成、发送提醒（显示进度）
  npm run dues:assess -- --org <组织ID> --year <年度>   按上年计算基数批量核定党费（显示进度）
  npm run demo                         以演示数据启动（数据目录 ./data-demo）`;

/** Commands that only read must find an installation, not create an empty one where they ran. */
const readOnly = new Set(['backup', 'audit-verify']);
const needsKey = new Set(['backup', 'audit-verify', 'restore']);

/**
 * Everything that can be refused is refused before the database is opened or a key file written:
 * opening an embedded data dir creates it, and createContext would make up a new master.key, which
 * for a restore means a database no key can read.
 */
async function precheck(command: string | undefined, rest: string[], config: Config) {
  if (!command || !needsKey.has(command)) return null;
  if (
    readOnly.has(command) &&
    !config.DATABASE_URL &&
    !fs.existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION'))
  ) {
    throw new ConfigError(
      `找不到数据库：未设置 DATABASE_URL，数据目录 ${config.dataDir} 中也没有数据库。请在安装目录中运行，或用 DATA_DIR / DATABASE_URL 指向已有的数据库。`,
    );
  }
  const keyFile = path.join(config.dataDir, 'master.key');
  if (!config.MASTER_KEY && !fs.existsSync(keyFile)) {
    throw new ConfigError(
      command === 'restore'
        ? `恢复需要制作备份时所用的加密密钥：请设置环境变量 MASTER_KEY，或把原安装数据目录中的 master.key 复制到 ${keyFile} 后重试。未写入任何数据。`
        : `找不到加密密钥：未设置 MASTER_KEY，数据目录中也没有 master.key（${keyFile}）。`,
    );
  }
  const masterKey = loadMasterKey(config.MASTER_KEY, config.dataDir);
  if (command === 'restore') {
    const file = rest.find((a) => !a.startsWith('--'));
    if (!file) throw new RestoreError('请指定备份文件');
    await checkBackup(path.resolve(file), masterKey);
  }
  return masterKey;
}

/** One line on stderr, rewritten in place: progress for long work on a terminal. */
function progressLine(label: string) {
  return (table: string, rows: number) => {
    process.stderr.write(`\r${label} ${table}: ${rows.toLocaleString('zh-CN')} 行        `);
  };
}

async function run(argv: string[]) {
  const [command, ...rest] = argv;
  const demo = command === 'demo';
  const config = loadConfig(
    demo
      ? {
          ...process.env,
          DATA_DIR: process.env.DATA_DIR ?? './data-demo',
          ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? 'Demo12345',
        }
      : process.env,
  );
  let database: Database | null = null;
  try {
    const masterKey = await precheck(command, rest, config);
    database = await openDatabase(config);
    const ctx = await createContext(config, database);
    switch (command) {
      case 'backup': {
        const file = path.resolve(
          rest[0] ?? `./backups/dangjian-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`,
        );
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await backupDatabase(database, file, { masterKey: masterKey! }, progressLine('备份'));
        console.error(
          `\n备份完成：${file}\n请同时妥善保存 MASTER_KEY 或数据目录中的 master.key，否则加密字段无法恢复。`,
        );
        break;
      }
      case 'restore': {
        await restoreDatabase(
          database,
          path.resolve(rest.find((a) => !a.startsWith('--'))!),
          { force: rest.includes('--force'), masterKey: masterKey! },
          progressLine('恢复'),
        );
        const report = await verifyAuditChain(database);
        console.error(
          report.ok
            ? `\n恢复完成。审计链完整：${report.checked} 条事件。`
            : `\n恢复完成，但审计链断裂：事件 #${report.brokenAt}（${report.reason}）。`,
        );
        if (!report.ok) process.exitCode = 2;
        break;
      }
      case 'import': {
        const file = rest.find((a) => !a.startsWith('--'));
        const orgId = rest[rest.indexOf('--org') + 1];
        if (!file || !orgId || !rest.includes('--org'))
          throw new RestoreError('用法：npm run import -- <文件.xlsx> --org <组织ID>');
        await importFromCli(ctx, path.resolve(file), orgId);
        break;
      }
      case 'dues-assess': {
        const orgId = rest[rest.indexOf('--org') + 1];
        const year = Number(rest[rest.indexOf('--year') + 1]);
        if (!rest.includes('--org') || !orgId || !rest.includes('--year') || !Number.isInteger(year))
          throw new RestoreError('用法：npm run dues:assess -- --org <组织ID> --year <年度>');
        await assessFromCli(ctx, orgId, year);
        break;
      }
      case 'obligations': {
        const at = rest.indexOf('--as-of');
        const asOf = at >= 0 ? rest[at + 1] : undefined;
        if (rest.length !== (at >= 0 ? 2 : 0) || (at >= 0 && !isoDate.safeParse(asOf).success)) {
          throw new RestoreError('用法：npm run obligations -- [--as-of YYYY-MM-DD]');
        }
        await obligationsFromCli(ctx, asOf);
        break;
      }
      case 'audit-verify': {
        const report = await verifyAuditChain(database);
        if (report.ok) {
          const [head] = await readHead(database.db);
          console.log(
            `审计链完整：已校验 ${report.checked} 条事件。链头：#${head?.lastId ?? 0} ${head?.lastHash ?? ''}` +
              '（可另行记下，日后比对，以发现整体回退）',
          );
        } else {
          console.error(
            `审计链断裂：第一处断点是事件 #${report.brokenAt}（${report.reason}）；此前 ${report.checked} 条完好。`,
          );
          process.exitCode = 2;
        }
        break;
      }
      case 'demo': {
        await bootstrapAdmin(ctx);
        await seedDemo(ctx, progressLine('生成演示数据'));
        const app = await buildApp(ctx, { logger: false });
        const close = async () => {
          await app.close();
          await database?.close();
          process.exit(0);
        };
        process.on('SIGINT', () => void close());
        process.on('SIGTERM', () => void close());
        await app.listen({ port: config.PORT, host: config.HOST });
        console.log(
          `\n演示系统已启动: http://${config.HOST}:${config.PORT}  账号 admin / ${config.ADMIN_PASSWORD}`,
        );
        return;
      }
      default:
        console.error(usage);
        process.exitCode = 1;
    }
    await database.close();
  } catch (err) {
    await database?.close().catch(() => {});
    if (err instanceof ConfigError || err instanceof RestoreError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

await run(process.argv.slice(2));
