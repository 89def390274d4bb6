import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useT';
import { canReadCharts } from '../../../app/roles';
import { useSignedIn } from '../../../app/session/SessionProvider';
import { usePageTitle } from '../../../app/usePageTitle';
import { PatientFinder } from '../desk/PatientFinder';

/** Find a patient by name, birth date or phone, and open their chart (a role without charts sees the matches only). */
export function PatientsPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const charts = canReadCharts(user.role);
  usePageTitle('title.console.patients');
  return (
    <>
      <h1>{t('console.patients.title')}</h1>
      <p className="lede">{t('console.patients.lede')}</p>
      <div className="patient-search-page">
        <PatientFinder
          id="f-patients-search"
          result={(p, label) =>
            charts ? (
              <Link className="patient-result" to={`/console/patients/${encodeURIComponent(p.id)}`}>
                {label}
              </Link>
            ) : (
              <span className="patient-result">{label}</span>
            )
          }
        />
      </div>
    </>
  );
}
