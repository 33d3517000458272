import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import {
  ClusteredPointsMap,
  type ClusterCollection,
  type MapViewport,
  type PointLayer,
} from '../../../lib/map/ClusteredPointsMap';
import { mapUrls, type MapUnitCollection } from '../../map/api/mapApi';
import type { OperationsFilters } from '../api/operationsApi';
import { OPERATIONS_LAYERS, type OperationsLayerDefinition } from '../operationsLayers';

/** Fetches one layer's clusters for the viewport (refetched live with the operator screen) and hands them up. */
function LayerData({
  layer,
  filters,
  viewport,
  onData,
}: {
  layer: OperationsLayerDefinition;
  filters: OperationsFilters;
  viewport: MapViewport;
  onData: (id: string, data: ClusterCollection) => void;
}) {
  const { data } = useApi<ClusterCollection>(layer.url(filters, viewport), { keepPrevious: true });
  useEffect(() => {
    if (data) onData(layer.id, data);
  }, [data, layer.id, onData]);
  return null;
}

/** The map of now: every layer of OPERATIONS_LAYERS clustered over the province's districts, each switchable and counted. */
export function OperationsMap({
  filters,
  onOpenIncident,
  height,
}: {
  filters: OperationsFilters;
  onOpenIncident: (id: string) => void;
  height?: number | string;
}) {
  const { t, num } = useI18n();
  const outline = useApi<MapUnitCollection>(mapUrls.units({ level: 'district' }));
  const [data, setData] = useState<Record<string, ClusterCollection>>({});
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [viewport, setViewport] = useState<MapViewport | null>(null);
  const onData = useCallback(
    (id: string, d: ClusterCollection) => setData((all) => ({ ...all, [id]: d })),
    [],
  );
  const layers: PointLayer[] = useMemo(
    () =>
      OPERATIONS_LAYERS.map((l) => ({
        id: l.id,
        label: t(l.labelKey),
        colour: l.colour,
        data: data[l.id],
        visible: !hidden.has(l.id),
      })),
    [data, hidden, t],
  );
  return (
    <div className="ops-map">
      {viewport
        ? OPERATIONS_LAYERS.map((l) => (
            <LayerData key={l.id} layer={l} filters={filters} viewport={viewport} onData={onData} />
          ))
        : null}
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
            {data[l.id] ? ` (${num(data[l.id]!.total.weight, 0)})` : ''}
          </label>
        ))}
      </fieldset>
      <ClusteredPointsMap
        layers={layers}
        outline={outline.data}
        ariaLabel={t('ops.map.label')}
        height={height}
        onViewportChange={setViewport}
        onSelect={(layerId, properties) => {
          const id = layerId === 'incidents' ? properties.id : properties.incidentId;
          if (typeof id === 'string' && id) onOpenIncident(id);
        }}
      />
    </div>
  );
}
