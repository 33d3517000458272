import { useState } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useI18n } from '../../../lib/i18n/useI18n';
import { decide } from '../api/supplyApi';
import { SubmissionReport } from './SubmissionReport';
import { SubmissionStatusBadge } from './SubmissionStatusBadge';
import { useSubmission } from '../hooks/useSubmission';

/** One submission: processing progress, then its report and the submit button. */
export function SubmissionPanel({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { submission, reload } = useSubmission(id);
  const [error, setError] = useState<string | null>(null);
  if (!submission) return <p className="loading">{t('common.loading')}</p>;
  const { processed, total } = submission.progress;
  const busy = submission.status === 'queued' || submission.status === 'processing';
  const send = () => {
    setError(null);
    decide(submission.id, 'submit').then(reload, (e: unknown) =>
      setError(e instanceof ApiError ? (lang === 'en' ? e.messageEn : e.messageVi) : t('common.error')),
    );
  };
  return (
    <section className="card submission-panel" aria-live="polite" data-testid="submission-panel">
      <header className="card-header">
        <h3 className="card-title">
          {t('supply.submissionTitle', { id: submission.id, period: submission.periodLabel })}{' '}
          <SubmissionStatusBadge status={submission.status} />
        </h3>
      </header>
      {busy ? (
        <div className="field">
          <label htmlFor={`processing-${id}`}>
            {t('supply.processingProgress', {
              percent: total ? Math.min(100, Math.round((processed / total) * 100)) : 0,
              processed,
              total,
            })}
          </label>
          <progress id={`processing-${id}`} max={Math.max(total, 1)} value={processed} />
        </div>
      ) : null}
      {submission.status === 'failed' ? <p className="error-message">{submission.failure}</p> : null}
      {!busy && submission.status !== 'failed' ? <SubmissionReport submission={submission} /> : null}
      {submission.status === 'draft' ? (
        submission.canSubmit ? (
          <button type="button" className="button-primary" onClick={send}>
            {submission.errorCount > 0
              ? t('supply.submitValid', { count: submission.rowsValid })
              : t('supply.submit')}
          </button>
        ) : (
          <p className="note">{t('supply.fixAndReupload')}</p>
        )
      ) : null}
      {submission.status === 'rejected' ? (
        <p className="error-message">
          {t('supply.rejectedBecause', { reason: submission.rejectReason ?? '' })}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
