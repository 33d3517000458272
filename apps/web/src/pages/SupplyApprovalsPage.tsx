import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ApprovalsInbox } from '../features/supply/components/ApprovalsInbox';
import { SupplyTabs } from '../features/supply/components/SupplyTabs';

export function SupplyApprovalsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('supply.tabApprovals'));
  return (
    <div>
      <SupplyTabs />
      <Card title={t('supply.tabApprovals')}>
        <ApprovalsInbox />
      </Card>
    </div>
  );
}
