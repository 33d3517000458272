import type { ConnectorRunStatus, ConnectorSchedule, FieldRef } from '@ioc/shared';
import { requestJson } from '../../../lib/api/http';
import { invalidateQueries } from '../../../lib/api/query';

export interface ConnectorRunView {
  id: string;
  trigger: 'schedule' | 'manual';
  status: ConnectorRunStatus;
  startedAt: string;
  finishedAt: string | null;
  attempts: number;
  rowsFetched: number;
  rowsStored: number;
  rowsUnchanged: number;
  rowsRejected: number;
  errors: (
    { row: number; field: string; message: string; messageEn: string } | { attempt: number; message: string }
  )[];
  message: string | null;
  cursorBefore: string | null;
  cursorAfter: string | null;
}

export interface ConnectorView {
  code: string;
  name: string;
  url: string;
  method: 'GET' | 'POST';
  schedule: ConnectorSchedule;
  /** Header names with masked values: the API never returns a secret in full. */
  headers: Record<string, string>;
  format: 'json' | 'csv';
  recordsPath: string | null;
  mapping: {
    indicator: FieldRef;
    unit: FieldRef;
    period: FieldRef;
    value: FieldRef;
    disaggregation?: FieldRef;
  };
  cursor: { field: string; param: string } | null;
  cursorValue: string | null;
  allowPartial: boolean;
  maxAttempts: number;
  timeoutMs: number;
  isActive: boolean;
  nextRunAt: string | null;
  lastRun?: ConnectorRunView | null;
}

const refresh = () => invalidateQueries((url) => url.startsWith('/api/v1/connectors'));

export async function saveConnector(body: unknown): Promise<ConnectorView> {
  const { connector } = await requestJson<{ connector: ConnectorView }>('/api/v1/connectors', {
    method: 'POST',
    body,
  });
  refresh();
  return connector;
}

export async function runConnector(code: string): Promise<ConnectorRunView> {
  const { run } = await requestJson<{ run: ConnectorRunView }>(
    `/api/v1/connectors/${encodeURIComponent(code)}/run`,
    { method: 'POST' },
  );
  refresh();
  return run;
}
