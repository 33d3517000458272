import { OPEN_CASE_STATUSES, type CaseChannel, type CaseStatus } from '@ioc/shared';
import type { Actor } from '../auth/actor.js';
import { can } from '../auth/policy.js';
import type { Db } from '../db/database.js';

/** The columns every view of a case is built from. */
export function selectCases(db: Db) {
  return db
    .selectFrom('cases as c')
    .innerJoin('case_categories as k', 'k.id', 'c.category_id')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('cases as m', 'm.id', 'c.merged_into_id')
    .select([
      'c.id',
      'c.code',
      'c.channel',
      'c.status',
      'c.title',
      'c.description',
      'c.unit_id',
      'c.address',
      'c.lon',
      'c.lat',
      'c.reporter_name',
      'c.reporter_phone',
      'c.reporter_email',
      'c.is_confidential',
      'c.organisation_id',
      'c.received_at',
      'c.forwarded_at',
      'c.due_at',
      'c.escalated_at',
      'c.answered_at',
      'c.closed_at',
      'c.answer',
      'c.is_late',
      'c.rating',
      'c.reopen_count',
      'c.is_published',
      'c.public_summary',
      'c.public_answer',
      'c.published_at',
      'c.updated_at',
      'k.code as category_code',
      'k.name as category_name',
      'k.name_en as category_name_en',
      'u.code as unit_code',
      'u.name as unit_name',
      'o.code as organisation_code',
      'o.name as organisation_name',
      'm.code as merged_into_code',
    ]);
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof selectCases>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Who may see the reporter: hotline operators and administrators always (confidential reporters
 * included); the agency handling the case when the reporter did not ask for confidentiality;
 * nobody else, and never the public.
 */
export function canSeeReporter(
  actor: Actor,
  row: Pick<CaseRow, 'is_confidential' | 'organisation_id'>,
): boolean {
  if (actor.kind === 'anonymous') return false;
  const isHandlingAgency =
    can(actor, 'cases.handle') &&
    row.organisation_id !== null &&
    actor.organisationId === row.organisation_id;
  return can(actor, 'cases.personal') || (!row.is_confidential && isHandlingAgency);
}

export function isOverdue(row: Pick<CaseRow, 'status' | 'due_at'>, now: Date): boolean {
  return (
    row.due_at !== null &&
    (row.status === 'forwarded' || row.status === 'in_progress') &&
    new Date(row.due_at) < now
  );
}

/** The internal view of a case; the reporter is null for actors without the right to see them. */
export function toCaseView(row: CaseRow, actor: Actor, now: Date) {
  const showReporter = canSeeReporter(actor, row);
  return {
    code: row.code,
    channel: row.channel as CaseChannel,
    status: row.status as CaseStatus,
    title: row.title,
    description: row.description,
    category: { code: row.category_code, name: row.category_name, nameEn: row.category_name_en },
    unit: row.unit_code ? { code: row.unit_code, name: row.unit_name ?? '' } : null,
    address: row.address,
    location: row.lon === null || row.lat === null ? null : ([row.lon, row.lat] as [number, number]),
    isConfidential: row.is_confidential,
    reporter: showReporter
      ? { name: row.reporter_name, phone: row.reporter_phone, email: row.reporter_email }
      : null,
    organisation: row.organisation_code
      ? { code: row.organisation_code, name: row.organisation_name ?? '' }
      : null,
    receivedAt: iso(row.received_at) as string,
    forwardedAt: iso(row.forwarded_at),
    dueAt: iso(row.due_at),
    escalatedAt: iso(row.escalated_at),
    answeredAt: iso(row.answered_at),
    closedAt: iso(row.closed_at),
    answer: row.answer,
    isLate: row.is_late,
    isOverdue: isOverdue(row, now),
    isOpen: OPEN_CASE_STATUSES.includes(row.status as CaseStatus),
    rating: row.rating,
    reopenCount: row.reopen_count,
    isPublished: row.is_published,
    publicSummary: row.public_summary,
    publicAnswer: row.public_answer,
    mergedInto: row.merged_into_code,
  };
}

export type CaseView = ReturnType<typeof toCaseView>;

/** What the public sees of a published case: the province's edited summary and answer, no person. */
export function toPublicCaseView(row: CaseRow) {
  return {
    code: row.code,
    status: row.status as CaseStatus,
    category: { code: row.category_code, name: row.category_name, nameEn: row.category_name_en },
    unit: row.unit_code ? { code: row.unit_code, name: row.unit_name ?? '' } : null,
    location: row.lon === null || row.lat === null ? null : ([row.lon, row.lat] as [number, number]),
    summary: row.public_summary ?? '',
    answer: row.public_answer ?? '',
    organisation: row.organisation_name,
    receivedAt: iso(row.received_at) as string,
    answeredAt: iso(row.answered_at ?? row.closed_at),
    publishedAt: iso(row.published_at),
  };
}

export type PublicCaseView = ReturnType<typeof toPublicCaseView>;
