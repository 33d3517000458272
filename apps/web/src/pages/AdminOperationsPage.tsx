import { useI18n } from '../lib/i18n/useI18n';
import { messages } from '../lib/i18n/messages';
import { Link } from '../lib/router/Link';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useSession } from '../features/auth/hooks/useSession';
import { SlaPolicyEditor } from '../features/operations/components/SlaPolicyEditor';
import { SopEditor } from '../features/operations/components/SopEditor';
import { Card } from '../ui/Card';
import { Loading } from '../ui/Loading';

/** The incident types the app names (`ops.type.*`); others can be typed in. */
const KNOWN_TYPES = Object.keys(messages.vi)
  .filter((key) => key.startsWith('ops.type.'))
  .map((key) => key.slice('ops.type.'.length));

/** Administrators set the SLA of each incident type and severity and the SOP checklist of each type. */
export function AdminOperationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('opsConfig.title'));
  const { user } = useSession();
  if (user === undefined) return <Loading />;
  if (user?.role !== 'administrator') {
    return (
      <p className="error-message" role="alert">
        {t('opsConfig.onlyAdmins')}{' '}
        {user === null ? <Link to="/login?next=/admin/operations">{t('login.title')}</Link> : null}
      </p>
    );
  }
  return (
    <div className="ops-config-page">
      <h1>{t('opsConfig.title')}</h1>
      <p className="muted">
        <Link to="/operations">{t('ops.title')}</Link>
      </p>
      <Card title={t('opsConfig.sla')}>
        <SlaPolicyEditor types={['*', ...KNOWN_TYPES]} />
      </Card>
      <Card title={t('opsConfig.sop')}>
        <SopEditor types={KNOWN_TYPES} />
      </Card>
    </div>
  );
}
