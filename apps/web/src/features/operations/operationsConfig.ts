import { EVENT_SEVERITIES, type EventSeverity } from '@ioc/shared';
import type { MessageKey } from '../../lib/i18n/messages';
import type { IncidentPolicyView, SopStepView } from './api/operationsConfigApi';

/** A row of the SLA editor as typed: numbers stay text until they are checked. */
export interface PolicyDraft {
  incidentType: string;
  severity: EventSeverity;
  ackMinutes: string;
  resolveMinutes: string;
  autoCreate: boolean;
  supervisorPersonCode: string;
  leaderPersonCode: string;
}

/** A step of the SOP editor as typed. */
export interface StepDraft {
  title: string;
  responsible: string;
  dueMinutes: string;
}

/** What is wrong, by `row.field` (row numbers from 0), as message keys. */
export type Problems = Record<string, MessageKey>;

/** A whole number of minutes above zero (the server takes any positive integer). */
const isMinutes = (s: string) => /^\d+$/.test(s.trim()) && Number(s) > 0 && Number.isSafeInteger(Number(s));

export const policyDraft = (p: IncidentPolicyView): PolicyDraft => ({
  ...p,
  ackMinutes: String(p.ackMinutes),
  resolveMinutes: String(p.resolveMinutes),
  supervisorPersonCode: p.supervisorPersonCode ?? '',
  leaderPersonCode: p.leaderPersonCode ?? '',
});

export const stepDraft = (s: SopStepView): StepDraft => ({ ...s, dueMinutes: String(s.dueMinutes) });

/** The checks of the server's schema, so the editor can point at the field before sending. */
export function policyProblems(rows: PolicyDraft[]): Problems {
  const problems: Problems = {};
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const type = r.incidentType.trim();
    if (!type) problems[`${i}.incidentType`] = 'opsConfig.error.typeRequired';
    else if (type.length > 100) problems[`${i}.incidentType`] = 'opsConfig.error.tooLong';
    else if (seen.has(`${type}|${r.severity}`)) problems[`${i}.severity`] = 'opsConfig.error.duplicate';
    seen.add(`${type}|${r.severity}`);
    if (!EVENT_SEVERITIES.includes(r.severity)) problems[`${i}.severity`] = 'opsConfig.error.severity';
    if (!isMinutes(r.ackMinutes)) problems[`${i}.ackMinutes`] = 'opsConfig.error.minutes';
    if (!isMinutes(r.resolveMinutes)) problems[`${i}.resolveMinutes`] = 'opsConfig.error.minutes';
    if (r.supervisorPersonCode.trim().length > 50)
      problems[`${i}.supervisorPersonCode`] = 'opsConfig.error.tooLong';
    if (r.leaderPersonCode.trim().length > 50) problems[`${i}.leaderPersonCode`] = 'opsConfig.error.tooLong';
  });
  return problems;
}

export function stepProblems(steps: StepDraft[]): Problems {
  const problems: Problems = {};
  steps.forEach((s, i) => {
    if (!s.title.trim()) problems[`${i}.title`] = 'opsConfig.error.required';
    else if (s.title.trim().length > 500) problems[`${i}.title`] = 'opsConfig.error.tooLong';
    if (!s.responsible.trim()) problems[`${i}.responsible`] = 'opsConfig.error.required';
    else if (s.responsible.trim().length > 200) problems[`${i}.responsible`] = 'opsConfig.error.tooLong';
    if (!isMinutes(s.dueMinutes)) problems[`${i}.dueMinutes`] = 'opsConfig.error.minutes';
  });
  return problems;
}

export const toPolicy = (r: PolicyDraft): IncidentPolicyView => ({
  incidentType: r.incidentType.trim(),
  severity: r.severity,
  ackMinutes: Number(r.ackMinutes),
  resolveMinutes: Number(r.resolveMinutes),
  autoCreate: r.autoCreate,
  supervisorPersonCode: r.supervisorPersonCode.trim() || null,
  leaderPersonCode: r.leaderPersonCode.trim() || null,
});

export const toStep = (s: StepDraft): SopStepView => ({
  title: s.title.trim(),
  responsible: s.responsible.trim(),
  dueMinutes: Number(s.dueMinutes),
});
