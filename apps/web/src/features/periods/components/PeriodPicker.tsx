import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { SelectField } from '../../../ui/SelectField';
import { periodChoices } from '../periodMath';

/** Picks a month, quarter, year-to-date or year, up to the latest month with data. */
export function PeriodPicker({
  value,
  latestMonth,
  onChange,
  monthsOnly = false,
}: {
  value: string;
  latestMonth: string;
  onChange: (period: string) => void;
  /** Scorecards and the overview's tiles are monthly. */
  monthsOnly?: boolean;
}) {
  const { t, period } = useI18n();
  const groups = useMemo(
    () =>
      periodChoices(latestMonth)
        .filter((g) => !monthsOnly || g.type === 'month')
        .map((g) => ({
          label: t(`period.group.${g.type}`),
          options: g.codes.map((code) => ({ value: code, label: period(code) })),
        })),
    [latestMonth, monthsOnly, t, period],
  );
  const known = groups.some((g) => g.options.some((o) => o.value === value));
  if (!known) groups.unshift({ label: t('period.group.other'), options: [{ value, label: period(value) }] });
  return (
    <SelectField label={t('period.label')} value={value} onChange={onChange} groups={groups} name="period" />
  );
}
