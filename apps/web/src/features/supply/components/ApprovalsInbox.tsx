import { useState } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { decide, type Submission } from '../api/supplyApi';

/** Submissions waiting for the approver (the organisation's head): approve, or reject with a reason. */
export function ApprovalsInbox() {
  const { t, lang, dateTime } = useI18n();
  const { data, error, refetch } = useApi<{ submissions: Submission[] }>(
    '/api/v1/submissions?status=submitted&toApprove=true',
  );
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (error) return <p className="error-message">{t('supply.cannotLoad')}</p>;
  if (!data) return <p className="loading">{t('common.loading')}</p>;
  const act = (s: Submission, action: 'approve' | 'reject') => {
    setMessage(null);
    decide(s.id, action, reasons[s.id]).then(
      (r) => {
        setMessage({
          ok: true,
          text: t(action === 'approve' ? 'supply.approved' : 'supply.rejected', { id: r.id }),
        });
        refetch();
      },
      (e: unknown) =>
        setMessage({
          ok: false,
          text: e instanceof ApiError ? (lang === 'en' ? e.messageEn : e.messageVi) : t('common.error'),
        }),
    );
  };
  return (
    <div>
      {message ? (
        <p role="status" className={message.ok ? 'success-message' : 'error-message'}>
          {message.text}
        </p>
      ) : null}
      {data.submissions.length === 0 ? <p className="muted">{t('supply.inboxEmpty')}</p> : null}
      {data.submissions.length > 0 ? (
        <table className="data-table" data-testid="approvals">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('supply.dataSet')}</th>
              <th scope="col">{t('supply.period')}</th>
              <th scope="col">{t('supply.submittedBy')}</th>
              <th scope="col">{t('supply.rows')}</th>
              <th scope="col">{t('supply.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {data.submissions.map((s) => (
              <tr key={s.id}>
                <td>{s.id}</td>
                <td>{s.dataSet.name}</td>
                <td>{s.periodLabel}</td>
                <td>
                  {s.submittedBy} · {s.submittedAt ? dateTime(s.submittedAt) : ''}
                </td>
                <td>
                  {t('supply.rowsSummary', { valid: s.rowsValid, errors: s.errorCount })}
                  {s.warningCount > 0 ? (
                    <div className="muted">{t('supply.warnings', { count: s.warningCount })}</div>
                  ) : null}
                </td>
                <td className="decision-cell">
                  <button
                    type="button"
                    className="button-primary button-small"
                    onClick={() => act(s, 'approve')}
                  >
                    {t('supply.approve')}
                  </button>
                  <input
                    aria-label={t('supply.rejectReason')}
                    placeholder={t('supply.rejectReason')}
                    value={reasons[s.id] ?? ''}
                    onChange={(e) => setReasons({ ...reasons, [s.id]: e.target.value })}
                  />
                  <button
                    type="button"
                    className="button-secondary button-small"
                    disabled={(reasons[s.id] ?? '').trim().length < 3}
                    onClick={() => act(s, 'reject')}
                  >
                    {t('supply.reject')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
