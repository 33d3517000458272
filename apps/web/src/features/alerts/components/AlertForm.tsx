import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_SEVERITIES,
  CAP_URGENCIES,
  type PublicAlert,
  type PublicAlertInput,
} from '@ioc/shared';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useI18n } from '../../../lib/i18n/useI18n';
import { FeatureMap } from '../../../lib/map/FeatureMap';
import { SelectField } from '../../../ui/SelectField';
import { useUnits } from '../../catalogue/hooks/useUnits';
import { useDistrictLabels } from '../../catalogue/hooks/useDistrictLabels';

/** `datetime-local` value (local time) for an ISO instant. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

type Text = {
  id: string;
  label: string;
  value: string;
  set: (v: string) => void;
  rows?: number;
  required?: boolean;
};

function TextField({ id, label, value, set, rows, required }: Text) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea
          id={id}
          rows={rows}
          value={value}
          required={required}
          onChange={(e) => set(e.target.value)}
        />
      ) : (
        <input id={id} value={value} required={required} onChange={(e) => set(e.target.value)} />
      )}
    </div>
  );
}

/**
 * Issue or update a public alert: what (event, category), how bad (severity, urgency, certainty),
 * the Vietnamese text (English optional), when, and where — districts ticked, and/or a polygon
 * drawn by clicking the map.
 */
export function AlertForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial?: PublicAlert;
  onSubmit: (input: PublicAlertInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { t, lang, pick } = useI18n();
  const id = useId();
  const { units } = useUnits({ level: 'district' });
  const now = new Date().toISOString();
  const [event, setEvent] = useState(initial?.event ?? '');
  const [category, setCategory] = useState<string>(initial?.category ?? 'Met');
  const [severity, setSeverity] = useState<string>(initial?.severity ?? 'Severe');
  const [urgency, setUrgency] = useState<string>(initial?.urgency ?? 'Expected');
  const [certainty, setCertainty] = useState<string>(initial?.certainty ?? 'Likely');
  const [headline, setHeadline] = useState(initial?.headline ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [instruction, setInstruction] = useState(initial?.instruction ?? '');
  const [headlineEn, setHeadlineEn] = useState(initial?.headlineEn ?? '');
  const [descriptionEn, setDescriptionEn] = useState(initial?.descriptionEn ?? '');
  const [instructionEn, setInstructionEn] = useState(initial?.instructionEn ?? '');
  const [effective, setEffective] = useState(toLocalInput(initial?.effective ?? now));
  const [expires, setExpires] = useState(
    toLocalInput(initial?.expires ?? new Date(Date.now() + 24 * 3600_000).toISOString()),
  );
  const [unitCodes, setUnitCodes] = useState<string[]>(initial?.unitCodes ?? []);
  const [polygon, setPolygon] = useState<[number, number][]>(
    initial?.polygon ? initial.polygon.slice(0, -1) : [],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = useDistrictLabels();

  const options = (values: readonly string[], group: string) =>
    values.map((v) => ({ value: v, label: t(`alerts.${group}.${v}` as never) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    onSubmit({
      event,
      category: category as PublicAlertInput['category'],
      severity: severity as PublicAlertInput['severity'],
      urgency: urgency as PublicAlertInput['urgency'],
      certainty: certainty as PublicAlertInput['certainty'],
      headline,
      description,
      instruction,
      headlineEn,
      descriptionEn,
      instructionEn,
      effective: new Date(effective).toISOString(),
      expires: new Date(expires).toISOString(),
      unitCodes,
      ...(polygon.length >= 3 ? { polygon } : {}),
    }).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(
          err instanceof ApiError ? (lang === 'en' ? err.messageEn : err.messageVi) : t('common.error'),
        );
      },
    );
  };

  return (
    <form
      className="alert-form"
      onSubmit={submit}
      aria-label={initial ? t('alerts.update') : t('alerts.issue')}
    >
      <div className="alert-form-grid">
        <TextField id={`${id}-event`} label={t('alerts.event')} value={event} set={setEvent} required />
        <SelectField
          label={t('alerts.category')}
          value={category}
          onChange={setCategory}
          options={options(CAP_CATEGORIES, 'category')}
        />
        <SelectField
          label={t('alerts.severityLabel')}
          value={severity}
          onChange={setSeverity}
          options={options(CAP_SEVERITIES, 'severity')}
        />
        <SelectField
          label={t('alerts.urgencyLabel')}
          value={urgency}
          onChange={setUrgency}
          options={options(CAP_URGENCIES, 'urgency')}
        />
        <SelectField
          label={t('alerts.certaintyLabel')}
          value={certainty}
          onChange={setCertainty}
          options={options(CAP_CERTAINTIES, 'certainty')}
        />
        <div className="field">
          <label htmlFor={`${id}-effective`}>{t('alerts.effective')}</label>
          <input
            id={`${id}-effective`}
            type="datetime-local"
            value={effective}
            onChange={(e) => setEffective(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-expires`}>{t('alerts.expires')}</label>
          <input
            id={`${id}-expires`}
            type="datetime-local"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            required
          />
        </div>
      </div>
      <TextField
        id={`${id}-headline`}
        label={t('alerts.headline')}
        value={headline}
        set={setHeadline}
        required
      />
      <TextField
        id={`${id}-description`}
        label={t('alerts.description')}
        value={description}
        set={setDescription}
        rows={3}
        required
      />
      <TextField
        id={`${id}-instruction`}
        label={t('alerts.instruction')}
        value={instruction}
        set={setInstruction}
        rows={2}
        required
      />
      <details>
        <summary>{t('alerts.english')}</summary>
        <TextField
          id={`${id}-headline-en`}
          label={t('alerts.headlineEn')}
          value={headlineEn}
          set={setHeadlineEn}
        />
        <TextField
          id={`${id}-description-en`}
          label={t('alerts.descriptionEn')}
          value={descriptionEn}
          set={setDescriptionEn}
          rows={3}
        />
        <TextField
          id={`${id}-instruction-en`}
          label={t('alerts.instructionEn')}
          value={instructionEn}
          set={setInstructionEn}
          rows={2}
        />
      </details>
      <fieldset className="alert-units">
        <legend>{t('alerts.units')}</legend>
        {(units ?? []).map((u) => (
          <label key={u.code}>
            <input
              type="checkbox"
              checked={unitCodes.includes(u.code)}
              onChange={(e) =>
                setUnitCodes((codes) =>
                  e.target.checked ? [...codes, u.code] : codes.filter((c) => c !== u.code),
                )
              }
            />{' '}
            {pick(u)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <span>{t('alerts.drawHelp', { count: polygon.length })}</span>
        <FeatureMap
          ariaLabel={t('alerts.drawMap')}
          labels={labels}
          draft={polygon}
          areas={initial && polygon.length === 0 && unitCodes.length === 0 ? [initial.area] : []}
          onMapClick={(lonLat) => setPolygon((p) => [...p, lonLat])}
          height={360}
          drawKey="alert-draw"
        />
        <button
          type="button"
          className="button-secondary"
          onClick={() => setPolygon([])}
          disabled={polygon.length === 0}
        >
          {t('alerts.clearDrawing')}
        </button>
      </div>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="submit" className="button-primary" disabled={busy}>
          {initial ? t('alerts.saveUpdate') : t('alerts.issue')}
        </button>
        {onCancel ? (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('alerts.back')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
