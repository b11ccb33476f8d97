import { findAttachmentMarker, isAppendixLine, isArticleLine, isChapterLine, isHeadingLine } from '../knowledge/legal-structure.js';
import { fold } from '../text/vietnamese.js';
import { isCaps, isSeparator, startsLower } from './lines.js';

/**
 * The header block of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP layout):
 * issuing body and "Số: …" on the left, Quốc hiệu, motto and "…, ngày … tháng … năm …" on the
 * right, then the document type ("QUYẾT ĐỊNH") and the trích yếu ("Về việc …"). An attached
 * Quy chế / Đề án is announced by its name and "(Ban hành kèm theo Quyết định số … ngày …)".
 */
export interface Header {
  /** "Quyết định" */
  type?: string;
  /** "1847/QĐ-TTg" */
  number?: string;
  /** "27/12/2018", as written (day and month not padded beyond the source) */
  date?: string;
  /** "Thủ tướng Chính phủ" */
  issuer?: string;
  /** the closing "Luật này đã được Quốc hội … thông qua ngày …", when there is one */
  adopted?: Adoption;
  /** trích yếu: "Phê duyệt Đề án Văn hóa công vụ" */
  title?: string;
  attachment?: Attachment;
}

export interface Adoption {
  /** the sentence as written, without its final "./." */
  sentence: string;
  /** "Quốc hội", "Hội đồng nhân dân tỉnh Bắc Ninh" */
  body?: string;
  date?: string;
  /** 0-based index of its line */
  line: number;
}

export interface Attachment {
  /** "Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước" (undefined when no name was found) */
  name?: string;
  /** the document it is attached to, as named on the "(Ban hành kèm theo …)" line */
  type: string;
  number?: string;
  date?: string;
  /** 0-based index of the "(Ban hành kèm theo …)" line */
  line: number;
  /** 0-based indexes of the lines holding the attachment's name (above the marker) */
  nameLines: number[];
}

interface DocType {
  name: string;
  /** the abbreviation in document numbers: "QĐ" in "1847/QĐ-TTg" */
  code: string;
  /** id prefix */
  slug: string;
}

/** Longer names first: "THÔNG TƯ LIÊN TỊCH" before "THÔNG TƯ". */
const DOC_TYPES: DocType[] = [
  { name: 'Hiến pháp', code: 'HP', slug: 'hien-phap' },
  { name: 'Thông tư liên tịch', code: 'TTLT', slug: 'ttlt' },
  { name: 'Quyết định', code: 'QĐ', slug: 'qd' },
  { name: 'Nghị định', code: 'NĐ', slug: 'nd' },
  { name: 'Thông tư', code: 'TT', slug: 'tt' },
  { name: 'Chỉ thị', code: 'CT', slug: 'ct' },
  { name: 'Kế hoạch', code: 'KH', slug: 'kh' },
  { name: 'Nghị quyết', code: 'NQ', slug: 'nq' },
  { name: 'Luật', code: 'QH', slug: 'luat' },
  { name: 'Bộ luật', code: 'QH', slug: 'bo-luat' },
  { name: 'Pháp lệnh', code: 'PL', slug: 'pl' },
  { name: 'Hướng dẫn', code: 'HD', slug: 'hd' },
  { name: 'Thông báo', code: 'TB', slug: 'tb' },
  { name: 'Quy chế', code: 'QC', slug: 'qc' },
  { name: 'Quy định', code: 'QyĐ', slug: 'quy-dinh' },
  { name: 'Đề án', code: 'ĐA', slug: 'da' },
  { name: 'Chương trình', code: 'CTr', slug: 'ctr' },
  { name: 'Báo cáo', code: 'BC', slug: 'bc' },
  { name: 'Công văn', code: 'CV', slug: 'cv' },
];

/** Names of documents attached to a decision, as they head the attachment. */
const ATTACHMENT_TYPES = ['QUY CHẾ', 'QUY ĐỊNH', 'ĐỀ ÁN', 'ĐIỀU LỆ', 'CHƯƠNG TRÌNH', 'KẾ HOẠCH', 'HƯỚNG DẪN', 'QUY TRÌNH', 'DANH MỤC', 'BỘ QUY TẮC', 'QUY TẮC', 'CHIẾN LƯỢC', 'NỘI QUY', 'CHUẨN MỰC', 'TIÊU CHÍ', 'PHƯƠNG ÁN'];

/** "Số: 45/2023/QĐ-UBND", "Luật số: 67/2006/QH11", "Bộ luật số 45/2019/QH14" */
const NUMBER_LINE = /^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Lệnh)\s+)?Số\s*[:.]?\s*(.*)$/iu;
/** Documents named by their subject: "LUẬT CÔNG NGHỆ THÔNG TIN", "HIẾN PHÁP NƯỚC …". */
const NAMED_TYPES = new Set(['Hiến pháp', 'Luật', 'Bộ luật', 'Pháp lệnh']);
/** "Luật này đã được Quốc hội nước … khóa XI, kỳ họp thứ 9 thông qua ngày 29 tháng 6 năm 2006." */
const ADOPTION = /^(?:Luật|Bộ luật|Hiến pháp|Nghị quyết|Pháp lệnh)\s+này\s+(?:đã\s+)?được\s+(.+?)\s+(?:biểu quyết\s+)?thông qua\b(.*)$/iu;
const NUMBER = /^(\d+[A-Za-z]?(?:\/\d{4})?\/[\p{L}\d]+(?:-[\p{L}\d]+)*)/u;
const DATE = /ngày\s+(\d{1,2})\s*(?:tháng\s+|\/|-|\.)\s*(\d{1,2})\s*(?:năm\s+|\/|-|\.)\s*(\d{4})/iu;
/** "Hà Nội, ngày 27 tháng 12 năm 2018" (a place of at most a few words, or nothing, before "ngày"). */
const DATE_LINE = /^(?:[\p{L}\s.'-]{0,40},\s*)?ngày\s+\d/iu;
const PREAMBLE = /^(Căn cứ|Theo đề nghị|Xét đề nghị|Thực hiện|Kính gửi|Nơi nhận)/iu;

export function docTypeByName(name: string): DocType | undefined {
  const key = fold(name).toUpperCase();
  return DOC_TYPES.find((t) => fold(t.name).toUpperCase() === key);
}

/** "QĐ-TTg" in "1847/QĐ-TTg" → Quyết định; "QH14" → Luật. */
export function docTypeByNumber(number: string): DocType | undefined {
  const code = (number.split('/').pop() ?? '').split('-')[0]!;
  const folded = fold(code).toUpperCase();
  if (/^QH\d*$/.test(folded)) return DOC_TYPES.find((t) => t.code === 'QH');
  return DOC_TYPES.find((t) => fold(t.code).toUpperCase() === folded);
}

/** "129 / 2007 / QĐ – TTg" → "129/2007/QĐ-TTg"; undefined when it is not a document number. */
export function parseNumber(text: string): string | undefined {
  const compact = text.replace(/\s*([/\-–—])\s*/gu, '$1').replace(/[–—]/g, '-');
  return compact.match(NUMBER)?.[1];
}

/** The comparable form of a number: "129/2007/QĐ-TTg" and "129/2007/qđ-ttg" are the same document. */
export function numberKey(number: string): string {
  return fold(number).toUpperCase().replace(/\s+/g, '').replace(/[–—]/g, '-');
}

export function parseDate(text: string): string | undefined {
  const m = text.match(DATE);
  return m ? `${m[1]}/${m[2]}/${m[3]}` : undefined;
}

export function isQuocHieu(line: string): boolean {
  const f = fold(line).toUpperCase();
  return f.includes('CONG HOA XA HOI CHU NGHIA VIET NAM') || f.includes('DANG CONG SAN VIET NAM');
}

export function isMotto(line: string): boolean {
  const f = fold(line).toUpperCase();
  return f.includes('DOC LAP') && f.includes('TU DO') && f.includes('HANH PHUC');
}

function cleanMarkup(line: string): string {
  return line.replace(/^#{1,6}\s+/, '').replace(/\*\*/g, '').trim();
}

/** The type named by a type line "QUYẾT ĐỊNH" (and the rest of the line, if the trích yếu follows on it). */
function typeLine(line: string): { type: DocType; rest: string } | undefined {
  const text = cleanMarkup(line);
  if (/:\s*$/.test(text)) return undefined; // "QUYẾT ĐỊNH:" is the enacting formula, not the type
  for (const t of DOC_TYPES) {
    const caps = t.name.toUpperCase();
    if (text === caps) return { type: t, rest: '' };
    if (text.startsWith(caps + ' ')) {
      const rest = text.slice(caps.length).trim();
      if (NAMED_TYPES.has(t.name) && isCaps(rest)) return { type: t, rest };
      // "QUYẾT ĐỊNH Về việc …" or "QUYẾT ĐỊNH VỀ VIỆC …"
      if (/^(v[ềe]|về việc|v\/v|phê duyệt|ban hành|quy định)/iu.test(rest)) return { type: t, rest };
    }
  }
  return undefined;
}

const UPPER_AFTER = /^(bộ|sở|ban|cục|tổng cục|vụ|văn phòng|ủy ban|học viện|viện|trường)$/u;
const PLACE = /^(tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường)$/u;

function capitalize(word: string): string {
  return word ? word[0]!.toUpperCase() + word.slice(1) : word;
}

/**
 * An issuing body written in capitals, in its usual spelling: "THỦ TƯỚNG CHÍNH PHỦ" →
 * "Thủ tướng Chính phủ", "BỘ NỘI VỤ" → "Bộ Nội vụ", "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" →
 * "Ủy ban nhân dân tỉnh Bắc Ninh". Mixed-case text is kept as it is.
 */
export function bodyName(text: string): string {
  if (!isCaps(text)) return text;
  let s = text.toLowerCase().replace(/\bubnd\b/gu, 'ủy ban nhân dân').replace(/\bhđnd\b/gu, 'hội đồng nhân dân');
  s = s.replace(/chính phủ/gu, 'Chính phủ').replace(/quốc hội/gu, 'Quốc hội').replace(/trung ương/gu, 'Trung ương');
  const words = s.split(' ');
  const out: string[] = [];
  let place = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = out[out.length - 1]?.toLowerCase();
    const prev2 = out.length >= 2 ? `${out[out.length - 2]!.toLowerCase()} ${prev}` : '';
    if (i === 0) out.push(capitalize(w));
    else if (place) out.push(capitalize(w));
    else if (prev && (UPPER_AFTER.test(prev) || UPPER_AFTER.test(prev2)) && !/^(nhân|chính|trung|quốc)/u.test(w)) out.push(capitalize(w));
    else if (prev === 'và' || prev === '-' || (prev?.endsWith(',') && /^bộ\s/u.test(s))) out.push(capitalize(w));
    else out.push(w);
    if ((PLACE.test(w) || PLACE.test(`${prev} ${w}`)) && !(w === 'xã' && words[i + 1] === 'hội')) place = true;
  }
  return out.join(' ');
}

/** A title written in capitals, in sentence case ("CÁN BỘ, CÔNG CHỨC" → "Cán bộ, công chức"). */
export function sentenceCase(text: string): string {
  if (!isCaps(text)) return text;
  const lower = text
    .toLowerCase()
    .replace(/chính phủ/gu, 'Chính phủ')
    .replace(/quốc hội/gu, 'Quốc hội')
    .replace(/cộng hòa xã hội chủ nghĩa việt nam/gu, 'Cộng hòa xã hội chủ nghĩa Việt Nam')
    .replace(/việt nam/gu, 'Việt Nam');
  return capitalize(lower);
}

/** Where the body starts: the first unit (Chương, Điều, Phụ lục, attachment) or, without articles, the first heading. */
export function firstUnitLine(lines: readonly string[]): number {
  const hasArticles = lines.some(isArticleLine);
  const marker = findAttachmentMarker(lines);
  const i = lines.findIndex((l, i) => isArticleLine(l) || isChapterLine(l) || isAppendixLine(l) || i === marker || (!hasArticles && isHeadingLine(l)));
  return i < 0 ? lines.length : i;
}

export function detectHeader(lines: readonly string[]): Header {
  const end = Math.min(firstUnitLine(lines), 80);
  const region = lines.slice(0, end).map(cleanMarkup);
  const header: Header = {};

  let numberAt = -1;
  region.forEach((line, i) => {
    if (numberAt >= 0) return;
    const m = line.match(NUMBER_LINE);
    const number = m ? parseNumber(m[1]!) : undefined;
    if (number) {
      header.number = number;
      numberAt = i;
    }
  });
  let dateAt = -1;
  region.forEach((line, i) => {
    if (dateAt >= 0 || !DATE_LINE.test(line)) return;
    const date = parseDate(line);
    if (date) {
      header.date = date;
      dateAt = i;
    }
  });

  let typeAt = -1;
  let typeRest = '';
  region.forEach((line, i) => {
    if (typeAt >= 0 || PREAMBLE.test(line)) return;
    const t = typeLine(line);
    if (t) {
      header.type = t.type.name;
      typeAt = i;
      typeRest = t.rest;
    }
  });
  // A copied text may put the date on the number's line ("Số: 12/QĐ-UBND Hà Nội, ngày …"): any header line above the type.
  if (dateAt < 0) {
    const above = region.slice(0, typeAt >= 0 ? typeAt : region.length);
    const i = above.findIndex((l) => !PREAMBLE.test(l) && parseDate(l) !== undefined);
    if (i >= 0) {
      header.date = parseDate(above[i]!);
      dateAt = i;
    }
  }

  // Issuing body: the capital lines above the number (or the type line), Quốc hiệu and motto aside.
  const issuerEnd = numberAt >= 0 ? numberAt : typeAt >= 0 ? typeAt : Math.min(region.length, 6);
  const issuerLines = region
    .slice(0, issuerEnd)
    .filter((l, i) => i !== dateAt && isCaps(l) && !isQuocHieu(l) && !isMotto(l) && !isSeparator(l) && !typeLine(l) && !NUMBER_LINE.test(l));
  if (issuerLines.length > 0) {
    // "ỦY BAN NHÂN DÂN" + "TỈNH BẮC NINH" is one name on two lines; "UBND TỈNH X" + "SỞ NỘI VỤ" is a body and its parent.
    const merged: string[] = [];
    for (const l of issuerLines) {
      // "BỘ VĂN HÓA, THỂ THAO" + "VÀ DU LỊCH": a name broken after a comma or before "VÀ".
      const previous = merged[merged.length - 1];
      const continued = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|VÀ)(?=\s|$)/u.test(l) || /[,-]$|\sVÀ$/u.test(previous ?? '');
      if (previous !== undefined && continued) merged[merged.length - 1] += ` ${l}`;
      else merged.push(l);
    }
    const own = bodyName(merged[merged.length - 1]!);
    header.issuer = merged.length > 1 ? `${own} (${bodyName(merged[merged.length - 2]!)})` : own;
  }

  // Trích yếu: the rest of the type line, or the lines under it, until the preamble starts.
  if (typeAt >= 0) {
    const parts: string[] = typeRest ? [typeRest] : [];
    for (let i = typeAt + 1; i < region.length && parts.length < 4; i++) {
      const line = region[i]!;
      if (isSeparator(line)) {
        if (parts.length > 0) break;
        continue;
      }
      const previous = parts[parts.length - 1];
      const stop = PREAMBLE.test(line) && !(parts.length === 0 && /^Thực hiện/iu.test(line));
      if (stop || typeLine(line) || /:\s*$/.test(line) || /^(LỜI NÓI ĐẦU|Lời nói đầu)$/u.test(line)) break;
      // The authority line ("THỦ TƯỚNG CHÍNH PHỦ", "BỘ TRƯỞNG BỘ NỘI VỤ") follows the trích yếu.
      if (isCaps(line) && (bodyName(line) === header.issuer || /^(BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG)(?=\s|$)/u.test(line))) break;
      if (previous === undefined) {
        parts.push(line);
        continue;
      }
      const continues = startsLower(line) || (isCaps(previous) && isCaps(line));
      if (!continues || /[.;!?]$/.test(previous)) break;
      parts.push(line);
    }
    if (parts.length > 0) header.title = sentenceCase(parts.join(' ').replace(/^(V\/v|V\/V)\s*/u, 'Về việc '));
  }
  // A công văn has no type line: its trích yếu is "V/v …" under the number.
  if (!header.title) {
    const vv = region.find((l) => /^V\/v\s+/iu.test(l));
    if (vv) {
      header.title = `Về việc ${vv.replace(/^V\/v\s+/iu, '')}`;
      header.type ??= 'Công văn';
    }
  }
  if (!header.type && header.number) header.type = docTypeByNumber(header.number)?.name;

  // A law names its date and its issuer in its closing sentence, not in its header.
  const adopted = detectAdoption(lines);
  if (adopted) {
    header.adopted = adopted;
    header.date ??= adopted.date;
    header.issuer ??= adopted.body;
  }
  header.attachment = detectAttachment(lines, header.title);
  return header;
}

/** The closing "… này đã được <body> … thông qua ngày …" of a law or resolution (searched from the end). */
export function detectAdoption(lines: readonly string[]): Adoption | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const sentence = cleanMarkup(lines[i]!).replace(/\s*\.\/\.\s*$/u, '.');
    const m = sentence.match(ADOPTION);
    if (!m) continue;
    // "Quốc hội nước Cộng hòa … khóa XI, kỳ họp thứ 9" → "Quốc hội"
    const body = m[1]!.split(/\s+(?:nước|khóa|khoá|tại|trong)\s+|,/u)[0]!.trim();
    return { sentence, body: body || undefined, date: parseDate(m[2]!), line: i };
  }
  return undefined;
}

/** The attached document: its name above "(Ban hành kèm theo …)" and the decision named on that line. */
function detectAttachment(lines: readonly string[], decisionTitle: string | undefined): Attachment | undefined {
  const at = findAttachmentMarker(lines);
  if (at < 0) return undefined;
  const marker = cleanMarkup(lines[at]!);
  const ref = marker.match(/kèm theo\s+(Quyết định|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết|Chỉ thị)\s+(?:số\s*:?\s*)?([^\s,;)]+)/iu);
  const type = docTypeByName(ref?.[1] ?? 'Quyết định')?.name ?? 'Quyết định';
  const number = ref ? parseNumber(ref[2]!) : undefined;
  const date = parseDate(marker);
  // Name: from the nearest line above that starts with "QUY CHẾ", "ĐỀ ÁN"… down to the marker.
  let start = -1;
  for (let i = at - 1; i >= Math.max(0, at - 5); i--) {
    const line = cleanMarkup(lines[i]!);
    if (isArticleLine(line) || /\.\/\.$/.test(line) || /^Nơi nhận/iu.test(line)) break;
    const upper = line.toUpperCase();
    if (ATTACHMENT_TYPES.some((t) => upper === t || (upper.startsWith(t + ' ') && isCaps(line.slice(0, t.length))))) {
      start = i;
      break;
    }
  }
  if (start < 0) return { type, number, date, line: at, nameLines: [] };
  const nameLines = Array.from({ length: at - start }, (_, k) => start + k);
  const raw = nameLines.map((i) => cleanMarkup(lines[i]!)).join(' ').replace(/\s+/g, ' ').trim();
  return { name: attachmentName(raw, decisionTitle), type, number, date, line: at, nameLines };
}

/** "QUY CHẾ VĂN HÓA CÔNG SỞ …" → spelled as in the decision's trích yếu when it names it, else in sentence case. */
function attachmentName(raw: string, decisionTitle: string | undefined): string {
  if (decisionTitle) {
    const needle = fold(raw).toLowerCase().replace(/[“”"]/g, '');
    const plainTitle = decisionTitle.replace(/[“”"]/g, '');
    const at = fold(plainTitle).toLowerCase().indexOf(needle);
    if (at >= 0) return plainTitle.slice(at, at + needle.length);
  }
  const type = ATTACHMENT_TYPES.find((t) => raw.toUpperCase().startsWith(t))!;
  const rest = raw.slice(type.length).trim();
  const restText = isCaps(rest) ? rest.toLowerCase().replace(/việt nam/gu, 'Việt Nam') : rest.replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLowerCase());
  return `${capitalize(type.toLowerCase())}${restText ? ` ${restText}` : ''}`;
}

export { DOC_TYPES };
export type { DocType };
