import { useI18n } from '../lib/i18n/useI18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { Scoreboard } from '../features/supply/components/Scoreboard';
import { SupplyTabs } from '../features/supply/components/SupplyTabs';

export function SupplyScoreboardPage() {
  const { t } = useI18n();
  useDocumentTitle(t('supply.tabScoreboard'));
  return (
    <div>
      <SupplyTabs />
      <Card title={t('supply.tabScoreboard')}>
        <Scoreboard />
      </Card>
    </div>
  );
}
