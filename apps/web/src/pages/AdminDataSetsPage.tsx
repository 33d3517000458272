import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { DataSetEditor } from '../features/supply/components/DataSetEditor';
import { SupplyTabs } from '../features/supply/components/SupplyTabs';

export function AdminDataSetsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('supply.tabDataSets'));
  return (
    <div>
      <SupplyTabs />
      <Card title={t('supply.tabDataSets')}>
        <DataSetEditor />
      </Card>
    </div>
  );
}
