import type { WarningLevel } from '@ioc/shared';
import { LEVEL_FILL } from './warningColours';

/** A shape per level (circle, triangle, diamond, square, ring, dashed ring): level without colour. */
export function LevelShape({ level, size = 12 }: { level: WarningLevel; size?: number }) {
  const fill = LEVEL_FILL[level];
  const stroke = '#1f2937';
  let shape;
  switch (level) {
    case 'green':
      shape = <circle cx="6" cy="6" r="5" fill={fill} stroke={stroke} strokeWidth="0.8" />;
      break;
    case 'yellow':
      shape = <path d="M6 0.8 L11.4 11 L0.6 11 Z" fill={fill} stroke={stroke} strokeWidth="0.8" />;
      break;
    case 'orange':
      shape = <path d="M6 0.5 L11.5 6 L6 11.5 L0.5 6 Z" fill={fill} stroke={stroke} strokeWidth="0.8" />;
      break;
    case 'red':
      shape = <rect x="1" y="1" width="10" height="10" fill={fill} stroke={stroke} strokeWidth="0.8" />;
      break;
    case 'no_target':
      shape = <circle cx="6" cy="6" r="4.5" fill={fill} stroke={stroke} strokeWidth="1.2" />;
      break;
    case 'no_data':
      shape = (
        <circle cx="6" cy="6" r="4.5" fill="none" stroke={stroke} strokeWidth="1.2" strokeDasharray="2 1.5" />
      );
      break;
  }
  return (
    <svg width={size} height={size} viewBox="0 0 12 12" aria-hidden="true" className="level-shape">
      {shape}
    </svg>
  );
}
