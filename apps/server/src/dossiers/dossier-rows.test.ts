import { describe, expect, it } from 'vitest';
import { UnitTree } from '../units/unit-tree.js';
import { parseInstant, validateDossierRows } from './dossier-rows.js';

describe('parseInstant', () => {
  it('reads ISO times with an offset as given, and times without one as Vietnam time', () => {
    expect(parseInstant('2024-03-15T08:30:00Z')?.toISOString()).toBe('2024-03-15T08:30:00.000Z');
    expect(parseInstant('2024-03-15T08:30+07:00')?.toISOString()).toBe('2024-03-15T01:30:00.000Z');
    expect(parseInstant('2024-03-15T08:30')?.toISOString()).toBe('2024-03-15T01:30:00.000Z');
    expect(parseInstant('2024-03-15')?.toISOString()).toBe('2024-03-14T17:00:00.000Z');
  });

  it('reads Vietnamese spreadsheet dates dd/MM/yyyy [HH:mm[:ss]]', () => {
    expect(parseInstant('5/3/2024 8:05')?.toISOString()).toBe('2024-03-05T01:05:00.000Z');
    expect(parseInstant('15/03/2024')?.toISOString()).toBe('2024-03-14T17:00:00.000Z');
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', 'hôm qua', '2024-13-45T10:00', '32/01/2024', null, undefined])
      expect(parseInstant(bad)).toBeNull();
  });
});

describe('validateDossierRows', () => {
  const tree = new UnitTree([
    {
      id: 1,
      code: 'P',
      name: 'Tỉnh',
      nameEn: null,
      level: 'province',
      parentId: null,
      validFrom: null,
      validTo: null,
      hasBoundary: false,
      centroid: null,
    },
    {
      id: 2,
      code: 'C1',
      name: 'Xã Một',
      nameEn: null,
      level: 'commune',
      parentId: 1,
      validFrom: null,
      validTo: '2024-06-30',
      hasBoundary: false,
      centroid: null,
    },
  ]);
  const actor = {
    kind: 'user' as const,
    userId: 1,
    username: 'a',
    role: 'administrator' as const,
    organisationId: null,
    scopeUnitId: null,
  };
  const base = {
    code: 'H1',
    procedureCode: '1.001',
    procedureName: 'Đăng ký khai sinh',
    fieldCode: 'HO_TICH',
    fieldName: 'Hộ tịch',
    agencyCode: 'UBND_C1',
    agencyName: 'UBND xã Một',
    unit: 'C1',
    channel: 'Trực tuyến',
    receivedAt: '01/03/2024 08:00',
    status: 'Đang xử lý',
  };

  it('accepts Vietnamese words for channel, status and flags, and builds a timeline when none is sent', () => {
    const { valid, errors } = validateDossierRows(
      [{ ...base, hasFee: 'có', paidOnline: 'x' }],
      (i) => i + 2,
      { units: tree, actor },
    );
    expect(errors).toEqual([]);
    expect(valid[0]).toMatchObject({
      channel: 'online',
      status: 'in_progress',
      hasFee: true,
      paidOnline: true,
      unitId: 2,
    });
    expect(valid[0]?.steps).toEqual([
      { kind: 'received', at: '2024-03-01T01:00:00.000Z', agency: 'UBND xã Một', handler: null },
    ]);
  });

  it('names the row, the column and why', () => {
    const { errors } = validateDossierRows(
      [
        { ...base, procedureName: '' },
        { ...base, code: 'H2', receivedAt: '01/08/2024 08:00' },
        { ...base, code: 'H3', hasFee: 'có lẽ' },
        { ...base, code: 'H4', steps: '[{"kind":"teleported","at":"2024-03-01"}]' },
        base,
        base,
      ],
      (i) => i + 2,
      { units: tree, actor },
    );
    expect(errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [2, 'procedureName', 'Thiếu tên thủ tục.'],
      [3, 'unit', 'Đơn vị "C1" không còn tồn tại vào thời điểm tiếp nhận hồ sơ.'],
      [4, 'hasFee', 'Có phí, lệ phí "có lẽ" phải là có/không (true/false, 1/0).'],
      [5, 'steps', expect.stringContaining('Các bước xử lý không hợp lệ')],
      [7, 'code', 'Trùng mã hồ sơ với dòng 6.'],
    ]);
  });
});
