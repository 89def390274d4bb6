import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useT';
import { useSettingsTitle } from './useSettingsTitle';
import { DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { useClinicSettings } from './settings-api';

export { VisitTypeEditPage } from './VisitTypeForm';

/** The kinds of visit: how long, in which room, and who may book them online. */
export function VisitTypesPage() {
  const { t, lang } = useI18n();
  useSettingsTitle('settings.title.visitTypes');
  const settings = useClinicSettings();
  const data = settings.data;
  return (
    <>
      <h1>{t('settings.visitTypes.title')}</h1>
      <p className="lede">{t('settings.visitTypes.lede')}</p>
      <QueryState isPending={settings.isPending} isError={settings.isError} error={settings.error} retry={() => void settings.refetch()}>
        {data && (
          <div>
            <div className="settings-list-head">
              <h2 id="vt-list-title">{t('settings.visitTypes.listTitle', { n: data.visitTypes.length })}</h2>
              <Link to="/console/admin/settings/visit-types/new" className="btn btn-primary">
                {t('settings.visitTypes.add')}
              </Link>
            </div>
            {data.visitTypes.length === 0 ? (
              <p>{t('settings.visitTypes.none')}</p>
            ) : (
              <DataTable
                labelledBy="vt-list-title"
                columns={[t('settings.visitTypes.col.name'), t('settings.visitType.durationMin'), t('settings.visitType.roomCapability'), t('settings.visitType.online'), t('settings.col.status')]}
              >
                {data.visitTypes.map((v) => (
                  <tr key={v.id}>
                    <th scope="row">
                      <Link to={`/console/admin/settings/visit-types/${v.id}`}>{v.name[lang] || v.name.en}</Link>
                      <span className="cell-sub">{v.code}</span>
                    </th>
                    <td className="cell-nowrap">{t('settings.minutes', { n: v.durationMin })}</td>
                    <td>{t(`settings.capability.${v.roomCapability}`)}</td>
                    <td>{t(`settings.policy.${v.online}`)}</td>
                    <td>{v.active ? t('settings.active') : t('settings.inactive')}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </div>
        )}
      </QueryState>
    </>
  );
}
