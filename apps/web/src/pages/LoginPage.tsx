import { useI18n } from '../lib/i18n/useI18n';
import { navigate } from '../lib/router/history';
import { useLocation } from '../lib/router/useLocation';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { LoginForm } from '../features/auth/components/LoginForm';

/** Only app-internal return paths are followed, so a crafted link cannot send a user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  useDocumentTitle(t('login.title'));
  return (
    <div className="narrow">
      <Card title={t('login.title')}>
        <p className="muted">{t('login.help')}</p>
        <LoginForm onDone={() => navigate(safeNext(query.get('next')), { replace: true })} />
      </Card>
    </div>
  );
}
