import type { RoleName } from '../../../shared/contracts/identity';

/** Mirrors the server's policy (schedule.read / schedule.write) to show only what a role can use; the server decides. */
export function canUseDesk(role: RoleName): boolean {
  return role === 'front_desk' || role === 'nurse' || role === 'clinician';
}

export function canEditSchedule(role: RoleName): boolean {
  return role === 'front_desk';
}

export function isAdmin(role: RoleName): boolean {
  return role === 'admin';
}

/** Where a role lands after signing in. */
export function homeOf(role: RoleName): string {
  if (role === 'patient') return '/my';
  return isAdmin(role) ? '/console/admin/users' : canUseDesk(role) ? '/console' : '/console/sessions';
}
