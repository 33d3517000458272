import { useI18n } from '../../../lib/i18n/useI18n';
import { navigate } from '../../../lib/router/history';
import { Loading } from '../../../ui/Loading';
import { useIndicator } from '../../catalogue/hooks/useIndicator';
import { RankingChart } from '../../indicators/components/RankingChart';
import { useRanking } from '../../indicators/hooks/useRanking';
import { UnitMap } from '../../map/components/UnitMap';
import { effectivePeriod } from '../../periods/periodMath';

/** One indicator: its map and its district ranking, side by side. */
export function WallIndicatorView({ code, period }: { code: string; period: string }) {
  const { t } = useI18n();
  const { indicator } = useIndicator(code);
  const shown = indicator ? effectivePeriod(period, indicator.periodType) : undefined;
  const { ranking } = useRanking(indicator ? code : null, shown, { level: 'district' });
  if (!indicator || !shown) return <Loading />;
  return (
    <div className="wall-split">
      <section className="wall-panel">
        <UnitMap
          indicator={indicator}
          period={shown}
          level="district"
          colourBy="level"
          onSelect={(c) => navigate(`/unit/${c}`)}
          dark
          height="62vh"
          labelSize={18}
          showTable={false}
        />
      </section>
      <section className="wall-panel">
        <h2>{t('ranking.title')}</h2>
        {ranking ? <RankingChart ranking={ranking} dark height={560} /> : <Loading />}
      </section>
    </div>
  );
}
