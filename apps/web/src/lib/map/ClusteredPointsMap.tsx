import { useEffect, useRef, useState } from 'react';
import { LABEL_FONT, labelFontFaces, maplibregl } from './maplibre';

export interface PointCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: Record<string, unknown>;
  }[];
}

/** One layer of points on the map of now: events, incidents, cameras, sensors… */
export interface PointLayer {
  id: string;
  label: string;
  colour: string;
  data: PointCollection | undefined;
  /** The property saying how many items a point stands for (an event group: its events); 1 when absent. */
  weightProperty?: string;
  visible: boolean;
}

export interface ClusteredPointsMapProps {
  layers: PointLayer[];
  /** Unit boundaries (or schematic cells) drawn under the points. */
  outline?: { type: 'FeatureCollection'; features: unknown[] };
  ariaLabel: string;
  height?: number | string;
  onSelect?: (layerId: string, properties: Record<string, unknown>) => void;
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
const OUTLINE = 'outline';

function weightOf(layer: PointLayer): maplibregl.ExpressionSpecification {
  return layer.weightProperty ? ['coalesce', ['get', layer.weightProperty], 1] : ['literal', 1];
}

function addLayer(map: maplibregl.Map, layer: PointLayer): void {
  // Clusters sum the weights, so a cluster of event groups shows how many events it holds.
  map.addSource(layer.id, {
    type: 'geojson',
    data: EMPTY,
    cluster: true,
    clusterRadius: 48,
    clusterMaxZoom: 14,
    clusterProperties: { weight: ['+', weightOf(layer)] },
  });
  map.addLayer({
    id: `${layer.id}-clusters`,
    type: 'circle',
    source: layer.id,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': layer.colour,
      'circle-opacity': 0.85,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
      'circle-radius': ['step', ['get', 'weight'], 14, 10, 18, 100, 24, 1000, 30, 10000, 36],
    },
  });
  map.addLayer({
    id: `${layer.id}-cluster-count`,
    type: 'symbol',
    source: layer.id,
    filter: ['has', 'point_count'],
    layout: {
      'text-field': ['number-format', ['get', 'weight'], { locale: 'vi-VN' }],
      'text-font': [LABEL_FONT],
      'text-size': 12,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff' },
  });
  map.addLayer({
    id: `${layer.id}-points`,
    type: 'circle',
    source: layer.id,
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': layer.colour,
      'circle-radius': ['case', ['>', weightOf(layer), 1], 9, 6],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: `${layer.id}-point-count`,
    type: 'symbol',
    source: layer.id,
    filter: ['all', ['!', ['has', 'point_count']], ['>', weightOf(layer), 1]],
    layout: {
      'text-field': ['to-string', weightOf(layer)],
      'text-font': [LABEL_FONT],
      'text-size': 10,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff' },
  });
}

const LAYER_SUFFIXES = ['clusters', 'cluster-count', 'points', 'point-count'];

/** Sum of the weights of a layer's data: what its clusters add up to. */
export function totalWeight(layer: PointLayer): number {
  let total = 0;
  for (const f of layer.data?.features ?? []) {
    const w = layer.weightProperty ? Number(f.properties[layer.weightProperty] ?? 1) : 1;
    total += Number.isFinite(w) ? w : 1;
  }
  return total;
}

/**
 * Point layers clustered on the offline province map (background, unit outlines, no tiles). A
 * cluster shows the sum of its points' weights; a click on a cluster zooms in, a click on a point
 * calls onSelect. After drawing, `data-layer-totals` says what each visible layer holds.
 */
export function ClusteredPointsMap({
  layers,
  outline,
  ariaLabel,
  height = 520,
  onSelect,
}: ClusteredPointsMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const added = useRef(new Set<string>());
  /** The data last sent to each source: 100,000 points are not sent again for a visibility toggle. */
  const sent = useRef(new Map<string, PointCollection>());
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const fitted = useRef(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = new maplibregl.Map({
      container: element,
      style: {
        version: 8,
        'font-faces': labelFontFaces(),
        sources: { [OUTLINE]: { type: 'geojson', data: EMPTY } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
          {
            id: 'outline-fill',
            type: 'fill',
            source: OUTLINE,
            paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.7 },
          },
          {
            id: 'outline-line',
            type: 'line',
            source: OUTLINE,
            paint: { 'line-color': '#64748b', 'line-width': 1 },
          },
        ],
      },
      center: [106.9, 11.75],
      zoom: 8,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    instance.touchZoomRotate.disableRotation();
    instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.current = instance;
    instance.on('load', () => setReady(true));
    instance.on('click', (event) => {
      const ids = [...added.current].flatMap((id) => [`${id}-clusters`, `${id}-points`]);
      const [feature] = instance.queryRenderedFeatures(event.point, { layers: ids });
      if (!feature) return;
      const layerId = feature.layer.id.replace(/-(clusters|points)$/, '');
      if (feature.properties.cluster_id !== undefined) {
        const source = instance.getSource<maplibregl.GeoJSONSource>(layerId);
        void source?.getClusterExpansionZoom(Number(feature.properties.cluster_id)).then((zoom) =>
          instance.easeTo({
            center: (feature.geometry as { coordinates: [number, number] }).coordinates,
            zoom,
          }),
        );
      } else {
        onSelectRef.current?.(layerId, feature.properties as Record<string, unknown>);
      }
    });
    return () => {
      setReady(false);
      added.current = new Set();
      sent.current = new Map();
      fitted.current = false;
      instance.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready || !outline) return;
    void instance
      .getSource<maplibregl.GeoJSONSource>(OUTLINE)
      ?.setData(outline as Parameters<maplibregl.GeoJSONSource['setData']>[0]);
    if (!fitted.current) {
      const bounds = new maplibregl.LngLatBounds();
      const visit = (c: unknown): void => {
        if (!Array.isArray(c)) return;
        if (typeof c[0] === 'number' && typeof c[1] === 'number') bounds.extend([c[0], c[1]]);
        else for (const inner of c) visit(inner);
      };
      for (const f of outline.features)
        visit((f as { geometry?: { coordinates?: unknown } }).geometry?.coordinates);
      if (!bounds.isEmpty()) {
        instance.fitBounds(bounds, { padding: 24, animate: false });
        fitted.current = true;
      }
    }
  }, [outline, ready]);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready) return;
    for (const layer of layers) {
      if (!added.current.has(layer.id)) {
        addLayer(instance, layer);
        added.current.add(layer.id);
      }
      for (const suffix of LAYER_SUFFIXES) {
        instance.setLayoutProperty(`${layer.id}-${suffix}`, 'visibility', layer.visible ? 'visible' : 'none');
      }
      if (layer.data && sent.current.get(layer.id) !== layer.data) {
        sent.current.set(layer.id, layer.data);
        void instance
          .getSource<maplibregl.GeoJSONSource>(layer.id)
          ?.setData(layer.data as Parameters<maplibregl.GeoJSONSource['setData']>[0]);
      }
    }
    // Tells browser tests and benchmarks what the map holds once it has drawn it.
    const totals = Object.fromEntries(
      layers.filter((l) => l.visible && l.data).map((l) => [l.id, totalWeight(l)]),
    );
    instance.once('idle', () => container.current?.setAttribute('data-layer-totals', JSON.stringify(totals)));
    instance.triggerRepaint();
  }, [layers, ready]);

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
