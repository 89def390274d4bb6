import { useSignedIn } from '../../../app/session/SessionProvider';
import { useOpenRecord } from '../../account/MyLayout';

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
 * Whose record the messages pages act for: the record the /my pages have open
 * (MyLayout: a patient's own; a caregiver's chosen shared record, switched
 * there). A limited-scope caregiver cannot message (issue 12).
 */
export function usePatientInFocus(): { focus: PatientFocus; choices: SharedRecordChoice[] } {
  const { user } = useSignedIn();
  const record = useOpenRecord();
  const name = record.name ?? user.displayName;
  if (record.scope === 'limited') return { focus: { state: 'limited', patientName: name }, choices: [] };
  return { focus: { state: 'ready', patientId: record.patientId, patientName: name, caregiver: record.scope !== 'own' }, choices: [] };
}

/** A messages address that keeps the record in focus (a caregiver's `?patient=`). */
export function messagesPath(path: string, _focus: PatientFocus): string {
  return path;
}
