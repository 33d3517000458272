import { useEffect, useRef, useState } from 'react';
import { createOfflineMap, LABEL_FONT, maplibregl } from './maplibre';

export interface MapPoint {
  id: string;
  lon: number;
  lat: number;
  /** Fill colour, CSS hex. */
  colour: string;
}

export interface MapLabel {
  lon: number;
  lat: number;
  text: string;
}

export interface FeatureMapProps {
  ariaLabel: string;
  /** Points (cameras…), clustered when zoomed out. */
  points?: MapPoint[];
  /** Areas to shade (alert areas): GeoJSON Polygon or MultiPolygon geometries. */
  areas?: { type: string; coordinates: unknown }[];
  /** Place names for orientation (district names at their centroids). */
  labels?: MapLabel[];
  /** A polygon being drawn: its vertices [lon, lat], drawn as a line with points. */
  draft?: [number, number][];
  onMapClick?: (lonLat: [number, number]) => void;
  onSelectPoint?: (id: string) => void;
  height?: number | string;
  /** Names what is drawn; written to `data-map-drawn` once the map has drawn it (for tests). */
  drawKey?: string;
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] as unknown[] };
type GeoJsonData = Parameters<maplibregl.GeoJSONSource['setData']>[0];

function collection(features: unknown[]): GeoJsonData {
  return { type: 'FeatureCollection', features } as GeoJsonData;
}

/**
 * A map of points and areas on the offline basemap (background only, no tiles): camera positions,
 * alert areas, and a polygon being drawn by clicking. Clusters show how many points they hold.
 */
export function FeatureMap({
  ariaLabel,
  points = [],
  areas = [],
  labels = [],
  draft,
  onMapClick,
  onSelectPoint,
  height = 480,
  drawKey = '',
}: FeatureMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const handlers = useRef({ onMapClick, onSelectPoint });
  handlers.current = { onMapClick, onSelectPoint };
  const fitted = useRef(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = createOfflineMap(element, {
      sources: {
        areas: { type: 'geojson', data: EMPTY as GeoJsonData },
        labels: { type: 'geojson', data: EMPTY as GeoJsonData },
        points: {
          type: 'geojson',
          data: EMPTY as GeoJsonData,
          cluster: true,
          clusterRadius: 40,
          clusterMaxZoom: 12,
        },
        draft: { type: 'geojson', data: EMPTY as GeoJsonData },
      },
      layers: [
        {
          id: 'area-fill',
          type: 'fill',
          source: 'areas',
          paint: { 'fill-color': '#dc2626', 'fill-opacity': 0.25 },
        },
        {
          id: 'area-line',
          type: 'line',
          source: 'areas',
          paint: { 'line-color': '#b91c1c', 'line-width': 2 },
        },
        {
          id: 'place-labels',
          type: 'symbol',
          source: 'labels',
          layout: { 'text-field': ['get', 'text'], 'text-font': [LABEL_FONT], 'text-size': 12 },
          paint: { 'text-color': '#475569', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
        },
        {
          id: 'clusters',
          type: 'circle',
          source: 'points',
          filter: ['has', 'point_count'],
          paint: {
            'circle-color': '#1e3a8a',
            'circle-opacity': 0.85,
            'circle-radius': ['step', ['get', 'point_count'], 12, 20, 16, 100, 22],
          },
        },
        {
          id: 'cluster-count',
          type: 'symbol',
          source: 'points',
          filter: ['has', 'point_count'],
          layout: { 'text-field': ['get', 'point_count'], 'text-font': [LABEL_FONT], 'text-size': 12 },
          paint: { 'text-color': '#ffffff' },
        },
        {
          id: 'points',
          type: 'circle',
          source: 'points',
          filter: ['!', ['has', 'point_count']],
          paint: {
            'circle-color': ['get', 'colour'],
            'circle-radius': 6,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1.5,
          },
        },
        {
          id: 'draft-line',
          type: 'line',
          source: 'draft',
          paint: { 'line-color': '#7c3aed', 'line-width': 2 },
        },
        {
          id: 'draft-points',
          type: 'circle',
          source: 'draft',
          filter: ['==', ['geometry-type'], 'Point'],
          paint: { 'circle-color': '#7c3aed', 'circle-radius': 5 },
        },
      ],
    });
    instance.on('click', (event) => {
      const hit = instance.queryRenderedFeatures(event.point, { layers: ['points', 'clusters'] })[0];
      if (hit?.properties.cluster_id !== undefined) {
        instance.easeTo({ center: event.lngLat, zoom: instance.getZoom() + 2 });
        return;
      }
      if (hit && handlers.current.onSelectPoint) {
        handlers.current.onSelectPoint(String(hit.properties.id));
        return;
      }
      handlers.current.onMapClick?.([event.lngLat.lng, event.lngLat.lat]);
    });
    instance.on('mousemove', (event) => {
      const over = instance.queryRenderedFeatures(event.point, { layers: ['points', 'clusters'] }).length > 0;
      instance.getCanvas().style.cursor = over || handlers.current.onMapClick ? 'pointer' : '';
    });
    instance.on('load', () => setReady(true));
    map.current = instance;
    return () => {
      setReady(false);
      fitted.current = false;
      instance.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready) return;
    const set = (source: string, data: GeoJsonData) =>
      void instance.getSource<maplibregl.GeoJSONSource>(source)?.setData(data);
    set(
      'points',
      collection(
        points.map((p) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
          properties: { id: p.id, colour: p.colour },
        })),
      ),
    );
    set('areas', collection(areas.map((geometry) => ({ type: 'Feature', geometry, properties: {} }))));
    set(
      'labels',
      collection(
        labels.map((l) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
          properties: { text: l.text },
        })),
      ),
    );
    const ring = draft ?? [];
    set(
      'draft',
      collection([
        ...(ring.length > 1
          ? [
              {
                type: 'Feature',
                geometry: { type: 'LineString', coordinates: ring.length > 2 ? [...ring, ring[0]] : ring },
                properties: {},
              },
            ]
          : []),
        ...ring.map((c) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: c },
          properties: {},
        })),
      ]),
    );
    if (!fitted.current) {
      const bounds = new maplibregl.LngLatBounds();
      const visit = (c: unknown): void => {
        if (!Array.isArray(c)) return;
        if (typeof c[0] === 'number' && typeof c[1] === 'number') bounds.extend([c[0], c[1]]);
        else for (const inner of c) visit(inner);
      };
      for (const p of points) bounds.extend([p.lon, p.lat]);
      for (const a of areas) visit(a.coordinates);
      if (!bounds.isEmpty()) {
        instance.fitBounds(bounds, { padding: 32, maxZoom: 13, animate: false });
        fitted.current = true;
      }
    }
    instance.once('idle', () => {
      const element = container.current;
      if (!element) return;
      // For tests: what was drawn, and where the map's centre is on screen.
      element.setAttribute('data-map-drawn', drawKey);
      element.setAttribute(
        'data-rendered-points',
        String(instance.queryRenderedFeatures({ layers: ['points'] }).length),
      );
    });
    instance.triggerRepaint();
  }, [points, areas, labels, draft, ready, drawKey]);

  return (
    <div
      ref={container}
      className="map-view"
      role="region"
      aria-label={ariaLabel}
      style={{ width: '100%', height }}
    />
  );
}
