import { computeDeadline, formatPeriodLabel, parsePeriod, periodsDueBetween } from '@ioc/shared';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/policy.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { loadUnitTree, type UnitNode, type UnitTree } from '../units/unit-tree.js';
import { classifyArrival, countStatuses, type ArrivalStatus, type PeriodCounts } from './completeness.js';
import { resolveDataSetUnits, type DataSet, type DataSetsService } from './data-sets.service.js';

/** One unit's standing for one data set and period. */
export interface UnitArrival {
  unit: UnitNode;
  arrived: Date | null;
  status: ArrivalStatus;
}

const MS_PER_MONTH = 30.44 * 86_400_000;
/** After the last unit ended, the last periods' deadlines still fall within this time. */
const UNITS_ENDED_GRACE_MS = 45 * 86_400_000;

/**
 * Completeness and timeliness (DHIS2-style reporting and on-time rates) per data set,
 * organisation and period, counting data however it arrived: a unit's data for a period
 * arrived at the earliest of its submission (file or form, `data_receipts`) and the moment
 * the last of the data set's indicators first reached the warehouse (connector, MQTT, API).
 */
export class CompletenessService {
  constructor(
    private readonly db: Db,
    private readonly dataSets: DataSetsService,
    private readonly clock: Clock,
    /** A unit late or missing this many times in the window is flagged for review. */
    private readonly lateThreshold: number,
  ) {}

  /** Every expected unit of a data set's periods, with when its data arrived and its status. */
  async arrivals(dataSet: DataSet, periods: string[], tree: UnitTree): Promise<Map<string, UnitArrival[]>> {
    const now = this.clock();
    const expected = new Map(
      periods.map((p) => [p, resolveDataSetUnits(dataSet, tree, parsePeriod(p)!.end)] as const),
    );
    const unitIds = [...new Set([...expected.values()].flat().map((u) => u.id))];
    const arrived = new Map<string, Date>();
    if (periods.length > 0 && unitIds.length > 0) {
      const receipts = await this.db
        .selectFrom('data_receipts')
        .select(['unit_id', 'period', 'received_at'])
        .where('data_set_id', '=', dataSet.id)
        .where('period', 'in', periods)
        .execute();
      for (const r of receipts) arrived.set(`${r.unit_id}|${r.period}`, new Date(r.received_at));
      // First arrival of each value: its oldest revision, or the current row when never revised.
      const observed = await sql<{ unit_id: number; period: string; indicators: number; arrived: Date }>`
        SELECT unit_id, period, count(*)::int AS indicators, max(first_at) AS arrived FROM (
          SELECT o.unit_id, o.period, least(o.updated_at, min(r.changed_at)) AS first_at
          FROM observations o LEFT JOIN observation_revisions r ON r.observation_id = o.id
          WHERE o.indicator_code IN (${sql.join(dataSet.indicatorCodes)})
            AND o.period IN (${sql.join(periods)}) AND o.disaggregation = ''
          GROUP BY o.id
        ) v GROUP BY unit_id, period`.execute(this.db);
      for (const o of observed.rows) {
        if (o.indicators < dataSet.indicatorCodes.length) continue;
        const key = `${o.unit_id}|${o.period}`;
        const at = new Date(o.arrived);
        const receipt = arrived.get(key);
        if (!receipt || at < receipt) arrived.set(key, at);
      }
    }
    return new Map(
      periods.map((p) => {
        const deadline = computeDeadline(p, dataSet.deadline);
        return [
          p,
          expected.get(p)!.map((unit) => {
            const at = arrived.get(`${unit.id}|${p}`) ?? null;
            return { unit, arrived: at, status: classifyArrival(at, deadline, now) };
          }),
        ];
      }),
    );
  }

  /**
   * The end of the scoreboard's window: the date asked for, or now — but no later than shortly
   * after the last day any unit exists (a hierarchy that ended in a reorganisation, as the demo
   * province did, expects nothing afterwards).
   */
  private windowEnd(tree: UnitTree, until?: string): Date {
    const now = this.clock();
    if (until) return new Date(Math.min(now.getTime(), Date.parse(`${until}T23:59:59+07:00`)));
    if (tree.units.some((u) => u.validTo === null)) return now;
    const lastDay = tree.units.reduce((max, u) => (u.validTo! > max ? u.validTo! : max), '0000-01-01');
    return new Date(Math.min(now.getTime(), Date.parse(`${lastDay}T00:00:00Z`) + UNITS_ENDED_GRACE_MS));
  }

  /** Each expected unit of one data set and period: arrived when, on time or not. */
  async periodStatus(actor: Actor, code: string, period: string) {
    requirePermission(actor, 'supply.read');
    const dataSet = (await this.dataSets.list(actor)).find((d) => d.code === code);
    if (!dataSet) throw notFound('bộ số liệu', 'Data set', code);
    const parsed = parsePeriod(period);
    if (parsed?.type !== dataSet.frequency) throw notFound('kỳ', 'Period', period);
    const arrivals = await this.arrivals(dataSet, [parsed.code], await loadUnitTree(this.db));
    const units = arrivals.get(parsed.code)!;
    return {
      dataSet: dataSet.code,
      period: parsed.code,
      deadline: computeDeadline(parsed.code, dataSet.deadline).toISOString(),
      ...countStatuses(units.map((u) => u.status)),
      units: units.map((u) => ({
        code: u.unit.code,
        name: u.unit.name,
        arrivedAt: u.arrived?.toISOString() ?? null,
        status: u.status,
      })),
    };
  }

  /**
   * The scoreboard over the last `months` months: per data set and period the counts and rates
   * with the reminders sent; per organisation its totals; units late or missing at least the
   * threshold number of times, flagged.
   */
  async scoreboard(actor: Actor, options: { months: number; until?: string }) {
    requirePermission(actor, 'supply.read');
    const [dataSets, tree] = await Promise.all([this.dataSets.list(actor), loadUnitTree(this.db)]);
    const now = this.windowEnd(tree, options.until);
    const from = new Date(now.getTime() - options.months * MS_PER_MONTH);
    const reminders = await this.db
      .selectFrom('data_supply_reminders')
      .select(['data_set_id', 'period', 'stage', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['data_set_id', 'period', 'stage'])
      .execute();
    const remindersOf = (id: number, period: string, stage: 'before' | 'after') =>
      Number(reminders.find((r) => r.data_set_id === id && r.period === period && r.stage === stage)?.n ?? 0);
    const organisations = new Map<
      string,
      { code: string; name: string; statuses: ArrivalStatus[]; latePeriods: number; reminders: number }
    >();
    const flagged: {
      dataSet: string;
      organisation: string;
      unit: { code: string; name: string };
      late: number;
      missing: number;
    }[] = [];
    const sets = [];
    for (const dataSet of dataSets.filter((d) => d.isActive)) {
      const periods = periodsDueBetween(dataSet.frequency, dataSet.deadline, from, now);
      const arrivals = await this.arrivals(dataSet, periods, tree);
      const org = organisations.get(dataSet.organisationCode) ?? {
        code: dataSet.organisationCode,
        name: dataSet.organisationName,
        statuses: [],
        latePeriods: 0,
        reminders: 0,
      };
      organisations.set(dataSet.organisationCode, org);
      const perUnit = new Map<number, { unit: UnitNode; late: number; missing: number }>();
      const rows = periods.map((period) => {
        const units = arrivals.get(period)!;
        const counts = countStatuses(units.map((u) => u.status));
        org.statuses.push(...units.map((u) => u.status));
        if (counts.late + counts.missing > 0) org.latePeriods++;
        for (const u of units) {
          const entry = perUnit.get(u.unit.id) ?? { unit: u.unit, late: 0, missing: 0 };
          if (u.status === 'late') entry.late++;
          if (u.status === 'missing') entry.missing++;
          perUnit.set(u.unit.id, entry);
        }
        const sent = {
          before: remindersOf(dataSet.id, period, 'before'),
          after: remindersOf(dataSet.id, period, 'after'),
        };
        org.reminders += sent.before + sent.after;
        return {
          period,
          label: formatPeriodLabel(period, 'vi'),
          deadline: computeDeadline(period, dataSet.deadline).toISOString(),
          ...counts,
          reminders: sent,
        };
      });
      for (const u of perUnit.values()) {
        if (u.late + u.missing >= this.lateThreshold) {
          flagged.push({
            dataSet: dataSet.code,
            organisation: dataSet.organisationName,
            unit: { code: u.unit.code, name: u.unit.name },
            late: u.late,
            missing: u.missing,
          });
        }
      }
      sets.push({
        code: dataSet.code,
        name: dataSet.name,
        organisation: { code: dataSet.organisationCode, name: dataSet.organisationName },
        frequency: dataSet.frequency,
        totals: countStatuses(rows.flatMap((r) => arrivals.get(r.period)!.map((u) => u.status))),
        periods: rows,
      });
    }
    return {
      window: { from: from.toISOString(), to: now.toISOString() },
      lateThreshold: this.lateThreshold,
      dataSets: sets,
      organisations: [...organisations.values()].map((o) => ({
        code: o.code,
        name: o.name,
        totals: countStatuses(o.statuses) satisfies PeriodCounts,
        latePeriods: o.latePeriods,
        reminders: o.reminders,
        isFlagged: o.latePeriods >= this.lateThreshold,
      })),
      flaggedUnits: flagged.sort((a, b) => b.late + b.missing - (a.late + a.missing)),
    };
  }
}
