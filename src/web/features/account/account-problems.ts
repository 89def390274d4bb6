import { ApiError } from '../../app/api/client';
import type { Lang, Translate } from '../../app/i18n/catalog';
import { problemMessage } from '../../app/problems';

/**
 * A refused account request in words a patient can act on: an activation that
 * finds no record (or no appointment with that code) says so in those words.
 */
export function accountProblem(e: unknown, t: Translate, lang: Lang): string {
  if (e instanceof ApiError && e.issues.length === 0 && e.status === 404) return t('account.error.noMatch');
  return problemMessage(e, t, lang);
}

export function isAlreadyActive(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409;
}
