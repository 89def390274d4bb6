import { loadConfig } from '../../config.js';
import { openDb } from '../../db/open.js';
import { createAuditService } from './audit.service.js';
import { systemClock } from '../../platform/clock.js';

// `npm run audit:verify`: recomputes every organization's audit chain and names each broken link.
const config = loadConfig();
const db = await openDb(config);
let broken = 0;
try {
  const orgs = await db.query<{ id: string; name: string }>('SELECT id, name FROM organization ORDER BY name');
  for (const org of orgs) {
    const { events, breaks, head } = await createAuditService({ db, clock: systemClock, organizationId: org.id }).verify();
    // Keep the newest block's hash somewhere else (a ticket, a log): a later run must show it unchanged.
    const latest = head ? ` Newest block #${head.blockNo}: ${head.hash}` : '';
    if (breaks.length === 0) {
      console.log(`${org.name}: ${events} audit events, chain intact.${latest}`);
    } else {
      broken += breaks.length;
      console.log(`${org.name}: ${events} audit events, ${breaks.length} broken link(s):${latest}`);
      for (const b of breaks) console.log(`  - ${b.message}`);
    }
  }
} finally {
  await db.close();
}
process.exit(broken ? 1 : 0);
