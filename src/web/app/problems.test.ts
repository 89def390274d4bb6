import { describe, expect, it } from 'vitest';
import { REASONS } from '../../shared/reasons';
import { ApiError, NetworkError } from './api/client';
import { translator } from './i18n/catalog';
import { en } from './i18n/en';
import { es } from './i18n/es';
import { formatWait, isThrottled, passwordMessage, problemMessage, reasonMessage } from './problems';

const refusal = (status: number, error: Record<string, unknown>) => new ApiError(status, { error: { message: 'English words from the server', ...error } as never });

describe('problemMessage', () => {
  it('says a rate limit and its wait in Spanish, not the server English (issue 10)', () => {
    const e = refusal(429, { code: 'TOO_MANY', reason: 'rate_limited', retryAfterSec: 90 });
    expect(problemMessage(e, translator(es), 'es')).toBe('Demasiadas solicitudes desde esta conexión. Espere 2 minutos e intente de nuevo.');
    expect(problemMessage(e, translator(en), 'en')).toBe('Too many requests from this connection. Please wait 2 minutes and try again.');
  });

  it('counts only TOO_MANY as throttled', () => {
    expect(isThrottled(refusal(429, { code: 'TOO_MANY', reason: 'too_many_attempts', retryAfterSec: 5 }))).toBe(true);
    const rule = refusal(422, { code: 'RULE', reason: 'awaiting_approval' });
    expect(isThrottled(rule)).toBe(false);
    expect(problemMessage(rule, translator(en), 'en')).toBe(en['problem.awaitingApproval']);
  });

  it('words a refusal from its reason, and one without a reason from its status', () => {
    expect(problemMessage(refusal(409, { code: 'CONFLICT', reason: 'slot_taken' }), translator(es), 'es')).toBe(es['book.error.taken']);
    expect(problemMessage(refusal(409, { code: 'CONFLICT' }), translator(es), 'es')).toBe(es['console.error.conflict']);
    expect(problemMessage(new NetworkError(new Error('offline')), translator(es), 'es')).toBe(es['console.error.network']);
  });

  it('has words for every reason in both languages', () => {
    for (const r of REASONS) {
      expect(reasonMessage(r, translator(en)), r).not.toBe('');
      expect(reasonMessage(r, translator(es)), r).not.toBe('');
    }
  });
});

describe('formatWait and passwordMessage', () => {
  it('rounds a wait up to seconds, minutes or hours', () => {
    expect(formatWait(1, 'en')).toBe('1 second');
    expect(formatWait(61, 'en')).toBe('2 minutes');
    expect(formatWait(3 * 3600, 'es')).toBe('3 horas');
  });

  it('words a refused password from its reason', () => {
    expect(passwordMessage({ field: 'password', message: 'is too common', reason: 'password_too_common' }, translator(es))).toBe(es['console.password.tooCommon']);
    expect(passwordMessage({ field: 'password', message: 'x', reason: 'text_control' }, translator(en))).toBe(en['error.text.characters']);
  });
});
