import { useI18n } from '../lib/i18n/useI18n';

/** Tiếng Việt / English. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('common.language')}>
      <button type="button" lang="vi" aria-pressed={lang === 'vi'} onClick={() => setLang('vi')}>
        VI
      </button>
      <button
        type="button"
        lang="en"
        aria-pressed={lang === 'en'}
        onClick={() => setLang('en')}
        data-testid="lang-en"
      >
        EN
      </button>
    </div>
  );
}
