import { buildUrl } from '../../lib/api/http';
import type { MessageKey } from '../../lib/i18n/messages';
import type { MapViewport } from '../../lib/map/ClusteredPointsMap';
import { operationsUrls, type OperationsFilters } from './api/operationsApi';

/**
 * One layer of the map of now: the server clusters its points for the viewport (exact counts,
 * the screen's filters applied) and answers with a ClusterCollection; live messages refetch it.
 */
export interface OperationsLayerDefinition {
  id: string;
  labelKey: MessageKey;
  colour: string;
  url: (filters: OperationsFilters, viewport: MapViewport) => string;
}

/** The layers of the map of now, drawn in this order; another source is one more entry. */
export const OPERATIONS_LAYERS: OperationsLayerDefinition[] = [
  {
    id: 'events',
    labelKey: 'ops.layer.events',
    colour: '#f97316',
    url: operationsUrls.eventClusters,
  },
  {
    id: 'incidents',
    labelKey: 'ops.layer.incidents',
    colour: '#b91c1c',
    url: operationsUrls.incidentClusters,
  },
  {
    id: 'cameras',
    labelKey: 'ops.layer.cameras',
    colour: '#2563eb',
    url: (f, viewport) => buildUrl('/api/v1/cameras/clusters', { unit: f.unit, ...viewport }),
  },
  {
    id: 'sensors',
    labelKey: 'ops.layer.sensors',
    colour: '#0d9488',
    url: operationsUrls.sensorClusters,
  },
];
