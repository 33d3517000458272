import { describe, expect, it } from 'vitest';
import { normalizeSearch, removeDiacritics } from './text';

describe('removeDiacritics', () => {
  it('strips every Vietnamese tone and vowel mark', () => {
    expect(removeDiacritics('Đồng Xoài')).toBe('Dong Xoai');
    expect(removeDiacritics('Bình Phước')).toBe('Binh Phuoc');
    expect(removeDiacritics('Huyện Bù Đăng')).toBe('Huyen Bu Dang');
    expect(removeDiacritics('àáảãạ ăằắẳẵặ âầấẩẫậ')).toBe('aaaaa aaaaaa aaaaaa');
    expect(removeDiacritics('èéẻẽẹ êềếểễệ ìíỉĩị')).toBe('eeeee eeeeee iiiii');
    expect(removeDiacritics('òóỏõọ ôồốổỗộ ơờớởỡợ')).toBe('ooooo oooooo oooooo');
    expect(removeDiacritics('ùúủũụ ưừứửữự ỳýỷỹỵ')).toBe('uuuuu uuuuuu yyyyy');
    expect(removeDiacritics('ĐỒNG THÁP')).toBe('DONG THAP');
  });

  it('maps đ/Đ and the legacy-encoding eth to d/D', () => {
    expect(removeDiacritics('đường Đinh')).toBe('duong Dinh');
    expect(removeDiacritics('ðường Ðinh')).toBe('duong Dinh');
  });

  it('handles text already decomposed (NFD), as macOS file names arrive', () => {
    expect(removeDiacritics('Phước'.normalize('NFD'))).toBe('Phuoc');
  });

  it('leaves plain text, digits and punctuation alone', () => {
    expect(removeDiacritics('Xã 25.123 (A-B)')).toBe('Xa 25.123 (A-B)');
    expect(removeDiacritics('')).toBe('');
  });
});

describe('normalizeSearch', () => {
  it('lowercases, strips diacritics and collapses blanks', () => {
    expect(normalizeSearch('  Thành phố   Đồng\tXoài \n')).toBe('thanh pho dong xoai');
    expect(normalizeSearch('THỊ XÃ CHƠN THÀNH')).toBe('thi xa chon thanh');
  });

  it('makes an unaccented query match an accented name', () => {
    expect(normalizeSearch('Huyện Lộc Ninh').includes(normalizeSearch('loc  NINH'))).toBe(true);
  });
});
