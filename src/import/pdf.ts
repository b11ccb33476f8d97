import { extractTextItems, getDocumentProxy } from 'unpdf';
import { isArticleLine, isAppendixLine, isChapterLine, ATTACHMENT_MARKER } from '../knowledge/legal-structure.js';
import { ImportError } from './errors.js';
import { LIMIT_TEXTS, type ImportLimits } from './limits.js';
import { isCaps, normalizeLine, startsLower } from './lines.js';

/** A line of a PDF page, as laid out. */
interface Line {
  page: number;
  y: number;
  x: number;
  right: number;
  size: number;
  text: string;
  /** one of several columns on the same row (the header's two blocks, the signature block) */
  column: boolean;
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** Items of one page as lines: rows by baseline, a row split where a wide gap separates columns. */
function pageLines(items: Item[], page: number): Line[] {
  const words = items.filter((i) => i.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const item of words) {
    const row = rows[rows.length - 1];
    const size = item.fontSize || 10;
    if (row && Math.abs(row[0]!.y - item.y) <= Math.max(1, size * 0.4)) row.push(item);
    else rows.push([item]);
  }
  const out: Line[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    const segments: Item[][] = [];
    for (const item of row) {
      const seg = segments[segments.length - 1];
      const last = seg?.[seg.length - 1];
      const size = item.fontSize || 10;
      if (seg && last && item.x - (last.x + last.width) < size * 2.5) seg.push(item);
      else segments.push([item]);
    }
    for (const seg of segments) {
      let text = '';
      seg.forEach((item, i) => {
        const prev = seg[i - 1];
        const gap = prev ? item.x - (prev.x + prev.width) : 0;
        if (prev && gap > (item.fontSize || 10) * 0.15 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
        text += item.str;
      });
      const first = seg[0]!;
      const last = seg[seg.length - 1]!;
      const line = normalizeLine(text);
      if (line) {
        out.push({ page, y: first.y, x: first.x, right: last.x + last.width, size: first.fontSize || 10, text: line, column: segments.length > 1 });
      }
    }
  }
  // Page numbers at the top or bottom of the page are not text of the document.
  const pageNumber = /^[-–—\s]*(?:Trang\s+)?\d{1,3}(?:\s*\/\s*\d{1,3})?[-–—\s]*$/iu;
  while (out.length > 0 && pageNumber.test(out[0]!.text)) out.shift();
  while (out.length > 0 && pageNumber.test(out[out.length - 1]!.text)) out.pop();
  return out;
}

/** Lines that always start a new paragraph, whatever the layout. */
function startsParagraph(text: string): boolean {
  return (
    isArticleLine(text) ||
    isChapterLine(text) ||
    isAppendixLine(text) ||
    ATTACHMENT_MARKER.test(text) ||
    /^(\d+\.|[a-zđ]\)|[IVXLC]+\.|[-+•*–]\s|\()/u.test(text) ||
    /^(Căn cứ|Theo đề nghị|Xét đề nghị|Nơi nhận|Kính gửi|Số\s*:|(TM|KT|TL|TUQ|Q)\.\s)/iu.test(text) ||
    /^LỜI NÓI ĐẦU$/u.test(text)
  );
}

const TYPE_WORDS = /^(QUYẾT ĐỊNH|NGHỊ ĐỊNH|THÔNG TƯ|CHỈ THỊ|KẾ HOẠCH|NGHỊ QUYẾT|HIẾN PHÁP|BỘ LUẬT|LUẬT|PHÁP LỆNH|HƯỚNG DẪN|THÔNG BÁO|QUY CHẾ|QUY ĐỊNH|ĐỀ ÁN|CHƯƠNG TRÌNH)\s*:?$/u;

/**
 * Joins a line to the previous one when it only continues it (a wrapped line): it starts in
 * lower case, or both are capitals (a title on two lines), or the previous line ran to the
 * right margin and this one starts at the left margin. Never across columns, after
 * sentence-ending punctuation, or before a line that starts a unit or a list item.
 */
function joinWrapped(pages: Line[][]): string[] {
  const out: string[] = [];
  let prev: (Line & { lastOnPage: boolean }) | undefined;
  for (const lines of pages) {
    if (lines.length === 0) continue;
    const xs = new Map<number, number>();
    for (const l of lines) xs.set(Math.round(l.x / 3), (xs.get(Math.round(l.x / 3)) ?? 0) + 1);
    const left = Math.round([...xs.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0] * 3);
    const right = Math.max(...lines.map((l) => l.right));
    lines.forEach((cur, i) => {
      const p = prev;
      const below = p && ((p.page === cur.page && p.y - cur.y > 0 && p.y - cur.y < p.size * 2.2) || (cur.page === p.page + 1 && p.lastOnPage && i === 0));
      const wrapped = p !== undefined && !isCaps(p.text) && p.right >= right - p.size * 4 && Math.abs(cur.x - left) <= cur.size;
      const continues =
        p &&
        below &&
        !p.column &&
        !cur.column &&
        !/[.!?]$/u.test(p.text) &&
        // a clause's sentences are joined by ";": a lower-case line after one that ran to the margin goes on
        (!/[;:]$/u.test(p.text) || (wrapped && startsLower(cur.text))) &&
        // "… thuộc tỉnh" / "(sau đây gọi chung là …)": a bracket opening a wrapped line mid-sentence
        (!startsParagraph(cur.text) || (wrapped && cur.text.startsWith('(') && !/[;:]$/u.test(p.text) && !ATTACHMENT_MARKER.test(cur.text))) &&
        !TYPE_WORDS.test(p.text) &&
        (startsLower(cur.text) || (isCaps(p.text) && isCaps(cur.text) && Math.abs(p.size - cur.size) < 0.5) || (!isCaps(cur.text) && wrapped));
      if (continues) out[out.length - 1] = `${out[out.length - 1]} ${cur.text}`;
      else out.push(cur.text);
      prev = { ...cur, lastOnPage: i === lines.length - 1 };
    });
  }
  return out;
}

export async function pdfLines(data: Uint8Array, limits: ImportLimits): Promise<{ lines: string[]; warnings: string[] }> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
  } catch (e) {
    if ((e as Error).name === 'PasswordException') {
      throw new ImportError('Tệp PDF có mật khẩu nên không đọc được. Hãy gửi bản không đặt mật khẩu (hoặc bản Word).');
    }
    throw new ImportError('Không đọc được tệp PDF: tệp bị hỏng hoặc không phải PDF. Hãy tải lại bản gốc rồi gửi lại.');
  }
  try {
    if (pdf.numPages > limits.maxPages) throw new ImportError(LIMIT_TEXTS.pages(pdf.numPages, limits));
    const { items } = await extractTextItems(pdf);
    const pages = items.map((pageItems, i) => pageLines(pageItems, i + 1));
    const chars = pages.flat().reduce((n, l) => n + l.text.replace(/\s/g, '').length, 0);
    if (chars < 40) {
      throw new ImportError(
        'Tệp PDF không có lớp chữ (bản chụp/scan): không đọc được nội dung. Hãy gửi bản Word (.docx) hoặc PDF có chữ chọn được (bản gốc từ hệ thống văn bản, hoặc PDF đã nhận dạng chữ OCR).',
      );
    }
    const empty = pages.map((p, i) => (p.length === 0 ? i + 1 : 0)).filter((n) => n > 0);
    const warnings = empty.length > 0 ? [`Trang ${empty.join(', ')} không có chữ (có thể là ảnh chụp): nội dung các trang này không được nhập.`] : [];
    return { lines: joinWrapped(pages), warnings };
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`Không đọc được nội dung tệp PDF (${(e as Error).message}).`);
  } finally {
    await pdf.destroy().catch(() => {});
  }
}
