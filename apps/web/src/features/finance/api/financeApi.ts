import { buildUrl } from '../../../lib/api/http';

export interface UnitRef {
  code: string;
  name: string;
  nameEn: string | null;
  level: string;
}

export interface BudgetFigures {
  day: number;
  month: number;
  ytd: number;
  lastYearYtd: number;
  estimate: number | null;
  percentOfEstimate: number | null;
  changePercent: number | null;
}

export interface Window {
  from: string;
  to: string;
}

export interface BudgetSummary {
  kind: 'revenue' | 'expenditure';
  asOf: string;
  lastDataDate: string;
  windows: { day: Window; month: Window; ytd: Window; lastYearYtd: Window };
  unit: UnitRef;
  item: string | null;
  organisation: string | null;
  total: BudgetFigures;
  byItem: Array<
    BudgetFigures & { code: string; name: string; nameEn: string; group: string; groupName: string }
  >;
  byOrganisation: Array<BudgetFigures & { code: string; name: string }>;
  byUnit: Array<BudgetFigures & UnitRef & { isSelf: boolean }>;
  months: Array<{ month: string; amount: number }>;
}

export interface BudgetRecordList {
  unit: UnitRef;
  count: number;
  total: number;
  records: Array<{
    key: string;
    kind: string;
    item: { code: string; name: string; nameEn: string };
    organisation: { code: string; name: string };
    unit: UnitRef;
    date: string;
    amount: number;
    description: string | null;
    revision: number;
  }>;
}

export interface BudgetFilter {
  kind: string;
  unit?: string | null;
  /** Only the unit's own records, not those of the units below it. */
  exact?: string | null;
  item?: string | null;
  organisation?: string | null;
}

export const budgetSummaryUrl = (f: BudgetFilter & { date?: string | null }) =>
  buildUrl('/api/v1/budget/summary', { ...f });

/** The page listing the records behind a budget figure. */
export const budgetRecordsPage = (f: BudgetFilter & { from: string; to: string }) =>
  buildUrl('/budget/records', { ...f });

export const budgetRecordsUrl = (
  f: BudgetFilter & { from: string; to: string; limit: number; offset: number },
) => buildUrl('/api/v1/budget/records', { ...f });

export interface Forecast {
  central: number;
  low: number;
  high: number;
  years: number;
}

export interface RateLine {
  plan: number;
  disbursed: number;
  projects: number;
  lagging: number;
  rate: number | null;
  gap: number | null;
}

export interface LaggingProject {
  code: string;
  name: string;
  group: string;
  investor: { code: string; name: string };
  unit: UnitRef;
  responsible: { name: string; title: string | null; phone: string | null };
  plan: number;
  disbursed: number;
  rate: number | null;
  gap: number | null;
}

export interface PathPoint {
  date: string;
  target: number;
  actual: number | null;
}

export interface InvestmentSummary {
  year: number;
  asOf: string;
  unit: UnitRef;
  investor: { code: string; name: string } | null;
  department: { code: string; name: string } | null;
  targetPath: { year: number; points: Array<{ day: string; percent: number }> };
  target: number;
  total: RateLine;
  forecast: Forecast | null;
  forecastMethod: { vi: string; en: string };
  byInvestor: Array<RateLine & { code: string; name: string }>;
  byDepartment: Array<RateLine & { code: string; name: string }>;
  byUnit: Array<RateLine & UnitRef & { isSelf: boolean }>;
  lagging: LaggingProject[];
  path: PathPoint[];
}

export interface ProjectDetail {
  code: string;
  name: string;
  group: string;
  investor: { code: string; name: string };
  department: { code: string; name: string };
  unit: UnitRef;
  responsible: { name: string; title: string | null; phone: string | null };
  startDate: string;
  endDate: string;
  completedOn: string | null;
  year: number;
  asOf: string;
  plan: number;
  disbursed: number;
  rate: number | null;
  target: number;
  gap: number | null;
  forecast: Forecast | null;
  forecastMethod: { vi: string; en: string };
  plans: Array<{
    year: number;
    source: { code: string; name: string; nameEn: string };
    amount: number;
    decision: string | null;
    revision: number;
    updatedAt: string;
  }>;
  planRevisions: Array<{
    year: number;
    source: { code: string; name: string; nameEn: string };
    amount: number;
    decision: string | null;
    revision: number;
    changedAt: string;
  }>;
  disbursements: Array<{
    key: string;
    date: string;
    amount: number;
    source: { code: string; name: string; nameEn: string };
  }>;
  path: PathPoint[];
}

export interface DisbursementList {
  unit: UnitRef;
  count: number;
  total: number;
  records: Array<{
    key: string;
    date: string;
    amount: number;
    source: string;
    project: { code: string; name: string };
    unit: UnitRef;
  }>;
}

export const investmentSummaryUrl = (q: {
  unit?: string | null;
  year?: string | null;
  date?: string | null;
  investor?: string | null;
  department?: string | null;
}) => buildUrl('/api/v1/investment/summary', q);

export const projectUrl = (code: string, q: { year?: number | string | null; date?: string | null } = {}) =>
  buildUrl(`/api/v1/investment/projects/${encodeURIComponent(code)}`, q);

export const projectPage = (code: string, q: { year?: number; date?: string } = {}) =>
  buildUrl(`/investment/project/${encodeURIComponent(code)}`, q);

export const disbursementsUrl = (q: {
  unit?: string | null;
  investor?: string | null;
  department?: string | null;
  from: string;
  to: string;
  limit: number;
  offset: number;
}) => buildUrl('/api/v1/investment/disbursements', q);
