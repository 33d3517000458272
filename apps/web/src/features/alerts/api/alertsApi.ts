import type { CapSeverity, PublicAlert, PublicAlertInput } from '@ioc/shared';
import { requestJson } from '../../../lib/api/http';

export const alertsUrls = {
  public: '/api/v1/public/alerts',
  operator: '/api/v1/alerts',
};

export function issueAlert(input: PublicAlertInput): Promise<PublicAlert> {
  return requestJson('/api/v1/alerts', { method: 'POST', body: input });
}

export function updateAlert(id: string, input: PublicAlertInput): Promise<PublicAlert> {
  return requestJson(`/api/v1/alerts/${id}`, { method: 'PUT', body: input });
}

export function cancelAlert(id: string, reason: string): Promise<PublicAlert> {
  return requestJson(`/api/v1/alerts/${id}/cancel`, { method: 'POST', body: { reason } });
}

/** Severity colours, most severe darkest. */
export const SEVERITY_COLOURS: Record<CapSeverity, string> = {
  Extreme: '#7f1d1d',
  Severe: '#b91c1c',
  Moderate: '#c2410c',
  Minor: '#a16207',
  Unknown: '#475569',
};
