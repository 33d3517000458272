import { useApi } from '../../../lib/api/useApi';
import { Chart } from '../../../lib/charts/Chart';
import { useI18n } from '../../../lib/i18n/useI18n';
import { useQueryState } from '../../../lib/router/useQueryState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { Breadcrumbs } from '../../../ui/Breadcrumbs';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { projectUrl, type ProjectDetail } from '../api/financeApi';
import { pathChartOption } from '../financeCharts';
import { formatMoney, formatPercent } from '../money';
import { Figure } from './Figure';
import { ForecastFigure } from './ForecastFigure';
import { Gap } from './Gap';

/** One investment project: who answers for it, its plan by source and revisions, disbursements, pace and forecast. */
export function ProjectDetailView({ code }: { code: string }) {
  const { t, pick, lang, date, dateTime } = useI18n();
  const { query } = useQueryState();
  const { data, error } = useApi<ProjectDetail>(
    projectUrl(code, { year: query.get('year'), date: query.get('date') }),
  );
  useDocumentTitle(data?.name);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const money = (v: number | null) => formatMoney(v, lang);
  return (
    <div className="finance" data-testid="project-page" data-project={data.code}>
      <Breadcrumbs
        items={[
          { label: t('investment.title'), to: `/investment?year=${data.year}&date=${data.asOf}` },
          { label: data.name },
        ]}
      />
      <header className="page-header">
        <div>
          <h1>{data.name}</h1>
          <p className="muted">
            {data.code} · {t('investment.group', { group: data.group })} · {pick(data.unit)} ·{' '}
            {date(data.startDate)} – {date(data.endDate)}
            {data.completedOn ? ` · ${t('investment.completedOn', { date: date(data.completedOn) })}` : ''}
          </p>
        </div>
      </header>
      <dl className="definition-list" data-testid="project-responsible">
        <dt>{t('investment.investor')}</dt>
        <dd>{data.investor.name}</dd>
        <dt>{t('investment.department')}</dt>
        <dd>{data.department.name}</dd>
        <dt>{t('common.responsible')}</dt>
        <dd>
          {data.responsible.name}
          {data.responsible.title ? ` — ${data.responsible.title}` : ''}
          {data.responsible.phone ? ` — ${data.responsible.phone}` : ''}
        </dd>
      </dl>
      <div className="finance-figures">
        <Figure label={t('investment.planYear', { year: data.year })} value={money(data.plan)} />
        <Figure
          label={t('investment.disbursed')}
          value={money(data.disbursed)}
          note={t('budget.asOf', { date: date(data.asOf) })}
        />
        <Figure
          label={t('investment.rate')}
          value={formatPercent(data.rate, lang)}
          testId="project-rate"
          note={
            <>
              {t('investment.targetToday', { percent: formatPercent(data.target, lang) })} ·{' '}
              <Gap gap={data.gap} />
            </>
          }
        />
        <ForecastFigure forecast={data.forecast} method={data.forecastMethod} />
      </div>
      <Card title={t('investment.pathChart')}>
        <Chart
          ariaLabel={t('investment.pathChart')}
          option={pathChartOption({
            path: data.path,
            labels: { target: t('investment.targetPath'), actual: t('investment.actual') },
            lang,
          })}
        />
      </Card>
      <div className="finance-tables">
        <Card title={t('investment.plansBySource')}>
          <table className="data-table" data-testid="project-plans">
            <thead>
              <tr>
                <th scope="col">{t('investment.year')}</th>
                <th scope="col">{t('investment.source')}</th>
                <th scope="col" className="num">
                  {t('budget.amount')}
                </th>
                <th scope="col">{t('investment.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {data.plans.map((p) => (
                <tr key={`${p.year}-${p.source.code}`}>
                  <td>{p.year}</td>
                  <td>{pick(p.source)}</td>
                  <td className="num">{money(p.amount)}</td>
                  <td>
                    {p.decision ?? ''}
                    {p.revision > 1 ? (
                      <span className="muted"> ({t('investment.revised', { n: p.revision - 1 })})</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.planRevisions.length > 0 ? (
            <>
              <h3 className="section-title">{t('investment.planRevisions')}</h3>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('investment.year')}</th>
                    <th scope="col">{t('investment.source')}</th>
                    <th scope="col" className="num">
                      {t('investment.previousAmount')}
                    </th>
                    <th scope="col">{t('investment.decision')}</th>
                    <th scope="col">{t('investment.replacedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.planRevisions.map((r) => (
                    <tr key={`${r.year}-${r.source.code}-${r.revision}`}>
                      <td>{r.year}</td>
                      <td>{pick(r.source)}</td>
                      <td className="num">{money(r.amount)}</td>
                      <td>{r.decision ?? ''}</td>
                      <td>{dateTime(r.changedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </Card>
        <Card title={t('investment.disbursements', { count: data.disbursements.length })}>
          <table className="data-table" data-testid="project-disbursements">
            <thead>
              <tr>
                <th scope="col">{t('budget.recordDate')}</th>
                <th scope="col">{t('budget.recordKey')}</th>
                <th scope="col">{t('investment.source')}</th>
                <th scope="col" className="num">
                  {t('budget.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...data.disbursements].reverse().map((d) => (
                <tr key={d.key}>
                  <td>{date(d.date)}</td>
                  <td>{d.key}</td>
                  <td>{pick(d.source)}</td>
                  <td className="num">{money(d.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}
