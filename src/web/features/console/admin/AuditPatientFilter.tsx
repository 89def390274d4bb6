import { useI18n } from '../../../app/i18n/useT';
import { PatientFinder } from '../desk/PatientFinder';
import { patientName } from '../desk/schedule-index';

/** The patient the audit report is narrowed to: an id, and a name once one is known. */
export interface ChosenPatient {
  id: string;
  name: string | null;
}

/**
 * Narrows the audit report to one patient's record. An auditor is asked about
 * a person ("who opened my chart?"), not an id, so the patient is found by
 * name, birth date or phone; each match the search shows is itself audited.
 */
export function AuditPatientFilter({ value, onChange }: { value: ChosenPatient | null; onChange: (p: ChosenPatient | null) => void }) {
  const { t } = useI18n();
  if (value) {
    return (
      <div className="chosen-patient audit-patient" role="group" aria-labelledby="audit-patient-label">
        <p>
          <span id="audit-patient-label" className="field-label">
            {t('console.audit.patient')}
          </span>
          <strong>{value.name ?? t('console.audit.patientUnnamed')}</strong>
          <span className="cell-sub cell-id">{value.id}</span>
        </p>
        <button type="button" className="btn btn-secondary btn-small" onClick={() => onChange(null)}>
          {t('console.audit.anyPatient')}
        </button>
      </div>
    );
  }
  return (
    <div className="audit-patient">
      <PatientFinder
        id="f-audit-patient"
        label={t('console.audit.findPatient')}
        result={(p, label) => (
          <button type="button" className="patient-result" onClick={() => onChange({ id: p.id, name: patientName(p) })}>
            {label}
          </button>
        )}
      />
    </div>
  );
}
