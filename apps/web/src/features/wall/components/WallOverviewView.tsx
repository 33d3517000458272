import { useI18n } from '../../../lib/i18n/useI18n';
import { navigate } from '../../../lib/router/history';
import { Loading } from '../../../ui/Loading';
import { useIndicators } from '../../catalogue/hooks/useIndicators';
import { UnitMap } from '../../map/components/UnitMap';
import { useOverview } from '../../overview/hooks/useOverview';
import { effectivePeriod } from '../../periods/periodMath';
import { WallWarningItems } from './WallWarningItems';

/** The province map of the chosen indicator beside the worst warnings. */
export function WallOverviewView({
  month,
  period,
  indicatorCode,
}: {
  month: string;
  period: string;
  indicatorCode?: string;
}) {
  const { t, pick } = useI18n();
  const { indicators } = useIndicators();
  const { overview } = useOverview(month);
  const indicator = indicators?.find((i) => i.code === indicatorCode);
  return (
    <div className="wall-split">
      <section className="wall-panel">
        {indicator ? (
          <>
            <h2>{pick(indicator)}</h2>
            <UnitMap
              indicator={indicator}
              period={effectivePeriod(period, indicator.periodType)}
              level="district"
              colourBy="level"
              onSelect={(code) => navigate(`/unit/${code}?period=${month}`)}
              dark
              height="58vh"
              labelSize={18}
              showTable={false}
            />
          </>
        ) : (
          <Loading />
        )}
      </section>
      <section className="wall-panel">
        <h2>{t('overview.warnings')}</h2>
        {overview ? <WallWarningItems warnings={overview.warnings.slice(0, 8)} /> : <Loading />}
      </section>
    </div>
  );
}
