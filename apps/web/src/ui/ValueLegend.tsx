import { useI18n } from '../lib/i18n/useI18n';

export interface ValueClass {
  colour: string;
  from: number;
  to: number;
}

/** Legend of a colour-by-value map: each colour with the range of values it stands for. */
export function ValueLegend({
  classes,
  decimals,
  unitOfMeasure,
  noDataColour,
}: {
  classes: ValueClass[];
  decimals: number;
  unitOfMeasure: string;
  noDataColour: string;
}) {
  const { t, num } = useI18n();
  return (
    <ul className="legend" aria-label={t('legend.title')} data-testid="legend">
      {classes.map((c, i) => (
        <li key={i}>
          <span className="legend-swatch" style={{ background: c.colour }} />
          <span>
            {num(c.from, decimals)} – {num(c.to, decimals)} {unitOfMeasure}
          </span>
        </li>
      ))}
      <li>
        <span className="legend-swatch" style={{ background: noDataColour }} />
        <span>{t('level.no_data')}</span>
      </li>
    </ul>
  );
}
