import { EARLIEST_BIRTH_DATE } from '../../../../shared/birth-date';
import type { DeskPatient } from '../../../../shared/contracts/staff';
import type { Lang } from '../../../app/i18n/catalog';
import { useI18n } from '../../../app/i18n/useT';
import { RadioGroupField, TextField } from '../../../ui/Field';
import { formatCalendarDate } from '../console-format';
import { PatientFinder } from './PatientFinder';
import { patientName } from './schedule-index';

export interface NewPatient {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  preferredLanguage: Lang;
}

export const emptyPatient = (): NewPatient => ({ firstName: '', lastName: '', dateOfBirth: '', phone: '', email: '', preferredLanguage: 'en' });

export type PatientChoice = { mode: 'existing'; patient: DeskPatient | null } | { mode: 'new'; details: NewPatient };

/** Field paths of a new patient, as the API names them in its 422 issues. */
export const NEW_PATIENT_FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'phone', 'email'] as const;
export const patientFieldId = (f: string) => `f-bk-patient-${f}`;

/** Find the caller among existing patients, or take a new patient's details. */
export function PatientChooser({
  value,
  onChange,
  errors,
  today,
}: {
  value: PatientChoice;
  onChange: (v: PatientChoice) => void;
  errors: Record<string, string | undefined>;
  today: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <RadioGroupField
        id="f-bk-mode"
        legend={t('console.book.patientKind')}
        name="patientMode"
        value={value.mode}
        options={[
          { value: 'existing', label: t('console.book.existing') },
          { value: 'new', label: t('console.book.new') },
        ]}
        onChange={(m) => onChange(m === 'new' ? { mode: 'new', details: emptyPatient() } : { mode: 'existing', patient: null })}
      />
      {value.mode === 'existing' ? (
        <PatientSearch selected={value.patient} onSelect={(p) => onChange({ mode: 'existing', patient: p })} error={errors.patientId} />
      ) : (
        <NewPatientFields details={value.details} onChange={(d) => onChange({ mode: 'new', details: d })} errors={errors} today={today} />
      )}
    </>
  );
}

function PatientSearch({ selected, onSelect, error }: { selected: DeskPatient | null; onSelect: (p: DeskPatient | null) => void; error?: string | undefined }) {
  const { t, lang } = useI18n();
  if (selected) {
    return (
      <div className="chosen-patient">
        <p>
          <strong>{patientName(selected)}</strong>
          <br />
          <span className="muted">
            {t('console.book.patientLine', { dob: formatCalendarDate(selected.dateOfBirth, lang), phone: selected.phone })}
          </span>
        </p>
        <button type="button" className="btn btn-secondary btn-small" onClick={() => onSelect(null)}>
          {t('console.book.otherPatient')}
        </button>
      </div>
    );
  }
  return (
    <PatientFinder
      id="f-bk-patient-search"
      error={error}
      result={(p, label) => (
        <button type="button" className="patient-result" onClick={() => onSelect(p)}>
          {label}
        </button>
      )}
    />
  );
}

function NewPatientFields({
  details: d,
  onChange,
  errors,
  today,
}: {
  details: NewPatient;
  onChange: (d: NewPatient) => void;
  errors: Record<string, string | undefined>;
  today: string;
}) {
  const { t } = useI18n();
  const set = <K extends keyof NewPatient>(k: K, v: NewPatient[K]) => onChange({ ...d, [k]: v });
  const frame = (f: (typeof NEW_PATIENT_FIELDS)[number]) => ({ id: patientFieldId(f), label: t(`field.patient.${f}`), error: errors[`patient.${f}`] });
  return (
    <>
      <div className="field-row">
        <TextField frame={frame('firstName')} name="firstName" autoComplete="off" value={d.firstName} onChange={(e) => set('firstName', e.target.value)} />
        <TextField frame={frame('lastName')} name="lastName" autoComplete="off" value={d.lastName} onChange={(e) => set('lastName', e.target.value)} />
      </div>
      <div className="field-row">
        <TextField
          frame={frame('dateOfBirth')}
          name="dateOfBirth"
          type="date"
          min={EARLIEST_BIRTH_DATE}
          max={today}
          className="input input-date"
          value={d.dateOfBirth}
          onChange={(e) => set('dateOfBirth', e.target.value)}
        />
        <TextField frame={frame('phone')} name="phone" type="tel" inputMode="tel" autoComplete="off" value={d.phone} onChange={(e) => set('phone', e.target.value)} />
      </div>
      {/* A caller may have no email address (issue 11): the desk then reads the confirmation code out. */}
      <TextField
        frame={{ ...frame('email'), optional: true, hint: t('console.book.emailHint') }}
        name="email"
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={d.email}
        onChange={(e) => set('email', e.target.value)}
      />
      <RadioGroupField
        id="f-bk-patient-preferredLanguage"
        legend={t('field.patient.preferredLanguage')}
        name="preferredLanguage"
        value={d.preferredLanguage}
        options={[
          { value: 'en', label: 'English', lang: 'en' },
          { value: 'es', label: 'Español', lang: 'es' },
        ]}
        onChange={(v) => set('preferredLanguage', v as Lang)}
      />
    </>
  );
}
