import { useState } from 'react';
import type { AffectedVisit, SettingsChange } from '../../../../shared/contracts/clinic-settings';
import type { FieldIssue } from '../../../../shared/errors';
import type { RequestOf } from '../../../app/api/routes';
import { useI18n } from '../../../app/i18n/useT';
import { hasIssues, problemMessage } from '../../../app/problems';
import type { SummaryItem } from '../../../ui/ErrorSummary';
import { fieldId, localPath, targetPath } from './field-paths';
import { issueWords } from './issue-words';
import { useSettingsSave, type SaveKey } from './settings-api';

export interface SettingsForm {
  /** The form's name in its inputs' ids (`f-<form>-<path>`). */
  form: string;
  id: (path: string) => string;
  /** The words for the input at `path` (every issue that lands there), or undefined. */
  error: (path: string) => string | undefined;
  /** The error summary's items: each issue with its field's label, linked to its input. */
  summary: (label: (path: string) => string) => SummaryItem[];
  /** Changes on every refused attempt, so the summary takes focus again. */
  attempts: number;
  /** A refusal that names no field (a conflict, a lost connection), in words. */
  problem: string | null;
  done: string | null;
  affected: AffectedVisit[];
  saving: boolean;
  save: (req: unknown, opts?: { done?: string; onSaved?: (r: SettingsChange) => void }) => void;
  /** Client-side refusals before sending (e.g. a number that is not one), by path. */
  refuse: (issues: FieldIssue[]) => void;
  clear: () => void;
}

/**
 * What every settings form shares: send, show the server's field issues at
 * their inputs and in a summary, the saving state, the success (announced)
 * and the booked visits the change left outside the settings.
 */
export function useSettingsForm<K extends SaveKey>(key: K, form: string, known: readonly string[], scope: string | null = null): SettingsForm {
  const { t, lang } = useI18n();
  const mutation = useSettingsSave(key);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [affected, setAffected] = useState<AffectedVisit[]>([]);

  /** The input an issue lands at: its path made the form's (see localPath), then the nearest input. */
  const landing = (i: FieldIssue) => {
    const local = localPath(i.field, scope);
    return local === null ? null : targetPath(local, known);
  };
  const where = (i: FieldIssue, at: string | null, label: (path: string) => string) => {
    if (at !== null) return label(at);
    const local = localPath(i.field, scope);
    return local === null ? i.field : label(local);
  };
  const firstInput = known[0] ?? '';

  function clear() {
    setIssues([]);
    setProblem(null);
    setDone(null);
    setAffected([]);
  }

  function refuse(found: FieldIssue[]) {
    clear();
    setIssues(found);
    setAttempts((n) => n + 1);
  }

  function save(req: unknown, opts: { done?: string; onSaved?: (r: SettingsChange) => void } = {}) {
    clear();
    mutation.mutate(req as RequestOf<K>, {
      onSuccess: (r) => {
        const said = opts.done ?? t('settings.saved');
        // The list is below the form: the announcement says it is there.
        const more = r.affected.length === 0 ? '' : r.affected.length === 1 ? t('settings.affected.seeOne') : t('settings.affected.see', { n: r.affected.length });
        setDone(more ? `${said} ${more}` : said);
        setAffected(r.affected);
        opts.onSaved?.(r);
      },
      onError: (e) => {
        if (hasIssues(e)) {
          setIssues(e.issues);
          setAttempts((n) => n + 1);
        } else setProblem(problemMessage(e, t, lang));
      },
    });
  }

  return {
    form,
    id: (path) => fieldId(form, path),
    error: (path) => {
      const here = issues.filter((i) => landing(i) === path).map((i) => issueWords(i, t, lang));
      return here.length ? [...new Set(here)].join(' ') : undefined;
    },
    summary: (label) => {
      // One line per input (the summary's links are keyed by their target), every issue there in it.
      const lines = new Map<string, string[]>();
      for (const i of issues) {
        const at = landing(i);
        const target = fieldId(form, at ?? firstInput);
        const line = lines.get(target) ?? [];
        if (line.length === 0) line.push(`${where(i, at, label)}:`);
        const words = issueWords(i, t, lang);
        if (!line.includes(words)) line.push(words);
        lines.set(target, line);
      }
      return [...lines].map(([targetId, words]) => ({ targetId, message: words.join(' ') }));
    },
    attempts,
    problem,
    done,
    affected,
    saving: mutation.isPending,
    save,
    refuse,
    clear,
  };
}
