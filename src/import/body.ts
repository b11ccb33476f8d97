import { findAttachmentMarker, isAppendixLine, isArticleLine, isChapterLine, isHeadingLine } from '../knowledge/legal-structure.js';
import type { Header } from './header.js';
import { firstUnitLine } from './header.js';

/** Where the signature block starts: "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. BỘ TRƯỞNG", "(Đã ký)". */
const SIGNATURE = /^(Nơi nhận\s*:?|(?:TM|KT|TL|TUQ|Q)\.\s|\(?\s*đã ký\s*\)?$)/iu;
/** "./." closes the text of a document. */
const END_MARK = /\s*\.\/\.\s*$/u;

/**
 * The body of a regulation file: from the first unit (Chương, Điều, Phụ lục, or a heading
 * when the document has no articles), without the recipients and signature blocks
 * ("Nơi nhận", "TM.", "KT.", after "./."), without the attachment's own title lines
 * (kept in the front matter), with a blank line before each unit for readability.
 */
export function bodyText(lines: readonly string[], header: Header): string {
  const hasArticles = lines.some(isArticleLine);
  const marker = findAttachmentMarker(lines);
  const hasArticlesAfter = marker >= 0 && lines.slice(marker + 1).some(isArticleLine);
  const nameLines = new Set(header.attachment?.nameLines ?? []);
  const out: string[] = [];
  let skipping = false;
  for (let i = firstUnitLine(lines); i < lines.length; i++) {
    let line = lines[i]!;
    const articles = marker >= 0 && i > marker ? hasArticlesAfter : hasArticles;
    const strongStart = isChapterLine(line) || isAppendixLine(line) || i === marker || (articles ? isArticleLine(line) : isHeadingLine(line) && !skipping);
    if (nameLines.has(i)) continue;
    if (skipping && !strongStart) continue;
    skipping = false;
    if (SIGNATURE.test(line)) {
      skipping = true;
      continue;
    }
    if (END_MARK.test(line)) {
      line = line.replace(END_MARK, '.').replace(/\.\.$/, '.');
      skipping = true;
      if (line === '.') continue;
    }
    if (strongStart && out.length > 0) out.push('');
    out.push(line);
  }
  return out.join('\n').trim();
}
