import {
  INCIDENT_ACTION_LABELS,
  INCIDENT_STATUS_LABELS,
  type IncidentAction,
  type IncidentStatus,
  type Lang,
} from '@ioc/shared';
import { messages, type MessageKey } from '../../lib/i18n/messages';

/** A known type, severity or timeline step in the user's language; an unknown code as it is. */
export function opsLabel(lang: Lang, group: 'type' | 'severity' | 'timeline', code: string): string {
  const key = `ops.${group}.${code}`;
  return key in messages[lang] ? messages[lang][key as MessageKey] : code;
}

export function statusLabel(lang: Lang, status: IncidentStatus): string {
  return INCIDENT_STATUS_LABELS[status][lang];
}

export function actionLabel(lang: Lang, action: IncidentAction): string {
  return INCIDENT_ACTION_LABELS[action][lang];
}

/** "mm:ss" or "h giờ mm" for a duration in ms, for SLA countdowns. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

export const SEVERITY_COLOURS: Record<string, string> = {
  info: '#64748b',
  minor: '#0ea5e9',
  moderate: '#eab308',
  severe: '#f97316',
  extreme: '#dc2626',
};
