import { describe, expect, it } from 'vitest';
import { generateFinanceDemo } from './finance-demo.js';

const demo = generateFinanceDemo();
const TY = 1e9;
type Row = Record<string, unknown>;
const sum = (rows: Row[]) => rows.reduce((s, r) => s + (r.amount as number), 0);
const inYear = (rows: Row[], year: number) => rows.filter((r) => String(r.date).startsWith(String(year)));

describe('demo budget and investment records', () => {
  it('is deterministic', () => {
    const again = generateFinanceDemo();
    expect(again.budgetRecords.slice(0, 50)).toEqual(demo.budgetRecords.slice(0, 50));
    expect(again.disbursements.length).toBe(demo.disbursements.length);
  });

  it('collects 12–15 thousand billion đồng a year, a large share from land-use fees', () => {
    const revenue = demo.budgetRecords.filter((r) => r.kind === 'thu');
    for (const year of [2022, 2023, 2024]) {
      const total = sum(inYear(revenue, year)) / TY;
      expect(total).toBeGreaterThan(11_000);
      expect(total).toBeLessThan(15_500);
      const land = sum(inYear(revenue, year).filter((r) => r.item === 'TIEN_SDD')) / TY;
      expect(land / total).toBeGreaterThan(0.15);
    }
  });

  it('peaks in December for revenue and rushes spending at the year end', () => {
    for (const kind of ['thu', 'chi']) {
      const rows = inYear(
        demo.budgetRecords.filter((r) => r.kind === kind),
        2024,
      );
      const months = Array.from({ length: 12 }, (_, m) =>
        sum(rows.filter((r) => String(r.date).slice(5, 7) === String(m + 1).padStart(2, '0'))),
      );
      expect(months[11]).toBeGreaterThan((1.3 * sum(rows)) / 12);
    }
  });

  it('has a few hundred projects whose disbursement starts slowly and rushes at the year end', () => {
    expect(demo.projects.length).toBeGreaterThanOrEqual(300);
    expect(demo.projects.length).toBeLessThanOrEqual(400);
    const plan = sum(demo.plans.filter((p) => p.year === 2024));
    const disbursed = inYear(demo.disbursements, 2024);
    const byJune = sum(disbursed.filter((d) => String(d.date) <= '2024-06-30')) / plan;
    const lastQuarter = sum(disbursed.filter((d) => String(d.date) >= '2024-10-01')) / plan;
    expect(byJune).toBeLessThan(0.4);
    expect(lastQuarter).toBeGreaterThan(byJune * 0.8);
    expect(sum(disbursed) / plan).toBeGreaterThan(0.75);
  });

  it('keeps a few investors chronically behind the others', () => {
    const investorOf = new Map(demo.projects.map((p) => [p.code, p.investor as string]));
    const rate = (investor: string, year: number) => {
      const codes = new Set(demo.projects.filter((p) => p.investor === investor).map((p) => p.code));
      const plan = sum(demo.plans.filter((p) => p.year === year && codes.has(p.project)));
      return (
        sum(inYear(demo.disbursements, year).filter((d) => investorOf.get(d.project) === investor)) / plan
      );
    };
    for (const year of [2022, 2023, 2024])
      expect(rate('UBND_693', year)).toBeLessThan(rate('UBND_689', year));
  });

  it('revises some plans during the year', () => {
    expect(demo.planRevisions.length).toBeGreaterThan(10);
  });
});
