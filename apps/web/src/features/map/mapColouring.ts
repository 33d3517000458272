/**
 * Turns unit shapes and an indicator's values into what the map draws: a fill per unit (by warning
 * level, or by value in five classes) and a short label. Pure, so it is tested without a browser.
 */
import type { Lang, WarningLevel } from '@ioc/shared';
import { formatNumber } from '@ioc/shared';
import { LEVEL_FILL, VALUE_RAMP } from '../../ui/warningColours';
import type { ValueClass } from '../../ui/ValueLegend';
import type { MapUnitCollection } from './api/mapApi';

export type ColourBy = 'level' | 'value';

export interface UnitReading {
  code: string;
  value: number | null;
  level: WarningLevel;
  restricted?: boolean;
}

const VI_PREFIXES = /^(Thành phố|Thị xã|Thị trấn|Huyện|Quận|Phường|Xã|Tỉnh)\s+/u;
const EN_SUFFIXES = /\s+(city|town|district|commune|ward|township|province)$/iu;

/** "Thành phố Đồng Xoài" → "Đồng Xoài", "Dong Xoai city" → "Dong Xoai": short enough for a map label. */
export function shortUnitName(name: string, lang: Lang): string {
  return lang === 'en' ? name.replace(EN_SUFFIXES, '') : name.replace(VI_PREFIXES, '');
}

/** Up to five classes with equal numbers of units (quantiles), each with its value range. */
export function valueClasses(values: number[]): ValueClass[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const count = Math.min(VALUE_RAMP.length, new Set(sorted).size);
  const classes: ValueClass[] = [];
  for (let i = 0; i < count; i++) {
    const from = sorted[Math.floor((i * sorted.length) / count)] as number;
    const toIndex = Math.floor(((i + 1) * sorted.length) / count) - 1;
    const to = sorted[Math.max(toIndex, 0)] as number;
    const colour =
      VALUE_RAMP[
        count === 1 ? VALUE_RAMP.length - 1 : Math.round((i * (VALUE_RAMP.length - 1)) / (count - 1))
      ];
    classes.push({ colour: colour as string, from, to });
  }
  return classes;
}

export function classColour(classes: ValueClass[], value: number): string {
  const found = classes.find((c) => value <= c.to) ?? classes[classes.length - 1];
  return found?.colour ?? LEVEL_FILL.no_data;
}

/** The map's features: each unit coloured and labelled; units without a reading stay grey. */
export function colourUnits(
  collection: MapUnitCollection,
  readings: Map<string, UnitReading>,
  options: { colourBy: ColourBy; classes: ValueClass[]; decimals: number; lang: Lang; showValues: boolean },
) {
  return {
    type: 'FeatureCollection' as const,
    features: collection.features.map((feature) => {
      const { code, name, nameEn, schematic } = feature.properties;
      const reading = readings.get(code);
      const value = reading && !reading.restricted ? reading.value : null;
      let fill: string = LEVEL_FILL.no_data;
      if (reading && !reading.restricted) {
        fill =
          options.colourBy === 'level'
            ? LEVEL_FILL[reading.level]
            : value === null
              ? LEVEL_FILL.no_data
              : classColour(options.classes, value);
      }
      const title = shortUnitName(options.lang === 'en' && nameEn ? nameEn : name, options.lang);
      const label =
        options.showValues && value !== null
          ? `${title}\n${formatNumber(value, options.decimals, options.lang)}`
          : title;
      return {
        type: 'Feature' as const,
        id: feature.id ?? code,
        geometry: feature.geometry,
        properties: { code, fill, label, schematic: Boolean(schematic) },
      };
    }),
  };
}
