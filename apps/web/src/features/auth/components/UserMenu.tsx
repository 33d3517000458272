import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { navigate } from '../../../lib/router/history';
import { logout } from '../api/authApi';
import { useSession } from '../hooks/useSession';

/** Who is logged in (name, role, scope) with logout; a login link for anonymous visitors. */
export function UserMenu() {
  const { t } = useI18n();
  const { user } = useSession();
  if (user === undefined) return null;
  if (user === null) {
    const back = encodeURIComponent(window.location.pathname + window.location.search);
    return (
      <Link to={`/login?next=${back}`} className="button-secondary" data-testid="login-link">
        {t('login.title')}
      </Link>
    );
  }
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary>
        <span className="user-name">{user.displayName}</span>
        <span className="user-role">{t(`role.${user.role}`)}</span>
      </summary>
      <div className="user-menu-panel">
        <p>
          {user.username}
          {user.scopeUnitCode
            ? ` · ${t('login.scope', { unit: user.scopeUnitCode })}`
            : ` · ${t('login.wholeProvince')}`}
        </p>
        {user.role === 'administrator' ? <Link to="/admin/boundaries">{t('admin.boundaries')}</Link> : null}
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            logout().then(
              () => navigate('/'),
              () => navigate('/'),
            );
          }}
        >
          {t('login.logout')}
        </button>
      </div>
    </details>
  );
}
