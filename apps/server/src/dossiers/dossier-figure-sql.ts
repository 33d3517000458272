/**
 * The dossier figures of DOMAIN.md as SQL on the dossiers table: the one definition of which
 * dossier counts in which figure, used both to count the figures (countFigures: one aggregate
 * statement with a FILTER per figure) and to list the dossiers behind one (figureCondition), so
 * a list's length always equals its figure.
 *
 * A dossier counts in a period if it was received before the cut-off and not finished before the
 * period began: received in the period, or carried over (tồn kỳ trước). It is then either done in
 * the period (finished before the cut-off; late when after its due time) or in progress at the
 * cut-off (late when its due time has passed, due soon within the horizon, otherwise not yet
 * due). Channel, fees, payment, digitisation and publication count for dossiers received in the
 * period; "published" means published on the national public-service portal within
 * DOSSIER_PUBLISH_HOURS of reception.
 */
import { DOSSIER_FIGURES, DOSSIER_PUBLISH_HOURS, type DossierCounts, type DossierFigure } from '@ioc/shared';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import { cutoffOf, type FigureWindow } from './dossier-figures.js';

/** The dossiers that count in the window at all. Columns are those of `dossiers`, unqualified. */
function countedCondition(window: FigureWindow): RawBuilder<boolean> {
  const cut = cutoffOf(window).toISOString();
  return sql<boolean>`(received_at < ${cut}::timestamptz AND (finished_at IS NULL OR finished_at >= ${window.start.toISOString()}::timestamptz))`;
}

/** What a counted dossier must further satisfy to count in the figure. */
function figureFilter(figure: DossierFigure, window: FigureWindow): RawBuilder<boolean> {
  const start = window.start.toISOString();
  const cutoff = cutoffOf(window);
  const cut = cutoff.toISOString();
  const soon = new Date(cutoff.getTime() + window.dueSoonMs).toISOString();
  const received = sql`received_at >= ${start}::timestamptz`;
  const done = sql`finished_at < ${cut}::timestamptz`;
  const open = sql`(finished_at IS NULL OR finished_at >= ${cut}::timestamptz)`;
  switch (figure) {
    case 'to_process':
      return sql<boolean>`true`;
    case 'received':
      return sql<boolean>`(${received})`;
    case 'carried_over':
      return sql<boolean>`(received_at < ${start}::timestamptz)`;
    case 'online':
      return sql<boolean>`(${received} AND channel = 'online')`;
    case 'with_fee':
      return sql<boolean>`(${received} AND has_fee)`;
    case 'paid_online':
      return sql<boolean>`(${received} AND has_fee AND paid_online)`;
    case 'digitised':
      return sql<boolean>`(${received} AND digitised)`;
    case 'published':
      return sql<boolean>`(${received} AND published_at <= received_at + ${`${DOSSIER_PUBLISH_HOURS} hours`}::interval)`;
    case 'done':
      return sql<boolean>`(${done})`;
    case 'done_on_time':
      return sql<boolean>`(${done} AND (due_at IS NULL OR finished_at <= due_at))`;
    case 'done_late':
      return sql<boolean>`(${done} AND finished_at > due_at)`;
    case 'in_progress':
      return sql<boolean>`(${open})`;
    case 'in_progress_late':
      return sql<boolean>`(${open} AND due_at < ${cut}::timestamptz)`;
    case 'in_progress_due_soon':
      return sql<boolean>`(${open} AND due_at >= ${cut}::timestamptz AND due_at < ${soon}::timestamptz)`;
    case 'in_progress_not_due':
      return sql<boolean>`(${open} AND (due_at IS NULL OR due_at >= ${soon}::timestamptz))`;
  }
}

/** The dossiers behind one figure of the window, for the drill-down list. */
export function figureCondition(figure: DossierFigure, window: FigureWindow): RawBuilder<boolean> {
  return sql<boolean>`(${countedCondition(window)} AND ${figureFilter(figure, window)})`;
}

/** How counts are grouped: per unit (each dossier in its own unit), per receiving agency or per field. */
export type FigureGrouping = 'unit' | 'agency' | 'field';

export interface GroupCounts {
  /** The unit id (as text), agency code or field code. */
  key: string;
  /** The agency's or field's name as the records give it; empty for units. */
  name: string;
  counts: DossierCounts;
}

const GROUP_COLUMNS: Record<FigureGrouping, { key: RawBuilder<string>; name: RawBuilder<string> }> = {
  unit: { key: sql`unit_id::text`, name: sql`''` },
  agency: { key: sql`agency_code`, name: sql`max(agency_name)` },
  field: { key: sql`field_code`, name: sql`max(field_name)` },
};

/**
 * Every figure of the window per group, counted by the database in one pass over the dossiers
 * that count (groups without any are absent); optionally within some units.
 */
export async function countFigures(
  db: Db,
  window: FigureWindow,
  by: FigureGrouping,
  unitIds?: number[],
): Promise<GroupCounts[]> {
  const { key, name } = GROUP_COLUMNS[by];
  const columns = DOSSIER_FIGURES.map(
    (figure) => sql`count(*) FILTER (WHERE ${figureFilter(figure, window)})::int AS ${sql.ref(figure)}`,
  );
  const inUnits = unitIds ? sql`AND unit_id = ANY(${unitIds}::int[])` : sql``;
  const result = await sql<Record<DossierFigure, number> & { key: string; name: string }>`
    SELECT ${key} AS key, ${name} AS name, ${sql.join(columns)}
    FROM dossiers WHERE ${countedCondition(window)} ${inUnits}
    GROUP BY 1`.execute(db);
  return result.rows.map((row) => ({
    key: row.key,
    name: row.name,
    counts: Object.fromEntries(DOSSIER_FIGURES.map((f) => [f, Number(row[f])])) as DossierCounts,
  }));
}
