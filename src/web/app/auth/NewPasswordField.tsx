import { useId, useState } from 'react';
import { useT } from '../i18n/useT';
import { TextField } from '../../ui/Field';

export const PASSWORD_MIN = 12;

/**
 * A new password with the guidance next to it (NIST 800-63B: length, no
 * composition rules, paste allowed) and a choice to show what was typed.
 */
export function NewPasswordField({
  id,
  value,
  onChange,
  error,
  username,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  /** The account's email, so password managers file the new password under it. */
  username?: string;
}) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const showId = useId();
  return (
    <>
      {username && <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />}
      <TextField
        frame={{ id, label: t('console.password.new'), hint: t('console.password.guidance'), error }}
        name="new-password"
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        autoCapitalize="off"
        minLength={PASSWORD_MIN}
        maxLength={128}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <label className="checkbox" htmlFor={showId}>
        <input id={showId} type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} />
        <span>{t('console.password.show')}</span>
      </label>
    </>
  );
}

/** The client-side check before sending: only the length (the server checks the rest). */
export function checkNewPassword(password: string, t: ReturnType<typeof useT>): string | undefined {
  if ([...password].length < PASSWORD_MIN) return t('console.password.tooShort');
  if ([...password].length > 128) return t('console.password.tooLong');
  return undefined;
}
