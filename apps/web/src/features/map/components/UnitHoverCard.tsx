import type { IndicatorSummary } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/useI18n';
import { LevelBadge } from '../../../ui/LevelBadge';
import type { ValueRow } from '../../indicators/api/indicatorsApi';

/** What the pointer is over: unit, value against target, level and why. */
export function UnitHoverCard({ row, indicator }: { row: ValueRow; indicator: IndicatorSummary }) {
  const { t, pick, num, lang } = useI18n();
  return (
    <div className="hover-card" role="status" aria-live="polite">
      <strong>{pick(row.unit)}</strong>
      {row.restricted ? (
        <p>{t('common.restricted')}</p>
      ) : (
        <>
          <p>
            {num(row.value, indicator.decimals)} {indicator.unitOfMeasure}
            {row.target !== null && row.target !== undefined
              ? ` · ${t('common.target')}: ${num(row.target, indicator.decimals)}`
              : ''}
          </p>
          <LevelBadge level={row.level} />
          {row.reason ? (
            <p className="hover-reason">{lang === 'en' ? row.reason.en : row.reason.vi}</p>
          ) : null}
        </>
      )}
    </div>
  );
}
