import type { FieldRef } from '@ioc/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useI18n } from '../../../lib/i18n/useI18n';
import { saveConnector, type ConnectorView } from '../api/connectorsApi';

const FIELDS = ['indicator', 'unit', 'period', 'value', 'disaggregation'] as const;
type MappedField = (typeof FIELDS)[number];

/** `name` reads the record's field; `=VALUE` is a constant. */
function refText(ref: FieldRef | undefined): string {
  if (!ref) return '';
  return 'constant' in ref ? `=${ref.constant}` : ref.field;
}

function toRef(text: string): FieldRef | undefined {
  const value = text.trim();
  if (!value) return undefined;
  return value.startsWith('=') ? { constant: value.slice(1) } : { field: value };
}

/** Creates or edits a connector; secret headers are sent only when typed, and never shown back. */
export function ConnectorForm({
  initial,
  onSaved,
}: {
  initial: ConnectorView | null;
  onSaved: (code: string) => void;
}) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState(
    () =>
      ({
        code: initial?.code ?? '',
        name: initial?.name ?? '',
        url: initial?.url ?? 'https://',
        method: initial?.method ?? 'GET',
        scheduleKind: initial?.schedule.kind ?? 'interval',
        minutes: String(initial?.schedule.kind === 'interval' ? initial.schedule.minutes : 60),
        time: initial?.schedule.kind === 'daily' ? initial.schedule.time : '16:30',
        headers: '',
        format: initial?.format ?? 'json',
        recordsPath: initial?.recordsPath ?? '',
        cursorField: initial?.cursor?.field ?? '',
        cursorParam: initial?.cursor?.param ?? '',
        allowPartial: initial?.allowPartial ?? false,
        maxAttempts: String(initial?.maxAttempts ?? 3),
        timeoutMs: String(initial?.timeoutMs ?? 30000),
        isActive: initial?.isActive ?? true,
        ...Object.fromEntries(FIELDS.map((f) => [f, refText(initial?.mapping[f])])),
      }) as Record<string, string | boolean>,
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: string, value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: string) => String(form[key] ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const headerLines = text('headers')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const headers = Object.fromEntries(
      headerLines.map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const mapping = Object.fromEntries(
      FIELDS.flatMap((f: MappedField) => {
        const ref = toRef(text(f));
        return ref ? [[f, ref]] : [];
      }),
    );
    const body = {
      code: text('code'),
      name: text('name'),
      url: text('url'),
      method: text('method'),
      schedule:
        form.scheduleKind === 'daily'
          ? { kind: 'daily', time: text('time') }
          : { kind: 'interval', minutes: Number(text('minutes')) },
      ...(headerLines.length > 0 ? { headers } : {}),
      format: text('format'),
      ...(text('recordsPath') ? { recordsPath: text('recordsPath') } : {}),
      mapping,
      ...(text('cursorField') && text('cursorParam')
        ? { cursor: { field: text('cursorField'), param: text('cursorParam') } }
        : {}),
      allowPartial: Boolean(form.allowPartial),
      maxAttempts: Number(text('maxAttempts')),
      timeoutMs: Number(text('timeoutMs')),
      isActive: Boolean(form.isActive),
    };
    setBusy(true);
    setMessage(null);
    saveConnector(body).then(
      (saved) => {
        setBusy(false);
        // The secret has been sent; it does not stay on screen.
        set('headers', '');
        setMessage({ ok: true, text: t('connectors.saved', { code: saved.code }) });
        onSaved(saved.code);
      },
      (error: unknown) => {
        setBusy(false);
        setMessage({
          ok: false,
          text:
            error instanceof ApiError ? (lang === 'en' ? error.messageEn : error.messageVi) : String(error),
        });
      },
    );
  };

  const input = (key: string, label: string, type = 'text') => (
    <label className="form-field">
      <span>{label}</span>
      <input type={type} value={text(key)} onChange={(e) => set(key, e.target.value)} />
    </label>
  );

  return (
    <form onSubmit={submit} className="connector-form" data-testid="connector-form">
      <div className="form-grid">
        {input('code', t('connectors.code'))}
        {input('name', t('connectors.name'))}
        {input('url', t('connectors.url'), 'url')}
        <label className="form-field">
          <span>{t('connectors.method')}</span>
          <select value={text('method')} onChange={(e) => set('method', e.target.value)}>
            <option value="GET">GET</option>
            <option value="POST">POST</option>
          </select>
        </label>
        <label className="form-field">
          <span>{t('connectors.schedule')}</span>
          <select value={text('scheduleKind')} onChange={(e) => set('scheduleKind', e.target.value)}>
            <option value="interval">{t('connectors.scheduleInterval')}</option>
            <option value="daily">{t('connectors.scheduleDaily')}</option>
          </select>
        </label>
        {form.scheduleKind === 'daily'
          ? input('time', t('connectors.dailyAt'), 'time')
          : input('minutes', t('connectors.everyMinutes'), 'number')}
        <label className="form-field">
          <span>{t('connectors.format')}</span>
          <select value={text('format')} onChange={(e) => set('format', e.target.value)}>
            <option value="json">JSON</option>
            <option value="csv">CSV</option>
          </select>
        </label>
        {input('recordsPath', t('connectors.recordsPath'))}
        {input('cursorField', t('connectors.cursorField'))}
        {input('cursorParam', t('connectors.cursorParam'))}
        {input('maxAttempts', t('connectors.maxAttempts'), 'number')}
        {input('timeoutMs', t('connectors.timeoutMs'), 'number')}
      </div>
      <label className="form-field">
        <span>{t('connectors.headers')}</span>
        <textarea rows={2} value={text('headers')} onChange={(e) => set('headers', e.target.value)} />
        {initial && Object.keys(initial.headers).length > 0 ? (
          <small className="muted">
            {t('connectors.headersStored', {
              names: Object.entries(initial.headers)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', '),
            })}
          </small>
        ) : null}
      </label>
      <fieldset>
        <legend>{t('connectors.mapping')}</legend>
        <p className="muted">{t('connectors.mappingHelp')}</p>
        <div className="form-grid">{FIELDS.map((f) => input(f, t(`connectors.field.${f}`)))}</div>
      </fieldset>
      <label>
        <input
          type="checkbox"
          checked={Boolean(form.allowPartial)}
          onChange={(e) => set('allowPartial', e.target.checked)}
        />{' '}
        {t('connectors.allowPartial')}
      </label>{' '}
      <label>
        <input
          type="checkbox"
          checked={Boolean(form.isActive)}
          onChange={(e) => set('isActive', e.target.checked)}
        />{' '}
        {t('connectors.active')}
      </label>
      <p>
        <button type="submit" disabled={busy}>
          {t('connectors.save')}
        </button>
      </p>
      {message ? (
        <p
          className={message.ok ? 'success-message' : 'error-message'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
