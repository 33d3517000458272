import { ApiError } from '../lib/api/http';
import { useI18n } from '../lib/i18n/useI18n';

/** An API error in the reader's language ("Không có quyền xem" for 403, the server's message otherwise). */
export function ErrorMessage({ error }: { error: unknown }) {
  const { lang, t } = useI18n();
  let text = t('common.error');
  if (error instanceof ApiError) {
    if (error.status === 403) text = t('common.forbidden');
    else text = lang === 'en' ? error.messageEn : error.messageVi;
  } else if (error instanceof Error) {
    text = `${t('common.error')}: ${error.message}`;
  }
  return (
    <p className="error-message" role="alert">
      {text}
    </p>
  );
}
