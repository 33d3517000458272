import { useState } from 'react';
import { useApi } from '../lib/api/useApi';
import { useI18n } from '../lib/i18n/useI18n';
import { useLocation } from '../lib/router/useLocation';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { casesUrls, rate, reopen, type CitizenView } from '../features/cases/api/casesApi';
import { CaseStatusBadge } from '../features/cases/components/CaseStatusBadge';

/** The citizen's private link: the status and answer of their report; rate it or reopen it. */
export function CitizenFollowPage({ params }: { params: Record<string, string> }) {
  const { t, dateTime } = useI18n();
  const code = params.code ?? '';
  const token = useLocation().query.get('token') ?? '';
  useDocumentTitle(t('cases.followTitle', { code }));
  const { data, error, refetch } = useApi<CitizenView>(casesUrls.follow(code, token));
  const [reason, setReason] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const run = (work: Promise<unknown>) => {
    void work.then(refetch, setActionError);
  };
  return (
    <div className="narrow">
      <Card title={t('cases.followTitle', { code })}>
        <p>
          <CaseStatusBadge status={data.status} />
        </p>
        <h3>{data.title}</h3>
        <p>{data.description}</p>
        <p className="muted">
          {t('cases.receivedAt')}: {dateTime(data.receivedAt)}
          {data.organisation ? ` · ${t('cases.agency')}: ${data.organisation}` : ''}
        </p>
        {data.answer ? (
          <section data-testid="citizen-answer">
            <h3>{t('cases.answer')}</h3>
            <p>{data.answer}</p>
          </section>
        ) : null}
        {data.rating ? (
          <p data-testid="citizen-rating">{t('cases.yourRating', { rating: data.rating })}</p>
        ) : null}
        {data.canRate ? (
          <fieldset className="rating">
            <legend>{t('cases.rate')}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <button
                key={n}
                type="button"
                className="button-secondary"
                onClick={() => run(rate(code, token, n))}
              >
                {t('cases.stars', { n })}
              </button>
            ))}
          </fieldset>
        ) : null}
        {data.canReopen ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              run(reopen(code, token, reason));
            }}
          >
            <div className="field">
              <label htmlFor="reopen-reason">{t('cases.reopenReason')}</label>
              <textarea
                id="reopen-reason"
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <button type="submit" className="button-secondary">
              {t('cases.reopen')}
            </button>
          </form>
        ) : null}
        {actionError ? <ErrorMessage error={actionError} /> : null}
      </Card>
    </div>
  );
}
