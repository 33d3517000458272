/**
 * Warning-level colours. "Xanh" is drawn as a blue-leaning green so it stays apart from red and
 * orange for red-green colour-blind readers; every use also carries a shape and a text label.
 * Fills are for the map and charts; badges use the tint with the dark text colour (contrast AA).
 */
import type { WarningLevel } from '@ioc/shared';

export const LEVEL_ORDER: readonly WarningLevel[] = [
  'red',
  'orange',
  'yellow',
  'green',
  'no_target',
  'no_data',
];

export const LEVEL_FILL: Record<WarningLevel, string> = {
  green: '#159a7b',
  yellow: '#f2c12e',
  orange: '#ef7d22',
  red: '#c8102e',
  no_target: '#9db4cc',
  no_data: '#d3d8df',
};

export const LEVEL_TINT: Record<WarningLevel, string> = {
  green: '#dcf3ec',
  yellow: '#fdf3cf',
  orange: '#fde6d3',
  red: '#f9d9de',
  no_target: '#e6edf5',
  no_data: '#eef0f3',
};

export const LEVEL_INK: Record<WarningLevel, string> = {
  green: '#0b5240',
  yellow: '#5c4400',
  orange: '#7a3300',
  red: '#7d0a1d',
  no_target: '#33475b',
  no_data: '#3f4752',
};

/** Severity, worst first (for sorting warnings). */
export function levelSeverity(level: WarningLevel): number {
  return LEVEL_ORDER.indexOf(level);
}

/** Five light-to-dark blues for colouring by value. */
export const VALUE_RAMP = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
