import { useState } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { operationsApi, operationsUrls, type IncidentDetailView } from '../api/operationsApi';

/** Comment box and attachments (images, PDF) of an incident. */
export function IncidentComments({ incident }: { incident: IncidentDetailView }) {
  const { t, dateTime, num } = useI18n();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const guard = async (work: () => Promise<unknown>) => {
    try {
      setFailure(null);
      await work();
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <div className="ops-comments">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim())
            void guard(() => operationsApi.comment(incident.id, text.trim()).then(() => setText('')));
        }}
      >
        <label>
          {t('ops.comment')}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={5000} />
        </label>
        <button type="submit" className="button-secondary">
          {t('ops.comment.send')}
        </button>
      </form>
      <h4>{t('ops.attachments')}</h4>
      {incident.attachments.length === 0 ? <p className="muted">{t('ops.attachments.empty')}</p> : null}
      <ul data-testid="attachments">
        {incident.attachments.map((a) => (
          <li key={a.id}>
            <a href={operationsUrls.attachment(incident.id, a.id)} target="_blank" rel="noreferrer">
              {a.fileName}
            </a>{' '}
            <span className="muted small">
              {num(a.sizeBytes / 1024, 0)} KB · {a.uploadedBy} · {dateTime(a.uploadedAt)}
            </span>
          </li>
        ))}
      </ul>
      <label className="small">
        {t('ops.attachments.add')} <span className="muted">({t('ops.attachments.hint')})</span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void guard(() => operationsApi.attach(incident.id, file));
          }}
        />
      </label>
      {failure ? <ErrorMessage error={failure} /> : null}
    </div>
  );
}
