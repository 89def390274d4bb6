import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { toAppError } from './errors.js';

describe('toAppError', () => {
  it.each([['23505'], ['23P01'], ['40001'], ['40P01']])('makes %s a conflict', (code) => {
    expect((toAppError({ code, constraint: 'x' }) as AppError).code).toBe('CONFLICT');
  });
  it('makes a reference to a missing row (23503) a 422, never a 500 (found by the issue 9 fuzz harness)', () => {
    const e = toAppError({ code: '23503', message: 'insert or update on table "app_user" violates foreign key constraint "app_user_practitioner_id_fkey"' }) as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('INVALID');
    expect(e.details).toMatchObject({ reason: 'unknown_reference', constraint: 'app_user_practitioner_id_fkey' });
  });
  it('passes anything else through', () => {
    const err = new Error('boom');
    expect(toAppError(err)).toBe(err);
  });
});
