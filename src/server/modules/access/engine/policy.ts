/**
 * The one access policy. Every route names a permission; services pass the
 * facts about the resource (whose record it is, whether the clinician cares
 * for that patient). The policy is a pure function of actor, permission and
 * facts, so every grant and every denial is tested from a table.
 */
import { isStaffRole, type Role } from '../../../../shared/roles.js';

// The role lists live in shared/roles.ts (one source for the policy, the contracts and the web).
export { MFA_REQUIRED, ROLES, STAFF_ROLES, type Role } from '../../../../shared/roles.js';

export type Permission =
  | 'session.self' // my own sessions, my second factor
  | 'schedule.read' // the staff schedule desk
  | 'schedule.write'
  | 'patient.search' // find a patient by name, birth date or phone
  | 'appointment.read' // one patient's appointments
  | 'appointment.write'
  | 'chart.read' // one patient's health record
  | 'disclosures.read' // who accessed one patient's record
  | 'sharing.manage' // a patient's caregivers and referrers' access
  | 'calendar_feed.manage' // a patient's private calendar feed URL: create, renew, revoke (issue 12)
  | 'shared_records.read' // a caregiver's own list of the patients who shared their record with them
  | 'notice_preferences.manage' // how one patient hears from the clinic: email, text or both, quiet hours
  | 'break_glass.start'
  | 'user.manage' // invite and disable staff, approve referrers
  | 'audit.read'
  | 'notices.manage' // the notices that failed or wait, and retrying one
  | 'clinic.manage' // the clinic's own settings: organization, locations, rooms, practitioners, visit types, export and import
  | 'message.read' // one patient's secure messages, on the patient's side (issue 12)
  | 'message.send'
  | 'inbox.read' // the staff message inboxes (each role sees its pools and what is assigned to it)
  | 'inbox.write'; // claim, assign, reply, note, close, start a thread

export interface Actor {
  userId: string;
  role: Role;
  mfaPassed: boolean;
  /** For a patient account: their own record. */
  patientId: string | null;
  caregiverOf: readonly { patientId: string; scope: 'full' | 'limited' }[];
  /** Patients with an active, unrevoked referral from this referring provider. */
  referredPatients: readonly string[];
  /** Patients this clinician opened by break-glass, still within its time limit. */
  breakGlass: readonly string[];
}

export interface ResourceFacts {
  patientId?: string | null;
  /** The acting clinician has a care relationship with the patient (an appointment with them). */
  careTeam?: boolean;
}

export type Basis = 'own' | 'caregiver' | 'referral' | 'care_team' | 'role' | 'break_glass';
export type Decision = { allow: true; basis: Basis } | { allow: false; reason: string };

/** What each role may do when no particular patient is involved. */
const ROLE_GRANTS: Record<Role, readonly Permission[]> = {
  patient: ['session.self', 'appointment.read', 'appointment.write', 'chart.read', 'disclosures.read', 'sharing.manage', 'message.read', 'message.send', 'notice_preferences.manage', 'calendar_feed.manage'],
  caregiver: ['session.self', 'appointment.read', 'appointment.write', 'chart.read', 'shared_records.read', 'message.read', 'message.send', 'notice_preferences.manage', 'calendar_feed.manage'],
  // Message inboxes (issue 12): which threads each role sees (its pools, and those assigned to it) is the messages engine's.
  front_desk: ['session.self', 'schedule.read', 'schedule.write', 'patient.search', 'appointment.read', 'appointment.write', 'inbox.read', 'inbox.write'],
  nurse: ['session.self', 'schedule.read', 'patient.search', 'appointment.read', 'chart.read', 'inbox.read', 'inbox.write'],
  clinician: ['session.self', 'schedule.read', 'patient.search', 'appointment.read', 'chart.read', 'break_glass.start', 'inbox.read', 'inbox.write'],
  billing: ['session.self', 'patient.search', 'appointment.read', 'inbox.read', 'inbox.write'],
  referrer: ['session.self', 'appointment.read', 'chart.read'],
  // An admin answers "who opened my record?" and reviews break-glass, so must be
  // able to find the patient by name or birth date (each match is audited);
  // they still never read a chart.
  admin: ['session.self', 'patient.search', 'user.manage', 'audit.read', 'disclosures.read', 'notices.manage', 'clinic.manage'],
};

// A limited caregiver does not get the calendar feed: its URL reaches every visit, and outlives their help with one booking.
const PATIENT_SCOPED: readonly Permission[] = ['appointment.read', 'appointment.write', 'chart.read', 'disclosures.read', 'sharing.manage', 'message.read', 'message.send', 'notice_preferences.manage', 'calendar_feed.manage'];
/** A caregiver with limited scope helps with scheduling only: no messages either (issue 12). */
const LIMITED_CAREGIVER: readonly Permission[] = ['appointment.read', 'appointment.write'];

/** Why a clinician is refused a chart outside their care: the one refusal that emergency access can lift. */
export const BREAK_GLASS_REQUIRED = 'no care relationship; break-glass required';

const deny = (reason: string): Decision => ({ allow: false, reason });

export function decide(actor: Actor | null, permission: Permission, facts: ResourceFacts = {}): Decision {
  if (!actor) return deny('not signed in');
  // A session that owes its second factor (any role: a patient who turned it on
  // too) reaches nothing but finishing the sign-in, which routes declare as
  // 'signed_in'. Not even its own session list: seeing the account's other
  // sessions, or ending them, takes the whole sign-in (issue 9, defect 6).
  if (!actor.mfaPassed) return deny('second factor required');
  if (!ROLE_GRANTS[actor.role].includes(permission)) return deny(`${actor.role} may not ${permission}`);
  if (!PATIENT_SCOPED.includes(permission) || facts.patientId === undefined) return { allow: true, basis: 'role' };
  const patientId = facts.patientId;
  if (!patientId) return deny('no patient');

  switch (actor.role) {
    case 'patient':
      return actor.patientId === patientId ? { allow: true, basis: 'own' } : deny('another patient');
    case 'caregiver': {
      const grant = actor.caregiverOf.find((g) => g.patientId === patientId);
      if (!grant) return deny('no caregiver grant for this patient');
      if (grant.scope === 'limited' && !LIMITED_CAREGIVER.includes(permission)) return deny('caregiver scope is limited to appointments');
      return { allow: true, basis: 'caregiver' };
    }
    case 'referrer':
      return actor.referredPatients.includes(patientId) ? { allow: true, basis: 'referral' } : deny('no active referral for this patient');
    case 'clinician':
      if (permission !== 'chart.read' || facts.careTeam) return { allow: true, basis: permission === 'chart.read' ? 'care_team' : 'role' };
      return actor.breakGlass.includes(patientId) ? { allow: true, basis: 'break_glass' } : deny(BREAK_GLASS_REQUIRED);
    case 'admin':
      // Admins answer accounting-of-disclosures requests; they do not read charts.
      return permission === 'disclosures.read' ? { allow: true, basis: 'role' } : deny('admins do not read charts');
    default:
      return { allow: true, basis: 'role' };
  }
}

export function isStaff(role: Role): boolean {
  return isStaffRole(role);
}
