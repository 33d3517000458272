import { describe, expect, it } from 'vitest';
import { generateDemoDossiers } from './dossiers.js';
import { DEMO_UNITS } from './units.js';

describe('demo dossiers', () => {
  const { dossiers, satisfaction } = generateDemoDossiers();

  it('has tens of thousands of dossiers with unique codes, every commune taking some', () => {
    expect(dossiers.length).toBeGreaterThan(40_000);
    expect(dossiers.length).toBeLessThan(60_000);
    expect(new Set(dossiers.map((d) => d.code)).size).toBe(dossiers.length);
    const units = new Set(dossiers.map((d) => d.unit));
    for (const unit of DEMO_UNITS) expect([unit.code, units.has(unit.code)]).toEqual([unit.code, true]);
  });

  it('is deterministic', () => {
    const again = generateDemoDossiers();
    expect(again.dossiers.slice(0, 50)).toEqual(dossiers.slice(0, 50));
    expect(again.dossiers.length).toBe(dossiers.length);
  });

  it('keeps times in order and only closed dossiers finished', () => {
    for (const d of dossiers) {
      expect(d.dueAt > d.receivedAt).toBe(true);
      if (d.finishedAt) expect(d.finishedAt >= d.receivedAt).toBe(true);
      expect(d.finishedAt !== null).toBe(d.status === 'finished' || d.status === 'returned');
      if (d.paidOnline) expect(d.hasFee).toBe(true);
    }
    expect(dossiers.filter((d) => d.finishedAt === null).length).toBeGreaterThan(100);
  });

  it('grows the online share and keeps a few agencies chronically late', () => {
    const onlineShare = (year: string) => {
      const of = dossiers.filter((d) => d.receivedAt.startsWith(year));
      return of.filter((d) => d.channel === 'online').length / of.length;
    };
    expect(onlineShare('2025')).toBeGreaterThan(onlineShare('2022') + 0.3);
    const lateRate = (agency: string) => {
      const done = dossiers.filter((d) => d.agencyCode === agency && d.finishedAt);
      return done.filter((d) => d.finishedAt! > d.dueAt).length / done.length;
    };
    expect(lateRate('SO_TNMT')).toBeGreaterThan(0.15);
    expect(lateRate('UBND_693')).toBeGreaterThan(0.12);
    expect(lateRate('SO_TP')).toBeLessThan(0.05);
    expect(lateRate('UBND_689')).toBeLessThan(0.05);
  });

  it('rates a share of finished dossiers, mostly satisfied', () => {
    const ratings = satisfaction.reduce((sum, s) => sum + s.ratings, 0);
    const satisfied = satisfaction.reduce((sum, s) => sum + s.satisfied, 0);
    expect(ratings).toBeGreaterThan(dossiers.length * 0.2);
    expect(satisfied / ratings).toBeGreaterThan(0.85);
  });
});
