import type { Db } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import { AppError } from '../../../shared/errors.js';
import { DAY_MS } from '../../../shared/time.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import * as repo from './calendar-feed.repo.js';
import { buildIcsCalendar } from './engine/ics.js';

/** Visits this far back stay in the feed, so a calendar keeps the recent past. */
const FEED_PAST_DAYS = 30;

/** The feed's words, in the patient's language. No visit type, practitioner or reason: calendars sync to third parties. */
const FEED_WORDS = {
  en: { summary: (l: string) => `Appointment at ${l}`, call: 'To change or cancel, call' },
  es: { summary: (l: string) => `Cita en ${l}`, call: 'Para cambiar o cancelar, llame al' },
} as const;

/**
 * A patient's private iCalendar feed (issue 12): a URL with an unguessable
 * token that a calendar app subscribes to. Only the token's hash is stored;
 * the URL is answered once, renewed with a new token, revoked by deleting it.
 */
export function createCalendarFeed(deps: { db: Db; clock: Clock; organizationId: string; publicUrl: string; clinicName: () => string; audit: AuditService }) {
  const { db, clock, organizationId } = deps;
  const base = deps.publicUrl.replace(/\/+$/, '');

  async function status(patientId: string) {
    const f = await repo.feedOf(db, organizationId, patientId);
    return { active: f !== undefined, createdAt: f ? new Date(f.createdAt).toISOString() : null };
  }

  /** Creates the feed, or renews it (a new token; the old URL stops working). The URL is in this answer only. */
  async function issue(patientId: string, ctx: AuditContext) {
    const token = newToken();
    const now = clock.now();
    await db.tx(async (t) => {
      const { created } = await repo.upsertFeed(t, { organizationId, patientId, tokenHash: tokenHash(token), now });
      await deps.audit.record(ctx, { action: created ? 'calendar_feed.create' : 'calendar_feed.renew', resourceType: 'calendar_feed', resourceId: patientId, patientId }, t);
    });
    return { url: `${base}/api/calendar/${token}.ics`, createdAt: new Date(now).toISOString() };
  }

  async function revoke(patientId: string, ctx: AuditContext): Promise<void> {
    await db.tx(async (t) => {
      if (await repo.deleteFeed(t, organizationId, patientId)) {
        await deps.audit.record(ctx, { action: 'calendar_feed.revoke', resourceType: 'calendar_feed', resourceId: patientId, patientId }, t);
      }
    });
  }

  /** The feed as iCalendar; an unknown or revoked token is a plain 404. Each read is audited with the patient. */
  async function read(token: string, ctx: AuditContext): Promise<string> {
    const now = clock.now();
    const feed = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await repo.feedByToken(db, { organizationId, tokenHash: tokenHash(token), since: now - FEED_PAST_DAYS * DAY_MS }) : undefined;
    if (!feed) throw new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
    await deps.audit.recordRead({ ...ctx, actorRole: 'feed_holder' }, { action: 'calendar_feed.read', resourceType: 'calendar_feed', resourceId: feed.patientId, patientId: feed.patientId });
    const w = FEED_WORDS[feed.language];
    const clinic = deps.clinicName();
    return buildIcsCalendar(clinic, feed.events.map((e) => ({
      uid: `${e.id}@relief`, start: e.start, end: e.end, stamp: now,
      summary: w.summary(e.locationName), location: `${e.locationName}, ${e.locationAddress}`,
      description: `${clinic}. ${w.call} ${e.locationPhone}.`,
      status: e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    })));
  }

  return { status, issue, revoke, read };
}

export type CalendarFeed = ReturnType<typeof createCalendarFeed>;
