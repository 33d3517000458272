import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { AlertManager } from '../features/alerts/components/AlertManager';

export function AlertsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('alerts.title'));
  return (
    <div>
      <header className="page-header">
        <h1 className="page-title">{t('alerts.title')}</h1>
        <p>{t('alerts.intro')}</p>
      </header>
      <AlertManager />
    </div>
  );
}
