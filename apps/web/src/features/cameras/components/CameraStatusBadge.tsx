import type { CameraStatus } from '@ioc/shared';
import { useI18n } from '../../../lib/i18n/useI18n';
import { STATUS_COLOURS } from '../api/camerasApi';

/** Online / offline / unknown, as colour, shape and word (never colour alone). */
export function CameraStatusBadge({ status, checkedAt }: { status: CameraStatus; checkedAt: string | null }) {
  const { t, dateTime } = useI18n();
  const mark = status === 'online' ? '●' : status === 'offline' ? '×' : '?';
  return (
    <span
      className="camera-status"
      data-status={status}
      style={{ background: STATUS_COLOURS[status] }}
      title={checkedAt ? t('cameras.checkedAt', { time: dateTime(checkedAt) }) : t('cameras.neverChecked')}
    >
      <span aria-hidden="true">{mark}</span> {t(`cameras.status.${status}`)}
    </span>
  );
}
