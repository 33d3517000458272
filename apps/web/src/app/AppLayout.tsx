import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n/useI18n';
import { Link } from '../lib/router/Link';
import { useLocation } from '../lib/router/useLocation';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { DemoNotice } from '../features/about/components/DemoNotice';
import { UserMenu } from '../features/auth/components/UserMenu';
import { LiveStatusBadge } from '../features/live/components/LiveStatusBadge';
import { NotificationBell } from '../features/notifications/components/NotificationBell';

function NavLink({ to, children, active }: { to: string; children: ReactNode; active: boolean }) {
  return (
    <Link to={to} aria-current={active ? 'page' : undefined} className={active ? 'is-active' : undefined}>
      {children}
    </Link>
  );
}

/** Header (brand, navigation, live status, language, user), the demo-data notice, and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            IOC
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="main-nav">
          <NavLink to="/" active={pathname === '/'}>
            {t('nav.overview')}
          </NavLink>
          <NavLink to="/domain" active={pathname.startsWith('/domain')}>
            {t('nav.domains')}
          </NavLink>
          <NavLink to="/budget" active={pathname.startsWith('/budget') || pathname.startsWith('/investment')}>
            {t('nav.finance')}
          </NavLink>
          <NavLink to="/dossiers" active={pathname.startsWith('/dossiers')}>
            {t('nav.dossiers')}
          </NavLink>
          <NavLink to="/phan-anh" active={pathname.startsWith('/phan-anh')}>
            {t('nav.cases')}
          </NavLink>
          <NavLink to="/sensors" active={pathname.startsWith('/sensors')}>
            {t('nav.sensors')}
          </NavLink>
          <NavLink to="/operations" active={pathname.startsWith('/operations')}>
            {t('nav.operations')}
          </NavLink>
          <NavLink to="/cameras" active={pathname.startsWith('/cameras')}>
            {t('nav.cameras')}
          </NavLink>
          <NavLink to="/alerts" active={pathname.startsWith('/alerts')}>
            {t('nav.alerts')}
          </NavLink>
          <NavLink to="/supply" active={pathname.startsWith('/supply') || pathname === '/admin/data-sets'}>
            {t('nav.supply')}
          </NavLink>
          <NavLink to="/wall" active={false}>
            {t('nav.wall')}
          </NavLink>
        </nav>
        <div className="header-tools">
          <LiveStatusBadge />
          <LanguageSwitch />
          <NotificationBell />
          <UserMenu />
        </div>
      </header>
      <DemoNotice />
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <span>{t('app.footer')}</span> · <a href="/api/docs">{t('nav.apiDocs')}</a>
      </footer>
    </div>
  );
}
