import { useMemo, useState } from 'react';
import { Chart } from '../../../lib/charts/Chart';
import type { ChartOption } from '../../../lib/charts/echarts';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { SelectField } from '../../../ui/SelectField';
import type { Scoreboard as ScoreboardData } from '../api/supplyApi';

/**
 * Completeness and timeliness: per data set the reporting and on-time rates (DHIS2 style) with
 * a trend, per organisation its totals and reminders, and the units flagged for review.
 */
export function Scoreboard() {
  const { t, num } = useI18n();
  const [months, setMonths] = useState('12');
  const { data, error } = useApi<ScoreboardData>(`/api/v1/supply/scoreboard?months=${months}`, {
    keepPrevious: true,
  });
  const [selected, setSelected] = useState('');
  const set = data?.dataSets.find((d) => d.code === selected) ?? data?.dataSets[0];
  const percent = (v: number | null) => (v === null ? '—' : `${num(v * 100, 1)} %`);
  const option = useMemo<ChartOption | null>(
    () =>
      set
        ? {
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 48, right: 16, top: 36, bottom: 32 },
            xAxis: { type: 'category', data: set.periods.map((p) => p.label) },
            yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
            series: [
              {
                type: 'line',
                name: t('supply.reportingRate'),
                data: set.periods.map((p) =>
                  p.reportingRate === null ? null : Math.round(p.reportingRate * 1000) / 10,
                ),
              },
              {
                type: 'line',
                name: t('supply.onTimeRate'),
                data: set.periods.map((p) =>
                  p.onTimeRate === null ? null : Math.round(p.onTimeRate * 1000) / 10,
                ),
              },
            ],
          }
        : null,
    [set, t],
  );
  if (error) return <p className="error-message">{t('supply.cannotLoad')}</p>;
  if (!data) return <p className="loading">{t('common.loading')}</p>;
  return (
    <div className="supply-scoreboard">
      <div className="toolbar">
        <SelectField
          label={t('supply.window')}
          value={months}
          onChange={setMonths}
          options={['3', '6', '12', '24'].map((m) => ({ value: m, label: t('supply.months', { count: m }) }))}
        />
      </div>
      <table className="data-table" data-testid="scoreboard">
        <caption>{t('supply.byDataSet')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supply.dataSet')}</th>
            <th scope="col">{t('supply.organisation')}</th>
            <th scope="col">{t('supply.expected')}</th>
            <th scope="col">{t('supply.onTime')}</th>
            <th scope="col">{t('supply.late')}</th>
            <th scope="col">{t('supply.missing')}</th>
            <th scope="col">{t('supply.reportingRate')}</th>
            <th scope="col">{t('supply.onTimeRate')}</th>
          </tr>
        </thead>
        <tbody>
          {data.dataSets.map((d) => (
            <tr key={d.code} aria-selected={d.code === set?.code}>
              <td>
                <button type="button" className="link-button" onClick={() => setSelected(d.code)}>
                  {d.name}
                </button>
              </td>
              <td>{d.organisation.name}</td>
              <td>{d.totals.expected}</td>
              <td>{d.totals.onTime}</td>
              <td>{d.totals.late}</td>
              <td>{d.totals.missing}</td>
              <td>{percent(d.totals.reportingRate)}</td>
              <td>{percent(d.totals.onTimeRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {set && option ? (
        <section className="card">
          <h3 className="card-title">{t('supply.trend', { name: set.name })}</h3>
          <Chart option={option} ariaLabel={t('supply.trend', { name: set.name })} height={260} />
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('supply.period')}</th>
                <th scope="col">{t('supply.expected')}</th>
                <th scope="col">{t('supply.onTime')}</th>
                <th scope="col">{t('supply.late')}</th>
                <th scope="col">{t('supply.missing')}</th>
                <th scope="col">{t('supply.remindersSent')}</th>
              </tr>
            </thead>
            <tbody>
              {set.periods.map((p) => (
                <tr key={p.period}>
                  <td>{p.label}</td>
                  <td>{p.expected}</td>
                  <td>{p.onTime}</td>
                  <td>{p.late}</td>
                  <td>{p.missing}</td>
                  <td>{p.reminders.before + p.reminders.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <table className="data-table">
        <caption>{t('supply.byOrganisation', { count: data.lateThreshold })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supply.organisation')}</th>
            <th scope="col">{t('supply.reportingRate')}</th>
            <th scope="col">{t('supply.onTimeRate')}</th>
            <th scope="col">{t('supply.latePeriods')}</th>
            <th scope="col">{t('supply.remindersSent')}</th>
            <th scope="col">{t('supply.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {data.organisations.map((o) => (
            <tr key={o.code}>
              <td>{o.name}</td>
              <td>{percent(o.totals.reportingRate)}</td>
              <td>{percent(o.totals.onTimeRate)}</td>
              <td>{o.latePeriods}</td>
              <td>{o.reminders}</td>
              <td>{o.isFlagged ? <strong className="flagged">{t('supply.flagged')}</strong> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table" data-testid="flagged-units">
        <caption>{t('supply.flaggedUnits', { count: data.lateThreshold })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supply.unit')}</th>
            <th scope="col">{t('supply.dataSet')}</th>
            <th scope="col">{t('supply.late')}</th>
            <th scope="col">{t('supply.missing')}</th>
          </tr>
        </thead>
        <tbody>
          {data.flaggedUnits.map((u) => (
            <tr key={`${u.dataSet}|${u.unit.code}`}>
              <td>{u.unit.name}</td>
              <td>{u.dataSet}</td>
              <td>{u.late}</td>
              <td>{u.missing}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
