import { CAMERA_STATUSES, CAMERA_TYPES } from '@ioc/shared';
import { useMemo, useState } from 'react';
import { requestJson } from '../../../lib/api/http';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { FeatureMap } from '../../../lib/map/FeatureMap';
import { useQueryState } from '../../../lib/router/useQueryState';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { SegmentedControl } from '../../../ui/SegmentedControl';
import { SelectField } from '../../../ui/SelectField';
import { useUnits } from '../../catalogue/hooks/useUnits';
import { useDistrictLabels } from '../../catalogue/hooks/useDistrictLabels';
import { useLiveUpdates } from '../../live/hooks/useLiveUpdates';
import {
  camerasUrls,
  STATUS_COLOURS,
  type Camera,
  type CameraCollection,
  type CameraFilter,
  type CameraPage,
} from '../api/camerasApi';
import { CameraDialog } from './CameraDialog';
import { CameraTile } from './CameraTile';

const PAGE_SIZE = 12;

/**
 * The camera wall: live pictures in a grid (or the cameras on the map), filtered by unit, type and
 * status, a page at a time; the filters live in the URL so a wall layout can be bookmarked.
 * Status changes from the health checks arrive live.
 */
export function CameraWall() {
  const { t, pick } = useI18n();
  useLiveUpdates();
  const { query, setQuery } = useQueryState();
  const filter: CameraFilter = {
    unit: query.get('unit') ?? undefined,
    type: query.get('type') ?? undefined,
    status: query.get('status') ?? undefined,
  };
  const view = query.get('view') === 'map' ? 'map' : 'grid';
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const { units } = useUnits({ level: 'district' });
  const [open, setOpen] = useState<Camera | null>(null);

  const list = useApi<CameraPage>(view === 'grid' ? camerasUrls.page(filter, page, PAGE_SIZE) : null, {
    keepPrevious: true,
  });
  const geo = useApi<CameraCollection>(view === 'map' ? camerasUrls.geojson(filter) : null);
  const points = useMemo(
    () =>
      geo.data?.features.map((f) => ({
        id: f.properties.code,
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
        colour: STATUS_COLOURS[f.properties.status],
      })) ?? [],
    [geo.data],
  );
  const labels = useDistrictLabels();
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const setFilter = (patch: Record<string, string>) => setQuery({ ...patch, page: null });

  return (
    <div className="camera-wall">
      <div className="toolbar" role="search">
        <SelectField
          label={t('common.unit')}
          value={filter.unit ?? ''}
          onChange={(unit) => setFilter({ unit })}
          options={[
            { value: '', label: t('cameras.allUnits') },
            ...(units ?? []).map((u) => ({ value: u.code, label: pick(u) })),
          ]}
        />
        <SelectField
          label={t('cameras.typeLabel')}
          value={filter.type ?? ''}
          onChange={(type) => setFilter({ type })}
          options={[
            { value: '', label: t('cameras.allTypes') },
            ...CAMERA_TYPES.map((type) => ({ value: type, label: t(`cameras.type.${type}`) })),
          ]}
        />
        <SelectField
          label={t('cameras.statusLabel')}
          value={filter.status ?? ''}
          onChange={(status) => setFilter({ status })}
          options={[
            { value: '', label: t('cameras.allStatuses') },
            ...CAMERA_STATUSES.map((status) => ({ value: status, label: t(`cameras.status.${status}`) })),
          ]}
        />
        <SegmentedControl
          label={t('cameras.view')}
          name="camera-view"
          value={view}
          onChange={(v) => setQuery({ view: v === 'map' ? 'map' : null })}
          segments={[
            { value: 'grid', label: t('cameras.grid') },
            { value: 'map', label: t('cameras.map') },
          ]}
        />
      </div>

      {view === 'grid' ? (
        list.error && !list.data ? (
          <ErrorMessage error={list.error} />
        ) : !list.data ? (
          <Loading />
        ) : (
          <>
            <p className="camera-count" data-testid="camera-count">
              {t('cameras.count', { count: list.data.total })}
            </p>
            {list.data.items.length === 0 ? (
              <p>{t('cameras.none')}</p>
            ) : (
              <div className="camera-grid">
                {list.data.items.map((camera) => (
                  <CameraTile key={camera.code} camera={camera} onOpen={setOpen} />
                ))}
              </div>
            )}
            <nav className="pager" aria-label={t('cameras.pages')}>
              <button
                type="button"
                className="button-secondary"
                disabled={page <= 1}
                onClick={() => setQuery({ page: page - 1 })}
              >
                {t('cameras.previous')}
              </button>
              <span>{t('cameras.pageOf', { page, pages })}</span>
              <button
                type="button"
                className="button-secondary"
                disabled={page >= pages}
                onClick={() => setQuery({ page: page + 1 })}
              >
                {t('cameras.next')}
              </button>
            </nav>
          </>
        )
      ) : geo.error ? (
        <ErrorMessage error={geo.error} />
      ) : (
        <>
          <p className="camera-count">{t('cameras.count', { count: points.length })}</p>
          <FeatureMap
            ariaLabel={t('cameras.mapLabel')}
            points={points}
            labels={labels}
            height={600}
            drawKey={geo.data ? `cameras|${points.length}` : ''}
            onSelectPoint={(code) =>
              void requestJson<Camera>(`/api/v1/cameras/${encodeURIComponent(code)}`).then(setOpen)
            }
          />
        </>
      )}
      {open ? <CameraDialog camera={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
