import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useT } from '../../app/i18n/useT';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { canReadCharts, canUseDesk, canUseInbox, isAdmin } from '../../app/roles';
import { InboxNavLink } from './inbox/InboxNavLink';
import { IdleWarning } from './session/IdleWarning';
import { useSignedIn } from '../../app/session/SessionProvider';
import { SignOutButton } from '../../app/session/SignOutButton';

function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" />
      <path d="M9 17h4l2-6 3 11 2-5h3" />
    </svg>
  );
}

/** The brand of every console page: the clinic name and "Staff console". */
export function ConsoleBrand() {
  const t = useT();
  return (
    <Link to="/console" className="brand console-brand">
      <BrandMark />
      <span className="brand-text">
        <span className="brand-name">{t('app.name')}</span>
        <span className="console-badge">{t('console.brand')}</span>
      </span>
    </Link>
  );
}

/** Moves the reader to the new page after client-side navigation (not on first load). */
export function useFocusMainOnNavigate() {
  const { pathname, key } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      // Arrived from another console frame (signed in, signed out): focus went with the old page.
      if (key !== 'default' && document.activeElement === document.body) mainRef.current?.focus();
      return;
    }
    window.scrollTo(0, 0);
    mainRef.current?.focus();
    // Only a new page moves the reader; a changed query (?date=) does not.
  }, [pathname]);
  return mainRef;
}

/** The frame of the signed-in console: who is signed in, where to go, sign out. */
export function ConsoleLayout() {
  const t = useT();
  const { user } = useSignedIn();
  const mainRef = useFocusMainOnNavigate();

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header console-header">
        <div className="console-container console-header-inner">
          <ConsoleBrand />
          <div className="console-user">
            <p className="console-user-name">
              <span className="sr-only">{t('console.signedInAs')} </span>
              {user.displayName}
              <span className="console-user-role">{t(`console.role.${user.role}`)}</span>
            </p>
            <LanguageSwitch />
            <SignOutButton />
          </div>
          <nav aria-label={t('console.nav.label')} className="site-nav console-nav">
            <ul>
              {canUseDesk(user.role) && (
                <li>
                  <NavLink to="/console" end>
                    {t('console.nav.desk')}
                  </NavLink>
                </li>
              )}
              {canUseInbox(user.role) && (
                <li>
                  <InboxNavLink />
                </li>
              )}
              {canUseDesk(user.role) && (
                <li>
                  <NavLink to="/console/requests">{t('console.nav.requests')}</NavLink>
                </li>
              )}
              {canReadCharts(user.role) && (
                <li>
                  <NavLink to="/console/patients">{t('console.nav.patients')}</NavLink>
                </li>
              )}
              {canUseDesk(user.role) && (
                <li>
                  <NavLink to="/console/waitlist">{t('console.nav.waitlist')}</NavLink>
                </li>
              )}
              {isAdmin(user.role) && (
                <>
                  <li>
                    <NavLink to="/console/admin/settings">{t('settings.nav.console')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/console/admin/users">{t('console.nav.users')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/console/admin/audit">{t('console.nav.audit')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/console/admin/break-glass">{t('console.nav.breakGlass')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/console/admin/notices">{t('console.nav.notices')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/console/admin/demo-mailbox">{t('console.nav.demoMailbox')}</NavLink>
                  </li>
                </>
              )}
              <li>
                <NavLink to="/console/sessions">{t('console.nav.sessions')}</NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main console-main">
        <div className="console-container">
          <Outlet />
        </div>
      </main>
      <IdleWarning />
    </>
  );
}

/** The frame of the signed-out console pages: sign in, password, invitation. */
export function ConsoleAuthLayout() {
  const t = useT();
  const mainRef = useFocusMainOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header console-header">
        <div className="console-container console-auth-header">
          <ConsoleBrand />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main console-main">
        <div className="console-container console-auth-main">
          <Outlet />
        </div>
      </main>
    </>
  );
}
