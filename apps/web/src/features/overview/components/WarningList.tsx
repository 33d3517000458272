import { useState } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { LevelBadge } from '../../../ui/LevelBadge';
import type { OverviewWarning } from '../api/overviewApi';

const FIRST = 12;

/** Current warnings, worst first (as the API orders them): unit, indicator, value vs target, who answers for it. */
export function WarningList({ warnings, period }: { warnings: OverviewWarning[]; period: string }) {
  const { t, pick, num, compact, lang } = useI18n();
  const [expanded, setExpanded] = useState(false);
  if (warnings.length === 0) return <p className="muted">{t('overview.noWarnings')}</p>;
  const shown = expanded ? warnings : warnings.slice(0, FIRST);
  return (
    <>
      <ol className="warning-list" data-testid="warning-list">
        {shown.map((w, i) => {
          const warningPeriod = typeof w.period === 'string' ? w.period : w.period.code;
          const to = `/indicator/${encodeURIComponent(w.indicator.code)}?unit=${encodeURIComponent(w.unit.code)}&period=${encodeURIComponent(warningPeriod || period)}`;
          return (
            <li key={`${w.indicator.code}-${w.unit.code}-${i}`} className="warning-item" data-level={w.level}>
              <LevelBadge level={w.level} />
              <div className="warning-body">
                <Link to={to} className="warning-title">
                  {pick(w.indicator)} — {pick(w.unit)}
                </Link>
                <span className="warning-figures">
                  {num(w.value, w.indicator.decimals)} {w.indicator.unitOfMeasure}
                  {w.target !== null && w.target !== undefined
                    ? ` / ${t('common.target')} ${num(w.target, w.indicator.decimals)}`
                    : ''}
                  {w.achievement !== null && w.achievement !== undefined
                    ? ` (${compact(w.achievement)}%)`
                    : ''}
                </span>
                {w.reason ? (
                  <span className="warning-reason">{lang === 'en' ? w.reason.en : w.reason.vi}</span>
                ) : null}
                {w.responsible || w.owner ? (
                  <span className="warning-owner">
                    {t('common.responsible')}:{' '}
                    {[
                      w.responsible
                        ? `${w.responsible.name}${w.responsible.title ? ` (${w.responsible.title})` : ''}`
                        : null,
                      w.owner?.name,
                    ]
                      .filter(Boolean)
                      .join(' — ')}
                  </span>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {warnings.length > FIRST ? (
        <button type="button" className="button-secondary" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('common.showLess') : t('overview.allWarnings', { count: warnings.length })}
        </button>
      ) : null}
    </>
  );
}
