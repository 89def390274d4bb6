/**
 * Which channels carry one patient notice: the patient's choice for its kind,
 * as far as they can be reached. A notice they wanted by text that cannot go
 * by text (no SMS form of it, or a number that cannot take texts) goes by
 * email rather than not at all; with neither, nothing is sent (the desk
 * reads a code out to a caller without an email address, issue 11).
 */
export function chooseChannels(c: { choice: 'email' | 'sms' | 'both'; hasEmail: boolean; canText: boolean }): ('email' | 'sms')[] {
  const wanted = c.choice === 'both' ? ['email', 'sms'] as const : [c.choice];
  const out = wanted.filter((ch) => (ch === 'email' ? c.hasEmail : c.canText));
  if (out.length === 0 && c.choice !== 'email' && c.hasEmail) return ['email'];
  return out;
}

/** The reminders before a visit (issue 12): 48 hours and 2 hours before its start. */
export const REMINDER_HOURS = [48, 2] as const;

/** The reminders still ahead of `now` for a visit starting at `start`: one already due is not sent (the confirmation just went). */
export function remindersAhead(start: number, now: number): { hoursBefore: number; dueAt: number }[] {
  return REMINDER_HOURS.map((h) => ({ hoursBefore: h, dueAt: start - h * 3_600_000 })).filter((r) => r.dueAt > now);
}
