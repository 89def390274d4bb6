import { appendDurably } from '../../platform/anchor-file.js';
import { defineModule } from '../../platform/module.js';
import { auditRoutes } from './audit.routes.js';
import { createAuditService, type AuditService } from './audit.service.js';

export { createAuditService } from './audit.service.js';
export type { AuditContext, AuditEntry, AuditEventRow, AuditService } from './audit.service.js';

/** The append-only, hash-chained audit trail: sealed every second, anchored outside the database when configured. */
export const auditModule = defineModule<AuditService>({
  name: 'audit',
  create: (ctx) => createAuditService({ db: ctx.db, clock: ctx.clock, organizationId: ctx.organization.id }),
  routes: (audit) => auditRoutes(audit),
  async start(audit, ctx) {
    audit.startSealing(1000, (err) => ctx.log.error({ err }, 'audit upkeep failed (sealing, or writing tallied refusals); retrying'));
    // Anchors: the newest block's hash, appended outside the database at start, on a timer and at close.
    const anchorFile = ctx.config.auditAnchorFile;
    const anchorNow = anchorFile
      ? () => audit.anchor((line) => appendDurably(anchorFile, line)).then(() => undefined, (err: unknown) => ctx.log.error({ err, anchorFile }, 'audit anchor failed; retrying at the next interval'))
      : null;
    // anchorNow handles its own failure, so the timer may drop the promise.
    const anchoring = anchorNow ? setInterval(() => void anchorNow(), (ctx.config.auditAnchorMinutes ?? 60) * 60_000) : undefined;
    anchoring?.unref();
    await anchorNow?.();
    return async () => {
      await audit.stopSealing();
      clearInterval(anchoring);
      await anchorNow?.();
    };
  },
});
