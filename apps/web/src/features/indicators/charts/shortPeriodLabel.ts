import { formatPeriodLabel, type Lang } from '@ioc/shared';

/** Axis labels: "06/2025" rather than "Tháng 06/2025"; other period types as formatPeriodLabel has them. */
export function shortPeriodLabel(code: string, lang: Lang): string {
  const month = /^(\d{4})-(\d{2})$/.exec(code);
  if (month) return lang === 'vi' ? `${month[2]}/${month[1]}` : formatPeriodLabel(code, lang);
  return formatPeriodLabel(code, lang);
}
