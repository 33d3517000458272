import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useI18n } from '../../../lib/i18n/useI18n';
import { uploadFile } from '../api/supplyApi';

/** Picks an XLSX or CSV file and uploads it, showing the share sent. */
export function FileUpload({
  dataSet,
  period,
  onUploaded,
}: {
  dataSet: string;
  period: string;
  onUploaded: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [share, setShare] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setNotice(null);
    setShare(0);
    uploadFile(dataSet, period, file, setShare).then(
      (result) => {
        if (result.duplicate) setNotice(t('supply.duplicate'));
        onUploaded(result.submission.id);
      },
      (e: unknown) => {
        setShare(null);
        setError(e instanceof ApiError ? (lang === 'en' ? e.messageEn : e.messageVi) : t('common.error'));
      },
    );
  };

  return (
    <form className="boundary-upload" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('supply.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" className="button-primary" disabled={!file || !period}>
        {t('supply.upload')}
      </button>
      {share !== null ? (
        <div className="field">
          <label htmlFor={`${id}-up`}>
            {t('supply.uploadProgress', { percent: Math.round(share * 100) })}
          </label>
          <progress id={`${id}-up`} max={1} value={share} />
        </div>
      ) : null}
      {notice ? <p className="note">{notice}</p> : null}
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
