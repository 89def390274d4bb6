import { z } from 'zod';
import { ROLES, STAFF_ROLES } from '../roles.js';
import { Uuid } from './clinic.js';
import { BirthDate, IsoInstant, lineText, longText, personName, textIssue, textProblem } from './fields.js';

export const RoleName = z.enum(ROLES);
export type RoleName = z.infer<typeof RoleName>;
export const StaffRole = z.enum(STAFF_ROLES);

const Email = z.email({ error: 'must be an email address' }).max(254);
/** Length only (NIST 800-63B): the server also refuses common passwords and names the reason. */
export const NewPassword = z
  .string()
  .min(12, { error: 'must be at least 12 characters' })
  .max(128, { error: 'must be at most 128 characters' })
  // Any printable character, spaces and emoji included (NIST 800-63B 5.1.1.2); not a control
  // character or half a surrogate pair, which could not be typed again the same way.
  .superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue(textIssue(problem));
  });

export const SignInRequest = z.strictObject({ email: Email, password: z.string().min(1, { error: 'is required' }).max(128) });
export const SecondFactorRequest = z.union([
  z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, { error: 'must be the 6-digit code from your authenticator app' }) }),
  z.strictObject({ recoveryCode: z.string().trim().regex(/^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/i, { error: 'must be a recovery code like k7fq-2mzp-9xwd' }) }),
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

/**
 * Who the public pages' header greets (issue 11): the fully signed-in person,
 * or no one. Always 200, never a 401: most visitors are not signed in, and the
 * header asks on every page. The CSRF token lets the header sign out.
 */
export const VisitorAnswer = z.object({
  visitor: z.object({ displayName: z.string(), role: RoleName, csrfToken: z.string() }).nullable(),
});
export type VisitorAnswer = z.infer<typeof VisitorAnswer>;

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
export const TokenParam = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'is not a valid link; copy the whole link from the email' }) });
export const InviteInfo = z.object({ email: z.string(), displayName: z.string(), role: RoleName });

export const InviteRequest = z.strictObject({
  email: Email,
  displayName: personName(120),
  role: StaffRole,
  practitionerId: Uuid.optional().describe('required for a clinician: the practitioner this account is'),
});
export const InviteResponse = z.object({ userId: Uuid, inviteUrl: z.string().describe('also emailed; shown so an admin can pass it on') });
export const StaffUser = z.object({
  id: Uuid, email: z.string(), displayName: z.string(), role: RoleName, status: z.enum(['invited', 'pending_approval', 'active', 'disabled']), totpEnabled: z.boolean(),
  /** A referring provider's NPI and practice, for the approval list (issue 11); null for everyone else. */
  npi: z.string().nullable(),
  practice: z.string().nullable(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const AuditQuery = z.strictObject({
  user: Uuid.optional(),
  patient: Uuid.optional(),
  action: z.string().max(80).regex(/^[a-z_.]+$/, { error: 'must be an action name like appointment.read' }).optional(),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
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
  firstName: personName(80, 'first name'),
  lastName: personName(80, 'last name'),
  dateOfBirth: BirthDate,
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
  displayName: personName(120),
  practice: lineText(120, 'practice', 0).optional(),
  email: Email,
  password: NewPassword,
});

export const BreakGlassRequest = z.strictObject({
  reason: longText(500, '', 10),
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
  displayName: personName(120),
  scope: CaregiverScope.describe('full: the whole record; limited: appointments only'),
});
/** Someone a patient shares their record with, as the patient sees them. */
export const CaregiverGrant = z.object({
  id: Uuid.describe('the grant; DELETE it to end the access'),
  caregiverUserId: Uuid.nullable().describe('null for an invitation that could not be used'),
  name: z.string(),
  email: z.string(),
  status: z
    .enum(['invited', 'pending_approval', 'active', 'disabled', 'unusable'])
    .describe("the caregiver's account: invited until they set a password; unusable when the email belongs to another kind of account (ask the caregiver for another email)"),
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
