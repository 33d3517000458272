import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { useQueryState } from '../../../lib/router/useQueryState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { Breadcrumbs } from '../../../ui/Breadcrumbs';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { LevelLegend } from '../../../ui/LevelLegend';
import { LevelShape } from '../../../ui/LevelShape';
import { Loading } from '../../../ui/Loading';
import { useUnits } from '../../catalogue/hooks/useUnits';
import { LevelCountsBar } from '../../overview/components/LevelCountsBar';
import { PeriodPicker } from '../../periods/components/PeriodPicker';
import { useLatestMonth } from '../../periods/hooks/useLatestMonth';
import { monthOf } from '../../periods/periodMath';
import { useScorecard } from '../hooks/useScorecard';
import { ScorecardDomainTable } from './ScorecardDomainTable';

/** Thẻ điểm: one district or commune — its indicators by domain, where it ranks, what is off target, who answers. */
export function UnitScorecard({ code }: { code: string }) {
  const { t, pick, num, period: periodLabel, lang } = useI18n();
  const { query, setQuery } = useQueryState();
  const { latestMonth } = useLatestMonth();
  const picked = query.get('period') ?? latestMonth;
  const month = picked ? monthOf(picked) : undefined;
  const { scorecard, error } = useScorecard(code, month);
  const { units: children } = useUnits(
    scorecard && scorecard.unit.level !== 'commune' ? { parent: code, at: scorecard.period.end } : null,
  );
  useDocumentTitle(scorecard ? pick(scorecard.unit) : undefined);

  if (error) return <ErrorMessage error={error} />;
  if (!scorecard || !month || !latestMonth) return <Loading />;
  const { unit } = scorecard;
  const scorecardLink = (c: string) => `/unit/${encodeURIComponent(c)}?period=${month}`;
  const offTarget =
    scorecard.offTarget ??
    scorecard.domains.flatMap((d) => d.indicators).filter((r) => r.level === 'red' || r.level === 'orange');

  return (
    <div className="scorecard" data-testid="scorecard" data-unit={unit.code}>
      <Breadcrumbs
        items={[
          { label: t('nav.overview'), to: '/' },
          ...scorecard.ancestors.map((a) => ({ label: pick(a), to: scorecardLink(a.code) })),
          { label: pick(unit) },
        ]}
      />
      <header className="page-header">
        <div>
          <h1>{pick(unit)}</h1>
          <p className="muted">
            {t(`unitLevel.${unit.level}`)} · {t('scorecard.code')} {unit.code} · {t('scorecard.title')}
          </p>
        </div>
        <div className="toolbar">
          <PeriodPicker
            value={month}
            latestMonth={latestMonth}
            monthsOnly
            onChange={(p) => setQuery({ period: p })}
          />
        </div>
      </header>
      <div className="scorecard-summary">
        <Card title={t('scorecard.summary', { period: periodLabel(month) })}>
          <LevelLegend counts={scorecard.counts} />
        </Card>
        <Card title={t('scorecard.offTarget', { count: offTarget.length })}>
          {offTarget.length === 0 ? <p className="muted">{t('scorecard.allOnTarget')}</p> : null}
          <ul className="off-target-list" aria-label={t('scorecard.offTargetList')}>
            {offTarget.slice(0, 10).map((r) => (
              <li key={r.indicator.code} data-level={r.level}>
                <LevelShape level={r.level} />{' '}
                <Link
                  to={`/indicator/${encodeURIComponent(r.indicator.code)}?unit=${unit.code}&period=${month}`}
                >
                  {pick(r.indicator)}
                </Link>
                : {num(r.value, r.indicator.decimals)} {r.indicator.unitOfMeasure}
                {r.reason ? (
                  <span className="muted"> — {lang === 'en' ? r.reason.en : r.reason.vi}</span>
                ) : null}
                {r.responsible ? <span className="muted"> · {r.responsible.name}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
        {children && children.length > 0 ? (
          <Card title={t('scorecard.children', { count: children.length })}>
            <ul className="child-units" data-testid="child-units">
              {children.map((c) => (
                <li key={c.code}>
                  <Link to={scorecardLink(c.code)}>{pick(c)}</Link>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
      {scorecard.domains
        .filter((d) => d.indicators.length > 0)
        .map((d) => (
          <Card
            key={d.code}
            headingLevel={2}
            title={
              <>
                <Link to={`/domain/${encodeURIComponent(d.code)}?period=${month}`}>{pick(d)}</Link>{' '}
                {d.counts ? <LevelCountsBar counts={d.counts} /> : null}
              </>
            }
          >
            <ScorecardDomainTable domain={d} unitCode={unit.code} month={month} />
          </Card>
        ))}
    </div>
  );
}
