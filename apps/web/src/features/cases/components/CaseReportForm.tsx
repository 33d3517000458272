import { CASE_CHANNELS, type CaseChannel } from '@ioc/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { PointMap } from '../../../lib/map/PointMap';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import {
  casesUrls,
  readPhoto,
  suggest,
  type CaseCategory,
  type ReportDraft,
  type Suggestion,
} from '../api/casesApi';

interface Props {
  /** `citizen`: the public page; `operator`: the hotline's fast form with suggestions. */
  mode: 'citizen' | 'operator';
  onSubmit: (draft: ReportDraft, submissionId: string) => Promise<unknown>;
}

/** One report: what, where (address, unit or a point clicked on the map), photos, who. */
export function CaseReportForm({ mode, onSubmit }: Props) {
  const { t, lang } = useI18n();
  const categories = useApi<{ categories: CaseCategory[] }>(casesUrls.categories).data?.categories ?? [];
  const units = useApi<{ units: { code: string; name: string; level: string }[] }>(
    mode === 'operator' ? '/api/v1/units' : null,
  ).data?.units;
  const [description, setDescription] = useState('');
  const [categoryCode, setCategoryCode] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [address, setAddress] = useState('');
  const [location, setLocation] = useState<[number, number] | null>(null);
  const [photos, setPhotos] = useState<{ name: string; data: string }[]>([]);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [isConfidential, setConfidential] = useState(false);
  const [channel, setChannel] = useState<CaseChannel>('phone');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  // One id per filled-in form: pressing send twice, or a retry after a lost answer, files one report.
  const submissionId = useRef(crypto.randomUUID());

  useEffect(() => {
    if (mode !== 'operator' || description.trim().length < 8) return;
    const timer = setTimeout(() => {
      suggest({
        text: description,
        ...(unitCode ? { unitCode } : {}),
        ...(location ? { location } : {}),
      }).then(setSuggestion, () => setSuggestion(null));
    }, 400);
    return () => clearTimeout(timer);
  }, [mode, description, unitCode, location]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(
        {
          description,
          ...(categoryCode ? { categoryCode } : {}),
          ...(unitCode ? { unitCode } : {}),
          ...(address ? { address } : {}),
          ...(location ? { location } : {}),
          reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) },
          isConfidential,
          photos,
          ...(mode === 'operator' ? { channel } : {}),
        },
        submissionId.current,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const label = (c: { name: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.name);
  return (
    <form className="case-form" onSubmit={(e) => void submit(e)} data-testid="case-form">
      {mode === 'operator' ? (
        <div className="field">
          <label htmlFor="case-channel">{t('cases.channel')}</label>
          <select
            id="case-channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as CaseChannel)}
          >
            {CASE_CHANNELS.filter((c) => c !== 'open311').map((c) => (
              <option key={c} value={c}>
                {t(`cases.channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="case-description">{t('cases.description')}</label>
        <textarea
          id="case-description"
          rows={4}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder={t('cases.descriptionHint')}
        />
      </div>
      <div className="field">
        <label htmlFor="case-category">{t('cases.category')}</label>
        <select id="case-category" value={categoryCode} onChange={(e) => setCategoryCode(e.target.value)}>
          <option value="">{t('cases.categoryAuto')}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {label(c)}
            </option>
          ))}
        </select>
      </div>
      {suggestion ? (
        <div className="case-suggestion" data-testid="case-suggestion" role="status">
          <p>
            {t('cases.suggested', {
              category: label(
                categories.find((c) => c.code === suggestion.categoryCode) ?? {
                  name: suggestion.categoryCode,
                  nameEn: suggestion.categoryCode,
                },
              ),
              agency: suggestion.organisation?.name ?? '—',
            })}
          </p>
          {suggestion.duplicates.length ? (
            <p className="warning-text">
              {t('cases.possibleDuplicates', { codes: suggestion.duplicates.map((d) => d.code).join(', ') })}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="case-address">{t('cases.address')}</label>
        <input id="case-address" value={address} onChange={(e) => setAddress(e.target.value)} />
      </div>
      {units ? (
        <div className="field">
          <label htmlFor="case-unit">{t('cases.unit')}</label>
          <select id="case-unit" value={unitCode} onChange={(e) => setUnitCode(e.target.value)}>
            <option value="">—</option>
            {units
              .filter((u) => u.level !== 'province')
              .map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <span className="field-label">{t('cases.pickOnMap')}</span>
        <PointMap
          ariaLabel={t('cases.pickOnMap')}
          points={location ? [{ id: 'picked', lonLat: location }] : []}
          onPick={setLocation}
          height={280}
        />
        <span className="field-hint" data-testid="case-location">
          {location ? `${location[1].toFixed(5)}, ${location[0].toFixed(5)}` : t('cases.noPoint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="case-photos">{t('cases.photos')}</label>
        <input
          id="case-photos"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          multiple
          onChange={(e) => {
            const files = [...(e.target.files ?? [])].slice(0, 5);
            Promise.all(files.map(readPhoto)).then(setPhotos, setError);
          }}
        />
        <span className="field-hint">{t('cases.photosHint', { count: photos.length })}</span>
      </div>
      <fieldset className="case-reporter">
        <legend>{mode === 'operator' ? t('cases.caller') : t('cases.you')}</legend>
        <div className="field">
          <label htmlFor="case-name">{t('cases.name')}</label>
          <input id="case-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </div>
        <div className="field">
          <label htmlFor="case-phone">{t('cases.phone')}</label>
          <input
            id="case-phone"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            inputMode="tel"
            autoComplete="tel"
          />
        </div>
        <div className="field">
          <label htmlFor="case-email">{t('cases.email')}</label>
          <input
            id="case-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="email"
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={isConfidential}
            onChange={(e) => setConfidential(e.target.checked)}
          />{' '}
          {t('cases.confidential')}
        </label>
      </fieldset>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button-primary" disabled={busy}>
        {mode === 'operator' ? t('cases.record') : t('cases.send')}
      </button>
    </form>
  );
}
