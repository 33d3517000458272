import { describe, expect, it } from 'vitest';
import { distanceMetres } from './geo';
import { formatCaseCode, nextCaseStatus, redactPersonalData, suggestCategories } from './cases';

const CATEGORIES = [
  { code: 'roads', keywords: ['ổ gà', 'đường', 'sụt lún'] },
  { code: 'lighting', keywords: ['đèn đường', 'bóng đèn', 'đèn không sáng'] },
  { code: 'waste', keywords: ['rác', 'xả rác'] },
];

describe('suggestCategories', () => {
  it('ranks by matched keywords, a longer phrase weighing more', () => {
    const out = suggestCategories('Đèn đường trước nhà tôi không sáng, bóng đèn bị vỡ', CATEGORIES);
    expect(out.map((s) => s.code)).toEqual(['lighting', 'roads']);
    expect(out[0]).toEqual({ code: 'lighting', score: 4, matched: ['đèn đường', 'bóng đèn'] });
  });

  it('matches text typed without diacritics', () => {
    expect(suggestCategories('duong co nhieu o ga rat nguy hiem', CATEGORIES)[0]?.code).toBe('roads');
    expect(suggestCategories('XA RAC bua bai', CATEGORIES)[0]).toEqual({
      code: 'waste',
      score: 3,
      matched: ['rác', 'xả rác'],
    });
  });

  it('matches whole words only and returns nothing without a match', () => {
    // "rác" must not match inside "trác"; "đường" not inside "đườngg".
    expect(suggestCategories('trác táng', CATEGORIES)).toEqual([]);
    expect(suggestCategories('', CATEGORIES)).toEqual([]);
  });
});

describe('nextCaseStatus', () => {
  it('follows the workflow and refuses the rest', () => {
    expect(nextCaseStatus('forward', 'received')).toBe('forwarded');
    expect(nextCaseStatus('accept', 'forwarded')).toBe('in_progress');
    expect(nextCaseStatus('send_back', 'forwarded')).toBe('returned');
    expect(nextCaseStatus('answer', 'in_progress')).toBe('answered');
    expect(nextCaseStatus('close', 'answered')).toBe('closed');
    expect(nextCaseStatus('reopen', 'closed')).toBe('received');
    expect(nextCaseStatus('close', 'received')).toBeNull();
    expect(nextCaseStatus('merge', 'closed')).toBeNull();
    expect(nextCaseStatus('answer', 'forwarded')).toBeNull();
  });
});

describe('formatCaseCode', () => {
  it('pads the sequence to six digits', () => {
    expect(formatCaseCode(2025, 123)).toBe('PA-2025-000123');
    expect(formatCaseCode(2024, 1234567)).toBe('PA-2024-1234567');
  });
});

describe('distanceMetres', () => {
  it('measures short distances on the ground', () => {
    expect(distanceMetres([106.9, 11.5], [106.9, 11.5])).toBe(0);
    // 0.001° of latitude ≈ 111 m.
    expect(Math.round(distanceMetres([106.9, 11.5], [106.9, 11.501]))).toBe(111);
  });
});

describe('redactPersonalData', () => {
  it('hides phone numbers and e-mail addresses', () => {
    expect(redactPersonalData('Gọi 0912 345 678 hoặc +84912345678, thư a.b@gmail.com')).toBe(
      'Gọi [đã ẩn] hoặc [đã ẩn], thư [đã ẩn]',
    );
    expect(redactPersonalData('Đường ĐT741 km 12, 300 m')).toBe('Đường ĐT741 km 12, 300 m');
  });
});
