import { useEffect, useRef, useState } from 'react';
import { createOfflineMap, LABEL_FONT, maplibregl } from './maplibre';

/**
 * One layer's points on screen, already clustered by the server (see the `/clusters` endpoints):
 * a feature with `cluster: true` stands for `count` points weighing `weight` together; any other is
 * one point with its own properties. `total` is the whole layer, on screen or not.
 */
export interface ClusterCollection {
  type: 'FeatureCollection';
  total: { count: number; weight: number };
  features: {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: Record<string, unknown> & { count: number; weight: number; cluster?: boolean };
  }[];
}

/** The part of the map on screen, as the `/clusters` endpoints take it. */
export interface MapViewport {
  zoom: number;
  /** west,south,east,north in degrees, a little wider than the screen. */
  bbox: string;
}

/** One layer of points on the map of now: events, incidents, cameras, sensors… */
export interface PointLayer {
  id: string;
  label: string;
  colour: string;
  data: ClusterCollection | undefined;
  visible: boolean;
}

export interface ClusteredPointsMapProps {
  layers: PointLayer[];
  /** Unit boundaries (or schematic cells) drawn under the points. */
  outline?: { type: 'FeatureCollection'; features: unknown[] };
  ariaLabel: string;
  height?: number | string;
  onSelect?: (layerId: string, properties: Record<string, unknown>) => void;
  /** Called once the map is placed and after every move: the layers refetch their clusters for it. */
  onViewportChange: (viewport: MapViewport) => void;
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
const OUTLINE = 'outline';

const IS_CLUSTER: maplibregl.ExpressionSpecification = ['==', ['get', 'cluster'], true];

function addLayer(map: maplibregl.Map, layer: PointLayer): void {
  map.addSource(layer.id, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: `${layer.id}-clusters`,
    type: 'circle',
    source: layer.id,
    filter: IS_CLUSTER,
    paint: {
      'circle-color': layer.colour,
      'circle-opacity': 0.85,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
      'circle-radius': ['step', ['get', 'weight'], 14, 10, 18, 100, 24, 1000, 30, 10000, 36],
    },
  });
  map.addLayer({
    id: `${layer.id}-points`,
    type: 'circle',
    source: layer.id,
    filter: ['!', IS_CLUSTER],
    paint: {
      'circle-color': layer.colour,
      'circle-radius': ['case', ['>', ['get', 'weight'], 1], 9, 6],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  // A cluster shows the sum of its weights (a cluster of event groups: its events), a point its own when above 1.
  map.addLayer({
    id: `${layer.id}-count`,
    type: 'symbol',
    source: layer.id,
    filter: ['any', IS_CLUSTER, ['>', ['get', 'weight'], 1]],
    layout: {
      'text-field': ['number-format', ['get', 'weight'], { locale: 'vi-VN' }],
      'text-font': [LABEL_FONT],
      'text-size': ['case', IS_CLUSTER, 12, 10],
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff' },
  });
}

const LAYER_SUFFIXES = ['clusters', 'points', 'count'];

/**
 * What the map draws of a collection, independent of the features' order and of the last digits of
 * their positions (a screen that added a live point computes its cell's mean a little differently).
 */
function drawingKey(data: ClusterCollection): string {
  return data.features
    .map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      return `${lon.toFixed(6)},${lat.toFixed(6)} ${JSON.stringify(f.properties)}`;
    })
    .sort()
    .join('\n');
}

/** The screen's bounds widened by half a screen each way, so a small pan needs no refetch to look whole. */
function viewportOf(map: maplibregl.Map): MapViewport {
  const b = map.getBounds();
  const w = b.getEast() - b.getWest();
  const h = b.getNorth() - b.getSouth();
  const round = (x: number) => Number(x.toFixed(4));
  const bbox = [
    Math.max(-180, b.getWest() - w / 2),
    Math.max(-90, b.getSouth() - h / 2),
    Math.min(180, b.getEast() + w / 2),
    Math.min(90, b.getNorth() + h / 2),
  ].map(round);
  return { zoom: Math.floor(map.getZoom()), bbox: bbox.join(',') };
}

/**
 * Point layers on the offline province map (background, unit outlines, no tiles), as the server
 * clustered them for the viewport this map reports (so 100,000 points cost the browser a few
 * hundred features). A cluster shows the sum of its points' weights; a click on a cluster zooms
 * in, a click on a point calls onSelect. After drawing, `data-layer-totals` says what each visible
 * layer holds in all (its `total` weight).
 */
export function ClusteredPointsMap({
  layers,
  outline,
  ariaLabel,
  height = 520,
  onSelect,
  onViewportChange,
}: ClusteredPointsMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const added = useRef(new Set<string>());
  /**
   * The data last sent to each source (drawingKey): a refetch that brings the same clusters (another
   * layer changed, a visibility toggle, the exact answer after a live message) is not drawn again,
   * so the layer that changed draws sooner.
   */
  const sent = useRef(new Map<string, string>());
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const onViewportRef = useRef(onViewportChange);
  onViewportRef.current = onViewportChange;
  const fitted = useRef(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = createOfflineMap(element, {
      sources: { [OUTLINE]: { type: 'geojson', data: EMPTY } },
      layers: [
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
    });
    map.current = instance;
    instance.on('load', () => {
      setReady(true);
      onViewportRef.current(viewportOf(instance));
    });
    instance.on('moveend', () => onViewportRef.current(viewportOf(instance)));
    instance.on('click', (event) => {
      const ids = [...added.current].flatMap((id) => [`${id}-clusters`, `${id}-points`]);
      const [feature] = instance.queryRenderedFeatures(event.point, { layers: ids });
      if (!feature) return;
      const layerId = feature.layer.id.replace(/-(clusters|points)$/, '');
      if (feature.properties.cluster === true) {
        instance.easeTo({
          center: (feature.geometry as { coordinates: [number, number] }).coordinates,
          zoom: instance.getZoom() + 2,
        });
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
      const json = layer.data ? drawingKey(layer.data) : undefined;
      if (layer.data && json !== undefined && sent.current.get(layer.id) !== json) {
        sent.current.set(layer.id, json);
        void instance
          .getSource<maplibregl.GeoJSONSource>(layer.id)
          ?.setData(layer.data as Parameters<maplibregl.GeoJSONSource['setData']>[0]);
      }
    }
    // Tells browser tests and benchmarks what the map holds once it has drawn it.
    const totals = Object.fromEntries(
      layers.filter((l) => l.visible && l.data).map((l) => [l.id, l.data!.total.weight]),
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
