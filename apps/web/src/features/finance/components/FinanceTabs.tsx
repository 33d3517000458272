import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';

/** Switches between the budget and the public-investment dashboards. */
export function FinanceTabs({ current }: { current: 'budget' | 'investment' }) {
  const { t } = useI18n();
  return (
    <nav className="finance-tabs" aria-label={t('finance.tabs')}>
      <Link to="/budget" aria-current={current === 'budget' ? 'page' : undefined}>
        {t('budget.title')}
      </Link>
      <Link to="/investment" aria-current={current === 'investment' ? 'page' : undefined}>
        {t('investment.title')}
      </Link>
    </nav>
  );
}
