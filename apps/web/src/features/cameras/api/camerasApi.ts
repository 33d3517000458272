import type { CameraStatus, CameraType } from '@ioc/shared';
import { buildUrl } from '../../../lib/api/http';

export interface Camera {
  code: string;
  name: string;
  type: CameraType;
  status: CameraStatus;
  streamUrl: string;
  lon: number;
  lat: number;
  unitCode: string | null;
  unitName: string | null;
  ownerCode: string | null;
  ownerName: string | null;
  statusCheckedAt: string | null;
  statusChangedAt: string | null;
}

export interface CameraPage {
  items: Camera[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CameraFilter {
  unit?: string;
  type?: string;
  status?: string;
}

export interface CameraCollection {
  type: 'FeatureCollection';
  features: {
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: {
      code: string;
      name: string;
      type: CameraType;
      status: CameraStatus;
      unitCode: string | null;
    };
  }[];
}

export const camerasUrls = {
  page: (filter: CameraFilter, page: number, pageSize: number) =>
    buildUrl('/api/v1/cameras', { ...filter, page, pageSize }),
  geojson: (filter: CameraFilter) => buildUrl('/api/v1/cameras/geojson', { ...filter }),
};

/** Status colours: the same on badges and map points. */
export const STATUS_COLOURS: Record<CameraStatus, string> = {
  online: '#15803d',
  offline: '#b91c1c',
  unknown: '#64748b',
};
