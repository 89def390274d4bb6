import { AppError } from '../../shared/errors.js';

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
}

const CONFLICT_CODES = new Set(['23505', '23P01', '40001', '40P01']);

/**
 * Postgres decides every race; this is the one place its verdict becomes a
 * domain error. Unique (23505), exclusion (23P01), serialization (40001) and
 * deadlock (40P01) failures are conflicts the user can act on, never a 500.
 */
export function toAppError(err: unknown): unknown {
  const e = err as PgLikeError;
  if (e && typeof e.code === 'string' && CONFLICT_CODES.has(e.code)) {
    return new AppError('CONFLICT', 'The request conflicts with a change made at the same time.', {
      reason: 'concurrent_change',
      constraint: e.constraint ?? constraintFromMessage(e.message),
      pgCode: e.code,
    });
  }
  // A reference to a row that is not there (23503): a service should have said which field first; this
  // is the safety net that keeps it a 422 instead of a 500.
  if (e && e.code === '23503') {
    return new AppError('INVALID', 'The request names something that does not exist.', { reason: 'unknown_reference', constraint: e.constraint ?? constraintFromMessage(e.message) });
  }
  return err;
}

/** PGlite does not always fill `constraint`; its message names it. */
function constraintFromMessage(message: string | undefined): string | undefined {
  const m = /constraint "([^"]+)"/.exec(message ?? '');
  return m?.[1];
}

export function constraintOf(err: unknown): string | undefined {
  if (err instanceof AppError && err.code === 'CONFLICT') return err.details.constraint as string | undefined;
  return undefined;
}
