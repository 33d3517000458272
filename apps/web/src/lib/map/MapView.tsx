import { useEffect, useRef, useState } from 'react';
import { geometryCentroid } from '@ioc/shared';
import { createOfflineMap, LABEL_FONT, maplibregl } from './maplibre';

/** Properties every feature handed to the map carries (the caller computes colour and label). */
export interface MapFeatureProperties {
  code: string;
  /** Fill colour, CSS hex. */
  fill: string;
  /** Text drawn on the unit (name, value). */
  label: string;
  /** A placeholder cell rather than the real boundary: drawn with a dashed outline. */
  schematic: boolean;
}

export interface MapFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id?: string | number;
    geometry: { type: string; coordinates: unknown };
    properties: MapFeatureProperties;
  }[];
}

export interface MapViewProps {
  data: MapFeatureCollection;
  /** Refit the view when this changes (another set of units), not on a mere recolour. */
  fitKey: string;
  ariaLabel: string;
  onSelect?: (code: string) => void;
  onHover?: (code: string | null) => void;
  dark?: boolean;
  height?: number | string;
  /** Larger labels (video wall). */
  labelSize?: number;
  /** Names what is drawn (indicator, period…); written to `data-map-drawn` once the map has drawn it. */
  drawKey?: string;
}

const SOURCE = 'units';
const LABELS = 'unit-labels';
const NO_FILL = '#d3d8df';
const EMPTY = { type: 'FeatureCollection' as const, features: [] };

function boundsOf(data: MapFeatureCollection): maplibregl.LngLatBounds | null {
  const bounds = new maplibregl.LngLatBounds();
  let any = false;
  const visit = (coordinates: unknown): void => {
    if (!Array.isArray(coordinates)) return;
    if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
      bounds.extend([coordinates[0], coordinates[1]]);
      any = true;
      return;
    }
    for (const inner of coordinates) visit(inner);
  };
  for (const feature of data.features) visit(feature.geometry.coordinates);
  return any ? bounds : null;
}

function buildStyle(dark: boolean, labelSize: number): Parameters<typeof createOfflineMap>[1] {
  return {
    background: dark ? '#0b1220' : '#eef2f6',
    sources: {
      // Shapes are sent to the worker once per set of units; recolouring only sets feature state.
      [SOURCE]: { type: 'geojson', data: EMPTY, promoteId: 'code' },
      // Labels are points, cheap to replace when the figures change.
      [LABELS]: { type: 'geojson', data: EMPTY },
    },
    layers: [
      {
        id: 'units-fill',
        type: 'fill',
        source: SOURCE,
        paint: {
          'fill-color': ['coalesce', ['feature-state', 'fill'], NO_FILL],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0.88],
        },
      },
      {
        id: 'units-line',
        type: 'line',
        source: SOURCE,
        filter: ['!', ['get', 'schematic']],
        paint: { 'line-color': dark ? '#0b1220' : '#ffffff', 'line-width': 1.2 },
      },
      {
        id: 'units-line-schematic',
        type: 'line',
        source: SOURCE,
        filter: ['get', 'schematic'],
        paint: {
          'line-color': dark ? '#cbd5e1' : '#334155',
          'line-width': 1,
          'line-dasharray': [3, 2],
        },
      },
      {
        id: 'units-hover',
        type: 'line',
        source: SOURCE,
        paint: {
          'line-color': dark ? '#ffffff' : '#0f172a',
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 3, 0],
        },
      },
      {
        id: 'units-label',
        type: 'symbol',
        source: LABELS,
        layout: {
          'text-field': ['get', 'label'],
          'text-font': [LABEL_FONT],
          'text-size': labelSize,
          'text-max-width': 8,
          'text-padding': 1,
        },
        paint: {
          'text-color': dark ? '#f8fafc' : '#0f172a',
          'text-halo-color': dark ? 'rgba(11,18,32,0.85)' : 'rgba(255,255,255,0.9)',
          'text-halo-width': 1.5,
        },
      },
    ],
  };
}

/**
 * A choropleth of units on an offline basemap (background only). Clicking a unit calls onSelect
 * with its code; the caller must also offer the units as a list for keyboard users.
 */
export function MapView({
  data,
  fitKey,
  ariaLabel,
  onSelect,
  onHover,
  dark = false,
  height = 480,
  labelSize = 12,
  drawKey = '',
}: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const handlers = useRef({ onSelect, onHover });
  handlers.current = { onSelect, onHover };
  const fitted = useRef<string | null>(null);
  const shapesKey = useRef<string | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = createOfflineMap(element, buildStyle(dark, labelSize));
    map.current = instance;
    let hovered: string | number | undefined;
    const setHover = (id: string | number | undefined) => {
      if (hovered !== undefined) instance.setFeatureState({ source: SOURCE, id: hovered }, { hover: false });
      hovered = id;
      if (id !== undefined) instance.setFeatureState({ source: SOURCE, id }, { hover: true });
    };
    instance.on('mousemove', 'units-fill', (event) => {
      const feature = event.features?.[0];
      instance.getCanvas().style.cursor = 'pointer';
      if (feature?.id !== hovered) {
        setHover(feature?.id);
        handlers.current.onHover?.(feature ? String(feature.properties.code) : null);
      }
    });
    instance.on('mouseleave', 'units-fill', () => {
      instance.getCanvas().style.cursor = '';
      setHover(undefined);
      handlers.current.onHover?.(null);
    });
    instance.on('click', 'units-fill', (event) => {
      const code = event.features?.[0]?.properties.code;
      if (code !== undefined) handlers.current.onSelect?.(String(code));
    });
    instance.on('load', () => setReady(true));
    return () => {
      setReady(false);
      fitted.current = null;
      shapesKey.current = null;
      instance.remove();
      map.current = null;
    };
  }, [dark, labelSize]);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready) return;
    const codes = data.features.map((f) => f.properties.code).join(',');
    if (shapesKey.current !== `${fitKey}|${codes}`) {
      shapesKey.current = `${fitKey}|${codes}`;
      const shapes = {
        type: 'FeatureCollection',
        features: data.features.map((f) => ({
          type: 'Feature',
          geometry: f.geometry,
          properties: { code: f.properties.code, schematic: f.properties.schematic },
        })),
      };
      void instance
        .getSource<maplibregl.GeoJSONSource>(SOURCE)
        ?.setData(shapes as Parameters<maplibregl.GeoJSONSource['setData']>[0]);
    }
    for (const f of data.features) {
      instance.setFeatureState({ source: SOURCE, id: f.properties.code }, { fill: f.properties.fill });
    }
    const labels = {
      type: 'FeatureCollection',
      features: data.features.flatMap((f) => {
        const at = geometryCentroid(f.geometry);
        return at
          ? [
              {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: at },
                properties: { label: f.properties.label },
              },
            ]
          : [];
      }),
    };
    void instance
      .getSource<maplibregl.GeoJSONSource>(LABELS)
      ?.setData(labels as Parameters<maplibregl.GeoJSONSource['setData']>[0]);
    if (fitted.current !== fitKey) {
      const bounds = boundsOf(data);
      if (bounds) {
        instance.fitBounds(bounds, { padding: 24, animate: false });
        fitted.current = fitKey;
      }
    }
    // Tells browser tests and benchmarks what the map has actually drawn: which data, how many
    // units made it to the screen, and where each unit sits (to click it without guessing).
    instance.once('idle', () => {
      const element = container.current;
      if (!element) return;
      const rendered = instance.queryRenderedFeatures({ layers: ['units-fill'] });
      const drawn = new Set(rendered.map((f) => String(f.properties.code)));
      const anchors: Record<string, [number, number]> = {};
      for (const feature of data.features) {
        const at = geometryCentroid(feature.geometry);
        if (!at) continue;
        const point = instance.project(at);
        anchors[feature.properties.code] = [Math.round(point.x), Math.round(point.y)];
      }
      element.setAttribute('data-rendered-units', String(drawn.size));
      element.setAttribute('data-unit-anchors', JSON.stringify(anchors));
      element.setAttribute('data-map-drawn', drawKey);
    });
    instance.triggerRepaint();
  }, [data, fitKey, ready, drawKey]);

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
