import { useState, type FormEvent } from 'react';
import { EARLIEST_BIRTH_DATE } from '../../../../shared/birth-date';
import { localDateOf } from '../../../../shared/time';
import type { Lang } from '../../../app/i18n/catalog';
import { Trans } from '../../../app/i18n/Trans';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { RadioGroupField, SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { PhoneLink } from '../../../ui/PhoneLink';
import {
  FIELD_ORDER,
  fieldId,
  HEARD_ABOUT_OPTIONS,
  serverFieldErrors,
  toBookingRequest,
  validateDetails,
  type DetailsValues,
  type FieldErrors,
  type FieldPath,
  type SlotChoice,
} from './booking-validation';
import { CLINIC_ZONE } from './slots';
import type { SubmitResult } from './useSubmitBooking';

interface Props {
  slot: SlotChoice;
  values: DetailsValues;
  onChange: (values: DetailsValues) => void;
  submitting: boolean;
  submit: (req: ReturnType<typeof toBookingRequest>) => Promise<SubmitResult>;
  /** The server took the booking, refused the time, or online booking closed; the page moves on. */
  onDone: (result: Extract<SubmitResult, { kind: 'booked' | 'taken' | 'closed' }>) => void;
  phone: string;
}

type Problem = { kind: 'network' } | { kind: 'failed' } | { kind: 'other'; messages: string[] } | null;
// A throttled booking (429) is an 'other' problem: its words and the wait come from app/problems.ts.

export function DetailsForm({ slot, values, onChange, submitting, submit, onDone, phone }: Props) {
  const { t, lang } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem>(null);
  const [attempts, setAttempts] = useState(0);

  const set = <K extends keyof DetailsValues>(k: K, v: DetailsValues[K]) => onChange({ ...values, [k]: v });
  const frame = (path: FieldPath, extra: { hint?: string; optional?: boolean } = {}) => ({
    id: fieldId(path),
    label: t(`field.${path}`),
    error: errors[path],
    ...extra,
  });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (submitting) return;
    setAttempts((n) => n + 1);
    const req = toBookingRequest(slot, values);
    const found = validateDetails(req, localDateOf(Date.now(), CLINIC_ZONE), t);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;

    const result = await submit(req);
    if (result.kind === 'booked' || result.kind === 'taken' || result.kind === 'closed') return onDone(result);
    if (result.kind === 'invalid') {
      const { fields, other } = serverFieldErrors(result.issues, lang, t);
      setErrors(fields);
      if (other.length) setProblem({ kind: 'other', messages: other });
    } else if (result.kind === 'network') setProblem({ kind: 'network' });
    else if (result.kind === 'throttled') setProblem({ kind: 'other', messages: [problemMessage(result.error, t, lang)] });
    else if (result.kind === 'failed') setProblem({ kind: 'failed' });
    setAttempts((n) => n + 1);
  }

  const summary = FIELD_ORDER.filter((f) => errors[f]).map((f) => ({ targetId: fieldId(f), message: errors[f]! }));

  return (
    <form
      noValidate
      // submit() turns every failure into a result it returns, so the handler's promise never rejects.
      onSubmit={(e) => void onSubmit(e)}
      className="details-form"
      aria-describedby="details-required-note"
    >
      <p id="details-required-note" className="muted">
        {t('common.requiredNote')} {t('book.details.privacy')}
      </p>
      <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
      <div className="field-row">
        <TextField frame={frame('patient.firstName')} name="firstName" autoComplete="given-name" value={values.firstName} onChange={(e) => set('firstName', e.target.value)} />
        <TextField frame={frame('patient.lastName')} name="lastName" autoComplete="family-name" value={values.lastName} onChange={(e) => set('lastName', e.target.value)} />
      </div>
      <TextField
        frame={frame('patient.dateOfBirth')}
        name="dateOfBirth"
        type="date"
        autoComplete="bday"
        min={EARLIEST_BIRTH_DATE}
        max={localDateOf(Date.now(), CLINIC_ZONE)}
        value={values.dateOfBirth}
        onChange={(e) => set('dateOfBirth', e.target.value)}
        className="input input-date"
      />
      <div className="field-row">
        <TextField frame={frame('patient.phone', { hint: t('field.patient.phone.hint') })} name="phone" type="tel" autoComplete="tel" inputMode="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} />
        <TextField frame={frame('patient.email', { hint: t('field.patient.email.hint') })} name="email" type="email" autoComplete="email" spellCheck={false} value={values.email} onChange={(e) => set('email', e.target.value)} />
      </div>
      <RadioGroupField
        id="f-patient-preferredLanguage"
        legend={t('field.patient.preferredLanguage')}
        name="preferredLanguage"
        value={values.preferredLanguage}
        options={[
          { value: 'en', label: 'English', lang: 'en' },
          { value: 'es', label: 'Español', lang: 'es' },
        ]}
        onChange={(v) => set('preferredLanguage', v as Lang)}
        error={errors['patient.preferredLanguage']}
      />
      <TextAreaField frame={frame('reason', { hint: t('field.reason.hint') })} name="reason" rows={4} maxLength={1000} value={values.reason} onChange={(e) => set('reason', e.target.value)} />
      <SelectField frame={frame('heardAbout', { optional: true })} name="heardAbout" value={values.heardAbout} onChange={(e) => set('heardAbout', e.target.value as DetailsValues['heardAbout'])}>
        <option value="">{t('field.heardAbout.choose')}</option>
        {HEARD_ABOUT_OPTIONS.map((o) => (
          <option key={o} value={o}>
            {t(`heard.${o}`)}
          </option>
        ))}
      </SelectField>
      <TextField frame={frame('referringDoctor', { hint: t('field.referringDoctor.hint'), optional: true })} name="referringDoctor" autoComplete="off" maxLength={120} value={values.referringDoctor} onChange={(e) => set('referringDoctor', e.target.value)} />

      <div role="alert" className="submit-problem">
        {problem && (
          <div className="notice notice-error">
            {problem.kind === 'network' && <p>{t('book.error.network')}</p>}
            {problem.kind === 'failed' && (
              <p>
                <Trans k="book.error.generic" values={{ phone: <PhoneLink phone={phone} /> }} />
              </p>
            )}
            {problem.kind === 'other' && problem.messages.map((m) => <p key={m}>{m}</p>)}
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary btn-large" disabled={submitting} aria-disabled={submitting}>
        {submitting && <span className="spinner spinner-light" aria-hidden="true" />}
        {submitting ? t('book.submitting') : t('book.submit')}
      </button>
    </form>
  );
}
