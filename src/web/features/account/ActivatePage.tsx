import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { SessionInfo } from '../../../shared/contracts/identity';
import type { FieldIssue } from '../../../shared/errors';
import type { Translate } from '../../app/i18n/catalog';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroupField, TextField } from '../../ui/Field';
import { Loading } from '../../ui/QueryState';
import { FlowStep } from '../../app/auth/FlowStep';
import { checkNewPassword, NewPasswordField } from '../../app/auth/NewPasswordField';
import { fieldIssues, passwordMessage } from '../../app/problems';
import { useSession } from '../../app/session/SessionProvider';
import { accountProblem, isAlreadyActive } from './account-problems';
import { destinationOf } from './SignInPage';

type Way = 'booking' | 'record';
const EMAIL = /^\S+@\S+\.\S+$/;

/**
 * A patient creates their account: with the booking confirmation (the link
 * carries the appointment and its code), or by name and birth date and a code
 * emailed to the address on file.
 */
export function ActivatePage() {
  const { t } = useI18n();
  usePageTitle('title.account.activate');
  const { session } = useSession();
  const [params] = useSearchParams();
  const appointmentId = params.get('appointment') ?? '';
  const code = params.get('code')?.trim().toUpperCase() ?? '';
  const fromBooking = /^[0-9a-f-]{36}$/i.test(appointmentId) && /^[A-Z0-9]{8}$/.test(code);
  const [way, setWay] = useState<Way>(fromBooking ? 'booking' : 'record');

  if (session === undefined) return <Loading />;
  if (session) return <Navigate to={destinationOf(session, null)} replace />;

  return (
    <div className="account-auth">
      <section className="auth-card auth-card-wide" aria-labelledby="activate-title">
        <h1 id="activate-title">{t('account.activate.title')}</h1>
        <p className="lede">{t('account.activate.lede')}</p>
        {fromBooking ? (
          <RadioGroupField
            id="f-activate-way"
            legend={t('account.activate.way')}
            name="way"
            value={way}
            options={[
              { value: 'booking', label: t('account.activate.way.booking') },
              { value: 'record', label: t('account.activate.way.record') },
            ]}
            onChange={(v) => setWay(v as Way)}
          />
        ) : (
          <p className="muted">{t('account.activate.haveBooking')}</p>
        )}
        {way === 'booking' && fromBooking ? <BookingActivation appointmentId={appointmentId} code={code} /> : <RecordActivation />}
        <p className="auth-links">
          <Link to="/sign-in">{t('account.activate.haveAccount')}</Link>
        </p>
      </section>
    </div>
  );
}

/** Field messages for the server's field issues, in the reader's language. */
function fieldMessage(field: string, issue: FieldIssue, t: Translate): string {
  switch (field) {
    case 'password':
      return passwordMessage(issue, t);
    case 'email':
      return t('console.signIn.emailError');
    case 'firstName':
      return t('account.error.firstName');
    case 'lastName':
      return t('account.error.lastName');
    case 'dateOfBirth':
      return t('account.error.dateOfBirth');
    case 'code':
      return t('account.error.code');
    default:
      return t('console.error.invalid');
  }
}

function serverFieldErrors(e: unknown, t: Translate): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldIssues(e)).map(([f, m]) => [f, fieldMessage(f, m, t)]));
}

function useActivated() {
  const { adopt } = useSession();
  const navigate = useNavigate();
  return (info: SessionInfo) => {
    adopt(info);
    void navigate('/my', { replace: true });
  };
}

function SubmitProblem({ error, fieldErrors }: { error: unknown; fieldErrors: Record<string, string> }) {
  const { t, lang } = useI18n();
  const show = error != null && Object.keys(fieldErrors).length === 0;
  return (
    <div role="alert" className="submit-problem">
      {show && (
        <div className="notice notice-error">
          <p>{accountProblem(error, t, lang)}</p>
          {isAlreadyActive(error) && (
            <p>
              <Link to="/sign-in">{t('account.signIn.title')}</Link>
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function BookingActivation({ appointmentId, code }: { appointmentId: string; code: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const activated = useActivated();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempts, setAttempts] = useState(0);

  const activate = useMutation({
    mutationFn: (body: { appointmentId: string; code: string; email: string; password: string }) =>
      api.request('POST /api/account/activate', { body }, { anonymous: true }),
    onSuccess: activated,
    onError: (e) => setErrors(serverFieldErrors(e, t)),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAttempts((n) => n + 1);
    const found: Record<string, string> = {};
    if (!EMAIL.test(email.trim())) found.email = t('console.signIn.emailError');
    const pw = checkNewPassword(password, t);
    if (pw) found.password = pw;
    setErrors(found);
    if (Object.keys(found).length) return;
    activate.mutate({ appointmentId, code, email: email.trim(), password });
  }

  const summary = [
    errors.email ? { targetId: 'f-activate-email', message: errors.email } : null,
    errors.password ? { targetId: 'f-activate-password', message: errors.password } : null,
  ].filter((x) => x !== null);

  return (
    <form noValidate onSubmit={onSubmit} className="auth-form">
      <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} level={2} />
      <TextField
        frame={{ id: 'f-activate-email', label: t('account.field.bookingEmail'), hint: t('account.field.bookingEmailHint'), error: errors.email }}
        name="email"
        type="email"
        autoComplete="email"
        spellCheck={false}
        autoCapitalize="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <NewPasswordField id="f-activate-password" value={password} onChange={setPassword} error={errors.password} username={email.trim()} />
      <SubmitProblem error={activate.error} fieldErrors={errors} />
      <button type="submit" className="btn btn-primary btn-block" disabled={activate.isPending}>
        {activate.isPending ? t('console.working') : t('account.activate.submit')}
      </button>
    </form>
  );
}

interface Who {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

function RecordActivation() {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const [who, setWho] = useState<Who>({ firstName: '', lastName: '', dateOfBirth: '' });
  const [step, setStep] = useState<'find' | 'code'>('find');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempts, setAttempts] = useState(0);

  const ask = useMutation({
    mutationFn: (body: Who) => api.request('POST /api/account/activation-code', { body }, { anonymous: true }),
    onSuccess: () => setStep('code'),
    onError: (e) => setErrors(serverFieldErrors(e, t)),
  });

  function onFind(e: FormEvent) {
    e.preventDefault();
    setAttempts((n) => n + 1);
    const found: Record<string, string> = {};
    if (!who.firstName.trim()) found.firstName = t('account.error.firstName');
    if (!who.lastName.trim()) found.lastName = t('account.error.lastName');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(who.dateOfBirth)) found.dateOfBirth = t('account.error.dateOfBirth');
    setErrors(found);
    if (Object.keys(found).length) return;
    ask.mutate({ firstName: who.firstName.trim(), lastName: who.lastName.trim(), dateOfBirth: who.dateOfBirth });
  }

  const summary = (['firstName', 'lastName', 'dateOfBirth'] as const)
    .map((f) => (errors[f] ? { targetId: `f-record-${f}`, message: errors[f] } : null))
    .filter((x) => x !== null);
  const sentMessage = lang === 'en' && ask.data?.status ? ask.data.status : t('account.code.sent');

  return (
    <FlowStep
      stepKey={step}
      counter={t('book.stepOf', { n: step === 'find' ? 1 : 2, total: 2 })}
      title={step === 'find' ? t('account.record.title') : t('account.code.title')}
    >
      {step === 'find' ? (
        <form noValidate onSubmit={onFind} className="auth-form">
          <p>{t('account.record.lede')}</p>
          <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
          <TextField
            frame={{ id: 'f-record-firstName', label: t('account.field.firstName'), error: errors.firstName }}
            name="given-name"
            autoComplete="given-name"
            value={who.firstName}
            onChange={(e) => setWho({ ...who, firstName: e.target.value })}
          />
          <TextField
            frame={{ id: 'f-record-lastName', label: t('account.field.lastName'), error: errors.lastName }}
            name="family-name"
            autoComplete="family-name"
            value={who.lastName}
            onChange={(e) => setWho({ ...who, lastName: e.target.value })}
          />
          <TextField
            frame={{ id: 'f-record-dateOfBirth', label: t('account.field.dateOfBirth'), error: errors.dateOfBirth }}
            name="bday"
            type="date"
            autoComplete="bday"
            value={who.dateOfBirth}
            onChange={(e) => setWho({ ...who, dateOfBirth: e.target.value })}
          />
          <SubmitProblem error={ask.error} fieldErrors={errors} />
          <button type="submit" className="btn btn-primary btn-block" disabled={ask.isPending}>
            {ask.isPending ? t('console.working') : t('account.record.submit')}
          </button>
        </form>
      ) : (
        <CodeActivation who={who} sentMessage={sentMessage} resend={() => ask.mutate(who)} resending={ask.isPending} />
      )}
    </FlowStep>
  );
}

function CodeActivation({ who, sentMessage, resend, resending }: { who: Who; sentMessage: string; resend: () => void; resending: boolean }) {
  const { t } = useI18n();
  const { api } = useSession();
  const activated = useActivated();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempts, setAttempts] = useState(0);

  const activate = useMutation({
    mutationFn: (body: Who & { code: string; password: string }) => api.request('POST /api/account/activate-with-code', { body }, { anonymous: true }),
    onSuccess: activated,
    onError: (e) => setErrors(serverFieldErrors(e, t)),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAttempts((n) => n + 1);
    const found: Record<string, string> = {};
    if (!/^\d{6}$/.test(code.trim())) found.code = t('account.error.code');
    const pw = checkNewPassword(password, t);
    if (pw) found.password = pw;
    setErrors(found);
    if (Object.keys(found).length) return;
    activate.mutate({ ...who, code: code.trim(), password });
  }

  const summary = [
    errors.code ? { targetId: 'f-record-code', message: errors.code } : null,
    errors.password ? { targetId: 'f-record-password', message: errors.password } : null,
  ].filter((x) => x !== null);

  return (
    <form noValidate onSubmit={onSubmit} className="auth-form">
      <div role="status" className="status-region">
        <div className="notice notice-success">
          <p>{sentMessage}</p>
        </div>
      </div>
      <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
      <TextField
        frame={{ id: 'f-record-code', label: t('account.field.code'), hint: t('account.field.codeHint'), error: errors.code }}
        className="input input-otp"
        name="one-time-code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
      />
      <NewPasswordField id="f-record-password" value={password} onChange={setPassword} error={errors.password} />
      <SubmitProblem error={activate.error} fieldErrors={errors} />
      <button type="submit" className="btn btn-primary btn-block" disabled={activate.isPending}>
        {activate.isPending ? t('console.working') : t('account.activate.submit')}
      </button>
      <p className="auth-links">
        <button type="button" className="btn-link" onClick={resend} disabled={resending}>
          {t('account.code.resend')}
        </button>
      </p>
    </form>
  );
}
