import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { CameraWall } from '../features/cameras/components/CameraWall';

export function CamerasPage() {
  const { t } = useI18n();
  useDocumentTitle(t('cameras.title'));
  return (
    <div>
      <header className="page-header">
        <h1 className="page-title">{t('cameras.title')}</h1>
        <p>{t('cameras.intro')}</p>
      </header>
      <CameraWall />
    </div>
  );
}
