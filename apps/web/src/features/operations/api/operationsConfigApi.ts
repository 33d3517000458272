import type { EventSeverity } from '@ioc/shared';
import { requestJson } from '../../../lib/api/http';
import { invalidateQueries } from '../../../lib/api/query';

/** SLA and auto-creation for one incident type ('*' = any type) and severity. */
export interface IncidentPolicyView {
  incidentType: string;
  severity: EventSeverity;
  ackMinutes: number;
  resolveMinutes: number;
  autoCreate: boolean;
  supervisorPersonCode: string | null;
  leaderPersonCode: string | null;
}

/** One step of a standard operating procedure: who does what within how many minutes. */
export interface SopStepView {
  title: string;
  responsible: string;
  dueMinutes: number;
}

export const operationsConfigUrls = {
  policies: '/api/v1/incident-policies',
  sops: '/api/v1/sops',
};

const isConfigUrl = (url: string) => Object.values(operationsConfigUrls).includes(url);

export const operationsConfigApi = {
  async savePolicies(policies: IncidentPolicyView[]): Promise<void> {
    await requestJson(operationsConfigUrls.policies, { method: 'PUT', body: { policies } });
    invalidateQueries(isConfigUrl);
  },
  async saveSop(incidentType: string, steps: SopStepView[]): Promise<void> {
    await requestJson(`/api/v1/sops/${encodeURIComponent(incidentType)}`, { method: 'PUT', body: { steps } });
    invalidateQueries(isConfigUrl);
  },
};
