/**
 * The roles of Relief, in one place: the access policy, the API contracts, the
 * fuzz personas and the web all read them from here (issue 10, part 8).
 */
export const ROLES = ['patient', 'caregiver', 'front_desk', 'nurse', 'clinician', 'billing', 'referrer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The clinic's own people, invited from the console. */
export const STAFF_ROLES = ['front_desk', 'nurse', 'clinician', 'billing', 'admin'] as const satisfies readonly Role[];
export type StaffRoleName = (typeof STAFF_ROLES)[number];

/** Patients and their caregivers: their pages are on the public site (/my), not in the console. */
export const ACCOUNT_HOLDER_ROLES = ['patient', 'caregiver'] as const satisfies readonly Role[];

/** Roles that must pass a second factor before anything else (issue 3; 45 CFR 164.312(d)): all but account holders. */
export const MFA_REQUIRED: readonly Role[] = ROLES.filter((r) => !(ACCOUNT_HOLDER_ROLES as readonly Role[]).includes(r));

export function isStaffRole(role: Role): role is StaffRoleName {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}

export function isAccountHolderRole(role: Role): boolean {
  return (ACCOUNT_HOLDER_ROLES as readonly Role[]).includes(role);
}

export function requiresSecondFactor(role: Role): boolean {
  return MFA_REQUIRED.includes(role);
}
