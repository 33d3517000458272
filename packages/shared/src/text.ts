/**
 * Accent-insensitive text matching: Vietnamese users often type without diacritics
 * ("dong xoai" must find "Đồng Xoài").
 */

// đ/Đ are letters of their own, not d + a mark, so NFD leaves them alone. Ð/ð (eth) stand in
// for them in text converted from legacy TCVN3/VNI encodings.
const STROKED_D: Record<string, string> = { đ: 'd', Đ: 'D', ð: 'd', Ð: 'D' };

/** Removes Vietnamese (and any other) diacritics: `Đồng Xoài` → `Dong Xoai`. */
export function removeDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐðÐ]/g, (letter) => STROKED_D[letter] ?? letter);
}

/**
 * The search key of a text: lower case, no diacritics, blanks collapsed to one space and
 * trimmed. Compare normalizeSearch(query) with normalizeSearch(name) (e.g. with includes).
 */
export function normalizeSearch(s: string): string {
  return removeDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
}
