import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isAppError } from '../shared/errors.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDb } from './db/open.js';
import { openOrganization } from './modules/clinic/index.js';
import { systemClock } from './platform/clock.js';

/**
 * The clinic's settings as one document (issue 11), to move them from a
 * staging server to production:
 *
 *   npm run clinic -- export [--out clinic.json]
 *   npm run clinic -- import clinic.json
 *
 * Uses the same DATABASE_URL or data folder as the server (stop an embedded
 * server first). An import runs through the whole app, as the console's does,
 * so it lists the booked visits it leaves outside the new settings; a refused
 * document prints each problem on its own line and exits 1, nothing changed.
 */
const USAGE = 'Usage: npm run clinic -- export [--out clinic.json]\n       npm run clinic -- import clinic.json';
const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
const [command, file] = positionals;
if (!((command === 'export' && !file) || (command === 'import' && file && values.out === undefined))) {
  console.error(USAGE);
  process.exit(2);
}

let input: unknown;
if (command === 'import') {
  try {
    input = JSON.parse(fs.readFileSync(file!, 'utf8'));
  } catch (err) {
    console.error(`Cannot read ${file}: ${(err as Error).message}`);
    process.exit(2);
  }
}

const config = loadConfig();
const db = await openDb(config);
const ctx = { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: 'clinic-cli', requestId: null };
try {
  await migrate(db);
  const organization = await openOrganization(db, config.seed);
  const app = await buildApp({ config: { ...config, serveWeb: false, logLevel: 'silent' }, db, clock: systemClock, mailer: null, organization });
  try {
    if (command === 'export') {
      const text = `${JSON.stringify(await app.services.clinic.exportDocument(ctx), null, 2)}\n`;
      if (values.out) {
        fs.writeFileSync(values.out, text);
        console.error(`Exported the settings of ${organization.name || 'the clinic'} to ${values.out}.`);
      } else {
        process.stdout.write(text);
      }
    } else {
      const result = await app.services.clinic.importDocument(input, ctx);
      console.log(`Imported ${file}: ${result.created} created, ${result.updated} updated.`);
      for (const row of result.notInDocument) console.log(`Not in the document, left as it is: ${row}`);
      for (const v of result.affected) console.log(`No longer fits (${v.reason}): ${v.start} ${v.visitTypeName} with ${v.practitionerName} at ${v.locationName}, ${v.patientName}`);
    }
  } finally {
    await app.close();
  }
} catch (err) {
  if (isAppError(err) && err.details.issues?.length) {
    console.error(`Refused ${file ?? ''}; nothing was changed:`);
    for (const i of err.details.issues) console.error(`${i.field}: ${i.message}`);
  } else {
    console.error(`Could not ${command}: ${(err as Error).message}`);
  }
  process.exitCode = 1;
} finally {
  await db.close();
}
