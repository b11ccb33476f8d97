/**
 * FAQ sources: each "- ref" (an article of a regulation file) or "- doc" (a document of
 * documents.yaml) checked against what exists, and turned into the citation users see, with
 * the validity notices of the documents cited.
 */
import { citedDocumentName, DOCUMENTS_FILE, shortDocumentName, statusNotice } from './documents.js';
import { str } from './front-matter.js';
import { sectionCitation, splitClauses } from './legal-structure.js';
import type { CitedDocument, KnowledgeError, Passage, Regulation, ResolvedSource } from './types.js';
import { fold, words } from '../text/vietnamese.js';

/** ref: an article of a regulation file; doc: a document of documents.yaml; document: free text (answers of the help desk). */
const SOURCE_KEYS = new Set(['ref', 'doc', 'article', 'says', 'summary', 'document', 'date', 'url', 'note']);

/** One source of an FAQ entry, as written. */
export interface SourceItem {
  ref?: string;
  doc?: string;
  article?: string;
  says?: string;
  summary: boolean;
  /** free text: "Trả lời của cán bộ hỗ trợ", with its date and note */
  document?: string;
  date?: string;
  note?: string;
  line: number;
}

/** An FAQ entry read from its file, its sources not yet resolved against the regulations and documents.yaml. */
export interface FaqDraft {
  passage: Omit<Passage, 'citation' | 'summary'>;
  sources: SourceItem[];
  /** line of "source:" */
  line: number;
}

const SOURCE_FORM = '"source" là danh sách, mỗi nguồn một dòng "- ref: <mã văn bản>/dieu-N" (điều của văn bản trong regulations/) hoặc "- doc: <mã trong documents.yaml>"';

/** The items of "source:", each checked on its own line. */
export function sourceItems(value: unknown, file: string, line: number, lines: number[], errors: KnowledgeError[]): SourceItem[] | undefined {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  if (list.length === 0) {
    errors.push({ file, line, reason: `thiếu "source": ${SOURCE_FORM}` });
    return undefined;
  }
  const out: SourceItem[] = [];
  const before = errors.length;
  list.forEach((item, i) => {
    const at = lines[i] ?? line;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ file, line: at, reason: SOURCE_FORM });
      return;
    }
    const s = item as Record<string, unknown>;
    for (const key of Object.keys(s)) {
      if (!SOURCE_KEYS.has(key)) errors.push({ file, line: at, reason: `khóa "source.${key}" không được hỗ trợ (dùng: ref, doc, article, says, summary)` });
    }
    const ref = str(s.ref);
    const doc = str(s.doc);
    const document = str(s.document);
    if ([ref, doc, document].filter(Boolean).length !== 1) {
      errors.push({ file, line: at, reason: `mỗi nguồn cần đúng một trong "ref" hoặc "doc": ${SOURCE_FORM}` });
      return;
    }
    if (ref && str(s.article)) errors.push({ file, line: at, reason: '"article" chỉ dùng với "doc"; với "ref", ghi điều, khoản ngay trong mã: qd-129-2007/dieu-4/khoan-1' });
    out.push({ ref, doc, document, article: str(s.article), says: str(s.says), summary: s.summary === true, date: str(s.date), note: str(s.note), line: at });
  });
  return errors.length > before ? undefined : out;
}

/** Regulations and cited documents by id, to resolve FAQ sources against. */
export interface Sources {
  regulations: Map<string, Regulation>;
  documents: Map<string, CitedDocument>;
}

/**
 * The entry with its citation generated from what it cites: an article of a regulation file
 * ("Khoản 1 Điều 4, Quy chế … ban hành kèm theo Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007 của Thủ tướng Chính phủ")
 * or a document of documents.yaml in full form, marked "chưa kiểm chứng" when nothing verified states it.
 * A reference to what does not exist is an error; an article whose title shares nothing with the entry, a warning.
 */
export function resolveSources(draft: FaqDraft, known: Sources, errors: KnowledgeError[], warnings: KnowledgeError[]): Passage | undefined {
  const file = draft.passage.file;
  const before = errors.length;
  const resolved: ResolvedSource[] = [];
  const citationGroups: CitationGroup[] = [];
  const notices: string[] = [];
  const addNotice = (n: string | undefined) => {
    if (n && !notices.includes(n)) notices.push(n);
  };
  const nameOf = (idOrName: string) => {
    const d = known.documents.get(idOrName);
    return d ? `${shortDocumentName(d)}${d.verified === false ? ' (chưa kiểm chứng)' : ''}` : idOrName;
  };
  for (const item of draft.sources) {
    const says = item.says ? ` (${item.says})` : '';
    if (item.ref) {
      const target = resolveRef(item.ref, known.regulations);
      if ('error' in target) {
        errors.push({ file, line: item.line, reason: `nguồn "ref: ${item.ref}": ${target.error}` });
        continue;
      }
      const { regulation, passage, clause } = target;
      const issuer = regulation.issuer ? ` của ${regulation.issuer}` : '';
      addNotice(statusNotice(regulation.shortName, regulation.status, nameOf));
      if (!passage) {
        resolved.push({ ref: item.ref, text: `${regulation.fullName}${says}`, line: item.line });
        continue;
      }
      const section = passage.section!;
      const text = `${sectionCitation(section.doc, section, clause)}${issuer}${says}`;
      resolved.push({ ref: item.ref, text, line: item.line });
      // Parts of one document are cited under its name once ("Khoản 1 và khoản 2 Điều 7, Điều 4, Quy chế …").
      const whole = sectionCitation(section.doc, section);
      const tail = `${whole.slice(whole.indexOf(', '))}${issuer}${says}`;
      const part = { section, clauses: clause ? [clause] : [], at: resolved.length - 1 };
      const group = citationGroups.find((g) => g.tail === tail);
      if (group) group.parts.push(part);
      else citationGroups.push({ tail, parts: [part] });
      if (section.kind === 'article' && !sharesSubject(draft.passage, section.title)) {
        warnings.push({ file, line: item.line, reason: `"${section.title}" (${item.ref}) không có từ nào chung với tiêu đề, thẻ hay câu trả lời của mục này: kiểm tra lại điều được dẫn` });
      }
    } else if (item.doc) {
      const d = known.documents.get(item.doc);
      if (!d) {
        errors.push({ file, line: item.line, reason: `nguồn "doc: ${item.doc}": chưa có trong ${DOCUMENTS_FILE} (thêm mục "id: ${item.doc}" với loại, số hiệu, ngày, cơ quan ban hành, status, checked, verified)` });
        continue;
      }
      const article = item.article ? `${item.article[0]!.toUpperCase()}${item.article.slice(1)}, ` : '';
      const unverified = d.verified === false ? ' (chưa kiểm chứng)' : '';
      const name = citedDocumentName(d);
      resolved.push({ doc: item.doc, text: `${article}${name}${says}${unverified}`, line: item.line });
      addNotice(statusNotice(shortDocumentName(d), d, nameOf));
    } else {
      const date = item.date && !item.document!.includes(item.date) ? ` ngày ${item.date}` : '';
      resolved.push({ text: `${item.document}${date}`, line: item.line });
      warnings.push({ file, line: item.line, reason: `nguồn dạng chữ tự do "document: ${item.document}" không được đối chiếu: văn bản thì dùng "ref" hoặc "doc"` });
    }
  }
  if (errors.length > before) return undefined;
  return {
    ...draft.passage,
    citation: joinCitations(resolved, citationGroups),
    summary: draft.sources.some((s) => s.summary),
    sources: resolved,
    ...(notices.length > 0 ? { notices } : {}),
  };
}

/**
 * One citation line: several parts of the same document share its name once
 * ("Khoản 1 Điều 7, khoản 2 Điều 7, Quy chế …" rather than the Quy chế's full name twice).
 */
interface CitationGroup {
  /** ", Quy chế … của Thủ tướng Chính phủ" */
  tail: string;
  /** the sections cited, their clauses (none: the whole section) and where each stands in the resolved list */
  parts: { section: NonNullable<Passage['section']>; clauses: string[]; at: number }[];
}

function joinCitations(resolved: ResolvedSource[], groups: CitationGroup[]): string {
  const texts: (string | undefined)[] = resolved.map((r) => r.text);
  for (const g of groups) {
    if (g.parts.length < 2) continue;
    // One head per section; a section cited whole and by clause is cited whole.
    const bySection = new Map<string, { section: CitationGroup['parts'][number]['section']; clauses: string[] | undefined }>();
    for (const p of g.parts) {
      const key = `${p.section.kind}:${p.section.number ?? p.section.title}`;
      const seen = bySection.get(key);
      if (!seen) bySection.set(key, { section: p.section, clauses: p.clauses.length ? [...p.clauses] : undefined });
      else if (!seen.clauses || p.clauses.length === 0) seen.clauses = undefined;
      else for (const c of p.clauses) if (!seen.clauses.includes(c)) seen.clauses.push(c);
    }
    const heads = [...bySection.values()].map(({ section, clauses }, i) => {
      const cited = sectionCitation(section.doc, section, clauses?.sort((a, b) => Number(a) - Number(b)));
      const whole = sectionCitation(section.doc, section);
      const head = cited.slice(0, cited.length - whole.length + whole.indexOf(', '));
      // "khoản" is lower case inside a list; "Điều" and "Phụ lục" keep their capital.
      return i === 0 || !/^(Khoản|Tiểu mục)/u.test(head) ? head : head[0]!.toLowerCase() + head.slice(1);
    });
    g.parts.forEach((p, i) => (texts[p.at] = i === 0 ? `${heads.join(', ')}${g.tail}` : undefined));
  }
  return texts.filter((t): t is string => t !== undefined).join('; ');
}

/** "qd-129-2007/dieu-7" or "qd-129-2007/dieu-4/khoan-1" -> the regulation, its section and the clause. */
function resolveRef(ref: string, regulations: Map<string, Regulation>): { regulation: Regulation; passage?: Passage; clause?: string } | { error: string } {
  const [docId, key, clausePart, ...rest] = ref.split('/');
  const regulation = regulations.get(docId ?? '');
  if (!regulation) return { error: `không có văn bản mã "${docId}" trong regulations/ (văn bản khác: dùng "doc" và ${DOCUMENTS_FILE})` };
  if (rest.length > 0 || key === '') return { error: 'phải có dạng <mã văn bản>, <mã văn bản>/dieu-N hoặc <mã văn bản>/dieu-N/khoan-M' };
  // The document as a whole: "qd-1718-2023-khanh-hoa".
  if (key === undefined) return { regulation };
  const passage = regulation.passages.find((p) => p.id === `${docId}/${key}`);
  if (!passage) {
    const articles = regulation.passages.filter((p) => p.section?.kind === 'article' && p.section.scope !== 'main').map((p) => p.section!.number!);
    const range = articles.length > 0 ? ` (có Điều ${articles[0]} đến Điều ${articles[articles.length - 1]})` : '';
    return { error: `${regulation.name} không có "${key}"${range}` };
  }
  if (clausePart === undefined) return { regulation, passage };
  const clause = /^khoan-(\d+)$/.exec(clausePart)?.[1];
  if (!clause) return { error: `"${clausePart}" phải có dạng khoan-M` };
  const clauses = splitClauses(passage.body).clauses;
  if (!clauses.some((c) => c.number === clause)) {
    return { error: `${passage.section!.title} không có khoản ${clause} (có ${clauses.length} khoản)` };
  }
  return { regulation, passage, clause };
}

/** Words too common in this field to say what an article is about. */
const GENERIC_TITLE_WORDS = new Set(['dieu', 'cac', 'va', 'cua', 'voi', 'can', 'bo', 'cong', 'chuc', 'vien', 'thuc', 'hien', 'quy', 'dinh']);

/** Does the entry (title, tags, questions, answer) name anything the article's title is about? */
function sharesSubject(entry: FaqDraft['passage'], articleTitle: string): boolean {
  const titleWords = words(articleTitle.replace(/^Điều\s+\S+\.?\s*/u, '')).map(foldedWord).filter((w) => w.length > 1 && !GENERIC_TITLE_WORDS.has(w));
  if (titleWords.length === 0) return true;
  const subject = new Set(words([entry.title, ...entry.tags, ...entry.questions, entry.body].join(' ')).map(foldedWord));
  return titleWords.some((w) => subject.has(w));
}

/** Folded words, remembered: a knowledge base repeats its words, and folding one is not free. */
const foldedWords = new Map<string, string>();
function foldedWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    if (foldedWords.size > 100_000) foldedWords.clear();
    foldedWords.set(word, (folded = fold(word).toLowerCase()));
  }
  return folded;
}

