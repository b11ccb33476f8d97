import { findAttachmentMarker, isAppendixLine, isArticleLine, isChapterLine, isHeadingLine } from '../knowledge/legal-structure.js';
import type { Header } from './header.js';
import { firstUnitLine } from './header.js';
import { isCaps } from './lines.js';

/** Where the recipients list starts. */
const RECIPIENTS = /^Nơi nhận\s*:?/iu;
/** Where a signature block starts: "TM. ỦY BAN NHÂN DÂN", "KT. BỘ TRƯỞNG", "(Đã ký)". */
const SIGNATURE = /^((?:TM|KT|TL|TUQ|Q)\.\s|\(?\s*đã ký\s*\)?$)/iu;
/** The signer's office on its own line, in capitals: "CHỦ TỊCH QUỐC HỘI", "THỦ TƯỚNG", "BỘ TRƯỞNG". */
export const OFFICE =
  /^(?:PHÓ\s+)?(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG KIỂM TOÁN NHÀ NƯỚC|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|CHỦ NHIỆM|BÍ THƯ|TRƯỞNG PHÒNG|HIỆU TRƯỞNG)(?=\s|$)/u;
/** "./." closes the text of a document. */
const END_MARK = /\s*\.\/\.\s*$/u;

export interface Body {
  text: string;
  /** what was taken out of the text, for the import summary */
  stripped: string[];
}

/**
 * The body of a regulation file: from the first unit (Chương, Điều, Phụ lục, or a heading
 * when the document has no articles), without the recipients and signature blocks
 * ("Nơi nhận", "TM.", "KT.", "CHỦ TỊCH QUỐC HỘI" and the signer's name, after "./."), without
 * the closing "Luật này đã được … thông qua …" (kept in the front matter), without the
 * attachment's own title lines (kept in the front matter), with a blank line before each unit.
 */
export function bodyText(lines: readonly string[], header: Header): Body {
  const hasArticles = lines.some(isArticleLine);
  const marker = findAttachmentMarker(lines);
  const hasArticlesAfter = marker >= 0 && lines.slice(marker + 1).some(isArticleLine);
  const nameLines = new Set(header.attachment?.nameLines ?? []);
  const out: string[] = [];
  const signatures: string[][] = [];
  let recipients = 0;
  let skipping: 'signature' | 'recipients' | undefined;
  let adopted = false;
  let block: string[] | undefined;
  for (let i = firstUnitLine(lines); i < lines.length; i++) {
    let line = lines[i]!;
    const articles = marker >= 0 && i > marker ? hasArticlesAfter : hasArticles;
    const strongStart = isChapterLine(line) || isAppendixLine(line) || i === marker || (articles ? isArticleLine(line) : isHeadingLine(line) && !skipping);
    if (nameLines.has(i)) continue;
    if (skipping && !strongStart) {
      if (RECIPIENTS.test(line)) skipping = 'recipients';
      else if (skipping === 'recipients' && (SIGNATURE.test(line) || (OFFICE.test(line) && isCaps(line)))) skipping = 'signature';
      if (skipping === 'recipients') {
        if (!RECIPIENTS.test(line)) recipients++;
        block = undefined;
      } else if (!RECIPIENTS.test(line)) {
        if (!block || SIGNATURE.test(line)) signatures.push((block = []));
        block.push(line);
      }
      continue;
    }
    skipping = undefined;
    block = undefined;
    if (i === header.adopted?.line) {
      adopted = true;
      skipping = 'signature';
      continue;
    }
    if (RECIPIENTS.test(line)) {
      skipping = 'recipients';
      continue;
    }
    // "CHỦ TỊCH NƯỚC" under "Chương VI" is a chapter's title, not a signature.
    const office = OFFICE.test(line) && isCaps(line) && !(out.length > 0 && isChapterLine(out[out.length - 1]!));
    if (SIGNATURE.test(line) || office) {
      skipping = 'signature';
      signatures.push((block = [line]));
      continue;
    }
    if (END_MARK.test(line)) {
      line = line.replace(END_MARK, '.').replace(/\.\.$/, '.');
      skipping = 'signature';
      if (line === '.') continue;
    }
    if (strongStart && out.length > 0) out.push('');
    out.push(line);
  }
  const stripped: string[] = [];
  if (adopted) stripped.push('câu "… đã được … thông qua …" (giữ làm thông tin văn bản)');
  for (const s of signatures) stripped.push(`khối chữ ký "${s.join(' / ')}"`);
  if (recipients > 0) stripped.push(`nơi nhận (${recipients} dòng)`);
  return { text: out.join('\n').trim(), stripped };
}
