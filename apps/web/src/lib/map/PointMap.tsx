import { useEffect, useRef, useState } from 'react';
import { createOfflineMap, LABEL_FONT, maplibregl } from './maplibre';

export interface MapPoint {
  id: string;
  lonLat: [number, number];
  /** Circle colour, CSS hex (default: the accent colour). */
  fill?: string;
  /** Shown under the point from zoom 9 on. */
  label?: string;
}

export interface PointMapProps {
  points: MapPoint[];
  ariaLabel: string;
  /** Called with the clicked place: the map becomes a point picker. */
  onPick?: (lonLat: [number, number]) => void;
  onSelect?: (id: string) => void;
  height?: number | string;
  center?: [number, number];
  zoom?: number;
  /** Frames the points the first time there are some (up to zoom 12). */
  fit?: boolean;
}

const POINTS = 'points';
const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/**
 * A few points on the offline basemap (a plain background, no tiles), all drawn by the browser:
 * published reports, sensors coloured by alert level, or the place a citizen picks by clicking.
 * (The map of now, with its 100,000 points, is `ClusteredPointsMap`: the server clusters them.)
 * The map's state is written to data attributes so browser tests can check and click it.
 */
export function PointMap({
  points,
  ariaLabel,
  onPick,
  onSelect,
  height = 360,
  center = [106.9, 11.75],
  zoom = 8,
  fit = false,
}: PointMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const handlers = useRef({ onPick, onSelect });
  handlers.current = { onPick, onSelect };
  const fitted = useRef(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = createOfflineMap(element, {
      center,
      zoom,
      sources: { [POINTS]: { type: 'geojson', data: EMPTY } },
      layers: [
        {
          id: 'points',
          type: 'circle',
          source: POINTS,
          paint: {
            'circle-radius': 7,
            'circle-color': ['coalesce', ['get', 'fill'], '#c2410c'],
            // Coloured points (by alert level, say) keep a thin dark rim, so a pale colour still shows.
            'circle-stroke-color': ['case', ['has', 'fill'], '#0f172a', '#ffffff'],
            'circle-stroke-width': ['case', ['has', 'fill'], 1, 2],
          },
        },
        {
          id: 'point-labels',
          type: 'symbol',
          source: POINTS,
          minzoom: 9,
          filter: ['has', 'label'],
          layout: {
            'text-field': ['get', 'label'],
            'text-font': [LABEL_FONT],
            'text-size': 11,
            'text-offset': [0, 1.2],
            'text-anchor': 'top',
            'text-max-width': 10,
          },
          paint: {
            'text-color': '#0f172a',
            'text-halo-color': 'rgba(255,255,255,0.9)',
            'text-halo-width': 1.5,
          },
        },
      ],
    });
    instance.on('click', (event) => {
      const hit = instance.queryRenderedFeatures(event.point, { layers: ['points'] })[0];
      if (hit && handlers.current.onSelect) {
        handlers.current.onSelect(String(hit.properties.id));
        return;
      }
      handlers.current.onPick?.([Number(event.lngLat.lng.toFixed(6)), Number(event.lngLat.lat.toFixed(6))]);
    });
    instance.on('mouseenter', 'points', () => {
      if (handlers.current.onSelect) instance.getCanvas().style.cursor = 'pointer';
    });
    instance.on('mouseleave', 'points', () => (instance.getCanvas().style.cursor = ''));
    instance.on('load', () => setReady(true));
    // Tells browser tests what is on screen: how many points are drawn, and the view's centre.
    instance.on('idle', () => {
      const drawn = new Set(
        instance.queryRenderedFeatures({ layers: ['points'] }).map((f) => String(f.properties.id)),
      );
      element.setAttribute('data-points-drawn', String(drawn.size));
      const c = instance.getCenter();
      element.setAttribute('data-center', `${c.lng.toFixed(6)},${c.lat.toFixed(6)}`);
    });
    map.current = instance;
    return () => {
      setReady(false);
      fitted.current = false;
      instance.remove();
      map.current = null;
    };
    // The map is created once; centre and zoom are only its starting view.
  }, []);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready) return;
    void instance.getSource<maplibregl.GeoJSONSource>(POINTS)?.setData({
      type: 'FeatureCollection',
      features: points.map((p) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: p.lonLat },
        properties: {
          id: p.id,
          ...(p.fill ? { fill: p.fill } : {}),
          ...(p.label ? { label: p.label } : {}),
        },
      })),
    });
    if (fit && !fitted.current && points.length > 0) {
      const bounds = new maplibregl.LngLatBounds();
      for (const p of points) bounds.extend(p.lonLat);
      instance.fitBounds(bounds, { padding: 32, animate: false, maxZoom: 12 });
      fitted.current = true;
    }
    instance.triggerRepaint();
  }, [points, ready, fit]);

  return (
    <div
      ref={container}
      className="map-view point-map"
      role="region"
      aria-label={ariaLabel}
      style={{ width: '100%', height, cursor: onPick ? 'crosshair' : undefined }}
      data-map-ready={ready ? 'true' : 'false'}
    />
  );
}
