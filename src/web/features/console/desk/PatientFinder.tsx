import { useState, type ReactNode } from 'react';
import type { DeskPatient } from '../../../../shared/contracts/staff';
import { useI18n } from '../../../app/i18n/useT';
import { useDebounced } from '../../../app/useDebounced';
import { TextField } from '../../../ui/Field';
import { formatCalendarDate } from '../console-format';
import { problemMessage } from '../../../app/problems';
import { usePatientSearch } from './desk-api';
import { patientName } from './schedule-index';

/**
 * A search box for patients (name, birth date or phone) with a spoken count of
 * matches and the list; each match is a control of the caller's choosing (a
 * button that picks the patient, a link to the chart) around its name and line.
 */
export function PatientFinder({
  id,
  label,
  error,
  result,
}: {
  id: string;
  /** The search box's label; "Find the patient" unless given. */
  label?: string;
  error?: string | undefined;
  result: (p: DeskPatient, label: ReactNode) => ReactNode;
}) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const term = useDebounced(q, 250).trim();
  const search = usePatientSearch(term);
  const results = term.length >= 2 ? (search.data ?? []) : [];
  const settled = term.length >= 2 && !search.isFetching && !!search.data;
  return (
    <div className="patient-search">
      <TextField
        frame={{ id, label: label ?? t('console.book.search'), hint: t('console.book.searchHint'), error }}
        name="patientSearch"
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <div role="status" className="search-status muted">
        {search.isError
          ? problemMessage(search.error, t, lang)
          : settled
            ? results.length === 0
              ? t('console.book.noMatch')
              : results.length === 1
                ? t('console.book.matches.one')
                : t('console.book.matches.other', { count: results.length })
            : ''}
      </div>
      {results.length > 0 && (
        <ul className="patient-results" aria-label={t('console.book.results')}>
          {results.map((p) => (
            <li key={p.id}>
              {result(
                p,
                <>
                  <span className="patient-result-name">{patientName(p)}</span>
                  <span className="muted">{t('console.book.patientLine', { dob: formatCalendarDate(p.dateOfBirth, lang), phone: p.phone })}</span>
                </>,
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
