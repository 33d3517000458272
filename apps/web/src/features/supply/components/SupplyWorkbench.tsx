import { useEffect, useState } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { SelectField } from '../../../ui/SelectField';
import { periodPath, type DataSet, type Submission } from '../api/supplyApi';
import { FileUpload } from './FileUpload';
import { FormEntry } from './FormEntry';
import { SubmissionPanel } from './SubmissionPanel';
import { SubmissionStatusBadge } from './SubmissionStatusBadge';

/**
 * "Nộp số liệu": the officer picks one of their data sets and a period, downloads the template,
 * uploads the filled file (or types into the web form), reads the report and submits.
 */
export function SupplyWorkbench() {
  const { t, dateTime } = useI18n();
  const { data, error } = useApi<{ dataSets: DataSet[] }>('/api/v1/data-sets');
  const [code, setCode] = useState('');
  const [period, setPeriod] = useState('');
  const [mode, setMode] = useState<'file' | 'form'>('file');
  const [current, setCurrent] = useState<string | null>(null);
  const dataSets = data?.dataSets.filter((d) => d.isActive) ?? [];
  const dataSet = dataSets.find((d) => d.code === code) ?? dataSets[0];

  useEffect(() => {
    if (dataSet && !period) setPeriod(dataSet.suggestedPeriod);
  }, [dataSet, period]);

  const history = useApi<{ submissions: Submission[] }>(
    dataSet && period
      ? `/api/v1/submissions?dataSet=${encodeURIComponent(dataSet.code)}&period=${encodeURIComponent(period)}`
      : null,
  );

  if (error) return <p className="error-message">{t('supply.cannotLoad')}</p>;
  if (!data) return <p className="loading">{t('common.loading')}</p>;
  if (!dataSet) return <p className="muted">{t('supply.noDataSets')}</p>;

  const choose = (next: string) => {
    setCode(next);
    const chosen = dataSets.find((d) => d.code === next);
    setPeriod(chosen?.suggestedPeriod ?? '');
    setCurrent(null);
  };

  return (
    <div className="supply-workbench">
      <div className="toolbar">
        <SelectField
          label={t('supply.dataSet')}
          value={dataSet.code}
          onChange={choose}
          options={dataSets.map((d) => ({ value: d.code, label: `${d.name} (${d.organisationName})` }))}
        />
        <div className="field">
          <label htmlFor="supply-period">{t('supply.period')}</label>
          <input
            id="supply-period"
            value={period}
            onChange={(e) => {
              setPeriod(e.target.value.trim());
              setCurrent(null);
            }}
            placeholder={
              dataSet.frequency === 'month' ? '2025-06' : dataSet.frequency === 'day' ? '2025-06-30' : ''
            }
          />
        </div>
        <div className="export-links">
          <a
            href={`${periodPath(dataSet.code, period)}/template?format=xlsx`}
            download
            data-testid="template-xlsx"
          >
            {t('supply.templateXlsx')}
          </a>
          <a href={`${periodPath(dataSet.code, period)}/template?format=csv`} download>
            {t('supply.templateCsv')}
          </a>
        </div>
      </div>
      <p className="muted">
        {t('supply.deadlineRule', { days: dataSet.deadline.daysAfterEnd, time: dataSet.deadline.time })}{' '}
        {dataSet.allowPartial ? t('supply.partialAllowed') : t('supply.partialNotAllowed')}
      </p>
      <div className="segmented" role="group" aria-label={t('supply.entryMode')}>
        <button type="button" aria-pressed={mode === 'file'} onClick={() => setMode('file')}>
          {t('supply.byFile')}
        </button>
        <button type="button" aria-pressed={mode === 'form'} onClick={() => setMode('form')}>
          {t('supply.byForm')}
        </button>
      </div>
      {mode === 'file' ? (
        <FileUpload dataSet={dataSet.code} period={period} onUploaded={setCurrent} />
      ) : (
        <FormEntry dataSet={dataSet.code} period={period} onSent={setCurrent} />
      )}
      {current ? <SubmissionPanel id={current} /> : null}
      <h3 className="section-title">{t('supply.history')}</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('supply.source')}</th>
            <th scope="col">{t('supply.createdAt')}</th>
            <th scope="col">{t('supply.statusLabel')}</th>
            <th scope="col">{t('supply.rows')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(history.data?.submissions ?? []).map((s) => (
            <tr key={s.id}>
              <td>{s.id}</td>
              <td>{s.fileName ?? t('supply.byForm')}</td>
              <td>{dateTime(s.createdAt)}</td>
              <td>
                <SubmissionStatusBadge status={s.status} />
                {s.rejectReason ? <div className="muted">{s.rejectReason}</div> : null}
              </td>
              <td>{t('supply.rowsSummary', { valid: s.rowsValid, errors: s.errorCount })}</td>
              <td>
                <button type="button" className="link-button" onClick={() => setCurrent(s.id)}>
                  {t('supply.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
