import type { DataSetInput, ValidationRule } from '@ioc/shared';
import { ApiError, requestJson } from '../../../lib/api/http';
import { invalidateQueries } from '../../../lib/api/query';

export interface DataSet {
  code: string;
  name: string;
  nameEn: string | null;
  organisationCode: string;
  organisationName: string;
  indicatorCodes: string[];
  units: { codes: string[] } | { parentCode: string; level: 'district' | 'commune' };
  frequency: 'day' | 'month' | 'quarter' | 'year';
  deadline: { daysAfterEnd: number; time: string };
  channel: 'file' | 'form' | 'api';
  allowPartial: boolean;
  responsiblePersonCodes: string[];
  approverPersonCode: string | null;
  rules: ValidationRule[];
  remindBeforeHours: number;
  isActive: boolean;
  /** The period usually reported now (the last one with reporting units). */
  suggestedPeriod: string;
}

export type SubmissionStatus =
  'queued' | 'processing' | 'failed' | 'draft' | 'submitted' | 'rejected' | 'published';

export interface Finding {
  row: number;
  column: string;
  field: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  messageEn: string;
  value?: string;
}

export interface Submission {
  id: string;
  dataSet: { code: string; name: string; allowPartial: boolean };
  period: string;
  periodLabel: string;
  channel: 'file' | 'form';
  fileName: string | null;
  status: SubmissionStatus;
  progress: { processed: number; total: number };
  rowsValid: number;
  errorCount: number;
  warningCount: number;
  canSubmit: boolean;
  failure: string | null;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  report?: Finding[];
}

export interface FormGrid {
  indicators: { code: string; name: string; unitOfMeasure: string }[];
  units: { code: string; name: string; values: Record<string, number | null> }[];
}

export interface Counts {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  reportingRate: number | null;
  onTimeRate: number | null;
}

export interface Scoreboard {
  window: { from: string; to: string };
  lateThreshold: number;
  dataSets: {
    code: string;
    name: string;
    organisation: { code: string; name: string };
    frequency: string;
    totals: Counts;
    periods: (Counts & {
      period: string;
      label: string;
      deadline: string;
      reminders: { before: number; after: number };
    })[];
  }[];
  organisations: {
    code: string;
    name: string;
    totals: Counts;
    latePeriods: number;
    reminders: number;
    isFlagged: boolean;
  }[];
  flaggedUnits: {
    dataSet: string;
    organisation: string;
    unit: { code: string; name: string };
    late: number;
    missing: number;
  }[];
}

const refreshSupply = () =>
  invalidateQueries((url) => url.startsWith('/api/v1/submissions') || url.startsWith('/api/v1/supply'));

export function periodPath(dataSet: string, period: string): string {
  return `/api/v1/data-sets/${encodeURIComponent(dataSet)}/periods/${encodeURIComponent(period)}`;
}

/**
 * Sends a file as the raw body; `onProgress` gets the share uploaded (0–1). XMLHttpRequest,
 * because fetch does not report upload progress.
 */
export function uploadFile(
  dataSet: string,
  period: string,
  file: File,
  onProgress: (share: number) => void,
): Promise<{ duplicate: boolean; submission: Submission }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${periodPath(dataSet, period)}/uploads?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => (e.lengthComputable ? onProgress(e.loaded / e.total) : undefined);
    xhr.onerror = () =>
      reject(new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ', 'Cannot reach the server'));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: reported by status below
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        refreshSupply();
        resolve(body as { duplicate: boolean; submission: Submission });
      } else {
        reject(
          new ApiError(
            xhr.status,
            String(body.code ?? `HTTP_${xhr.status}`),
            String(body.message ?? `Lỗi máy chủ (${xhr.status})`),
            String(body.messageEn ?? `Server error (${xhr.status})`),
          ),
        );
      }
    };
    xhr.send(file);
  });
}

export async function sendForm(
  dataSet: string,
  period: string,
  rows: { unit: string; values: Record<string, string | null> }[],
): Promise<{ submission: Submission }> {
  const result = await requestJson<{ submission: Submission }>(`${periodPath(dataSet, period)}/form`, {
    method: 'POST',
    body: { rows },
  });
  refreshSupply();
  return result;
}

export async function decide(
  id: string,
  action: 'submit' | 'approve' | 'reject',
  reason?: string,
): Promise<Submission> {
  const result = await requestJson<{ submission: Submission }>(`/api/v1/submissions/${id}/${action}`, {
    method: 'POST',
    ...(action === 'reject' ? { body: { reason } } : {}),
  });
  refreshSupply();
  if (action === 'approve') invalidateQueries(() => true);
  return result.submission;
}

export async function saveDataSet(input: DataSetInput): Promise<DataSet> {
  const result = await requestJson<{ dataSet: DataSet }>(
    `/api/v1/data-sets/${encodeURIComponent(input.code)}`,
    {
      method: 'PUT',
      body: input,
    },
  );
  invalidateQueries((url) => url.startsWith('/api/v1/data-sets'));
  return result.dataSet;
}
