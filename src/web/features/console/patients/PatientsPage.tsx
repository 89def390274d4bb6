import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { PatientFinder } from '../desk/PatientFinder';

/** Find a patient by name, birth date or phone, and open their chart. */
export function PatientsPage() {
  const { t } = useI18n();
  usePageTitle('title.console.patients');
  return (
    <>
      <h1>{t('console.patients.title')}</h1>
      <p className="lede">{t('console.patients.lede')}</p>
      <div className="patient-search-page">
        <PatientFinder
          id="f-patients-search"
          result={(p, label) => (
            <Link className="patient-result" to={`/console/patients/${encodeURIComponent(p.id)}`}>
              {label}
            </Link>
          )}
        />
      </div>
    </>
  );
}
