import type { PublicAlert } from '@ioc/shared';
import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { FeatureMap } from '../../../lib/map/FeatureMap';
import { useDistrictLabels } from '../../catalogue/hooks/useDistrictLabels';
import { SEVERITY_COLOURS } from '../api/alertsApi';

/** One alert as the public reads it: what, where (with a map), what to do, from when until when. */
export function AlertCard({ alert, actions }: { alert: PublicAlert; actions?: ReactNode }) {
  const { t, lang, dateTime } = useI18n();
  const labels = useDistrictLabels();
  const english = lang === 'en' && alert.headlineEn;
  const latest = alert.messages.at(-1);
  return (
    <article className="alert-card" data-testid="public-alert" data-state={alert.state}>
      <header className="alert-card-header" style={{ borderColor: SEVERITY_COLOURS[alert.severity] }}>
        <span className="alert-severity" style={{ background: SEVERITY_COLOURS[alert.severity] }}>
          {t(`alerts.severity.${alert.severity}`)}
        </span>
        <h2>{english ? alert.headlineEn : alert.headline}</h2>
        {alert.state === 'cancelled' ? (
          <strong className="alert-cancelled">{t('alerts.cancelled')}</strong>
        ) : null}
      </header>
      <p className="alert-meta">
        {alert.event} · {t(`alerts.urgency.${alert.urgency}`)} · {t(`alerts.certainty.${alert.certainty}`)}
      </p>
      <p className="alert-meta">
        <strong>{t('alerts.area')}:</strong> {alert.areaDesc}
      </p>
      <p className="alert-meta">
        {t('alerts.validFromTo', { from: dateTime(alert.effective), to: dateTime(alert.expires) })}
      </p>
      <p>{english && alert.descriptionEn ? alert.descriptionEn : alert.description}</p>
      <p className="alert-instruction">
        <strong>{t('alerts.instruction')}:</strong>{' '}
        {english && alert.instructionEn ? alert.instructionEn : alert.instruction}
      </p>
      <FeatureMap
        ariaLabel={t('alerts.mapLabel', { area: alert.areaDesc })}
        areas={[alert.area]}
        labels={labels}
        height={260}
        drawKey={`alert|${alert.id}`}
      />
      <footer className="alert-links">
        {latest ? (
          <a href={latest.url} type="application/cap+xml">
            {t('alerts.capXml')}
          </a>
        ) : null}
        {actions}
      </footer>
    </article>
  );
}
