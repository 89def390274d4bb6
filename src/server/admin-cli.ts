import { parseArgs } from 'node:util';
import { OrganizationInput } from '../shared/contracts/clinic-settings.js';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDb } from './db/open.js';
import { createAuditService } from './modules/audit/index.js';
import { createClinicService, openOrganization } from './modules/clinic/index.js';
import { createIdentityService } from './modules/identity/index.js';
import { createDbFileStore } from './platform/files.js';
import { systemClock } from './platform/clock.js';

/**
 * `npm run admin -- create-admin --email E --name N --password P [--clinic "Clinic name"]`:
 * the first administrator of a fresh install (who then invites everyone
 * else). On an empty database with RELIEF_SEED=none it creates the clinic's
 * organization too; --clinic names it (without it, the console's set-up
 * checklist asks for the name). Uses the same DATABASE_URL or data folder as
 * the server; stop an embedded server first.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, clinic: { type: 'string' } },
});
if (positionals[0] !== 'create-admin' || !values.email || !values.name || !values.password) {
  console.error('Usage: npm run admin -- create-admin --email you@clinic.example --name "Your Name" --password "a long passphrase" [--clinic "Your Clinic"]');
  process.exit(2);
}
const clinicName = values.clinic === undefined ? undefined : OrganizationInput.shape.name.safeParse(values.clinic);
if (clinicName && !clinicName.success) {
  console.error(`--clinic ${clinicName.error.issues[0]?.message ?? 'is invalid'}`);
  process.exit(2);
}
const config = loadConfig();
const db = await openDb(config);
try {
  await migrate(db);
  const organization = await openOrganization(db, config.seed);
  const audit = createAuditService({ db, clock: systemClock, organizationId: organization.id });
  const ctx = { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: 'admin-cli', requestId: null };
  const identity = createIdentityService({
    db, clock: systemClock, organizationId: organization.id, clinicName: () => organization.name, publicUrl: config.publicUrl, audit,
    enqueueNotice: async () => undefined, afterCommit: () => undefined,
  });
  const id = await identity.createUser({ email: values.email, displayName: values.name, role: 'admin', password: values.password });
  await audit.record(ctx, { action: 'user.create_admin', resourceType: 'user', resourceId: id });
  if (clinicName?.success) {
    await createClinicService({ db, organization, audit, files: createDbFileStore() }).rename(clinicName.data, ctx);
    console.log(`The clinic is named ${organization.name}.`);
  }
  console.log(`Created administrator ${values.email}. Sign in at ${config.publicUrl}/console; you will set up two-factor sign-in first.`);
} catch (err) {
  console.error(`Could not create the administrator: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
