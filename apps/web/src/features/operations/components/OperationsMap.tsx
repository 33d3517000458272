import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import {
  ClusteredPointsMap,
  type PointCollection,
  type PointLayer,
} from '../../../lib/map/ClusteredPointsMap';
import { subscribeToTopic } from '../../live/liveStore';
import { mapUrls, type MapUnitCollection } from '../../map/api/mapApi';
import type { OperationsFilters } from '../api/operationsApi';
import { OPERATIONS_LAYERS, type OperationsLayerDefinition } from '../operationsLayers';

/** Fetches one layer's points (refetched live with the operator screen) and hands them up. */
function LayerData({
  layer,
  filters,
  onData,
}: {
  layer: OperationsLayerDefinition;
  filters: OperationsFilters;
  onData: (
    id: string,
    data: PointCollection | ((current: PointCollection | undefined) => PointCollection),
  ) => void;
}) {
  const { data } = useApi<PointCollection>(layer.url(filters), { keepPrevious: true });
  useEffect(() => {
    if (data) onData(layer.id, data);
  }, [data, layer.id, onData]);
  // A live message moves or adds its point at once (unfiltered views only); the refetch follows.
  const isFiltered = Object.values(filters).some(Boolean);
  useEffect(() => {
    if (!layer.liveTopic || isFiltered) return;
    return subscribeToTopic(layer.liveTopic, (message) => {
      const item = message as Record<string, unknown> & {
        id: string;
        lon: number | null;
        lat: number | null;
      };
      if (item.lon === null || item.lat === null) return;
      onData(layer.id, (current) => {
        const features = (current?.features ?? []).filter((f) => f.properties.id !== item.id);
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [item.lon!, item.lat!] },
          properties: item,
        });
        return { type: 'FeatureCollection', features };
      });
    });
  }, [layer.liveTopic, layer.id, isFiltered, onData]);
  return null;
}

/** The map of now: every layer of OPERATIONS_LAYERS clustered over the province's districts, each switchable. */
export function OperationsMap({
  filters,
  onOpenIncident,
  height,
}: {
  filters: OperationsFilters;
  onOpenIncident: (id: string) => void;
  height?: number | string;
}) {
  const { t } = useI18n();
  const outline = useApi<MapUnitCollection>(mapUrls.units({ level: 'district' }));
  const [data, setData] = useState<Record<string, PointCollection>>({});
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const onData = useMemo(
    () => (id: string, d: PointCollection | ((current: PointCollection | undefined) => PointCollection)) =>
      setData((all) => ({ ...all, [id]: typeof d === 'function' ? d(all[id]) : d })),
    [],
  );
  const layers: PointLayer[] = useMemo(
    () =>
      OPERATIONS_LAYERS.map((l) => ({
        id: l.id,
        label: t(l.labelKey),
        colour: l.colour,
        data: data[l.id],
        weightProperty: l.weightProperty,
        visible: !hidden.has(l.id),
      })),
    [data, hidden, t],
  );
  return (
    <div className="ops-map">
      {OPERATIONS_LAYERS.map((l) => (
        <LayerData key={l.id} layer={l} filters={filters} onData={onData} />
      ))}
      <fieldset className="ops-layers">
        <legend>{t('ops.map.layers')}</legend>
        {OPERATIONS_LAYERS.map((l) => (
          <label key={l.id}>
            <input
              type="checkbox"
              checked={!hidden.has(l.id)}
              onChange={() =>
                setHidden((h) => {
                  const next = new Set(h);
                  if (next.has(l.id)) next.delete(l.id);
                  else next.add(l.id);
                  return next;
                })
              }
            />{' '}
            <span className="ops-dot" style={{ background: l.colour }} aria-hidden="true" /> {t(l.labelKey)}
          </label>
        ))}
      </fieldset>
      <ClusteredPointsMap
        layers={layers}
        outline={outline.data}
        ariaLabel={t('ops.map.label')}
        height={height}
        onSelect={(layerId, properties) => {
          const id = layerId === 'incidents' ? properties.id : properties.incidentId;
          if (typeof id === 'string' && id) onOpenIncident(id);
        }}
      />
    </div>
  );
}
