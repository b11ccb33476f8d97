import path from 'node:path';
import { docxLines } from './docx.js';
import { ImportError } from './errors.js';
import { looksLegacyEncoded, normalizeLines } from './lines.js';
import { pdfLines } from './pdf.js';

export const IMPORTABLE_EXTENSIONS = ['.docx', '.pdf', '.md', '.txt'] as const;

export interface ReadDocument {
  format: 'docx' | 'pdf' | 'md' | 'txt';
  /** normalized, non-empty lines of the document's text */
  lines: string[];
  warnings: string[];
}

export function formatOf(fileName: string): ReadDocument['format'] | undefined {
  const ext = path.extname(fileName).toLowerCase();
  return (IMPORTABLE_EXTENSIONS as readonly string[]).includes(ext) ? (ext.slice(1) as ReadDocument['format']) : undefined;
}

/** Reads a document by its type into normalized text lines; a document that has no readable text is refused. */
export async function readDocument(data: Uint8Array, fileName: string): Promise<ReadDocument> {
  const format = formatOf(fileName);
  if (!format) {
    const ext = path.extname(fileName).toLowerCase();
    if (ext === '.doc') throw new ImportError('Định dạng .doc (Word 97–2003) chưa được hỗ trợ: hãy mở bằng Word và lưu lại thành .docx.');
    throw new ImportError(`Không hỗ trợ loại tệp "${ext || fileName}": chỉ nhận ${IMPORTABLE_EXTENSIONS.join(', ')}.`);
  }
  if (data.length === 0) throw new ImportError('Tệp rỗng (0 byte).');
  let lines: string[];
  let warnings: string[] = [];
  if (format === 'docx') ({ lines, warnings } = await docxLines(data));
  else if (format === 'pdf') ({ lines, warnings } = await pdfLines(data));
  else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      throw new ImportError('Tệp văn bản không phải mã UTF-8: hãy lưu lại với bảng mã Unicode (UTF-8) rồi gửi lại.');
    }
    lines = normalizeLines(text.replace(/^\uFEFF/, ''));
  }
  const text = lines.join('\n');
  if (text.replace(/\s/g, '').length < 40) throw new ImportError('Văn bản không có nội dung chữ đọc được (tệp trống hoặc chỉ có hình ảnh).');
  if (looksLegacyEncoded(text)) {
    throw new ImportError(
      'Văn bản dùng bảng mã cũ (TCVN3/VNI, phông .VnTime…) nên chữ tiếng Việt đọc ra bị lỗi. Hãy chuyển sang Unicode (ví dụ Unikey: Công cụ chuyển mã) rồi gửi lại.',
    );
  }
  return { format, lines, warnings };
}
