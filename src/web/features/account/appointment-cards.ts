import { ApiError } from '../../app/api/client';

/**
 * What a signed-in patient (or a caregiver with access) may do with one of
 * their appointments from its card, without the confirmation code (issue 11):
 * the routes are the scheduling module's `/api/patients/:patientId/appointments/:id/...`.
 */
export type CardState =
  /** Coming up and still open to online changes: cancel, reschedule, add to calendar. */
  | 'changeable'
  /** Coming up, but inside the visit type's cutoff: add to calendar, and call the location to change it. */
  | 'call_to_change'
  /** Past, cancelled, checked in or missed: nothing to manage. */
  | 'closed';

/**
 * The card's state from the appointment and its visit type's cutoff
 * (`cancelCutoffMin`; online changes close that long before the start). The
 * server decides again on every change; this only spares the patient a
 * refusal they can foresee.
 */
export function cardState(a: { status: string; start: string }, visitType: { cancelCutoffMin?: number | undefined } | undefined, now: number): CardState {
  const start = Date.parse(a.start);
  if (a.status !== 'booked' || !(start > now)) return 'closed';
  const cutoffMs = (visitType?.cancelCutoffMin ?? 0) * 60_000;
  // As the server counts (scheduling's isPastChangeCutoff): exactly at the cutoff is still open.
  return now > start - cutoffMs ? 'call_to_change' : 'changeable';
}

/** The server refused a change because its cutoff has passed (409 change_cutoff_passed): the card says to call. */
export function isCutoffPassed(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'change_cutoff_passed';
}

/** The iCalendar file of an appointment, read with the session's cookie (no code in the address). */
export function calendarHref(patientId: string, appointmentId: string): string {
  return `/api/patients/${encodeURIComponent(patientId)}/appointments/${encodeURIComponent(appointmentId)}/calendar.ics`;
}
