import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { BoundaryUpload } from '../features/admin/components/BoundaryUpload';

export function AdminBoundariesPage() {
  const { t } = useI18n();
  useDocumentTitle(t('admin.boundaries'));
  return (
    <div className="narrow">
      <Card title={t('admin.boundaries')}>
        <BoundaryUpload />
      </Card>
    </div>
  );
}
