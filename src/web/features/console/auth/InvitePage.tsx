import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { SessionInfo } from '../../../../shared/contracts/identity';
import { ApiError } from '../../../app/api/client';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { QueryState } from '../../../ui/QueryState';
import { fieldIssues, passwordMessage, problemMessage } from '../../../app/problems';
import { homeOf, requiresSecondFactor } from '../../../app/roles';
import { useSession } from '../../../app/session/SessionProvider';
import { FlowStep } from '../../../app/auth/FlowStep';
import { checkNewPassword, NewPasswordField } from '../../../app/auth/NewPasswordField';
import { RecoveryCodes, TotpEnrollment } from './TotpEnrollment';

type Step = 'password' | 'enroll' | 'codes';

/**
 * An invited staff member: choose a password, set up the authenticator app, save
 * the recovery codes. A caregiver a patient invited only chooses a password
 * (no second factor), then goes to the records shared with them.
 */
export function InvitePage() {
  const { t } = useI18n();
  usePageTitle('title.console.invite');
  const { token = '' } = useParams();
  const { api } = useSession();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('password');
  const [codes, setCodes] = useState<string[]>([]);

  const invite = useQuery({
    queryKey: ['invite', token],
    queryFn: ({ signal }) => api.request('GET /api/invites/:token', { params: { token } }, { signal, anonymous: true }),
    // Once accepted the link is used up: keep what was shown.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });

  const gone = invite.error instanceof ApiError && invite.error.status < 500;
  const steps: Step[] = invite.data && !requiresSecondFactor(invite.data.role) ? ['password'] : ['password', 'enroll', 'codes'];
  const titles: Record<Step, string> = {
    password: t('console.invite.passwordStep'),
    enroll: t('console.enroll.title'),
    codes: t('console.recovery.title'),
  };

  return (
    <section className="auth-card auth-card-wide" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('console.invite.title')}</h1>
      {gone ? (
        <div className="notice notice-error" role="alert">
          <p>{t('console.invite.gone')}</p>
        </div>
      ) : (
        <QueryState isPending={invite.isPending} isError={invite.isError} retry={() => void invite.refetch()}>
          {invite.data && (
            <>
              <p className="lede">
                {invite.data.role === 'caregiver'
                  ? t('console.invite.caregiverLede', { name: invite.data.displayName, email: invite.data.email })
                  : t('console.invite.lede', {
                      name: invite.data.displayName,
                      role: t(`console.role.${invite.data.role}`),
                      email: invite.data.email,
                    })}
              </p>
              <FlowStep
                stepKey={step}
                counter={steps.length > 1 ? t('book.stepOf', { n: steps.indexOf(step) + 1, total: steps.length }) : undefined}
                title={titles[step]}
              >
                {step === 'password' && (
                  <InvitePassword
                    token={token}
                    email={invite.data.email}
                    onDone={(info) => {
                      if (info.next === 'done') void navigate(homeOf(info.user.role), { replace: true });
                      else setStep('enroll');
                    }}
                  />
                )}
                {step === 'enroll' && (
                  <TotpEnrollment
                    onConfirmed={(c) => {
                      setCodes(c);
                      setStep('codes');
                    }}
                  />
                )}
                {step === 'codes' && <RecoveryCodes codes={codes} onDone={() => void navigate(homeOf(invite.data.role), { replace: true })} />}
              </FlowStep>
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}

function InvitePassword({ token, email, onDone }: { token: string; email: string; onDone: (info: SessionInfo) => void }) {
  const { t, lang } = useI18n();
  const { api, adopt } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const accept = useMutation({
    mutationFn: (pw: string) => api.request('POST /api/invites/:token', { params: { token }, body: { password: pw } }, { anonymous: true }),
    onSuccess: (info) => {
      adopt(info);
      onDone(info);
    },
    onError: (e) => {
      const issue = fieldIssues(e).password;
      if (issue) {
        setError(passwordMessage(issue, t));
        document.getElementById('f-invite-password')?.focus();
      }
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problem = checkNewPassword(password, t);
    setError(problem);
    if (problem) {
      document.getElementById('f-invite-password')?.focus();
      return;
    }
    accept.mutate(password);
  }

  return (
    <form noValidate onSubmit={onSubmit} className="auth-form">
      <NewPasswordField id="f-invite-password" value={password} onChange={setPassword} error={error} username={email} />
      <div role="alert" className="submit-problem">
        {accept.isError && !fieldIssues(accept.error).password && (
          <div className="notice notice-error">
            <p>{accept.error instanceof ApiError && accept.error.status === 404 ? t('console.invite.gone') : problemMessage(accept.error, t, lang)}</p>
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={accept.isPending}>
        {accept.isPending ? t('console.working') : t('console.invite.submit')}
      </button>
    </form>
  );
}
