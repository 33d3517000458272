import { SENSOR_KINDS, type SensorKind } from '@ioc/shared';
import { useState } from 'react';
import { buildUrl } from '../lib/api/http';
import { useApi } from '../lib/api/useApi';
import { useI18n } from '../lib/i18n/useI18n';
import { PointMap } from '../lib/map/PointMap';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useLiveUpdates } from '../features/live/hooks/useLiveUpdates';
import { ALERT_FILL, type SensorView } from '../features/sensors/api/sensorsApi';
import { SensorAlerts } from '../features/sensors/components/SensorAlerts';
import { SensorDetail } from '../features/sensors/components/SensorDetail';
import { SensorTable } from '../features/sensors/components/SensorTable';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';

export function SensorsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('sensors.title'));
  useLiveUpdates();
  const [kind, setKind] = useState<SensorKind | ''>('');
  const [selected, setSelected] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get('sensor'),
  );
  const { data, error } = useApi<{ sensors: SensorView[] }>(buildUrl('/api/v1/sensors', { kind }), {
    keepPrevious: true,
  });
  const sensors = data?.sensors ?? [];
  const current = sensors.find((s) => s.code === selected) ?? null;
  return (
    <div className="sensors-page">
      <Card
        title={t('sensors.title')}
        actions={
          <label>
            {t('sensors.kind')}{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as SensorKind | '')}>
              <option value="">{t('sensors.allKinds')}</option>
              {SENSOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`sensors.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <p className="muted">
          {t('sensors.help')} {data ? t('sensors.count', { count: sensors.length }) : ''}
        </p>
        {error ? <ErrorMessage error={error} /> : null}
        {!data && !error ? <Loading /> : null}
        {data ? (
          <div className="sensors-layout">
            <PointMap
              ariaLabel={t('sensors.map')}
              height={460}
              fit
              onSelect={setSelected}
              points={sensors.map((s) => ({
                id: s.code,
                lonLat: [s.lon, s.lat],
                fill: ALERT_FILL[s.alertLevel ?? 'none'],
                label: s.name,
              }))}
            />
            <div>
              {current ? <SensorDetail sensor={current} /> : <p className="muted">{t('sensors.select')}</p>}
            </div>
          </div>
        ) : null}
      </Card>
      <Card title={t('sensors.alerts')}>
        <SensorAlerts />
      </Card>
      {data ? (
        <Card title={t('sensors.title')}>
          <div className="table-scroll">
            <SensorTable sensors={sensors} selected={selected} onSelect={setSelected} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
