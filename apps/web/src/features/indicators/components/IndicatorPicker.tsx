import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { SelectField } from '../../../ui/SelectField';
import type { IndicatorDefinition } from '../../catalogue/api/catalogueApi';
import { useDomains } from '../../catalogue/hooks/useDomains';

/** Chooses an indicator, grouped by domain. */
export function IndicatorPicker({
  value,
  indicators,
  onChange,
  label,
}: {
  value: string;
  indicators: IndicatorDefinition[];
  onChange: (code: string) => void;
  label?: string;
}) {
  const { t, pick } = useI18n();
  const { domains } = useDomains();
  const groups = useMemo(() => {
    const order = domains ?? [];
    const byDomain = new Map<string, IndicatorDefinition[]>();
    for (const i of indicators) byDomain.set(i.domainCode, [...(byDomain.get(i.domainCode) ?? []), i]);
    const known = order.filter((d) => byDomain.has(d.code));
    const unknown = [...byDomain.keys()].filter((code) => !order.some((d) => d.code === code));
    return [
      ...known.map((d) => ({ label: pick(d), code: d.code })),
      ...unknown.map((code) => ({ label: code, code })),
    ].map((g) => ({
      label: g.label,
      options: (byDomain.get(g.code) ?? []).map((i) => ({
        value: i.code,
        label: `${pick(i)} (${i.unitOfMeasure})`,
      })),
    }));
  }, [domains, indicators, pick]);
  return (
    <SelectField
      label={label ?? t('indicator.label')}
      value={value}
      onChange={onChange}
      groups={groups}
      name="indicator"
    />
  );
}
