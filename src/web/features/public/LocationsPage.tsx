import { Link } from 'react-router';
import type { Location } from '../../../shared/contracts/clinic';
import { useLocations } from '../../app/api/queries';
import { capitalize, formatWallTime, formatWeekday } from '../../app/i18n/format';
import { Trans } from '../../app/i18n/Trans';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { PhoneLink } from '../../ui/PhoneLink';
import { QueryState } from '../../ui/QueryState';
import { groupByRegion } from './locations-by-region';

/** Monday first, as clinics print their hours. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

export function LocationsPage() {
  const { t } = useI18n();
  usePageTitle('title.locations');
  const locations = useLocations();

  return (
    <>
      <h1>{t('locations.title')}</h1>
      <p className="lede">{t('locations.lede')}</p>
      <QueryState isPending={locations.isPending} isError={locations.isError} error={locations.error} retry={() => void locations.refetch()}>
        {locations.data?.length === 0 && <p>{t('locations.empty')}</p>}
        {groupByRegion(locations.data ?? []).map((region) => (
          <section key={region.id} className="section" aria-labelledby={`region-${region.id}`}>
            <h2 id={`region-${region.id}`}>{region.name}</h2>
            <div className="location-grid">
              {region.locations.map((l) => (
                <LocationCard key={l.id} location={l} />
              ))}
            </div>
          </section>
        ))}
      </QueryState>
    </>
  );
}

function LocationCard({ location: l }: { location: Location }) {
  const { t } = useI18n();
  const headingId = `loc-${l.slug}`;
  return (
    <article className="card location-card" aria-labelledby={headingId} id={l.slug}>
      <h3 id={headingId}>{l.name}</h3>
      <dl className="location-facts">
        <div>
          <dt>{t('locations.address')}</dt>
          <dd>
            <address>
              {l.address.line1}
              <br />
              {l.address.city}, {l.address.state} {l.address.postalCode}
            </address>
          </dd>
        </div>
        <div>
          <dt>{t('locations.phone')}</dt>
          <dd>
            <PhoneLink phone={l.phone} />
          </dd>
        </div>
      </dl>
      <HoursTable hours={l.hours} caption={t('locations.hours')} />
      <p className="by-phone">
        <Trans k="locations.byPhone" values={{ phone: <PhoneLink phone={l.phone} /> }} />
      </p>
      <p>
        <Link to={`/book?loc=${l.id}`} className="btn btn-secondary">
          {t('locations.bookHere', { name: l.name })}
        </Link>
      </p>
    </article>
  );
}

function HoursTable({ hours, caption }: { hours: Location['hours']; caption: string }) {
  const { t, lang } = useI18n();
  return (
    <table className="hours">
      <caption>{caption}</caption>
      <tbody>
        {WEEK.map((wd) => {
          const today = hours.filter((h) => h.weekday === wd).sort((a, b) => a.opens.localeCompare(b.opens));
          return (
            <tr key={wd}>
              <th scope="row">{capitalize(formatWeekday(wd, lang))}</th>
              <td>
                {today.length === 0
                  ? t('locations.closed')
                  : today
                      .map((h) =>
                        t('locations.hoursRange', { opens: formatWallTime(h.opens, lang), closes: formatWallTime(h.closes, lang) }),
                      )
                      .join(', ')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
