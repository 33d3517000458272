import { dossierRates, periodInstants } from '@ioc/shared';
import { describe, expect, it } from 'vitest';
import { classifyDossier, countByGroup, emptyCounts, type CountedDossier } from './dossier-figures.js';

const at = (local: string): Date => new Date(`${local}+07:00`);
const dossier = (
  code: string,
  received: string,
  due: string | null,
  finished: string | null,
  extra: Partial<CountedDossier> = {},
) => ({
  code,
  unit: code < 'F' ? 'C1' : 'C2',
  receivedAt: at(received),
  dueAt: due ? at(due) : null,
  finishedAt: finished ? at(finished) : null,
  channel: 'direct',
  hasFee: false,
  paidOnline: false,
  digitised: false,
  isPublished: false,
  ...extra,
});

/** Ten dossiers around March 2024; the expected figures below are counted by hand. */
const FIXTURE = [
  dossier('A', '2024-02-20T09:00', '2024-03-05T17:00', '2024-03-04T10:00'), // carried over, done on time
  dossier('B', '2024-02-25T09:00', '2024-03-02T17:00', '2024-03-10T10:00'), // carried over, done late
  dossier('C', '2024-02-10T09:00', '2024-02-20T17:00', '2024-02-28T10:00'), // closed before March
  dossier('D', '2024-03-03T09:00', '2024-03-10T17:00', '2024-03-09T10:00', {
    channel: 'online',
    hasFee: true,
    paidOnline: true,
    digitised: true,
    isPublished: true,
  }), // received online, paid online, done on time
  dossier('E', '2024-03-15T09:00', '2024-03-21T08:00', null, { hasFee: true }), // fee paid at the desk, late at the end of March
  dossier('F', '2024-03-28T09:00', '2024-04-01T12:00', null, { channel: 'online' }), // due within 24 h of the end
  dossier('G', '2024-03-30T09:00', '2024-04-10T17:00', '2024-04-05T10:00', { channel: 'post' }), // finished in April
  dossier('H', '2024-01-15T09:00', '2024-02-15T17:00', null), // carried over twice, late
  dossier('I', '2024-04-02T09:00', '2024-04-09T17:00', null), // received after March
  dossier('J', '2024-03-20T08:00', null, '2024-03-21T10:00'), // no deadline: never late
];

const march = periodInstants('2024-03')!;
const DAY = 86_400_000;

describe('dossier figures of a month', () => {
  it('counts a past month as of its end, by hand', () => {
    const window = { ...march, now: at('2024-06-01T00:00'), dueSoonMs: DAY };
    const counts = countByGroup(FIXTURE, window, () => ['all']).get('all');
    expect(counts).toEqual({
      ...emptyCounts(),
      received: 5, // D E F G J
      carried_over: 3, // A B H
      to_process: 8,
      done: 4, // A B D J
      done_on_time: 3, // A D J
      done_late: 1, // B
      in_progress: 4, // E F G H
      in_progress_late: 2, // E H
      in_progress_due_soon: 1, // F
      in_progress_not_due: 1, // G
      online: 2, // D F
      with_fee: 2, // D E
      paid_online: 1, // D
      digitised: 1,
      published: 1,
    });
    expect(dossierRates(counts!)).toEqual({
      onlineRate: 40,
      onlinePaymentRate: 50,
      lateRate: 37.5,
      onTimeRate: 62.5,
    });
  });

  it('counts the running month as of now', () => {
    const window = { ...march, now: at('2024-03-20T12:00'), dueSoonMs: DAY };
    const counts = countByGroup(FIXTURE, window, () => ['all']).get('all');
    expect(counts).toEqual({
      ...emptyCounts(),
      received: 3, // D E J (F and G not yet received)
      carried_over: 3,
      to_process: 6,
      done: 3, // A B D
      done_on_time: 2,
      done_late: 1,
      in_progress: 3,
      in_progress_late: 1, // H
      in_progress_due_soon: 1, // E, due tomorrow 08:00
      in_progress_not_due: 1, // J, finished only tomorrow
      online: 1,
      with_fee: 2,
      paid_online: 1,
      digitised: 1,
      published: 1,
    });
  });

  it('carries a dossier over into every month until it is finished', () => {
    const april = { ...periodInstants('2024-04')!, now: at('2024-06-01T00:00'), dueSoonMs: DAY };
    const counts = countByGroup(FIXTURE, april, (d) => [d.code]);
    expect([...counts.keys()].sort()).toEqual(['E', 'F', 'G', 'H', 'I']);
    expect(classifyDossier(FIXTURE[6]!, april)).toEqual([
      'to_process',
      'carried_over',
      'done',
      'done_on_time',
    ]);
    expect(counts.get('I')).toMatchObject({ received: 1, in_progress: 1, in_progress_late: 1 });
  });

  it('counts each group on its own, a dossier in every group it belongs to', () => {
    const window = { ...march, now: at('2024-06-01T00:00'), dueSoonMs: DAY };
    const counts = countByGroup(FIXTURE, window, (d) => [d.unit, 'D1']);
    expect(counts.get('C1')).toMatchObject({ to_process: 4, done_late: 1, in_progress_late: 1 }); // A B D E
    expect(counts.get('C2')).toMatchObject({ to_process: 4, in_progress_late: 1, received: 3 }); // F G H J
    expect(counts.get('D1')?.to_process).toBe(8);
  });

  it('reads the period in Vietnam time', () => {
    expect(march.start.toISOString()).toBe('2024-02-29T17:00:00.000Z');
    expect(march.end.toISOString()).toBe('2024-03-31T17:00:00.000Z');
  });
});
