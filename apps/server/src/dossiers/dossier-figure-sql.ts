/**
 * The dossier figures as SQL conditions on the dossiers table, for the drill-down list: the same
 * rules as classifyDossier (dossier-figures.ts), which the integration tests hold equal figure
 * by figure. Columns are those of `dossiers`, unqualified.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DossierFigure } from '@ioc/shared';
import { cutoffOf, type FigureWindow } from './dossier-figures.js';

export function figureCondition(figure: DossierFigure, window: FigureWindow): RawBuilder<boolean> {
  const start = window.start.toISOString();
  const cutoff = cutoffOf(window);
  const cut = cutoff.toISOString();
  const soon = new Date(cutoff.getTime() + window.dueSoonMs).toISOString();
  const counted = sql`received_at < ${cut}::timestamptz AND (finished_at IS NULL OR finished_at >= ${start}::timestamptz)`;
  const received = sql`${counted} AND received_at >= ${start}::timestamptz`;
  const done = sql`${counted} AND finished_at < ${cut}::timestamptz`;
  const open = sql`${counted} AND (finished_at IS NULL OR finished_at >= ${cut}::timestamptz)`;
  switch (figure) {
    case 'to_process':
      return sql<boolean>`(${counted})`;
    case 'received':
      return sql<boolean>`(${received})`;
    case 'carried_over':
      return sql<boolean>`(${counted} AND received_at < ${start}::timestamptz)`;
    case 'online':
      return sql<boolean>`(${received} AND channel = 'online')`;
    case 'with_fee':
      return sql<boolean>`(${received} AND has_fee)`;
    case 'paid_online':
      return sql<boolean>`(${received} AND has_fee AND paid_online)`;
    case 'digitised':
      return sql<boolean>`(${received} AND digitised)`;
    case 'published':
      return sql<boolean>`(${received} AND published)`;
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
