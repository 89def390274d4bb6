import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../app/i18n/useT';
import { TextField } from '../../../ui/Field';

/** Asks for the confirmation code when the address does not carry a valid one. */
export function CodeForm() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [value, setValue] = useState(params.get('code') ?? '');
  const [error, setError] = useState<string | undefined>();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const code = value.trim().toUpperCase();
    if (!/^[A-Z0-9]{8}$/.test(code)) {
      setError(t('appt.codeForm.error'));
      document.getElementById('f-code')?.focus();
      return;
    }
    setError(undefined);
    const next = new URLSearchParams(params);
    next.set('code', code);
    setParams(next);
  }

  return (
    <form noValidate onSubmit={onSubmit} className="code-form">
      <p>{t('appt.codeForm.lede')}</p>
      <TextField
        frame={{ id: 'f-code', label: t('appt.code'), error }}
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={8}
        className="input input-code"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="btn btn-primary">
        {t('appt.codeForm.submit')}
      </button>
    </form>
  );
}
