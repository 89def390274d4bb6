import { useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../../app/i18n/useT';
import { TextAreaField } from '../../../ui/Field';
import { problemMessage } from '../../../app/problems';
import { useAppointmentAction } from './desk-api';

/** Cancelling needs a reason: it goes to the audit trail and the patient's history. */
export function CancelForm({ appointmentId, onKeep, onDone }: { appointmentId: string; onKeep: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const area = useRef<HTMLTextAreaElement>(null);
  const action = useAppointmentAction(appointmentId);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('console.cancel.reasonError'));
      area.current?.focus();
      return;
    }
    setError(undefined);
    action.mutate({ kind: 'cancel', reason: reason.trim() }, { onSuccess: onDone });
  }

  return (
    <form noValidate onSubmit={onSubmit} className="subpanel" aria-labelledby="cancel-title">
      <h4 id="cancel-title">{t('appt.cancel.open')}</h4>
      <TextAreaField
        ref={area}
        frame={{ id: 'f-desk-cancel-reason', label: t('console.cancel.reason'), hint: t('console.cancel.reasonHint'), error }}
        name="reason"
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div role="alert" className="submit-problem">
        {action.isError && (
          <div className="notice notice-error">
            <p>{problemMessage(action.error, t, lang)}</p>
          </div>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-danger" disabled={action.isPending}>
          {action.isPending ? t('console.working') : t('appt.cancel.confirm')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onKeep}>
          {t('appt.cancel.keep')}
        </button>
      </div>
    </form>
  );
}
