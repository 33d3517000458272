import { useState } from 'react';
import { useApi } from '../lib/api/useApi';
import { useI18n } from '../lib/i18n/useI18n';
import type { MessageKey } from '../lib/i18n/messages';
import { PointMap } from '../lib/map/PointMap';
import { Link } from '../lib/router/Link';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { useSession } from '../features/auth/hooks/useSession';
import { act, addNote, casesUrls, publish, type CaseDetail } from '../features/cases/api/casesApi';
import { CaseStatusBadge } from '../features/cases/components/CaseStatusBadge';

/** One case: what was reported, by whom (for those allowed), its history, and the next steps. */
export function CaseDetailPage({ params }: { params: Record<string, string> }) {
  const { t, lang, dateTime } = useI18n();
  const code = params.code ?? '';
  useDocumentTitle(code);
  const { user } = useSession();
  const { data, error } = useApi<CaseDetail>(casesUrls.detail(code));
  const [text, setText] = useState('');
  const [organisationCode, setOrganisationCode] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const isOperator = user?.role === 'operator' || user?.role === 'administrator';
  const isAgency =
    user?.role === 'administrator' ||
    (user?.role === 'data_officer' && data.organisation?.code === user.organisationCode);
  const run = (work: Promise<unknown>) => {
    setActionError(null);
    work.then(() => setText(''), setActionError);
  };
  const button = (action: string, label: MessageKey, body: Record<string, string | undefined> = {}) => (
    <button type="button" className="button-primary" onClick={() => run(act(code, action, body))}>
      {t(label)}
    </button>
  );
  const s = data.status;
  return (
    <div className="page-case">
      <Card
        title={`${data.code} — ${data.title}`}
        actions={<Link to="/phan-anh">{t('cases.backToList')}</Link>}
      >
        <p>
          <CaseStatusBadge status={s} isOverdue={data.isOverdue} />{' '}
          <span className="muted">
            {t(`cases.channel.${data.channel}` as MessageKey)} ·{' '}
            {lang === 'en' ? data.category.nameEn : data.category.name}
            {data.unit ? ` · ${data.unit.name}` : ''}
            {data.organisation ? ` · ${data.organisation.name}` : ''}
            {data.dueAt ? ` · ${t('cases.due')}: ${dateTime(data.dueAt)}` : ''}
          </span>
        </p>
        {data.escalatedAt ? (
          <p className="warning-text" data-testid="case-escalated" role="alert">
            {t('cases.escalated', { at: dateTime(data.escalatedAt) })}
          </p>
        ) : null}
        <p>{data.description}</p>
        {data.address ? <p className="muted">{data.address}</p> : null}
        <p data-testid="case-reporter">
          {data.reporter
            ? [data.reporter.name, data.reporter.phone, data.reporter.email].filter(Boolean).join(' · ') ||
              '—'
            : t('cases.reporterHidden')}
          {data.isConfidential ? ` (${t('cases.confidentialShort')})` : ''}
        </p>
        {data.photos.map((p) => (
          <img key={p.id} src={p.url} alt={t('cases.photo')} className="case-photo" />
        ))}
        {data.location ? (
          <PointMap
            ariaLabel={t('cases.location')}
            points={[{ id: data.code, lonLat: data.location }]}
            center={data.location}
            zoom={13}
            height={220}
          />
        ) : null}
        {data.answer ? (
          <section data-testid="case-answer">
            <h3>{t('cases.answer')}</h3>
            <p>{data.answer}</p>
          </section>
        ) : null}
        {data.rating ? <p>{t('cases.yourRating', { rating: data.rating })}</p> : null}
      </Card>

      <Card title={t('cases.nextSteps')}>
        <div className="field">
          <label htmlFor="case-text">{t('cases.textForAction')}</label>
          <textarea id="case-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="toolbar">
          {isOperator && (s === 'received' || s === 'returned') ? (
            <>
              <div className="field">
                <label htmlFor="case-agency">{t('cases.agencyCode')}</label>
                <input
                  id="case-agency"
                  value={organisationCode}
                  placeholder={t('cases.agencyAuto')}
                  onChange={(e) => setOrganisationCode(e.target.value)}
                />
              </div>
              {button('forward', 'cases.action.forward', organisationCode ? { organisationCode } : {})}
              {button('answer_directly', 'cases.action.answer_directly', { answer: text })}
            </>
          ) : null}
          {isAgency && s === 'forwarded' ? (
            <>
              {button('accept', 'cases.action.accept')}
              {button('send_back', 'cases.action.send_back', { note: text })}
            </>
          ) : null}
          {isAgency && s === 'in_progress' ? (
            <>
              <button type="button" className="button-secondary" onClick={() => run(addNote(code, text))}>
                {t('cases.action.note')}
              </button>
              {button('answer', 'cases.action.answer', { answer: text })}
            </>
          ) : null}
          {isOperator && s === 'answered' ? (
            <>
              {button('close', 'cases.action.close')}
              {button('reject_answer', 'cases.action.reject_answer', { note: text })}
            </>
          ) : null}
          {isOperator && s === 'closed' ? (
            <button
              type="button"
              className="button-primary"
              onClick={() => run(publish(code, !data.isPublished))}
            >
              {data.isPublished ? t('cases.action.unpublish') : t('cases.action.publish')}
            </button>
          ) : null}
        </div>
        {actionError ? <ErrorMessage error={actionError} /> : null}
        {isOperator && data.duplicates.length ? (
          <section data-testid="case-duplicates">
            <h3>{t('cases.duplicates')}</h3>
            <ul>
              {data.duplicates.map((d) => (
                <li key={d.code}>
                  <Link to={`/phan-anh/${d.code}`}>{d.code}</Link> — {d.title} ({d.distanceM} m){' '}
                  <button
                    type="button"
                    className="button-small"
                    onClick={() => run(act(code, 'merge', { into: d.code }))}
                  >
                    {t('cases.mergeInto', { code: d.code })}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </Card>

      <Card title={t('cases.history')}>
        <ol className="case-history" data-testid="case-history">
          {data.events.map((e, i) => (
            <li key={i} data-action={e.action}>
              {dateTime(e.at)} — <strong>{t(`cases.event.${e.action}` as MessageKey)}</strong> · {e.actor}
              {e.organisation ? ` · ${e.organisation}` : ''}
              {e.note ? ` — ${e.note}` : ''}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
