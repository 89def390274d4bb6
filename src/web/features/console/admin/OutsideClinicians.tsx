import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n/useT';
import { DataTable } from '../../../ui/DataTable';
import type { StaffUser } from './admin-api';

/** The NPPES registry's page of an NPI, where an administrator confirms who a referring provider is. */
const registryUrl = (npi: string) => `https://npiregistry.cms.hhs.gov/provider-view/${encodeURIComponent(npi)}`;

function Npi({ npi }: { npi: string | null }) {
  const { t } = useI18n();
  if (!npi) return null;
  return (
    <>
      <span className="cell-nowrap">{npi}</span>
      <a className="cell-sub" href={registryUrl(npi)} target="_blank" rel="noreferrer">
        {t('console.users.npiLookup')}
      </a>
    </>
  );
}

/**
 * Referring providers who asked for an account (issue 11): their name, practice
 * and NPI, so an administrator can confirm them before approving.
 */
export function AwaitingApproval({ users, busy, onApprove }: { users: StaffUser[]; busy: boolean; onApprove: (u: StaffUser) => void }) {
  const { t } = useI18n();
  return (
    <section className="section panel" aria-labelledby="users-pending-title">
      <h2 id="users-pending-title">{t('console.users.awaiting')}</h2>
      <p>{t('console.users.pendingLede')}</p>
      {users.length === 0 ? (
        <p role="status">{t('console.users.awaitingNone')}</p>
      ) : (
        <ul className="plain-list pending-list">
          {users.map((u) => (
            <li key={u.id}>
              <span>
                <strong>{u.displayName}</strong>
                {u.practice && <> · {u.practice}</>}
                <span className="cell-sub">
                  {t('console.users.npi')} <Npi npi={u.npi} />
                </span>
                <span className="cell-sub">{u.email}</span>
              </span>
              <button
                type="button"
                className="btn btn-primary btn-small"
                disabled={busy}
                aria-label={t('console.users.approveNamed', { name: u.displayName })}
                onClick={() => onApprove(u)}
              >
                {t('console.users.approve')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Referring providers already approved (or disabled since): outside clinicians, not staff. */
export function ApprovedClinicians({ users, actions }: { users: StaffUser[]; actions: (u: StaffUser) => ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="section">
      <h2 id="users-referrers-title">{t('console.users.approvedReferrers')}</h2>
      {users.length === 0 ? (
        <p>{t('console.users.approvedNone')}</p>
      ) : (
        <DataTable
          labelledBy="users-referrers-title"
          columns={[t('console.users.name'), t('console.users.practice'), t('console.users.npi'), t('console.field.email'), t('console.users.status'), t('console.users.twoFactor'), t('console.users.actions')]}
        >
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.displayName}</th>
              <td className="cell-wrap">{u.practice ?? t('console.users.noPractice')}</td>
              <td>
                <Npi npi={u.npi} />
              </td>
              <td className="cell-wrap">{u.email}</td>
              <td>
                <span className={`badge user-${u.status}`}>{t(`console.users.status.${u.status}`)}</span>
              </td>
              <td>{u.totpEnabled ? t('console.users.twoFactorOn') : t('console.users.twoFactorOff')}</td>
              <td>{actions(u)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
