import { formatNumber, type Lang } from '@ioc/shared';

const TY = 1e9;
const TRIEU = 1e6;

/**
 * An amount in đồng as leaders read it: in tỷ đồng (billion) from 1 tỷ up, in triệu đồng
 * (million) below, e.g. 1.234,5 tỷ đồng / 350 triệu đồng.
 */
export function formatMoney(amount: number | null | undefined, lang: Lang): string {
  if (amount === null || amount === undefined) return '—';
  const inTy = Math.abs(amount) >= TY;
  const value = amount / (inTy ? TY : TRIEU);
  const unit = inTy
    ? lang === 'vi'
      ? 'tỷ đồng'
      : 'billion VND'
    : lang === 'vi'
      ? 'triệu đồng'
      : 'million VND';
  return `${formatNumber(value, Math.abs(value) >= 100 ? 0 : 1, lang)} ${unit}`;
}

/** A percentage with one decimal, or — when there is nothing to compare with. */
export function formatPercent(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value, 1, lang)} %`;
}
