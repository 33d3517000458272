import { useI18n } from '../../../lib/i18n/useI18n';
import type { IndicatorSummary, UnitRef } from '../../../lib/api/types';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { UnitMap } from '../../map/components/UnitMap';
import { useRanking } from '../hooks/useRanking';
import { ExportLinks } from './ExportLinks';
import { RankingChart } from './RankingChart';
import { RankingTable } from './RankingTable';

/**
 * The children of a unit compared (province → districts, district → communes): bars, a ranking
 * table and a map. Choosing a child drills down to it.
 */
export function UnitComparison({
  indicator,
  unit,
  period,
  onDrill,
}: {
  indicator: IndicatorSummary;
  unit: UnitRef;
  period: string;
  onDrill: (unitCode: string) => void;
}) {
  const { t, pick } = useI18n();
  const selection = { parent: unit.code };
  const { ranking, error } = useRanking(indicator.code, period, selection);
  const childLevel = unit.level === 'province' ? 'district' : 'commune';
  const here = `${window.location.pathname}?${new URLSearchParams(window.location.search).toString()}`;
  const drillLink = (code: string) => {
    const url = new URL(here, window.location.origin);
    url.searchParams.set('unit', code);
    return url.pathname + url.search;
  };
  return (
    <Card
      title={t('comparison.title', { unit: pick(unit) })}
      actions={<ExportLinks code={indicator.code} period={period} units={selection} />}
    >
      {error ? <ErrorMessage error={error} /> : null}
      {!ranking && !error ? <Loading /> : null}
      {ranking ? (
        <div className="comparison-grid">
          <div>
            <RankingChart ranking={ranking} onSelect={onDrill} />
          </div>
          <UnitMap
            indicator={indicator}
            period={period}
            level={childLevel}
            parent={unit.level === 'province' ? undefined : unit.code}
            colourBy="level"
            onSelect={onDrill}
            height={360}
            showTable={false}
          />
        </div>
      ) : null}
      {ranking ? <RankingTable ranking={ranking} unitLink={drillLink} /> : null}
      <p className="chart-note">{t('comparison.drillHint')}</p>
    </Card>
  );
}
