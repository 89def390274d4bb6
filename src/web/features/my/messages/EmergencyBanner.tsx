import { useI18n } from '../../../app/i18n/useT';

/** On every compose and reply screen (issue 12): not for emergencies (911, 988), and when to expect a reply. */
export function EmergencyBanner({ replyBusinessDays }: { replyBusinessDays: number | undefined }) {
  const { t } = useI18n();
  return (
    <section className="notice notice-warning emergency-banner" aria-labelledby="emergency-title">
      <h2 id="emergency-title" className="emergency-title">
        {t('my.messages.emergency.title')}
      </h2>
      <p>{t('my.messages.emergency.body')}</p>
      {replyBusinessDays !== undefined && (
        <p>{replyBusinessDays === 1 ? t('my.messages.replyTimeOne') : t('my.messages.replyTime', { days: replyBusinessDays })}</p>
      )}
    </section>
  );
}
