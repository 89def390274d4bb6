import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDb } from './db/open.js';
import { createAuditService } from './modules/audit/index.js';
import { firstOrganization, seedDemoClinic } from './modules/clinic/index.js';
import { createIdentityService } from './modules/identity/index.js';
import { systemClock } from './platform/clock.js';

/**
 * `npm run admin -- create-admin --email E --name N --password P`: the first
 * administrator of a fresh install (who then invites everyone else). Uses the
 * same DATABASE_URL or data folder as the server; stop an embedded server first.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
});
if (positionals[0] !== 'create-admin' || !values.email || !values.name || !values.password) {
  console.error('Usage: npm run admin -- create-admin --email you@clinic.example --name "Your Name" --password "a long passphrase"');
  process.exit(2);
}
const config = loadConfig();
const db = await openDb(config);
try {
  await migrate(db);
  const org = config.seed === 'demo' ? (await seedDemoClinic(db), await firstOrganization(db)) : await firstOrganization(db);
  if (!org) throw new Error('No organization in the database.');
  const audit = createAuditService({ db, clock: systemClock, organizationId: org.id });
  const identity = createIdentityService({
    db, clock: systemClock, organizationId: org.id, clinicName: org.name, publicUrl: config.publicUrl, audit,
    enqueueNotice: async () => undefined, afterCommit: () => undefined,
  });
  const id = await identity.createUser({ email: values.email, displayName: values.name, role: 'admin', password: values.password });
  await audit.record({ actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: 'admin-cli', requestId: null }, { action: 'user.create_admin', resourceType: 'user', resourceId: id });
  console.log(`Created administrator ${values.email}. Sign in at ${config.publicUrl}/console; you will set up two-factor sign-in first.`);
} catch (err) {
  console.error(`Could not create the administrator: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
