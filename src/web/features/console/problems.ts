import type { FieldIssue } from '../../../shared/errors';
import { isThrottled } from '../../app/api/authed-client';
import { ApiError, NetworkError } from '../../app/api/client';
import type { Lang, Translate } from '../../app/i18n/catalog';

/**
 * One sentence for a failed request, in words a person can act on. In English
 * the server's own message is the most specific; in Spanish the catalog's.
 */
export function problemMessage(e: unknown, t: Translate, lang: Lang): string {
  if (e instanceof NetworkError) return t('console.error.network');
  if (!(e instanceof ApiError)) return t('console.error.generic');
  if (e.status === 401) return t('console.error.expired');
  if (e.status === 403) return t('console.error.forbidden');
  if (isThrottled(e)) return lang === 'en' && e.message ? e.message : t('console.error.throttled');
  if (e.status === 409) return lang === 'en' && e.message ? e.message : t('console.error.conflict');
  if (e.status >= 500) return t('console.error.generic');
  return lang === 'en' && e.message ? e.message : t('console.error.invalid');
}

/** The field issues of a 422, keyed by the API's field path. */
export function issuesByField(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError) for (const i of e.issues) out[i.field] ??= i.message;
  return out;
}

export function hasIssues(e: unknown): e is ApiError & { issues: FieldIssue[] } {
  return e instanceof ApiError && e.issues.length > 0;
}

/**
 * The server's reason for refusing a new password (NIST 800-63B checks in the
 * identity module), in the reader's language; unknown reasons are shown as sent.
 */
export function passwordReason(message: string, t: Translate): string {
  if (/at least/.test(message)) return t('console.password.tooShort');
  if (/at most/.test(message)) return t('console.password.tooLong');
  if (/common/.test(message)) return t('console.password.tooCommon');
  if (/repeated/.test(message)) return t('console.password.repeated');
  if (/sequence/.test(message)) return t('console.password.sequence');
  if (/email|name/.test(message)) return t('console.password.personal');
  return message;
}
