import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../../shared/errors.js';
import { MFA_REQUIRED, type IssuedSession } from '../access/index.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { Language, NoticeRequest } from '../notices/index.js';
import { passwordProblem } from './engine/password-policy.js';
import type { UserRow } from './identity.repo.js';

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  /** The clinic's name as it is now (the clinic settings may change it). */
  clinicName: () => string;
  publicUrl: string;
  audit: AuditService;
  /** Renders a registered notice in the recipient's language and puts it in the outbox, inside the caller's transaction. */
  enqueueNotice(t: Queryable, notice: NoticeRequest): Promise<unknown>;
  /** Patient records, through the patients and scheduling services (absent in tools that create staff only). */
  patients?: {
    match(m: { firstName: string; lastName: string; dateOfBirth: string }): Promise<{ id: string; email: string; firstName: string; language: Language }[]>;
    byCode(appointmentId: string, code: string): Promise<{ id: string; email: string; firstName: string } | undefined>;
  };
  afterCommit(): void;
}

/** What every part of identity shares: its dependencies, and the sessions it issues and forgets. */
export interface IdentityCore {
  deps: IdentityDeps;
  sessions: {
    issueSession(t: Queryable, user: UserRow, mfaPassed: boolean, ctx: AuditContext): Promise<IssuedSession>;
    /** Drops a resolved session from this process's cache (the database says it ended). */
    forget(idHash: string): void;
    forgetUser(userId: string): void;
  };
}

export const DAY_MS = 86_400_000;
export const INVITE_TTL_MS = 7 * DAY_MS;

/** Refuses a password the policy does not accept, naming the field. */
export function passwordIssue(password: string, ctx: { email?: string; name?: string }): void {
  const problem = passwordProblem(password, ctx);
  if (problem) throw AppError.invalid('password', problem.message, problem.reason);
}

export const needsSecondFactor = (u: UserRow) => MFA_REQUIRED.includes(u.role) || u.totpEnabled;
/** The audit context of a request acting as this user (before the session says so). */
export const auditAs = (ctx: AuditContext, u: UserRow): AuditContext => ({ ...ctx, actorUserId: u.id, actorRole: u.role });

/**
 * Answers that must not tell a known email from an unknown one take at least
 * this long, whatever work each path did (OWASP ASVS 2.2.x, issue 3).
 */
export const UNIFORM_ANSWER_MS = 250;

export async function atLeast<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = ms - (performance.now() - started);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
  }
}
