import type { RoutePolicy } from '../modules/access/index.js';
import { decide, type Role } from '../modules/access/engine/policy.js';
import { STAFF_ROLES as SHARED_STAFF_ROLES } from '../../shared/roles.js';
import { tokenHash } from '../platform/tokens.js';
import type { TestApp } from '../testing/test-app.js';
import { createSignedIn, type SignedIn } from '../testing/test-users.js';

/** Who sends a request: nobody, a patient, or a member of staff (with their CSRF token). */
export type PersonaKind = 'anonymous' | 'patient' | 'staff';
export const PERSONA_KINDS: readonly PersonaKind[] = ['anonymous', 'patient', 'staff'];
export const STAFF_ROLES: readonly Role[] = SHARED_STAFF_ROLES;

/** The staff roles a route's policy admits (all of them for a public or any-session route, or when none is admitted). */
export function staffRolesFor(policy: RoutePolicy): Role[] {
  if (policy === 'public' || policy === 'signed_in') return [...STAFF_ROLES];
  const admitted = STAFF_ROLES.filter((role) =>
    decide({ userId: 'x', role, mfaPassed: true, patientId: null, caregiverOf: [], referredPatients: [], breakGlass: [] }, policy).allow);
  return admitted.length > 0 ? admitted : [...STAFF_ROLES];
}

/** Who gets furthest into an operation: anyone for a public route, the patient for their own record, else a member of staff the policy admits. */
export function sweepPersona(policy: RoutePolicy): PersonaKind {
  if (policy === 'public') return 'anonymous';
  if (policy === 'signed_in') return 'patient';
  const patient = { userId: 'x', role: 'patient' as const, mfaPassed: true, patientId: 'p', caregiverOf: [], referredPatients: [], breakGlass: [] };
  return decide(patient, policy, { patientId: 'p' }).allow ? 'patient' : 'staff';
}

/**
 * Signed-in users, one per role, recreated when a generated request signs one
 * out, ends its sessions or disables its account (as a request may rightly do).
 */
export async function createPersonas(t: TestApp, facts: { patientId: string; practitionerId: string }) {
  const optsOf = (role: Role) => (role === 'patient' ? { patientId: facts.patientId } : role === 'clinician' ? { practitionerId: facts.practitionerId } : {});
  const users = new Map<Role, SignedIn>();
  let recreated = 0;
  for (const role of ['patient', ...STAFF_ROLES] as Role[]) users.set(role, await createSignedIn(t, role, optsOf(role)));

  return {
    get(role: Role): SignedIn {
      return users.get(role)!;
    },
    all: () => [...users.values()],
    get recreated() {
      return recreated;
    },
    /** After a request that wrote something: replaces every persona whose session or account it ended. */
    async revalidate(): Promise<void> {
      const byHash = new Map([...users.values()].map((u) => [tokenHash(u.cookie.slice(u.cookie.indexOf('=') + 1)), u]));
      const alive = await t.db.query<{ id_hash: string }>(
        `SELECT s.id_hash FROM user_session s JOIN app_user u ON u.id = s.user_id
          WHERE s.id_hash = ANY($1) AND s.revoked_at IS NULL AND s.mfa_passed AND u.status = 'active' AND (u.totp_enabled_at IS NOT NULL OR u.role = 'patient')`,
        [[...byHash.keys()]],
      );
      const ok = new Set(alive.map((r) => r.id_hash));
      for (const [hash, u] of byHash) {
        if (ok.has(hash)) continue;
        users.set(u.role, await createSignedIn(t, u.role, optsOf(u.role)));
        recreated++;
      }
    },
  };
}
export type Personas = Awaited<ReturnType<typeof createPersonas>>;

/** Cookie and CSRF headers for a persona, spoiled as an 'auth' case asks. */
export function authHeaders(user: SignedIn | null, tweak: string | null): Record<string, string> {
  const forged = 'relief_session=Zm9yZ2VkLXNlc3Npb24tdG9rZW4tdGhhdC1uZXZlci1leGlzdGVk';
  if (!user) {
    if (tweak === 'forged session cookie') return { cookie: forged };
    if (tweak === 'malformed cookie header') return { cookie: 'relief_session; ;;=; relief_session==\u00ff' };
    if (tweak === 'huge cookie (8 KB)') return { cookie: `relief_session=${'a'.repeat(8_000)}` };
    return {};
  }
  const headers = { cookie: user.cookie, 'x-csrf-token': user.csrf };
  switch (tweak) {
    case 'no CSRF token': return { cookie: user.cookie };
    case 'wrong CSRF token': return { ...headers, 'x-csrf-token': `${user.csrf.slice(0, -2)}xx` };
    case 'forged session cookie': return { ...headers, cookie: forged };
    case 'malformed cookie header': return { ...headers, cookie: `${user.cookie};;; =; relief_session` };
    case 'huge cookie (8 KB)': return { ...headers, cookie: `${user.cookie}; pad=${'p'.repeat(8_000)}` };
    case 'two session cookies': return { ...headers, cookie: `${forged}; ${user.cookie}` };
    default: return headers;
  }
}
