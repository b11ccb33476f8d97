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
 * Blind sets already scored once (their first score is in their README and the main README):
 * labelled questions like any other since, they join the tuning sets; each documents file is
 * about the documents of its own folder.
 */
const USED_BLIND_SETS = ['test/eval/blind-2026-12', 'test/eval/blind-2026-12b', 'test/eval/blind-2026-12c', 'test/eval/blind-2026-12d'];
const USED_BLIND_DOCUMENTS = [...USED_BLIND_SETS, 'test/eval/blind-2026-12e', 'test/eval/blind-2026-12f', 'test/eval/blind-2026-12h', 'test/eval/blind-2026-12i', 'test/eval/blind-2026-12j', 'test/eval/blind-2026-12k', 'test/eval/blind-2026-12l', 'test/eval/blind-2026-12m'];

/**
 * The labelled sets: tuning sets calibrate the model, held-out sets only report. Each is
 * scored against the knowledge its labels were written for: the FAQ sets against knowledge/
 * alone (their "out of scope" means "knowledge/ does not say it"; a fictional province's
 * rules stating leave days would make such a label false), the document sets against
 * knowledge/ plus the fictional documents.
 */
export const EVAL_SETS = {
  'faq-tuning': {
    files: ['test/eval/questions.jsonl', 'test/eval/added/faq-tuning.jsonl', 'test/eval/added/smalltalk-tuning.jsonl', ...USED_BLIND_SETS.map((dir) => `${dir}/faq.jsonl`)],
    documents: false,
  },
  'faq-holdout': { files: ['test/eval/holdout.jsonl', 'test/eval/added/faq-holdout.jsonl'], documents: false },
  'documents-tuning': {
    files: ['test/eval/documents-tuning.jsonl', 'test/eval/added/documents-tuning.jsonl', ...USED_BLIND_DOCUMENTS.map((dir) => ({ file: `${dir}/documents.jsonl`, documents: `${dir}/documents` }))],
    documents: true,
  },
  'documents-holdout': { files: ['test/eval/documents-holdout.jsonl', 'test/eval/added/documents-holdout.jsonl'], documents: true },
  // a blind set of November 2026, scored once then; reported since as one more held-out set
  'faq-blind-2026-11': { files: ['test/eval/blind.jsonl'], documents: false },
} as const satisfies Record<string, EvalSet>;
export type EvalSetName = keyof typeof EVAL_SETS;
export const TUNING_SETS = ['faq-tuning', 'documents-tuning'] as const satisfies readonly EvalSetName[];

export interface EvalSet {
  /**
   * JSONL files, read in order (a missing one is skipped: an added batch may not exist yet); a
   * file about documents of its own names their folder, loaded beside the set's knowledge for it
   */
  files: readonly (string | { file: string; documents: string })[];
  /** scored with the fictional documents loaded */
  documents: boolean;
}

/** A set's file entry, its own documents folder (if any) named. */
export function fileEntry(entry: EvalSet['files'][number]): { file: string; documents?: string } {
  return typeof entry === 'string' ? { file: entry } : entry;
}

/** The labelled questions of a set, from each of its files (a missing file is skipped: an added batch may not exist yet). */
export async function loadEvalSet(set: EvalSet): Promise<LabelledQuestion[]> {
  const items: LabelledQuestion[] = [];
  for (const entry of set.files) {
    const { file, documents } = fileEntry(entry);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    items.push(...parseLabelledSet(text, file).map((item) => (documents ? { ...item, documents } : item)));
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
  /** the same plus the documents of a set's own folder, by folder */
  own: Map<string, SearchIndex>;
  ids: Set<string>;
}

export async function openEvalIndexes(knowledgeDir: string, extraDocumentsDirs: string[] = []): Promise<EvalIndexes> {
  const plain = await loadEvalKnowledge(knowledgeDir, []);
  const withDocuments = await loadEvalKnowledge(knowledgeDir, [EVAL_DOCUMENTS_DIR, ...extraDocumentsDirs]);
  const ids = new Set(withDocuments.passages.map((p) => p.id));
  const own = new Map<string, SearchIndex>();
  for (const set of Object.values(EVAL_SETS) as EvalSet[]) {
    for (const entry of set.files) {
      if (typeof entry === 'string' || own.has(entry.documents)) continue;
      const knowledge = await loadEvalKnowledge(knowledgeDir, [EVAL_DOCUMENTS_DIR, ...extraDocumentsDirs, entry.documents]);
      for (const p of knowledge.passages) ids.add(p.id);
      own.set(entry.documents, buildIndex(knowledge));
    }
  }
  return { plain: buildIndex(plain), documents: buildIndex(withDocuments), own, ids };
}

/** The index a question of a set is scored against. */
export function indexFor(indexes: EvalIndexes, set: EvalSet, item?: LabelledQuestion): SearchIndex {
  if (item?.documents) return indexes.own.get(item.documents)!;
  return set.documents ? indexes.documents : indexes.plain;
}
