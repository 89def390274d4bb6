import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDb } from './db/open.js';
import { seedDemoActivity } from './demo/seed-activity.js';
import { openOrganization } from './modules/clinic/index.js';
import { systemClock } from './platform/clock.js';
import { smtpMailer } from './platform/mailer.js';
import { twilioSms } from './platform/sms.js';

// Process only: config, database, app, listen, signals, graceful close.
async function main(): Promise<void> {
  const config = loadConfig();
  let db;
  try {
    db = await openDb(config);
  } catch (err) {
    console.error(`Relief cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  await migrate(db);
  // The demo clinic, or (RELIEF_SEED=none) the database's own organization, created unnamed on a first run.
  const org = await openOrganization(db, config.seed);
  // The demo's patients and two weeks of visits around today, once (issue 11).
  if (config.seed === 'demo') await seedDemoActivity(db, { organizationId: org.id, clock: systemClock });
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  const sms = config.twilio ? twilioSms(config.twilio) : null;
  const app = await buildApp({
    config,
    db,
    clock: systemClock,
    mailer,
    sms,
    organization: org,
    logger: {
      level: config.logLevel,
      // Paths only: query strings may carry confirmation codes; bodies are never logged.
      serializers: {
        // A calendar feed's or waitlist offer's token is its whole secret (issue 12): not in the log either.
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method, path: req.url.split('?')[0]!.replace(/^(\/api\/calendar\/|\/api\/waitlist\/offers\/)[^/]+/, '$1[token]'), id: req.id,
        }),
      },
    },
  });
  await app.services.notices.start();
  // Issue 12: the waitlist's offers job (openings to offers, offers that lapse), on pg-boss like the outbox.
  await app.services.scheduling.waitlistOffers.start({ log: app.log });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await db.close();
      mailer?.close();
      sms?.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const serving = org.name || 'a new clinic (sign in to the console to finish its set-up checklist)';
  app.log.info(`Relief is serving ${serving} on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${db.kind})`);
}

await main();
