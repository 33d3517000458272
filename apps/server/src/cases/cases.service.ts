import { createHash, randomBytes } from 'node:crypto';
import {
  caseIntakeSchema,
  distanceMetres,
  formatCaseCode,
  nextCaseStatus,
  redactPersonalData,
  suggestCategories,
  type CaseAction,
  type CaseChannel,
  type CaseStatus,
} from '@ioc/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import { actorName } from '../auth/actor.js';
import { can, isInScope, requirePermission } from '../auth/policy.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { LiveHub } from '../stream/live-hub.js';
import type { UnitCache } from '../units/unit-cache.js';
import { locateUnit } from '../units/unit-locator.js';
import { loadUnitTree, type UnitTree } from '../units/unit-tree.js';
import { checkPhotos, type PhotoStore } from './case-photos.js';
import { selectCases, toCaseView, toPublicCaseView, type CaseRow } from './case-view.js';

type CaseIntakeInput = z.output<typeof caseIntakeSchema>;

/** Likely duplicates: same category, open, within this distance and this many days. */
export const DUPLICATE_RADIUS_M = 200;
export const DUPLICATE_DAYS = 30;
const PAGE_MAX = 200;

export interface CaseFilters {
  q?: string;
  status?: CaseStatus;
  category?: string;
  unit?: string;
  organisation?: string;
  channel?: CaseChannel;
  overdue?: boolean;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface WorkflowInput {
  organisationCode?: string;
  note?: string;
  answer?: string;
  into?: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function requireText(value: string | undefined, field: string): string {
  const text = value?.trim() ?? '';
  if (!text)
    throw new AppError(
      'VALIDATION_FAILED',
      { field },
      {
        vi: `Vui lòng nhập ${field === 'answer' ? 'nội dung trả lời' : 'lý do'}.`,
        en: `${field} is required.`,
      },
    );
  return text;
}

/**
 * Citizen reports from every channel in one model: intake and validation, triage suggestions,
 * the workflow between the hotline and the agencies, the citizen's private link, publication.
 */
export class CasesService {
  constructor(
    readonly db: Db,
    private readonly units: UnitCache,
    private readonly notifications: NotificationsService,
    private readonly live: LiveHub,
    private readonly clock: Clock,
    private readonly photos: PhotoStore,
  ) {}

  async categories() {
    const rows = await this.db
      .selectFrom('case_categories as k')
      .leftJoin('organisations as o', 'o.code', 'k.default_organisation_code')
      .select([
        'k.code',
        'k.name',
        'k.name_en',
        'k.keywords',
        'k.route_to',
        'k.deadline_hours',
        'k.default_organisation_code',
        'o.name as organisation_name',
      ])
      .where('k.is_active', '=', true)
      .orderBy('k.sort')
      .execute();
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      keywords: r.keywords,
      routeTo: r.route_to,
      deadlineHours: r.deadline_hours,
      defaultOrganisation: r.default_organisation_code
        ? { code: r.default_organisation_code, name: r.organisation_name ?? r.default_organisation_code }
        : null,
    }));
  }

  /** Saves a category (administrators): keywords, default agency and deadline are data, not code. */
  async saveCategory(
    actor: Actor,
    input: {
      code: string;
      name: string;
      nameEn: string;
      keywords: string[];
      routeTo: 'unit' | 'organisation';
      defaultOrganisationCode: string | null;
      deadlineHours: number;
      active: boolean;
    },
  ) {
    requirePermission(actor, 'cases.configure');
    const values = {
      name: input.name,
      name_en: input.nameEn,
      keywords: input.keywords,
      route_to: input.routeTo,
      default_organisation_code: input.defaultOrganisationCode,
      deadline_hours: input.deadlineHours,
      is_active: input.active,
    };
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('case_categories')
        .selectAll()
        .where('code', '=', input.code)
        .executeTakeFirst();
      await trx
        .insertInto('case_categories')
        .values({ code: input.code, ...values })
        .onConflict((oc) => oc.column('code').doUpdateSet(values))
        .execute();
      await writeAudit(
        trx,
        actorName(actor),
        before ? 'update' : 'create',
        'case_category',
        input.code,
        before ?? null,
        values,
      );
    });
  }

  // -------------------------------------------------------------------------------------------
  // Intake

  /**
   * Records a report. `public` intake (the citizens' web page) needs no account; every other
   * channel needs the `cases.intake` permission (operators, API keys of channel gateways).
   * A retry with the same submission key returns the case already created.
   */
  async intake(
    actor: Actor,
    input: CaseIntakeInput,
    options: { channel: CaseChannel; submissionKey?: string; isPublic?: boolean; mediaUrl?: string },
  ) {
    if (!options.isPublic) requirePermission(actor, 'cases.intake');
    const submissionKey = options.submissionKey ?? null;
    if (submissionKey) {
      const existing = await this.findBySubmission(submissionKey);
      if (existing) return { case: existing, citizenToken: this.tokenFor(submissionKey), created: false };
    }
    const description = input.description.trim();
    if (!description) throw new AppError('CASE_DESCRIPTION_REQUIRED');
    const now = this.clock();
    const receivedAt = !options.isPublic && input.receivedAt ? new Date(input.receivedAt) : now;
    const tree = await loadUnitTree(this.db);
    const { unitId, location } = await this.locate(tree, input, receivedAt);
    const category = input.categoryCode
      ? await this.requireCategory(input.categoryCode)
      : await this.suggestedCategory(`${input.title ?? ''} ${description}`);
    const photos = checkPhotos(input.photos);
    await this.photos.save(photos);

    const citizenToken = submissionKey ? this.tokenFor(submissionKey) : randomBytes(24).toString('base64url');
    const reporter = input.reporter ?? {};
    const by = options.isPublic && actor.kind === 'anonymous' ? 'citizen' : actorName(actor);
    let code: string;
    try {
      code = await this.db.transaction().execute(async (trx) => {
        const year = Number(new Date(receivedAt.getTime() + 7 * 3600_000).toISOString().slice(0, 4));
        const counter = await trx
          .insertInto('case_code_counters')
          .values({ year, last: 1 })
          .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`case_code_counters.last + 1` }))
          .returning('last')
          .executeTakeFirstOrThrow();
        const row = {
          code: formatCaseCode(year, counter.last),
          channel: options.channel,
          status: 'received',
          title: input.title?.trim() || description.slice(0, 120),
          description,
          category_id: category.id,
          unit_id: unitId,
          address: input.address?.trim() || null,
          lon: location?.[0] ?? null,
          lat: location?.[1] ?? null,
          reporter_name: reporter.name?.trim() || null,
          reporter_phone: reporter.phone?.trim() || null,
          reporter_email: reporter.email?.trim() || null,
          is_confidential: input.isConfidential,
          submission_key: submissionKey,
          received_at: receivedAt,
          citizen_token_hash: hashToken(citizenToken),
          updated_at: now,
        };
        const inserted = await trx.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
        if (options.mediaUrl)
          await trx
            .insertInto('case_photos')
            .values({
              case_id: inserted.id,
              url: options.mediaUrl,
              mime: 'image/*',
              bytes: 0,
              created_at: now,
            })
            .execute();
        if (photos.length)
          await trx
            .insertInto('case_photos')
            .values(
              photos.map((p) => ({
                case_id: inserted.id,
                file: p.file,
                mime: p.mime,
                bytes: p.bytes.length,
                created_at: now,
              })),
            )
            .execute();
        await trx
          .insertInto('case_events')
          .values({
            case_id: inserted.id,
            action: 'receive',
            actor: by,
            to_status: 'received',
            at: now,
            note: options.channel,
          })
          .execute();
        // The audit record names the channel and category, never the reporter.
        await writeAudit(trx, by, 'create', 'case', row.code, null, {
          channel: row.channel,
          category: category.code,
          unitId,
          photos: photos.length,
          isConfidential: row.is_confidential,
        });
        return row.code;
      });
    } catch (error) {
      // Two deliveries of the same submission at once: the second finds the first.
      const existing = submissionKey ? await this.findBySubmission(submissionKey) : null;
      if (existing)
        return { case: existing, citizenToken: this.tokenFor(submissionKey as string), created: false };
      throw error;
    }
    const created = await this.requireRow(code);
    this.publishChange(created, 'receive');
    if (created.reporter_email)
      await this.notifications.notify({
        emails: [created.reporter_email],
        kind: 'citizen.received',
        title: `Đã tiếp nhận phản ánh ${code}`,
        body: `Phản ánh "${created.title}" đã được tiếp nhận. Theo dõi tại đường dẫn riêng của bạn.`,
        link: `/phan-anh/theo-doi/${code}?token=${citizenToken}`,
        dedupeKey: `case-received-${code}`,
      });
    return { case: toCaseView(created, actor, now), citizenToken, created: true };
  }

  /** Category, responsible agency and likely duplicates suggested for a draft report. */
  async suggest(
    actor: Actor,
    input: { text: string; unitCode?: string; location?: [number, number]; categoryCode?: string },
  ) {
    requirePermission(actor, 'cases.intake');
    const categories = await this.categories();
    const ranked = suggestCategories(input.text, categories);
    const categoryCode = input.categoryCode ?? ranked[0]?.code ?? 'other';
    const tree = await loadUnitTree(this.db);
    const today = this.clock().toISOString().slice(0, 10);
    let unitId: number | null = null;
    if (input.unitCode)
      unitId = tree.findByCode(input.unitCode, today)?.id ?? tree.findByCode(input.unitCode)?.id ?? null;
    else if (input.location) unitId = locateUnit(input.location, await this.units.locatable(), today);
    const agency = await this.suggestAgency(categoryCode, unitId, tree);
    const duplicates = input.location ? await this.nearbyOpen(categoryCode, input.location, null) : [];
    return {
      categories: ranked.slice(0, 3),
      categoryCode,
      unit:
        unitId === null
          ? null
          : { code: tree.byId.get(unitId)?.code ?? '', name: tree.byId.get(unitId)?.name ?? '' },
      organisation: agency,
      duplicates: duplicates.map((d) => ({ ...toCaseView(d, actor, this.clock()), distanceM: d.distanceM })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  async list(actor: Actor, filters: CaseFilters) {
    requirePermission(actor, 'cases.read');
    let query = selectCases(this.db);
    if (actor.role === 'data_officer') {
      // An agency sees the cases forwarded to it.
      query = query.where('c.organisation_id', '=', actor.organisationId ?? -1);
    }
    if (actor.scopeUnitId !== null) {
      const tree = await loadUnitTree(this.db);
      const inScope = tree.units.filter((u) => isInScope(actor, tree, u.id)).map((u) => u.id);
      query = query.where('c.unit_id', 'in', inScope.length ? inScope : [-1]);
    }
    query = this.applyFilters(query, filters);
    const limit = Math.min(filters.limit, PAGE_MAX);
    const rows = await query
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit + 1)
      .offset(filters.offset)
      .execute();
    const now = this.clock();
    return {
      items: rows.slice(0, limit).map((r) => toCaseView(r, actor, now)),
      hasMore: rows.length > limit,
    };
  }

  private applyFilters<Q extends ReturnType<typeof selectCases>>(
    query: Q,
    filters: Omit<CaseFilters, 'limit' | 'offset'>,
  ): Q {
    let q = query;
    if (filters.status) q = q.where('c.status', '=', filters.status) as Q;
    // Codes are resolved by a sub-select, so the planner can walk the (id, received_at) index.
    if (filters.category) {
      const code = filters.category;
      q = q.where('c.category_id', '=', (eb) =>
        eb.selectFrom('case_categories as kc').select('kc.id').where('kc.code', '=', code),
      ) as Q;
    }
    if (filters.channel) q = q.where('c.channel', '=', filters.channel) as Q;
    if (filters.organisation) {
      const code = filters.organisation;
      q = q.where('c.organisation_id', '=', (eb) =>
        eb.selectFrom('organisations as og').select('og.id').where('og.code', '=', code),
      ) as Q;
    }
    if (filters.unit) {
      const code = filters.unit;
      q = q.where((eb) =>
        eb.or([
          eb('u.code', '=', code),
          eb('u.parent_id', 'in', eb.selectFrom('units as pu').select('pu.id').where('pu.code', '=', code)),
        ]),
      ) as Q;
    }
    if (filters.overdue)
      q = q.where('c.status', 'in', ['forwarded', 'in_progress']).where('c.due_at', '<', this.clock()) as Q;
    if (filters.from) q = q.where('c.received_at', '>=', new Date(`${filters.from}T00:00:00+07:00`)) as Q;
    if (filters.to)
      q = q.where(
        'c.received_at',
        '<',
        new Date(new Date(`${filters.to}T00:00:00+07:00`).getTime() + 86_400_000),
      ) as Q;
    if (filters.q) {
      const term = filters.q.trim();
      if (/^PA-\d{4}-\d+$/i.test(term)) q = q.where('c.code', '=', term.toUpperCase()) as Q;
      else
        q = q.where((eb) =>
          eb.or([eb('c.title', 'ilike', `%${term}%`), eb('c.description', 'ilike', `%${term}%`)]),
        ) as Q;
    }
    return q;
  }

  /** One case with its history, photos and (for operators) likely duplicates. */
  async get(actor: Actor, code: string) {
    const row = await this.readable(actor, code);
    const now = this.clock();
    const [events, photos] = await Promise.all([
      this.db
        .selectFrom('case_events as e')
        .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
        .select([
          'e.action',
          'e.actor',
          'e.from_status',
          'e.to_status',
          'e.note',
          'e.at',
          'o.name as organisation',
        ])
        .where('e.case_id', '=', row.id)
        .orderBy('e.id')
        .execute(),
      this.db
        .selectFrom('case_photos')
        .select(['id', 'mime', 'bytes', 'url'])
        .where('case_id', '=', row.id)
        .orderBy('id')
        .execute(),
    ]);
    const duplicates =
      can(actor, 'cases.intake') && row.lon !== null && row.lat !== null && row.status !== 'merged'
        ? await this.nearbyOpen(row.category_code, [row.lon, row.lat], row.id)
        : [];
    return {
      ...toCaseView(row, actor, now),
      events: events.map((e) => ({
        action: e.action,
        // The citizen's own actions are shown without naming them.
        actor: e.actor,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
        organisation: e.organisation,
        at: new Date(e.at).toISOString(),
      })),
      photos: photos.map((p) => ({
        id: String(p.id),
        mime: p.mime,
        bytes: p.bytes,
        url: p.url ?? `/api/v1/cases/${code}/photos/${p.id}`,
      })),
      duplicates: duplicates.map((d) => ({ ...toCaseView(d, actor, now), distanceM: d.distanceM })),
    };
  }

  async photo(actor: Actor, code: string, photoId: string): Promise<{ mime: string; bytes: Buffer }> {
    const row = await this.readable(actor, code);
    const photo = await this.db
      .selectFrom('case_photos')
      .select(['file', 'mime'])
      .where('case_id', '=', row.id)
      .where('id', '=', photoId)
      .executeTakeFirst();
    if (!photo?.file) throw notFound('ảnh', 'Photo', photoId);
    return { mime: photo.mime, bytes: await this.photos.read(photo.file) };
  }

  // -------------------------------------------------------------------------------------------
  // Workflow

  /** Applies one workflow action; an action the case's status does not allow answers 409. */
  async act(actor: Actor, code: string, action: Exclude<CaseAction, 'reopen'>, input: WorkflowInput) {
    const operatorActions: CaseAction[] = ['forward', 'answer_directly', 'reject_answer', 'close', 'merge'];
    requirePermission(actor, operatorActions.includes(action) ? 'cases.intake' : 'cases.handle');
    const row = await this.readable(actor, code);
    if (!operatorActions.includes(action)) this.requireOwnAgency(actor, row);
    await this.transition(actorName(actor), row, action, input);
    return this.get(actor, code);
  }

  /** The agency records what it did (a site visit, a work order) without changing the status. */
  async note(actor: Actor, code: string, note: string) {
    if (!can(actor, 'cases.intake')) requirePermission(actor, 'cases.handle');
    const row = await this.readable(actor, code);
    if (!can(actor, 'cases.intake')) this.requireOwnAgency(actor, row);
    if (row.status !== 'forwarded' && row.status !== 'in_progress')
      throw new AppError('CASE_INVALID_TRANSITION', { status: row.status, action: 'note' });
    const text = requireText(note, 'note');
    const by = actorName(actor);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('case_events')
        .values({
          case_id: row.id,
          action: 'note',
          actor: by,
          note: text,
          organisation_id: row.organisation_id,
          at: this.clock(),
        })
        .execute();
      await writeAudit(trx, by, 'note', 'case', code, null, { note: text });
    });
    return this.get(actor, code);
  }

  private async transition(by: string, row: CaseRow, action: CaseAction, input: WorkflowInput) {
    const from = row.status as CaseStatus;
    const to = nextCaseStatus(action, from);
    if (!to)
      throw new AppError(
        'CASE_INVALID_TRANSITION',
        { status: from, action },
        {
          vi: `Không thể "${ACTION_NAMES[action].vi}" khi phản ánh ${row.code} đang ở trạng thái "${STATUS_NAMES[from].vi}".`,
          en: `Cannot ${ACTION_NAMES[action].en} case ${row.code} while it is ${STATUS_NAMES[from].en}.`,
        },
      );
    const now = this.clock();
    const set: Record<string, unknown> = { status: to, updated_at: now };
    let note: string | null = input.note?.trim() || null;
    let organisationId = row.organisation_id;
    let survivor: CaseRow | null = null;
    switch (action) {
      case 'forward': {
        const agency = input.organisationCode
          ? await this.requireOrganisation(input.organisationCode)
          : await this.suggestAgency(row.category_code, row.unit_id, await loadUnitTree(this.db));
        if (!agency) throw notFound('cơ quan xử lý', 'Agency', input.organisationCode ?? '');
        const category = await this.requireCategory(row.category_code);
        organisationId = agency.id;
        Object.assign(set, {
          organisation_id: agency.id,
          forwarded_at: now,
          due_at: new Date(now.getTime() + category.deadline_hours * 3600_000),
          reminded_at: null,
          escalated_at: null,
        });
        break;
      }
      case 'answer_directly':
        Object.assign(set, {
          answer: requireText(input.answer, 'answer'),
          answered_at: now,
          closed_at: now,
          is_late: false,
        });
        break;
      case 'accept':
        break;
      case 'send_back':
        note = requireText(input.note, 'note');
        Object.assign(set, { organisation_id: null, due_at: null });
        break;
      case 'answer':
        Object.assign(set, {
          answer: requireText(input.answer, 'answer'),
          answered_at: now,
          is_late: row.due_at !== null && new Date(row.due_at) < now,
        });
        break;
      case 'reject_answer':
        note = requireText(input.note, 'note');
        break;
      case 'close':
        set.closed_at = now;
        break;
      case 'reopen':
        note = requireText(input.note, 'note');
        Object.assign(set, {
          reopen_count: row.reopen_count + 1,
          organisation_id: null,
          due_at: null,
          closed_at: null,
          rating: null,
          rated_at: null,
        });
        break;
      case 'merge': {
        survivor = await this.requireRow(requireText(input.into, 'into').toUpperCase());
        if (survivor.id === row.id || survivor.status === 'merged')
          throw new AppError(
            'CASE_INVALID_TRANSITION',
            { into: survivor.code },
            {
              vi: 'Chỉ gộp vào một phản ánh khác chưa bị gộp.',
              en: 'Merge only into another case that is not merged itself.',
            },
          );
        set.merged_into_id = survivor.id;
        note = note ?? survivor.code;
        break;
      }
    }
    await this.db.transaction().execute(async (trx) => {
      // Only the status read above may change: a concurrent action makes this one a conflict.
      const updated = await trx
        .updateTable('cases')
        .set(set)
        .where('id', '=', row.id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw new AppError('CASE_INVALID_TRANSITION', { status: 'changed', action });
      await trx
        .insertInto('case_events')
        .values({
          case_id: row.id,
          action,
          actor: by,
          from_status: from,
          to_status: to,
          note,
          organisation_id: organisationId,
          at: now,
        })
        .execute();
      if (survivor)
        await trx
          .insertInto('case_events')
          .values({ case_id: survivor.id, action: 'merged_from', actor: by, note: row.code, at: now })
          .execute();
      await writeAudit(
        trx,
        by,
        action,
        'case',
        row.code,
        { status: from },
        { status: to, note, organisationId },
      );
    });
    const after = await this.requireRow(row.code);
    this.publishChange(after, action);
    await this.tell(after, action, note);
  }

  /** Tells those who must act next: the agency, the hotline, the citizen. */
  private async tell(row: CaseRow, action: CaseAction, note: string | null) {
    const link = `/phan-anh/${row.code}`;
    const agencyUsers = async (organisationId: number | null) =>
      organisationId === null
        ? []
        : (
            await this.db
              .selectFrom('users')
              .select('id')
              .where('organisation_id', '=', organisationId)
              .where('is_active', '=', true)
              .execute()
          ).map((u) => u.id);
    switch (action) {
      case 'forward':
        await this.notifications.notify({
          userIds: await agencyUsers(row.organisation_id),
          kind: 'case.forwarded',
          title: `Phản ánh ${row.code} được chuyển đến đơn vị`,
          body: `${row.title} — hạn xử lý ${formatDeadline(row.due_at)}.`,
          link,
        });
        break;
      case 'send_back':
      case 'answer':
        await this.notifications.notify({
          roles: { roles: ['operator'], unitId: row.unit_id },
          kind: action === 'answer' ? 'case.answered' : 'case.returned',
          title:
            action === 'answer'
              ? `Phản ánh ${row.code} đã có trả lời, cần kiểm tra`
              : `Phản ánh ${row.code} bị trả lại: ${note ?? ''}`,
          body: row.title,
          link,
        });
        break;
      case 'close':
      case 'answer_directly':
        await this.tellCitizen(row);
        break;
      case 'accept':
      case 'reject_answer':
      case 'reopen':
      case 'merge':
        break;
    }
  }

  /** The citizen learns the answer by e-mail and/or SMS (the `citizen.sms` webhook to the SMS gateway). */
  private async tellCitizen(row: CaseRow) {
    const title = `Trả lời phản ánh ${row.code}`;
    const body = `${row.title}\n\nTrả lời: ${row.answer ?? ''}\n\nBạn có thể đánh giá kết quả hoặc phản ánh lại qua đường dẫn riêng đã nhận khi gửi.`;
    const link = `/phan-anh/theo-doi/${row.code}`;
    if (row.reporter_email)
      await this.notifications.notify({
        emails: [row.reporter_email],
        kind: 'citizen.answer',
        title,
        body,
        link,
        dedupeKey: `case-answer-${row.code}-${row.reopen_count}`,
      });
    if (row.reporter_phone)
      await this.notifications.notify({
        kind: 'citizen.sms',
        title,
        body: `Phan anh ${row.code} da co tra loi. Xem tai cong thong tin 1022.`,
        link,
        data: { phone: row.reporter_phone, caseCode: row.code },
        dedupeKey: `case-sms-${row.code}-${row.reopen_count}`,
      });
  }

  // -------------------------------------------------------------------------------------------
  // The citizen's private link

  private async byToken(code: string, token: string): Promise<CaseRow> {
    const row = await this.findRow(code.toUpperCase());
    const expected = row ? hashToken(token) : '';
    if (!row || !token || (await this.tokenHash(row.id)) !== expected)
      throw new AppError('CASE_TOKEN_INVALID');
    return row;
  }

  private async tokenHash(id: string): Promise<string> {
    const r = await this.db
      .selectFrom('cases')
      .select('citizen_token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return r.citizen_token_hash;
  }

  /** What the citizen sees through their link: their report and its answer, no internal names. */
  async citizenView(code: string, token: string) {
    const row = await this.byToken(code, token);
    return {
      code: row.code,
      status: row.status as CaseStatus,
      title: row.title,
      description: row.description,
      category: { code: row.category_code, name: row.category_name, nameEn: row.category_name_en },
      organisation: row.organisation_name,
      receivedAt: new Date(row.received_at).toISOString(),
      answer: row.status === 'closed' ? row.answer : null,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      rating: row.rating,
      canRate: row.status === 'closed' && row.rating === null,
      canReopen: row.status === 'closed',
      mergedInto: row.merged_into_code,
    };
  }

  async rate(code: string, token: string, rating: number, comment?: string) {
    const row = await this.byToken(code, token);
    if (row.status !== 'closed' || row.rating !== null)
      throw new AppError(
        'CASE_INVALID_TRANSITION',
        { status: row.status, action: 'rate' },
        {
          vi: 'Chỉ đánh giá được phản ánh đã có trả lời, mỗi lần trả lời một lần.',
          en: 'Only a closed case can be rated, once per answer.',
        },
      );
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('cases')
        .set({ rating, rated_at: now, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      await trx
        .insertInto('case_events')
        .values({
          case_id: row.id,
          action: 'rate',
          actor: 'citizen',
          note: `${rating}/5${comment?.trim() ? ` — ${comment.trim()}` : ''}`,
          at: now,
        })
        .execute();
      await writeAudit(trx, 'citizen', 'rate', 'case', row.code, null, { rating });
    });
    this.publishChange(row, 'rate');
    return this.citizenView(code, token);
  }

  async reopen(code: string, token: string, reason: string) {
    const row = await this.byToken(code, token);
    await this.transition('citizen', row, 'reopen', { note: reason });
    return this.citizenView(code, token);
  }

  // -------------------------------------------------------------------------------------------
  // Publication

  /** Publishes a closed case's answer with a summary edited for the public (contact data removed). */
  async publish(
    actor: Actor,
    code: string,
    input: { published: boolean; summary?: string; answer?: string },
  ) {
    requirePermission(actor, 'cases.intake');
    const row = await this.readable(actor, code);
    if (input.published && row.status !== 'closed')
      throw new AppError(
        'CASE_INVALID_TRANSITION',
        { status: row.status, action: 'publish' },
        {
          vi: 'Chỉ công khai được phản ánh đã có trả lời và đã đóng.',
          en: 'Only a closed, answered case can be published.',
        },
      );
    const now = this.clock();
    const set = input.published
      ? {
          is_published: true,
          public_summary: redactPersonalData(input.summary?.trim() || row.description),
          public_answer: redactPersonalData(input.answer?.trim() || row.answer || ''),
          published_at: now,
          updated_at: now,
        }
      : { is_published: false, updated_at: now };
    const by = actorName(actor);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('cases').set(set).where('id', '=', row.id).execute();
      await trx
        .insertInto('case_events')
        .values({ case_id: row.id, action: input.published ? 'publish' : 'unpublish', actor: by, at: now })
        .execute();
      await writeAudit(
        trx,
        by,
        input.published ? 'publish' : 'unpublish',
        'case',
        code,
        { published: row.is_published },
        set,
      );
    });
    return this.get(actor, code);
  }

  /** Published answers for everyone: searchable by text, category, unit and status. */
  async publicList(filters: {
    q?: string;
    category?: string;
    unit?: string;
    status?: CaseStatus;
    limit: number;
    offset: number;
  }) {
    let query = selectCases(this.db).where('c.is_published', '=', true);
    if (filters.q) {
      const term = `%${filters.q.trim()}%`;
      query = query.where((eb) =>
        eb.or([eb('c.public_summary', 'ilike', term), eb('c.public_answer', 'ilike', term)]),
      );
    }
    query = this.applyFilters(query, { ...filters, q: undefined });
    const limit = Math.min(filters.limit, PAGE_MAX);
    const rows = await query
      .orderBy('c.published_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit + 1)
      .offset(filters.offset)
      .execute();
    return { items: rows.slice(0, limit).map(toPublicCaseView), hasMore: rows.length > limit };
  }

  async publicGet(code: string) {
    const row = await this.findRow(code.toUpperCase());
    if (!row || !row.is_published) throw notFound('phản ánh đã công khai', 'Published case', code);
    return toPublicCaseView(row);
  }

  /**
   * Cases as Open311 clients read them (no account needed): by code, or filtered by category,
   * received between two instants and open/closed. Nothing personal leaves (see open311-format).
   */
  async forOpen311(filters: {
    codes?: string[];
    category?: string;
    from?: Date;
    to?: Date;
    status?: 'open' | 'closed';
    limit: number;
  }) {
    let query = selectCases(this.db).where('c.status', '!=', 'merged');
    if (filters.codes)
      query = selectCases(this.db).where('c.code', 'in', filters.codes.length ? filters.codes : ['']);
    else {
      if (filters.category) query = query.where('k.code', '=', filters.category);
      if (filters.from) query = query.where('c.received_at', '>=', filters.from);
      if (filters.to) query = query.where('c.received_at', '<=', filters.to);
      if (filters.status === 'closed') query = query.where('c.status', '=', 'closed');
      if (filters.status === 'open') query = query.where('c.status', '!=', 'closed');
    }
    const rows = await query
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(filters.limit)
      .execute();
    return rows.map((r) => {
      const view = toCaseView(r, { kind: 'anonymous' }, this.clock());
      return {
        code: view.code,
        status: view.status,
        categoryCode: view.category.code,
        categoryName: view.category.name,
        organisation: view.organisation?.name ?? null,
        address: view.address,
        location: view.location,
        receivedAt: view.receivedAt,
        updatedAt: new Date(r.updated_at).toISOString(),
        dueAt: view.dueAt,
        mergedInto: view.mergedInto,
        publicSummary: view.publicSummary,
        isPublished: view.isPublished,
      };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  private tokenFor(submissionKey: string): string {
    return createHash('sha256').update(`ioc-case-token|${submissionKey}`).digest('base64url');
  }

  private async findBySubmission(key: string) {
    const row = await selectCases(this.db).where('c.submission_key', '=', key).executeTakeFirst();
    return row ? toCaseView(row, { kind: 'anonymous' }, this.clock()) : null;
  }

  private findRow(code: string) {
    return selectCases(this.db).where('c.code', '=', code).executeTakeFirst();
  }

  private async requireRow(code: string): Promise<CaseRow> {
    const row = await this.findRow(code);
    if (!row) throw notFound('phản ánh', 'Case', code);
    return row;
  }

  /** The case, if the actor may read it: in their unit scope; an agency only its own cases. */
  private async readable(actor: Actor, code: string): Promise<CaseRow> {
    requirePermission(actor, 'cases.read');
    const row = await this.requireRow(code.toUpperCase());
    if (actor.role === 'data_officer' && row.organisation_id !== actor.organisationId) {
      // The agency keeps reading cases it once handled (history), but not others.
      const handled = await this.db
        .selectFrom('case_events')
        .select('id')
        .where('case_id', '=', row.id)
        .where('organisation_id', '=', actor.organisationId ?? -1)
        .executeTakeFirst();
      if (!handled) throw new AppError('FORBIDDEN', { case: code });
    }
    if (actor.scopeUnitId !== null) {
      const tree = await loadUnitTree(this.db);
      if (row.unit_id === null || !isInScope(actor, tree, row.unit_id))
        throw new AppError('OUT_OF_SCOPE', { case: code });
    }
    return row;
  }

  private requireOwnAgency(actor: Actor, row: CaseRow) {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (actor.role === 'administrator') return;
    if (row.organisation_id === null || actor.organisationId !== row.organisation_id)
      throw new AppError(
        'FORBIDDEN',
        { case: row.code },
        {
          vi: 'Phản ánh này không được chuyển đến đơn vị của bạn.',
          en: 'This case was not forwarded to your organisation.',
        },
      );
  }

  private async requireCategory(code: string) {
    const category = await this.db
      .selectFrom('case_categories')
      .select(['id', 'code', 'deadline_hours', 'route_to', 'default_organisation_code'])
      .where('code', '=', code)
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (!category)
      throw new AppError(
        'CASE_UNKNOWN_CATEGORY',
        { category: code },
        {
          vi: `Lĩnh vực phản ánh "${code}" không tồn tại.`,
          en: `Unknown report category "${code}".`,
        },
      );
    return category;
  }

  private async suggestedCategory(text: string) {
    const categories = await this.db
      .selectFrom('case_categories')
      .select(['code', 'keywords'])
      .where('is_active', '=', true)
      .orderBy('sort')
      .execute();
    return this.requireCategory(suggestCategories(text, categories)[0]?.code ?? 'other');
  }

  private async requireOrganisation(code: string) {
    const org = await this.db
      .selectFrom('organisations')
      .select(['id', 'code', 'name'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!org) throw notFound('cơ quan xử lý', 'Agency', code);
    return org;
  }

  /**
   * The agency a category routes to: its default department, or the people's committee of the
   * case's unit (the nearest one up the tree) for local matters, or when no department is set.
   */
  private async suggestAgency(categoryCode: string, unitId: number | null, tree: UnitTree) {
    const category = await this.requireCategory(categoryCode);
    if (category.route_to === 'organisation' && category.default_organisation_code) {
      const org = await this.db
        .selectFrom('organisations')
        .select(['id', 'code', 'name'])
        .where('code', '=', category.default_organisation_code)
        .executeTakeFirst();
      if (org) return org;
    }
    if (unitId === null) return null;
    const chain = [unitId, ...tree.ancestors(unitId).map((u) => u.id)];
    const committees = await this.db
      .selectFrom('organisations')
      .select(['id', 'code', 'name', 'unit_id'])
      .where('kind', '=', 'people_committee')
      .where('unit_id', 'in', chain)
      .execute();
    for (const id of chain) {
      const found = committees.find((c) => c.unit_id === id);
      if (found) return { id: found.id, code: found.code, name: found.name };
    }
    return null;
  }

  /** Open cases of a category near a point, recent first (the operator decides whether to merge). */
  private async nearbyOpen(categoryCode: string, point: [number, number], exceptId: string | null) {
    const dLat = DUPLICATE_RADIUS_M / 111_000;
    const dLon = dLat / Math.cos((point[1] * Math.PI) / 180);
    let query = selectCases(this.db)
      .where('k.code', '=', categoryCode)
      .where('c.status', 'in', ['received', 'forwarded', 'in_progress', 'returned'])
      .where('c.received_at', '>=', new Date(this.clock().getTime() - DUPLICATE_DAYS * 86_400_000))
      .where('c.lon', '>=', point[0] - dLon)
      .where('c.lon', '<=', point[0] + dLon)
      .where('c.lat', '>=', point[1] - dLat)
      .where('c.lat', '<=', point[1] + dLat);
    if (exceptId !== null) query = query.where('c.id', '!=', exceptId);
    const rows = await query.orderBy('c.received_at', 'desc').limit(20).execute();
    return rows
      .map((r) => ({
        ...r,
        distanceM: Math.round(distanceMetres([r.lon as number, r.lat as number], point)),
      }))
      .filter((r) => r.distanceM <= DUPLICATE_RADIUS_M);
  }

  /** The case's unit and point: a map point must lie in the province and gives the unit when none is named. */
  private async locate(tree: UnitTree, input: CaseIntakeInput, at: Date) {
    const date = at.toISOString().slice(0, 10);
    const location = input.location ?? null;
    const located = location ? locateUnit(location, await this.units.locatable(), date) : null;
    if (location && located === null) throw new AppError('CASE_OUTSIDE_PROVINCE', { location });
    let unitId = located;
    if (input.unitCode) {
      const unit = tree.findByCode(input.unitCode, date);
      if (!unit) throw notFound('đơn vị hành chính', 'Unit', input.unitCode);
      unitId = unit.id;
    }
    if (!location && unitId === null && !input.address?.trim()) throw new AppError('CASE_LOCATION_REQUIRED');
    return { unitId, location };
  }

  private publishChange(row: CaseRow, action: string) {
    this.live.publish({
      topic: 'cases',
      data: { code: row.code, status: row.status, action },
      audience: (actor) => can(actor, 'cases.read'),
    });
  }
}

function formatDeadline(d: Date | string | null): string {
  if (!d) return '—';
  const local = new Date(new Date(d).getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(11, 16)} ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

export const STATUS_NAMES: Record<CaseStatus, { vi: string; en: string }> = {
  received: { vi: 'mới tiếp nhận', en: 'received' },
  forwarded: { vi: 'đã chuyển xử lý', en: 'forwarded' },
  in_progress: { vi: 'đang xử lý', en: 'in progress' },
  returned: { vi: 'bị trả lại', en: 'sent back' },
  answered: { vi: 'đã có trả lời', en: 'answered' },
  closed: { vi: 'đã đóng', en: 'closed' },
  merged: { vi: 'đã gộp', en: 'merged' },
};

const ACTION_NAMES: Record<CaseAction, { vi: string; en: string }> = {
  forward: { vi: 'chuyển xử lý', en: 'forward' },
  answer_directly: { vi: 'trả lời trực tiếp', en: 'answer directly' },
  accept: { vi: 'tiếp nhận xử lý', en: 'accept' },
  send_back: { vi: 'trả lại', en: 'send back' },
  answer: { vi: 'trả lời', en: 'answer' },
  reject_answer: { vi: 'yêu cầu xử lý lại', en: 'reject the answer of' },
  close: { vi: 'đóng', en: 'close' },
  reopen: { vi: 'mở lại', en: 'reopen' },
  merge: { vi: 'gộp', en: 'merge' },
};
