import { useI18n } from '../../../lib/i18n/useI18n';
import type { SubmissionStatus } from '../api/supplyApi';

/** A submission's state in words: chờ xử lý, đang xử lý, lỗi, nháp, chờ duyệt, bị trả lại, đã công bố. */
export function SubmissionStatusBadge({ status }: { status: SubmissionStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge status-${status}`}>{t(`supply.status.${status}`)}</span>;
}
