import { useI18n } from '../../../app/i18n/useT';
import { PhoneLink } from '../../../ui/PhoneLink';
import type { ClinicDirectory } from '../useClinicDirectory';

/**
 * The booking page while the clinic has not opened online booking (issue 11):
 * it says so and gives every location's number to call instead.
 */
export function BookingClosed({ directory }: { directory: ClinicDirectory }) {
  const { t } = useI18n();
  return (
    <section className="notice booking-closed" aria-labelledby="booking-closed-title">
      <h2 id="booking-closed-title">{t('book.closed.title')}</h2>
      <p>{t('book.closed.body')}</p>
      <ul className="phone-list" aria-label={t('book.closed.phones')}>
        {directory.locations.map((l) => (
          <li key={l.id}>
            <span>{l.name}</span> <PhoneLink phone={l.phone} />
          </li>
        ))}
      </ul>
    </section>
  );
}
