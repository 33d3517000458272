import { useState } from 'react';
import { useI18n } from '../lib/i18n/useI18n';
import { Link } from '../lib/router/Link';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { submitPublicReport } from '../features/cases/api/casesApi';
import { CaseReportForm } from '../features/cases/components/CaseReportForm';

/** The public page where anyone files a report, no account needed; works on a phone. */
export function CitizenReportPage() {
  const { t } = useI18n();
  useDocumentTitle(t('cases.citizenTitle'));
  const [sent, setSent] = useState<{ code: string; citizenToken: string } | null>(null);
  if (sent) {
    const link = `/phan-anh/theo-doi/${sent.code}?token=${encodeURIComponent(sent.citizenToken)}`;
    return (
      <div className="narrow">
        <Card title={t('cases.sentTitle')}>
          <p data-testid="case-sent" role="status">
            {t('cases.sent', { code: sent.code })}
          </p>
          <p>{t('cases.keepLink')}</p>
          <p>
            <Link to={link} data-testid="follow-link">
              {`${window.location.origin}${link}`}
            </Link>
          </p>
        </Card>
      </div>
    );
  }
  return (
    <div className="narrow">
      <Card title={t('cases.citizenTitle')}>
        <p className="muted">{t('cases.citizenHelp')}</p>
        <CaseReportForm
          mode="citizen"
          onSubmit={(draft, id) => submitPublicReport(draft, id).then(setSent)}
        />
        <p>
          <Link to="/phan-anh/cong-khai">{t('cases.publicTitle')}</Link>
        </p>
      </Card>
    </div>
  );
}
