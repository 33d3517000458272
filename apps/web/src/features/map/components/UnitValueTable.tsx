import type { IndicatorSummary } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/useI18n';
import { LevelBadge } from '../../../ui/LevelBadge';
import type { ValueRow } from '../../indicators/api/indicatorsApi';

/** The map's units as a table: reachable by keyboard, and lists units the map cannot draw. */
export function UnitValueTable({
  rows,
  indicator,
  onSelect,
}: {
  rows: ValueRow[];
  indicator: IndicatorSummary;
  onSelect: (code: string) => void;
}) {
  const { t, pick, num } = useI18n();
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('common.unit')}</th>
          <th scope="col" className="num">
            {t('common.value')} ({indicator.unitOfMeasure})
          </th>
          <th scope="col" className="num">
            {t('common.target')}
          </th>
          <th scope="col">{t('common.level')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.unit.code}>
            <th scope="row">
              <button type="button" className="link-button" onClick={() => onSelect(row.unit.code)}>
                {pick(row.unit)}
              </button>
            </th>
            {row.restricted ? (
              <td colSpan={3} className="restricted">
                {t('common.restricted')}
              </td>
            ) : (
              <>
                <td className="num">{num(row.value, indicator.decimals)}</td>
                <td className="num">{num(row.target ?? null, indicator.decimals)}</td>
                <td>
                  <LevelBadge level={row.level} />
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
