import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildIndex } from '../../src/app/engine.js';
import { loadKnowledge, parseRegulation } from '../../src/knowledge/load.js';
import { KnowledgeInvalidError, type Knowledge, type KnowledgeError } from '../../src/knowledge/types.js';
import type { SearchIndex } from '../../src/search/index.js';
import { parseLabelledSet, type LabelledQuestion } from './evaluation.js';

/** Fictional regulations the eval adds to the knowledge base (never part of knowledge/, so never answered from). */
export const EVAL_DOCUMENTS_DIR = 'test/eval/documents';

/**
 * The labelled sets: tuning sets calibrate the model, held-out sets only report. Each is
 * scored against the knowledge its labels were written for: the FAQ sets against knowledge/
 * alone (their "out of scope" means "knowledge/ does not say it"; a fictional province's
 * rules stating leave days would make such a label false), the document sets against
 * knowledge/ plus the fictional documents.
 */
export const EVAL_SETS = {
  'faq-tuning': { files: ['test/eval/questions.jsonl', 'test/eval/added/faq-tuning.jsonl', 'test/eval/added/smalltalk-tuning.jsonl'], documents: false },
  'faq-holdout': { files: ['test/eval/holdout.jsonl', 'test/eval/added/faq-holdout.jsonl'], documents: false },
  'documents-tuning': { files: ['test/eval/documents-tuning.jsonl', 'test/eval/added/documents-tuning.jsonl'], documents: true },
  'documents-holdout': { files: ['test/eval/documents-holdout.jsonl', 'test/eval/added/documents-holdout.jsonl'], documents: true },
  // a blind set of November 2026, scored once then; reported since as one more held-out set
  'faq-blind-2026-11': { files: ['test/eval/blind.jsonl'], documents: false },
} as const satisfies Record<string, EvalSet>;
export type EvalSetName = keyof typeof EVAL_SETS;
export const TUNING_SETS = ['faq-tuning', 'documents-tuning'] as const satisfies readonly EvalSetName[];

export interface EvalSet {
  /** JSONL files, read in order (a missing one is skipped: an added batch may not exist yet) */
  files: readonly string[];
  /** scored with the fictional documents loaded */
  documents: boolean;
}

/** The labelled questions of a set, from each of its files (a missing file is skipped: an added batch may not exist yet). */
export async function loadEvalSet(set: EvalSet): Promise<LabelledQuestion[]> {
  const items: LabelledQuestion[] = [];
  for (const file of set.files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    items.push(...parseLabelledSet(text, file));
  }
  return items;
}

/**
 * knowledge/ plus the fictional documents, as one knowledge base. A blind set's own documents
 * come as a further folder, loaded for its scoring run only (never for calibration).
 */
export async function loadEvalKnowledge(knowledgeDir: string, documentsDirs: string[] = [EVAL_DOCUMENTS_DIR]): Promise<Knowledge> {
  const knowledge = await loadKnowledge(knowledgeDir);
  const errors: KnowledgeError[] = [];
  const files: string[] = [];
  // A folder named twice (`--documents test/eval/documents`) is read once: duplicated passages would change the scores.
  const dirs = documentsDirs.filter((d, i) => documentsDirs.findIndex((o) => path.resolve(o) === path.resolve(d)) === i);
  for (const dir of dirs) {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort();
    files.push(...names.map((name) => path.posix.join(dir, name)));
  }
  for (const file of files) {
    const parsed = parseRegulation(file, await readFile(file, 'utf8'), errors);
    if (parsed) {
      knowledge.passages.push(...parsed.passages);
      knowledge.regulationCount++;
    }
  }
  if (errors.length > 0) throw new KnowledgeInvalidError(errors);
  return knowledge;
}

/** The two knowledge bases the sets are scored against, and every passage id either holds. */
export interface EvalIndexes {
  /** knowledge/ alone */
  plain: SearchIndex;
  /** knowledge/ plus the fictional documents (and a blind set's own) */
  documents: SearchIndex;
  ids: Set<string>;
}

export async function openEvalIndexes(knowledgeDir: string, extraDocumentsDirs: string[] = []): Promise<EvalIndexes> {
  const plain = await loadEvalKnowledge(knowledgeDir, []);
  const withDocuments = await loadEvalKnowledge(knowledgeDir, [EVAL_DOCUMENTS_DIR, ...extraDocumentsDirs]);
  return { plain: buildIndex(plain), documents: buildIndex(withDocuments), ids: new Set(withDocuments.passages.map((p) => p.id)) };
}

/** The index a set is scored against. */
export function indexFor(indexes: EvalIndexes, set: EvalSet): SearchIndex {
  return set.documents ? indexes.documents : indexes.plain;
}
