import { useI18n } from '../../../lib/i18n/useI18n';
import { useQueryState } from '../../../lib/router/useQueryState';

export const PAGE_SIZE = 200;

/** Previous / next page of a long list (the page's offset is kept in the URL). */
export function Pager({ offset, count }: { offset: number; count: number }) {
  const { t } = useI18n();
  const { setQuery } = useQueryState();
  if (count <= PAGE_SIZE) return null;
  return (
    <div className="toolbar">
      <button
        type="button"
        className="button-secondary"
        disabled={offset === 0}
        onClick={() => setQuery({ offset: Math.max(0, offset - PAGE_SIZE) || null })}
      >
        {t('finance.previous')}
      </button>
      <span className="muted">
        {t('finance.pageOf', { from: offset + 1, to: Math.min(count, offset + PAGE_SIZE), count })}
      </span>
      <button
        type="button"
        className="button-secondary"
        disabled={offset + PAGE_SIZE >= count}
        onClick={() => setQuery({ offset: offset + PAGE_SIZE })}
      >
        {t('finance.next')}
      </button>
    </div>
  );
}
