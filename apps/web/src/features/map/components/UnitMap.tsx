import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import type { WarningLevel } from '@ioc/shared';
import type { IndicatorSummary, UnitLevel } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { LevelLegend } from '../../../ui/LevelLegend';
import { Loading } from '../../../ui/Loading';
import { ValueLegend } from '../../../ui/ValueLegend';
import { LEVEL_FILL } from '../../../ui/warningColours';
import { useIndicatorValues } from '../../indicators/hooks/useIndicatorValues';
import type { ValueRow } from '../../indicators/api/indicatorsApi';
import { useMapUnits } from '../hooks/useMapUnits';
import { colourUnits, valueClasses, type ColourBy } from '../mapColouring';
import { UnitHoverCard } from './UnitHoverCard';
import { UnitValueTable } from './UnitValueTable';

// MapLibre is the heaviest library in the app: it has its own chunk, requested as soon as this module
// loads (not when the first map renders), so it downloads while the page fetches its data.
const mapViewModule = import('../../../lib/map/MapView');
const MapView = lazy(() => mapViewModule.then((m) => ({ default: m.MapView })));

export interface UnitMapProps {
  indicator: IndicatorSummary;
  period: string;
  level: UnitLevel;
  /** Only the children of this unit (drill-down). */
  parent?: string;
  colourBy: ColourBy;
  onSelect: (unitCode: string) => void;
  dark?: boolean;
  height?: number | string;
  labelSize?: number;
  /** The units as a table below the map (keyboard access, units without a shape). */
  showTable?: boolean;
}

/** A province map of one indicator in one period, coloured by warning level or value, with its legend. */
export function UnitMap({
  indicator,
  period,
  level,
  parent,
  colourBy,
  onSelect,
  dark = false,
  height = 480,
  labelSize = 12,
  showTable = true,
}: UnitMapProps) {
  const { t, lang, pick, period: periodLabel } = useI18n();
  const { collection, error: mapError } = useMapUnits(level, period);
  const {
    values,
    error: valuesError,
    isFetching,
  } = useIndicatorValues(indicator.code, period, parent ? { parent } : { level });
  const [hovered, setHovered] = useState<string | null>(null);

  const rows = useMemo(() => {
    const list = values?.indicator.code === indicator.code ? values.rows : [];
    return parent
      ? list.filter((r) => r.unit.parentCode === parent)
      : list.filter((r) => r.unit.level === level);
  }, [values, indicator.code, parent, level]);
  const readings = useMemo(
    () =>
      new Map(
        rows.map((r) => [
          r.unit.code,
          { code: r.unit.code, value: r.value, level: r.level, restricted: r.restricted },
        ]),
      ),
    [rows],
  );
  const byCode = useMemo(() => new Map<string, ValueRow>(rows.map((r) => [r.unit.code, r])), [rows]);
  const classes = useMemo(
    () => valueClasses(rows.filter((r) => !r.restricted && r.value !== null).map((r) => r.value as number)),
    [rows],
  );
  const shown = useMemo(() => {
    if (!collection) return null;
    const features = collection.features.filter((f) =>
      parent ? f.properties.parentCode === parent : f.properties.level === level,
    );
    return colourUnits({ type: 'FeatureCollection', features }, readings, {
      colourBy,
      classes,
      decimals: indicator.decimals,
      lang,
      showValues: level !== 'commune' || Boolean(parent),
    });
  }, [collection, parent, level, readings, colourBy, classes, indicator.decimals, lang]);
  const counts = useMemo(() => {
    const result: Partial<Record<WarningLevel, number>> = {};
    for (const r of rows) {
      const key: WarningLevel = r.restricted ? 'no_data' : r.level;
      result[key] = (result[key] ?? 0) + 1;
    }
    return result;
  }, [rows]);
  // While another indicator's values load, the map keeps the colours it has rather than drawing an
  // all-grey map first: one redraw per switch instead of two.
  const current = values?.indicator.code === indicator.code;
  const lastDrawn = useRef(shown);
  if (current || valuesError || !lastDrawn.current) lastDrawn.current = shown;
  const drawn = lastDrawn.current;
  const schematic = shown?.features.some((f) => f.properties.schematic) ?? false;
  const hoveredRow = hovered ? byCode.get(hovered) : undefined;
  const mapLabel = t('map.aria', { indicator: pick(indicator), period: periodLabel(period) });

  return (
    <div
      className="unit-map"
      data-testid="unit-map"
      data-colour-by={colourBy}
      data-indicator={indicator.code}
      data-period={period}
    >
      <div className="unit-map-canvas" style={{ height }}>
        {mapError ? <ErrorMessage error={mapError} /> : null}
        {drawn ? (
          <Suspense fallback={<Loading label={t('map.loading')} />}>
            <MapView
              data={drawn}
              fitKey={`${level}|${parent ?? ''}|${drawn.features.length}`}
              ariaLabel={mapLabel}
              onSelect={onSelect}
              onHover={setHovered}
              dark={dark}
              height={height}
              labelSize={labelSize}
              drawKey={values ? `${values.indicator.code}|${values.period.code}|${colourBy}|${lang}` : ''}
            />
          </Suspense>
        ) : mapError ? null : (
          <Loading label={t('map.loading')} />
        )}
        {hoveredRow ? <UnitHoverCard row={hoveredRow} indicator={indicator} /> : null}
        {isFetching ? <span className="map-busy" aria-hidden="true" /> : null}
        {schematic ? (
          <p className="schematic-note" data-testid="schematic-note">
            {t('map.schematic')}
          </p>
        ) : null}
      </div>
      {valuesError ? <ErrorMessage error={valuesError} /> : null}
      <div className="unit-map-legend">
        <span className="legend-caption">
          {colourBy === 'level' ? t('map.legendLevel') : t('map.legendValue')} · {periodLabel(period)}
        </span>
        {colourBy === 'level' ? (
          <LevelLegend counts={counts} />
        ) : (
          <ValueLegend
            classes={classes}
            decimals={indicator.decimals}
            unitOfMeasure={indicator.unitOfMeasure}
            noDataColour={LEVEL_FILL.no_data}
          />
        )}
      </div>
      {showTable ? (
        <details className="unit-table-details">
          <summary>{t('map.table', { count: rows.length })}</summary>
          <UnitValueTable rows={rows} indicator={indicator} onSelect={onSelect} />
        </details>
      ) : null}
    </div>
  );
}
