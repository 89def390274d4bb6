import { loadConfig } from '../config.js';
import { migrate } from './migrate.js';
import { openDb } from './open.js';

// `npm run migrate`: applies pending migrations to DATABASE_URL or the data folder.
const config = loadConfig();
const db = await openDb(config);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.close();
}
