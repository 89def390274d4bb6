import type { Role } from './engine/policy.js';

/**
 * The shape of a signed-in person as every module sees it. Identity signs
 * people in and produces these; access decides what they may do. The types
 * live here, on the side that is depended on, so identity imports access and
 * access never imports identity (no cycle).
 */
export interface SessionUser {
  id: string;
  organizationId: string;
  email: string;
  displayName: string;
  role: Role;
  status: 'invited' | 'pending_approval' | 'active' | 'disabled';
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  patientId: string | null;
  practitionerId: string | null;
  npi: string | null;
}

/** A session resolved from its cookie: who, and how far they have signed in. */
export interface CurrentSession {
  idHash: string;
  user: SessionUser;
  csrfToken: string;
  expiresAt: number;
  idleExpiresAt: number;
  mfaPassed: boolean;
}

/** A session as the HTTP layer sees it when it is issued; `token` goes in the cookie and nowhere else. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: number;
  idleTimeoutSec: number;
}
