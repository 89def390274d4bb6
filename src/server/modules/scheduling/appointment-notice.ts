import type { NoticeRequest } from '../notices/index.js';

export type AppointmentChange = 'booked' | 'rescheduled' | 'cancelled';

export interface NoticeFacts {
  id: string;
  language: 'en' | 'es';
  /** '' for a caller the desk booked without an email address: no notice is emailed. */
  email: string;
  firstName: string;
  start: number;
  timeZone: string;
  locationName: string;
  locationAddress: string;
  locationPhone: string;
  /** Named when the visit moved (issue 11): the patient sees whom it is with now. */
  practitionerName?: string | undefined;
}

/**
 * An appointment notice to the patient in their language (the notices module
 * builds the link under PUBLIC_URL), or null when the patient has no email
 * address: the desk read the confirmation code out instead (issue 11).
 */
export function appointmentNotice(kind: AppointmentChange, a: NoticeFacts, code: string | null): NoticeRequest | null {
  if (!a.email) return null;
  return {
    template: `appointment.${kind}`, language: a.language, to: a.email, subject: { type: 'appointment', id: a.id },
    params: {
      firstName: a.firstName, start: a.start, timeZone: a.timeZone, locationName: a.locationName, locationAddress: a.locationAddress,
      locationPhone: a.locationPhone, appointmentId: a.id, confirmationCode: code,
      ...(a.practitionerName ? { practitionerName: a.practitionerName } : {}),
    },
  };
}
