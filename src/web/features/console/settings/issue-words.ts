import type { FieldIssue, IssueReason } from '../../../../shared/errors';
import type { Lang, MessageKey, Translate } from '../../../app/i18n/catalog';
import { isReason } from '../../../../shared/reasons';
import { isTextIssue, reasonMessage } from '../../../app/problems';

type SettingsKey = Extract<MessageKey, `settings.issue.${string}`>;

/** Field reasons a settings form may meet, in words. */
const REASON_WORDS: Partial<Record<IssueReason, SettingsKey>> = {
  required: 'settings.issue.required',
  date_invalid: 'settings.issue.date',
  range_reversed: 'settings.issue.rangeReversed',
};

/** Reasons too general to say more than the message does. */
const GENERAL: readonly string[] = ['invalid', 'bad_request', 'conflict', 'unknown_reference'];

/**
 * The settings contract's own refusals (shared/contracts/clinic-settings.ts)
 * and Zod's number and choice checks, read from the server's English so the
 * Spanish reader gets them in Spanish too; `{n}` is the number in the message.
 */
const MESSAGE_WORDS: [RegExp, SettingsKey][] = [
  [/^is required$/, 'settings.issue.required'],
  [/^must be at most (\d+) characters$/, 'settings.issue.tooLong'],
  [/^must be a time 'HH:MM'/, 'settings.issue.time'],
  [/^must be a date 'YYYY-MM-DD'/, 'settings.issue.date'],
  [/^must be a phone number/, 'settings.issue.phone'],
  [/^must be lower-case letters, digits and hyphens/, 'settings.issue.slug'],
  [/^must be a web address/, 'settings.issue.url'],
  [/^must be a two-letter state code/, 'settings.issue.state'],
  [/^must be a ZIP code/, 'settings.issue.zip'],
  [/^choose at least one capability/, 'settings.issue.capability'],
  [/^choose at least one language/, 'settings.issue.language'],
  [/^must be a 5-character CPT/, 'settings.issue.cpt'],
  [/^must be an id as returned by the API/, 'settings.issue.choose'],
  [/^Too small: expected number to be >=?(\d+)/, 'settings.issue.min'],
  [/^Too big: expected number to be <=?(\d+)/, 'settings.issue.max'],
  [/^Too big: expected array to have <=?(\d+)/, 'settings.issue.tooMany'],
  [/^Invalid input: expected (int|number)/, 'settings.issue.number'],
  [/^Invalid option/, 'settings.issue.choose'],
];

/**
 * One refused field in the reader's language: its reason's words, else the
 * contract message's, else (English) the server's own words or (Spanish) a
 * plain "check this".
 */
export function issueWords(issue: Pick<FieldIssue, 'message' | 'reason'>, t: Translate, lang: Lang): string {
  if (isTextIssue(issue)) return t('error.text.characters');
  const byReason = issue.reason && REASON_WORDS[issue.reason];
  if (byReason) return t(byReason as 'settings.issue.required');
  // The settings engine names each problem with a refusal reason (hours_overlap, duplicate_name, ...): the problems catalog has its words.
  const reason: unknown = issue.reason;
  if (isReason(reason) && !GENERAL.includes(reason)) return reasonMessage(reason, t);
  for (const [re, key] of MESSAGE_WORDS) {
    const m = re.exec(issue.message);
    if (m) return t(key as 'settings.issue.min', { n: m[1] ?? '' });
  }
  return lang === 'en' && issue.message ? capitalizeFirst(issue.message) : t('settings.issue.check');
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
