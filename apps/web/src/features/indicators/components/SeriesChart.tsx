import { useMemo } from 'react';
import type { Thresholds } from '@ioc/shared';
import { Chart } from '../../../lib/charts/Chart';
import type { IndicatorSummary } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/useI18n';
import type { SeriesPoint } from '../api/indicatorsApi';
import { buildSeriesChartOption } from '../charts/seriesChartOption';

/** A series against its target and last year, points in warning colours, bands optional. */
export function SeriesChart({
  points,
  indicator,
  thresholds,
  mode = 'period',
  showBands = false,
  height = 280,
  dark = false,
  compact = false,
  title,
}: {
  points: SeriesPoint[];
  indicator: IndicatorSummary;
  thresholds?: Thresholds;
  mode?: 'period' | 'ytd';
  showBands?: boolean;
  height?: number | string;
  dark?: boolean;
  compact?: boolean;
  title: string;
}) {
  const { t, lang } = useI18n();
  const option = useMemo(
    () =>
      buildSeriesChartOption({
        points,
        decimals: indicator.decimals,
        unitOfMeasure: indicator.unitOfMeasure,
        direction: indicator.direction,
        thresholds,
        lang,
        mode,
        showBands,
        dark,
        compact,
        labels: {
          value: mode === 'ytd' ? t('chart.ytdValue') : t('chart.value'),
          target: mode === 'ytd' ? t('chart.ytdTarget') : t('chart.target'),
          lastYear: t('chart.lastYear'),
          levelNames: {
            green: t('level.green'),
            yellow: t('level.yellow'),
            orange: t('level.orange'),
            red: t('level.red'),
            no_target: t('level.no_target'),
            no_data: t('level.no_data'),
          },
        },
      }),
    [points, indicator, thresholds, lang, mode, showBands, dark, compact, t],
  );
  return <Chart option={option} ariaLabel={title} height={height} dark={dark} />;
}
