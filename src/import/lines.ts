import { nfc } from '../text/vietnamese.js';

/**
 * One line of extracted text, cleaned: NFC (and look-alike Đ), no-break and zero-width
 * spaces, tabs and soft hyphens removed, spaces collapsed.
 */
export function normalizeLine(text: string): string {
  return nfc(text)
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Text as normalized, non-empty lines. */
export function normalizeLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(normalizeLine)
    .filter((l) => l.length > 0);
}

/** Every letter is a capital (and there is at least one letter). */
export function isCaps(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toUpperCase();
}

/** Starts with a lower-case letter: the continuation of a wrapped sentence. */
export function startsLower(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

/** "-------", "___", "* * *": the rules under a header's lines. */
export function isSeparator(text: string): boolean {
  return /^[-–—_=.*~\s]{3,}$/u.test(text);
}

/** Vietnamese letters that only Unicode text has (legacy TCVN3/VNI text shows other symbols instead). */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;
/** Characters TCVN3 (.VnTime) and VNI fonts produce for Vietnamese letters. */
const LEGACY = /[¸µ¶·¹¨»¾¼½Æ©Ç®ÐÑªÖ×ØÜÞßäåæçëîïñö÷øûüþ]/gu;

/** Text typed with a legacy font encoding (TCVN3, VNI): it reads as gibberish once extracted. */
export function looksLegacyEncoded(text: string): boolean {
  const legacy = text.match(LEGACY)?.length ?? 0;
  const vietnamese = text.match(VIETNAMESE)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters > 50 && legacy > letters * 0.02 && legacy > vietnamese;
}
