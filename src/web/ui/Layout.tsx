import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useT } from '../app/i18n/useT';
import { LanguageSwitch } from './LanguageSwitch';

/** Page frame: skip link, header with navigation and language, main, footer. */
export function Layout() {
  const t = useT();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

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
        <div className="container header-inner">
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
              <li>
                <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
              </li>
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
