import { MINUTE_MS } from '../../../../shared/time.js';

/**
 * What a patient may do online with a visit type (issue 11). The clinic sets
 * who may book each visit type online (visit_type.online) and how long before
 * its start online changes close (visit_type.cancel_cutoff_min); the desk is
 * bound by neither.
 */
export type OnlinePolicy = 'anyone' | 'established' | 'request_only' | 'staff_only';

/**
 * The public booking page books only what anyone may book. 'established' is
 * for signed-in established patients (the portal's self-booking, issue 12),
 * 'request_only' becomes a request the desk turns into a booking, and
 * 'staff_only' (procedures) is booked by the desk.
 */
export function isBookableByAnyone(policy: OnlinePolicy): boolean {
  return policy === 'anyone';
}

/** The last instant at which a visit starting at `start` may still be cancelled or moved online. */
export function changeableUntil(start: number, cancelCutoffMin: number): number {
  return start - cancelCutoffMin * MINUTE_MS;
}

/** Online changes are refused within the cutoff of the start (exactly at the cutoff is still allowed). */
export function isPastChangeCutoff(v: { now: number; start: number; cancelCutoffMin: number }): boolean {
  return v.now > changeableUntil(v.start, v.cancelCutoffMin);
}

/**
 * A staff-only visit type (a procedure) was planned with its practitioner:
 * online it may move to another time with them, never to someone else.
 */
export function mayChangePractitionerOnline(policy: OnlinePolicy): boolean {
  return policy !== 'staff_only';
}

/** What the portal offers a patient for a visit type: a booking of their own, a request the desk books, or nothing. */
export type PortalOffer = 'book' | 'request';

/**
 * The signed-in patient's self-service (issue 12): 'anyone' visit types are
 * theirs to book, 'established' ones once they have been seen, 'request_only'
 * ones become a request, and 'staff_only' ones (procedures) are not offered.
 * A new patient is offered an 'established' type as nothing: the clinic
 * wants to see them first.
 */
export function portalOffer(policy: OnlinePolicy, established: boolean): PortalOffer | null {
  switch (policy) {
    case 'anyone':
      return 'book';
    case 'established':
      return established ? 'book' : null;
    case 'request_only':
      return 'request';
    case 'staff_only':
      return null;
  }
}

/** The visit states in which a patient has been seen (or is being seen now). */
const SEEN = new Set(['checked_in', 'completed']);

/**
 * An established patient has had a visit: one completed or checked in, or one
 * still booked whose end has passed (the desk may not have closed it yet).
 * Cancelled visits and no-shows do not count: the patient was not seen.
 */
export function isEstablishedPatient(visits: readonly { status: string; end: number }[], now: number): boolean {
  return visits.some((v) => SEEN.has(v.status) || (v.status === 'booked' && v.end <= now));
}
