import { useI18n } from '../../../lib/i18n/useI18n';
import type { Forecast } from '../api/financeApi';
import { formatPercent } from '../money';
import { Figure } from './Figure';

/** The year-end disbursement forecast with its interval, and how it was made. */
export function ForecastFigure({
  forecast,
  method,
}: {
  forecast: Forecast | null;
  method: { vi: string; en: string };
}) {
  const { t, lang } = useI18n();
  return (
    <Figure
      label={t('investment.forecast')}
      testId="forecast"
      value={forecast ? formatPercent(forecast.central, lang) : t('investment.noForecast')}
      note={
        forecast ? (
          <>
            {t('investment.interval', {
              low: formatPercent(forecast.low, lang),
              high: formatPercent(forecast.high, lang),
              years: forecast.years,
            })}
            <br />
            <span title={lang === 'vi' ? method.vi : method.en}>{lang === 'vi' ? method.vi : method.en}</span>
          </>
        ) : (
          t('investment.forecastNeedsHistory')
        )
      }
    />
  );
}
