/**
 * Splits the text of a Vietnamese legal document by its drafting structure:
 * Chương (chapter), Mục (section), Điều (article), Khoản ("1."), Điểm ("a)"), and
 * Phụ lục (appendix). Documents without articles (a Kế hoạch, an Đề án) are split by
 * their own headings (Markdown "## ..." or Roman-numeral lines "I. MỤC TIÊU").
 *
 * A decision that carries an attached Quy chế / Đề án holds two runs of articles: its own
 * (Điều 1 "Ban hành kèm theo Quyết định này…", Điều 2 "hiệu lực"…) and the attachment's.
 * A line "(Ban hành kèm theo Quyết định số …)" separates them: sections before it have
 * scope "main", sections after it scope "attachment". Without such a line every section
 * belongs to the document as a whole (scope undefined).
 */

import { fold, words } from '../text/vietnamese.js';

export interface Clause {
  /** "1", "2" … */
  number: string;
  text: string;
  /** lettered points "a", "b" … in this clause */
  points: string[];
}

export type SectionKind = 'article' | 'heading' | 'appendix';

export interface LegalSection {
  kind: SectionKind;
  /** article number ("5") for articles, appendix number ("I", "2") for numbered appendices */
  number?: string;
  /** "Điều 5. Các hành vi bị cấm", "Phụ lục I. DANH MỤC …" or the heading text */
  title: string;
  /** full text of the section, heading line excluded */
  text: string;
  chapter?: string;
  part?: string;
  clauses: Clause[];
  /** 1-based line of the heading in the source text */
  line: number;
  /** "main": the document's own text, "attachment": the attached Quy chế/Đề án (only when the text has a "(Ban hành kèm theo …)" line) */
  scope?: 'main' | 'attachment';
}

export interface LegalStructure {
  sections: LegalSection[];
  counts: { chapters: number; parts: number; articles: number; clauses: number; points: number };
  /** number of appendices (Phụ lục) */
  appendices: number;
  /** number of Phần ("Phần thứ nhất", "PHẦN I"), the level above Chương in a Bộ luật */
  divisions: number;
  /** article numbers that skip, repeat or go back, per run of articles ("thiếu Điều 8 (sau Điều 7)") */
  numbering: string[];
  /** 1-based line of "(Ban hành kèm theo …)", when the text holds an attached document */
  attachmentLine?: number;
  /** structural problems worth refusing the file for */
  problems: { line: number; reason: string }[];
}

const MD_PREFIX = String.raw`^(?:#{1,6}\s*)?(?:\*\*)?`;
const MD_SUFFIX = String.raw`(?:\*\*)?\s*$`;
/** Not a heading but a mention opening a wrapped line: "… theo Luật số 58/2005/QH11," / "Chương V của Luật Khiếu nại …". */
const NOT_MENTION = String.raw`(?![.:\s\-–]*(?:của|này|và|hoặc|tại|theo|được|đã|sẽ|thì|với|về|nêu|quy định)(?=$|[\s,.;]))`;
/** "Chương I", "CHƯƠNG 2", "Chương III. NHỮNG QUY ĐỊNH CHUNG"; not "Chương trình …", not "Chương V của Luật …". */
const CHAPTER = new RegExp(MD_PREFIX + String.raw`((?:Chương|CHƯƠNG)\s+(?:[IVXLCDM]+|\d+))(?=$|[\s.:\-–*])` + NOT_MENTION + String.raw`[.:\s\-–]*(.*?)` + MD_SUFFIX, 'u');
/** "Phần thứ nhất", "PHẦN THỨ HAI", "Phần I": the level above Chương; not "Phần vốn góp …". */
const DIVISION = new RegExp(MD_PREFIX + String.raw`((?:Phần|PHẦN)\s+(?:(?:thứ|THỨ)\s+\p{L}+|[IVXLC]+|\d+))(?=$|[\s.:\-–*])` + NOT_MENTION + String.raw`[.:\s\-–]*(.*?)` + MD_SUFFIX, 'u');
const PART = new RegExp(MD_PREFIX + String.raw`((?:Mục|MỤC)\s+\d+)(?=$|[\s.:\-–*])` + NOT_MENTION + String.raw`[.:\s\-–]*(.*?)` + MD_SUFFIX, 'u');
const ARTICLE = new RegExp(MD_PREFIX + String.raw`(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)\s*[.:]\s*(.*?)` + MD_SUFFIX, 'u');
/** "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC 02: MẪU …", "Phụ lục số 1. …"; not "Phụ lục kèm theo Quyết định này …". */
const APPENDIX = new RegExp(
  MD_PREFIX + String.raw`(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+|SỐ\s+)?([IVXLC]+|\d+[a-zA-Z]?))?(?=$|[\s.:\-–*])\s*(?:[.:\-–]\s*(.*?))?` + MD_SUFFIX,
  'u',
);
/** An all-caps appendix heading with its title on the same line: "PHỤ LỤC DANH MỤC HỒ SƠ". */
const APPENDIX_CAPS = new RegExp(MD_PREFIX + String.raw`PHỤ LỤC\s+(\S.*?)` + MD_SUFFIX, 'u');
/**
 * "(Ban hành kèm theo Quyết định số 129/2007/QĐ-TTg ngày …)" or "(Kèm theo Quyết định số …)": the
 * attached document starts here. Not "Ban hành kèm theo Quyết định này …" (no number), and not
 * the "(Kèm theo …)" line under an appendix heading (see findAttachmentMarker).
 */
export const ATTACHMENT_MARKER =
  /^\(?\s*(?:\*\*|_|\*)?\s*(?:Ban hành\s+)?kèm theo\s+(?:Quyết định|Nghị định|Thông tư(?: liên tịch)?|Nghị quyết|Chỉ thị)\s+(?:số\s*:?\s*)?\d/iu;
const MD_HEADING = /^#{1,6}\s+(.+?)\s*$/u;
const ROMAN_HEADING = /^([IVXLC]+)\.\s+(\S.*)$/u;
const CLAUSE = /^(\d+)\.\s+(.*)$/u;
const POINT = /^([a-zđ])\)\s+(.*)$/u;

function isUpper(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toUpperCase();
}

function appendixMatch(line: string): { number?: string; title?: string } | undefined {
  const m = line.match(APPENDIX);
  if (m) return { number: m[1], title: m[2] || undefined };
  const caps = line.match(APPENDIX_CAPS);
  if (caps && isUpper(line)) return { title: caps[1] };
  return undefined;
}

/** Does this line start a unit (chapter, section, article, appendix, attachment)? */
export function startsUnit(line: string): boolean {
  const l = line.trim();
  return CHAPTER.test(l) || PART.test(l) || DIVISION.test(l) || ARTICLE.test(l) || isAppendixLine(l) || ATTACHMENT_MARKER.test(l);
}

/** Is this line an appendix heading ("PHỤ LỤC I", "Phụ lục 2. …")? */
export function isAppendixLine(line: string): boolean {
  return appendixMatch(line.trim()) !== undefined;
}

/** Is this line a chapter or section heading ("Chương I", "Mục 2")? */
export function isChapterLine(line: string): boolean {
  const l = line.trim();
  return CHAPTER.test(l) || PART.test(l) || DIVISION.test(l);
}

/** A heading of a document without articles: "## …" or "II. NHIỆM VỤ". */
export function isHeadingLine(line: string): boolean {
  const l = line.trim();
  return MD_HEADING.test(l) || ROMAN_HEADING.test(l);
}

/** Is this line an article heading "Điều 5. …"? */
export function isArticleLine(line: string): boolean {
  return ARTICLE.test(line.trim());
}

/**
 * 0-based index of the line that starts an attached document, or -1. A "(Kèm theo …)" line
 * right under an appendix heading belongs to the appendix instead.
 */
export function findAttachmentMarker(lines: readonly string[]): number {
  let sinceAppendix = Infinity;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    if (appendixMatch(line)) {
      sinceAppendix = 0;
      continue;
    }
    sinceAppendix++;
    if (ATTACHMENT_MARKER.test(line) && sinceAppendix > 2) return i;
  }
  return -1;
}

export function parseLegalStructure(text: string): LegalStructure {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const markerIndex = findAttachmentMarker(lines);
  // The decision and its attachment are drafted apart: a Quyết định with articles may carry an Đề án with headings.
  const articlesIn = (from: number, to: number) => lines.slice(from, to).some((l) => ARTICLE.test(l.trim()));
  const hasArticlesMain = articlesIn(0, markerIndex >= 0 ? markerIndex : lines.length);
  const hasArticlesAttached = markerIndex >= 0 && articlesIn(markerIndex + 1, lines.length);
  const sections: LegalSection[] = [];
  const counts = { chapters: 0, parts: 0, articles: 0, clauses: 0, points: 0 };
  const problems: LegalStructure['problems'] = [];
  let appendices = 0;
  let divisions = 0;
  let scope: LegalSection['scope'] = markerIndex >= 0 ? 'main' : undefined;
  let chapter: string | undefined;
  let part: string | undefined;
  let current: LegalSection | undefined;
  let body: string[] = [];
  let pendingTitle: 'division' | 'chapter' | 'part' | 'appendix' | undefined;

  const close = () => {
    if (current) {
      const split = splitClauses(body.join('\n').trim());
      current.text = body.join('\n').trim();
      current.clauses = split.clauses;
      sections.push(current);
    }
    current = undefined;
    body = [];
  };

  lines.forEach((raw, index) => {
    const line = raw.trim();
    const hasArticles = scope === 'attachment' ? hasArticlesAttached : hasArticlesMain;
    // Chapter, section and appendix titles are often on the line after "Chương I".
    if (pendingTitle && line) {
      const kind = pendingTitle;
      pendingTitle = undefined;
      if (!startsUnit(line) && !(kind === 'appendix' && (line.startsWith('(') || !isUpper(line)))) {
        const title = cleanHeading(line);
        if (kind === 'division') return;
        if (kind === 'chapter') chapter = `${chapter} ${title}`;
        else if (kind === 'part') part = `${part} ${title}`;
        else if (current) current.title = `${current.title}. ${title}`;
        return;
      }
    }
    let m: RegExpMatchArray | null;
    if (index === markerIndex || (index > markerIndex && markerIndex >= 0 && ATTACHMENT_MARKER.test(line) && current?.kind !== 'appendix')) {
      close();
      scope = 'attachment';
      chapter = undefined;
      part = undefined;
      return;
    }
    if (hasArticles && (m = line.match(DIVISION))) {
      close();
      divisions++;
      chapter = undefined;
      part = undefined;
      if (!m[2]) pendingTitle = 'division';
      return;
    }
    if ((m = line.match(CHAPTER))) {
      close();
      counts.chapters++;
      chapter = cleanHeading(m[2] ? `${m[1]}. ${m[2]}` : m[1]!);
      part = undefined;
      if (!m[2]) pendingTitle = 'chapter';
      return;
    }
    if ((m = line.match(PART))) {
      close();
      counts.parts++;
      part = cleanHeading(m[2] ? `${m[1]}. ${m[2]}` : m[1]!);
      if (!m[2]) pendingTitle = 'part';
      return;
    }
    const appendix = appendixMatch(line);
    if (appendix) {
      close();
      appendices++;
      const name = appendix.number ? `Phụ lục ${appendix.number}` : 'Phụ lục';
      current = {
        kind: 'appendix',
        number: appendix.number,
        title: appendix.title ? `${name}. ${cleanHeading(appendix.title)}` : name,
        text: '',
        chapter: undefined,
        part: undefined,
        clauses: [],
        line: index + 1,
        scope,
      };
      if (!appendix.title) pendingTitle = 'appendix';
      return;
    }
    if (hasArticles && (m = line.match(ARTICLE))) {
      close();
      counts.articles++;
      const number = m[1]!;
      const title = m[2] ? `Điều ${number}. ${cleanHeading(m[2])}` : `Điều ${number}`;
      current = { kind: 'article', number, title, text: '', chapter, part, clauses: [], line: index + 1, scope };
      return;
    }
    if (!hasArticles && ((m = line.match(MD_HEADING)) || (m = line.match(ROMAN_HEADING)))) {
      close();
      const title = cleanHeading(m.length > 2 && m[2] ? `${m[1]}. ${m[2]}` : m[1]!);
      current = { kind: 'heading', title, text: '', clauses: [], line: index + 1, scope };
      return;
    }
    if (current) body.push(raw);
  });
  close();
  for (const s of sections) {
    counts.clauses += s.clauses.length;
    counts.points += s.clauses.reduce((n, c) => n + c.points.length, 0);
  }
  return {
    sections: sections.filter((s) => s.text.length > 0 || s.kind === 'article'),
    counts,
    appendices,
    divisions,
    numbering: numberingIssues(sections),
    attachmentLine: markerIndex >= 0 ? markerIndex + 1 : undefined,
    problems,
  };
}

/**
 * Article numbers run 1, 2, 3 … in each run of articles (the decision's own, then its
 * attachment's): a number that skips, repeats or goes back is named, never merged away.
 */
export function numberingIssues(sections: readonly LegalSection[]): string[] {
  const issues: string[] = [];
  const scopes = [...new Set(sections.map((s) => s.scope))];
  for (const scope of scopes) {
    const where = scope === 'main' ? ' (phần quyết định)' : scope === 'attachment' ? ' (văn bản kèm theo)' : '';
    const numbers = sections.filter((s) => s.kind === 'article' && s.scope === scope).map((s) => s.number!);
    let previous: number | undefined;
    let previousText = '';
    for (const text of numbers) {
      const n = parseInt(text, 10);
      const suffixed = text !== String(n); // "5a": an article inserted by an amendment, after Điều 5
      if (previous === undefined) {
        if (n > 1) issues.push(`Điều đầu tiên là Điều ${text}, không phải Điều 1${where}`);
      } else if (text === previousText) issues.push(`Điều ${text} lặp lại hai lần liền nhau${where}`);
      else if (n === previous && suffixed) {
        // "Điều 5" then "Điều 5a": in order
      } else if (n <= previous) issues.push(`Điều ${text} đứng sau Điều ${previousText} (số điều lùi lại hoặc lặp lại)${where}`);
      else if (n > previous + 1) {
        const missing = n - previous === 2 ? `Điều ${previous + 1}` : `Điều ${previous + 1}–${n - 1}`;
        issues.push(`Thiếu ${missing} (từ Điều ${previousText} nhảy sang Điều ${text})${where}`);
      }
      previous = n;
      previousText = text;
    }
  }
  return issues;
}

function cleanHeading(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

/** The text of a section as its lead-in (before "1.") and its numbered clauses with their points. */
export function splitClauses(text: string): { intro: string; clauses: Clause[] } {
  const clauses: Clause[] = [];
  const intro: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const c = line.match(CLAUSE);
    if (c) {
      clauses.push({ number: c[1]!, text: line, points: [] });
      continue;
    }
    const last = clauses[clauses.length - 1];
    if (last) {
      const p = line.match(POINT);
      if (p) last.points.push(p[1]!);
      last.text += '\n' + line;
    } else intro.push(raw);
  }
  for (const c of clauses) c.text = c.text.trim();
  return { intro: intro.join('\n').trim(), clauses };
}

/** Metadata of a regulation file, used to build citations. */
export interface DocumentInfo {
  type: string;
  /** "" for a document without a number (the Hiến pháp) */
  number: string;
  date?: string;
  /** trích yếu, names a document that has no number */
  title?: string;
  /** the Quy chế / Đề án attached to the decision, when the articles belong to it */
  attachment?: string;
}

/** A type of document issued without a number: the Hiến pháp. */
export function isUnnumberedType(type: string): boolean {
  return /^Hiến pháp$/iu.test(type);
}

/**
 * "Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007"; without a number, "Hiến pháp năm 2013"
 * or the type and trích yếu ("Luật Công nghệ thông tin ngày 29/6/2006").
 */
export function documentName(doc: DocumentInfo): string {
  const date = doc.date ? ` ngày ${doc.date}` : '';
  // A law is known by its name: "Luật Công nghệ thông tin số 67/2006/QH11".
  const named = /^(Luật|Bộ luật|Pháp lệnh)$/iu.test(doc.type) && doc.title && doc.title.length <= 80 ? ` ${doc.title}` : '';
  if (doc.number) return `${doc.type}${named} số ${doc.number}${date}`;
  const year = doc.date?.match(/(\d{4})$/)?.[1];
  if (isUnnumberedType(doc.type) && year) return `${doc.type} năm ${year}`;
  return `${doc.type}${doc.title && doc.title !== doc.type ? ` ${doc.title}` : ''}${date}`;
}

/** "Khoản 2", "Khoản 2 và khoản 3", "Khoản 1, khoản 2 và khoản 4" */
function numbered(word: string, numbers: string[]): string {
  const items = numbers.map((n, i) => `${i === 0 ? word[0]!.toUpperCase() + word.slice(1) : word} ${n}`);
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}

/** What one numbered part ("1.") of a section is called: "khoản" in an article, "tiểu mục" elsewhere. */
export function clauseWord(kind: SectionKind): string {
  return kind === 'article' ? 'khoản' : 'tiểu mục';
}

/** How a section is named inside a sentence: "Điều 5", "Phụ lục I", 'phần "II. NHIỆM VỤ"'. */
export function sectionName(section: Pick<LegalSection, 'kind' | 'number' | 'title'>): string {
  if (section.kind === 'article') return `Điều ${section.number}`;
  if (section.kind === 'appendix') return section.number ? `Phụ lục ${section.number}` : `phụ lục "${section.title}"`;
  return `phần "${section.title}"`;
}

/**
 * "Điều 8, Quy chế … ban hành kèm theo Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007";
 * with clauses: "Khoản 2 Điều 8, …" (several: "Khoản 2 và khoản 3 Điều 8, …").
 * The decision's own articles (scope "main") cite the decision alone.
 */
export function sectionCitation(
  doc: DocumentInfo,
  section: Pick<LegalSection, 'kind' | 'number' | 'title'> & { scope?: LegalSection['scope'] },
  clause?: string | string[],
): string {
  const where = doc.attachment && section.scope !== 'main' ? `${doc.attachment} ban hành kèm theo ${documentName(doc)}` : documentName(doc);
  const clauses = clause === undefined ? [] : Array.isArray(clause) ? clause : [clause];
  const name = sectionName(section);
  if (clauses.length === 0) return `${name[0]!.toUpperCase()}${name.slice(1)}, ${where}`;
  if (section.kind === 'article') return `${numbered('khoản', clauses)} ${name}, ${where}`;
  return `${numbered(clauseWord(section.kind), clauses)} ${name}, ${where}`;
}

/** Folded words that say nothing about which clause is meant. */
const QUESTION_FILLERS = new Set(
  'co khong ko k duoc la gi nao thi va cua cac nhung cho khi phai bi nay do o tai trong voi ve theo de nhu the sao bao nhieu ai may neu hay hoac mot da se dang can nen nhe vay a oi ah minh toi em anh chi ban ad ha hong chua roi quy dinh dieu khoan'.split(' '),
);

/**
 * Which clauses of a section a question is about: the clause whose words, weighted by how
 * rare they are among the section's clauses, best cover the question (and the runner-up
 * when it is nearly as good). Words of `context` (the article's title and lead-in) only say
 * which article is meant, not which clause: a question about the whole article gets no
 * clause. Undefined when no clause stands out: then show the whole.
 */
export function clausesMatching(clauses: readonly string[], question: string, context = ''): number[] | undefined {
  if (clauses.length < 2) return undefined;
  const known = new Set(words(context).map(fold));
  const asked = words(question)
    .map(fold)
    .filter((w) => w.length > 1 && !QUESTION_FILLERS.has(w) && !known.has(w));
  if (asked.length === 0) return undefined;
  const sets = clauses.map((text) => {
    const ws = words(text).map(fold);
    const set = new Set(ws);
    for (let i = 1; i < ws.length; i++) set.add(`${ws[i - 1]} ${ws[i]}`);
    return set;
  });
  const terms = new Set(asked);
  for (let i = 1; i < asked.length; i++) terms.add(`${asked[i - 1]} ${asked[i]}`);
  const n = clauses.length;
  const weight = new Map<string, number>();
  for (const t of terms) {
    const df = sets.filter((s) => s.has(t)).length;
    weight.set(t, df === 0 ? 0 : Math.log((n + 1) / df) * (t.includes(' ') ? 1.5 : 1));
  }
  const scores = sets.map((s) => [...terms].reduce((sum, t) => sum + (s.has(t) ? weight.get(t)! : 0), 0));
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const best = scores[order[0]!]!;
  if (best < 0.5) return undefined;
  const close = order.filter((i) => scores[i]! >= best * 0.75);
  if (close.length > 2) return undefined;
  return close.sort((a, b) => a - b);
}
