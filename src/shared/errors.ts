import type { IssueReason, Reason } from './reasons.js';

export type { IssueReason, Reason } from './reasons.js';

/**
 * The one error currency of Relief. Domain code throws AppError; app.ts maps
 * the code to an HTTP status and the body shape every client reads.
 */
export type ErrorCode =
  | 'INVALID' // malformed or out-of-range input (422/400)
  | 'NOT_FOUND' // unknown id, or one the caller may not know exists (404)
  | 'CONFLICT' // a race or a uniqueness rule lost (409)
  | 'RULE' // well-formed, but a business rule refuses it (422)
  | 'FORBIDDEN' // authenticated, not allowed (403)
  | 'UNAUTHENTICATED' // no valid session or code (401)
  | 'TOO_MANY' // too many attempts or requests; wait `retryAfterSec` (429, RFC 6585)
  | 'UNAVAILABLE'; // a dependency is down (503)

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `patient.email`. */
  field: string;
  message: string;
  /** A stable word for what is wrong with the field, where a form has more to say than "check it". */
  reason?: IssueReason;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: { issues?: FieldIssue[]; reason?: Reason; retryAfterSec?: number; [k: string]: unknown };

  constructor(code: ErrorCode, message: string, details: AppError['details'] = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  static invalid(field: string, message: string, reason?: IssueReason): AppError {
    return new AppError('INVALID', `${field}: ${message}`, { issues: [{ field, message, ...(reason ? { reason } : {}) }], reason: 'invalid' });
  }

  /** Too many attempts: the answer is a 429 with Retry-After, whatever the attempt would have been. */
  static tooMany(message: string, retryAfterSec: number, reason: Reason = 'too_many_attempts'): AppError {
    return new AppError('TOO_MANY', message, { retryAfterSec: Math.max(1, Math.ceil(retryAfterSec)), reason });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Body of every error response. */
export interface ErrorBody {
  /** `reason`: a stable word for a refusal a client acts on and translates (shared/reasons.ts). */
  error: {
    code: ErrorCode; message: string; issues?: FieldIssue[]; reason?: Reason; retryAfterSec?: number;
    /** Whom to call when the refusal means calling the clinic (change_cutoff_passed: the visit's location). */
    phone?: string;
  };
}
