import { useRef, useState } from 'react';
import type { SummaryItem } from '../../ui/ErrorSummary';
import { fieldIssues, problemMessage } from '../../app/problems';
import { newIdempotencyKey } from '../../app/api/idempotency-key';
import type { Translate } from '../../app/i18n/catalog';
import type { Lang } from '../../app/i18n/catalog';

/**
 * The state of sending one message: which problems to show (the error summary
 * is focused on each attempt), whether it is on its way, and one
 * Idempotency-Key per message, kept while the same message is tried again
 * (a network error, then "Send" once more, stores it once).
 */
export function useSendMessage<R>(opts: { t: Translate; lang: Lang; fieldTarget: (field: string) => string | undefined; fallbackTarget: string }) {
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ key: string; fingerprint: string } | null>(null);

  /** Runs `send` unless `invalid` lists problems; answers the result, or null when it did not go. */
  async function submit(input: { invalid: SummaryItem[]; fingerprint: string; send: (idempotencyKey: string) => Promise<R> }): Promise<R | null> {
    setAttempts((n) => n + 1);
    if (input.invalid.length > 0) {
      setProblems(input.invalid);
      return null;
    }
    if (!attempt.current || attempt.current.fingerprint !== input.fingerprint) attempt.current = { key: newIdempotencyKey(), fingerprint: input.fingerprint };
    setBusy(true);
    setProblems([]);
    try {
      const result = await input.send(attempt.current.key);
      attempt.current = null;
      return result;
    } catch (e) {
      const issues = Object.keys(fieldIssues(e));
      const target = issues.map(opts.fieldTarget).find((x) => x !== undefined) ?? opts.fallbackTarget;
      setProblems([{ targetId: target, message: problemMessage(e, opts.t, opts.lang) }]);
      return null;
    } finally {
      setBusy(false);
    }
  }

  return { problems, attempts, busy, submit };
}

/** What identifies "the same message" for a retry: its words and its files. */
export function messageFingerprint(parts: readonly string[], files: readonly File[]): string {
  return JSON.stringify([parts, files.map((f) => [f.name, f.size, f.lastModified])]);
}
