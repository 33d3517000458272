import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useI18n } from '../../../lib/i18n/useI18n';
import { login } from '../api/authApi';

export function LoginForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    login(username.trim(), password).then(
      () => {
        setBusy(false);
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof ApiError ? (lang === 'en' ? e.messageEn : e.messageVi) : t('common.error'));
      },
    );
  };

  return (
    <form className="login-form" onSubmit={submit} aria-describedby={error ? `${id}-error` : undefined}>
      <div className="field">
        <label htmlFor={`${id}-user`}>{t('login.username')}</label>
        <input
          id={`${id}-user`}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('login.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {error ? (
        <p id={`${id}-error`} className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('common.loading') : t('login.submit')}
      </button>
    </form>
  );
}
