import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ClinicDocument, ImportResult } from '../../../../shared/contracts/clinic-settings';
import { ApiError } from '../../../app/api/client';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';
import { useSettingsTitle } from './useSettingsTitle';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { issueWords } from './issue-words';
import { normalizePath } from './field-paths';
import { afterSettingsChange, settingsKey } from './settings-api';
import { AffectedVisits } from './SettingsParts';

/** Export and import of the clinic's settings as one versioned JSON document (issue 11). */
export function TransferPage() {
  const { t } = useI18n();
  useSettingsTitle('settings.title.transfer');
  return (
    <>
      <h1>{t('settings.transfer.title')}</h1>
      <p className="lede">{t('settings.transfer.lede')}</p>
      <ExportPanel />
      <ImportPanel />
    </>
  );
}

function ExportPanel() {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const [done, setDone] = useState<string | null>(null);
  const exp = useMutation({ mutationFn: () => api.request('GET /api/admin/clinic/export') });

  function download() {
    setDone(null);
    exp.mutate(undefined, {
      onSuccess: (doc) => {
        const url = URL.createObjectURL(new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = `clinic-settings-${new Date().toISOString().slice(0, 10)}.json`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setDone(t('settings.transfer.exported'));
      },
    });
  }

  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t('settings.transfer.exportTitle')}</h2>
      <p>{t('settings.transfer.exportLede')}</p>
      <OutcomeNotices done={done} problem={exp.isError ? problemMessage(exp.error, t, lang) : null} />
      <button type="button" className="btn btn-secondary" disabled={exp.isPending} onClick={download}>
        {exp.isPending ? t('settings.transfer.exporting') : t('settings.transfer.export')}
      </button>
    </section>
  );
}

interface Problem {
  field: string;
  words: string;
}

function ImportPanel() {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const [doc, setDoc] = useState<{ name: string; body: unknown } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const imp = useMutation({
    mutationFn: (body: unknown) => api.request('POST /api/admin/clinic/import', { body: body as ClinicDocument }),
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: settingsKey });
      afterSettingsChange(queryClient);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length) {
        setProblems(e.issues.map((i) => ({ field: normalizePath(i.field) ? i.field : t('settings.transfer.wholeDocument'), words: issueWords(i, t, lang) })));
        // The list replaces the form's attention: move to it so it is read first.
        setTimeout(() => problemsRef.current?.focus(), 0);
      }
    },
  });

  async function onChoose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setDoc(null);
    setFileError(null);
    setProblems([]);
    setResult(null);
    imp.reset();
    if (!file) return;
    try {
      setDoc({ name: file.name, body: JSON.parse(await file.text()) as unknown });
    } catch {
      setFileError(t('settings.transfer.notJson'));
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setProblems([]);
    setResult(null);
    if (!doc) {
      if (!fileError) setFileError(t('settings.transfer.chooseFile'));
      document.getElementById('f-import-file')?.focus();
      return;
    }
    imp.mutate(doc.body);
  }

  const otherProblem = imp.isError && problems.length === 0 ? problemMessage(imp.error, t, lang) : null;
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('settings.transfer.importTitle')}</h2>
      <p>{t('settings.transfer.importLede')}</p>
      <form noValidate onSubmit={onSubmit}>
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor="f-import-file" className="field-label">
            {t('settings.transfer.file')}
          </label>
          {fileError && (
            <p id="f-import-file-error" className="field-error">
              {fileError}
            </p>
          )}
          <input
            id="f-import-file"
            type="file"
            className="input input-file"
            accept="application/json,.json"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'f-import-file-error' : undefined}
            onChange={(e) => void onChoose(e)}
          />
        </div>
        <OutcomeNotices done={result ? t('settings.transfer.imported', { created: result.created, updated: result.updated }) : null} problem={otherProblem} />
        <button type="submit" className="btn btn-primary" disabled={imp.isPending}>
          {imp.isPending ? t('settings.transfer.importing') : t('settings.transfer.import')}
        </button>
      </form>
      {problems.length > 0 && (
        <div className="error-summary import-problems" role="alert" tabIndex={-1} ref={problemsRef} aria-labelledby="import-problems-title">
          <h3 id="import-problems-title" className="error-summary-title">
            {problems.length === 1 ? t('settings.transfer.refusedOne') : t('settings.transfer.refused', { n: problems.length })}
          </h3>
          <p>{t('settings.transfer.nothingChanged')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <code>{p.field}</code>: {p.words}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && <ImportSummary result={result} />}
    </section>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  return (
    <>
      <dl className="facts import-counts">
        <div>
          <dt>{t('settings.transfer.created')}</dt>
          <dd>{result.created}</dd>
        </div>
        <div>
          <dt>{t('settings.transfer.updated')}</dt>
          <dd>{result.updated}</dd>
        </div>
      </dl>
      {result.notInDocument.length > 0 && (
        <section aria-labelledby="not-in-doc-title">
          <h3 id="not-in-doc-title">{t('settings.transfer.notInDocument', { n: result.notInDocument.length })}</h3>
          <p>{t('settings.transfer.notInDocumentLede')}</p>
          <ul>
            {result.notInDocument.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      <AffectedVisits visits={result.affected} id="import-affected" />
    </>
  );
}
