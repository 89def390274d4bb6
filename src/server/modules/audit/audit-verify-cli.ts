import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { openDb } from '../../db/open.js';
import { createAuditService } from './audit.service.js';
import { parseAnchors, type Anchor } from './engine/anchors.js';
import { systemClock } from '../../platform/clock.js';

// `npm run audit:verify [-- --anchors FILE]`: recomputes every organization's
// audit trail and names each broken link; with anchors (the file given, else
// AUDIT_ANCHOR_FILE), also each anchored block that is gone or changed.
const { values } = parseArgs({ options: { anchors: { type: 'string' } } });
const config = loadConfig();
const anchorFile = values.anchors ?? config.auditAnchorFile;
let anchors: Anchor[] = [];
let broken = 0;
if (anchorFile) {
  if (!fs.existsSync(anchorFile)) {
    if (values.anchors) {
      console.error(`No anchor file at ${anchorFile}.`);
      process.exit(2);
    }
    console.log(`No anchors yet at ${anchorFile}.`);
  } else {
    const parsed = parseAnchors(fs.readFileSync(anchorFile, 'utf8'));
    for (const e of parsed.errors) console.log(`Anchor file ${anchorFile}: ${e}`);
    broken += parsed.errors.length;
    anchors = parsed.anchors;
    console.log(`Checking ${anchors.length} anchor(s) from ${anchorFile}.`);
  }
}
const db = await openDb(config);
try {
  const orgs = await db.query<{ id: string; name: string }>('SELECT id, name FROM organization ORDER BY name');
  const known = new Set(orgs.map((o) => o.id));
  for (const a of anchors.filter((x) => !known.has(x.organizationId))) {
    broken += 1;
    console.log(`An anchor of ${a.at} names organization ${a.organizationId}, which is not in this database.`);
  }
  for (const org of orgs) {
    const { events, breaks, head } = await createAuditService({ db, clock: systemClock, organizationId: org.id }).verify(anchors);
    // Without an anchor file, keep the newest block's hash somewhere else: a later run must show it unchanged.
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
