/**
 * Vietnamese text normalization: pure functions, no dependencies.
 *
 * Chat Vietnamese arrives in many shapes: NFC or NFD, old or new tone placement
 * (hoà / hòa), with or without diacritics. Everything is reduced to two keys:
 * - the *tone key* keeps every mark but moves the tone to the end of the syllable
 *   ("hoà" and "hòa" both become "hoa2"), so tone placement no longer matters;
 * - the *folded* form drops all marks and maps đ to d ("đường" -> "duong").
 */

/** Combining tone marks: grave, acute, tilde, hook above, dot below. */
const TONE_DIGIT: Record<string, string> = {
  '\u0300': '2', // huyền
  '\u0301': '1', // sắc
  '\u0303': '4', // ngã
  '\u0309': '3', // hỏi
  '\u0323': '5', // nặng
};
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /[\u0300-\u036f]/g;
const ANY_MARK = /[\u0300-\u036f]/;

/** NFC, with look-alike characters mapped to their Vietnamese equivalents. */
export function nfc(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u00d0/g, 'Đ') // Icelandic Eth looks like Đ
    .replace(/\u00f0/g, 'đ')
    .replace(/\u0110/g, 'Đ');
}

/** Remove every diacritic; đ -> d. */
export function fold(text: string): string {
  return nfc(text).normalize('NFD').replace(ALL_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** One syllable (lower case) -> tone key: marks kept, tone moved to a trailing digit. */
export function toneKey(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  let tone = '';
  const base = decomposed.replace(TONE_MARKS, (mark) => {
    tone = TONE_DIGIT[mark] ?? '';
    return '';
  });
  return base.normalize('NFC') + tone;
}

/** True when the text carries any Vietnamese diacritic (or đ). */
export function hasDiacritics(text: string): boolean {
  return /[đĐ]/.test(text) || ANY_MARK.test(text.normalize('NFD'));
}

/**
 * Letters (any script, with marks) and digits form words; everything else separates them.
 * A word starts with a letter or digit: a stray mark (the U+FE0F of "❤️") is no word.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Raw lower-case words of a text, in order, NFC. */
export function words(text: string): string[] {
  return nfc(text).toLowerCase().match(WORD) ?? [];
}

/** The same words as `words`, in the case they were typed. */
export function casedWords(text: string): string[] {
  return nfc(text).match(WORD) ?? [];
}

/**
 * A word as chat small talk is matched: folded, lower case, each run of one letter squeezed to
 * one, so the stretched "cảm ơnnnn", "alooo", "okeee" read as "cam on", "alo", "oke".
 */
export function chatKey(word: string): string {
  return fold(nfc(word).toLowerCase()).replace(/(\p{L})\1+/gu, '$1');
}

/** A syllable in both forms used for matching. */
export interface Syllable {
  /** tone key, e.g. "hoa2" for hòa / hoà */
  key: string;
  /** folded, e.g. "hoa" */
  folded: string;
}

export function syllable(word: string): Syllable {
  const lower = nfc(word).toLowerCase();
  return { key: toneKey(lower), folded: fold(lower) };
}
