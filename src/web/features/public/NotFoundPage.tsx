import { Link } from 'react-router';
import { useT } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';

export function NotFoundPage() {
  const t = useT();
  usePageTitle('title.notFound');
  return (
    <section className="narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
