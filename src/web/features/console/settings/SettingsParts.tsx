import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AffectedVisit } from '../../../../shared/contracts/clinic-settings';
import { formatDateTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { deskLinkOf, isAffectedReason } from './affected';
import { useClinicSettings } from './settings-api';
import type { SettingsForm } from './useSettingsForm';

/**
 * The booked visits a change left outside the new hours, rooms or
 * practitioners. They were not moved or cancelled: each links to the desk on
 * its day, where staff handle it.
 */
export function AffectedVisits({ visits, id = 'affected' }: { visits: AffectedVisit[]; id?: string }) {
  const { t, lang } = useI18n();
  const settings = useClinicSettings();
  if (visits.length === 0) return null;
  const locations = settings.data?.locations ?? [];
  return (
    <section className="panel affected-visits" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{visits.length === 1 ? t('settings.affected.titleOne') : t('settings.affected.title', { n: visits.length })}</h2>
      <p>{visits.length === 1 ? t('settings.affected.ledeOne') : t('settings.affected.lede')}</p>
      <p className="muted">{t('settings.affected.deskNote')}</p>
      <ul className="affected-list">
        {visits.map((v) => (
          <li key={v.appointmentId} className="affected-item">
            <p className="affected-who">
              <strong>{v.patientName}</strong>
              <span className="affected-when">{formatDateTime(v.start, v.timeZone, lang)}</span>
            </p>
            <dl className="affected-facts">
              <div>
                <dt>{t('settings.affected.practitioner')}</dt>
                <dd>{v.practitionerName}</dd>
              </div>
              <div>
                <dt>{t('settings.affected.location')}</dt>
                <dd>{v.locationName}</dd>
              </div>
              <div>
                <dt>{t('settings.affected.visitType')}</dt>
                <dd>{v.visitTypeName}</dd>
              </div>
              <div>
                <dt>{t('settings.affected.why')}</dt>
                <dd>{isAffectedReason(v.reason) ? t(`settings.affected.reason.${v.reason}`) : t('settings.affected.reason.other')}</dd>
              </div>
            </dl>
            <p>
              <Link to={deskLinkOf(v, locations)}>{t('settings.affected.openDesk', { patient: v.patientName })}</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Above a settings form: the summary of refused fields (focused), what worked and what failed. */
export function FormTop({ form, label, level = 2 }: { form: SettingsForm; label: (path: string) => string; level?: 2 | 3 }) {
  const { t } = useI18n();
  return (
    <>
      <ErrorSummary title={t('settings.errors.title')} items={form.summary(label)} focusKey={form.attempts} level={level} />
      <OutcomeNotices done={form.done} problem={form.problem} />
    </>
  );
}

/** The save button with its saving state, and the visits the save left outside the settings. */
export function SaveBar({ form, label, children }: { form: SettingsForm; label: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <div className="settings-actions">
        <button type="submit" className="btn btn-primary" disabled={form.saving} aria-describedby={form.saving ? `${form.form}-saving` : undefined}>
          {form.saving ? t('settings.saving') : label}
        </button>
        {children}
      </div>
      {form.saving && (
        <p id={`${form.form}-saving`} className="sr-only">
          {t('settings.saving')}
        </p>
      )}
      <AffectedVisits visits={form.affected} id={`${form.form}-affected`} />
    </>
  );
}

export interface CheckOption {
  value: string;
  label: string;
}

/**
 * A question answered with any number of boxes. The first box carries the
 * field's id, so an issue on the whole list (`capabilities`) lands on it.
 */
export function CheckboxGroup({
  id,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: CheckOption[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={error ? 'field field-invalid check-group' : 'field check-group'} aria-describedby={described}>
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div className="check-row">
        {options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}--${o.value}`;
          return (
            <label key={o.value} className="checkbox" htmlFor={boxId}>
              <input
                id={boxId}
                type="checkbox"
                checked={value.includes(o.value)}
                aria-invalid={error ? true : undefined}
                onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
              />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A yes/no setting on a line of its own. */
export function CheckboxField({ id, label, checked, onChange, hint }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  return (
    <div className="field">
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
