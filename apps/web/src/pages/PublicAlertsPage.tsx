import type { PublicAlert } from '@ioc/shared';
import { useApi } from '../lib/api/useApi';
import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorMessage } from '../ui/ErrorMessage';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Loading } from '../ui/Loading';
import { DemoNotice } from '../features/about/components/DemoNotice';
import { AlertCard } from '../features/alerts/components/AlertCard';
import { alertsUrls } from '../features/alerts/api/alertsApi';
import { useLiveUpdates } from '../features/live/hooks/useLiveUpdates';

/** The public page of early warnings in force: no login, phone-sized first, with the CAP feeds. */
export function PublicAlertsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('alerts.publicTitle'));
  useLiveUpdates();
  const { data, error } = useApi<PublicAlert[]>(alertsUrls.public);
  return (
    <div className="public-page">
      <header className="public-header">
        <h1>{t('alerts.publicTitle')}</h1>
        <LanguageSwitch />
      </header>
      <DemoNotice />
      <main id="main" className="public-main">
        <p>{t('alerts.publicIntro')}</p>
        <p className="alert-feeds">
          <a href="/cap/alerts.atom">{t('alerts.atom')}</a> · <a href="/cap/alerts.rss">{t('alerts.rss')}</a>
        </p>
        {error && !data ? (
          <ErrorMessage error={error} />
        ) : !data ? (
          <Loading />
        ) : data.length === 0 ? (
          <p data-testid="no-alerts">{t('alerts.none')}</p>
        ) : (
          data.map((alert) => <AlertCard key={alert.id} alert={alert} />)
        )}
      </main>
    </div>
  );
}
