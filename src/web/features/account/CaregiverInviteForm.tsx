import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CaregiverScope } from '../../../shared/contracts/identity';
import type { FieldIssue } from '../../../shared/errors';
import { isConflict } from '../../app/api/client';
import type { Translate } from '../../app/i18n/catalog';
import { useI18n } from '../../app/i18n/useT';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroupField, TextField } from '../../ui/Field';
import { fieldIssues, hasIssues, isTextIssue, problemMessage } from '../../app/problems';
import { useSession } from '../../app/session/SessionProvider';

interface Values {
  displayName: string;
  email: string;
  scope: CaregiverScope | '';
}
type Errors = Partial<Record<keyof Values, string>>;

/** Each field with the control an error links to (a radio group: its first radio). */
const FIELDS: [keyof Values, string][] = [
  ['displayName', 'f-share-name'],
  ['email', 'f-share-email'],
  ['scope', 'f-share-scope-full'],
];
const EMPTY: Values = { displayName: '', email: '', scope: '' };
const EMAIL = /^\S+@\S+\.\S+$/;
const NAME_MAX = 120;

/** The server's reason for refusing a field (CaregiverInvite in the shared contracts), in the reader's language. */
function fieldMessage(field: keyof Values, issue: FieldIssue, t: Translate): string {
  switch (field) {
    case 'displayName':
      // Too long is caught before sending (check below); the server's other refusals are characters or empty.
      return isTextIssue(issue) ? t('error.text.characters') : t('sharing.error.name');
    case 'email':
      return t('console.signIn.emailError');
    case 'scope':
      return t('sharing.error.scope');
  }
}

function check(v: Values, t: Translate): Errors {
  const found: Errors = {};
  const name = v.displayName.trim();
  if (!name) found.displayName = t('sharing.error.name');
  else if (name.length > NAME_MAX) found.displayName = t('sharing.error.nameLong');
  if (!EMAIL.test(v.email.trim())) found.email = t('console.signIn.emailError');
  if (!v.scope) found.scope = t('sharing.error.scope');
  return found;
}

/** A patient invites someone to see their record: everything in it, or their appointments only. */
export function CaregiverInviteForm({ patientId, onInvited }: { patientId: string; onInvited: () => void }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [attempts, setAttempts] = useState(0);
  const [sent, setSent] = useState<{ name: string; email: string } | null>(null);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((prev) => ({ ...prev, [k]: value }));

  const invite = useMutation({
    mutationFn: (body: { displayName: string; email: string; scope: CaregiverScope }) =>
      api.request('POST /api/patients/:patientId/caregivers', { params: { patientId }, body }),
    onSuccess: (_, body) => {
      setSent({ name: body.displayName, email: body.email });
      setV(EMPTY);
      onInvited();
      void queryClient.invalidateQueries({ queryKey: ['my', patientId] });
    },
    onError: (e) => {
      if (!hasIssues(e)) return;
      const server = fieldIssues(e);
      const found: Errors = {};
      for (const [f] of FIELDS) if (server[f]) found[f] = fieldMessage(f, server[f], t);
      setErrors(found);
      setAttempts((n) => n + 1);
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found = check(v, t);
    setErrors(found);
    setAttempts((n) => n + 1);
    if (Object.keys(found).length || !v.scope) return;
    setSent(null);
    invite.mutate({ displayName: v.displayName.trim(), email: v.email.trim(), scope: v.scope });
  }

  const summary = FIELDS.filter(([f]) => errors[f]).map(([f, id]) => ({ targetId: id, message: errors[f]! }));
  // A refusal that names none of these fields (or no field at all) is shown above the button.
  const problem = invite.isError && summary.length === 0
    ? isConflict(invite.error) && !hasIssues(invite.error) ? t('sharing.error.already') : problemMessage(invite.error, t, lang)
    : null;

  return (
    <div className="sharing-invite" aria-labelledby="sharing-invite-title" role="group">
      <h3 id="sharing-invite-title">{t('sharing.invite.title')}</h3>
      <div role="status" className="status-region">
        {sent && (
          <div className="notice notice-success">
            <p>{t('sharing.invite.sent', { name: sent.name, email: sent.email })}</p>
          </div>
        )}
      </div>
      <form noValidate onSubmit={onSubmit} className="auth-form">
        <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
        <TextField
          frame={{ id: 'f-share-name', label: t('sharing.invite.name'), hint: t('sharing.invite.nameHint'), error: errors.displayName }}
          name="caregiver-name"
          autoComplete="off"
          maxLength={NAME_MAX}
          value={v.displayName}
          onChange={(e) => set('displayName', e.target.value)}
        />
        <TextField
          frame={{ id: 'f-share-email', label: t('sharing.invite.email'), hint: t('sharing.invite.emailHint'), error: errors.email }}
          name="caregiver-email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          value={v.email}
          onChange={(e) => set('email', e.target.value)}
        />
        <RadioGroupField
          id="f-share-scope"
          legend={t('sharing.invite.scope')}
          name="scope"
          value={v.scope}
          options={[
            { value: 'full', label: t('sharing.scope.full') },
            { value: 'limited', label: t('sharing.scope.limited') },
          ]}
          onChange={(s) => set('scope', s as CaregiverScope)}
          error={errors.scope}
        />
        <div role="alert" className="submit-problem">
          {problem && (
            <div className="notice notice-error">
              <p>{problem}</p>
            </div>
          )}
        </div>
        <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
          {invite.isPending ? t('console.working') : t('sharing.invite.submit')}
        </button>
      </form>
    </div>
  );
}
