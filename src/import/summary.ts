import { bold, italic, plain, type Message, type Paragraph } from '../answer/message.js';
import { documentName } from '../knowledge/legal-structure.js';
import type { PreparedImport } from './store.js';

/** "3 chương, 1 mục, 12 điều, 30 khoản, 8 điểm, 1 phụ lục" (zeros left out; headings when there are no articles). */
export function structureText(s: PreparedImport['structure']): string {
  const c = s.counts;
  const parts: string[] = [];
  const add = (n: number, word: string) => n > 0 && parts.push(`${n} ${word}`);
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
  const lines = [
    `Loại và số hiệu: ${m.type} số ${m.number}`,
    `Ngày ban hành: ${m.date ?? '(không thấy)'}`,
    `Cơ quan ban hành: ${m.issuer ?? '(không thấy)'}`,
    `Trích yếu: ${m.title}`,
  ];
  if (m.attachment) {
    lines.push(`Văn bản kèm theo: ${m.attachment}${p.structure.mainArticles > 0 ? ` (văn bản chính có ${p.structure.mainArticles} điều)` : ''}`);
  }
  lines.push(`Cấu trúc: ${structureText(p.structure)} → ${p.structure.sections} đoạn tra cứu`);
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
