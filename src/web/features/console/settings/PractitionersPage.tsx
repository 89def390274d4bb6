import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useT';
import { useSettingsTitle } from './useSettingsTitle';
import { DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { useClinicSettings } from './settings-api';
import { scheduleGroups } from './schedule-groups';
import { localDateOf } from '../../../../shared/time';
import { FIRST_ZONE } from './time-zones';

export { PractitionerEditPage } from './PractitionerForm';

/** The practitioners: who sees patients, in which role, and where. */
export function PractitionersPage() {
  const { t } = useI18n();
  useSettingsTitle('settings.title.practitioners');
  const settings = useClinicSettings();
  const data = settings.data;
  const today = localDateOf(Date.now(), data?.locations[0]?.timeZone ?? FIRST_ZONE);
  const where = (ids: string[]) => [...new Set(ids)].map((id) => data?.locations.find((l) => l.id === id)?.name ?? '').filter(Boolean).join(', ');
  return (
    <>
      <h1>{t('settings.practitioners.title')}</h1>
      <p className="lede">{t('settings.practitioners.lede')}</p>
      <QueryState isPending={settings.isPending} isError={settings.isError} error={settings.error} retry={() => void settings.refetch()}>
        {data && (
          <div>
            <div className="settings-list-head">
              <h2 id="pract-list-title">{t('settings.practitioners.listTitle', { n: data.practitioners.length })}</h2>
              <Link to="/console/admin/settings/practitioners/new" className="btn btn-primary">
                {t('settings.practitioners.add')}
              </Link>
            </div>
            {data.practitioners.length === 0 ? (
              <p>{t('settings.practitioners.none')}</p>
            ) : (
              <DataTable labelledBy="pract-list-title" columns={[t('settings.practitioners.col.name'), t('settings.practitioners.col.role'), t('settings.practitioners.col.where'), t('settings.col.status')]}>
                {data.practitioners.map((p) => {
                  const g = scheduleGroups(p.schedule, today);
                  return (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link to={`/console/admin/settings/practitioners/${p.id}`}>{p.name}</Link>
                        {p.credentials && <span className="cell-sub">{p.credentials}</span>}
                      </th>
                      <td>{t(`settings.role.${p.role}`)}</td>
                      <td>
                        {where(g.current.map((e) => e.locationId)) || t('settings.practitioners.noHours')}
                        {g.future.length > 0 && <span className="cell-sub">{t('settings.practitioners.changesOn', { n: g.future.length })}</span>}
                      </td>
                      <td>{p.active ? t('settings.active') : t('settings.inactive')}</td>
                    </tr>
                  );
                })}
              </DataTable>
            )}
          </div>
        )}
      </QueryState>
    </>
  );
}
