import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from './db.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** PostgreSQL when DATABASE_URL is set, else the embedded database in the data folder. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolSize'>): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, { poolSize: config.poolSize });
  return openPglite(path.resolve(config.dataDir));
}
