import { useState } from 'react';
import { isStaffRole } from '../../../../shared/roles';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { Dialog } from '../../../ui/Dialog';
import { DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { problemMessage } from '../../../app/problems';
import { useSignedIn } from '../../../app/session/SessionProvider';
import { useReinvite, useStaffUsers, useUserAction, type StaffUser } from './admin-api';
import { InviteForm, InviteLink } from './InviteForm';
import { ApprovedClinicians, AwaitingApproval } from './OutsideClinicians';

/**
 * Accounts: the clinic's staff (who has access, in which role, with two-factor
 * or not; invitations), and apart from them the outside clinicians, those
 * awaiting approval and those approved (issue 11), and any caregiver accounts.
 */
export function UsersPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.users');
  const { user: me } = useSignedIn();
  const users = useStaffUsers();
  const action = useUserAction();
  const [disabling, setDisabling] = useState<StaffUser | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reinvite = useReinvite();
  const [reissued, setReissued] = useState<{ name: string; email: string; url: string } | null>(null);
  // A link the invitation form still shows may be the one just replaced: a new link starts the form afresh.
  const [formKey, setFormKey] = useState(0);
  const sorted = [...(users.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const staff = sorted.filter((u) => isStaffRole(u.role));
  const referrers = sorted.filter((u) => u.role === 'referrer');
  const pending = referrers.filter((u) => u.status === 'pending_approval');
  const approved = referrers.filter((u) => u.status !== 'pending_approval');
  const caregivers = sorted.filter((u) => u.role === 'caregiver');

  function sendNewLink(u: StaffUser) {
    setDone(null);
    setReissued(null);
    reinvite.mutate(u, {
      onSuccess: (r) => {
        setReissued({ name: u.displayName, email: u.email, url: r.inviteUrl });
        setFormKey((k) => k + 1);
      },
    });
  }

  function run(u: StaffUser, kind: 'approve' | 'disable') {
    setDone(null);
    setReissued(null);
    action.mutate(
      { id: u.id, action: kind, name: u.displayName },
      {
        onSuccess: () => {
          setDisabling(null);
          setDone(kind === 'approve' ? t('console.users.approvedNotified', { name: u.displayName }) : t('console.users.disabled', { name: u.displayName }));
        },
      },
    );
  }

  /** What can be done to an account from its row: a new invitation link, or disabling it (never one's own). */
  function rowActions(u: StaffUser) {
    return (
      <div className="row-actions">
        {u.status === 'invited' && isStaffRole(u.role) && (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            disabled={reinvite.isPending}
            aria-label={t('console.users.reinviteNamed', { name: u.displayName })}
            onClick={() => sendNewLink(u)}
          >
            {t('console.users.reinvite')}
          </button>
        )}
        {u.status !== 'disabled' && u.id !== me.id && (
          <button
            type="button"
            className="btn btn-danger-outline btn-small"
            aria-label={t('console.users.disableNamed', { name: u.displayName })}
            onClick={() => {
              action.reset();
              setDisabling(u);
            }}
          >
            {t('console.users.disable')}
          </button>
        )}
      </div>
    );
  }

  return (
    <>
      <h1>{t('console.users.heading')}</h1>
      <OutcomeNotices
        done={done}
        problem={action.isError && !disabling ? problemMessage(action.error, t, lang) : reinvite.isError ? problemMessage(reinvite.error, t, lang) : null}
      />
      <div role="status" className="status-region">
        {reissued && <InviteLink id="reinvite-url" message={t('console.users.reissued', { name: reissued.name, email: reissued.email })} url={reissued.url} />}
      </div>
      {users.data && <AwaitingApproval users={pending} busy={action.isPending} onApprove={(u) => run(u, 'approve')} />}
      <div className="admin-layout">
        <div>
          <h2 id="users-list-title">{t('console.users.staff')}</h2>
          <QueryState isPending={users.isPending} isError={users.isError} retry={() => void users.refetch()}>
            <DataTable
              labelledBy="users-list-title"
              columns={[
                t('console.users.name'),
                t('console.field.email'),
                t('console.users.role'),
                t('console.users.status'),
                t('console.users.twoFactor'),
                t('console.users.actions'),
              ]}
            >
              {staff.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.displayName}</th>
                  <td className="cell-wrap">{u.email}</td>
                  <td>{t(`console.role.${u.role}`)}</td>
                  <td>
                    <span className={`badge user-${u.status}`}>{t(`console.users.status.${u.status}`)}</span>
                  </td>
                  <td>{u.totpEnabled ? t('console.users.twoFactorOn') : t('console.users.twoFactorOff')}</td>
                  <td>{rowActions(u)}</td>
                </tr>
              ))}
            </DataTable>
          </QueryState>
        </div>
        <InviteForm key={formKey} />
      </div>
      {users.data && <ApprovedClinicians users={approved} actions={rowActions} />}
      {caregivers.length > 0 && (
        <div className="section">
          <h2 id="users-caregivers-title">{t('console.users.caregivers')}</h2>
          <DataTable labelledBy="users-caregivers-title" columns={[t('console.users.name'), t('console.field.email'), t('console.users.status'), t('console.users.actions')]}>
            {caregivers.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.displayName}</th>
                <td className="cell-wrap">{u.email}</td>
                <td>
                  <span className={`badge user-${u.status}`}>{t(`console.users.status.${u.status}`)}</span>
                </td>
                <td>{rowActions(u)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      {disabling && (
        <Dialog
          variant="alert"
          title={t('console.users.disableTitle', { name: disabling.displayName })}
          onClose={() => setDisabling(null)}
          description={<p>{t('console.users.disableBody', { name: disabling.displayName, email: disabling.email })}</p>}
        >
          <div role="alert" className="status-region">
            {action.isError && (
              <div className="notice notice-error">
                <p>{problemMessage(action.error, t, lang)}</p>
              </div>
            )}
          </div>
          <div className="actions">
            <button type="button" className="btn btn-danger" disabled={action.isPending} onClick={() => run(disabling, 'disable')}>
              {action.isPending ? t('console.working') : t('console.users.disableConfirm')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setDisabling(null)}>
              {t('console.cancelAction')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
