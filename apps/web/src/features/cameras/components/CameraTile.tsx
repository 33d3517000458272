import { useState } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { HlsPlayer, type PlayerState } from '../../../lib/video/HlsPlayer';
import type { Camera } from '../api/camerasApi';
import { CameraStatusBadge } from './CameraStatusBadge';

/** One camera on the wall: its live picture, name, place, status; a click enlarges it. */
export function CameraTile({ camera, onOpen }: { camera: Camera; onOpen: (camera: Camera) => void }) {
  const { t, pick } = useI18n();
  const [state, setState] = useState<PlayerState>('loading');
  return (
    <article className="camera-tile" data-testid="camera-tile" data-code={camera.code} data-player={state}>
      <button
        type="button"
        className="camera-picture"
        onClick={() => onOpen(camera)}
        aria-label={t('cameras.enlarge', { name: camera.name })}
      >
        {camera.status === 'offline' ? (
          <span className="camera-placeholder">{t('cameras.noSignal')}</span>
        ) : (
          <HlsPlayer src={camera.streamUrl} title={camera.name} onState={setState} />
        )}
        {state === 'error' && camera.status !== 'offline' ? (
          <span className="camera-placeholder">{t('cameras.cannotPlay')}</span>
        ) : null}
      </button>
      <div className="camera-caption">
        <strong>{camera.name}</strong>
        <CameraStatusBadge status={camera.status} checkedAt={camera.statusCheckedAt} />
        <small>
          {camera.code} · {t(`cameras.type.${camera.type}`)}
          {camera.unitName ? ` · ${pick({ name: camera.unitName })}` : ''}
        </small>
      </div>
    </article>
  );
}
