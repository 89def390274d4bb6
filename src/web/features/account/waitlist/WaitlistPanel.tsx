import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ResponseOf } from '../../../app/api/routes';
import { NetworkError } from '../../../app/api/client';
import { capitalize, formatDateTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';

type Entry = NonNullable<ResponseOf<'GET /api/patients/:patientId/appointments/:id/waitlist'>['entry']>;
type Channel = 'email' | 'sms' | 'both';
type Part = 'morning' | 'afternoon';

const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const waitlistKey = (patientId: string, id: string) => ['my', patientId, 'waitlist', id] as const;

/**
 * "Ask for an earlier visit" on one booked appointment (issue 12): which days
 * and times suit, how to be told; leaving the list; and any offer still open,
 * accepted here as from the emailed link. `onMoved` hears that the visit moved.
 */
export function WaitlistPanel({
  patientId,
  appointmentId,
  describedBy,
  onMoved,
  headingLevel = 4,
}: {
  patientId: string;
  appointmentId: string;
  describedBy?: string;
  onMoved?: (what: string) => void;
  /** One below the heading of the list the card sits in. */
  headingLevel?: 3 | 4 | 5;
}) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const key = waitlistKey(patientId, appointmentId);
  const params = { patientId, id: appointmentId };
  const entry = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/appointments/:id/waitlist', { params }, { signal }).then((r) => r.entry),
  });
  const waiting = entry.data?.status === 'waiting' ? entry.data : null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const leave = useMutation({
    mutationFn: () => api.request('DELETE /api/patients/:patientId/appointments/:id/waitlist', { params }),
    onSuccess: () => {
      setSaid(t('my.waitlist.left'));
      void refresh();
    },
  });
  const accept = useMutation({
    mutationFn: (offerId: string) => api.request('POST /api/patients/:patientId/appointments/:id/waitlist/accept', { params, body: { offerId } }),
    onSuccess: () => onMoved?.(t('my.waitlist.accepted')),
    onError: () => void refresh(),
  });
  const problem = (e: unknown) => (e instanceof NetworkError ? t('book.error.network') : problemMessage(e, t, lang));
  const offers = (waiting?.offers ?? []).filter((o) => o.status === 'sent' && Date.parse(o.expiresAt) > Date.now());
  const formId = `waitlist-${appointmentId}`;

  return (
    <div className="my-waitlist">
      <div role="status" className="status-region">
        {said && <p className="notice notice-success">{said}</p>}
      </div>
      {offers.map((o) => (
        <div key={o.id} className="notice notice-warning">
          <p>
            {t('my.waitlist.offer', { when: capitalize(formatDateTime(o.start, o.timeZone, lang)), location: o.locationName, until: formatDateTime(o.expiresAt, o.timeZone, lang) })}
          </p>
          <button type="button" className="btn btn-primary btn-small" disabled={accept.isPending} onClick={() => accept.mutate(o.id)}>
            {t('my.waitlist.accept')}
          </button>
        </div>
      ))}
      {accept.isError && <p className="notice notice-error" role="alert">{problem(accept.error)}</p>}
      {waiting && !open && <p>{t('my.waitlist.waiting')}</p>}
      {!open && (
        <div className="actions">
          <button type="button" className="btn btn-secondary btn-small" aria-describedby={describedBy} aria-expanded={false} aria-controls={formId} onClick={() => setOpen(true)}>
            {t('my.waitlist.open')}
          </button>
          {waiting && (
            <button type="button" className="btn btn-danger-outline btn-small" aria-describedby={describedBy} disabled={leave.isPending} onClick={() => leave.mutate()}>
              {t('my.waitlist.leave')}
            </button>
          )}
        </div>
      )}
      {leave.isError && <p className="notice notice-error" role="alert">{problem(leave.error)}</p>}
      {open && (
        <WaitlistForm
          id={formId}
          patientId={patientId}
          appointmentId={appointmentId}
          current={waiting}
          headingLevel={headingLevel}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            setSaid(t('my.waitlist.joined'));
            void refresh();
          }}
        />
      )}
    </div>
  );
}

function WaitlistForm({
  id,
  patientId,
  appointmentId,
  current,
  headingLevel,
  onClose,
  onSaved,
}: {
  id: string;
  patientId: string;
  appointmentId: string;
  current: Entry | null;
  headingLevel: 3 | 4 | 5;
  onClose: () => void;
  onSaved: () => void;
}) {
  const Heading = headingLevel === 3 ? 'h3' : headingLevel === 5 ? 'h5' : 'h4';
  const { t, lang } = useI18n();
  const { api } = useSession();
  const [days, setDays] = useState<ReadonlySet<number>>(new Set(current?.weekdays ?? [1, 2, 3, 4, 5]));
  const [parts, setParts] = useState<ReadonlySet<Part>>(new Set(current?.parts ?? ['morning', 'afternoon']));
  const [channel, setChannel] = useState<Channel>(current?.channel ?? 'email');
  const [error, setError] = useState<{ field: 'days' | 'times'; text: string } | null>(null);
  const save = useMutation({
    mutationFn: () => api.request('POST /api/patients/:patientId/appointments/:id/waitlist', {
      params: { patientId, id: appointmentId }, body: { weekdays: [...days], parts: [...parts], windows: [], channel },
    }),
    onSuccess: onSaved,
  });
  const toggle = <T,>(set: ReadonlySet<T>, v: T) => {
    const next = new Set(set);
    if (next.has(v)) next.delete(v);
    else next.add(v);
    return next;
  };
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (days.size === 0) return setError({ field: 'days', text: t('my.waitlist.daysError') });
    if (parts.size === 0) return setError({ field: 'times', text: t('my.waitlist.timesError') });
    setError(null);
    save.mutate();
  }
  const errId = (f: 'days' | 'times') => (error?.field === f ? `${id}-${f}-error` : undefined);
  return (
    <form id={id} className="card panel my-waitlist-form" onSubmit={onSubmit} noValidate>
      <Heading>{t('my.waitlist.title')}</Heading>
      <p className="muted">{t('my.waitlist.lede')}</p>
      <fieldset aria-describedby={errId('days')} aria-invalid={error?.field === 'days' || undefined}>
        <legend>{t('my.waitlist.days')}</legend>
        {error?.field === 'days' && <p className="field-error" id={errId('days')}>{error.text}</p>}
        <div>
          {DAYS.map((d) => (
            <label key={d} className="checkbox">
              <input type="checkbox" checked={days.has(d)} onChange={() => setDays(toggle(days, d))} /> {t(`my.waitlist.day.${d}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby={errId('times')} aria-invalid={error?.field === 'times' || undefined}>
        <legend>{t('my.waitlist.times')}</legend>
        {error?.field === 'times' && <p className="field-error" id={errId('times')}>{error.text}</p>}
        {(['morning', 'afternoon'] as const).map((p) => (
          <label key={p} className="checkbox">
            <input type="checkbox" checked={parts.has(p)} onChange={() => setParts(toggle(parts, p))} /> {t(`my.waitlist.${p}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('my.waitlist.channel')}</legend>
        {(['email', 'sms', 'both'] as const).map((c) => (
          <label key={c} className="checkbox">
            <input type="radio" name={`${id}-channel`} value={c} checked={channel === c} onChange={() => setChannel(c)} /> {t(`my.waitlist.channel.${c}`)}
          </label>
        ))}
      </fieldset>
      {save.isError && <p className="notice notice-error" role="alert">{save.error instanceof NetworkError ? t('book.error.network') : problemMessage(save.error, t, lang)}</p>}
      <div className="actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={save.isPending}>
          {current ? t('my.waitlist.update') : t('my.waitlist.save')}
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={onClose}>
          {t('my.waitlist.close')}
        </button>
      </div>
    </form>
  );
}
