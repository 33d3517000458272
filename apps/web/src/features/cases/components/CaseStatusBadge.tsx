import type { CaseStatus } from '@ioc/shared';
import { useI18n } from '../../../lib/i18n/useI18n';
import type { MessageKey } from '../../../lib/i18n/messages';

export function CaseStatusBadge({ status, isOverdue = false }: { status: CaseStatus; isOverdue?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`case-status case-status-${status}`} data-status={status}>
      {t(`cases.status.${status}` as MessageKey)}
      {isOverdue ? <strong className="case-overdue"> · {t('cases.overdue')}</strong> : null}
    </span>
  );
}
