import { EVENT_SEVERITIES, type EventSeverity } from '@ioc/shared';
import { useEffect, useState } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import {
  operationsConfigApi,
  operationsConfigUrls,
  type IncidentPolicyView,
} from '../api/operationsConfigApi';
import { policyDraft, policyProblems, toPolicy, type PolicyDraft } from '../operationsConfig';
import { opsLabel } from '../operationsLabels';
import { EditorFooter, FieldProblem, useCheckedSave } from './ConfigEditorParts';

const NEW_ROW: PolicyDraft = {
  incidentType: '',
  severity: 'moderate',
  ackMinutes: '15',
  resolveMinutes: '240',
  autoCreate: false,
  supervisorPersonCode: '',
  leaderPersonCode: '',
};

/** SLA policies per incident type and severity: listed, edited in place, new ones added, saved together. */
export function SlaPolicyEditor({ types }: { types: string[] }) {
  const { t, lang } = useI18n();
  const { data, error } = useApi<{ policies: IncidentPolicyView[] }>(operationsConfigUrls.policies);
  const [rows, setRows] = useState<PolicyDraft[] | null>(null);
  const saving = useCheckedSave(
    () => policyProblems(rows ?? []),
    () => operationsConfigApi.savePolicies((rows ?? []).map(toPolicy)),
  );
  const problems = saving.problems;
  useEffect(() => {
    if (data) setRows(data.policies.map(policyDraft));
  }, [data]);
  if (error) return <ErrorMessage error={error} />;
  if (!rows) return <Loading />;

  const change = (i: number, patch: Partial<PolicyDraft>) => {
    saving.edited();
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const field = (i: number, name: keyof PolicyDraft, label: string) => {
    const id = `sla-${i}-${name}`;
    const problem = problems[`${i}.${name}`];
    return (
      <td>
        <input
          id={id}
          aria-label={`${label} (${i + 1})`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          inputMode={name.endsWith('Minutes') ? 'numeric' : undefined}
          value={rows[i]![name] as string}
          onChange={(e) => change(i, { [name]: e.target.value })}
        />
        <FieldProblem problem={problem} id={`${id}-problem`} />
      </td>
    );
  };

  return (
    <form
      className="ops-config"
      data-testid="sla-editor"
      onSubmit={(e) => {
        e.preventDefault();
        saving.save();
      }}
    >
      <datalist id="incident-types">
        {types.map((type) => (
          <option key={type} value={type}>
            {opsLabel(lang, 'type', type)}
          </option>
        ))}
      </datalist>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('opsConfig.type')}</th>
              <th scope="col">{t('opsConfig.severity')}</th>
              <th scope="col">{t('opsConfig.ackMinutes')}</th>
              <th scope="col">{t('opsConfig.resolveMinutes')}</th>
              <th scope="col">{t('opsConfig.autoCreate')}</th>
              <th scope="col">{t('opsConfig.supervisor')}</th>
              <th scope="col">{t('opsConfig.leader')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-policy={`${r.incidentType}|${r.severity}`}>
                <td>
                  <input
                    id={`sla-${i}-incidentType`}
                    list="incident-types"
                    aria-label={`${t('opsConfig.type')} (${i + 1})`}
                    aria-invalid={problems[`${i}.incidentType`] ? true : undefined}
                    value={r.incidentType}
                    onChange={(e) => change(i, { incidentType: e.target.value })}
                  />
                  <span className="muted">
                    {r.incidentType === '*' ? t('opsConfig.anyType') : opsLabel(lang, 'type', r.incidentType)}
                  </span>
                  <FieldProblem
                    problem={problems[`${i}.incidentType`]}
                    id={`sla-${i}-incidentType-problem`}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${t('opsConfig.severity')} (${i + 1})`}
                    aria-invalid={problems[`${i}.severity`] ? true : undefined}
                    value={r.severity}
                    onChange={(e) => change(i, { severity: e.target.value as EventSeverity })}
                  >
                    {EVENT_SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {opsLabel(lang, 'severity', s)}
                      </option>
                    ))}
                  </select>
                  <FieldProblem problem={problems[`${i}.severity`]} id={`sla-${i}-severity-problem`} />
                </td>
                {field(i, 'ackMinutes', t('opsConfig.ackMinutes'))}
                {field(i, 'resolveMinutes', t('opsConfig.resolveMinutes'))}
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('opsConfig.autoCreate')} (${i + 1})`}
                    checked={r.autoCreate}
                    onChange={(e) => change(i, { autoCreate: e.target.checked })}
                  />
                </td>
                {field(i, 'supervisorPersonCode', t('opsConfig.supervisor'))}
                {field(i, 'leaderPersonCode', t('opsConfig.leader'))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('opsConfig.slaHelp')}</p>
      <EditorFooter
        state={saving}
        addLabel={t('opsConfig.addPolicy')}
        onAdd={() => setRows([...rows, { ...NEW_ROW }])}
        saveLabel={t('opsConfig.savePolicies')}
      />
    </form>
  );
}
