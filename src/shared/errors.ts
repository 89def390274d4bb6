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
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: { issues?: FieldIssue[]; [k: string]: unknown };

  constructor(code: ErrorCode, message: string, details: AppError['details'] = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  static invalid(field: string, message: string): AppError {
    return new AppError('INVALID', `${field}: ${message}`, { issues: [{ field, message }] });
  }

  /** Too many attempts: the answer is a 429 with Retry-After, whatever the attempt would have been. */
  static tooMany(message: string, retryAfterSec: number, reason = 'too_many_attempts'): AppError {
    return new AppError('TOO_MANY', message, { retryAfterSec: Math.max(1, Math.ceil(retryAfterSec)), reason });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Body of every error response. */
export interface ErrorBody {
  /** `reason`: a stable word for a refusal a client acts on (e.g. `break_glass_required`, `slot_taken`). */
  error: { code: ErrorCode; message: string; issues?: FieldIssue[]; reason?: string; retryAfterSec?: number };
}
