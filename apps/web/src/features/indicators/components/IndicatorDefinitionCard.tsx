import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Card } from '../../../ui/Card';
import type { IndicatorDefinition } from '../../catalogue/api/catalogueApi';

/** Định nghĩa: unit of measure, source, owner, responsible person, team, formula, thresholds. */
export function IndicatorDefinitionCard({ indicator }: { indicator: IndicatorDefinition }) {
  const { t, pick, compact } = useI18n();
  const th = indicator.thresholds;
  const thresholdText =
    th.mode === 'achievement'
      ? t('definition.thresholdsAchievement', {
          yellow: compact(th.yellow),
          orange: compact(th.orange),
          red: compact(th.red),
        })
      : t('definition.thresholdsAbsolute', {
          yellow: compact(th.yellow, 2),
          orange: compact(th.orange, 2),
          red: compact(th.red, 2),
        });
  const items: [string, ReactNode][] = [
    [t('definition.code'), <code key="c">{indicator.code}</code>],
    [
      t('definition.domain'),
      indicator.domainName
        ? pick({ name: indicator.domainName, nameEn: indicator.domainNameEn })
        : indicator.domainCode,
    ],
    [t('definition.unitOfMeasure'), indicator.unitOfMeasure],
    [t('definition.periodType'), t(`periodType.${indicator.periodType}`)],
    [t('definition.direction'), t(`direction.${indicator.direction}`)],
    [t('definition.thresholds'), thresholdText],
    [t('definition.source'), indicator.source ?? '—'],
    [t('definition.owner'), indicator.owner ? pick(indicator.owner) : '—'],
    [
      t('definition.responsible'),
      indicator.responsiblePerson
        ? `${indicator.responsiblePerson.name}${indicator.responsiblePerson.title ? ` — ${indicator.responsiblePerson.title}` : ''}`
        : '—',
    ],
    [t('definition.team'), indicator.team ? pick(indicator.team) : '—'],
    [
      t('definition.formula'),
      indicator.formula ? <code key="f">{indicator.formula}</code> : t('definition.noFormula'),
    ],
    [t('definition.publication'), indicator.isPublic ? t('definition.public') : t('definition.internal')],
  ];
  return (
    <Card title={t('definition.title')} className="definition-card">
      <dl className="definition-list" data-testid="indicator-definition">
        {items.map(([term, detail]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
      {indicator.description ? <p>{indicator.description}</p> : null}
    </Card>
  );
}
