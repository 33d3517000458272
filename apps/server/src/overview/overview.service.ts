import {
  parsePeriod,
  samePeriodLastYear,
  type Period,
  type TargetValue,
  type UnitLevel,
  type WarningLevel,
} from '@ioc/shared';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { can, canReadValue } from '../auth/policy.js';
import { presentUnit } from '../catalogue/catalogue.service.js';
import { loadIndicators, type IndicatorRecord } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { loadUnitTree, type UnitNode, type UnitTree } from '../units/unit-tree.js';
import {
  assess,
  change,
  existsDuring,
  periodView,
  type Assessment,
  type Cell,
} from '../values/assessment.js';
import { overviewPeriodFor } from './overview-period.js';

const LEVEL_ORDER: Record<WarningLevel, number> = {
  red: 0,
  orange: 1,
  yellow: 2,
  green: 3,
  no_target: 4,
  no_data: 5,
};
const MAX_WARNINGS = 300;

interface Reading extends Assessment {
  indicator: IndicatorRecord;
  period: Period;
  samePeriodLastYear: number | null;
  changePercent: number | null;
  trend: 'up' | 'down' | 'flat' | null;
}

function requireMonth(code: string): Period {
  const period = parsePeriod(code);
  if (!period || period.type !== 'month') {
    throw new AppError(
      'VALIDATION_FAILED',
      { period: code },
      {
        vi: `Kỳ tổng quan phải là một tháng, ví dụ 2025-06 (nhận được "${code}").`,
        en: `The overview period must be a month, e.g. 2025-06 (got "${code}").`,
      },
    );
  }
  return period;
}

function trendOf(value: number | null, before: number | null): Reading['trend'] {
  if (value === null || before === null) return null;
  return value > before ? 'up' : value < before ? 'down' : 'flat';
}

function indicatorView(i: IndicatorRecord) {
  return {
    code: i.code,
    name: i.name,
    nameEn: i.nameEn,
    domainCode: i.domainCode,
    unitOfMeasure: i.unitOfMeasure,
    decimals: i.decimals,
    direction: i.direction,
    periodType: i.periodType,
  };
}

/** Whole-province views for leaders: every domain at a glance, warnings, and one unit's scorecard. */
export class OverviewService {
  /** The latest month with data, for public and for internal readers; dropped when roll-ups change. */
  private readonly latest = new Map<'public' | 'internal', Promise<string | null>>();

  constructor(private readonly db: Db) {}

  /**
   * The latest month for which the province has figures the actor may see: where screens open
   * by default. Computed once per roll-up refresh, not per request.
   */
  latestMonth(actor: Actor): Promise<string | null> {
    const key = can(actor, 'internal.read') ? 'internal' : 'public';
    let month = this.latest.get(key);
    if (!month) {
      month = sql<{ month: string | null }>`
        SELECT max(r.period) AS month FROM rollup_values r
        JOIN indicators i ON i.code = r.indicator_code
        WHERE r.period ~ '^[0-9]{4}-[0-9]{2}$' AND (i.is_public OR ${key === 'internal'})`
        .execute(this.db)
        .then((result) => result.rows[0]?.month ?? null);
      month.catch(() => this.latest.delete(key));
      this.latest.set(key, month);
    }
    return month;
  }

  forgetLatestMonth(): void {
    this.latest.clear();
  }

  /** Domain tiles for the actor's root unit and the warnings of the units of `level` below it. */
  async overview(actor: Actor, query: { period: string; level?: UnitLevel }) {
    const month = requireMonth(query.period);
    const { indicators, tree, domains, people, organisations } = await this.loadCatalogue(actor);
    const root = this.rootFor(actor, tree, month);
    const level = query.level ?? 'district';
    const units = tree.units.filter(
      (u) => u.level === level && existsDuring(u, month) && tree.isWithin(u.id, root.id),
    );
    const readings = await this.read(indicators, [root, ...units], month);
    const tiles = domains.map((d) => {
      const rows = indicators
        .filter((i) => i.domainCode === d.code)
        .map((i) => readings.get(root.id)?.get(i.code));
      const visible = rows.filter(
        (r): r is Reading => r !== undefined && canReadValue(actor, tree, r.indicator.isPublic, root.id),
      );
      return {
        code: d.code,
        name: d.name,
        nameEn: d.name_en,
        counts: countLevels(visible),
        tiles: visible.map(presentReading),
      };
    });
    const warnings = units
      .flatMap((unit) =>
        [...(readings.get(unit.id)?.values() ?? [])]
          .filter(
            (r) =>
              (r.level === 'red' || r.level === 'orange') &&
              canReadValue(actor, tree, r.indicator.isPublic, unit.id),
          )
          .map((r) => ({ unit, reading: r })),
      )
      .sort(
        (a, b) =>
          LEVEL_ORDER[a.reading.level] - LEVEL_ORDER[b.reading.level] ||
          severity(b.reading) - severity(a.reading),
      )
      .slice(0, MAX_WARNINGS)
      .map(({ unit, reading }) => ({
        ...presentReading(reading),
        unit: { code: unit.code, name: unit.name, nameEn: unit.nameEn, level: unit.level },
        responsible: people.get(reading.indicator.responsiblePersonId ?? -1) ?? null,
        owner: organisations.get(reading.indicator.ownerOrganisationId ?? -1) ?? null,
      }));
    return { period: periodView(month), root: presentUnit(root, tree), level, domains: tiles, warnings };
  }

  /** Everything about one unit: its indicators by domain with colours, rank among its siblings, who is responsible. */
  async scorecard(actor: Actor, code: string, query: { period: string }) {
    const month = requireMonth(query.period);
    const { indicators, tree, domains, people, organisations } = await this.loadCatalogue(actor);
    const unit = tree.findByCode(code, month.end) ?? tree.findByCode(code, month.start);
    if (!unit) throw notFound('đơn vị hành chính', 'Unit', code);
    const siblings = tree.units.filter(
      (u) => u.level === unit.level && u.parentId === unit.parentId && existsDuring(u, month),
    );
    const readings = await this.read(indicators, siblings, month);
    const own = readings.get(unit.id) ?? new Map<string, Reading>();
    const byDomain = domains.map((d) => {
      const rows = indicators
        .filter((i) => i.domainCode === d.code && canReadValue(actor, tree, i.isPublic, unit.id))
        .flatMap((i) => {
          const reading = own.get(i.code);
          if (!reading) return [];
          const ranked = rankAmong(
            i,
            siblings.map((s) => readings.get(s.id)?.get(i.code)?.value ?? null),
            reading.value,
          );
          return [
            {
              ...presentReading(reading),
              ...ranked,
              responsible: people.get(i.responsiblePersonId ?? -1) ?? null,
              owner: organisations.get(i.ownerOrganisationId ?? -1) ?? null,
            },
          ];
        });
      return { code: d.code, name: d.name, nameEn: d.name_en, counts: countLevels(rows), indicators: rows };
    });
    const all = byDomain.flatMap((d) => d.indicators);
    return {
      unit: presentUnit(unit, tree),
      ancestors: tree.ancestors(unit.id).map((a) => presentUnit(a, tree)),
      period: periodView(month),
      counts: countLevels(all),
      domains: byDomain,
      offTarget: all
        .filter((r) => r.level === 'red' || r.level === 'orange')
        .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]),
    };
  }

  private async loadCatalogue(actor: Actor) {
    const [all, tree, domains, people, organisations] = await Promise.all([
      loadIndicators(this.db),
      loadUnitTree(this.db),
      this.db.selectFrom('domains').selectAll().orderBy('sort').execute(),
      this.db.selectFrom('people').select(['id', 'full_name', 'title']).execute(),
      this.db.selectFrom('organisations').select(['id', 'code', 'name']).execute(),
    ]);
    const indicators = [...all.values()].filter((i) => i.isPublic || actor.kind !== 'anonymous');
    return {
      indicators,
      tree,
      domains,
      people: new Map(people.map((p) => [p.id, { name: p.full_name, title: p.title }])),
      organisations: new Map(organisations.map((o) => [o.id, { code: o.code, name: o.name }])),
    };
  }

  /** The actor's scope unit (a district IOC), or the province. */
  private rootFor(actor: Actor, tree: UnitTree, month: Period): UnitNode {
    const scoped =
      actor.kind === 'anonymous' || actor.scopeUnitId === null ? undefined : tree.byId.get(actor.scopeUnitId);
    const root = scoped ?? tree.units.find((u) => u.parentId === null && existsDuring(u, month));
    if (!root) throw notFound('đơn vị hành chính cấp tỉnh', 'Province', month.code);
    return root;
  }

  /** Every indicator's reading for the units, at the period the overview shows it for. */
  private async read(
    indicators: IndicatorRecord[],
    units: UnitNode[],
    month: Period,
  ): Promise<Map<number, Map<string, Reading>>> {
    const periodOf = new Map(indicators.map((i) => [i.code, overviewPeriodFor(i.periodType, month)]));
    const codes = indicators.flatMap((i) => [i.code, i.code]);
    const periods = indicators.flatMap((i) => [
      periodOf.get(i.code)!,
      samePeriodLastYear(periodOf.get(i.code)!),
    ]);
    const unitIds = units.map((u) => u.id);
    if (unitIds.length === 0 || codes.length === 0) return new Map();
    const [cells, targets] = await Promise.all([
      sql<{ indicator_code: string; unit_id: number; period: string; value: number; coverage: number }>`
        SELECT r.indicator_code, r.unit_id, r.period, r.value, r.coverage
        FROM unnest(${codes}::text[], ${periods}::text[]) AS q(code, period)
        JOIN rollup_values r ON r.indicator_code = q.code AND r.period = q.period
        WHERE r.unit_id = ANY(${unitIds}::int[])`.execute(this.db),
      this.db
        .selectFrom('targets')
        .select(['indicator_code', 'unit_id', 'period', 'value', 'low', 'high'])
        .where('unit_id', 'in', unitIds)
        .where('period', 'like', `${month.year}%`)
        .execute(),
    ]);
    const cellAt = new Map<string, Cell>(
      cells.rows.map((c) => [`${c.indicator_code}|${c.unit_id}|${c.period}`, c]),
    );
    const targetsAt = new Map<string, Map<string, TargetValue>>();
    for (const t of targets) {
      const key = `${t.indicator_code}|${t.unit_id}`;
      targetsAt.set(
        key,
        (targetsAt.get(key) ?? new Map()).set(t.period, { value: t.value, low: t.low, high: t.high }),
      );
    }
    const out = new Map<number, Map<string, Reading>>();
    for (const unit of units) {
      const byIndicator = new Map<string, Reading>();
      for (const indicator of indicators) {
        const period = parsePeriod(periodOf.get(indicator.code)!)!;
        const cell = cellAt.get(`${indicator.code}|${unit.id}|${period.code}`);
        const before =
          cellAt.get(`${indicator.code}|${unit.id}|${samePeriodLastYear(period.code)}`)?.value ?? null;
        const assessment = assess(indicator, period, cell, targetsAt.get(`${indicator.code}|${unit.id}`));
        byIndicator.set(indicator.code, {
          indicator,
          period,
          ...assessment,
          samePeriodLastYear: before,
          changePercent: change(assessment.value, before).changePercent,
          trend: trendOf(assessment.value, before),
        });
      }
      out.set(unit.id, byIndicator);
    }
    return out;
  }
}

function presentReading(r: Reading) {
  const { indicator, period, ...rest } = r;
  return { indicator: indicatorView(indicator), period: periodView(period), ...rest };
}

function countLevels(rows: { level: WarningLevel }[]): Record<WarningLevel, number> {
  const counts: Record<WarningLevel, number> = {
    green: 0,
    yellow: 0,
    orange: 0,
    red: 0,
    no_target: 0,
    no_data: 0,
  };
  for (const r of rows) counts[r.level]++;
  return counts;
}

/** How far off target a warning is, comparable across indicators (percentage points away from 100 %). */
function severity(r: Reading): number {
  return r.achievement === null ? 0 : Math.abs(100 - r.achievement);
}

/** 1 = best among the siblings, by the indicator's direction. */
function rankAmong(
  indicator: IndicatorRecord,
  values: (number | null)[],
  value: number | null,
): { rank: number | null; rankOf: number } {
  const present = values.filter((v): v is number => v !== null);
  if (value === null || indicator.direction === 'band') return { rank: null, rankOf: present.length };
  const better = present.filter((v) =>
    indicator.direction === 'lower_better' ? v < value : v > value,
  ).length;
  return { rank: better + 1, rankOf: present.length };
}
