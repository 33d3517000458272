import { useCallback } from 'react';
import type { UnitLevel } from '../../../lib/api/types';
import { useQueryState } from '../../../lib/router/useQueryState';
import type { IndicatorDefinition } from '../../catalogue/api/catalogueApi';
import type { ColourBy } from '../../map/mapColouring';

export interface OverviewState {
  indicator: string | undefined;
  period: string | undefined;
  level: UnitLevel;
  colourBy: ColourBy;
}

/** The first monthly indicator: a figure that changes every month makes the liveliest default map. */
export function pickDefaultIndicator(indicators: IndicatorDefinition[] | undefined): string | undefined {
  return (indicators?.find((i) => i.periodType === 'month') ?? indicators?.[0])?.code;
}

/**
 * The overview's choices, all kept in the URL (`?indicator=&period=&level=&colour=`) so a view can
 * be shared; missing ones fall back to defaults without writing them into the URL.
 */
export function useOverviewState(defaults: { indicator?: string; period?: string }) {
  const { query, setQuery } = useQueryState();
  const state: OverviewState = {
    indicator: query.get('indicator') ?? defaults.indicator,
    period: query.get('period') ?? defaults.period,
    level: query.get('level') === 'commune' ? 'commune' : 'district',
    colourBy: query.get('colour') === 'value' ? 'value' : 'level',
  };
  const update = useCallback(
    (patch: Partial<OverviewState>) =>
      setQuery({
        ...(patch.indicator !== undefined ? { indicator: patch.indicator } : {}),
        ...(patch.period !== undefined ? { period: patch.period } : {}),
        ...(patch.level !== undefined ? { level: patch.level === 'district' ? null : patch.level } : {}),
        ...(patch.colourBy !== undefined
          ? { colour: patch.colourBy === 'level' ? null : patch.colourBy }
          : {}),
      }),
    [setQuery],
  );
  return { state, update };
}
