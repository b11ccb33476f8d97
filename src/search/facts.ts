import type { AnswerType } from '../text/analyzer.js';
import { fold } from '../text/vietnamese.js';

const NUMBER_WORDS = new Set(['một', 'hai', 'ba', 'bốn', 'tư', 'năm', 'lăm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mươi', 'mốt', 'trăm', 'nghìn', 'ngàn', 'triệu', 'tỷ', 'nửa']);
const TIME_UNITS = new Set(['ngay', 'thang', 'nam', 'gio', 'phut', 'tuan', 'quy', 'ky']);

const PATTERNS: Record<Exclude<AnswerType, 'count' | 'duration'>, RegExp> = {
  money: /\d[\d.,]*\s*(?:đồng|vnđ|vnd|nghìn|ngàn|triệu|tỷ)(?!\p{L})|(?:nghìn|ngàn|triệu|tỷ) đồng/iu,
  phone: /(?<![\d/])(?:0\d{2,3}[ .]?\d{3,4}[ .]?\d{3,4}|1[89]00[ .]?\d{3,4}(?:[ .]?\d{1,4})?)(?![\d/])/u,
  link: /https?:\/\/|www\.|(?<!\p{L})[\w-]+\.(?:gov\.vn|com\.vn|vn|com|org)(?![\w.])/iu,
  address: /số \d+[a-z]?(?:\/\d+)? (?:đường|phố|ngõ)|(?:đường|phố|phường|thị trấn|thôn|ấp) \p{Lu}|đặt tại|trụ sở (?:tại|ở)|địa chỉ:/u,
  // a street address, not a city: "số 8 đường Lê Lợi", "phố Hàng Bài", "ngõ 12" ("đặt tại Hà Nội" gives none)
  street: /số \d+[a-z]?(?:\/\d+)?,? (?:đường|phố|ngõ|ngách|hẻm)|(?<!\p{L})(?<![Tt]hành )(?:đường|phố|ngõ|ngách|hẻm) (?:\p{Lu}|\d)/u,
  // Someone named: a signature block, "ký ban hành", "do … ký", a title before a name
  // ("tác giả Nguyễn Văn Nam", "ông Lương Quốc Trung"), a name before "ký". Not "mời ký hoặc
  // điểm chỉ", "từ ngày ký", nor "ý kiến của tác giả bài viết", which name nobody.
  person: /\((?:đã )?ký\)|ký ban hành|người ký|(?<!\p{L})do\s[^.;\n]{1,80}?\ský(?!\p{L})|(?:ông|bà|đồng chí|tác giả|nhà báo|tiến sĩ|thạc sĩ|TS\.|ThS\.|PGS\.|GS\.)\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3}|\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+\s+ký(?!\p{L})/u,
  // a time of day: "từ 7 giờ", "lúc 16h", "7 giờ 30", "13:30" (not "200 giờ một năm", a number of hours)
  time: /(?<!\p{L})(?:từ|đến|tới|lúc|trước|sau|vào)\s+\d{1,2}\s*(?:giờ|h)(?!\p{L})|(?<![\d/])\d{1,2}\s*(?:giờ|h)\s*\d{2}(?!\d)|(?<![\d/:])\d{1,2}:\d{2}(?![\d:])/iu,
  // a document named by its number or its kind and name: "Quyết định số 129/2007/QĐ-TTg", "Nghị định 61", "Luật Tiếp công dân", "Hiến pháp năm 2013"
  document: /(?<![\p{L}\d])\d+\/(?:\d{4}\/)?\p{Lu}[\p{Lu}\-]+|(?<!\p{L})(?:Luật|Bộ luật|Hiến pháp|Nghị định|Quyết định|Chỉ thị|Thông tư|Nghị quyết|Kế hoạch|Công văn|Pháp lệnh|Đề án)\s+(?:số\s+)?\d+|(?<!\p{L})(?:Luật|Bộ luật|Pháp lệnh)\s+\p{Lu}\p{Ll}|(?<!\p{L})Hiến pháp(?:\s+năm)?\s+\d{4}/u,
  // a share: "85%", "85 phần trăm", "một nửa"
  percent: /\d\s*%|phần trăm|(?<!\p{L})một nửa(?!\p{L})/iu,
  // a colour named: "nền đỏ", "màu xanh", "sẫm màu"
  color: /(?<!\p{L})(?:màu|sắc)\s+(?:đỏ|xanh|vàng|trắng|đen|tím|nâu|hồng|xám|ghi|cam|be|tối|sẫm|sáng|nhạt|đậm)(?!\p{L})|(?<!\p{L})(?:nền|sao|áo|quần|chữ) (?:đỏ|xanh|vàng|trắng|đen|tím|nâu|hồng|xám)(?!\p{L})|(?<!\p{L})(?:tối|sẫm|sáng) màu(?!\p{L})/iu,
  date: /\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|ngày (?:mồng |mùng )?(?:\d|một|hai|ba|mười)|tháng \d|năm \d{4}|thứ (?:hai|ba|tư|năm|sáu|bảy)(?!\p{L})|chủ nhật|tháng chạp/iu,
};

/** Whether a text names a document (its citation does, when the passage cites one). */
export function namesDocument(text: string): boolean {
  return PATTERNS.document.test(text.normalize('NFC'));
}

/** The answer types a passage's text holds. */
export function answerFacts(text: string): Set<AnswerType> {
  const facts = new Set<AnswerType>();
  const nfc = text.normalize('NFC');
  for (const [type, pattern] of Object.entries(PATTERNS)) if (pattern.test(nfc)) facts.add(type as AnswerType);
  const words = wordsOf(nfc);
  if (words.some(isNumber)) facts.add('count');
  if (words.some((w, i) => isNumber(w) && TIME_UNITS.has(fold(words[i + 1] ?? ''))) || /(?:mỗi|hằng|hàng) (?:ngày|tuần|tháng|quý|năm)|(?:\d+\s*)?(?:giờ|ngày) làm việc/iu.test(nfc)) {
    facts.add('duration');
  }
  return facts;
}

/**
 * The terms a regulation defines, each as its text: a clause or point opening "X là …",
 * "X được hiểu là …", "X bao gồm …" ("3. Nơi tiếp công dân bao gồm…"); "Kiến nghị, phản ánh là…"
 * defines both and the pair.
 */
export function definedTerms(body: string): string[] {
  const out: string[] = [];
  for (const line of body.normalize('NFC').split('\n')) {
    const m = /^\s*(?:\d+\.|[a-zđ]\))\s*([^.;:()]{2,80}?)\s+(?:là|được hiểu là|bao gồm)\s/u.exec(line);
    if (!m) continue;
    const term = m[1]!.trim();
    out.push(term, ...term.split(/,|\s(?:và|hoặc)\s/u).map((t) => t.trim()).filter((t) => t && t !== term));
  }
  return out;
}

/** Whether the text gives a number of the unit asked ("bao nhiêu đại biểu" → "ba mươi lăm đại biểu"), the unit within four words. */
export function statesCount(text: string, unit: string): boolean {
  return countedWords(text).has(unit);
}

/** The words (folded) within four words after a number: the units the text gives a number of. */
export function countedWords(text: string): Set<string> {
  const words = wordsOf(text.normalize('NFC'));
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    if (!isNumber(words[i]!)) continue;
    for (let j = i + 1; j <= i + 4 && j < words.length; j++) out.add(fold(words[j]!));
  }
  return out;
}

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}%][\p{L}\p{N}.,/%]*/gu) ?? []).map((w) => w.replace(/[.,/]+$/, ''));
}

function isNumber(word: string): boolean {
  return /^\d/.test(word) || NUMBER_WORDS.has(word);
}
