import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { QueryState } from '../../../ui/QueryState';
import { useStaffUsers } from './admin-api';
import { InviteForm } from './InviteForm';

/** Staff accounts: who has access, in which role, with two-factor or not; and invitations. */
export function UsersPage() {
  const { t } = useI18n();
  usePageTitle('title.console.users');
  const users = useStaffUsers();
  const sorted = [...(users.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <>
      <h1>{t('console.users.title')}</h1>
      <div className="admin-layout">
        <div>
          <h2 id="users-list-title">{t('console.users.list')}</h2>
          <QueryState isPending={users.isPending} isError={users.isError} retry={() => void users.refetch()}>
            <div className="table-scroll" role="region" aria-labelledby="users-list-title" tabIndex={0}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('console.users.name')}</th>
                    <th scope="col">{t('console.field.email')}</th>
                    <th scope="col">{t('console.users.role')}</th>
                    <th scope="col">{t('console.users.status')}</th>
                    <th scope="col">{t('console.users.twoFactor')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">{u.displayName}</th>
                      <td className="cell-wrap">{u.email}</td>
                      <td>{t(`console.role.${u.role}`)}</td>
                      <td>
                        <span className={`badge user-${u.status}`}>{t(`console.users.status.${u.status}`)}</span>
                      </td>
                      <td>{u.totpEnabled ? t('console.users.twoFactorOn') : t('console.users.twoFactorOff')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </QueryState>
        </div>
        <InviteForm />
      </div>
    </>
  );
}
