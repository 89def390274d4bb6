import type { WritePart } from '../../db/compose.js';
import type { BookingRequest, PatientDetails } from '../../../shared/contracts/booking.js';
import type { DeskPatientDetails } from '../../../shared/contracts/staff.js';
import type { AuditContext } from '../audit/index.js';

/**
 * A booking from the website (new patient details) or the desk (an existing
 * patient, or new details, possibly without an email address).
 */
export type BookingInput = Omit<BookingRequest, 'patient'> & { patient?: PatientDetails | DeskPatientDetails | undefined; patientId?: string | undefined };

/**
 * Who books and how: the website ('web'), the desk ('staff'), or a signed-in
 * patient for themselves ('portal', issue 12: what they may book depends on
 * whether they are `established`). `scope` names the Idempotency-Key's route;
 * `withParts` adds writes to the booking's own statement (a request booked).
 */
export interface BookOptions {
  idempotencyKey?: string | undefined;
  via: 'web' | 'staff' | 'portal';
  established?: boolean;
  scope?: string;
  withParts?: (appointmentId: string) => WritePart[];
  ctx: AuditContext;
}
