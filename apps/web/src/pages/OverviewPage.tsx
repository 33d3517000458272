import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { OverviewDashboard } from '../features/overview/components/OverviewDashboard';

export function OverviewPage() {
  const { t } = useI18n();
  useDocumentTitle(t('nav.overview'));
  return (
    <>
      <h1 className="page-title">{t('overview.title')}</h1>
      <OverviewDashboard />
    </>
  );
}
