import { useI18n } from '../lib/i18n/useI18n';
import { useApi } from '../lib/api/useApi';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { dossiersApi, type DossierDetail } from '../features/dossiers/api/dossiersApi';
import { DossierNav } from '../features/dossiers/components/DossierNav';
import { StandingBadge } from '../features/dossiers/components/StandingBadge';

/** One dossier: who holds it, its deadline, and every step of its timeline. */
export function DossierPage({ params }: { params: Record<string, string> }) {
  const { t, dateTime } = useI18n();
  const code = params.code ?? '';
  useDocumentTitle(`${t('dossiers.dossier')} ${code}`);
  const { data, error } = useApi<DossierDetail>(dossiersApi.dossier(code));
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const facts: [string, string][] = [
    [t('dossiers.procedure'), `${data.procedureName} (${data.procedureCode})`],
    [t('dossiers.field'), data.fieldName],
    [t('dossiers.agency'), data.agencyName],
    [t('common.unit'), data.unit.name],
    [t('dossiers.handler'), data.handler ?? '—'],
    [t('dossiers.channel'), t(`dossiers.channel.${data.channel}` as 'dossiers.channel.online')],
    [t('dossiers.receivedAt'), dateTime(data.receivedAt)],
    [t('dossiers.dueAt'), data.dueAt ? dateTime(data.dueAt) : '—'],
    [t('dossiers.finishedAt'), data.finishedAt ? dateTime(data.finishedAt) : '—'],
    [
      t('dossiers.payment'),
      data.hasFee
        ? data.paidOnline
          ? t('dossiers.paidOnline')
          : t('dossiers.paidDesk')
        : t('dossiers.noFee'),
    ],
    [t('dossiers.publishedAt'), data.publishedAt ? dateTime(data.publishedAt) : t('dossiers.notPublished')],
    [t('dossiers.source'), `${data.source ?? '—'} · ${t('dossiers.revision', { revision: data.revision })}`],
  ];
  return (
    <>
      <h1 className="page-title">
        {t('dossiers.dossier')} {data.code} <StandingBadge standing={data.standing} />
      </h1>
      <DossierNav active={null} />
      <div className="two-columns">
        <Card title={t('dossiers.facts')}>
          <dl className="facts" data-testid="dossier-facts">
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={t('dossiers.timeline')}>
          <ol className="timeline" data-testid="dossier-timeline">
            {data.steps.map((s, i) => (
              <li key={i} data-kind={s.kind}>
                <strong>{t(`dossiers.step.${s.kind}`)}</strong> · {dateTime(s.at)}
                {s.agency ? ` · ${s.agency}` : ''}
                {s.handler ? ` · ${s.handler}` : ''}
                {s.note ? <div className="muted">{s.note}</div> : null}
              </li>
            ))}
          </ol>
        </Card>
      </div>
      {data.revisions.length > 0 ? (
        <Card title={t('dossiers.revisions')}>
          <ul>
            {data.revisions.map((r) => (
              <li key={r.revision}>
                {t('dossiers.revision', { revision: r.revision })} · {dateTime(r.changedAt)} ·{' '}
                {r.changedBy ?? '—'}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
