import { validationRuleSchema, type DataSetInput } from '@ioc/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api/http';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { saveDataSet, type DataSet } from '../api/supplyApi';

const list = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

interface Draft {
  code: string;
  name: string;
  organisationCode: string;
  indicatorCodes: string;
  unitMode: 'codes' | 'children';
  unitCodes: string;
  parentCode: string;
  level: 'district' | 'commune';
  frequency: DataSet['frequency'];
  daysAfterEnd: string;
  time: string;
  channel: DataSet['channel'];
  allowPartial: boolean;
  responsible: string;
  approver: string;
  remindBeforeHours: string;
  rules: string;
}

const EMPTY: Draft = {
  code: '',
  name: '',
  organisationCode: '',
  indicatorCodes: '',
  unitMode: 'children',
  unitCodes: '',
  parentCode: '',
  level: 'commune',
  frequency: 'month',
  daysAfterEnd: '5',
  time: '17:00',
  channel: 'file',
  allowPartial: false,
  responsible: '',
  approver: '',
  remindBeforeHours: '24',
  rules: '[]',
};

function toDraft(d: DataSet): Draft {
  return {
    code: d.code,
    name: d.name,
    organisationCode: d.organisationCode,
    indicatorCodes: d.indicatorCodes.join(', '),
    unitMode: 'codes' in d.units ? 'codes' : 'children',
    unitCodes: 'codes' in d.units ? d.units.codes.join(', ') : '',
    parentCode: 'parentCode' in d.units ? d.units.parentCode : '',
    level: 'level' in d.units ? d.units.level : 'commune',
    frequency: d.frequency,
    daysAfterEnd: String(d.deadline.daysAfterEnd),
    time: d.deadline.time,
    channel: d.channel,
    allowPartial: d.allowPartial,
    responsible: d.responsiblePersonCodes.join(', '),
    approver: d.approverPersonCode ?? '',
    remindBeforeHours: String(d.remindBeforeHours),
    rules: JSON.stringify(d.rules, null, 2),
  };
}

/** Administrators define what each organisation supplies, how often, by when and through which channel. */
export function DataSetEditor() {
  const { t, lang } = useI18n();
  const { data } = useApi<{ dataSets: DataSet[] }>('/api/v1/data-sets');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const text = (key: keyof Draft, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`ds-${key}`}>{label}</label>
      <input
        id={`ds-${key}`}
        value={String(draft[key])}
        onChange={(e) => set(key, e.target.value as never)}
      />
      {hint ? <small className="field-hint">{hint}</small> : null}
    </div>
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    let rules: DataSetInput['rules'];
    try {
      rules = validationRuleSchema.array().parse(JSON.parse(draft.rules));
    } catch {
      return setMessage({ ok: false, text: t('supply.rulesInvalid') });
    }
    saveDataSet({
      code: draft.code,
      name: draft.name,
      organisationCode: draft.organisationCode,
      indicatorCodes: list(draft.indicatorCodes),
      units:
        draft.unitMode === 'codes'
          ? { codes: list(draft.unitCodes) }
          : { parentCode: draft.parentCode.trim(), level: draft.level },
      frequency: draft.frequency,
      deadline: { daysAfterEnd: Number(draft.daysAfterEnd), time: draft.time },
      channel: draft.channel,
      allowPartial: draft.allowPartial,
      responsiblePersonCodes: list(draft.responsible),
      approverPersonCode: draft.approver.trim() || null,
      remindBeforeHours: Number(draft.remindBeforeHours),
      rules,
    }).then(
      (d) => setMessage({ ok: true, text: t('supply.saved', { code: d.code }) }),
      (e: unknown) =>
        setMessage({
          ok: false,
          text: e instanceof ApiError ? (lang === 'en' ? e.messageEn : e.messageVi) : t('common.error'),
        }),
    );
  };

  return (
    <div className="data-set-editor">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('supply.code')}</th>
            <th scope="col">{t('supply.dataSet')}</th>
            <th scope="col">{t('supply.organisation')}</th>
            <th scope="col">{t('supply.frequency')}</th>
            <th scope="col">{t('supply.deadline')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(data?.dataSets ?? []).map((d) => (
            <tr key={d.code}>
              <td>{d.code}</td>
              <td>{d.name}</td>
              <td>{d.organisationName}</td>
              <td>{t(`supply.freq.${d.frequency}`)}</td>
              <td>{t('supply.deadlineRule', { days: d.deadline.daysAfterEnd, time: d.deadline.time })}</td>
              <td>
                <button type="button" className="link-button" onClick={() => setDraft(toDraft(d))}>
                  {t('supply.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit} className="detail-grid">
        {text('code', t('supply.code'))}
        {text('name', t('supply.name'))}
        {text('organisationCode', t('supply.organisationCode'))}
        {text('indicatorCodes', t('supply.indicatorCodes'), t('supply.listHint'))}
        <div className="field">
          <label htmlFor="ds-unitMode">{t('supply.units')}</label>
          <select
            id="ds-unitMode"
            value={draft.unitMode}
            onChange={(e) => set('unitMode', e.target.value as Draft['unitMode'])}
          >
            <option value="children">{t('supply.unitsChildren')}</option>
            <option value="codes">{t('supply.unitsList')}</option>
          </select>
        </div>
        {draft.unitMode === 'codes' ? (
          text('unitCodes', t('supply.unitCodes'), t('supply.listHint'))
        ) : (
          <>
            {text('parentCode', t('supply.parentCode'))}
            <div className="field">
              <label htmlFor="ds-level">{t('supply.level')}</label>
              <select
                id="ds-level"
                value={draft.level}
                onChange={(e) => set('level', e.target.value as Draft['level'])}
              >
                <option value="commune">{t('supply.communes')}</option>
                <option value="district">{t('supply.districts')}</option>
              </select>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="ds-frequency">{t('supply.frequency')}</label>
          <select
            id="ds-frequency"
            value={draft.frequency}
            onChange={(e) => set('frequency', e.target.value as Draft['frequency'])}
          >
            {(['day', 'month', 'quarter', 'year'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`supply.freq.${f}`)}
              </option>
            ))}
          </select>
        </div>
        {text('daysAfterEnd', t('supply.daysAfterEnd'))}
        {text('time', t('supply.time'))}
        <div className="field">
          <label htmlFor="ds-channel">{t('supply.channel')}</label>
          <select
            id="ds-channel"
            value={draft.channel}
            onChange={(e) => set('channel', e.target.value as Draft['channel'])}
          >
            {(['file', 'form', 'api'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`supply.channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={draft.allowPartial}
              onChange={(e) => set('allowPartial', e.target.checked)}
            />{' '}
            {t('supply.allowPartial')}
          </label>
        </div>
        {text('responsible', t('supply.responsible'), t('supply.listHint'))}
        {text('approver', t('supply.approver'))}
        {text('remindBeforeHours', t('supply.remindBeforeHours'))}
        <div className="field">
          <label htmlFor="ds-rules">{t('supply.rules')}</label>
          <textarea
            id="ds-rules"
            rows={6}
            value={draft.rules}
            onChange={(e) => set('rules', e.target.value)}
          />
          <small className="field-hint">{t('supply.rulesHint')}</small>
        </div>
        <button type="submit" className="button-primary">
          {t('supply.save')}
        </button>
        {message ? (
          <p role="status" className={message.ok ? 'success-message' : 'error-message'}>
            {message.text}
          </p>
        ) : null}
      </form>
    </div>
  );
}
