import { useI18n } from '../../../lib/i18n/useI18n';
import { indicatorUrls, type UnitSelection } from '../api/indicatorsApi';

/** Tải xuống CSV / XLSX of the units shown (the server sends the file). */
export function ExportLinks({ code, period, units }: { code: string; period: string; units: UnitSelection }) {
  const { t } = useI18n();
  return (
    <span className="export-links">
      {t('export.download')}:{' '}
      <a href={indicatorUrls.export(code, period, units, 'csv')} download data-testid="export-csv">
        CSV
      </a>{' '}
      ·{' '}
      <a href={indicatorUrls.export(code, period, units, 'xlsx')} download data-testid="export-xlsx">
        XLSX
      </a>
    </span>
  );
}
