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
