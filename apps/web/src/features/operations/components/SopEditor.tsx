import { useEffect, useState } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { operationsConfigApi, operationsConfigUrls, type SopStepView } from '../api/operationsConfigApi';
import { stepDraft, stepProblems, toStep, type StepDraft } from '../operationsConfig';
import { opsLabel } from '../operationsLabels';
import { EditorFooter, FieldProblem, useCheckedSave } from './ConfigEditorParts';

const NEW_STEP: StepDraft = { title: '', responsible: '', dueMinutes: '15' };
const FIELDS = ['title', 'responsible', 'dueMinutes'] as const;

/**
 * The SOP checklist of one incident type: steps (what, who, within how many minutes of the
 * incident) edited, added, moved and removed, then saved; new incidents of the type get them.
 */
export function SopEditor({ types }: { types: string[] }) {
  const { t, lang } = useI18n();
  const { data, error } = useApi<{ sops: Record<string, SopStepView[]> }>(operationsConfigUrls.sops);
  const [type, setType] = useState(types[0] ?? '');
  const [steps, setSteps] = useState<StepDraft[] | null>(null);
  const saving = useCheckedSave(
    () => stepProblems(steps ?? []),
    () => operationsConfigApi.saveSop(type, (steps ?? []).map(toStep)),
  );
  const { problems, reset } = saving;
  useEffect(() => {
    if (data) setSteps((data.sops[type] ?? []).map(stepDraft));
  }, [data, type]);
  // Another type: its own checks and save state.
  useEffect(reset, [type]);
  if (error) return <ErrorMessage error={error} />;
  if (!steps || !data) return <Loading />;

  const edit = (next: StepDraft[]) => {
    saving.edited();
    setSteps(next);
  };
  const move = (i: number, by: number) => {
    const next = [...steps];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    edit(next);
  };
  const label = {
    title: t('opsConfig.stepWhat'),
    responsible: t('opsConfig.stepWho'),
    dueMinutes: t('opsConfig.stepWithin'),
  };

  return (
    <form
      className="ops-config"
      data-testid="sop-editor"
      onSubmit={(e) => {
        e.preventDefault();
        saving.save();
      }}
    >
      <div className="field">
        <label htmlFor="sop-type">{t('opsConfig.type')}</label>
        <select id="sop-type" value={type} onChange={(e) => setType(e.target.value)}>
          {[...new Set([...types, ...Object.keys(data.sops)])].map((code) => (
            <option key={code} value={code}>
              {opsLabel(lang, 'type', code)}
              {data.sops[code]?.length
                ? ` (${t('opsConfig.stepCount', { count: data.sops[code].length })})`
                : ''}
            </option>
          ))}
        </select>
      </div>
      {steps.length === 0 ? <p className="muted">{t('ops.sop.empty')}</p> : null}
      <ol className="ops-config-steps">
        {steps.map((s, i) => (
          <li key={i} data-step={i + 1}>
            {FIELDS.map((name) => {
              const id = `sop-${i}-${name}`;
              const problem = problems[`${i}.${name}`];
              return (
                <div className="field" key={name}>
                  <label htmlFor={id}>
                    {label[name]} ({i + 1})
                  </label>
                  <input
                    id={id}
                    inputMode={name === 'dueMinutes' ? 'numeric' : undefined}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${id}-problem` : undefined}
                    value={s[name]}
                    onChange={(e) =>
                      edit(steps.map((x, j) => (j === i ? { ...x, [name]: e.target.value } : x)))
                    }
                  />
                  <FieldProblem problem={problem} id={`${id}-problem`} />
                </div>
              );
            })}
            <div className="ops-config-step-actions">
              <button
                type="button"
                className="button-secondary"
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                {t('opsConfig.up')}
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={i === steps.length - 1}
                onClick={() => move(i, 1)}
              >
                {t('opsConfig.down')}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => edit(steps.filter((_, j) => j !== i))}
              >
                {t('opsConfig.removeStep')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p className="muted">{t('opsConfig.sopHelp')}</p>
      <EditorFooter
        state={saving}
        addLabel={t('opsConfig.addStep')}
        onAdd={() => edit([...steps, { ...NEW_STEP }])}
        saveLabel={t('opsConfig.saveSop')}
      />
    </form>
  );
}
