import { useI18n } from '../../../app/i18n/useT';
import { usePatientInbox } from './patient-messages-api';

/**
 * How many messages this patient has not opened, from their inbox (the same
 * query the messages pages use, refetched by the live feed); 0 while unknown.
 */
export function useUnreadCount(patientId: string | null): number {
  return usePatientInbox(patientId).data?.unread ?? 0;
}

/** "3 unread" beside a link to the messages; nothing when all are read. */
export function UnreadBadge({ patientId }: { patientId: string | null }) {
  const { t } = useI18n();
  const count = useUnreadCount(patientId);
  if (count === 0) return null;
  return <span className="badge badge-unread">{t('my.messages.unreadBadge', { count })}</span>;
}
