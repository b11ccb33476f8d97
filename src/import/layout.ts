/**
 * Puts back the paragraphs of a document whose lines were hard-wrapped (text copied from a
 * web page's source, a PDF or an old Word export breaks lines every ~80 characters, even
 * mid-heading), and writes every article heading one way ("Điều 5. Tên điều" or "Điều 5.").
 *
 * Decided from the structure: a line that does not begin a unit (Phần, Chương, Mục, Điều, a
 * khoản "1.", an điểm "a)", a list item, a header or signature line) continues the previous
 * one when the previous one did not end a sentence. Real paragraph breaks are kept: after a
 * heading only a lower-case line continues it, and a line starting with a capital joins the
 * line above only when the document is wrapped and that line ran to the wrap width.
 */
import { isAppendixLine, isChapterLine, ATTACHMENT_MARKER } from '../knowledge/legal-structure.js';
import { fold } from '../text/vietnamese.js';
import { OFFICE } from './body.js';
import { isMotto, isQuocHieu } from './header.js';
import { isCaps, isSeparator, startsLower } from './lines.js';

/** "Điều 5. X", "Điều 5: X", "Điều 5 X", "Điều 2.X", "ĐIỀU 5.", "Điều 5a." */
const ARTICLE = /^(?:Điều|ĐIỀU)\s+(\d{1,4}[a-zđ]?)(?=$|[\s.:\-–]|\p{Lu})\s*([.:\-–])?\s*(.*)$/u;
/** "Điều", "Chương", "Mục", "Phần" alone on a line, its number starting the next one. */
const SPLIT_WORD = /^(Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)$/u;
const SPLIT_REST = /^(\d{1,4}[a-zđ]?|[IVXLC]+|thứ|THỨ)(?=$|[\s.:\-–])/u;
/** Words a sentence mentioning an article goes on with: "Điều 5 của Luật này", "Điều 5 và Điều 6". */
const MENTION = /^(của|này|và|hoặc|tại|theo|khoản|điểm|được|quy|thì|với|về|nêu|trên|dưới|đến|đã|sẽ|\(|,)/u;

/** Starts of header lines ("Căn cứ …", "Luật số: …"): the words also occur mid-sentence ("… theo" / "Luật số 26/2004/QH11"). */
const HEADER_LINE_START = String.raw`^(?:Căn cứ|Theo đề nghị|Xét đề nghị|Thực hiện|Nơi nhận|Kính gửi|Số\s*:|Luật số|Hà Nội,)`;
/** Starts of lines that are never the continuation of the line above (header lines: unless that line is unfinished). */
const PARAGRAPH_START = new RegExp(
  [
    String.raw`^\d{1,3}(?:\.\d{1,3})*[.)](?:\s|\p{Lu}|$)`, // khoản "1.", "1.Công", "2.3."
    String.raw`^[a-zđ]\)`, // điểm "a)"
    String.raw`^[IVXLC]{1,6}\.\s`, // "II. NHIỆM VỤ"
    String.raw`^[-+•*–—]\s?`, // list item
    String.raw`^[(\[#]`, // "(Ban hành kèm theo …)", markdown
    HEADER_LINE_START,
    String.raw`^(?:TM|KT|TL|TUQ|Q)\.\s`,
    String.raw`^(?:Luật|Bộ luật|Hiến pháp|Nghị quyết|Pháp lệnh) này (?:đã )?được `,
  ].join('|'),
  'u',
);
const HEADER_LINE = new RegExp(HEADER_LINE_START, 'u');
/** The end of a sentence or paragraph. */
const TERMINAL = /(?:[.;:!?…]|\.\/\.)["”’)]*$/u;
/** A line that cannot end there: a comma or a joining word ("… Viện kiểm sát nhân dân," / "Kiểm toán nhà nước"). */
const UNFINISHED = /(?:,|\s(?:và|hoặc|của|với|cho|về|tại|trong|theo|đối với))$/u;

export interface Layout {
  lines: string[];
  /** how many wrapped lines were joined back to the line above */
  joined: number;
}

interface Line {
  text: string;
  /** a heading of a unit: its kind, and whether it has its title on the line */
  unit?: 'article' | 'chapter' | 'other';
  /** the heading's own words, after its number ("" when the title is on the next line or absent) */
  title?: string;
  /** a blank line came before it (a .txt paragraph break) */
  afterBlank?: boolean;
}

/** The width lines are wrapped at, when most lines stop near one width; undefined for one paragraph per line. */
function wrapWidth(lines: readonly string[]): number | undefined {
  const lengths = lines.map((l) => l.length).filter((n) => n > 0).sort((a, b) => a - b);
  if (lengths.length < 5) return undefined;
  const width = lengths[Math.floor(lengths.length * 0.9)]!;
  if (width > 160) return undefined;
  const near = lengths.filter((n) => n >= width * 0.75).length;
  return near >= lengths.length * 0.3 ? width : undefined;
}

interface Raw {
  text: string;
  afterBlank: boolean;
}

/** "Điều" / "24: Nguyên tắc …" → "Điều 24: Nguyên tắc …" (and the same for Chương, Mục, Phần). */
function joinSplitHeadings(lines: readonly Raw[]): Raw[] {
  const out: Raw[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (SPLIT_WORD.test(line.text) && next !== undefined && SPLIT_REST.test(next.text)) {
      out.push({ text: `${line.text} ${next.text}`, afterBlank: line.afterBlank });
      i++;
    } else out.push(line);
  }
  return out;
}

/**
 * Which lines are article headings. "Điều 5 của Luật này …" is a mention, not a heading; a
 * heading without punctuation ("Điều 5 Tên điều") counts only where the next article is due;
 * a line "Điều 5." that finishes a wrapped sentence ("… theo khoản 2" / "Điều 5.") does not
 * count unless its number is the one due.
 */
function articleHeadings(lines: readonly string[]): Map<number, { number: string; title: string }> {
  const found = new Map<number, { number: string; title: string }>();
  let last: number | undefined;
  lines.forEach((line, i) => {
    const m = line.match(ARTICLE);
    if (!m) return;
    const [, number, punct, rest] = m as unknown as [string, string, string | undefined, string];
    const n = parseInt(number, 10);
    const due = last === undefined ? n === 1 : n === last + 1 || n === 1 || (n === last && number !== String(n));
    if (!punct) {
      if (!rest || !/^\p{Lu}/u.test(rest) || MENTION.test(rest) || !due) return;
    } else {
      const prev = lines[i - 1] ?? '';
      const midSentence = prev !== '' && !TERMINAL.test(prev) && /[\p{Ll}\d,]$/u.test(prev) && !ARTICLE.test(prev);
      if (midSentence && !due) return;
      if (punct === '-' || punct === '–') {
        if (!/^\p{Lu}/u.test(rest)) return;
      }
    }
    found.set(i, { number, title: rest.replace(/^[.:\-–\s]+/u, '').trim() });
    last = n;
  });
  return found;
}

function unitOf(text: string, articles: Map<number, { number: string; title: string }>, i: number): Pick<Line, 'unit' | 'title'> {
  const article = articles.get(i);
  if (article) return { unit: 'article', title: article.title };
  if (isChapterLine(text)) {
    const title = text.replace(/^(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:(?:thứ|THỨ)\s+\p{L}+|[IVXLCDM]+|\d+)[.:\s\-–]*/u, '');
    return { unit: 'chapter', title };
  }
  if (isAppendixLine(text) || ATTACHMENT_MARKER.test(text)) return { unit: 'other', title: '' };
  return {};
}

/**
 * A header word or "(" that opens a wrapped line in the middle of a sentence: "… theo Luật số
 * 26/2004/QH11 và" / "Luật số 58/2005/QH11, …", "… Tỉnh ủy, Thành ủy" / "(sau đây gọi chung là …)".
 */
function midSentence(prev: Line, c: string, width: number | undefined): boolean {
  if (HEADER_LINE.test(c)) return UNFINISHED.test(prev.text);
  if (c.startsWith('(')) return !prev.unit && !isCaps(prev.text) && !TERMINAL.test(prev.text) && width !== undefined && prev.text.length >= width * 0.6;
  return false;
}

/** Does `cur` only continue `prev`? */
function continues(prev: Line, cur: Line, width: number | undefined, inHeader: boolean): boolean {
  const p = prev.text;
  const c = cur.text;
  if (cur.unit || cur.afterBlank || isSeparator(c) || isSeparator(p)) return false;
  if (PARAGRAPH_START.test(c) && (inHeader || !midSentence(prev, c, width))) return false;
  if (isCaps(c) && OFFICE.test(c)) return false; // "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH": the signer's office
  if (inHeader) {
    // "CỘNG" / "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do -" / "Hạnh phúc", "Luật" / "số: 67/2006/QH11"
    const joined = `${p} ${c}`;
    if ((isQuocHieu(joined) && !isQuocHieu(p) && !isQuocHieu(c)) || (isMotto(joined) && !isMotto(p) && !isMotto(c))) return true;
    if (isCaps(p) || isCaps(c)) return false;
    return startsLower(c) && !TERMINAL.test(p);
  }
  // A clause's sentences are joined by ";": in wrapped text a lower-case line after one that ran to the width goes on ("vi phạm;" / "trong trường hợp …").
  if (TERMINAL.test(p)) return !prev.unit && /[;:]$/u.test(p) && startsLower(c) && width !== undefined && p.length >= width * 0.6;
  // "… theo khoản 2" / "Điều 5 của Luật này …": a mention of an article carries on the sentence.
  if (ARTICLE.test(c)) return true;
  if (prev.unit) {
    // A heading takes only the rest of its own title: "Điều 1. Phạm" / "vi điều chỉnh", "CHƯƠNG II QUYỀN VÀ" / "NGHĨA VỤ".
    if (!prev.title) return false;
    return startsLower(c) || (isCaps(prev.title) && isCaps(c)) || UNFINISHED.test(prev.title);
  }
  if (isCaps(c)) return isCaps(p); // a title in capitals wrapped over two lines; under text, a new heading
  if (isCaps(p)) return startsLower(c);
  if (startsLower(c)) return true;
  return width !== undefined && p.length >= width * 0.6;
}

/**
 * Lines (normalized, "" for a blank line) → the document's lines, one per paragraph, with
 * article headings written "Điều 5. Tên điều". `firstUnit` finds where the header ends.
 */
export function layoutLines(raw: readonly string[], firstUnit: (lines: readonly string[]) => number): Layout {
  const items: Raw[] = [];
  let blank = false;
  for (const text of raw) {
    if (text === '') blank = items.length > 0;
    else {
      items.push({ text, afterBlank: blank });
      blank = false;
    }
  }
  const split = splitFlattenedHeader(joinSplitHeadings(items), firstUnit);
  const texts = split.map((l) => l.text);
  const articles = articleHeadings(texts);
  // Headings are short by nature: the wrap width is read from the other lines.
  const width = wrapWidth(texts.filter((t, i) => !articles.has(i) && !isChapterLine(t)));
  const lines: Line[] = split.map((l, i) => ({ ...l, ...unitOf(l.text, articles, i) }));
  const headerEnd = firstUnit(texts.map((t, i) => (articles.has(i) ? canonicalArticle(articles.get(i)!) : t)));

  const untitled = untitledStyle(lines, width);
  const out: Line[] = [];
  let joined = 0;
  lines.forEach((cur, i) => {
    const prev = out[out.length - 1];
    if (prev && continues(prev, cur, width, i < headerEnd)) {
      joined++;
      prev.text = `${prev.text} ${cur.text}`;
      if (prev.unit && prev.title !== undefined) prev.title = `${prev.title} ${cur.text}`;
      return;
    }
    // "Điều 5." with its title on the next line: the title joins the heading.
    if (prev?.unit === 'article' && !prev.title && !untitled && !cur.unit && isTitleLike(cur.text)) {
      joined++;
      prev.title = cur.text;
      prev.text = `${prev.text} ${cur.text}`;
      return;
    }
    out.push({ ...cur });
  });
  // Headings written one way; the loader reads "Điều 5. Tên" and "Điều 5.".
  const result = out.map((l) => {
    if (l.unit !== 'article') return l.text;
    const m = l.text.match(ARTICLE)!;
    return canonicalArticle({ number: m[1]!, title: (l.title ?? '').replace(/^[.:\-–\s]+/u, '').trim() });
  });
  return { lines: result.map(canonicalClause), joined };
}

function canonicalArticle(a: { number: string; title: string }): string {
  return a.title ? `Điều ${a.number}. ${a.title}` : `Điều ${a.number}.`;
}

/** "1.Công chức …" → "1. Công chức …" (the loader reads a khoản as "1. "). */
function canonicalClause(line: string): string {
  return line.replace(/^(\d{1,3})\.(?=\p{Lu})/u, '$1. ').replace(/^([a-zđ])\)(?=\p{L})/u, '$1) ');
}

/** A title line: short, not a sentence (no final punctuation), not a khoản or a list item. */
function isTitleLike(text: string): boolean {
  return text.length <= 200 && !TERMINAL.test(text) && !PARAGRAPH_START.test(text);
}

/**
 * Untitled articles (the Hiến pháp: "Điều 8." then the text) or titles on the next line?
 * Decided once for the document, from what follows its bare headings.
 */
function untitledStyle(lines: readonly Line[], width: number | undefined): boolean {
  let untitled = 0;
  let titled = 0;
  lines.forEach((l, i) => {
    if (l.unit !== 'article' || l.title) return;
    const next = lines[i + 1];
    if (!next || next.unit) return;
    const bodyLike = TERMINAL.test(next.text) || PARAGRAPH_START.test(next.text) || next.text.length > 200 || (width !== undefined && next.text.length >= width * 0.8);
    if (bodyLike) untitled++;
    else titled++;
  });
  return untitled >= titled && untitled > 0;
}

/**
 * The two columns of a Word header flattened onto one line: "UBND TỈNH X CỘNG HÒA XÃ HỘI
 * CHỦ NGHĨA VIỆT NAM", "Số: 12/QĐ-UBND Độc lập - Tự do - Hạnh phúc" → one line per column.
 */
function splitFlattenedHeader(lines: readonly Raw[], firstUnit: (lines: readonly string[]) => number): Raw[] {
  const end = Math.min(firstUnit(lines.map((l) => l.text)), 40);
  return lines.flatMap((line, i) => (i < end ? splitAtMarks(line.text).map((text, k) => ({ text, afterBlank: k === 0 && line.afterBlank })) : [line]));
}

function splitAtMarks(line: string): string[] {
  const folded = fold(line).toUpperCase();
  const cuts = new Set<number>();
  for (const mark of ['CONG HOA XA HOI CHU NGHIA VIET NAM', 'DOC LAP']) {
    const at = folded.indexOf(mark);
    // "NƯỚC CỘNG HÒA …" in the Hiến pháp's title is one line: only a mark after another column's words.
    if (at > 0 && !/^(NUOC|CUA)\s*$/.test(folded.slice(0, at).trim().split(' ').pop() ?? '')) cuts.add(at);
  }
  const positions = [...cuts].sort((a, b) => a - b);
  if (positions.length === 0) return [line];
  const parts: string[] = [];
  let start = 0;
  for (const at of positions) {
    parts.push(line.slice(start, at).trim());
    start = at;
  }
  parts.push(line.slice(start).trim());
  return parts.filter(Boolean);
}
