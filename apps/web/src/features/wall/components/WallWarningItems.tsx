import { useI18n } from '../../../lib/i18n/useI18n';
import { LevelBadge } from '../../../ui/LevelBadge';
import type { OverviewWarning } from '../../overview/api/overviewApi';

export function WallWarningItems({ warnings }: { warnings: OverviewWarning[] }) {
  const { t, pick, num, compact } = useI18n();
  if (warnings.length === 0) return <p>{t('overview.noWarnings')}</p>;
  return (
    <ol className="wall-warnings">
      {warnings.map((w, i) => (
        <li key={`${w.indicator.code}-${w.unit.code}-${i}`}>
          <LevelBadge level={w.level} />
          <span className="wall-warning-text">
            <strong>{pick(w.unit)}</strong> — {pick(w.indicator)}: {num(w.value, w.indicator.decimals)}{' '}
            {w.indicator.unitOfMeasure}
            {w.achievement !== null && w.achievement !== undefined ? ` (${compact(w.achievement)}%)` : ''}
            {w.responsible ? <span className="muted"> · {w.responsible.name}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
