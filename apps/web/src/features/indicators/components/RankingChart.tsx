import { useMemo } from 'react';
import { Chart } from '../../../lib/charts/Chart';
import { useI18n } from '../../../lib/i18n/useI18n';
import { comparableReference, type RankingResponse } from '../api/indicatorsApi';
import { buildRankingChartOption } from '../charts/rankingChartOption';

/** Units compared as bars in their warning colours; clicking a bar selects the unit. */
export function RankingChart({
  ranking,
  onSelect,
  dark = false,
  height,
}: {
  ranking: RankingResponse;
  onSelect?: (unitCode: string) => void;
  dark?: boolean;
  height?: number;
}) {
  const { t, lang, pick } = useI18n();
  const option = useMemo(
    () =>
      buildRankingChartOption({
        rows: ranking.rows,
        names: ranking.rows.map((r) => pick(r.unit)),
        decimals: ranking.indicator.decimals,
        reference: (() => {
          const ref = comparableReference(ranking);
          return ref ? { label: pick(ref.unit), value: ref.value } : null;
        })(),
        meanLabel: t('ranking.mean'),
        lang,
        dark,
      }),
    [ranking, t, lang, pick, dark],
  );
  const reversed = [...ranking.rows].reverse();
  return (
    <Chart
      option={option}
      dark={dark}
      ariaLabel={t('ranking.aria', { indicator: pick(ranking.indicator) })}
      height={height ?? Math.max(160, ranking.rows.length * 26 + 40)}
      onItemClick={(item) => {
        const row = reversed[item.dataIndex];
        if (row && onSelect) onSelect(row.unit.code);
      }}
    />
  );
}
