import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useI18n } from '../../../app/i18n/useT';
import { Loading } from '../../../ui/QueryState';
import { LocationEditPage, LocationsPage } from './LocationsPage';
import { HolidaysPage } from './HolidaysPage';
import { OrganizationPage } from './OrganizationPage';
import { PractitionerEditPage, PractitionersPage } from './PractitionersPage';
import { useSetupStatus } from './settings-api';
import { SetupPage } from './SetupPage';
import { TransferPage } from './TransferPage';
import { VisitTypeEditPage, VisitTypesPage } from './VisitTypesPage';
import './settings.css';

export const SETTINGS = '/console/admin/settings';

const SECTIONS = [
  ['', 'settings.nav.setup'],
  ['organization', 'settings.nav.organization'],
  ['locations', 'settings.nav.locations'],
  ['holidays', 'settings.nav.holidays'],
  ['practitioners', 'settings.nav.practitioners'],
  ['visit-types', 'settings.nav.visitTypes'],
  ['transfer', 'settings.nav.transfer'],
] as const;

/** The clinic settings pages (issue 11), for administrators: a section menu, then the page. */
export function SettingsSection() {
  const { t } = useI18n();
  return (
    <div className="settings-layout">
      <nav aria-label={t('settings.nav.label')} className="settings-nav">
        <ul>
          {SECTIONS.map(([path, key]) => (
            <li key={path}>
              <NavLink to={path ? `${SETTINGS}/${path}` : SETTINGS} end={!path}>
                {t(key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-page">
        <Routes>
          <Route index element={<SetupPage />} />
          <Route path="organization" element={<OrganizationPage />} />
          <Route path="locations" element={<LocationsPage />} />
          <Route path="locations/new" element={<LocationEditPage />} />
          <Route path="locations/:id" element={<LocationEditPage />} />
          <Route path="holidays" element={<HolidaysPage />} />
          <Route path="practitioners" element={<PractitionersPage />} />
          <Route path="practitioners/new" element={<PractitionerEditPage />} />
          <Route path="practitioners/:id" element={<PractitionerEditPage />} />
          <Route path="visit-types" element={<VisitTypesPage />} />
          <Route path="visit-types/new" element={<VisitTypeEditPage />} />
          <Route path="visit-types/:id" element={<VisitTypeEditPage />} />
          <Route path="transfer" element={<TransferPage />} />
          <Route path="*" element={<Navigate to={SETTINGS} replace />} />
        </Routes>
      </div>
    </div>
  );
}

/**
 * Where an administrator lands: the set-up checklist while the clinic is not
 * set up or online booking is closed, else the staff accounts.
 */
export function AdminLanding() {
  const setup = useSetupStatus();
  if (setup.isPending) return <Loading />;
  const settle = setup.isError || (setup.data.ready && setup.data.onlineBooking);
  return <Navigate to={settle ? '/console/admin/users' : SETTINGS} replace />;
}
