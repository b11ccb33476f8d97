import path from 'node:path';
import { ImportError } from './errors.js';
import { DEFAULT_LIMITS, LIMIT_TEXTS, type ImportLimits } from './limits.js';
import { looksLegacyEncoded, normalizeLine } from './lines.js';

export const IMPORTABLE_EXTENSIONS = ['.docx', '.doc', '.pdf', '.html', '.htm', '.md', '.txt'] as const;

export interface ReadDocument {
  format: 'docx' | 'doc' | 'pdf' | 'html' | 'md' | 'txt';
  /** normalized lines of the document's text ("" marks a blank line of a text file: a paragraph break) */
  lines: string[];
  warnings: string[];
}

export function formatOf(fileName: string): ReadDocument['format'] | undefined {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.htm') return 'html';
  return (IMPORTABLE_EXTENSIONS as readonly string[]).includes(ext) ? (ext.slice(1) as ReadDocument['format']) : undefined;
}

function utf8(data: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportError(`${what} không phải mã UTF-8: hãy lưu lại với bảng mã Unicode (UTF-8) rồi gửi lại.`);
  }
}

/** Lines of a text file, blank lines kept as "" (they separate paragraphs). */
function textLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n').map(normalizeLine);
}

/** Reads a document by its type into normalized text lines; a document that has no readable text is refused. */
export async function readDocument(data: Uint8Array, fileName: string, limits: ImportLimits = DEFAULT_LIMITS): Promise<ReadDocument> {
  const format = formatOf(fileName);
  if (!format) {
    const ext = path.extname(fileName).toLowerCase();
    throw new ImportError(`Không hỗ trợ loại tệp "${ext || fileName}": chỉ nhận ${IMPORTABLE_EXTENSIONS.join(', ')}.`);
  }
  if (data.length === 0) throw new ImportError('Tệp rỗng (0 byte).');
  if (data.length > limits.maxInputBytes) throw new ImportError(LIMIT_TEXTS.input(data.length, limits));
  let lines: string[];
  let warnings: string[] = [];
  // Each reader (and its library) is loaded when a file of its kind first comes: the bot's process never loads them.
  if (format === 'docx') ({ lines, warnings } = await (await import('./docx.js')).docxLines(data, limits));
  else if (format === 'pdf') ({ lines, warnings } = await (await import('./pdf.js')).pdfLines(data, limits));
  else if (format === 'doc') lines = await (await import('./doc.js')).docLines(data);
  else if (format === 'html') lines = (await import('./html.js')).htmlLines(utf8(data, 'Trang HTML'));
  else lines = textLines(utf8(data, 'Tệp văn bản'));
  const chars = lines.reduce((n, l) => n + l.length, 0);
  if (chars > limits.maxTextChars) throw new ImportError(LIMIT_TEXTS.text(limits));
  const text = lines.join('\n');
  if (text.replace(/\s/g, '').length < 40) throw new ImportError('Văn bản không có nội dung chữ đọc được (tệp trống hoặc chỉ có hình ảnh).');
  if (looksLegacyEncoded(text)) {
    throw new ImportError(
      'Văn bản dùng bảng mã cũ (TCVN3/VNI, phông .VnTime…) nên chữ tiếng Việt đọc ra bị lỗi. Hãy chuyển sang Unicode (ví dụ Unikey: Công cụ chuyển mã) rồi gửi lại.',
    );
  }
  return { format, lines, warnings };
}
