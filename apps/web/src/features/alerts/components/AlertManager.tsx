import type { PublicAlert } from '@ioc/shared';
import { useState } from 'react';
import { invalidateQueries } from '../../../lib/api/query';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { useSession } from '../../auth/hooks/useSession';
import { alertsUrls, cancelAlert, issueAlert, updateAlert } from '../api/alertsApi';
import { AlertCard } from './AlertCard';
import { AlertForm } from './AlertForm';

const ISSUERS = ['administrator', 'leader', 'operator'];
const refresh = () =>
  invalidateQueries((url) => url.startsWith('/api/v1/alerts') || url.startsWith('/api/v1/public/alerts'));

/** Operators issue alerts, then update or cancel them; every step is published as CAP. */
export function AlertManager() {
  const { t } = useI18n();
  const { user } = useSession();
  const [editing, setEditing] = useState<PublicAlert | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const allowed = user ? ISSUERS.includes(user.role) : false;
  const { data, error } = useApi<PublicAlert[]>(allowed ? alertsUrls.operator : null);

  if (user === undefined) return <Loading />;
  if (!allowed)
    return (
      <p className="error-message" role="alert">
        {t('alerts.onlyOperators')}{' '}
        {user === null ? <Link to="/login?next=/alerts">{t('login.title')}</Link> : null}
      </p>
    );

  if (editing)
    return (
      <Card title={editing === 'new' ? t('alerts.issue') : t('alerts.update')}>
        <AlertForm
          initial={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSubmit={async (input) => {
            const saved = editing === 'new' ? await issueAlert(input) : await updateAlert(editing.id, input);
            refresh();
            setEditing(null);
            setNotice(
              t(editing === 'new' ? 'alerts.issued' : 'alerts.updated', { headline: saved.headline }),
            );
          }}
        />
      </Card>
    );

  return (
    <div className="alert-manager">
      <div className="toolbar">
        <button type="button" className="button-primary" onClick={() => setEditing('new')}>
          {t('alerts.new')}
        </button>
        <a href="/public/alerts">{t('alerts.publicPage')}</a>
        <a href="/cap/alerts.atom">{t('alerts.atom')}</a>
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error && !data ? <ErrorMessage error={error} /> : null}
      {!data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p>{t('alerts.none')}</p>
      ) : (
        data.map((alert) => (
          <AlertCard
            key={alert.id}
            alert={alert}
            actions={
              alert.state === 'active' ? (
                <>
                  <button type="button" className="button-secondary" onClick={() => setEditing(alert)}>
                    {t('alerts.update')}
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => {
                      const reason = window.prompt(t('alerts.cancelReason'));
                      if (reason === null) return;
                      void cancelAlert(alert.id, reason).then(() => {
                        refresh();
                        setNotice(t('alerts.cancelledNotice', { headline: alert.headline }));
                      });
                    }}
                  >
                    {t('alerts.cancel')}
                  </button>
                </>
              ) : null
            }
          />
        ))
      )}
    </div>
  );
}
