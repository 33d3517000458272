/**
 * MapLibre set up for a closed network: the worker comes from our own bundle (MapLibre 6 is
 * ESM-only and Vite serves its worker through a `?url` import), the style has only a background
 * and GeoJSON sources (no tiles), and labels are drawn with the bundled Be Vietnam Pro through the
 * style's `font-faces` (no glyph server). Only this folder imports maplibre-gl.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import latin from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-500-normal.woff2?url';
import latinExt from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-ext-500-normal.woff2?url';
import vietnamese from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-500-normal.woff2?url';

maplibregl.setWorkerUrl(workerUrl);

export const LABEL_FONT = 'Be Vietnam Pro Medium';

const absolute = (url: string) => new URL(url, window.location.href).href;

/** The unicode ranges of the @fontsource subsets, so each file serves only the letters it has. */
export function labelFontFaces(): maplibregl.StyleSpecification['font-faces'] {
  return {
    [LABEL_FONT]: [
      {
        url: absolute(vietnamese),
        'unicode-range': [
          'U+0102-0103',
          'U+0110-0111',
          'U+0128-0129',
          'U+0168-0169',
          'U+01A0-01A1',
          'U+01AF-01B0',
          'U+0300-0301',
          'U+0303-0304',
          'U+0308-0309',
          'U+0323',
          'U+0329',
          'U+1EA0-1EF9',
          'U+20AB',
        ],
      },
      { url: absolute(latinExt), 'unicode-range': ['U+0100-02BA', 'U+1E00-1E9F', 'U+20A0-20C0'] },
      { url: absolute(latin), 'unicode-range': ['U+0000-00FF', 'U+2000-206F', 'U+2212'] },
    ],
  };
}

/**
 * A flat province map on a plain background (light unless given), offline: the given GeoJSON sources and layers drawn
 * over it, labels in the bundled font, no rotation or tilt, zoom buttons top right.
 */
export function createOfflineMap(
  container: HTMLElement,
  {
    sources,
    layers,
    center = [106.9, 11.75],
    zoom = 8,
    background = '#eef2f6',
  }: {
    background?: string;
    sources: maplibregl.StyleSpecification['sources'];
    layers: maplibregl.LayerSpecification[];
    center?: [number, number];
    zoom?: number;
  },
): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      'font-faces': labelFontFaces(),
      sources,
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': background } },
        ...layers,
      ],
    },
    center,
    zoom,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    fadeDuration: 0,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  return map;
}

export { maplibregl };
