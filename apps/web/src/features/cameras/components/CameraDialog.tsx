import { useEffect, useRef } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { HlsPlayer } from '../../../lib/video/HlsPlayer';
import type { Camera } from '../api/camerasApi';
import { CameraStatusBadge } from './CameraStatusBadge';

/** One camera enlarged in a modal dialog (Escape or the button closes it). */
export function CameraDialog({ camera, onClose }: { camera: Camera; onClose: () => void }) {
  const { t, num } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="camera-dialog"
      onClose={onClose}
      aria-label={camera.name}
      data-testid="camera-dialog"
    >
      <header className="card-header">
        <h2 className="card-title">{camera.name}</h2>
        <button type="button" className="button-secondary" onClick={() => dialog.current?.close()}>
          {t('cameras.close')}
        </button>
      </header>
      <HlsPlayer src={camera.streamUrl} title={camera.name} controls className="camera-dialog-video" />
      <dl className="camera-facts">
        <dt>{t('cameras.code')}</dt>
        <dd>{camera.code}</dd>
        <dt>{t('cameras.statusLabel')}</dt>
        <dd>
          <CameraStatusBadge status={camera.status} checkedAt={camera.statusCheckedAt} />
        </dd>
        <dt>{t('common.unit')}</dt>
        <dd>{camera.unitName ?? '—'}</dd>
        <dt>{t('cameras.owner')}</dt>
        <dd>{camera.ownerName ?? '—'}</dd>
        <dt>{t('cameras.position')}</dt>
        <dd>
          {num(camera.lat, 5)}, {num(camera.lon, 5)}
        </dd>
      </dl>
    </dialog>
  );
}
