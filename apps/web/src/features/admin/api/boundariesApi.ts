import { requestJson } from '../../../lib/api/http';
import { invalidateQueries } from '../../../lib/api/query';

export interface BoundaryUploadResult {
  updated: number;
  errors: { feature: number; code: string | null; message: string }[];
}

/** Sends a GeoJSON FeatureCollection of unit boundaries (features carry properties.code); maps reload. */
export async function uploadBoundaries(collection: unknown): Promise<BoundaryUploadResult> {
  const result = await requestJson<BoundaryUploadResult>('/api/v1/units/boundaries', {
    method: 'POST',
    body: collection,
  });
  invalidateQueries((url) => url.startsWith('/api/v1/map/') || url.startsWith('/api/v1/units'));
  return result;
}
