/**
 * The incident lifecycle: new → acknowledged → assigned → in progress → resolved → closed, and
 * reopen. One table of transitions, used by the server to refuse invalid steps and by the web
 * app to offer only the valid buttons.
 */
import { z } from 'zod';
import { EVENT_SEVERITIES, type EventSeverity } from './events';

export const INCIDENT_STATUSES = [
  'new',
  'acknowledged',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_ACTIONS = ['acknowledge', 'assign', 'start', 'resolve', 'close', 'reopen'] as const;
export const incidentActionSchema = z.enum(INCIDENT_ACTIONS);
export type IncidentAction = z.infer<typeof incidentActionSchema>;

/** From which statuses each action may be taken. `assign` again re-assigns. */
const FROM: Record<IncidentAction, readonly IncidentStatus[]> = {
  acknowledge: ['new'],
  assign: ['acknowledged', 'assigned', 'in_progress'],
  start: ['assigned'],
  resolve: ['in_progress'],
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
};

/**
 * The status after `action`, or null when the action is not allowed from `status`. A reopened
 * incident goes back to its assignee when it has one, else to acknowledged.
 */
export function nextIncidentStatus(
  status: IncidentStatus,
  action: IncidentAction,
  hasAssignee: boolean,
): IncidentStatus | null {
  if (!FROM[action].includes(status)) return null;
  switch (action) {
    case 'acknowledge':
      return 'acknowledged';
    case 'assign':
      return status === 'in_progress' ? 'in_progress' : 'assigned';
    case 'start':
      return 'in_progress';
    case 'resolve':
      return 'resolved';
    case 'close':
      return 'closed';
    case 'reopen':
      return hasAssignee ? 'assigned' : 'acknowledged';
  }
}

/** The actions that are valid from `status`, in lifecycle order. */
export function allowedIncidentActions(status: IncidentStatus): IncidentAction[] {
  return INCIDENT_ACTIONS.filter((a) => FROM[a].includes(status));
}

/** True while the incident still needs work (its resolution SLA runs). */
export function isIncidentOpen(status: IncidentStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/** 0 (info) … 4 (extreme), for "at least severe" comparisons. */
export function severityRank(severity: EventSeverity): number {
  return EVENT_SEVERITIES.indexOf(severity);
}

/** Names of statuses and actions, Vietnamese first, for messages and screens. */
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, { vi: string; en: string }> = {
  new: { vi: 'Mới', en: 'New' },
  acknowledged: { vi: 'Đã tiếp nhận', en: 'Acknowledged' },
  assigned: { vi: 'Đã phân công', en: 'Assigned' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  resolved: { vi: 'Đã xử lý xong', en: 'Resolved' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
};

export const INCIDENT_ACTION_LABELS: Record<IncidentAction, { vi: string; en: string }> = {
  acknowledge: { vi: 'Tiếp nhận', en: 'Acknowledge' },
  assign: { vi: 'Phân công', en: 'Assign' },
  start: { vi: 'Bắt đầu xử lý', en: 'Start work' },
  resolve: { vi: 'Đã xử lý xong', en: 'Resolve' },
  close: { vi: 'Đóng sự cố', en: 'Close' },
  reopen: { vi: 'Mở lại', en: 'Reopen' },
};
