import { z } from 'zod';
import type { IssueReason } from '../reasons.js';
import { isLocalDate } from '../time.js';

/**
 * The kinds of text and time every contract accepts, checked once here so that
 * no route can let a byte through that PostgreSQL refuses (NUL), that a staff
 * screen would draw misleadingly (bidi overrides, zero-width characters), or
 * that the database silently changes (lone UTF-16 surrogates become U+FFFD).
 * Each refusal is a 422 naming the field (issue 9, defects 2, 3, 4 and 12).
 */

/* eslint-disable no-control-regex -- finding control characters is the point of these two */
/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Any C0 control, for one-line text: a tab or newline has no place in a name or a search. */
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/* eslint-enable no-control-regex */
/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Characters that change how text around them is drawn or hide inside it
 * (Unicode TR 36 and TR 39): bidi embeddings, overrides and isolates, the
 * implicit direction marks, zero-width spaces and joiners, word joiner and BOM.
 */
const INVISIBLE_OR_BIDI = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export const TEXT_ISSUES = {
  control: 'must not contain control characters',
  surrogate: 'must be valid Unicode text',
  invisible: 'must not contain invisible or text-direction characters',
} as const;

/** The stable word sent with each text refusal (`issues[].reason`), so a form need not read the English. */
const TEXT_REASONS: Record<string, IssueReason> = {
  [TEXT_ISSUES.control]: 'text_control',
  [TEXT_ISSUES.surrogate]: 'text_surrogate',
  [TEXT_ISSUES.invisible]: 'text_invisible',
};

/** A text refusal as a Zod issue that carries its reason to the client (see zodIssues in app.ts). */
export function textIssue(problem: string) {
  return { code: 'custom' as const, message: problem, params: { reason: TEXT_REASONS[problem] } };
}

/** Why a string is refused, or null: the one check behind every text schema. */
export function textProblem(s: string, opts: { multiline?: boolean; name?: boolean } = {}): string | null {
  if ((opts.multiline ? CONTROL : LINE_CONTROL).test(s)) return TEXT_ISSUES.control;
  if (LONE_SURROGATE.test(s)) return TEXT_ISSUES.surrogate;
  if (opts.name && INVISIBLE_OR_BIDI.test(s)) return TEXT_ISSUES.invisible;
  return null;
}

/** 'first name is required', or 'is required' where the field's name says it already. */
const said = (what: string, rest: string) => (what ? `${what} ${rest}` : rest);

const checked = (opts: { multiline?: boolean; name?: boolean }) => (s: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(s, opts);
  if (problem) ctx.addIssue(textIssue(problem));
};

/**
 * One line of free text (a search, a practice name): trimmed, `what` names it
 * in messages; required unless `optional` is used on the result.
 */
export function lineText(max: number, what: string, min = 1) {
  return z
    .string()
    .trim()
    .min(min, { error: min <= 1 ? said(what, 'is required') : `type at least ${min} characters` })
    .max(max, { error: said(what, `must be at most ${max} characters`) })
    .superRefine(checked({}));
}

/** Free text that may run over lines (a reason for a visit, a cancellation). */
export function longText(max: number, what: string, min = 1) {
  return z
    .string()
    .trim()
    .min(min, { error: min <= 1 ? said(what, 'is required') : `say why, in at least ${min} characters` })
    .max(max, { error: said(what, `must be at most ${max} characters`) })
    .superRefine(checked({ multiline: true }));
}

/** A person's name as staff will read it: one line, no invisible or direction-changing characters. */
export function personName(max: number, what = '') {
  return z
    .string()
    .trim()
    .min(1, { error: said(what, 'is required') })
    .max(max, { error: said(what, `must be at most ${max} characters`) })
    .superRefine(checked({ name: true }));
}

/** The years a date or an instant may fall in: wide enough for any birth or visit, narrow enough for any SQL. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/** A real calendar date 'YYYY-MM-DD' (no 2026-02-30), between 1900 and 2199. */
export const CalendarDate = z.string().refine((s) => isLocalDate(s) && +s.slice(0, 4) >= FIRST_YEAR && +s.slice(0, 4) <= LAST_YEAR, {
  error: `must be a calendar date YYYY-MM-DD between ${FIRST_YEAR} and ${LAST_YEAR}`,
  params: { reason: 'date_invalid' satisfies IssueReason },
});

/**
 * A birth date: a real calendar date, refused with `birth_date_out_of_range`
 * when it is a date but before 1900 or after 2199 (the service refuses one in
 * the future, by the location's clock, with the same reason).
 */
export const BirthDate = z.string().superRefine((s, ctx) => {
  if (!isLocalDate(s)) {
    ctx.addIssue({ code: 'custom', message: 'must be a calendar date YYYY-MM-DD', params: { reason: 'date_invalid' satisfies IssueReason } });
  } else if (+s.slice(0, 4) < FIRST_YEAR || +s.slice(0, 4) > LAST_YEAR) {
    ctx.addIssue({ code: 'custom', message: `must be between ${FIRST_YEAR} and today`, params: { reason: 'birth_date_out_of_range' satisfies IssueReason } });
  }
});

/**
 * An instant with an explicit offset or Z, as the API returns it, between 1900
 * and 2199: a year 9999 never reaches the database's date arithmetic. Services
 * bound it further (a booking's horizon, a block's length).
 */
export const IsoInstant = z.iso
  .datetime({ offset: true, abort: true, error: 'must be an ISO 8601 date-time with offset, e.g. 2026-12-01T09:00:00-06:00' })
  .refine(
    (s) => {
      const ms = Date.parse(s);
      return Number.isFinite(ms) && ms >= Date.UTC(FIRST_YEAR, 0, 1) && ms < Date.UTC(LAST_YEAR + 1, 0, 1);
    },
    { error: `must be a date-time between ${FIRST_YEAR} and ${LAST_YEAR}`, params: { reason: 'instant_invalid' satisfies IssueReason } },
  );
