import { useEffect, useRef, useState } from 'react';
import { maplibregl } from './maplibre';

export interface MapPoint {
  id: string;
  lonLat: [number, number];
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
}

const POINTS = 'points';
const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/**
 * Points on an offline basemap (a plain background, no tiles): published reports, or
 * the place a citizen picks by clicking. The map's state is written to data attributes so browser
 * tests can click a known place.
 */
export function PointMap({
  points,
  ariaLabel,
  onPick,
  onSelect,
  height = 360,
  center = [106.9, 11.75],
  zoom = 8,
}: PointMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const handlers = useRef({ onPick, onSelect });
  handlers.current = { onPick, onSelect };

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = new maplibregl.Map({
      container: element,
      style: {
        version: 8,
        sources: {
          [POINTS]: { type: 'geojson', data: EMPTY },
        },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
          {
            id: 'points',
            type: 'circle',
            source: POINTS,
            paint: {
              'circle-radius': 7,
              'circle-color': '#c2410c',
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 2,
            },
          },
        ],
      },
      center,
      zoom,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    instance.touchZoomRotate.disableRotation();
    instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    instance.on('click', (event) => {
      const hit = instance.queryRenderedFeatures(event.point, { layers: ['points'] })[0];
      if (hit && handlers.current.onSelect) {
        handlers.current.onSelect(String(hit.properties.id));
        return;
      }
      handlers.current.onPick?.([Number(event.lngLat.lng.toFixed(6)), Number(event.lngLat.lat.toFixed(6))]);
    });
    instance.on('load', () => setReady(true));
    // Tells browser tests what is on screen: how many points are drawn, and the view's centre.
    instance.on('idle', () => {
      element.setAttribute(
        'data-points-drawn',
        String(instance.queryRenderedFeatures({ layers: ['points'] }).length),
      );
      const c = instance.getCenter();
      element.setAttribute('data-center', `${c.lng.toFixed(6)},${c.lat.toFixed(6)}`);
    });
    map.current = instance;
    return () => {
      setReady(false);
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
        properties: { id: p.id },
      })),
    });
    instance.triggerRepaint();
  }, [points, ready]);

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
