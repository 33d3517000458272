/**
 * The window a period's dossier figures are counted in. The figures themselves are defined once,
 * in SQL (dossier-figure-sql.ts), for both the counts and the drill-down lists behind them.
 */
import { DOSSIER_FIGURES, type DossierCounts } from '@ioc/shared';

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

export function emptyCounts(): DossierCounts {
  return Object.fromEntries(DOSSIER_FIGURES.map((f) => [f, 0])) as DossierCounts;
}

/** Adds `counts` into the group's running total (created on first use). */
export function addCounts(totals: Map<string, DossierCounts>, group: string, counts: DossierCounts): void {
  let total = totals.get(group);
  if (!total) totals.set(group, (total = emptyCounts()));
  for (const figure of DOSSIER_FIGURES) total[figure] += counts[figure];
}
