import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { periodPath, sendForm, type FormGrid } from '../api/supplyApi';

/** The web form: a grid of units × indicators for one period, checked like a file. */
export function FormEntry({
  dataSet,
  period,
  onSent,
}: {
  dataSet: string;
  period: string;
  onSent: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const { data, error } = useApi<FormGrid>(period ? `${periodPath(dataSet, period)}/form` : null);
  const [cells, setCells] = useState<Record<string, string>>({});
  const [sendError, setSendError] = useState<string | null>(null);

  useEffect(() => {
    if (!data) return;
    const initial: Record<string, string> = {};
    for (const u of data.units)
      for (const i of data.indicators) {
        const v = u.values[i.code];
        initial[`${u.code}|${i.code}`] = v === null || v === undefined ? '' : String(v).replace('.', ',');
      }
    setCells(initial);
  }, [data]);

  if (error)
    return <p className="error-message">{error instanceof ApiError ? error.messageVi : t('common.error')}</p>;
  if (!data) return <p className="loading">{t('common.loading')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSendError(null);
    const rows = data.units
      .map((u) => ({
        unit: u.code,
        values: Object.fromEntries(
          data.indicators.map((i) => [i.code, cells[`${u.code}|${i.code}`]?.trim() || null]),
        ),
      }))
      .filter((r) => Object.values(r.values).some((v) => v !== null));
    if (rows.length === 0) return setSendError(t('supply.formEmpty'));
    sendForm(dataSet, period, rows).then(
      (r) => onSent(r.submission.id),
      (e: unknown) =>
        setSendError(e instanceof ApiError ? (lang === 'en' ? e.messageEn : e.messageVi) : t('common.error')),
    );
  };

  return (
    <form onSubmit={submit} className="form-entry">
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('supply.unit')}</th>
              {data.indicators.map((i) => (
                <th scope="col" key={i.code}>
                  {i.name} <span className="muted">({i.unitOfMeasure})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.units.map((u) => (
              <tr key={u.code}>
                <th scope="row">{u.name}</th>
                {data.indicators.map((i) => (
                  <td key={i.code}>
                    <input
                      inputMode="decimal"
                      aria-label={`${u.name} — ${i.name}`}
                      value={cells[`${u.code}|${i.code}`] ?? ''}
                      onChange={(e) => setCells({ ...cells, [`${u.code}|${i.code}`]: e.target.value })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit" className="button-primary">
        {t('supply.checkForm')}
      </button>
      {sendError ? (
        <p className="error-message" role="alert">
          {sendError}
        </p>
      ) : null}
    </form>
  );
}
