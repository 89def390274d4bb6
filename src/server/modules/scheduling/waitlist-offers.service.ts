import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { pgBossJobs, type Jobs } from '../../platform/jobs.js';
import type { ModuleLog } from '../../platform/module.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import { addDays, DAY_MS, localDateOf } from '../../../shared/time.js';
import { MAX_SEARCH_DAYS } from '../../../shared/search-window.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { NoticesService, PatientNotice } from '../notices/index.js';
import { mayChangePractitionerOnline } from './engine/online-policy.js';
import { pickOffers, type Candidate, type OpenSlot } from './engine/waitlist-match.js';
import type { SlotSearch } from './slot-search.js';
import * as repo from './waitlist.repo.js';

/**
 * How many people one opened slot is offered to at once. A few, so that one
 * person away from their phone does not hold the slot, and not so many that
 * most hear "just taken" (Epic's Fast Pass offers to a handful at a time).
 */
export const OFFERS_PER_SLOT = 3;
/** How long an offer holds: long enough to see an email in a working day, short enough that the slot is offered on in time. */
export const OFFER_TTL_MS = 2 * 60 * 60_000;
/** The offers job's queue: a trigger; the waitlist_opening rows say what to do. */
export const WAITLIST_QUEUE = 'waitlist-offers';
/** Offers lapse and openings left by a crash are picked up every minute. */
const WAITLIST_SCHEDULE = '* * * * *';

const SYSTEM: AuditContext = { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 'waitlist-offers' };

/** What both halves of the waitlist are built from: the offers (here) and the entries and acceptances (waitlist.service.ts). */
export interface WaitlistBaseDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  notices: NoticesService;
  audit: AuditService;
  slots: SlotSearch;
}

export interface WaitlistOffersDeps extends WaitlistBaseDeps {
  log?: Pick<ModuleLog, 'warn' | 'error'> | undefined;
  jobs?: Jobs;
}

/**
 * The notices an offer goes out as. Email through the notices outbox now;
 * SMS is the seam a sibling change fills when the notices module gains its
 * SMS port (add the 'waitlist.offer' SMS request here for 'sms' and 'both').
 * Until then a patient who chose SMS alone is told by email, so no offer is
 * silently lost.
 */
export function offerNotices(c: repo.CandidateRow, params: { start: number; expiresAt: number; token: string; locationName: string; locationAddress: string; locationPhone: string }): PatientNotice[] {
  // By the channel the patient chose on the waitlist entry; a text inside quiet hours waits, and not past the offer's end.
  return [{
    patientId: c.patientId, kind: 'waitlist_offer', template: 'waitlist.offer', channel: c.channel, subject: { type: 'appointment', id: c.appointmentId },
    timeZone: c.timeZone, expiresAt: params.expiresAt, params: { firstName: c.firstName, timeZone: c.timeZone, ...params },
  }];
}

/**
 * Whether an open slot is what the opening freed: a released visit or a
 * removed block frees one practitioner's time, so only that practitioner's
 * slots overlapping it count; a settings change frees anything (no range).
 */
function inOpening(o: repo.OpeningRow, s: { start: string; end: string; practitionerId: string }): boolean {
  if (o.from === null || o.to === null) return true;
  if (o.practitionerId !== null && o.practitionerId !== s.practitionerId) return false;
  return Date.parse(s.start) < o.to && Date.parse(s.end) > o.from;
}

/** Turns openings into offers (issue 12): run by a pg-boss job, after each change and every minute. */
export function createWaitlistOffers(deps: WaitlistOffersDeps) {
  const { db, clock, organizationId, slots } = deps;
  let jobs: Jobs | undefined;
  let state: 'idle' | 'started' | 'stopped' = 'idle';
  let running: Promise<number> | undefined;

  /** Offers past their time lapse; each slot they held is an opening again, for the next in line. */
  async function expireDue(): Promise<number> {
    return db.tx(async (t) => {
      const gone = await repo.expireDue(t, organizationId, clock.now());
      for (const o of gone) {
        await repo.insertOpening(t, { organizationId, locationId: o.locationId, practitionerId: o.practitionerId, from: o.start, to: o.end, cause: 'offer_expired' });
        await deps.audit.record(SYSTEM, { action: 'waitlist.offer_expired', resourceType: 'waitlist_offer', resourceId: o.id, patientId: o.patientId }, t);
      }
      return gone.length;
    });
  }

  /** The open slots an opening may offer, per kind of visit the candidates wait with; a search that fails is logged and skipped. */
  async function openSlots(t: Queryable, opening: repo.OpeningRow, candidates: repo.CandidateRow[]): Promise<OpenSlot[]> {
    const now = clock.now();
    const groups = new Map<string, repo.CandidateRow>();
    for (const c of candidates) {
      const keep = !mayChangePractitionerOnline(c.visitTypeOnline);
      groups.set(`${c.visitTypeId}|${c.locationId}|${keep ? c.practitionerId : ''}`, c);
    }
    const out: OpenSlot[] = [];
    for (const [key, c] of groups) {
      const latest = Math.max(...candidates.filter((x) => x.visitTypeId === c.visitTypeId && x.locationId === c.locationId).map((x) => x.bookedStart));
      const fromMs = Math.max(now, opening.from ?? now);
      const toMs = Math.min(latest, opening.to ?? now + (MAX_SEARCH_DAYS - 1) * DAY_MS);
      if (toMs < fromMs) continue;
      const from = localDateOf(fromMs, c.timeZone);
      const to = [localDateOf(toMs, c.timeZone), addDays(from, MAX_SEARCH_DAYS - 1)].sort()[0]!;
      const practitioner = key.split('|')[2] || undefined;
      try {
        const found = await slots.availability(t, { visitType: c.visitTypeId, from, to, location: c.locationId, practitioner, gate: 'move' });
        for (const s of found.slots) {
          if (!inOpening(opening, s)) continue;
          out.push({ visitTypeId: c.visitTypeId, practitionerId: s.practitionerId, locationId: s.locationId, start: Date.parse(s.start), end: Date.parse(s.end), zone: c.timeZone });
        }
      } catch (err) {
        deps.log?.warn({ err, visitTypeId: c.visitTypeId }, 'waitlist: a slot search for an opening failed; its candidates wait for the next opening');
      }
    }
    return out;
  }

  /** One opening, in one transaction: claimed, searched, offered, noticed and audited, or none of it. */
  async function processOne(): Promise<number | null> {
    return db.tx(async (t) => {
      const opening = await repo.claimOpening(t, organizationId);
      if (!opening) return null;
      const now = clock.now();
      const rows = (await repo.loadCandidates(t, { organizationId, locationId: opening.locationId, now })).filter((c) => c.email !== '');
      if (rows.length === 0) return 0;
      const candidates: Candidate[] = rows.map((c) => ({
        entryId: c.entryId, visitTypeId: c.visitTypeId, locationId: c.locationId, bookedStart: c.bookedStart,
        practitionerId: mayChangePractitionerOnline(c.visitTypeOnline) ? null : c.practitionerId,
        preferences: { weekdays: c.weekdays, parts: c.parts, windows: c.windows }, hasLiveOffer: c.hasLiveOffer, offered: c.offered,
      }));
      const picks = pickOffers({ slots: await openSlots(t, opening, rows), candidates, perSlot: OFFERS_PER_SLOT, liveBySlot: await repo.liveOffersBySlot(t, organizationId, now) });
      const byId = new Map(rows.map((c) => [c.entryId, c]));
      const places = await repo.locationsByIds(t, [...new Set(picks.map((p) => p.slot.locationId))]);
      for (const { entryId, slot } of picks) {
        const c = byId.get(entryId)!;
        const place = places.get(slot.locationId)!;
        const token = newToken();
        const expiresAt = now + OFFER_TTL_MS;
        const id = await repo.insertOffer(t, {
          organizationId, entryId, patientId: c.patientId, appointmentId: c.appointmentId, visitTypeId: c.visitTypeId, practitionerId: slot.practitionerId,
          locationId: slot.locationId, start: slot.start, end: slot.end, tokenHash: tokenHash(token), channel: c.channel, expiresAt, now,
        });
        for (const n of offerNotices(c, { start: slot.start, expiresAt, token, ...place })) await deps.notices.notifyPatient(t, n);
        await deps.audit.record(SYSTEM, { action: 'waitlist.offer', resourceType: 'waitlist_offer', resourceId: id, patientId: c.patientId }, t);
      }
      return picks.length;
    });
  }

  /** Lapses what is due, then handles openings until none is left (at most `limit`); answers how many offers went out. */
  async function processOpenings(limit = 50): Promise<number> {
    await expireDue();
    let sent = 0;
    for (let i = 0; i < limit; i++) {
      const n = await processOne();
      if (n === null) break;
      sent += n;
    }
    if (sent > 0) deps.notices.kick();
    return sent;
  }

  /** One pass at a time per process; a pass asked for during one runs after it. */
  async function runOnce(): Promise<number> {
    while (running) await running;
    running = processOpenings()
      .catch((err: unknown) => {
        deps.log?.error({ err }, 'waitlist offers: a pass failed; the openings wait for the next one');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    processOpenings,
    /** Asks for a pass now (after a commit that wrote an opening) instead of at the next minute. */
    kick(): void {
      if (state !== 'started' || !jobs) return;
      jobs.send(WAITLIST_QUEUE).catch((err: unknown) => deps.log?.warn({ err }, 'waitlist: could not queue the offers job; the schedule runs it within a minute'));
    },
    async start(opts: { log: { warn(o: object, m: string): void; error(o: object, m: string): void } }): Promise<void> {
      if (state !== 'idle') return;
      jobs = deps.jobs ?? pgBossJobs(db, { log: opts.log });
      await jobs.start();
      await jobs.work(WAITLIST_QUEUE, async () => void (await runOnce()), { collapse: true, retryLimit: 0 });
      await jobs.schedule(WAITLIST_QUEUE, WAITLIST_SCHEDULE);
      state = 'started';
      await jobs.send(WAITLIST_QUEUE);
    },
    async stop(): Promise<void> {
      state = 'stopped';
      await jobs?.stop();
      await running;
    },
  };
}

export type WaitlistOffers = ReturnType<typeof createWaitlistOffers>;
