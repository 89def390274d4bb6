import type { RoleName } from '../../shared/contracts/identity';
import { isAccountHolderRole, requiresSecondFactor as mustUseSecondFactor } from '../../shared/roles';

/** Mirrors the server's policy (schedule.read / schedule.write) to show only what a role can use; the server decides. */
export function canUseDesk(role: RoleName): boolean {
  return role === 'front_desk' || role === 'nurse' || role === 'clinician';
}

export function canEditSchedule(role: RoleName): boolean {
  return role === 'front_desk';
}

/** Mirrors the server's chart.read for staff: nurses, and clinicians for their own patients (or by break-glass). */
export function canReadCharts(role: RoleName): boolean {
  return role === 'nurse' || role === 'clinician';
}

/** Mirrors break_glass.start: only a clinician may open a chart outside their care, with a reason. */
export function canBreakGlass(role: RoleName): boolean {
  return role === 'clinician';
}

/** Mirrors the server's policy for the staff inbox (issue 12): the people who answer patients' messages. */
export function canUseInbox(role: RoleName): boolean {
  return role === 'nurse' || role === 'front_desk' || role === 'billing' || role === 'clinician';
}

export function isAdmin(role: RoleName): boolean {
  return role === 'admin';
}

/** Patients and their caregivers: their pages are on the public site (/my), not in the console. */
export function isAccountHolder(role: RoleName): boolean {
  return isAccountHolderRole(role);
}

/** The server's MFA_REQUIRED (shared/roles.ts): everyone but patients and caregivers sets up an authenticator app. */
export function requiresSecondFactor(role: RoleName): boolean {
  return mustUseSecondFactor(role);
}

/** Where a role lands after signing in. */
export function homeOf(role: RoleName): string {
  if (isAccountHolder(role)) return '/my';
  // An admin lands on /console/admin: the set-up checklist until the clinic is set up and open, then staff accounts.
  return isAdmin(role) ? '/console/admin' : canUseDesk(role) ? '/console' : '/console/sessions';
}
