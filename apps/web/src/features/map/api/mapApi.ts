import { buildUrl } from '../../../lib/api/http';
import type { UnitLevel } from '../../../lib/api/types';

export interface MapUnitProperties {
  code: string;
  name: string;
  nameEn?: string | null;
  level: UnitLevel;
  parentCode?: string | null;
  /** No official boundary loaded: a placeholder cell near the parent's centre ("sơ đồ minh họa"). */
  schematic: boolean;
}

export interface MapUnitFeature {
  type: 'Feature';
  id?: string | number;
  geometry: { type: string; coordinates: unknown };
  properties: MapUnitProperties;
}

export interface MapUnitCollection {
  type: 'FeatureCollection';
  features: MapUnitFeature[];
}

export const mapUrls = {
  units: (query: { level: UnitLevel; period?: string }) => buildUrl('/api/v1/map/units', query),
};
