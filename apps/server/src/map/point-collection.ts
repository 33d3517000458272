/** A GeoJSON FeatureCollection of points for a map layer; items without a location are left out. */
export function pointCollection(
  items: Array<{ lon: number | null; lat: number | null; properties: Record<string, unknown> }>,
) {
  return {
    type: 'FeatureCollection' as const,
    features: items.flatMap((item) =>
      item.lon === null || item.lat === null
        ? []
        : [
            {
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: [item.lon, item.lat] },
              properties: item.properties,
            },
          ],
    ),
  };
}
