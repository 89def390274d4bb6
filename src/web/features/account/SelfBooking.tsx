import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import type { Slot } from '../../../shared/contracts/booking';
import { isConflict, NetworkError } from '../../app/api/client';
import { formatDayTime, formatZoneName, getDateTimeFormat } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { problemMessage } from '../../app/problems';
import { useSession } from '../../app/session/SessionProvider';
import { RadioGroupField, SelectField, TextAreaField } from '../../ui/Field';
import { QueryState } from '../../ui/QueryState';
import { DayPicker } from '../public/booking/DayPicker';
import { availabilityWindow, CLINIC_ZONE, groupSlotsByDay, isSameSlot } from '../public/booking/slots';
import { TimePicker } from '../public/booking/TimePicker';
import { useClinicDirectory, type ClinicDirectory } from '../public/useClinicDirectory';
import { appointmentsKey } from './PatientAppointments';
import { DoneNotice } from '../../ui/OutcomeNotices';

const TIMES = ['morning', 'afternoon', 'evening'] as const;
const TIME_KEYS = { morning: 'self.request.time.morning', afternoon: 'self.request.time.afternoon', evening: 'self.request.time.evening' } as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * Book a visit the clinic lets this patient book (issue 12), through the same
 * slots and rules as the public page, or ask for one the desk books. Visit
 * types the clinic books itself are not offered here.
 */
export function SelfBooking({ patientId }: { patientId: string }) {
  const { t, pick } = useI18n();
  const { api } = useSession();
  const clinic = useClinicDirectory();
  const offers = useQuery({
    queryKey: ['my', patientId, 'offers'],
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/visit-types', { params: { patientId } }, { signal }),
  });
  const [chosen, setChosen] = useState('');
  const items = (offers.data?.items ?? []).filter((o) => clinic.directory?.visitType(o.visitTypeId));
  const offer = items.find((o) => o.visitTypeId === chosen)?.offer;

  return (
    <section className="section" id="book" aria-labelledby="self-book-title">
      <h2 id="self-book-title">{t('self.book.title')}</h2>
      <p>{t('self.book.lede')}</p>
      <QueryState isPending={offers.isPending || clinic.isPending} isError={offers.isError || clinic.isError} retry={() => void offers.refetch()}>
        {items.length === 0 ? (
          <p>{t('self.book.none')}</p>
        ) : (
          <RadioGroupField
            id="f-self-visit-type"
            legend={t('self.book.visitType')}
            name="visitType"
            value={chosen}
            onChange={setChosen}
            options={items.map((o) => ({
              value: o.visitTypeId,
              label: `${pick(clinic.directory!.visitType(o.visitTypeId)!.name)} (${t(o.offer === 'book' ? 'self.book.offer.book' : 'self.book.offer.request')})`,
            }))}
          />
        )}
        {chosen && offer === 'book' && clinic.directory && <BookPanel key={chosen} patientId={patientId} visitTypeId={chosen} directory={clinic.directory} />}
        {chosen && offer === 'request' && <RequestForm key={chosen} patientId={patientId} visitTypeId={chosen} />}
      </QueryState>
    </section>
  );
}

function useProblem() {
  const { t, lang } = useI18n();
  return (e: unknown) => (e instanceof NetworkError ? t('book.error.network') : problemMessage(e, t, lang));
}

function BookPanel({ patientId, visitTypeId, directory }: { patientId: string; visitTypeId: string; directory: ClinicDirectory }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const problem = useProblem();
  const range = useMemo(() => availabilityWindow(Date.now(), CLINIC_ZONE), []);
  const [location, setLocation] = useState('');
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [taken, setTaken] = useState(false);
  const availability = useQuery({
    queryKey: ['my', patientId, 'self-availability', visitTypeId, location, range.from],
    queryFn: ({ signal }) =>
      api.request('GET /api/patients/:patientId/availability', { params: { patientId }, query: { visitType: visitTypeId, ...range, ...(location ? { location } : {}) } }, { signal }),
  });
  const book = useMutation({
    mutationFn: (s: Slot) =>
      api.request('POST /api/patients/:patientId/appointments', { params: { patientId }, body: { visitTypeId, practitionerId: s.practitionerId, locationId: s.locationId, start: s.start } }),
    onSuccess: (r) => {
      setDone(t('self.book.done', { when: formatDayTime(r.appointment.start, r.appointment.timeZone, lang) }));
      setSlot(null);
      setDay(null);
      void queryClient.invalidateQueries({ queryKey: appointmentsKey(patientId) });
      void queryClient.invalidateQueries({ queryKey: ['my', patientId, 'home'] });
      void availability.refetch();
    },
    onError: (e) => {
      if (isConflict(e)) {
        setTaken(true);
        setSlot(null);
        void availability.refetch();
      }
    },
  });
  const days = availability.data ? groupSlotsByDay(availability.data.slots) : [];
  const daySlots = days.find((d) => d.date === day)?.slots ?? [];
  const first = availability.data?.firstAvailable ?? null;

  return (
    <div className="panel my-panel">
      <SelectField
        frame={{ id: 'f-self-location', label: t('self.book.location') }}
        value={location}
        onChange={(e) => {
          setLocation(e.target.value);
          setDay(null);
          setSlot(null);
        }}
      >
        <option value="">{t('self.book.anyLocation')}</option>
        {directory.locations.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <DoneNotice done={done} />
      <div role="alert">
        {taken && (
          <div className="notice notice-error">
            <p>{t('book.error.taken')}</p>
          </div>
        )}
        {book.isError && !isConflict(book.error) && (
          <div className="notice notice-error">
            <p>{problem(book.error)}</p>
          </div>
        )}
      </div>
      <QueryState isPending={availability.isPending} isError={availability.isError} error={availability.error} retry={() => void availability.refetch()}>
        {days.length === 0 ? (
          <p>{t('book.day.none')}</p>
        ) : (
          <DayPicker days={days} firstAvailable={first} selected={day} labelledBy="self-book-title" onPick={(d) => { setDay(d); setSlot(null); }} />
        )}
        {day && daySlots.length > 0 && (
          <>
            <p className="muted">{t('book.time.zone', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
            <TimePicker slots={daySlots} directory={directory} firstAvailable={first} selected={slot} onPick={(s) => { setTaken(false); setSlot(isSameSlot(s, slot) ? null : s); }} />
          </>
        )}
      </QueryState>
      {slot && (
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={book.isPending} onClick={() => book.mutate(slot)}>
            {book.isPending ? t('appt.working') : t('self.book.confirm', { when: formatDayTime(slot.start, CLINIC_ZONE, lang) })}
          </button>
        </div>
      )}
    </div>
  );
}

function RequestForm({ patientId, visitTypeId }: { patientId: string; visitTypeId: string }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const problem = useProblem();
  const [days, setDays] = useState<number[]>([]);
  const [times, setTimes] = useState<(typeof TIMES)[number][]>([]);
  const [note, setNote] = useState('');
  // 2024-01-01 was a Monday: weekday n's name is that day plus n - 1.
  const weekday = (n: number) => getDateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, n));
  const send = useMutation({
    mutationFn: () => api.request('POST /api/patients/:patientId/appointment-requests', { params: { patientId }, body: { visitTypeId, preferredDays: days, preferredTimes: times, note: note.trim() } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['my', patientId, 'requests'] });
      void queryClient.invalidateQueries({ queryKey: ['my', patientId, 'home'] });
    },
  });
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    send.mutate();
  }

  if (send.isSuccess) {
    return (
      <div role="status" className="notice notice-success">
        <p>{t('self.request.done')}</p>
      </div>
    );
  }
  return (
    <form noValidate onSubmit={onSubmit} className="panel my-panel">
      <fieldset className="field checkbox-group">
        <legend className="field-label">{t('self.request.days')}</legend>
        {WEEKDAYS.map((n) => (
          <label key={n} className="checkbox" htmlFor={`f-req-day-${n}`}>
            <input id={`f-req-day-${n}`} type="checkbox" checked={days.includes(n)} onChange={() => setDays((d) => toggle(d, n))} />
            <span>{weekday(n)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="field checkbox-group">
        <legend className="field-label">{t('self.request.times')}</legend>
        {TIMES.map((v) => (
          <label key={v} className="checkbox" htmlFor={`f-req-time-${v}`}>
            <input id={`f-req-time-${v}`} type="checkbox" checked={times.includes(v)} onChange={() => setTimes((x) => toggle(x, v))} />
            <span>{t(TIME_KEYS[v])}</span>
          </label>
        ))}
      </fieldset>
      <TextAreaField frame={{ id: 'f-req-note', label: t('self.request.note') }} name="note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      <div role="alert">
        {send.isError && (
          <div className="notice notice-error">
            <p>{problem(send.error)}</p>
          </div>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={send.isPending}>
          {send.isPending ? t('appt.working') : t('self.request.send')}
        </button>
      </div>
    </form>
  );
}
