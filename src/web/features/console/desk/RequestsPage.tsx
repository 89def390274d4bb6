import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ResponseOf } from '../../../app/api/routes';
import { formatDate, formatDayTime, getDateTimeFormat } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { canEditSchedule } from '../../../app/roles';
import { usePageTitle } from '../../../app/usePageTitle';
import { useSession, useSignedIn } from '../../../app/session/SessionProvider';
import { TextAreaField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { useClinicDirectory, type ClinicDirectory } from '../../public/useClinicDirectory';
import { BookingDialog, type Booked } from './BookingDialog';
import { todayIn } from './desk-time';

type Request = ResponseOf<'GET /api/staff/appointment-requests'>['items'][number];
const REQUESTS_KEY = ['desk', 'appointment-requests'] as const;
const TIME_KEYS = { morning: 'console.requests.time.morning', afternoon: 'console.requests.time.afternoon', evening: 'console.requests.time.evening' } as const;

/**
 * Patients' requests for visits the clinic books itself (issue 12), oldest
 * first: the front desk books one through the desk's booking dialog (its
 * patient and visit type filled in) or declines it with a reason the
 * patient reads.
 */
export function RequestsPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.requests');
  const { api } = useSession();
  const { user } = useSignedIn();
  const clinic = useClinicDirectory();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: REQUESTS_KEY, queryFn: ({ signal }) => api.request('GET /api/staff/appointment-requests', {}, { signal }).then((r) => r.items) });
  const [booking, setBooking] = useState<Request | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data ?? [];
  const mayWrite = canEditSchedule(user.role);

  const onBooked = (b: Booked) => {
    setBooking(null);
    setNotice(t('console.book.done', { patient: b.patientName, when: formatDayTime(b.appointment.start, b.appointment.timeZone, lang), practitioner: b.practitionerLabel }));
    void queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
  };

  return (
    <>
      <h1>{t('console.requests.title')}</h1>
      <p>{t('console.requests.lede')}</p>
      <div role="status" className="status-region">
        {notice && (
          <div className="notice notice-success">
            <p>{notice}</p>
          </div>
        )}
      </div>
      <QueryState isPending={list.isPending || clinic.isPending} isError={list.isError || clinic.isError} retry={() => void list.refetch()}>
        {items.length === 0 ? (
          <p>{t('console.requests.none')}</p>
        ) : (
          clinic.directory && (
            <ul className="request-list">
              {items.map((r) => (
                <RequestCard
                  key={r.id}
                  request={r}
                  directory={clinic.directory!}
                  mayWrite={mayWrite}
                  onBook={() => setBooking(r)}
                  onDeclined={(name) => {
                    setNotice(t('console.requests.declined', { patient: name }));
                    void queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
                  }}
                />
              ))}
            </ul>
          )
        )}
      </QueryState>
      {booking && clinic.directory && (
        <BookingFromRequest request={booking} directory={clinic.directory} onClose={() => setBooking(null)} onBooked={onBooked} />
      )}
    </>
  );
}

function BookingFromRequest({ request: r, directory, onClose, onBooked }: { request: Request; directory: ClinicDirectory; onClose: () => void; onBooked: (b: Booked) => void }) {
  const location = directory.location(r.locationId) ?? directory.locations[0]!;
  return (
    <BookingDialog
      location={location}
      directory={directory}
      defaultDate={todayIn(location.timeZone)}
      request={{
        id: r.id,
        visitTypeId: r.visitTypeId,
        note: r.note,
        patient: { id: r.patientId, firstName: r.patientFirstName, lastName: r.patientLastName, dateOfBirth: r.patientDateOfBirth, phone: r.patientPhone ?? '', email: '' },
      }}
      onClose={onClose}
      onBooked={onBooked}
    />
  );
}

function RequestCard({ request: r, directory, mayWrite, onBook, onDeclined }: { request: Request; directory: ClinicDirectory; mayWrite: boolean; onBook: () => void; onDeclined: (name: string) => void }) {
  const { t, lang, pick } = useI18n();
  const { api } = useSession();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const visitType = directory.visitType(r.visitTypeId);
  const location = directory.location(r.locationId);
  // 2024-01-01 was a Monday: weekday n's name is that day plus n - 1.
  const weekday = (n: number) => getDateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, n));
  const titleId = `request-${r.id}`;
  const decline = useMutation({
    mutationFn: (why: string) => api.request('POST /api/staff/appointment-requests/:id/decline', { params: { id: r.id }, body: { reason: why } }),
    onSuccess: () => onDeclined(r.patientName),
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('console.requests.reasonError'));
      return;
    }
    setError(undefined);
    decline.mutate(reason.trim());
  }

  return (
    <li className="card request-card">
      <h2 id={titleId} className="request-title">
        {r.patientName} · {visitType ? pick(visitType.name) : ''}
      </h2>
      <p className="muted">
        {t('console.requests.received', { when: formatDate(r.createdAt, location?.timeZone ?? 'America/Chicago', lang) })}
        {r.patientPhone && <> · {r.patientPhone}</>}
        {location && <> · {location.name}</>}
      </p>
      {r.preferredDays.length > 0 && <p>{t('console.requests.days', { days: r.preferredDays.map(weekday).join(', ') })}</p>}
      {r.preferredTimes.length > 0 && <p>{t('console.requests.times', { times: r.preferredTimes.map((x) => t(TIME_KEYS[x])).join(', ') })}</p>}
      {r.note && <p>{t('console.requests.note', { note: r.note })}</p>}
      {mayWrite && !declining && (
        <div className="actions">
          <button type="button" className="btn btn-primary btn-small" aria-describedby={titleId} onClick={onBook}>
            {t('console.requests.book')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" aria-describedby={titleId} onClick={() => setDeclining(true)}>
            {t('console.requests.decline')}
          </button>
        </div>
      )}
      {declining && (
        <form noValidate onSubmit={onSubmit} className="panel" aria-labelledby={titleId}>
          <TextAreaField frame={{ id: `f-decline-${r.id}`, label: t('console.requests.reason'), error }} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div role="alert">
            {decline.isError && (
              <div className="notice notice-error">
                <p>{problemMessage(decline.error, t, lang)}</p>
              </div>
            )}
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-danger btn-small" disabled={decline.isPending}>
              {t('console.requests.confirmDecline')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setDeclining(false)}>
              {t('console.requests.keep')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
