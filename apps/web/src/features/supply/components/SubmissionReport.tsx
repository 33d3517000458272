import { useI18n } from '../../../lib/i18n/useI18n';
import type { Finding, Submission } from '../api/supplyApi';

/** The row-by-row validation report of a file or form: row, column, field and why. */
export function SubmissionReport({ submission }: { submission: Submission }) {
  const { t, lang } = useI18n();
  const report = submission.report ?? [];
  const shown = report.length;
  const total = submission.errorCount + submission.warningCount;
  return (
    <div data-testid="submission-report">
      <p role="status" className={submission.errorCount > 0 ? 'error-message' : 'success-message'}>
        {t('supply.reportSummary', {
          valid: submission.rowsValid,
          errors: submission.errorCount,
          warnings: submission.warningCount,
        })}
      </p>
      {shown > 0 ? (
        <table className="data-table">
          <caption>
            {shown < total ? t('supply.reportShown', { shown, total }) : t('supply.reportTitle')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('supply.row')}</th>
              <th scope="col">{t('supply.column')}</th>
              <th scope="col">{t('supply.field')}</th>
              <th scope="col">{t('supply.severity')}</th>
              <th scope="col">{t('supply.why')}</th>
            </tr>
          </thead>
          <tbody>
            {report.map((f: Finding, i) => (
              <tr key={i} className={f.severity === 'error' ? 'finding-error' : 'finding-warning'}>
                <td>{f.row}</td>
                <td>{f.column || '—'}</td>
                <td>{f.field}</td>
                <td>{f.severity === 'error' ? t('supply.error') : t('supply.warning')}</td>
                <td>
                  {lang === 'en' ? f.messageEn : f.message}
                  {lang === 'vi' ? <span className="muted"> — {f.messageEn}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
