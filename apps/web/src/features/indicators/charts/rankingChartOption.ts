import { formatNumber, type Lang } from '@ioc/shared';
import type { ChartOption } from '../../../lib/charts/echarts';
import { LEVEL_FILL } from '../../../ui/warningColours';
import type { RankingRow } from '../api/indicatorsApi';

/** Units as horizontal bars, best at the top, each bar in its warning colour, with the mean marked. */
export function buildRankingChartOption(input: {
  rows: RankingRow[];
  names: string[];
  decimals: number;
  /** A level to mark across the bars (the parent's rate); without one, the mean of the bars. */
  reference: { label: string; value: number } | null;
  meanLabel: string;
  lang: Lang;
  dark?: boolean;
}): ChartOption {
  const ink = input.dark ? '#e2e8f0' : '#1e293b';
  const fmt = (v: number | null) => formatNumber(v, input.decimals, input.lang);
  // ECharts draws the first category at the bottom: reverse so rank 1 is on top.
  const rows = [...input.rows].reverse();
  const names = [...input.names].reverse();
  return {
    grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { dataIndex } = p as { dataIndex: number };
        const row = rows[dataIndex];
        return row ? `${names[dataIndex]}<br/>${fmt(row.value)}` : '';
      },
    },
    xAxis: {
      type: 'value',
      axisLabel: { color: ink, formatter: (v: number) => formatNumber(v, 0, input.lang) },
      splitLine: { lineStyle: { color: input.dark ? '#334155' : '#e2e8f0' } },
    },
    yAxis: {
      type: 'category',
      data: names,
      axisLabel: { color: ink, width: 140, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({ value: r.value, itemStyle: { color: LEVEL_FILL[r.level] } })),
        label: {
          show: true,
          position: 'right',
          color: ink,
          formatter: (p: unknown) => fmt((p as { value: number }).value),
        },
        barMaxWidth: 22,
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: ink },
          label: {
            formatter: (p: unknown) =>
              `${input.reference ? input.reference.label : input.meanLabel}: ${fmt((p as { value: number }).value)}`,
            color: ink,
            position: 'end',
          },
          data: input.reference ? [{ xAxis: input.reference.value }] : [{ type: 'average' }],
        },
      },
    ],
  };
}
