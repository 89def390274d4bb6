import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { PatientChart } from '../../../../shared/contracts/portal';
import { ApiError } from '../../../app/api/client';
import type { Lang, Translate } from '../../../app/i18n/catalog';
import { capitalize, formatDateTime, formatTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { DataTable } from '../../../ui/DataTable';
import { TextAreaField } from '../../../ui/Field';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { PhoneLink } from '../../../ui/PhoneLink';
import { Loading } from '../../../ui/QueryState';
import { useClinicDirectory, type ClinicDirectory } from '../../public/useClinicDirectory';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { ageOn, formatCalendarDate } from '../console-format';
import { StatusBadge } from '../desk/AppointmentCard';
import { todayIn } from '../desk/desk-time';
import { nameWithCredentials, patientName } from '../desk/schedule-index';
import { issuesByField, problemMessage } from '../../../app/problems';
import { canBreakGlass } from '../../../app/roles';
import { useSignedIn } from '../../../app/session/SessionProvider';
import { useBreakGlass, useChart } from './chart-api';

/**
 * One patient's chart: who they are, their visits, who else sees the record.
 * A clinician outside the patient's care is offered emergency access instead.
 */
export function ChartPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.chart');
  const { patientId = '' } = useParams();
  const { user } = useSignedIn();
  const chart = useChart(patientId);
  const clinic = useClinicDirectory();
  const { refetch: refetchChart } = chart;
  const refetch = useCallback(() => void refetchChart(), [refetchChart]);

  let body;
  if (chart.isPending || clinic.isPending) body = <Loading />;
  else if (chart.error instanceof ApiError && chart.error.reason === 'break_glass_required' && canBreakGlass(user.role)) {
    body = <BreakGlassForm patientId={patientId} />;
  } else if (chart.error instanceof ApiError && (chart.error.status === 404 || (chart.error.status === 403 && chart.error.reason === 'role'))) {
    body = (
      <>
        <h1>{t('console.chart.title')}</h1>
        <div className="notice notice-warning">
          <p>{t('console.chart.notFound')}</p>
        </div>
      </>
    );
  } else if (chart.isError || clinic.isError || !chart.data || !clinic.directory) {
    body = (
      <>
        <h1>{t('console.chart.title')}</h1>
        <OutcomeNotices done={null} problem={problemMessage(chart.error, t, lang)} />
      </>
    );
  } else body = <Chart chart={chart.data} directory={clinic.directory} onExpired={refetch} />;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/console/patients">{t('console.chart.back')}</Link>
      </p>
      {body}
    </>
  );
}

function Chart({ chart, directory, onExpired }: { chart: PatientChart; directory: ClinicDirectory; onExpired: () => void }) {
  const { t, lang } = useI18n();
  const { patient, visits, sharing, access } = chart;
  // Emergency access ends on the clock, not on the next click: ask again then (the answer is the form).
  useEffect(() => {
    if (!access.expiresAt) return;
    const timer = window.setTimeout(onExpired, Math.max(0, Date.parse(access.expiresAt) - Date.now()) + 1000);
    return () => window.clearTimeout(timer);
  }, [access.expiresAt, onExpired]);
  const today = todayIn(CLINIC_ZONE);
  return (
    <>
      <h1>{patientName(patient)}</h1>
      {access.basis === 'break_glass' && (
        <div className="notice notice-warning" role="note">
          <p>
            <strong>
              {access.expiresAt ? emergencyUntil(access.expiresAt, today, t, lang) : t('console.chart.emergencyNoTime')}
            </strong>{' '}
            {t('console.chart.emergencyBody')}
          </p>
        </div>
      )}
      <dl className="facts facts-compact chart-facts">
        <div>
          <dt>{t('field.patient.dateOfBirth')}</dt>
          <dd>
            {formatCalendarDate(patient.dateOfBirth, lang)} ({t('console.appt.age', { years: ageOn(patient.dateOfBirth, today) })})
          </dd>
        </div>
        <div>
          <dt>{t('field.patient.phone')}</dt>
          <dd>
            <PhoneLink phone={patient.phone} />
          </dd>
        </div>
        <div>
          <dt>{t('field.patient.email')}</dt>
          <dd>
            <a href={`mailto:${patient.email}`}>{patient.email}</a>
          </dd>
        </div>
        <div>
          <dt>{t('console.chart.language')}</dt>
          <dd>{t(`console.chart.lang.${patient.preferredLanguage}`)}</dd>
        </div>
      </dl>

      <h2 id="chart-visits-title">{t('console.chart.visits')}</h2>
      {visits.length === 0 ? (
        <p>{t('console.chart.noVisits')}</p>
      ) : (
        <DataTable
          labelledBy="chart-visits-title"
          columns={[t('appt.when'), t('appt.visit'), t('appt.provider'), t('console.chart.where'), t('console.chart.status'), t('field.reason')]}
        >
          {visits.map((v) => (
            <tr key={v.id}>
              <th scope="row" className="cell-nowrap">
                {capitalize(formatDateTime(v.start, v.timeZone, lang))}
              </th>
              <td>{directory.visitType(v.visitTypeId)?.name[lang] ?? ''}</td>
              <td>{nameOf(directory, v.practitionerId)}</td>
              <td>{directory.location(v.locationId)?.name ?? ''}</td>
              <td>
                <StatusBadge status={v.status} />
                {v.cancelReason && <span className="cell-sub">{v.cancelReason}</span>}
              </td>
              <td className="cell-wrap">
                {v.reason}
                {v.referringDoctor && <span className="cell-sub">{t('console.chart.referredBy', { name: v.referringDoctor })}</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{t('console.chart.sharing')}</h2>
      {sharing.length === 0 ? (
        <p>{t('console.chart.noSharing')}</p>
      ) : (
        <ul className="plain-list">
          {sharing.map((s) => (
            <li key={`${s.kind}-${s.name}`}>
              <strong>{s.name}</strong> · {t(`console.chart.share.${s.kind}.${s.scope}`)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function nameOf(directory: ClinicDirectory, practitionerId: string): string {
  const p = directory.practitioner(practitionerId);
  return p ? nameWithCredentials(p) : '';
}

/** When emergency access ends; with its date when that is not today (four hours from 9 PM is tomorrow). */
function emergencyUntil(expiresAt: string, today: string, t: Translate, lang: Lang): string {
  const time = formatTime(expiresAt, CLINIC_ZONE, lang);
  const day = todayIn(CLINIC_ZONE, Date.parse(expiresAt));
  return day === today ? t('console.chart.emergency', { time }) : t('console.chart.emergencyDay', { time, date: formatCalendarDate(day, lang) });
}

/** The same rule as the server's (BreakGlassRequest): a reason someone reviewing it can weigh. */
const MIN_REASON = 10;

/** Emergency access (45 CFR 164.312(a)(2)(ii)): a reason, a time limit, a review. */
function BreakGlassForm({ patientId }: { patientId: string }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const open = useBreakGlass(patientId);
  // The server's words are English; at the field, the catalog's.
  const reasonError = tooShort || issuesByField(open.error).reason ? t('console.chart.reasonShort') : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const given = reason.trim();
    setTooShort(given.length < MIN_REASON);
    if (given.length >= MIN_REASON) open.mutate(given);
  };
  return (
    <>
      <h1>{t('console.chart.restricted')}</h1>
      <div className="notice notice-warning">
        <p>{t('console.chart.restrictedBody')}</p>
      </div>
      <form className="panel break-glass-form" onSubmit={submit} noValidate aria-labelledby="break-glass-title">
        <h2 id="break-glass-title">{t('console.chart.breakGlass')}</h2>
        <p>{t('console.chart.breakGlassLede')}</p>
        <OutcomeNotices done={null} problem={open.isError && !reasonError ? problemMessage(open.error, t, lang) : null} />
        <TextAreaField
          frame={{ id: 'f-break-glass-reason', label: t('console.chart.reason'), hint: t('console.chart.reasonHint'), error: reasonError }}
          name="reason"
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" className="btn btn-danger" disabled={open.isPending}>
          {t('console.chart.breakGlassSubmit')}
        </button>
      </form>
    </>
  );
}
