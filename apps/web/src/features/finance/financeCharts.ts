import { formatNumber, type Lang } from '@ioc/shared';
import type { ChartOption } from '../../lib/charts/echarts';
import type { PathPoint } from './api/financeApi';

const INK = '#1e293b';
const GRID = '#e2e8f0';

/** Executed amount per month (tỷ đồng), this year as bars against last year as a line. */
export function monthlyChartOption(input: {
  months: Array<{ month: string; amount: number }>;
  year: number;
  labels: { thisYear: string; lastYear: string };
  lang: Lang;
}): ChartOption {
  const amountOf = (y: number, m: number) =>
    input.months.find((x) => x.month === `${y}-${String(m).padStart(2, '0')}`)?.amount ?? null;
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const ty = (v: number | null) => (v === null ? null : v / 1e9);
  const fmt = (v: number) => formatNumber(v, 0, input.lang);
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: INK } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${fmt(v)} tỷ` : '—') },
    xAxis: { type: 'category', data: months.map((m) => `T${m}`), axisLabel: { color: INK } },
    yAxis: {
      type: 'value',
      name: input.lang === 'vi' ? 'tỷ đồng' : 'billion VND',
      axisLabel: { color: INK, formatter: (v: number) => fmt(v) },
      splitLine: { lineStyle: { color: GRID } },
    },
    series: [
      {
        type: 'bar',
        name: input.labels.thisYear,
        data: months.map((m) => ty(amountOf(input.year, m))),
        itemStyle: { color: '#2563eb' },
        barMaxWidth: 26,
      },
      {
        type: 'line',
        name: input.labels.lastYear,
        data: months.map((m) => ty(amountOf(input.year - 1, m))),
        itemStyle: { color: '#94a3b8' },
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}

/** The province's target path of disbursement and the cumulative rate actually reached, month by month. */
export function pathChartOption(input: {
  path: PathPoint[];
  labels: { target: string; actual: string };
  lang: Lang;
}): ChartOption {
  const fmt = (v: number) => `${formatNumber(v, 1, input.lang)} %`;
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: INK } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? fmt(v) : '—') },
    xAxis: {
      type: 'category',
      data: input.path.map((p) => `${p.date.slice(8)}/${p.date.slice(5, 7)}`),
      axisLabel: { color: INK },
    },
    yAxis: {
      type: 'value',
      max: 100,
      axisLabel: { color: INK, formatter: (v: number) => `${v} %` },
      splitLine: { lineStyle: { color: GRID } },
    },
    series: [
      {
        type: 'line',
        name: input.labels.target,
        data: input.path.map((p) => p.target),
        itemStyle: { color: '#64748b' },
        lineStyle: { type: 'dashed' },
      },
      {
        type: 'line',
        name: input.labels.actual,
        data: input.path.map((p) => p.actual),
        itemStyle: { color: '#dc2626' },
        lineStyle: { width: 3 },
      },
    ],
  };
}
