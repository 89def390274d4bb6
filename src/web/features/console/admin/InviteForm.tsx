import type { RequestOf } from '../../../app/api/routes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { StaffRole } from '../../../../shared/contracts/identity';
import { ApiError } from '../../../app/api/client';
import { usePractitioners } from '../../../app/api/queries';
import { useI18n } from '../../../app/i18n/useT';
import { CopyButton } from '../../../ui/CopyButton';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/Field';
import { hasIssues, issuesByField, problemMessage } from '../../../app/problems';
import { nameWithCredentials } from '../desk/schedule-index';
import { useSession } from '../../../app/session/SessionProvider';
import { usersKey } from './admin-api';

/** What the form sends, from the route's shared contract. */
type InviteBody = RequestOf<'POST /api/admin/users/invite'>['body'];

type Role = (typeof StaffRole.options)[number];

interface Values {
  email: string;
  displayName: string;
  role: Role | '';
  practitionerId: string;
}

const FIELDS: [keyof Values, string][] = [
  ['email', 'f-inv-email'],
  ['displayName', 'f-inv-name'],
  ['role', 'f-inv-role'],
  ['practitionerId', 'f-inv-practitioner'],
];

const empty: Values = { email: '', displayName: '', role: '', practitionerId: '' };

/** Invites a staff member; the link is emailed and also shown here to pass on. */
export function InviteForm() {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const practitioners = usePractitioners();
  const [v, setV] = useState<Values>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [attempts, setAttempts] = useState(0);
  const [sent, setSent] = useState<{ name: string; email: string; url: string } | null>(null);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((prev) => ({ ...prev, [k]: value }));

  const invite = useMutation({
    mutationFn: (body: InviteBody) => api.request('POST /api/admin/users/invite', { body }),
    onSuccess: (r) => {
      setSent({ name: v.displayName.trim(), email: v.email.trim(), url: r.inviteUrl });
      setV(empty);
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
    onError: (e) => {
      if (!hasIssues(e)) return;
      const server = issuesByField(e);
      const found: typeof errors = {};
      for (const [f] of FIELDS) if (server[f]) found[f] = lang === 'en' ? `${t(`console.invite.field.${f}`)}: ${server[f]}` : t('console.book.fieldProblem');
      // The email's conflicts have their own words, in either language.
      if (e instanceof ApiError && e.reason === 'already_invited') found.email = t('console.invite.error.alreadyInvited');
      if (e instanceof ApiError && e.reason === 'exists') found.email = t('console.invite.error.exists');
      setErrors(found);
      setAttempts((n) => n + 1);
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (!/^\S+@\S+\.\S+$/.test(v.email.trim())) found.email = t('console.signIn.emailError');
    if (!v.displayName.trim()) found.displayName = t('console.invite.error.name');
    if (!v.role) found.role = t('console.invite.error.role');
    if (v.role === 'clinician' && !v.practitionerId) found.practitionerId = t('console.invite.error.practitioner');
    setErrors(found);
    setAttempts((n) => n + 1);
    if (Object.values(found).some(Boolean) || !v.role) return;
    setSent(null);
    invite.mutate({
      email: v.email.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      ...(v.role === 'clinician' ? { practitionerId: v.practitionerId } : {}),
    });
  }

  const summary = FIELDS.filter(([f]) => errors[f]).map(([f, id]) => ({ targetId: id, message: errors[f]! }));
  return (
    <section className="panel invite-panel" aria-labelledby="invite-form-title">
      <h2 id="invite-form-title">{t('console.invite.formTitle')}</h2>
      <div role="status" className="status-region">
        {sent && <InviteLink id="invite-url" message={t('console.invite.sent', { name: sent.name, email: sent.email })} url={sent.url} />}
      </div>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
        <TextField
          frame={{ id: 'f-inv-email', label: t('console.field.email'), error: errors.email }}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={v.email}
          onChange={(e) => set('email', e.target.value)}
        />
        <TextField
          frame={{ id: 'f-inv-name', label: t('console.invite.field.displayName'), hint: t('console.invite.nameHint'), error: errors.displayName }}
          autoComplete="off"
          maxLength={120}
          value={v.displayName}
          onChange={(e) => set('displayName', e.target.value)}
        />
        <SelectField frame={{ id: 'f-inv-role', label: t('console.invite.field.role'), error: errors.role }} value={v.role} onChange={(e) => set('role', e.target.value as Role)}>
          <option value="">{t('console.invite.chooseRole')}</option>
          {StaffRole.options.map((r) => (
            <option key={r} value={r}>
              {t(`console.role.${r}`)}
            </option>
          ))}
        </SelectField>
        {v.role === 'clinician' && (
          <SelectField
            frame={{ id: 'f-inv-practitioner', label: t('console.invite.field.practitionerId'), hint: t('console.invite.practitionerHint'), error: errors.practitionerId }}
            value={v.practitionerId}
            onChange={(e) => set('practitionerId', e.target.value)}
          >
            <option value="">{t('console.invite.choosePractitioner')}</option>
            {(practitioners.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {nameWithCredentials(p)}
              </option>
            ))}
          </SelectField>
        )}
        <div role="alert" className="submit-problem">
          {invite.isError && !hasIssues(invite.error) && (
            <div className="notice notice-error">
              <p>{problemMessage(invite.error, t, lang)}</p>
            </div>
          )}
        </div>
        <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
          {invite.isPending ? t('console.working') : t('console.invite.send')}
        </button>
      </form>
    </section>
  );
}

/** A new invitation's link, to copy and pass on when email is slow or not set up. */
export function InviteLink({ id, message, url }: { id: string; message: string; url: string }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-success invite-sent">
      <p>{message}</p>
      <label htmlFor={id} className="field-label">
        {t('console.invite.link')}
      </label>
      <input id={id} className="input input-url" readOnly value={url} onFocus={(e) => e.target.select()} />
      <p className="invite-copy">
        <CopyButton text={url} label={t('console.invite.copy')} fallbackId={id} />
      </p>
    </div>
  );
}
