/** Shapes and URLs of the dossier API (hồ sơ TTHC): figures, the list behind a figure, one dossier, deadlines, the 766 index. */
import type { DossierCounts, DossierFigure, DossierStep, Index766Component } from '@ioc/shared';
import { buildUrl } from '../../../lib/api/http';

export type FigureGrouping = 'unit' | 'agency' | 'field';

type Rates = {
  onlineRate: number | null;
  onlinePaymentRate: number | null;
  lateRate: number | null;
  onTimeRate: number | null;
};

export interface FigureRow {
  key: string;
  name: string;
  level?: string;
  month: DossierCounts & Rates;
  ytd: DossierCounts & Rates;
}

export interface FiguresResponse {
  period: string;
  ytdPeriod: string;
  asOf: string;
  unit: { code: string; name: string; level: string };
  by: FigureGrouping;
  rows: FigureRow[];
}

export interface DossierSummary {
  code: string;
  procedureName: string;
  fieldName: string;
  agencyName: string;
  unit: { code: string; name: string };
  handler: string | null;
  channel: string;
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  status: string;
  standing: 'done_on_time' | 'done_late' | 'late' | 'open';
  lastStep: DossierStep | null;
}

export interface DossierListResponse {
  figure: DossierFigure;
  label: { vi: string; en: string };
  period: string;
  asOf: string;
  unit: { code: string; name: string; level: string };
  total: number;
  page: number;
  pageSize: number;
  items: DossierSummary[];
}

export interface DossierDetail extends DossierSummary {
  procedureCode: string;
  fieldCode: string;
  agencyCode: string;
  hasFee: boolean;
  paidOnline: boolean;
  digitised: boolean;
  /** When the one-stop system published it on the national public-service portal. */
  publishedAt: string | null;
  steps: DossierStep[];
  source: string | null;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
  revisions: {
    revision: number;
    changedBy: string | null;
    changedAt: string;
    record: Record<string, unknown>;
  }[];
}

export interface DeadlineItem {
  code: string;
  procedureName: string;
  agencyName: string;
  unit: { code: string; name: string };
  handler: string | null;
  receivedAt: string;
  dueAt: string;
  kind: 'overdue' | 'due_soon';
  warnedAt: string | null;
}

export interface DeadlinesResponse {
  unit: { code: string; name: string };
  asOf: string;
  horizonHours: number;
  total: number;
  items: DeadlineItem[];
}

export interface Index766Row {
  key: string;
  name: string;
  received: number;
  rank: number | null;
  index: {
    total: number | null;
    weightCovered: number;
    costliest: Index766Component | null;
    components: {
      component: Index766Component;
      weight: number;
      rate: number | null;
      score: number | null;
      lost: number | null;
    }[];
  };
}

export interface Index766Response {
  month: string;
  unit: { code: string; name: string };
  by: 'agency' | 'unit';
  rows: Index766Row[];
}

export interface ListQuery {
  figure: string;
  period: string;
  unit?: string | null;
  agency?: string | null;
  field?: string | null;
  q?: string | null;
  page?: number;
}

export const dossiersApi = {
  figures: (q: { period: string; unit?: string | null; by: FigureGrouping }) =>
    buildUrl('/api/v1/dossiers/figures', q),
  list: (q: ListQuery) => buildUrl('/api/v1/dossiers', { ...q, pageSize: 50 }),
  exportCsv: (q: ListQuery) => buildUrl('/api/v1/dossiers', { ...q, page: undefined, format: 'csv' }),
  dossier: (code: string) => `/api/v1/dossiers/${encodeURIComponent(code)}`,
  deadlines: (q: { unit?: string | null; kind?: string | null; page?: number }) =>
    buildUrl('/api/v1/dossiers/deadlines', { ...q, pageSize: 50 }),
  index766: (q: { month: string; by: 'agency' | 'unit'; unit?: string | null }) =>
    buildUrl('/api/v1/dossiers/index-766', q),
};

/** The web path of the list behind a figure. */
export function listPath(q: ListQuery): string {
  return buildUrl('/dossiers/list', { ...q });
}
