import { useI18n } from '../../../lib/i18n/useI18n';
import type { SensorView } from '../api/sensorsApi';
import { AlertLevelBadge } from './AlertLevelBadge';

/** Every sensor with its latest readings; the list keyboard users pick from (the map needs a mouse). */
export function SensorTable({
  sensors,
  selected,
  onSelect,
}: {
  sensors: SensorView[];
  selected: string | null;
  onSelect: (code: string) => void;
}) {
  const { t, compact, dateTime } = useI18n();
  return (
    <table className="data-table" data-testid="sensor-table">
      <thead>
        <tr>
          <th scope="col">{t('sensors.name')}</th>
          <th scope="col">{t('sensors.kind')}</th>
          <th scope="col">{t('common.unit')}</th>
          <th scope="col">{t('sensors.latest')}</th>
          <th scope="col">{t('sensors.lastSeen')}</th>
          <th scope="col">{t('common.level')}</th>
        </tr>
      </thead>
      <tbody>
        {sensors.map((s) => (
          <tr key={s.code} aria-selected={s.code === selected}>
            <th scope="row">
              <button type="button" className="link-button" onClick={() => onSelect(s.code)}>
                {s.name}
              </button>
              <br />
              <small className="muted">{s.code}</small>
            </th>
            <td>{t(`sensors.kind.${s.kind}`)}</td>
            <td>{s.unitName ?? '—'}</td>
            <td>
              {s.readings
                .filter((r) => r.latest)
                .map((r) => `${r.label ?? r.name} ${compact(r.latest!.value, 2)} ${r.uom}`.trim())
                .join(' · ') || '—'}
            </td>
            <td>{s.lastSeenAt ? dateTime(s.lastSeenAt) : t('sensors.never')}</td>
            <td>
              <AlertLevelBadge level={s.alertLevel} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
