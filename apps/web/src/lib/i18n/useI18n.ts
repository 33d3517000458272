import { useContext, useMemo } from 'react';
import {
  formatCompactNumber,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPeriodLabel,
  type Lang,
} from '@ioc/shared';
import { I18nContext } from './i18nContext';
import { messages, type MessageKey } from './messages';

export interface Named {
  name: string;
  nameEn?: string | null;
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The message in the current language, `{name}` placeholders filled from params. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** 1.234,5 (vi) / 1,234.5 (en) with exactly `decimals` places; `—` for null. */
  num: (value: number | null | undefined, decimals: number) => string;
  /** At most `maxDecimals` places, no trailing zeros. */
  compact: (value: number | null | undefined, maxDecimals?: number) => string;
  /** dd/MM/yyyy (both languages use it in this app, as Vietnamese officials read English screens too). */
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
  period: (code: string) => string;
  /** The name in the current language (Vietnamese when no English name exists). */
  pick: (named: Named) => string;
}

export function useI18n(): I18n {
  const { lang, setLang } = useContext(I18nContext);
  return useMemo(() => {
    const table = messages[lang];
    return {
      lang,
      setLang,
      t: (key, params) => {
        const text = table[key];
        if (!params) return text;
        return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
          name in params ? String(params[name]) : whole,
        );
      },
      num: (value, decimals) => formatNumber(value ?? null, decimals, lang),
      compact: (value, maxDecimals = 1) => formatCompactNumber(value ?? null, maxDecimals, lang),
      date: (iso) => formatDate(iso),
      dateTime: (iso) => formatDateTime(iso),
      period: (code) => formatPeriodLabel(code, lang),
      pick: (named) => (lang === 'en' && named.nameEn ? named.nameEn : named.name),
    };
  }, [lang, setLang]);
}
