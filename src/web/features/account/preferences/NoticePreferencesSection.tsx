import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { NOTICE_KINDS, type ChannelChoice, type NoticeKind, type NoticePreferencesInput } from '../../../../shared/contracts/notices';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { QueryState } from '../../../ui/QueryState';
import { SelectField, TextField } from '../../../ui/Field';

export const noticePreferencesKey = (patientId: string) => ['my', patientId, 'notice-preferences'] as const;

const KIND_LABEL: Record<NoticeKind, 'prefs.kind.appointment_reminder' | 'prefs.kind.appointment_change' | 'prefs.kind.message' | 'prefs.kind.waitlist_offer'> = {
  appointment_reminder: 'prefs.kind.appointment_reminder',
  appointment_change: 'prefs.kind.appointment_change',
  message: 'prefs.kind.message',
  waitlist_offer: 'prefs.kind.waitlist_offer',
};
const CHOICE_LABEL: Record<ChannelChoice, 'prefs.channel.email' | 'prefs.channel.sms' | 'prefs.channel.both'> = {
  email: 'prefs.channel.email',
  sms: 'prefs.channel.sms',
  both: 'prefs.channel.both',
};
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * How the patient hears from the clinic outside the portal (issue 12): email,
 * text or both for each kind of notice, and the night hours when no text is
 * sent. Account and security emails always go by email. For the patient's own
 * page (/my) and a caregiver with full access.
 */
export function NoticePreferencesSection({ patientId }: { patientId: string }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<NoticePreferencesInput | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [timeError, setTimeError] = useState<string | null>(null);

  const current = useQuery({
    queryKey: noticePreferencesKey(patientId),
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/notice-preferences', { params: { patientId } }, { signal }),
  });
  useEffect(() => {
    if (current.data && !draft) setDraft({ channels: current.data.channels, quietHours: current.data.quietHours });
  }, [current.data, draft]);

  const save = useMutation({
    mutationFn: (body: NoticePreferencesInput) => api.request('PUT /api/patients/:patientId/notice-preferences', { params: { patientId }, body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(noticePreferencesKey(patientId), saved);
      setDraft({ channels: saved.channels, quietHours: saved.quietHours });
      setDone(t('prefs.saved'));
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setDone(null);
    const q = draft.quietHours;
    if (q && (!WALL_TIME.test(q.start) || !WALL_TIME.test(q.end))) {
      setTimeError(t('prefs.quiet.error'));
      document.getElementById('f-prefs-quiet-start')?.focus();
      return;
    }
    setTimeError(null);
    save.mutate(draft);
  }

  const data = current.data;
  const setChannel = (k: NoticeKind, c: ChannelChoice) => setDraft((d) => d && { ...d, channels: { ...d.channels, [k]: c } });
  const setQuiet = (q: NoticePreferencesInput['quietHours']) => setDraft((d) => d && { ...d, quietHours: q });

  return (
    <section className="section" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('prefs.title')}</h2>
      <p>{t('prefs.lede')}</p>
      <QueryState isPending={current.isPending || (!!data && !draft)} isError={current.isError} retry={() => void current.refetch()}>
        {data && draft && (
          <form noValidate onSubmit={onSubmit} className="auth-form">
            <p className="muted">
              {data.smsNumber ? t('prefs.smsTo', { number: data.smsNumber }) : t('prefs.noSmsNumber')}
            </p>
            {!data.smsSending && <p className="field-hint">{t('prefs.smsNotSending')}</p>}
            {NOTICE_KINDS.map((k) => (
              <SelectField
                key={k}
                frame={{ id: `f-prefs-${k}`, label: t(KIND_LABEL[k]) }}
                name={`prefs-${k}`}
                value={draft.channels[k]}
                onChange={(e) => setChannel(k, e.target.value as ChannelChoice)}
              >
                {(['email', 'sms', 'both'] as const).map((c) => (
                  <option key={c} value={c}>
                    {t(CHOICE_LABEL[c])}
                  </option>
                ))}
              </SelectField>
            ))}
            <p className="field-hint">{t('prefs.accountAlwaysEmail')}</p>
            <fieldset className="field">
              <legend className="field-label">{t('prefs.quiet.legend')}</legend>
              <p className="field-hint" id="prefs-quiet-hint">
                {t('prefs.quiet.hint', { start: data.clinicQuietHours.start, end: data.clinicQuietHours.end })}
              </p>
              <label className="checkbox" htmlFor="f-prefs-quiet-own">
                <input
                  id="f-prefs-quiet-own"
                  type="checkbox"
                  checked={draft.quietHours !== null}
                  aria-describedby="prefs-quiet-hint"
                  onChange={(e) => setQuiet(e.target.checked ? { ...data.clinicQuietHours } : null)}
                />{' '}
                {t('prefs.quiet.own')}
              </label>
              {draft.quietHours && (
                <div className="radio-row">
                  <TextField
                    frame={{ id: 'f-prefs-quiet-start', label: t('prefs.quiet.start'), error: timeError ?? undefined }}
                    type="time"
                    name="quiet-start"
                    value={draft.quietHours.start}
                    onChange={(e) => setQuiet({ ...draft.quietHours!, start: e.target.value })}
                  />
                  <TextField
                    frame={{ id: 'f-prefs-quiet-end', label: t('prefs.quiet.end') }}
                    type="time"
                    name="quiet-end"
                    value={draft.quietHours.end}
                    onChange={(e) => setQuiet({ ...draft.quietHours!, end: e.target.value })}
                  />
                </div>
              )}
            </fieldset>
            <OutcomeNotices done={done} problem={save.isError ? problemMessage(save.error, t, lang) : null} />
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {t('prefs.save')}
            </button>
          </form>
        )}
      </QueryState>
    </section>
  );
}
