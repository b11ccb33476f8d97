import type { LexiconData } from '../text/analyzer.js';
import type { DocumentInfo, LegalSection } from './legal-structure.js';

/** One answerable unit: an FAQ entry or one article (Điều) of a regulation. */
export interface Passage {
  /** FAQ id, or "<document id>/dieu-5" for an article */
  id: string;
  kind: 'faq' | 'regulation';
  /** FAQ title, or "Điều 5. Các hành vi bị cấm" */
  title: string;
  /** ways the question is asked (FAQ only) */
  questions: string[];
  tags: string[];
  topic?: string;
  /** answer (Markdown) or article text */
  body: string;
  /** where the answer comes from, ready to show: "Điều 8, Quy chế … (Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007)" */
  citation: string;
  /** true when the text summarises the source rather than quoting it */
  summary: boolean;
  /** file it was read from, relative to the knowledge directory */
  file: string;
  /** regulations: the document and the section, to cite one clause of it ("Khoản 2 Điều 5, …") */
  section?: { doc: DocumentInfo } & Pick<LegalSection, 'kind' | 'number' | 'title' | 'scope'>;
  /** FAQ: each source as written, resolved ("qd-129-2007/dieu-7", "luat-44-2019") */
  sources?: ResolvedSource[];
  /** what the asker must know about the sources' validity: "Nghị định … đã được thay thế bởi …" */
  notices?: string[];
}

/** in_force: đang có hiệu lực; amended: đã được sửa đổi, bổ sung một phần; replaced: đã được thay thế; expired: đã hết hiệu lực. */
export type DocumentStatusKind = 'in_force' | 'amended' | 'replaced' | 'expired' | 'unknown';

/** Whether a document still applies, and when that was last checked. */
export interface DocumentStatus {
  status: DocumentStatusKind;
  /** the replacing (or amending) document, in full form */
  replacedBy?: string;
  /** the date the replacement or expiry took effect: "1/7/2025" */
  from?: string;
  /** the date the status was last checked: "2026-12-02" */
  checked?: string;
}

/** A document cited by FAQ entries but not held in knowledge/regulations (knowledge/documents.yaml). */
export interface CitedDocument extends DocumentStatus {
  id: string;
  /** "Luật", "Quyết định", "Đề án", "Bài viết" … */
  type: string;
  number?: string;
  title?: string;
  date?: string;
  issuer?: string;
  /** what states these details (a seed file, a public URL read), or false: then it is shown as unverified */
  verified: string | false;
  /** where it is described: documents.yaml and its line */
  line: number;
}

/** One source of an FAQ entry, as resolved by the loader. */
export interface ResolvedSource {
  /** "qd-129-2007/dieu-7" for an article of a regulation file */
  ref?: string;
  /** an id in documents.yaml */
  doc?: string;
  /** the citation text shown to users */
  text: string;
  /** the line of the entry's source list it was written on */
  line: number;
}

/** A problem in a knowledge file, precise enough to fix without guessing. */
export interface KnowledgeError {
  file: string;
  line: number;
  reason: string;
}

export interface Knowledge {
  passages: Passage[];
  lexicon: LexiconData;
  faqCount: number;
  /** number of regulation documents (each gives several passages) */
  regulationCount: number;
  /** documents cited but not held (knowledge/documents.yaml) */
  documents?: Map<string, CitedDocument>;
  /** problems worth a look that do not stop loading (a citation whose article's title shares nothing with the entry) */
  warnings?: KnowledgeError[];
}

export function formatError(e: KnowledgeError): string {
  return e.line > 0 ? `${e.file}:${e.line}: ${e.reason}` : `${e.file}: ${e.reason}`;
}

export class KnowledgeInvalidError extends Error {
  constructor(readonly errors: KnowledgeError[]) {
    super(`Kho tri thức có ${errors.length} lỗi:\n` + errors.map(formatError).join('\n'));
    this.name = 'KnowledgeInvalidError';
  }
}

/** A regulation file: its passages, the name it is cited by, its issuer and validity. */
export interface Regulation {
  id: string;
  passages: Passage[];
  /** "Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007 của Thủ tướng Chính phủ" */
  name: string;
  /** with the attached Quy chế / Đề án: "Quy chế … ban hành kèm theo Quyết định số …" */
  fullName: string;
  /** "Quyết định số 129/2007/QĐ-TTg", for notices */
  shortName: string;
  issuer?: string;
  status?: DocumentStatus;
}
