import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import type { SensorAlertView } from '../api/sensorsApi';
import { AlertLevelBadge } from './AlertLevelBadge';

/** The latest threshold warnings, newest first; refreshed live when a new one is raised. */
export function SensorAlerts() {
  const { t, compact, dateTime } = useI18n();
  const { data, error } = useApi<{ alerts: SensorAlertView[] }>('/api/v1/sensors/alerts?limit=15');
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  if (data.alerts.length === 0) return <p className="muted">{t('sensors.noAlerts')}</p>;
  return (
    <table className="data-table" data-testid="sensor-alerts">
      <thead>
        <tr>
          <th scope="col">{t('sensors.time')}</th>
          <th scope="col">{t('sensors.name')}</th>
          <th scope="col">{t('sensors.reading')}</th>
          <th scope="col">{t('common.value')}</th>
          <th scope="col">{t('common.level')}</th>
        </tr>
      </thead>
      <tbody>
        {data.alerts.map((a) => (
          <tr key={a.id}>
            <td>{dateTime(a.observedAt)}</td>
            <td>{a.sensorName}</td>
            <td>{a.reading}</td>
            <td>
              {compact(a.value, 2)} ({a.direction === 'above' ? '>' : '<'} {compact(a.threshold, 2)})
            </td>
            <td>
              <AlertLevelBadge level={a.level} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
