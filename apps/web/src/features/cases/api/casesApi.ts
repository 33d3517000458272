import type { CaseChannel, CaseStatus } from '@ioc/shared';
import { buildUrl, requestJson } from '../../../lib/api/http';
import { invalidateQueries } from '../../../lib/api/query';

export interface CaseCategory {
  code: string;
  name: string;
  nameEn: string;
  deadlineHours: number;
}

export interface CaseView {
  code: string;
  channel: CaseChannel;
  status: CaseStatus;
  title: string;
  description: string;
  category: { code: string; name: string; nameEn: string };
  unit: { code: string; name: string } | null;
  address: string | null;
  location: [number, number] | null;
  isConfidential: boolean;
  reporter: { name: string | null; phone: string | null; email: string | null } | null;
  organisation: { code: string; name: string } | null;
  receivedAt: string;
  dueAt: string | null;
  escalatedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  answer: string | null;
  isLate: boolean | null;
  isOverdue: boolean;
  rating: number | null;
  isPublished: boolean;
  mergedInto: string | null;
}

export interface CaseDetail extends CaseView {
  events: {
    action: string;
    actor: string;
    fromStatus: string | null;
    toStatus: string | null;
    note: string | null;
    organisation: string | null;
    at: string;
  }[];
  photos: { id: string; url: string; mime: string }[];
  duplicates: (CaseView & { distanceM: number })[];
}

export interface Suggestion {
  categories: { code: string; score: number }[];
  categoryCode: string;
  unit: { code: string; name: string } | null;
  organisation: { code: string; name: string } | null;
  duplicates: (CaseView & { distanceM: number })[];
}

export interface PublicCase {
  code: string;
  status: CaseStatus;
  category: { code: string; name: string; nameEn: string };
  unit: { code: string; name: string } | null;
  location: [number, number] | null;
  summary: string;
  answer: string;
  organisation: string | null;
  receivedAt: string;
  answeredAt: string | null;
}

export interface CitizenView {
  code: string;
  status: CaseStatus;
  title: string;
  description: string;
  category: { name: string; nameEn: string };
  organisation: string | null;
  receivedAt: string;
  answer: string | null;
  rating: number | null;
  canRate: boolean;
  canReopen: boolean;
  mergedInto: string | null;
}

export interface ReportDraft {
  description: string;
  title?: string;
  categoryCode?: string;
  unitCode?: string;
  address?: string;
  location?: [number, number];
  reporter?: { name?: string; phone?: string; email?: string };
  isConfidential: boolean;
  photos: { name: string; data: string }[];
  channel?: CaseChannel;
}

export const casesUrls = {
  categories: '/api/v1/case-categories',
  list: (query: Record<string, string | undefined>) => buildUrl('/api/v1/cases', { limit: 50, ...query }),
  detail: (code: string) => `/api/v1/cases/${code}`,
  publicList: (query: Record<string, string | undefined>) =>
    buildUrl('/api/v1/public/cases', { limit: 100, ...query }),
  follow: (code: string, token: string) => buildUrl(`/api/v1/public/cases/${code}/follow`, { token }),
  figures: (month: string, by: string) => buildUrl('/api/v1/cases/figures', { month, by }),
};

/** A citizen's report from the public page; the submission id makes a retried send safe. */
export function submitPublicReport(draft: ReportDraft, submissionId: string) {
  return requestJson<{ code: string; citizenToken: string; category: { name: string } }>(
    '/api/v1/public/cases',
    { method: 'POST', body: draft, idempotencyKey: submissionId },
  );
}

export async function recordCall(draft: ReportDraft, submissionId: string) {
  const result = await requestJson<{ case: CaseView }>('/api/v1/cases', {
    method: 'POST',
    body: draft,
    idempotencyKey: submissionId,
  });
  invalidateQueries();
  return result.case;
}

export function suggest(body: { text: string; unitCode?: string; location?: [number, number] }) {
  return requestJson<Suggestion>('/api/v1/cases/suggest', { method: 'POST', body });
}

export async function act(code: string, action: string, body: Record<string, string | undefined> = {}) {
  const result = await requestJson<CaseDetail>(`/api/v1/cases/${code}/actions/${action}`, {
    method: 'POST',
    body,
  });
  invalidateQueries();
  return result;
}

export async function addNote(code: string, note: string) {
  await requestJson(`/api/v1/cases/${code}/notes`, { method: 'POST', body: { note } });
  invalidateQueries();
}

export async function publish(code: string, published: boolean) {
  await requestJson(`/api/v1/cases/${code}/publication`, { method: 'POST', body: { published } });
  invalidateQueries();
}

export async function rate(code: string, token: string, rating: number) {
  await requestJson(`/api/v1/public/cases/${code}/rating`, { method: 'POST', body: { token, rating } });
  invalidateQueries();
}

export async function reopen(code: string, token: string, reason: string) {
  await requestJson(`/api/v1/public/cases/${code}/reopen`, { method: 'POST', body: { token, reason } });
  invalidateQueries();
}

/** Reads a chosen photo as a data URL (the server checks its bytes). */
export function readPhoto(file: File): Promise<{ name: string; data: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, data: String(reader.result) });
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
