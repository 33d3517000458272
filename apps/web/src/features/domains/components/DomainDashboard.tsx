import type { UnitLevel } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/useI18n';
import { navigate } from '../../../lib/router/history';
import { useQueryState } from '../../../lib/router/useQueryState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { Breadcrumbs } from '../../../ui/Breadcrumbs';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { useDomains } from '../../catalogue/hooks/useDomains';
import { useIndicators } from '../../catalogue/hooks/useIndicators';
import { useProvince } from '../../catalogue/hooks/useProvince';
import { ExportLinks } from '../../indicators/components/ExportLinks';
import { RankingChart } from '../../indicators/components/RankingChart';
import { RankingTable } from '../../indicators/components/RankingTable';
import { useRanking } from '../../indicators/hooks/useRanking';
import { ColourByControl } from '../../map/components/ColourByControl';
import { UnitMap } from '../../map/components/UnitMap';
import { PeriodPicker } from '../../periods/components/PeriodPicker';
import { useLatestMonth } from '../../periods/hooks/useLatestMonth';
import { effectivePeriod, monthOf } from '../../periods/periodMath';
import { LevelPicker } from '../../units/components/LevelPicker';
import { DomainIndicatorCard } from './DomainIndicatorCard';

/** A domain's indicators as charts, its units ranked on the chosen indicator, and that indicator's map. */
export function DomainDashboard({ code }: { code: string }) {
  const { t, pick, period: periodLabel } = useI18n();
  const { query, setQuery } = useQueryState();
  const { domains } = useDomains();
  const { indicators, error } = useIndicators(code);
  const { province } = useProvince();
  const { latestMonth } = useLatestMonth();
  const domain = domains?.find((d) => d.code === code);
  useDocumentTitle(domain ? pick(domain) : undefined);
  const period = query.get('period') ?? latestMonth;
  const level: UnitLevel = query.get('level') === 'commune' ? 'commune' : 'district';
  const colourBy = query.get('colour') === 'value' ? 'value' : 'level';
  const focus = indicators?.find((i) => i.code === query.get('indicator')) ?? indicators?.[0];
  const focusPeriod = focus && period ? effectivePeriod(period, focus.periodType) : undefined;
  const { ranking, error: rankingError } = useRanking(focus?.code ?? null, focusPeriod, { level });

  if (error) return <ErrorMessage error={error} />;
  if (!indicators || !period || !latestMonth || !province) return <Loading />;
  const scorecardPeriod = monthOf(period);

  return (
    <div className="domain-dashboard">
      <Breadcrumbs
        items={[
          { label: t('nav.overview'), to: '/' },
          { label: t('nav.domains'), to: '/domain' },
          { label: domain ? pick(domain) : code },
        ]}
      />
      <header className="page-header">
        <h1>{domain ? pick(domain) : code}</h1>
        <div className="toolbar">
          <PeriodPicker value={period} latestMonth={latestMonth} onChange={(p) => setQuery({ period: p })} />
          <LevelPicker value={level} onChange={(l) => setQuery({ level: l === 'district' ? null : l })} />
        </div>
      </header>
      {indicators.length === 0 ? <p className="muted">{t('overview.noIndicators')}</p> : null}
      {focus && focusPeriod ? (
        <div className="domain-focus">
          <Card
            title={t('domain.ranking', { indicator: pick(focus), period: periodLabel(focusPeriod) })}
            actions={<ExportLinks code={focus.code} period={focusPeriod} units={{ level }} />}
          >
            {rankingError ? <ErrorMessage error={rankingError} /> : null}
            {ranking ? (
              <>
                <RankingChart
                  ranking={ranking}
                  onSelect={(c) => navigate(`/unit/${encodeURIComponent(c)}?period=${scorecardPeriod}`)}
                />
                <details>
                  <summary>{t('ranking.table')}</summary>
                  <RankingTable
                    ranking={ranking}
                    unitLink={(c) => `/unit/${encodeURIComponent(c)}?period=${scorecardPeriod}`}
                  />
                </details>
              </>
            ) : rankingError ? null : (
              <Loading />
            )}
          </Card>
          <Card
            title={t('domain.map', { indicator: pick(focus) })}
            actions={
              <ColourByControl
                value={colourBy}
                onChange={(c) => setQuery({ colour: c === 'level' ? null : c })}
              />
            }
          >
            <UnitMap
              indicator={focus}
              period={focusPeriod}
              level={level}
              colourBy={colourBy}
              onSelect={(c) => navigate(`/unit/${encodeURIComponent(c)}?period=${scorecardPeriod}`)}
              height={420}
            />
          </Card>
        </div>
      ) : null}
      <h2 className="section-title">{t('domain.indicators', { count: indicators.length })}</h2>
      <div className="chart-grid">
        {indicators.map((indicator) => (
          <DomainIndicatorCard
            key={indicator.code}
            indicator={indicator}
            unitCode={province.code}
            period={period}
            selected={indicator.code === focus?.code}
            onSelect={() => setQuery({ indicator: indicator.code })}
          />
        ))}
      </div>
    </div>
  );
}
