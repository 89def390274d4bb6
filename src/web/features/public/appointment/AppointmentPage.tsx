import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import type { ManagedAppointment } from '../../../../shared/contracts/booking';
import { ApiError } from '../../../app/api/client';
import { useAppointment } from '../../../app/api/queries';
import { capitalize, formatDateTime } from '../../../app/i18n/format';
import { Trans } from '../../../app/i18n/Trans';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { PhoneLink } from '../../../ui/PhoneLink';
import { QueryState } from '../../../ui/QueryState';
import { practitionerName } from '../booking/slots';
import { useClinicDirectory, type ClinicDirectory } from '../useClinicDirectory';
import { CancelPanel } from './CancelPanel';
import { CodeForm } from './CodeForm';
import { CutoffNotice } from './CutoffNotice';
import { ReschedulePanel } from './ReschedulePanel';
import { WhatToBring } from './WhatToBring';

/**
 * An appointment as the patient sees it, opened with the id and the
 * confirmation code from the email. The code stays in the address only.
 */
export function AppointmentPage() {
  const { t } = useI18n();
  usePageTitle('title.appointment');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code')?.trim().toUpperCase() || null;
  const justBooked = (useLocation().state as { justBooked?: boolean } | null)?.justBooked === true;
  const appointment = useAppointment(id, code);
  const clinic = useClinicDirectory();

  if (!code) {
    return (
      <section className="narrow">
        <h1>{t('appt.title')}</h1>
        <CodeForm />
      </section>
    );
  }
  const notFound = appointment.error instanceof ApiError && appointment.error.status < 500;
  if (notFound) {
    return (
      <section className="narrow">
        <h1>{t('appt.title')}</h1>
        <div className="notice notice-error" role="alert">
          <p>{t('appt.notFound')}</p>
        </div>
        <CodeForm />
      </section>
    );
  }
  return (
    <QueryState
      isPending={appointment.isPending || clinic.isPending}
      isError={appointment.isError || clinic.isError}
      retry={() => {
        void appointment.refetch();
        clinic.retry();
      }}
    >
      {appointment.data && clinic.directory && (
        <AppointmentView appointment={appointment.data} code={code} directory={clinic.directory} justBooked={justBooked} />
      )}
    </QueryState>
  );
}

function AppointmentView({
  appointment: a,
  code,
  directory,
  justBooked,
}: {
  appointment: ManagedAppointment;
  code: string;
  directory: ClinicDirectory;
  justBooked: boolean;
}) {
  const { t, lang, pick } = useI18n();
  const [panel, setPanel] = useState<'none' | 'cancel' | 'reschedule'>('none');
  const [done, setDone] = useState<string | null>(null);
  const location = directory.location(a.locationId);
  const visitType = directory.visitType(a.visitTypeId);
  const cancelled = a.status === 'cancelled';
  const when = capitalize(formatDateTime(a.start, a.timeZone, lang));
  // Online changes close at the visit type's cutoff (issue 11); the server decides, this only spares a refused try.
  const changeOpen = Date.now() <= Date.parse(a.changeableUntil);
  const ics = `/api/appointments/${encodeURIComponent(a.id)}/calendar.ics?code=${encodeURIComponent(code)}`;

  return (
    <>
      <h1>{justBooked && !cancelled ? t('appt.title.booked') : t('appt.title')}</h1>
      {justBooked && !cancelled && <p className="lede">{t('appt.bookedLede', { name: a.patientFirstName })}</p>}
      <div role="status" className="status-region">
        {done && <div className="notice notice-success"><p>{done}</p></div>}
      </div>
      {cancelled && !done && (
        <div className="notice notice-warning">
          <p>{t('appt.cancelledNotice')}</p>
        </div>
      )}

      <div className="appointment-layout">
        <section className={cancelled ? 'card appointment-card is-cancelled' : 'card appointment-card'} aria-labelledby="appt-details-title">
          <h2 id="appt-details-title" className="sr-only">
            {t('appt.title')}
          </h2>
          <dl className="facts">
            <div>
              <dt>{t('appt.when')}</dt>
              <dd className="fact-strong">{when}</dd>
            </div>
            {visitType && (
              <div>
                <dt>{t('appt.visit')}</dt>
                <dd>{pick(visitType.name)}</dd>
              </div>
            )}
            <div>
              <dt>{t('appt.provider')}</dt>
              <dd>{providerLabel(a, directory)}</dd>
            </div>
            {location && (
              <div>
                <dt>{t('appt.location')}</dt>
                <dd>
                  {location.name}
                  <address>
                    {location.address.line1}
                    <br />
                    {location.address.city}, {location.address.state} {location.address.postalCode}
                  </address>
                  <PhoneLink phone={location.phone} />
                </dd>
              </div>
            )}
            <div>
              <dt>{t('appt.code')}</dt>
              <dd>
                <span className="code">{code}</span>
                {!cancelled && <span className="field-hint">{t('appt.codeHint')}</span>}
              </dd>
            </div>
          </dl>
          {!cancelled && (
            <p>
              <a className="btn btn-secondary" href={ics}>
                <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
                  <rect x="3.5" y="5" width="17" height="15" rx="2" />
                  <path d="M3.5 10h17M8 3v4M16 3v4M12 13v5M9.5 15.5h5" />
                </svg>
                {t('appt.calendar')}
              </a>
            </p>
          )}
        </section>
        {!cancelled && <WhatToBring />}
      </div>

      {!cancelled && (
        <section className="section" aria-labelledby="manage-title">
          <h2 id="manage-title">{t('appt.manage.title')}</h2>
          {!changeOpen && <CutoffNotice location={a.locationName} phone={a.locationPhone} />}
          {changeOpen && panel === 'none' && (
            <p className="muted">{t('appt.cutoff.until', { when: formatDateTime(a.changeableUntil, a.timeZone, lang) })}</p>
          )}
          {changeOpen && panel === 'none' && (
            <div className="actions">
              <button type="button" className="btn btn-secondary" onClick={() => setPanel('reschedule')}>
                {t('appt.reschedule.open')}
              </button>
              <button type="button" className="btn btn-danger-outline" onClick={() => setPanel('cancel')}>
                {t('appt.cancel.open')}
              </button>
            </div>
          )}
          {panel === 'reschedule' && (
            <ReschedulePanel
              appointment={a}
              code={code}
              directory={directory}
              onClose={() => setPanel('none')}
              onDone={(updated) => {
                setPanel('none');
                setDone(t('appt.reschedule.doneWith', { when: formatDateTime(updated.start, updated.timeZone, lang), name: providerLabel(updated, directory) }));
              }}
            />
          )}
          {panel === 'cancel' && (
            <CancelPanel
              appointmentId={a.id}
              code={code}
              location={{ name: a.locationName, phone: a.locationPhone }}
              onClose={() => setPanel('none')}
              onDone={() => {
                setPanel('none');
                setDone(t('appt.cancel.done'));
              }}
            />
          )}
          {changeOpen && (
            <p className="muted">
              <Trans k="appt.manage.callUs" values={{ phone: <PhoneLink phone={a.locationPhone} /> }} />
            </p>
          )}
        </section>
      )}
      <section className="section card" aria-labelledby="account-cta-title">
        <h2 id="account-cta-title">{t('appt.account.title')}</h2>
        <p>{t('appt.account.body')}</p>
        <p>
          <Link className="btn btn-secondary" to={`/account/activate?appointment=${encodeURIComponent(a.id)}&code=${encodeURIComponent(code)}`}>
            {t('appt.account.link')}
          </Link>
        </p>
      </section>
      <p>
        <Link to="/book">{t('appt.bookAnother')}</Link>
      </p>
    </>
  );
}

/** The practitioner as the site writes them ('Elena Ortiz, MD'); the appointment's own name if they are no longer listed. */
function providerLabel(a: Pick<ManagedAppointment, 'practitionerId' | 'practitionerName'>, directory: ClinicDirectory): string {
  return practitionerName(directory.practitioner(a.practitionerId)) || a.practitionerName;
}
