import { useId, useState, type FormEvent } from 'react';
import type { Role } from '@ioc/shared';
import { ApiError } from '../../../lib/api/http';
import { useI18n } from '../../../lib/i18n/useI18n';
import { postExplanation, type EntryKind } from '../api/explanationsApi';

/** Data officers explain; leaders and analysts comment (either can be chosen). */
export function ExplanationForm({
  code,
  unit,
  period,
  role,
  onPosted,
}: {
  code: string;
  unit: string;
  period: string;
  role: Role;
  onPosted: () => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<EntryKind>(role === 'data_officer' ? 'explanation' : 'comment');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    postExplanation(code, { unit, period, text: text.trim(), kind }).then(
      () => {
        setBusy(false);
        setText('');
        onPosted();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof ApiError ? (lang === 'en' ? e.messageEn : e.messageVi) : t('common.error'));
      },
    );
  };

  return (
    <form className="explanation-form" onSubmit={submit}>
      <fieldset className="segmented">
        <legend>{t('explanations.kindLabel')}</legend>
        <div className="segmented-options">
          {(['explanation', 'comment'] as const).map((k) => (
            <label key={k} className={kind === k ? 'is-selected' : undefined}>
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              {t(`explanations.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('explanations.text')}</label>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={3}
          maxLength={5000}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={busy || !text.trim()}>
        {t('explanations.submit')}
      </button>
    </form>
  );
}
