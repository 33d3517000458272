import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent } from './money';

describe('money', () => {
  it('reads large amounts in tỷ đồng and small ones in triệu đồng, Vietnamese style', () => {
    expect(formatMoney(1_234_500_000_000, 'vi')).toBe('1.235 tỷ đồng');
    expect(formatMoney(12_345_000_000, 'vi')).toBe('12,3 tỷ đồng');
    expect(formatMoney(350_000_000, 'vi')).toBe('350 triệu đồng');
    expect(formatMoney(12_345_000_000, 'en')).toBe('12.3 billion VND');
    expect(formatMoney(null, 'vi')).toBe('—');
  });

  it('writes percentages with one decimal', () => {
    expect(formatPercent(33.333, 'vi')).toBe('33,3 %');
    expect(formatPercent(null, 'vi')).toBe('—');
  });
});
