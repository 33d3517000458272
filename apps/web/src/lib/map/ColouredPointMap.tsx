import { useEffect, useRef, useState } from 'react';
import { LABEL_FONT, labelFontFaces, maplibregl } from './maplibre';

export interface ColouredPoint {
  code: string;
  lon: number;
  lat: number;
  /** Circle colour, CSS hex. */
  fill: string;
  label: string;
}

const SOURCE = 'points';

/**
 * Points (sensors, stations) on the offline basemap, coloured by the caller; clicking one calls
 * onSelect with its code. The caller also lists the points for keyboard users.
 */
export function ColouredPointMap({
  points,
  ariaLabel,
  onSelect,
  height = 480,
}: {
  points: ColouredPoint[];
  ariaLabel: string;
  onSelect?: (code: string) => void;
  height?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const select = useRef(onSelect);
  select.current = onSelect;
  const fitted = useRef(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = new maplibregl.Map({
      container: element,
      style: {
        version: 8,
        'font-faces': labelFontFaces(),
        sources: { [SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
          {
            id: 'points',
            type: 'circle',
            source: SOURCE,
            paint: {
              'circle-radius': 7,
              'circle-color': ['get', 'fill'],
              'circle-stroke-color': '#0f172a',
              'circle-stroke-width': 1,
            },
          },
          {
            id: 'point-labels',
            type: 'symbol',
            source: SOURCE,
            minzoom: 9,
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
      },
      center: [106.9, 11.75],
      zoom: 8,
      attributionControl: false,
      dragRotate: false,
      fadeDuration: 0,
    });
    instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    instance.on('click', 'points', (event) => {
      const code = event.features?.[0]?.properties.code;
      if (code !== undefined) select.current?.(String(code));
    });
    instance.on('mouseenter', 'points', () => (instance.getCanvas().style.cursor = 'pointer'));
    instance.on('mouseleave', 'points', () => (instance.getCanvas().style.cursor = ''));
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
    void instance.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData({
      type: 'FeatureCollection',
      features: points.map((p) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { code: p.code, fill: p.fill, label: p.label },
      })),
    });
    if (!fitted.current && points.length > 0) {
      const bounds = new maplibregl.LngLatBounds();
      for (const p of points) bounds.extend([p.lon, p.lat]);
      instance.fitBounds(bounds, { padding: 32, animate: false, maxZoom: 12 });
      fitted.current = true;
    }
    instance.once('idle', () =>
      container.current?.setAttribute('data-rendered-points', String(points.length)),
    );
  }, [points, ready]);

  return (
    <div
      ref={container}
      className="map-view"
      role="region"
      aria-label={ariaLabel}
      style={{ width: '100%', height }}
      data-map-ready={ready ? 'true' : 'false'}
    />
  );
}
