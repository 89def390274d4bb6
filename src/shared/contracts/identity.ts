import { z } from 'zod';
import { Uuid } from './clinic.js';

export const RoleName = z.enum(['patient', 'caregiver', 'front_desk', 'nurse', 'clinician', 'billing', 'referrer', 'admin']);
export type RoleName = z.infer<typeof RoleName>;
export const StaffRole = z.enum(['front_desk', 'nurse', 'clinician', 'billing', 'admin']);

const Email = z.email({ error: 'must be an email address' }).max(254);
/** Length only (NIST 800-63B): the server also refuses common passwords and names the reason. */
export const NewPassword = z.string().min(12, { error: 'must be at least 12 characters' }).max(128, { error: 'must be at most 128 characters' });

export const SignInRequest = z.strictObject({ email: Email, password: z.string().min(1, { error: 'is required' }).max(128) });
export const SecondFactorRequest = z.union([
  z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, { error: 'must be the 6-digit code from your authenticator app' }) }),
  z.strictObject({ recoveryCode: z.string().trim().min(8).max(20) }),
]);
export const TotpConfirmRequest = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, { error: 'must be the 6-digit code from your authenticator app' }) });

export const SessionUser = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: RoleName,
  patientId: Uuid.nullable().describe("for a patient account: their own record's id"),
});
export const SessionInfo = z.object({
  user: SessionUser,
  /** What the user must do before the session is fully signed in. */
  next: z.enum(['done', 'totp', 'enroll_totp']),
  /** Send back in the X-CSRF-Token header on every state-changing request. */
  csrfToken: z.string(),
  expiresAt: z.string().describe('absolute end of the session'),
  idleExpiresAt: z.string().describe('when the session ends if nothing happens before'),
  idleTimeoutSec: z.number().int(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const TotpEnrollment = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string().describe('an SVG QR code of otpauthUri') });
export const TotpConfirmed = z.object({ session: SessionInfo, recoveryCodes: z.array(z.string()).describe('shown once') });

export const ActiveSession = z.object({
  id: z.string().describe('a public handle of the session'),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const PasswordResetRequest = z.strictObject({ email: Email });
export const NewPasswordRequest = z.strictObject({ password: NewPassword });
export const TokenParam = z.strictObject({ token: z.string().min(20).max(100) });
export const InviteInfo = z.object({ email: z.string(), displayName: z.string(), role: RoleName });

export const InviteRequest = z.strictObject({
  email: Email,
  displayName: z.string().trim().min(1).max(120),
  role: StaffRole,
  practitionerId: Uuid.optional().describe('required for a clinician: the practitioner this account is'),
});
export const InviteResponse = z.object({ userId: Uuid, inviteUrl: z.string().describe('also emailed; shown so an admin can pass it on') });
export const StaffUser = z.object({ id: Uuid, email: z.string(), displayName: z.string(), role: RoleName, status: z.enum(['invited', 'pending_approval', 'active', 'disabled']), totpEnabled: z.boolean() });
export type StaffUser = z.infer<typeof StaffUser>;

export const AuditQuery = z.strictObject({
  user: Uuid.optional(),
  patient: Uuid.optional(),
  action: z.string().max(80).regex(/^[a-z_.]+$/, { error: 'must be an action name like appointment.read' }).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export const AuditEvent = z.object({
  id: Uuid,
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  /** The patient's name as it stands now (the event keeps only the id). */
  patientName: z.string().nullable(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  outcome: z.string(),
  reason: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const NameDob = {
  firstName: z.string().trim().min(1, { error: 'first name is required' }).max(80),
  lastName: z.string().trim().min(1, { error: 'last name is required' }).max(80),
  dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' }),
};

/** A patient creates their account with the code from their booking confirmation. */
export const ActivateFromBooking = z.strictObject({
  appointmentId: Uuid,
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8}$/, { error: 'must be the 8-character confirmation code' }),
  email: Email.describe('the email given when booking'),
  password: NewPassword,
});
/** Or asks for a code sent to the email on file, by name and birth date. */
export const ActivationCodeRequest = z.strictObject(NameDob);
export const ActivateWithCode = z.strictObject({
  ...NameDob,
  code: z.string().trim().regex(/^\d{6}$/, { error: 'must be the 6-digit code we emailed' }),
  password: NewPassword,
});

export const ReferrerSignup = z.strictObject({
  npi: z.string().trim().regex(/^\d{10}$/, { error: 'must be your 10-digit NPI' }),
  displayName: z.string().trim().min(1).max(120),
  practice: z.string().trim().max(120).optional(),
  email: Email,
  password: NewPassword,
});

export const BreakGlassRequest = z.strictObject({
  reason: z.string().trim().min(10, { error: 'say why, in at least 10 characters' }).max(500),
});
export const BreakGlassEntry = z.object({
  id: Uuid, userId: Uuid, userName: z.string(), patientId: Uuid, patientName: z.string(), patientDateOfBirth: z.string(), reason: z.string(),
  startedAt: z.string(), expiresAt: z.string(), reviewedAt: z.string().nullable(), reviewerName: z.string().nullable(),
});
export type BreakGlassEntry = z.infer<typeof BreakGlassEntry>;

export const CaregiverScope = z.enum(['full', 'limited'], { error: 'must be full (the whole record) or limited (appointments only)' });
export type CaregiverScope = z.infer<typeof CaregiverScope>;

export const CaregiverInvite = z.strictObject({
  email: Email,
  displayName: z.string().trim().min(1, { error: 'is required' }).max(120, { error: 'must be at most 120 characters' }),
  scope: CaregiverScope.describe('full: the whole record; limited: appointments only'),
});
/** Someone a patient shares their record with, as the patient sees them. */
export const CaregiverGrant = z.object({
  id: Uuid.describe('the grant; DELETE it to end the access'),
  caregiverUserId: Uuid,
  name: z.string(),
  email: z.string(),
  status: z.enum(['invited', 'pending_approval', 'active', 'disabled']).describe("the caregiver's account: invited until they set a password"),
  scope: CaregiverScope,
  createdAt: z.string().describe('since when'),
});
export type CaregiverGrant = z.infer<typeof CaregiverGrant>;
/** A patient who shares their record with the signed-in caregiver. */
export const SharedRecord = z.object({
  patientId: Uuid,
  patientName: z.string(),
  scope: CaregiverScope,
});
export type SharedRecord = z.infer<typeof SharedRecord>;
