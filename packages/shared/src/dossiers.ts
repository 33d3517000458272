/**
 * Administrative dossiers (hồ sơ TTHC): the vocabulary shared by the server and the web app —
 * channels, statuses, timeline steps, the figures of DOMAIN.md and the indicators they feed,
 * and the six components of the 766 index with their weights.
 */
import { parsePeriod } from './periods';

export const DOSSIER_CHANNELS = ['online', 'direct', 'post'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

/** `finished` (resolved) and `returned` (sent back unresolved) close a dossier. */
export const DOSSIER_STATUSES = [
  'received',
  'in_progress',
  'supplement_requested',
  'paused',
  'finished',
  'returned',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
export const CLOSED_DOSSIER_STATUSES: readonly DossierStatus[] = ['finished', 'returned'];

export const DOSSIER_STEP_KINDS = [
  'received',
  'transferred',
  'supplement_requested',
  'paused',
  'resumed',
  'finished',
  'returned',
] as const;
export type DossierStepKind = (typeof DOSSIER_STEP_KINDS)[number];

/** One step of a dossier's timeline (the server validates it with its own schema; no zod here, the web app imports this module). */
export interface DossierStep {
  kind: DossierStepKind;
  at: string;
  agency?: string | null;
  handler?: string | null;
  note?: string | null;
}

/**
 * The dossier figures of a unit and period (DOMAIN.md). Counts; the rates are computed from them.
 * Every dossier to process is either done in the period or in progress at its end:
 * to_process = received + carried_over = done + in_progress.
 */
export const DOSSIER_FIGURES = [
  'received',
  'carried_over',
  'to_process',
  'in_progress',
  'in_progress_late',
  'in_progress_due_soon',
  'in_progress_not_due',
  'done',
  'done_on_time',
  'done_late',
  'online',
  'with_fee',
  'paid_online',
  'digitised',
  'published',
] as const;
export type DossierFigure = (typeof DOSSIER_FIGURES)[number];
export type DossierCounts = Record<DossierFigure, number>;

export const DOSSIER_FIGURE_LABELS: Record<DossierFigure, { vi: string; en: string }> = {
  received: { vi: 'Tiếp nhận trong kỳ', en: 'Received in period' },
  carried_over: { vi: 'Tồn kỳ trước chuyển sang', en: 'Carried over' },
  to_process: { vi: 'Cần xử lý', en: 'To process' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  in_progress_late: { vi: 'Đang xử lý – quá hạn', en: 'In progress – late' },
  in_progress_due_soon: { vi: 'Đang xử lý – sắp đến hạn', en: 'In progress – due soon' },
  in_progress_not_due: { vi: 'Đang xử lý – trong hạn', en: 'In progress – not yet due' },
  done: { vi: 'Đã xử lý', en: 'Done' },
  done_on_time: { vi: 'Đã xử lý – sớm, đúng hạn', en: 'Done – early or on time' },
  done_late: { vi: 'Đã xử lý – trễ hạn', en: 'Done – late' },
  online: { vi: 'Tiếp nhận trực tuyến', en: 'Received online' },
  with_fee: { vi: 'Có phí, lệ phí', en: 'With fees' },
  paid_online: { vi: 'Thanh toán trực tuyến', en: 'Paid online' },
  digitised: { vi: 'Được số hóa', en: 'Digitised' },
  published: {
    vi: 'Công khai trên Cổng DVC quốc gia đúng hạn',
    en: 'Published on the national portal on time',
  },
};

/**
 * A dossier is published on time (766: publicity) when the one-stop system published it —
 * its reception, and from then its progress — on the national public-service portal within
 * this many hours of receiving it; the record carries when that happened (`publishedAt`).
 */
export const DOSSIER_PUBLISH_HOURS = 24;

/**
 * Warehouse indicators that hold a dossier figure, and the figure each holds (its drill-down).
 * The figure refresher writes those the catalogue keeps as reported values; a derived one (to
 * process = carried over + received: no roll-up of monthly values over time gives it) is computed
 * from them after roll-up.
 */
export const DOSSIER_INDICATOR_FIGURES = {
  DVC_HS_TON_KY: 'carried_over',
  DVC_HS_CAN_XU_LY: 'to_process',
  DVC_HS_TIEP_NHAN: 'received',
  DVC_HS_TRUC_TUYEN: 'online',
  DVC_HS_DA_XU_LY: 'done',
  DVC_HS_DUNG_HAN: 'done_on_time',
  DVC_HS_TRE_HAN: 'done_late',
  DVC_HS_DANG_XU_LY: 'in_progress',
  DVC_HS_QUA_HAN: 'in_progress_late',
  DVC_HS_SAP_DEN_HAN: 'in_progress_due_soon',
  DVC_HS_CO_PHI: 'with_fee',
  DVC_HS_THANH_TOAN_TT: 'paid_online',
  DVC_HS_SO_HOA: 'digitised',
  DVC_HS_CONG_KHAI: 'published',
} as const satisfies Record<string, DossierFigure>;

/** Warehouse indicators fed from the satisfaction ratings and the 766 index. */
export const DOSSIER_RATINGS_INDICATOR = 'DVC_LUOT_DANH_GIA';
export const DOSSIER_SATISFIED_INDICATOR = 'DVC_LUOT_HAI_LONG';
export const INDEX_766_INDICATOR = 'DVC_CHI_SO_766';

/** Every warehouse indicator whose observations are computed from the dossier records. */
export const DOSSIER_RECORD_INDICATORS: readonly string[] = [
  ...Object.keys(DOSSIER_INDICATOR_FIGURES),
  DOSSIER_RATINGS_INDICATOR,
  DOSSIER_SATISFIED_INDICATOR,
  INDEX_766_INDICATOR,
];

/** The figure behind an indicator code or a figure name, for drill-down links; null if none. */
export function dossierFigureOf(codeOrFigure: string): DossierFigure | null {
  if ((DOSSIER_FIGURES as readonly string[]).includes(codeOrFigure)) return codeOrFigure as DossierFigure;
  return (DOSSIER_INDICATOR_FIGURES as Record<string, DossierFigure>)[codeOrFigure] ?? null;
}

export interface DossierRates {
  /** Percent; null when the denominator is 0. */
  onlineRate: number | null;
  onlinePaymentRate: number | null;
  lateRate: number | null;
  onTimeRate: number | null;
}

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole);

/** The rates of DOMAIN.md, recomputed from the counts (never averaged). */
export function dossierRates(c: DossierCounts): DossierRates {
  const lateRate = percent(c.in_progress_late + c.done_late, c.to_process);
  return {
    onlineRate: percent(c.online, c.received),
    onlinePaymentRate: percent(c.paid_online, c.with_fee),
    lateRate,
    onTimeRate: lateRate === null ? null : 100 - lateRate,
  };
}

/** Offset of Vietnam time (ICT, UTC+7, no daylight saving): periods are local calendar days. */
const ICT_OFFSET_MS = 7 * 3_600_000;

/** Start of a local (UTC+7) day `YYYY-MM-DD` as an instant. */
export function ictDayStart(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - ICT_OFFSET_MS);
}

/** The local month `YYYY-MM` an instant falls in. */
export function ictMonthOf(at: Date): string {
  return new Date(at.getTime() + ICT_OFFSET_MS).toISOString().slice(0, 7);
}

/** A period as a half-open interval of instants [start, end) in Vietnam time; null if malformed. */
export function periodInstants(code: string): { start: Date; end: Date } | null {
  const period = parsePeriod(code);
  if (!period) return null;
  const end = ictDayStart(period.end);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: ictDayStart(period.start), end };
}

/** The 766 index (Quyết định 766/QĐ-TTg): six components, 100 points in all. */
export const INDEX_766_COMPONENTS = [
  'publicity',
  'progress',
  'online',
  'payment',
  'satisfaction',
  'digitisation',
] as const;
export type Index766Component = (typeof INDEX_766_COMPONENTS)[number];

export const INDEX_766_WEIGHTS: Record<Index766Component, number> = {
  publicity: 18,
  progress: 20,
  online: 12,
  payment: 10,
  satisfaction: 18,
  digitisation: 22,
};

export const INDEX_766_LABELS: Record<Index766Component, { vi: string; en: string }> = {
  publicity: { vi: 'Công khai, minh bạch', en: 'Publicity and transparency' },
  progress: { vi: 'Tiến độ giải quyết', en: 'Processing progress' },
  online: { vi: 'Dịch vụ công trực tuyến', en: 'Online services' },
  payment: { vi: 'Thanh toán trực tuyến', en: 'Online payment' },
  satisfaction: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
  digitisation: { vi: 'Số hóa hồ sơ, kết quả', en: 'Digitisation of dossiers and results' },
};
