/**
 * Splits the text of a Vietnamese legal document by its drafting structure:
 * Chương (chapter), Mục (section), Điều (article), Khoản ("1."), Điểm ("a)").
 * Documents without articles (a Kế hoạch, an Đề án) are split by their own headings
 * (Markdown "## ..." or Roman-numeral lines "I. MỤC TIÊU").
 */

export interface Clause {
  /** "1", "2" … */
  number: string;
  text: string;
  /** lettered points "a", "b" … in this clause */
  points: string[];
}

export interface LegalSection {
  kind: 'article' | 'heading';
  /** article number ("5") for articles */
  number?: string;
  /** "Điều 5. Các hành vi bị cấm" or the heading text */
  title: string;
  /** full text of the section, heading line excluded */
  text: string;
  chapter?: string;
  part?: string;
  clauses: Clause[];
  /** 1-based line of the heading in the source text */
  line: number;
}

export interface LegalStructure {
  sections: LegalSection[];
  counts: { chapters: number; parts: number; articles: number; clauses: number; points: number };
}

const MD_PREFIX = String.raw`^(?:#{1,6}\s*)?(?:\*\*)?`;
const CHAPTER = new RegExp(MD_PREFIX + String.raw`(Chương\s+[IVXLCDM\d]+)\b[.:\s-]*(.*?)(?:\*\*)?\s*$`, 'iu');
const PART = new RegExp(MD_PREFIX + String.raw`(Mục\s+\d+)\b[.:\s-]*(.*?)(?:\*\*)?\s*$`, 'iu');
const ARTICLE = new RegExp(MD_PREFIX + String.raw`Điều\s+(\d+[a-zđ]?)\s*[.:]\s*(.*?)(?:\*\*)?\s*$`, 'iu');
const MD_HEADING = /^#{1,6}\s+(.+?)\s*$/u;
const ROMAN_HEADING = /^([IVXLC]+)\.\s+(\S.*)$/u;
const CLAUSE = /^(\d+)\.\s+(.*)$/u;
const POINT = /^([a-zđ])\)\s+(.*)$/u;

export function parseLegalStructure(text: string): LegalStructure {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const hasArticles = lines.some((l) => ARTICLE.test(l.trim()));
  const sections: LegalSection[] = [];
  const counts = { chapters: 0, parts: 0, articles: 0, clauses: 0, points: 0 };
  let chapter: string | undefined;
  let part: string | undefined;
  let current: LegalSection | undefined;
  let body: string[] = [];
  let pendingTitle: 'chapter' | 'part' | undefined;

  const close = () => {
    if (current) {
      current.text = body.join('\n').trim();
      current.clauses = clausesOf(current.text);
      sections.push(current);
    }
    current = undefined;
    body = [];
  };

  lines.forEach((raw, index) => {
    const line = raw.trim();
    // Chapter and section titles are often on the line after "Chương I".
    if (pendingTitle && line) {
      if (!ARTICLE.test(line) && !PART.test(line) && !CHAPTER.test(line)) {
        if (pendingTitle === 'chapter') chapter = `${chapter} ${cleanHeading(line)}`;
        else part = `${part} ${cleanHeading(line)}`;
        pendingTitle = undefined;
        return;
      }
      pendingTitle = undefined;
    }
    let m: RegExpMatchArray | null;
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
    if (hasArticles && (m = line.match(ARTICLE))) {
      close();
      counts.articles++;
      const title = m[2] ? `Điều ${m[1]}. ${cleanHeading(m[2])}` : `Điều ${m[1]}`;
      current = { kind: 'article', number: m[1], title, text: '', chapter, part, clauses: [], line: index + 1 };
      return;
    }
    if (!hasArticles && ((m = line.match(MD_HEADING)) || (m = line.match(ROMAN_HEADING)))) {
      close();
      const title = cleanHeading(m.length > 2 && m[2] ? `${m[1]}. ${m[2]}` : m[1]!);
      current = { kind: 'heading', title, text: '', clauses: [], line: index + 1 };
      return;
    }
    if (current) body.push(raw);
  });
  close();
  for (const s of sections) {
    counts.clauses += s.clauses.length;
    counts.points += s.clauses.reduce((n, c) => n + c.points.length, 0);
  }
  return { sections: sections.filter((s) => s.text.length > 0 || s.kind === 'article'), counts };
}

function cleanHeading(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const c = line.match(CLAUSE);
    if (c) {
      clauses.push({ number: c[1]!, text: line, points: [] });
      continue;
    }
    const p = line.match(POINT);
    const last = clauses[clauses.length - 1];
    if (last) {
      if (p) last.points.push(p[1]!);
      last.text += '\n' + line;
    }
  }
  return clauses;
}

/** Metadata of a regulation file, used to build citations. */
export interface DocumentInfo {
  type: string;
  number: string;
  date?: string;
  /** the Quy chế / Đề án attached to the decision, when the articles belong to it */
  attachment?: string;
}

/** "Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007" */
export function documentName(doc: DocumentInfo): string {
  return `${doc.type} số ${doc.number}${doc.date ? ` ngày ${doc.date}` : ''}`;
}

/** "Điều 8, Quy chế … ban hành kèm theo Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007" */
export function sectionCitation(doc: DocumentInfo, section: Pick<LegalSection, 'kind' | 'number' | 'title'>, clause?: string): string {
  const where = doc.attachment ? `${doc.attachment} ban hành kèm theo ${documentName(doc)}` : documentName(doc);
  if (section.kind === 'article') return `${clause ? `Khoản ${clause} ` : ''}Điều ${section.number}, ${where}`;
  return `Phần "${section.title}", ${where}`;
}
