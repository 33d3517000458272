import { buildUrl } from '../../../lib/api/http';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';

interface NearbyCamera {
  code: string;
  name: string;
  type: string;
  status: string;
  streamUrl: string | null;
  distanceM: number;
}

const RADIUS_M = 2000;

/** Cameras within 2 km of the incident, from the camera registry (`/api/v1/cameras/nearby`). */
export function NearbyCameras({ lon, lat }: { lon: number | null; lat: number | null }) {
  const { t, num } = useI18n();
  const { data, error } = useApi<{ cameras: NearbyCamera[] }>(
    lon === null || lat === null ? null : buildUrl('/api/v1/cameras/nearby', { lon, lat, radiusM: RADIUS_M }),
  );
  if (lon === null || lat === null || error) return <p className="muted">{t('ops.cameras.unavailable')}</p>;
  const cameras = data?.cameras ?? [];
  if (data && cameras.length === 0) return <p className="muted">{t('ops.cameras.none')}</p>;
  return (
    <ul className="ops-cameras" data-testid="nearby-cameras">
      {cameras.map((c) => (
        <li key={c.code}>
          <strong>{c.name}</strong>{' '}
          <span className="muted small">
            ({c.code} · {num(c.distanceM, 0)} m · {c.status})
          </span>
        </li>
      ))}
    </ul>
  );
}
