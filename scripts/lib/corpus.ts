import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildIndex } from '../../src/app/engine.js';
import { loadKnowledge, parseRegulation } from '../../src/knowledge/load.js';
import { KnowledgeInvalidError, type Knowledge, type KnowledgeError } from '../../src/knowledge/types.js';
import type { SearchIndex } from '../../src/search/index.js';

/** Fictional regulations the eval adds to the knowledge base (never part of knowledge/, so never answered from). */
export const EVAL_DOCUMENTS_DIR = 'test/eval/documents';

/** The labelled sets: tuning sets calibrate the model, held-out sets only report. */
export const EVAL_SETS = {
  'faq-tuning': 'test/eval/questions.jsonl',
  'faq-holdout': 'test/eval/holdout.jsonl',
  'documents-tuning': 'test/eval/documents-tuning.jsonl',
  'documents-holdout': 'test/eval/documents-holdout.jsonl',
  'faq-blind': 'test/eval/blind.jsonl',
} as const;
export const TUNING_SETS = ['faq-tuning', 'documents-tuning'] as const;

/**
 * knowledge/ plus the fictional documents, as one knowledge base. A blind set's own documents
 * come as a further folder, loaded for its scoring run only (never for calibration).
 */
export async function loadEvalKnowledge(knowledgeDir: string, documentsDirs: string[] = [EVAL_DOCUMENTS_DIR]): Promise<Knowledge> {
  const knowledge = await loadKnowledge(knowledgeDir);
  const errors: KnowledgeError[] = [];
  const files: string[] = [];
  for (const dir of documentsDirs) {
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

export async function openEvalIndex(knowledgeDir: string, extraDocumentsDirs: string[] = []): Promise<{ knowledge: Knowledge; index: SearchIndex }> {
  const knowledge = await loadEvalKnowledge(knowledgeDir, [EVAL_DOCUMENTS_DIR, ...extraDocumentsDirs]);
  return { knowledge, index: buildIndex(knowledge) };
}
