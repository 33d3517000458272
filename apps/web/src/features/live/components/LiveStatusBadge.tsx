import { useI18n } from '../../../lib/i18n/useI18n';
import { useLiveUpdates } from '../hooks/useLiveUpdates';

/** "● Trực tiếp · cập nhật 10:42" — whether live updates arrive, and when data last changed. */
export function LiveStatusBadge() {
  const { t, dateTime } = useI18n();
  const { connected, lastChange } = useLiveUpdates();
  return (
    <span
      className={`live-status ${connected ? 'is-live' : 'is-offline'}`}
      data-testid="live-status"
      role="status"
    >
      <span aria-hidden="true">●</span> {connected ? t('live.on') : t('live.off')}
      {lastChange ? ` · ${t('live.updated', { time: dateTime(lastChange).slice(11) })}` : ''}
    </span>
  );
}
