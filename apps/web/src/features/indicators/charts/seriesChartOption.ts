import { formatNumber, type Direction, type Lang, type Thresholds, type WarningLevel } from '@ioc/shared';
import type { ChartOption, LineSeriesOption } from '../../../lib/charts/echarts';
import { LEVEL_FILL } from '../../../ui/warningColours';
import type { SeriesPoint } from '../api/indicatorsApi';
import { shortPeriodLabel } from './shortPeriodLabel';
import { warningBands } from './warningBands';

export interface SeriesChartLabels {
  value: string;
  target: string;
  lastYear: string;
  levelNames: Record<WarningLevel, string>;
}

export interface SeriesChartInput {
  points: SeriesPoint[];
  decimals: number;
  unitOfMeasure: string;
  direction: Direction;
  thresholds?: Thresholds;
  labels: SeriesChartLabels;
  lang: Lang;
  /** 'period': each period's own value; 'ytd': year to date (lũy kế) at each period. */
  mode: 'period' | 'ytd';
  showBands: boolean;
  dark?: boolean;
  compact?: boolean;
}

interface Row {
  label: string;
  value: number | null;
  target: number | null;
  level: WarningLevel;
  lastYear: number | null;
  targetLow: number | null;
  targetHigh: number | null;
}

function rowsOf(input: SeriesChartInput): Row[] {
  return input.points.map((p) => {
    const source = input.mode === 'ytd' ? p.ytd : p;
    return {
      label: shortPeriodLabel(p.period.code, input.lang),
      value: source?.value ?? null,
      target: source?.target ?? null,
      level: source?.level ?? 'no_data',
      lastYear: input.mode === 'ytd' ? (p.ytdSamePeriodLastYear ?? null) : p.samePeriodLastYear,
      targetLow: source?.targetLow ?? null,
      targetHigh: source?.targetHigh ?? null,
    };
  });
}

/** The smallest "round" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^n) at or above x, for the axis top. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * magnitude >= x * (1 - 1e-12)) ?? 10;
  return step * magnitude;
}

/**
 * Where the value axis starts: 0 unless every figure sits high above it (rates near 95%), where
 * a 0 baseline would flatten the line; then a round number some way below the lowest figure.
 */
export function axisBottom(values: number[]): number {
  if (values.length === 0) return 0;
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low <= 0 || low < 0.5 * high) return 0;
  const candidate = low - Math.max(high - low, 0.1 * low);
  if (candidate <= 0) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(candidate));
  return Math.floor(candidate / magnitude) * magnitude;
}

/**
 * Bands as stacked areas: each slice's height is its span, so they pile up from 0. A band
 * indicator gets an invisible base up to the low edge and the green span above it.
 */
function buildBandSeries(rows: Row[], input: SeriesChartInput, top: number): LineSeriesOption[] {
  const slices = warningBands(rows, input.direction, input.thresholds as Thresholds, top);
  const span = (from: (number | null)[], to: (number | null)[]) =>
    to.map((t, k) => {
      const f = from[k];
      return t === null || t === undefined || f === null || f === undefined ? null : Math.max(t - f, 0);
    });
  const area = (name: string, data: (number | null)[], colour: string | null): LineSeriesOption => ({
    type: 'line',
    name,
    stack: 'bands',
    data,
    step: 'middle',
    symbol: 'none',
    silent: true,
    lineStyle: { width: 0 },
    areaStyle: colour ? { color: colour, opacity: input.dark ? 0.22 : 0.14 } : { opacity: 0 },
    tooltip: { show: false },
    z: 1,
  });
  if (input.direction === 'band') {
    const green = slices[0];
    if (!green) return [];
    return [
      area('band-base', green.from, null),
      area('band-green', span(green.from, green.to), LEVEL_FILL.green),
    ];
  }
  return slices.map((slice) =>
    area(`band-${slice.level}`, span(slice.from, slice.to), LEVEL_FILL[slice.level]),
  );
}

/** Value (points coloured by warning level), target, same period last year, and the warning bands behind. */
export function buildSeriesChartOption(input: SeriesChartInput): ChartOption {
  const rows = rowsOf(input);
  const { labels, lang, decimals } = input;
  const ink = input.dark ? '#e2e8f0' : '#1e293b';
  const grid = input.dark ? '#334155' : '#e2e8f0';
  const all = rows
    .flatMap((r) => [r.value, r.target, r.lastYear, r.targetHigh])
    .filter((v): v is number => v !== null);
  const top = all.length > 0 ? niceCeil(Math.max(...all) * 1.08) : 1;
  const fmt = (v: number | null) => formatNumber(v, decimals, lang);

  const bandSeries: LineSeriesOption[] =
    input.showBands && input.thresholds ? buildBandSeries(rows, input, top) : [];

  return {
    grid: { left: 8, right: 16, top: input.compact ? 28 : 40, bottom: 8, containLabel: true },
    legend: {
      top: 0,
      textStyle: { color: ink },
      data: [labels.value, labels.target, labels.lastYear],
    },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number }[];
        const row = rows[list[0]?.dataIndex ?? 0];
        if (!row) return '';
        return [
          `<strong>${row.label}</strong>`,
          `${labels.value}: ${fmt(row.value)} ${input.unitOfMeasure} (${labels.levelNames[row.level]})`,
          `${labels.target}: ${fmt(row.target)}`,
          `${labels.lastYear}: ${fmt(row.lastYear)}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: { color: ink, hideOverlap: true },
      axisLine: { lineStyle: { color: grid } },
    },
    yAxis: {
      type: 'value',
      max: input.showBands ? top : undefined,
      min: axisBottom(all),
      axisLabel: {
        color: ink,
        formatter: (v: number) => formatNumber(v, v % 1 === 0 ? 0 : Math.min(decimals, 2), lang),
      },
      splitLine: { lineStyle: { color: grid } },
    },
    series: [
      ...bandSeries,
      {
        type: 'line',
        name: labels.target,
        data: rows.map((r) => r.target),
        lineStyle: { type: 'dashed', width: 2, color: input.dark ? '#fbbf24' : '#7c3aed' },
        itemStyle: { color: input.dark ? '#fbbf24' : '#7c3aed' },
        symbol: 'none',
        z: 3,
      },
      {
        type: 'line',
        name: labels.lastYear,
        data: rows.map((r) => r.lastYear),
        lineStyle: { type: 'dotted', width: 2, color: '#64748b' },
        itemStyle: { color: '#64748b' },
        symbol: 'none',
        z: 2,
      },
      {
        type: 'line',
        name: labels.value,
        data: rows.map((r) => ({
          value: r.value,
          itemStyle: { color: LEVEL_FILL[r.level], borderColor: ink, borderWidth: 1 },
        })),
        lineStyle: { width: 2.5, color: input.dark ? '#7dd3fc' : '#1d4ed8' },
        itemStyle: { color: input.dark ? '#7dd3fc' : '#1d4ed8' },
        symbol: 'circle',
        symbolSize: input.compact ? 6 : 9,
        z: 4,
      },
    ],
  };
}
