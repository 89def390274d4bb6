import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../../app/i18n/useT';
import { useSignedIn } from '../../../app/session/SessionProvider';

export type PatientFocus =
  | { state: 'loading' }
  | { state: 'failed'; retry: () => void }
  /** No record to message about: a patient account without a record, or a caregiver no one shares with. */
  | { state: 'none' }
  /** A caregiver whose access to this record is appointments only: they cannot message (issue 12). */
  | { state: 'limited'; patientName: string }
  | { state: 'ready'; patientId: string; patientName: string; caregiver: boolean };

export interface SharedRecordChoice {
  patientId: string;
  patientName: string;
}

/**
 * Whose record the messages pages act for: a patient's own; for a caregiver,
 * the record chosen with `?patient=` (the first shared record when none is
 * chosen), which every link of these pages carries along.
 */
export function usePatientInFocus(): { focus: PatientFocus; choices: SharedRecordChoice[] } {
  const { user, api } = useSignedIn();
  const [params] = useSearchParams();
  const caregiver = user.role === 'caregiver';
  const records = useQuery({
    queryKey: ['my', 'shared-records'],
    queryFn: ({ signal }) => api.request('GET /api/caregiver/patients', {}, { signal }).then((r) => r.items),
    enabled: caregiver,
  });
  if (!caregiver) {
    return { focus: user.patientId ? { state: 'ready', patientId: user.patientId, patientName: user.displayName, caregiver: false } : { state: 'none' }, choices: [] };
  }
  if (records.isPending) return { focus: { state: 'loading' }, choices: [] };
  if (records.isError) return { focus: { state: 'failed', retry: () => void records.refetch() }, choices: [] };
  const items = records.data;
  const choices = items.map((r) => ({ patientId: r.patientId, patientName: r.patientName }));
  const chosen = items.find((r) => r.patientId === params.get('patient')) ?? items[0];
  if (!chosen) return { focus: { state: 'none' }, choices };
  if (chosen.scope !== 'full') return { focus: { state: 'limited', patientName: chosen.patientName }, choices };
  return { focus: { state: 'ready', patientId: chosen.patientId, patientName: chosen.patientName, caregiver: true }, choices };
}

/** A messages address that keeps the record in focus (a caregiver's `?patient=`). */
export function messagesPath(path: string, focus: PatientFocus): string {
  return focus.state === 'ready' && focus.caregiver ? `${path}?patient=${encodeURIComponent(focus.patientId)}` : path;
}

/**
 * Whose record is open, always said (issue 12); a caregiver who helps several
 * patients chooses here (a plain form: it works without script and by keyboard).
 */
export function RecordInFocus({ focus, choices }: { focus: PatientFocus; choices: SharedRecordChoice[] }) {
  const { t } = useI18n();
  const name = focus.state === 'ready' || focus.state === 'limited' ? focus.patientName : null;
  return (
    <div className="record-focus">
      {name && <p className="record-focus-name">{t('my.messages.viewing', { name })}</p>}
      {choices.length > 1 && (
        <form method="get" className="record-focus-choose">
          <label htmlFor="record-focus-patient" className="field-label">
            {t('my.messages.choosePatient')}
          </label>
          <select
            id="record-focus-patient"
            name="patient"
            className="input"
            defaultValue={focus.state === 'ready' ? focus.patientId : undefined}
          >
            {choices.map((c) => (
              <option key={c.patientId} value={c.patientId}>
                {c.patientName}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="btn btn-secondary">
            {t('my.messages.choosePatientSubmit')}
          </button>
        </form>
      )}
    </div>
  );
}
