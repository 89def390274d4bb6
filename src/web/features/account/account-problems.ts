import { ApiError } from '../../app/api/client';
import type { Lang, Translate } from '../../app/i18n/catalog';
import { problemMessage } from '../console/problems';

/**
 * A refused account request in words a patient can act on. In English the
 * server's own message is the most specific; in Spanish the catalog's.
 */
export function accountProblem(e: unknown, t: Translate, lang: Lang): string {
  if (e instanceof ApiError && e.issues.length === 0) {
    const server = lang === 'en' && e.message ? e.message : null;
    if (e.status === 404) return server ?? t('account.error.noMatch');
    if (e.status === 409) return server ?? t('account.error.exists');
    if (e.status === 429 || e.code === 'RULE') return server ?? t('account.error.tooMany');
  }
  return problemMessage(e, t, lang);
}

export function isAlreadyActive(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409;
}
