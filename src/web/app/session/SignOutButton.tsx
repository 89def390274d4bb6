import { useState } from 'react';
import { useT } from '../i18n/useT';
import { useSession } from './SessionProvider';

/** Signs out of this session; disabled while the request is on its way. Used by the console and the patient's page. */
export function SignOutButton() {
  const t = useT();
  const { signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      disabled={signingOut}
      onClick={() => {
        setSigningOut(true);
        void signOut().finally(() => setSigningOut(false));
      }}
    >
      {t('console.signOut')}
    </button>
  );
}
