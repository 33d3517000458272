import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { SupplyWorkbench } from '../features/supply/components/SupplyWorkbench';
import { SupplyTabs } from '../features/supply/components/SupplyTabs';

export function SupplyPage() {
  const { t } = useI18n();
  useDocumentTitle(t('supply.tabSubmit'));
  return (
    <div>
      <SupplyTabs />
      <Card title={t('supply.tabSubmit')}>
        <SupplyWorkbench />
      </Card>
    </div>
  );
}
