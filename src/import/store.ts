import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseFrontMatter } from '../knowledge/front-matter.js';
import { parseLegalStructure, type LegalStructure } from '../knowledge/legal-structure.js';
import { parseRegulation } from '../knowledge/load.js';
import { vnDay } from '../text/dates.js';
import { writeAtomic as writeKnowledgeFile } from '../store/atomic.js';
import { formatError, type KnowledgeError } from '../knowledge/types.js';
import { convertLines, regulationId, type RegulationMeta } from './convert.js';
import { ImportError } from './errors.js';
import { numberKey } from './header.js';
import { DEFAULT_LIMITS, LIMIT_TEXTS, type ImportLimits } from './limits.js';
import { readDocument, type ReadDocument } from './read.js';
import { prepareInWorker } from './sandbox.js';

export const REGULATIONS_DIR = 'regulations';

/** A converted document, validated, ready to be written (nothing is written yet). */
export interface PreparedImport {
  /** the file name it came from */
  source: string;
  format: ReadDocument['format'];
  meta: RegulationMeta & { id: string };
  structure: Pick<LegalStructure, 'counts' | 'appendices' | 'divisions' | 'numbering'> & {
    /** passages (articles, headings, appendices) the loader makes of it */
    sections: number;
    /** articles of the decision itself, when it carries an attached Quy chế/Đề án */
    mainArticles: number;
    /** number of the first and last article (of the attachment, when there is one) */
    firstArticle?: string;
    lastArticle?: string;
  };
  /** what was taken out of the text: signature blocks, recipients, the adoption sentence */
  stripped: string[];
  /** header fields that could not be read */
  missing: string[];
  /** lines of a hard-wrapped text joined back into their paragraph or heading */
  unwrapped: number;
  knowledgeDir: string;
  /** path of the regulation file, relative to the knowledge directory (posix) */
  relativePath: string;
  /** true when a file with the same number is replaced */
  replaces: boolean;
  /** the regulation file's full text */
  content: string;
  warnings: string[];
}

interface ExistingRegulation {
  relativePath: string;
  id?: string;
  number?: string;
}

async function existingRegulations(knowledgeDir: string): Promise<ExistingRegulation[]> {
  const dir = path.join(knowledgeDir, REGULATIONS_DIR);
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: ExistingRegulation[] = [];
  for (const name of names.filter((n) => n.endsWith('.md') && path.basename(n).toLowerCase() !== 'readme.md').sort()) {
    const relativePath = path.posix.join(REGULATIONS_DIR, name.split(path.sep).join('/'));
    let text: string;
    try {
      text = await readFile(path.join(knowledgeDir, relativePath), 'utf8');
    } catch {
      continue;
    }
    const parsed = parseFrontMatter(relativePath, text);
    if ('error' in parsed) {
      out.push({ relativePath });
      continue;
    }
    const d = parsed.ok.data;
    const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : undefined);
    out.push({ relativePath, id: s(d.id), number: s(d.number) });
  }
  return out;
}

/** The regulation file's text: YAML front matter in the loader's format, then the body. */
export function regulationFile(meta: RegulationMeta & { id: string }, body: string, imported: string): string {
  const front: Record<string, string> = { id: meta.id, type: meta.type };
  if (meta.number) front.number = meta.number;
  if (meta.date) front.date = meta.date;
  if (meta.issuer) front.issuer = meta.issuer;
  front.title = meta.title;
  if (meta.attachment) front.attachment = meta.attachment;
  if (meta.adopted) front.adopted = meta.adopted;
  front.imported = imported;
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${body.trim()}\n`;
}

export interface PrepareOptions {
  now?: Date;
  limits?: ImportLimits;
  /** called when the worker has started reading the file (tests watch the main thread meanwhile) */
  onReading?: () => void;
}

/**
 * Reads and converts a document and checks the result with the knowledge loader, in a
 * worker thread under `limits` (see limits.ts). The regulation with the same number (or,
 * for a document without a number, the same id) is the one replaced; otherwise a new file
 * regulations/<id>.md. Throws ImportError; writes nothing.
 */
export function prepareImport(knowledgeDir: string, fileName: string, data: Uint8Array, options: PrepareOptions = {}): Promise<PreparedImport> {
  return prepareInWorker({ knowledgeDir, fileName, data, now: options.now?.getTime(), limits: options.limits ?? DEFAULT_LIMITS }, options.onReading);
}

/** prepareImport's work, on the calling thread (the worker runs this). */
export async function prepareImportHere(knowledgeDir: string, fileName: string, data: Uint8Array, options: { now?: Date; limits?: ImportLimits } = {}): Promise<PreparedImport> {
  const source = path.basename(fileName);
  const doc = await readDocument(data, source, options.limits);
  const conversion = convertLines(doc.lines, doc.format);
  const { meta, body } = conversion;
  const existing = await existingRegulations(knowledgeDir);
  const newId = meta.id ?? regulationId(meta.type, meta.number, meta.date, meta.title);
  const same = existing.find((e) => (meta.number ? e.number !== undefined && numberKey(e.number) === numberKey(meta.number) : e.number === undefined && e.id === newId));
  let id: string;
  let relativePath: string;
  if (same) {
    id = same.id ?? newId;
    relativePath = same.relativePath;
  } else {
    const taken = (candidate: string) =>
      existing.some((e) => e.id === candidate || e.relativePath === path.posix.join(REGULATIONS_DIR, `${candidate}.md`));
    id = newId;
    for (let n = 2; taken(id); n++) id = `${newId}-${n}`;
    relativePath = path.posix.join(REGULATIONS_DIR, `${id}.md`);
  }
  const full = { ...meta, id };
  const content = regulationFile(full, body, `${vnDay(options.now ?? new Date())} từ tệp ${source}`);

  const errors: KnowledgeError[] = [];
  const result = parseRegulation(relativePath, content, errors);
  if (!result || errors.length > 0) {
    const shown = errors.slice(0, 5).map(formatError).join('; ');
    throw new ImportError(`Văn bản chuyển đổi xong nhưng không hợp lệ, chưa ghi gì: ${shown}`);
  }
  const structure = parseLegalStructure(body);
  const articles = structure.sections.filter((s) => s.kind === 'article' && s.scope !== 'main');
  return {
    source,
    format: doc.format,
    meta: full,
    structure: {
      counts: structure.counts,
      appendices: structure.appendices,
      divisions: structure.divisions,
      numbering: structure.numbering,
      sections: result.passages.length,
      mainArticles: structure.sections.filter((s) => s.kind === 'article' && s.scope === 'main').length,
      firstArticle: articles[0]?.number,
      lastArticle: articles[articles.length - 1]?.number,
    },
    stripped: conversion.stripped,
    missing: conversion.missing,
    unwrapped: conversion.unwrapped,
    knowledgeDir,
    relativePath,
    replaces: same !== undefined,
    content,
    warnings: [...doc.warnings, ...conversion.warnings],
  };
}

/** Knowledge files: atomic and durable (see store/atomic), readable by the people running the bot. */
export function writeAtomic(file: string, content: string): Promise<void> {
  return writeKnowledgeFile(file, content, { mode: 0o644 });
}

export interface CommittedImport {
  /** absolute path of the written file */
  path: string;
  replaced: boolean;
  /** puts back what was there before (the replaced file, or nothing) */
  undo(): Promise<void>;
}

/** Writes a prepared import (atomically); `undo` restores the previous state. */
export async function commitImport(prepared: PreparedImport): Promise<CommittedImport> {
  const file = path.join(prepared.knowledgeDir, ...prepared.relativePath.split('/'));
  let previous: string | undefined;
  try {
    previous = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await writeAtomic(file, prepared.content);
  return {
    path: file,
    replaced: previous !== undefined,
    undo: async () => {
      if (previous !== undefined) await writeAtomic(file, previous);
      else await rm(file, { force: true });
    },
  };
}

/** Reads a document from disk, converts and writes it. */
export async function importFile(knowledgeDir: string, filePath: string, options: { dryRun?: boolean; now?: Date; limits?: ImportLimits } = {}): Promise<PreparedImport & { written?: CommittedImport }> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  let data: Uint8Array;
  try {
    // The size is checked before the file is read into memory.
    const { size } = await stat(filePath);
    if (size > limits.maxInputBytes) throw new ImportError(LIMIT_TEXTS.input(size, limits));
    data = await readFile(filePath);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportError(code === 'ENOENT' ? `Không có tệp ${filePath}.` : `Không mở được tệp ${filePath} (${code ?? (e as Error).message}).`);
  }
  const prepared = await prepareImport(knowledgeDir, filePath, data, options);
  if (options.dryRun) return prepared;
  return { ...prepared, written: await commitImport(prepared) };
}
