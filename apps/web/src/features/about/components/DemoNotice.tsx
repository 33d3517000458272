import { useI18n } from '../../../lib/i18n/useI18n';
import { useAbout } from '../hooks/useAbout';

/** "Dữ liệu minh họa (tổng hợp, không phải số liệu thật)" on every screen of a demo installation. */
export function DemoNotice() {
  const { lang } = useI18n();
  const { about } = useAbout();
  if (!about?.demoNotice) return null;
  return (
    <p className="demo-notice" role="note" data-testid="demo-notice">
      {lang === 'en' ? about.demoNotice.en : about.demoNotice.vi}
    </p>
  );
}
