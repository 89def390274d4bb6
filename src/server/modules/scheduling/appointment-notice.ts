import { remindersAhead, type PatientNotice, type VisitFacts } from '../notices/index.js';

export type AppointmentChange = 'booked' | 'rescheduled' | 'cancelled';

/** The visit a notice is about: what every visit notice shows, and whose visit it is. */
export interface NoticeFacts extends VisitFacts {
  id: string;
  patientId: string;
  /** Named when the visit moved (issue 11): the patient sees whom it is with now. */
  practitionerName?: string | undefined;
}

/**
 * The notices of an appointment change, by the patient's preferences (the
 * notices module picks email, text or both, and skips a patient it cannot
 * reach): the change itself, and for a booked or moved visit its reminders
 * 48 h and 2 h before (issue 12), due then, never sent once the visit began.
 * A cancelled visit gets no reminders; the caller cancels the pending ones.
 */
export function appointmentNotices(kind: AppointmentChange, a: NoticeFacts, code: string | null, now: number): PatientNotice[] {
  const subject = { type: 'appointment', id: a.id };
  const where = { firstName: a.firstName, start: a.start, timeZone: a.timeZone, locationName: a.locationName, locationAddress: a.locationAddress, locationPhone: a.locationPhone, appointmentId: a.id };
  const change: PatientNotice = {
    patientId: a.patientId, kind: 'appointment_change', template: `appointment.${kind}`, subject, timeZone: a.timeZone,
    params: { ...where, confirmationCode: code, ...(a.practitionerName ? { practitionerName: a.practitionerName } : {}) },
  };
  if (kind === 'cancelled') return [change];
  return [
    change,
    ...remindersAhead(a.start, now).map((r): PatientNotice => ({
      patientId: a.patientId, kind: 'appointment_reminder', template: 'appointment.reminder', subject, timeZone: a.timeZone,
      params: { ...where, hoursBefore: r.hoursBefore }, dueAt: r.dueAt, expiresAt: a.start,
    })),
  ];
}
