import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { useLocation } from '../../../lib/router/useLocation';

const TABS = [
  { to: '/supply', key: 'supply.tabSubmit' },
  { to: '/supply/approvals', key: 'supply.tabApprovals' },
  { to: '/supply/scoreboard', key: 'supply.tabScoreboard' },
  { to: '/admin/data-sets', key: 'supply.tabDataSets' },
] as const;

/** The data-supply screens, one link each. */
export function SupplyTabs() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <nav className="segmented supply-tabs" aria-label={t('supply.title')}>
      {TABS.map((tab) => (
        <Link key={tab.to} to={tab.to} aria-current={pathname === tab.to ? 'page' : undefined}>
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
