import type { MessageKey } from '../../lib/i18n/messages';
import { operationsUrls, type OperationsFilters } from './api/operationsApi';

/** One layer of the map of now: a GeoJSON FeatureCollection of points, fetched with the screen's filters. */
export interface OperationsLayerDefinition {
  id: string;
  labelKey: MessageKey;
  colour: string;
  url: (filters: OperationsFilters) => string;
  /** The point property saying how many items it stands for (clusters add it up). */
  weightProperty?: string;
  /** A live message topic whose data (with `id`, `lon`, `lat`) updates one point at once. */
  liveTopic?: string;
}

/** The layers of the map of now, drawn in this order; another source is one more entry. */
export const OPERATIONS_LAYERS: OperationsLayerDefinition[] = [
  {
    id: 'events',
    labelKey: 'ops.layer.events',
    colour: '#f97316',
    url: operationsUrls.eventsGeojson,
    weightProperty: 'count',
  },
  {
    id: 'incidents',
    labelKey: 'ops.layer.incidents',
    colour: '#b91c1c',
    url: operationsUrls.incidentsGeojson,
  },
  {
    id: 'cameras',
    labelKey: 'ops.layer.cameras',
    colour: '#2563eb',
    url: () => '/api/v1/cameras/geojson',
  },
];
