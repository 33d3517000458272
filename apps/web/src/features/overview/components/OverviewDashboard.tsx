import { useI18n } from '../../../lib/i18n/useI18n';
import { navigate } from '../../../lib/router/history';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { useIndicators } from '../../catalogue/hooks/useIndicators';
import { IndicatorPicker } from '../../indicators/components/IndicatorPicker';
import { ColourByControl } from '../../map/components/ColourByControl';
import { UnitMap } from '../../map/components/UnitMap';
import { PeriodPicker } from '../../periods/components/PeriodPicker';
import { useLatestMonth } from '../../periods/hooks/useLatestMonth';
import { effectivePeriod, monthOf } from '../../periods/periodMath';
import { LevelPicker } from '../../units/components/LevelPicker';
import { useOverview } from '../hooks/useOverview';
import { pickDefaultIndicator, useOverviewState } from '../hooks/useOverviewState';
import { DomainTiles } from './DomainTiles';
import { WarningList } from './WarningList';
import { LateDossiersCard } from '../../dossiers/components/LateDossiersCard';

/** Bức tranh tổng quan: the map of one indicator, the current warnings, and every domain's key figures. */
export function OverviewDashboard() {
  const { t, pick, period: periodLabel } = useI18n();
  const { indicators, error: indicatorsError } = useIndicators();
  const { latestMonth, error: latestError } = useLatestMonth();
  const { state, update } = useOverviewState({
    indicator: pickDefaultIndicator(indicators),
    period: latestMonth,
  });
  const month = state.period ? monthOf(state.period) : undefined;
  const { overview, error: overviewError } = useOverview(month, state.level);
  const indicator = indicators?.find((i) => i.code === state.indicator);
  const mapPeriod =
    indicator && state.period ? effectivePeriod(state.period, indicator.periodType) : undefined;

  if (indicatorsError || latestError) return <ErrorMessage error={indicatorsError ?? latestError} />;
  if (!indicators || !state.period || !latestMonth) return <Loading />;

  const scorecardPeriod = month ?? latestMonth;
  return (
    <div className="overview">
      <div className="toolbar" role="group" aria-label={t('overview.controls')}>
        <IndicatorPicker
          value={state.indicator ?? ''}
          indicators={indicators}
          onChange={(code) => update({ indicator: code })}
        />
        <PeriodPicker
          value={state.period}
          latestMonth={latestMonth}
          onChange={(p) => update({ period: p })}
        />
        <LevelPicker value={state.level} onChange={(level) => update({ level })} />
        <ColourByControl value={state.colourBy} onChange={(colourBy) => update({ colourBy })} />
      </div>
      <div className="overview-main">
        <Card
          className="map-card"
          title={
            indicator ? (
              <>
                {pick(indicator)} <span className="muted">· {periodLabel(mapPeriod ?? state.period)}</span>
              </>
            ) : (
              t('overview.map')
            )
          }
        >
          {indicator && mapPeriod !== state.period ? (
            <p className="note">{t('overview.periodAdjusted', { period: periodLabel(mapPeriod ?? '') })}</p>
          ) : null}
          {indicator && mapPeriod ? (
            <UnitMap
              indicator={indicator}
              period={mapPeriod}
              level={state.level}
              colourBy={state.colourBy}
              onSelect={(code) =>
                navigate(`/unit/${encodeURIComponent(code)}?period=${encodeURIComponent(scorecardPeriod)}`)
              }
              height="min(62vh, 560px)"
            />
          ) : (
            <p className="muted">{t('overview.pickIndicator')}</p>
          )}
        </Card>
        <Card className="warnings-card" title={t('overview.warnings')}>
          {overviewError ? <ErrorMessage error={overviewError} /> : null}
          {overview ? (
            <WarningList warnings={overview.warnings} period={scorecardPeriod} />
          ) : overviewError ? null : (
            <Loading />
          )}
        </Card>
      </div>
      <LateDossiersCard period={scorecardPeriod} />
      <Card title={t('overview.domains', { period: periodLabel(scorecardPeriod) })}>
        {overview ? (
          <DomainTiles domains={overview.domains} period={scorecardPeriod} />
        ) : overviewError ? null : (
          <Loading />
        )}
      </Card>
    </div>
  );
}
