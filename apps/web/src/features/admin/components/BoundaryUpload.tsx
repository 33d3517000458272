import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { useSession } from '../../auth/hooks/useSession';
import { uploadBoundaries, type BoundaryUploadResult } from '../api/boundariesApi';

/** Administrators load official unit boundaries from a GeoJSON file (features with properties.code). */
export function BoundaryUpload() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<BoundaryUploadResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user === undefined) return null;
  if (user === null || user.role !== 'administrator') {
    return (
      <p className="error-message" role="alert">
        {t('admin.onlyAdmins')}{' '}
        {user === null ? <Link to="/login?next=/admin/boundaries">{t('login.title')}</Link> : null}
      </p>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    file
      .text()
      .then((text) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new Error(t('admin.notJson'));
        }
        const collection = parsed as { type?: string; features?: unknown[] };
        if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
          throw new Error(t('admin.notFeatureCollection'));
        }
        return uploadBoundaries(parsed);
      })
      .then(
        (r) => {
          setBusy(false);
          setResult(r);
        },
        (e: unknown) => {
          setBusy(false);
          setError(
            e instanceof ApiError
              ? lang === 'en'
                ? e.messageEn
                : e.messageVi
              : e instanceof Error
                ? e.message
                : t('common.error'),
          );
        },
      );
  };

  return (
    <form className="boundary-upload" onSubmit={submit}>
      <p>{t('admin.boundariesHelp')}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('admin.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" className="button-primary" disabled={!file || busy}>
        {busy ? t('common.loading') : t('admin.upload')}
      </button>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div role="status" data-testid="boundary-result">
          <p className="success-message">{t('admin.updated', { count: result.updated })}</p>
          {result.errors.length > 0 ? (
            <table className="data-table">
              <caption>{t('admin.errors', { count: result.errors.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.feature')}</th>
                  <th scope="col">{t('admin.code')}</th>
                  <th scope="col">{t('admin.message')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.feature}</td>
                    <td>{e.code ?? '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
