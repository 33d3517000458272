/**
 * The dossier figures of DOMAIN.md counted from the records, for one period window. This is the
 * one definition of which dossier counts in which figure; the drill-down's SQL
 * (dossier-figure-sql.ts) mirrors it and the integration tests hold the two equal.
 */
import { DOSSIER_FIGURES, type DossierCounts, type DossierFigure } from '@ioc/shared';

/** What the counting needs of a dossier. */
export interface CountedDossier {
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  channel: string;
  hasFee: boolean;
  paidOnline: boolean;
  digitised: boolean;
  /** Its progress is published on the national public-service portal. */
  isPublished: boolean;
}

export interface FigureWindow {
  /** The period as instants [start, end). */
  start: Date;
  end: Date;
  /** The current time: in-progress figures are as of the period end, or now within the current period. */
  now: Date;
  /** A dossier in progress is "due soon" when its deadline is within this many ms of the cut-off. */
  dueSoonMs: number;
}

/** The instant the period's figures are taken at: its end, or now while it is running. */
export function cutoffOf(window: FigureWindow): Date {
  return window.now < window.end ? window.now : window.end;
}

/**
 * The figures a dossier counts in for the window. A dossier counts if it was received before the
 * cut-off and not finished before the period began: received in the period, or carried over.
 * It is then either done in the period (finished before the cut-off; late when after its due
 * time) or in progress at the cut-off (late when its due time has passed, due soon within the
 * horizon, otherwise not yet due). Channel, fees, payment, digitisation and publication count
 * for dossiers received in the period.
 */
export function classifyDossier(d: CountedDossier, window: FigureWindow): DossierFigure[] {
  const cutoff = cutoffOf(window);
  if (d.receivedAt >= cutoff) return [];
  if (d.finishedAt !== null && d.finishedAt < window.start) return [];
  const figures: DossierFigure[] = ['to_process'];
  const isReceived = d.receivedAt >= window.start;
  if (isReceived) {
    figures.push('received');
    if (d.channel === 'online') figures.push('online');
    if (d.hasFee) figures.push('with_fee');
    if (d.hasFee && d.paidOnline) figures.push('paid_online');
    if (d.digitised) figures.push('digitised');
    if (d.isPublished) figures.push('published');
  } else {
    figures.push('carried_over');
  }
  if (d.finishedAt !== null && d.finishedAt < cutoff) {
    const isLate = d.dueAt !== null && d.finishedAt > d.dueAt;
    figures.push('done', isLate ? 'done_late' : 'done_on_time');
  } else if (d.dueAt !== null && d.dueAt < cutoff) {
    figures.push('in_progress', 'in_progress_late');
  } else if (d.dueAt !== null && d.dueAt.getTime() < cutoff.getTime() + window.dueSoonMs) {
    figures.push('in_progress', 'in_progress_due_soon');
  } else {
    figures.push('in_progress', 'in_progress_not_due');
  }
  return figures;
}

export function emptyCounts(): DossierCounts {
  return Object.fromEntries(DOSSIER_FIGURES.map((f) => [f, 0])) as DossierCounts;
}

/**
 * Counts the figures per group: `groupsOf` names the groups a dossier belongs to (e.g. its unit
 * and every ancestor, so a district counts its communes' dossiers). Groups with no dossier are absent.
 */
export function countByGroup<T extends CountedDossier>(
  dossiers: Iterable<T>,
  window: FigureWindow,
  groupsOf: (dossier: T) => readonly string[],
): Map<string, DossierCounts> {
  const counts = new Map<string, DossierCounts>();
  for (const dossier of dossiers) {
    const figures = classifyDossier(dossier, window);
    if (figures.length === 0) continue;
    for (const group of groupsOf(dossier)) {
      let c = counts.get(group);
      if (!c) counts.set(group, (c = emptyCounts()));
      for (const figure of figures) c[figure]++;
    }
  }
  return counts;
}
