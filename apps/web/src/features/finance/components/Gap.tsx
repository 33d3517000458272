import { useI18n } from '../../../lib/i18n/useI18n';

/** Percentage points ahead of (+) or behind (−) the target path, red when behind. */
export function Gap({ gap }: { gap: number | null }) {
  const { num } = useI18n();
  if (gap === null) return <>—</>;
  return (
    <span className={gap < 0 ? 'trend-bad' : 'trend-good'}>
      {gap > 0 ? '+' : ''}
      {num(gap, 1)}
    </span>
  );
}
