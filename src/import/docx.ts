import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { ImportError } from './errors.js';
import { LIMIT_TEXTS, type ImportLimits } from './limits.js';
import { normalizeLine } from './lines.js';

/** Compound File Binary (OLE2): Word 97–2003 .doc, or an encrypted (password-protected) .docx. */
function isOle2(data: Uint8Array): boolean {
  return data.length >= 8 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'tr', 'table', 'ol', 'ul', 'blockquote', 'div']);

/**
 * mammoth's HTML (paragraphs, headings, lists, tables) as text lines: one paragraph or table
 * cell paragraph per line, cells left to right. Word's automatic numbering is lost in the
 * HTML (only "ordered list" survives), so list items get "1.", nested ones "a)".
 */
export function htmlToLines(html: string): { lines: string[]; autoNumbered: boolean } {
  const lines: string[] = [];
  const lists: { ordered: boolean; count: number }[] = [];
  let line = '';
  let prefix = '';
  let autoNumbered = false;
  const flush = () => {
    const text = normalizeLine(line);
    if (text) lines.push(prefix + text);
    if (text) prefix = '';
    line = '';
  };
  for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]+)[^>]*>|([^<]+)/g)) {
    if (m[3] !== undefined) {
      line += decodeEntities(m[3]).replace(/[\r\n]+/g, ' ');
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (tag === 'br') {
      flush();
      continue;
    }
    if (!BLOCKS.has(tag)) continue;
    flush();
    if (tag === 'ol' || tag === 'ul') {
      if (closing) lists.pop();
      else lists.push({ ordered: tag === 'ol', count: 0 });
    } else if (tag === 'li' && !closing) {
      const list = lists[lists.length - 1];
      if (!list) continue;
      list.count++;
      if (!list.ordered) prefix = '- ';
      else {
        autoNumbered = true;
        const depth = lists.filter((l) => l.ordered).length;
        prefix = depth === 1 ? `${list.count}. ` : depth === 2 ? `${String.fromCharCode(96 + Math.min(list.count, 26))}) ` : '- ';
      }
    }
  }
  flush();
  return { lines, autoNumbered };
}

/** What the zip's directory says its parts unzip to (nothing is unzipped); undefined when it is not a zip. */
function unzippedSize(data: Uint8Array): number | undefined {
  let total = 0;
  try {
    unzipSync(data, {
      filter: (file) => {
        total += file.originalSize;
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return total;
}

export async function docxLines(data: Uint8Array, limits: ImportLimits): Promise<{ lines: string[]; warnings: string[] }> {
  if (isOle2(data)) {
    throw new ImportError('Tệp Word này có mật khẩu hoặc là định dạng .doc cũ (Word 97–2003). Hãy gỡ mật khẩu hoặc mở bằng Word và lưu lại thành .docx rồi gửi lại.');
  }
  // A decompression bomb is refused before anything is unzipped (a zip that lies about its sizes meets the worker's memory limit).
  const unzipped = unzippedSize(data);
  if (unzipped !== undefined && unzipped > limits.maxUnzippedBytes) throw new ImportError(LIMIT_TEXTS.unzipped(unzipped, limits));
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(data) })).value;
  } catch {
    throw new ImportError('Không đọc được tệp Word: tệp bị hỏng hoặc không phải định dạng .docx. Hãy mở bằng Word, lưu lại thành .docx rồi gửi lại.');
  }
  const { lines, autoNumbered } = htmlToLines(html);
  const warnings = autoNumbered ? ['Văn bản dùng đánh số tự động của Word: số khoản (1., 2.) và điểm (a), b)) đã được đánh lại, hãy kiểm tra lại.'] : [];
  return { lines, warnings };
}
