import type { RegionIndex } from '@dangjian/core';
import type { Config } from './config.js';
import type { Database } from './db/engine.js';
import type { Vault } from './lib/crypto.js';

/** What every module needs, built once in main.ts and handed to the routes. */
export interface AppContext {
  config: Config;
  database: Database;
  vault: Vault;
  regions: RegionIndex;
}
