import { bold, italic, plain, type Message, type Paragraph } from '../answer/message.js';
import { documentName as nameOf, isUnnumberedType } from '../knowledge/legal-structure.js';
import type { RegulationMeta } from './convert.js';
import type { PreparedImport } from './store.js';

/** "Luật Công nghệ thông tin số 67/2006/QH11 ngày 29/6/2006", "Hiến pháp năm 2013". */
export function documentName(meta: RegulationMeta): string {
  return nameOf({ ...meta, number: meta.number ?? '' });
}

/** "3 chương, 1 mục, 12 điều, 30 khoản, 8 điểm, 1 phụ lục" (zeros left out; headings when there are no articles). */
export function structureText(s: PreparedImport['structure']): string {
  const c = s.counts;
  const parts: string[] = [];
  const add = (n: number, word: string) => n > 0 && parts.push(`${n} ${word}`);
  add(s.divisions, 'phần');
  add(c.chapters, 'chương');
  add(c.parts, 'mục');
  if (c.articles > 0) {
    add(c.articles, 'điều');
    add(c.clauses, 'khoản');
  } else {
    add(s.sections - s.appendices, 'đề mục');
    add(c.clauses, 'tiểu mục');
  }
  add(c.points, 'điểm');
  add(s.appendices, 'phụ lục');
  return parts.join(', ') || 'không có đơn vị nào';
}

/** What was found in a document, as shown by the CLI and the chat before confirming. */
export function summaryLines(p: PreparedImport): string[] {
  const m = p.meta;
  const s = p.structure;
  const unnumbered = isUnnumberedType(m.type);
  const lines = [
    `Loại và số hiệu: ${m.type}${m.number ? ` số ${m.number}` : unnumbered ? ' (không có số hiệu)' : ' (chưa đọc được số hiệu)'}`,
    `Ngày ban hành: ${m.date ?? '(không thấy)'}`,
    `Cơ quan ban hành: ${m.issuer ?? '(không thấy)'}`,
    `Trích yếu: ${m.title}`,
  ];
  if (m.adopted) lines.push(`Thông qua: ${m.adopted}`);
  if (m.attachment) {
    lines.push(`Văn bản kèm theo: ${m.attachment}${s.mainArticles > 0 ? ` (văn bản chính có ${s.mainArticles} điều)` : ''}`);
  }
  lines.push(`Cấu trúc: ${structureText(s)} → ${s.sections} đoạn tra cứu`);
  if (s.firstArticle !== undefined) {
    lines.push(`Điều: từ Điều ${s.firstArticle} đến Điều ${s.lastArticle}${s.numbering.length === 0 ? ', đánh số liên tục' : ''}`);
  }
  for (const issue of s.numbering) lines.push(`⚠️ Đánh số: ${issue}`);
  if (p.unwrapped > 0) lines.push(`Đã nối ${p.unwrapped} dòng bị ngắt giữa câu hoặc giữa tên điều (văn bản sao chép) vào dòng trên.`);
  lines.push(`Đã bỏ: ${p.stripped.length > 0 ? p.stripped.join('; ') : 'không có gì'}`);
  if (p.missing.length > 0) {
    lines.push(`⚠️ Chưa đọc được: ${p.missing.join('; ')}. Văn bản vẫn được nhập; có thể bổ sung trong tệp ${p.relativePath} (phần đầu giữa hai dòng "---").`);
  }
  lines.push(`Tệp: ${p.relativePath}${p.replaces ? ' (thay thế bản đã nhập trước, cùng số hiệu)' : ' (mới)'}`);
  return lines;
}

export function summaryMessage(p: PreparedImport): Message {
  const paragraphs: Paragraph[] = [
    [bold(`📄 ${p.source}: ${documentName(p.meta)}`)],
    [plain(summaryLines(p).join('\n'))],
  ];
  if (p.warnings.length > 0) paragraphs.push([italic(p.warnings.map((w) => `⚠️ ${w}`).join('\n'))]);
  return { paragraphs };
}
