import { useState } from 'react';
import { Link } from 'react-router';
import { localDateOf } from '../../../../shared/time';
import type { Appointment } from '../../../../shared/contracts/booking';
import type { DeskAppointment } from '../../../../shared/contracts/staff';
import { capitalize, formatDateTime, formatDayTime, formatLocalDay, formatTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { Dialog } from '../../../ui/Dialog';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { PhoneLink } from '../../../ui/PhoneLink';
import type { ClinicDirectory } from '../../public/useClinicDirectory';
import { ageOn, formatCalendarDate } from '../console-format';
import { problemMessage } from '../../../app/problems';
import { StatusBadge } from './AppointmentCard';
import { CancelForm } from './CancelForm';
import { useAppointmentAction, type AppointmentAction } from './desk-api';
import { todayIn } from './desk-time';
import { canReadCharts } from '../../../app/roles';
import { useSignedIn } from '../../../app/session/SessionProvider';
import { ReschedulePicker } from './ReschedulePicker';
import { patientName, type ScheduleIndex, type Status } from './schedule-index';

type StatusTarget = Extract<AppointmentAction, { kind: 'status' }>['status'];

/** The status changes the desk offers from each status. */
const NEXT: Record<Status, StatusTarget[]> = {
  booked: ['checked_in', 'no_show'],
  checked_in: ['completed', 'booked'],
  no_show: ['booked'],
  completed: [],
  cancelled: [],
};

/** Arrival statuses: the server takes them only from the day of the visit on. */
const ON_THE_DAY: StatusTarget[] = ['checked_in', 'no_show'];

/** The side panel of one appointment: who, what, when, and what the desk can do with it. */
export function AppointmentPanel({
  appointmentId,
  index,
  directory,
  canEdit,
  onClose,
  onMoved,
  onChanged,
}: {
  appointmentId: string;
  index: ScheduleIndex;
  directory: ClinicDirectory;
  canEdit: boolean;
  onClose: () => void;
  onMoved: (message: string, moved: Appointment) => void;
  /** A change made here (a status, a cancellation), also for the desk's own notice. */
  onChanged: (message: string) => void;
}) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  // Kept here, not in the actions: a cancelled visit has no actions left to show it.
  const [done, setDone] = useState<string | null>(null);
  const a = index.appointment(appointmentId);
  if (!a) {
    return (
      <Dialog variant="side" title={t('console.appt.title')} onClose={onClose}>
        <p>{t('console.appt.gone')}</p>
      </Dialog>
    );
  }
  return (
    <Dialog variant="side" title={patientName(a.patient)} onClose={onClose}>
      <AppointmentDetails a={a} index={index} />
      {canReadCharts(user.role) && (
        <p>
          <Link to={`/console/patients/${encodeURIComponent(a.patient.id)}`}>{t('console.appt.openChart')}</Link>
        </p>
      )}
      <OutcomeNotices done={done} problem={null} />
      {canEdit && a.status !== 'cancelled' && (
        <AppointmentActions
          a={a}
          index={index}
          directory={directory}
          onMoved={onMoved}
          onClose={onClose}
          onDone={(message) => {
            setDone(message);
            onChanged(message);
          }}
        />
      )}
    </Dialog>
  );
}

function AppointmentDetails({ a, index }: { a: DeskAppointment; index: ScheduleIndex }) {
  const { t, lang } = useI18n();
  const today = todayIn(index.zone);
  return (
    <>
      <p>
        <StatusBadge status={a.status} />
      </p>
      <dl className="facts facts-compact">
        <div>
          <dt>{t('appt.when')}</dt>
          <dd className="fact-strong">
            {capitalize(formatDateTime(a.start, index.zone, lang))}
            <span className="muted"> {t('console.desk.until', { time: formatTime(a.end, index.zone, lang) })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('appt.visit')}</dt>
          <dd>{index.visitTypeName(a.visitTypeId)}</dd>
        </div>
        <div>
          <dt>{t('appt.provider')}</dt>
          <dd>{index.practitionerLabel(a.practitionerId)}</dd>
        </div>
        <div>
          <dt>{t('console.appt.room')}</dt>
          <dd>{index.roomName(a.roomId)}</dd>
        </div>
        <div>
          <dt>{t('field.reason')}</dt>
          <dd>{a.reason}</dd>
        </div>
        {a.cancelReason !== null && (
          <div>
            <dt>{t('console.cancel.reason')}</dt>
            <dd>{a.cancelReason}</dd>
          </div>
        )}
        <div>
          <dt>{t('console.appt.bookedVia')}</dt>
          <dd>{t(`console.appt.via.${a.bookedVia}`)}</dd>
        </div>
        {a.referringDoctor && (
          <div>
            <dt>{t('field.referringDoctor')}</dt>
            <dd>{a.referringDoctor}</dd>
          </div>
        )}
        {a.heardAbout && (
          <div>
            <dt>{t('field.heardAbout')}</dt>
            <dd>{t(`heard.${a.heardAbout}`)}</dd>
          </div>
        )}
      </dl>
      <h3>{t('console.appt.patient')}</h3>
      <dl className="facts facts-compact">
        <div>
          <dt>{t('field.patient.dateOfBirth')}</dt>
          <dd>
            {formatCalendarDate(a.patient.dateOfBirth, lang)} ({t('console.appt.age', { years: ageOn(a.patient.dateOfBirth, today) })})
          </dd>
        </div>
        <div>
          <dt>{t('field.patient.phone')}</dt>
          <dd>
            <PhoneLink phone={a.patient.phone} />
          </dd>
        </div>
        <div>
          <dt>{t('field.patient.email')}</dt>
          <dd>
            {a.patient.email ? <a href={`mailto:${a.patient.email}`}>{a.patient.email}</a> : <span className="muted">{t('console.book.noEmail')}</span>}
          </dd>
        </div>
      </dl>
    </>
  );
}

function AppointmentActions({
  a,
  index,
  directory,
  onMoved,
  onClose,
  onDone,
}: {
  a: DeskAppointment;
  index: ScheduleIndex;
  directory: ClinicDirectory;
  onMoved: (message: string, moved: Appointment) => void;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  const [mode, setMode] = useState<'none' | 'reschedule' | 'cancel'>('none');
  const action = useAppointmentAction(a.id);
  const visitDay = localDateOf(Date.parse(a.start), index.zone);
  const early = visitDay > todayIn(index.zone);
  const offered = NEXT[a.status].filter((s) => !(early && ON_THE_DAY.includes(s)));

  const changeStatus = (status: StatusTarget) => {
    action.mutate({ kind: 'status', status }, { onSuccess: () => onDone(t(`console.appt.done.${status}`, { patient: patientName(a.patient) })) });
  };

  return (
    <section className="panel-section" aria-labelledby="appt-actions-title">
      <h3 id="appt-actions-title">{t('console.appt.actions')}</h3>
      <OutcomeNotices done={null} problem={action.isError && mode === 'none' ? problemMessage(action.error, t, lang) : null} />
      {mode === 'none' && early && a.status === 'booked' && (
        <p className="muted">{t('console.appt.arrivalOn', { date: formatLocalDay(visitDay, lang) })}</p>
      )}
      {mode === 'none' && (
        <div className="actions">
          {offered.map((s) => (
            <button
              key={s}
              type="button"
              className={s === 'checked_in' || s === 'completed' ? 'btn btn-primary' : 'btn btn-secondary'}
              disabled={action.isPending}
              onClick={() => changeStatus(s)}
            >
              {s === 'booked' ? t('console.appt.to.undo') : t(`console.appt.to.${s}`)}
            </button>
          ))}
          {a.status === 'booked' && (
            <>
              <button type="button" className="btn btn-secondary" onClick={() => setMode('reschedule')}>
                {t('console.appt.reschedule')}
              </button>
              <button type="button" className="btn btn-danger-outline" onClick={() => setMode('cancel')}>
                {t('appt.cancel.open')}
              </button>
            </>
          )}
        </div>
      )}
      {mode === 'reschedule' && (
        <ReschedulePicker
          appointment={a}
          index={index}
          directory={directory}
          onCancel={() => setMode('none')}
          onDone={(updated) => {
            onMoved(
              t('console.appt.moved', {
                patient: patientName(a.patient),
                when: formatDayTime(updated.start, updated.timeZone, lang),
              }),
              updated,
            );
            onClose();
          }}
        />
      )}
      {mode === 'cancel' && (
        <CancelForm
          appointmentId={a.id}
          onKeep={() => setMode('none')}
          onDone={() => {
            setMode('none');
            onDone(t('console.appt.done.cancelled', { patient: patientName(a.patient), when: formatDayTime(a.start, index.zone, lang) }));
          }}
        />
      )}
    </section>
  );
}
