import { formatDateTime } from '@ioc/shared';
import { requestJson } from '../../../lib/api/http';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { useSession } from '../../auth/hooks/useSession';

interface NotificationList {
  unread: number;
  items: {
    id: string;
    title: string;
    body: string;
    link: string | null;
    createdAt: string;
    readAt: string | null;
  }[];
}

const URL = '/api/v1/notifications?limit=20';

/** The signed-in user's notifications: unread count in the header, the latest in a panel; live via the stream. */
export function NotificationBell() {
  const { t } = useI18n();
  const { user } = useSession();
  const { data, refetch } = useApi<NotificationList>(user ? URL : null);
  if (!user || !data) return null;
  const markRead = (id: string | null) => {
    const url = id === null ? '/api/v1/notifications/read-all' : `/api/v1/notifications/${id}/read`;
    requestJson(url, { method: 'POST' }).then(refetch, refetch);
  };
  return (
    <details className="user-menu notification-bell" data-testid="notification-bell">
      <summary aria-label={t('notifications.title', { count: data.unread })}>
        {/* Drawn, not an emoji: offline machines often have no emoji font. */}
        <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {data.unread > 0 ? <span className="badge">{data.unread}</span> : null}
      </summary>
      <div className="user-menu-panel">
        <strong>{t('notifications.heading')}</strong>
        {data.items.length === 0 ? <p className="muted">{t('notifications.empty')}</p> : null}
        <ul className="notification-list">
          {data.items.map((n) => (
            <li key={n.id} className={n.readAt ? undefined : 'is-unread'}>
              {n.link ? (
                <Link to={n.link} onClick={() => markRead(n.id)}>
                  {n.title}
                </Link>
              ) : (
                <span>{n.title}</span>
              )}
              <p>{n.body}</p>
              <small className="muted">{formatDateTime(n.createdAt)}</small>
            </li>
          ))}
        </ul>
        {data.unread > 0 ? (
          <button type="button" className="button-secondary" onClick={() => markRead(null)}>
            {t('notifications.markAll')}
          </button>
        ) : null}
      </div>
    </details>
  );
}
