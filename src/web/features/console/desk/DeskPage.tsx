import { useMemo, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import type { Location } from '../../../../shared/contracts/clinic';
import { capitalize, formatDayTime, formatLocalDay, formatZoneName } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { QueryState } from '../../../ui/QueryState';
import { useClinicDirectory, type ClinicDirectory } from '../../public/useClinicDirectory';
import { canEditSchedule, canUseDesk, isAdmin } from '../../../app/roles';
import { useSession, useSignedIn } from '../../../app/session/SessionProvider';
import { AppointmentPanel } from './AppointmentPanel';
import { BlockDialog, BlockPanel } from './BlockDialog';
import { BookingDialog, type Booked } from './BookingDialog';
import { DayView } from './DayView';
import { useSchedule } from './desk-api';
import { parseDateParam, rangeFor, todayIn, zonedPlace, type DeskChoices, type DeskColumns, type DeskView } from './desk-time';
import { DeskToolbar } from './DeskToolbar';
import { indexSchedule } from './schedule-index';
import { useScheduleLive } from './useScheduleLive';
import { WeekView } from './WeekView';

export function DeskPage() {
  const { t } = useI18n();
  usePageTitle('title.console.desk');
  const { user } = useSignedIn();
  const clinic = useClinicDirectory();
  if (isAdmin(user.role)) return <Navigate to="/console/admin" replace />;
  if (!canUseDesk(user.role)) {
    return (
      <>
        <h1>{t('console.desk.title')}</h1>
        <div className="notice">
          <p>{t('console.desk.notForRole')}</p>
        </div>
      </>
    );
  }
  return (
    <QueryState isPending={clinic.isPending} isError={clinic.isError} retry={clinic.retry}>
      {clinic.directory && <Desk directory={clinic.directory} canEdit={canEditSchedule(user.role)} />}
    </QueryState>
  );
}

type Open = { kind: 'appointment'; id: string } | { kind: 'block'; id: string } | { kind: 'book' } | { kind: 'newBlock' } | null;

function useDeskParams(directory: ClinicDirectory) {
  const [params, setParams] = useSearchParams();
  const location: Location | undefined = directory.location(params.get('loc')) ?? directory.locations[0];
  const zone = location?.timeZone ?? 'America/Chicago';
  const today = todayIn(zone);
  const date = parseDateParam(params.get('date')) ?? today;
  const view: DeskView = params.get('view') === 'week' ? 'week' : 'day';
  const cols: DeskColumns = params.get('cols') === 'rooms' ? 'rooms' : 'practitioners';
  const set = (values: DeskChoices) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(values)) if (v) next.set(k, v);
        return next;
      },
      { replace: true },
    );
  return { location, zone, today, date, view, cols, set };
}

function Desk({ directory, canEdit }: { directory: ClinicDirectory; canEdit: boolean }) {
  const { t, lang, pick } = useI18n();
  const { location, zone, today, date, view, cols, set } = useDeskParams(directory);
  const [open, setOpen] = useState<Open>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [readOut, setReadOut] = useState<{ patient: string; code: string } | null>(null);
  /** Another change's message replaces a booking's, and the code to read out with it. */
  const say = (message: string) => {
    setNotice(message);
    setReadOut(null);
  };
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const { refresh } = useSession();
  const live = useScheduleLive(true, () => void refresh().catch(() => {}));
  const range = rangeFor(view, date);
  const schedule = useSchedule(location?.id ?? null, range.from, range.to, live === 'live' ? false : 30_000);
  const index = useMemo(() => (schedule.data ? indexSchedule(schedule.data, directory, pick) : null), [schedule.data, directory, pick]);

  if (!location) {
    return (
      <div className="notice">
        <p>{t('console.desk.noLocations')}</p>
      </div>
    );
  }

  const onBooked = (b: Booked) => {
    setOpen(null);
    const when = formatDayTime(b.appointment.start, b.appointment.timeZone, lang);
    setNotice(t('console.book.done', { patient: b.patientName, when, practitioner: b.practitionerLabel }));
    setReadOut(b.confirmationCode ? { patient: b.patientName, code: b.confirmationCode } : null);
    setHighlightId(b.appointment.id);
    // Show the new appointment where it is.
    set({ loc: b.appointment.locationId, date: zonedPlace(b.appointment.start, b.appointment.timeZone).date });
  };

  // The schedule on screen may still be the previous day's (kept while the next loads).
  const showing = index && index.schedule.locationId === location.id && index.schedule.from === range.from ? index : null;

  return (
    <div className="desk">
      <div className="desk-head">
        <h1 className="desk-title">{t('console.desk.title')}</h1>
        {canEdit && (
          <div className="desk-actions">
            <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'book' })}>
              {t('console.desk.book')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setOpen({ kind: 'newBlock' })}>
              {t('console.desk.block')}
            </button>
          </div>
        )}
      </div>
      <DeskToolbar
        locations={directory.locations}
        locationId={location.id}
        view={view}
        cols={cols}
        date={date}
        today={today}
        showCancelled={showCancelled}
        onShowCancelled={setShowCancelled}
        onChange={set}
      />
      <div className="desk-when">
        <h2 className="desk-date">
          {view === 'day'
            ? capitalize(formatLocalDay(date, lang))
            : capitalize(t('console.desk.weekOf', { from: formatLocalDay(range.from, lang), to: formatLocalDay(range.to, lang) }))}
        </h2>
        <p className="desk-zone muted">
          {t('console.desk.zone', { location: location.name, zone: formatZoneName(zone, lang) })}
          <span className={`live live-${live}`}>
            <span className="live-dot" aria-hidden="true" />
            {live === 'live' ? t('console.live.on') : t('console.live.off')}
          </span>
        </p>
      </div>
      <div role="status" className="status-region">
        {notice && (
          <div className="notice notice-success">
            <p>{notice}</p>
            {readOut && (
              <p>
                {t('console.book.readOut', { patient: readOut.patient })}{' '}
                <strong className="code" aria-label={t('console.book.codeSpelled', { code: readOut.code.split('').join(' ') })}>
                  {readOut.code}
                </strong>
              </p>
            )}
          </div>
        )}
      </div>
      <QueryState isPending={!showing && !schedule.isError} isError={schedule.isError && !showing} retry={() => void schedule.refetch()}>
        {showing &&
          (view === 'day' ? (
            <DayView
              index={showing}
              date={date}
              by={cols}
              showCancelled={showCancelled}
              highlightId={highlightId}
              onOpenAppointment={(id) => setOpen({ kind: 'appointment', id })}
              onOpenBlock={(id) => setOpen({ kind: 'block', id })}
            />
          ) : (
            <WeekView
              index={showing}
              from={range.from}
              to={range.to}
              today={today}
              by={cols}
              showCancelled={showCancelled}
              highlightId={highlightId}
              onOpenDay={(d) => set({ view: 'day', date: d })}
              onOpenAppointment={(id) => setOpen({ kind: 'appointment', id })}
              onOpenBlock={(id) => setOpen({ kind: 'block', id })}
            />
          ))}
      </QueryState>

      {open?.kind === 'appointment' && index && (
        <AppointmentPanel
          appointmentId={open.id}
          index={index}
          directory={directory}
          canEdit={canEdit}
          onClose={() => setOpen(null)}
          onMoved={(message, moved) => {
            say(message);
            setHighlightId(moved.id);
            set({ loc: moved.locationId, date: zonedPlace(moved.start, moved.timeZone).date });
          }}
          onChanged={say}
        />
      )}
      {open?.kind === 'block' && index && <BlockPanel blockId={open.id} index={index} canEdit={canEdit} onClose={() => setOpen(null)} />}
      {open?.kind === 'book' && (
        <BookingDialog location={location} directory={directory} defaultDate={date < today ? today : date} onClose={() => setOpen(null)} onBooked={onBooked} />
      )}
      {open?.kind === 'newBlock' && (
        <BlockDialog
          location={location}
          practitioners={(index?.schedule.practitioners ?? []).map((p) => ({ id: p.id, label: index!.practitionerLabel(p.id) }))}
          directory={directory}
          defaultDate={date}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            say(message);
          }}
        />
      )}
    </div>
  );
}
