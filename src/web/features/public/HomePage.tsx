import { Link } from 'react-router';
import type { Location } from '../../../shared/contracts/clinic';
import { useLocations } from '../../app/api/queries';
import type { MessageKey } from '../../app/i18n/catalog';
import { useT } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { groupByRegion } from './locations-by-region';

type OfferKey = 'portal' | 'chat' | 'plan';
const COMING: OfferKey[] = ['portal', 'chat', 'plan'];
const PATHWAY: Extract<MessageKey, `home.pathway.${string}`>[] = [
  'home.pathway.pt',
  'home.pathway.injections',
  'home.pathway.ablation',
  'home.pathway.scs',
  'home.pathway.pump',
];

export function HomePage() {
  const t = useT();
  usePageTitle('title.home');
  const locations = useLocations();

  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lede">{t('home.lede')}</p>
        <div className="actions">
          <Link to="/book" className="btn btn-primary btn-large">
            {t('home.cta.book')}
          </Link>
          <Link to="/locations" className="btn btn-secondary btn-large">
            {t('home.cta.locations')}
          </Link>
        </div>
        <p className="muted">{t('home.cta.note')}</p>
      </section>

      <section aria-labelledby="offers-title" className="section">
        <h2 id="offers-title">{t('home.offers.title')}</h2>
        <ul className="card-grid">
          <li className="card card-live">
            <h3>{t('home.offer.book.title')}</h3>
            <p>{t('home.offer.book.body')}</p>
            <p className="card-links">
              <Link to="/book">{t('home.offer.book.link')}</Link>
              <Link to="/locations">{t('home.offer.book.phones')}</Link>
            </p>
          </li>
          <li className="card card-live">
            <h3>{t('home.offer.records.title')}</h3>
            <p>{t('home.offer.records.body')}</p>
            <p className="card-links">
              <Link to="/referrers/sign-up">{t('home.offer.records.link')}</Link>
            </p>
          </li>
          {COMING.map((k) => (
            <li key={k} className="card">
              <h3>{t(`home.offer.${k}.title`)}</h3>
              <p>{t(`home.offer.${k}.body`)}</p>
              <p>
                <span className="badge badge-muted">{t('home.offer.soon')}</span>
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="regions-title" className="section">
        <h2 id="regions-title">{t('home.regions.title')}</h2>
        {locations.data && <RegionList locations={locations.data} />}
        <p>
          <Link to="/locations">{t('home.regions.all')}</Link>
        </p>
      </section>

      <section aria-labelledby="pathway-title" className="section">
        <h2 id="pathway-title">{t('home.pathway.title')}</h2>
        <p>{t('home.pathway.body')}</p>
        <ol className="pathway">
          {PATHWAY.map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ol>
      </section>
    </>
  );
}

function RegionList({ locations }: { locations: Location[] }) {
  return (
    <div className="region-grid">
      {groupByRegion(locations).map((region) => (
        <div key={region.id} className="region">
          <h3>{region.name}</h3>
          <ul className="plain-list">
            {region.locations.map((l) => (
              <li key={l.id}>
                {l.name} <span className="muted">· {l.address.city}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
