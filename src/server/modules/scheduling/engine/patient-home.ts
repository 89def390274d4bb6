import { DAY_MS, localDateOf } from '../../../../shared/time.js';

/**
 * What the portal home lists for a patient (issue 12): their next visits and
 * what needs doing. Pure: the service loads the visits and requests, passes
 * `now`, and writes the instants in each location's zone.
 */
export interface HomeVisitFacts {
  id: string;
  status: string;
  start: number;
  end: number;
  timeZone: string;
  /** The visit type's instructions carry something to do (a driver, a medicine to ask about, what to bring). */
  hasInstructions: boolean;
}

export interface HomeRequestFacts {
  id: string;
  visitTypeId: string;
  status: string;
  createdAt: number;
  decidedAt: number | null;
  declineReason: string | null;
}

export type HomeTodo<V extends HomeVisitFacts> =
  | { kind: 'visit_today'; visit: V }
  | { kind: 'visit_prepare'; visit: V }
  | { kind: 'request_pending'; request: HomeRequestFacts }
  | { kind: 'request_declined'; request: HomeRequestFacts };

/** How many visits the home shows; the appointments page has the rest. */
export const HOME_VISITS = 3;
/** Instructions are worth doing something about this long ahead (arrange a driver, ask about a blood thinner). */
export const PREPARE_DAYS = 7;
/** A declined request stays on the list this long, so the patient reads why. */
export const DECLINED_SHOWN_DAYS = 14;

/**
 * The next visits (booked or checked in, not yet over, soonest first) and the
 * to-do list: today's visits first, then visits to prepare for, then requests
 * waiting on the desk and ones it declined lately, oldest first.
 */
export function buildPatientHome<V extends HomeVisitFacts>(input: { visits: readonly V[]; requests: readonly HomeRequestFacts[]; now: number }) {
  const { now } = input;
  const coming = input.visits
    .filter((v) => (v.status === 'booked' || v.status === 'checked_in') && v.end > now)
    .sort((a, b) => a.start - b.start);
  const todo: HomeTodo<V>[] = [];
  for (const visit of coming) {
    if (localDateOf(visit.start, visit.timeZone) === localDateOf(now, visit.timeZone)) todo.push({ kind: 'visit_today', visit });
    else if (visit.hasInstructions && visit.start - now <= PREPARE_DAYS * DAY_MS) todo.push({ kind: 'visit_prepare', visit });
  }
  const requests = [...input.requests].sort((a, b) => a.createdAt - b.createdAt);
  for (const request of requests) {
    if (request.status === 'open') todo.push({ kind: 'request_pending', request });
  }
  for (const request of requests) {
    if (request.status === 'declined' && request.decidedAt !== null && now - request.decidedAt <= DECLINED_SHOWN_DAYS * DAY_MS) {
      todo.push({ kind: 'request_declined', request });
    }
  }
  return { nextVisits: coming.slice(0, HOME_VISITS), todo };
}
