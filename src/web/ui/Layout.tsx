import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useT } from '../app/i18n/useT';
import { homeOf } from '../app/roles';
import { signOutVisitor, useVisitor, type Visitor } from '../app/session/visitor';
import { LanguageSwitch } from './LanguageSwitch';

/** The signed-in person's name (to their own pages) and a way to sign out, in place of "Sign in" (issue 11). */
function HeaderAccount({ visitor }: { visitor: Visitor }) {
  const t = useT();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <div className="header-account">
      <NavLink to={homeOf(visitor.role)} className="header-account-name">
        <span className="sr-only">{t('nav.signedInAs')} </span>
        {visitor.name}
      </NavLink>
      <button
        type="button"
        className="btn-link header-sign-out"
        disabled={signingOut}
        onClick={() => {
          setSigningOut(true);
          void signOutVisitor().finally(() => setSigningOut(false));
        }}
      >
        {t('nav.signOut')}
      </button>
    </div>
  );
}

/** Page frame: skip link, header with navigation and language, main, footer. */
export function Layout() {
  const t = useT();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const visitor = useVisitor();

  // After client-side navigation, start the reader at the new page (not on first load).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className={visitor ? 'container header-inner has-account' : 'container header-inner'}>
          <Link to="/" className="brand">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="7" />
              <path d="M9 17h4l2-6 3 11 2-5h3" />
            </svg>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          {visitor && <HeaderAccount visitor={visitor} />}
          <LanguageSwitch />
          <nav aria-label={t('nav.label')} className="site-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/locations">{t('nav.locations')}</NavLink>
              </li>
              {!visitor && (
                <li>
                  <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/book" className="nav-cta">
                  {t('nav.book')}
                </NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        <div className="container">
          <Outlet />
        </div>
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <p className="footer-emergency">
            <strong>{t('footer.emergency')}</strong>
          </p>
          <p>{t('footer.demo')}</p>
          <p>{t('footer.software')}</p>
        </div>
      </footer>
    </>
  );
}
