import { buildUrl } from '../../../lib/api/http';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import type { SensorFigure, SensorView } from '../api/sensorsApi';

const WINDOW_MS = 48 * 3600_000;

/** One sensor: its thresholds and the hourly mean, min and max of each reading up to its last message. */
export function SensorDetail({ sensor }: { sensor: SensorView }) {
  const { t } = useI18n();
  return (
    <div data-testid="sensor-detail">
      <p>
        <strong>{sensor.name}</strong> ({sensor.code}) — {sensor.unitName ?? '—'}
      </p>
      {sensor.readings.map((r) => (
        <ReadingFigures
          key={r.name}
          sensor={sensor}
          reading={r.name}
          label={r.label ?? r.name}
          uom={r.uom}
          thresholds={r.thresholds}
        />
      ))}
      {sensor.lastSeenAt ? null : <p className="muted">{t('sensors.never')}</p>}
    </div>
  );
}

function ReadingFigures({
  sensor,
  reading,
  label,
  uom,
  thresholds,
}: {
  sensor: SensorView;
  reading: string;
  label: string;
  uom: string;
  thresholds: SensorView['readings'][number]['thresholds'];
}) {
  const { t, compact, dateTime } = useI18n();
  const end = sensor.lastSeenAt ? new Date(new Date(sensor.lastSeenAt).getTime() + 3600_000) : null;
  const url = end
    ? buildUrl('/api/v1/sensors/rollups', {
        sensor: sensor.code,
        reading,
        bucket: 'hour',
        from: new Date(end.getTime() - WINDOW_MS).toISOString(),
        to: end.toISOString(),
      })
    : null;
  const { data, error } = useApi<{ figures: SensorFigure[] }>(url);
  return (
    <section>
      <h3>
        {label} {uom ? `(${uom})` : ''}
      </h3>
      {thresholds.length > 0 ? (
        <p className="muted">
          {t('sensors.threshold')}:{' '}
          {thresholds
            .map(
              (th) =>
                `${t(`sensors.level.${th.level}`)} ${th.above !== undefined ? `> ${compact(th.above, 2)}` : `< ${compact(th.below ?? 0, 2)}`}`,
            )
            .join('; ')}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {url && !data && !error ? <Loading /> : null}
      {data && data.figures.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t('sensors.hourly')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sensors.time')}</th>
                <th scope="col">{t('sensors.mean')}</th>
                <th scope="col">{t('sensors.min')}</th>
                <th scope="col">{t('sensors.max')}</th>
                <th scope="col">{t('sensors.samples')}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.figures].reverse().map((f) => (
                <tr key={f.start}>
                  <td>{dateTime(f.start)}</td>
                  <td>{compact(f.mean, 2)}</td>
                  <td>{compact(f.min, 2)}</td>
                  <td>{compact(f.max, 2)}</td>
                  <td>{f.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
