import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { fetchRoute, NetworkError } from '../../../app/api/client';
import { keys } from '../../../app/api/queries';
import { useI18n } from '../../../app/i18n/useT';
import { isThrottled, problemMessage } from '../../../app/problems';
import { TextAreaField } from '../../../ui/Field';
import { CutoffNotice, cutoffRefusal } from './CutoffNotice';

export function CancelPanel({
  appointmentId,
  code,
  location,
  onClose,
  onDone,
}: {
  appointmentId: string;
  code: string;
  /** Whom to call when online changes have closed. */
  location: { name: string; phone: string };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const area = useRef<HTMLTextAreaElement>(null);
  const cancel = useMutation({
    mutationFn: (why: string) =>
      fetchRoute('POST /api/appointments/:id/cancel', { params: { id: appointmentId }, body: { code, reason: why } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.appointment(appointmentId), updated);
      void queryClient.invalidateQueries({ queryKey: keys.availability });
      onDone();
    },
  });

  const cutoff = cancel.isError ? cutoffRefusal(cancel.error) : null;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('appt.cancel.reasonError'));
      area.current?.focus();
      return;
    }
    setError(undefined);
    cancel.mutate(reason.trim());
  }

  return (
    <form noValidate onSubmit={onSubmit} className="panel" aria-labelledby="cancel-title">
      <h3 id="cancel-title">{t('appt.cancel.title')}</h3>
      <TextAreaField
        ref={area}
        frame={{ id: 'f-cancel-reason', label: t('appt.cancel.reason'), error }}
        name="reason"
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div role="alert">
        {cancel.isError && cutoff && <CutoffNotice location={location.name} phone={cutoff.phone ?? location.phone} />}
        {cancel.isError && !cutoff && (
          <div className="notice notice-error">
            <p>{cancel.error instanceof NetworkError ? t('book.error.network') : isThrottled(cancel.error) ? problemMessage(cancel.error, t, lang) : t('appt.error')}</p>
          </div>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-danger" disabled={cancel.isPending}>
          {cancel.isPending ? t('appt.working') : t('appt.cancel.confirm')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('appt.cancel.keep')}
        </button>
      </div>
    </form>
  );
}
