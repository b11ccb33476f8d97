import type { KnowledgeError } from './types.js';
import { readYaml } from './yaml.js';

/** A Markdown file split into its YAML front matter and body, with line numbers kept. */
export interface FrontMatterFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts */
  bodyLine: number;
  /** 1-based line of a top-level key, or of the front matter start when absent */
  lineOf(key: string): number;
  /** 1-based line of each item of a top-level list ("source:\n  - ref: …"); the key's line for a single value */
  itemLines(key: string): number[];
}

/**
 * Parses "---\n<yaml>\n---\n<body>". Errors carry the file's own line numbers,
 * so an admin can jump straight to the problem.
 */
export function parseFrontMatter(file: string, text: string): { ok: FrontMatterFile } | { error: KnowledgeError } {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!source.startsWith('---\n')) {
    return { error: { file, line: 1, reason: 'thiếu phần đầu YAML (tệp phải bắt đầu bằng dòng "---")' } };
  }
  const end = source.indexOf('\n---', 3);
  if (end < 0 || (source[end + 4] !== undefined && source[end + 4] !== '\n')) {
    return { error: { file, line: 1, reason: 'phần đầu YAML không có dòng "---" đóng lại' } };
  }
  const yamlText = source.slice(4, end + 1);
  const read = readYaml(yamlText);
  // Lines of the YAML text, which starts on the file's second line.
  if ('error' in read) return { error: { file, line: read.error.line + 1, reason: `YAML sai cú pháp: ${read.error.message}` } };
  const data = read.ok.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { error: { file, line: 2, reason: 'phần đầu YAML phải là các cặp "khóa: giá trị"' } };
  }
  const bodyLine = source.slice(0, end + 4).split('\n').length + 1;
  const { keyLineOf, lineOf: nodeLineOf } = read.ok;
  const lineOf = (key: string): number => {
    const line = keyLineOf([key]);
    return line === undefined ? 1 : line + 1;
  };
  const itemLines = (key: string): number[] => {
    const value = (data as Record<string, unknown>)[key];
    if (!Array.isArray(value)) return [lineOf(key)];
    return value.map((_, i) => {
      const line = nodeLineOf([key, i]);
      return line === undefined ? lineOf(key) : line + 1;
    });
  };
  return { ok: { data: data as Record<string, unknown>, body: source.slice(end + 4).replace(/^\n/, ''), bodyLine, lineOf, itemLines } };
}

/** A front-matter value as text: a number as written, a string trimmed; anything else, or blank, is undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
