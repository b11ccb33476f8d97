import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { strToU8, unzipSync, zipSync, zlibSync } from 'fflate';
import { beginText, endText, moveText, PDFDocument, PDFHexString, PDFName, PDFRawStream, rectangle, fill, setFontAndSize, showText } from 'pdf-lib';
import type { HeaderColumns } from './fixtures.js';

/** A .docx laid out like an official document: the header as a two-column table, then one paragraph per line. */
export async function makeDocx(header: HeaderColumns, body: string[]): Promise<Buffer> {
  const cell = (lines: string[]) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      children: lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: l, bold: true })] })),
    });
  const doc = new Document({
    sections: [
      {
        children: [
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: [cell(header.left), cell(header.right)] })] }),
          ...body.map((l) => new Paragraph({ children: [new TextRun({ text: l, bold: /^(Điều|Chương|Mục)\s/.test(l) || l === l.toUpperCase() })] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const PAGE = { width: 595, height: 842, left: 60, top: 790, bottom: 60, size: 12, leading: 16 };
/** Every glyph is 500/1000 em wide: 6 pt at 12 pt, so a line of n characters is 6n pt. */
const CHAR_WIDTH = (PAGE.size * 500) / 1000;
const WRAP = 80;

interface Placed {
  text: string;
  x: number;
}

/** Breaks one paragraph into lines of at most ~`width` characters, between words. */
export function wrapLine(text: string, width = WRAP): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/**
 * A PDF whose text layer is Vietnamese: the standard fonts cannot encode it, so each
 * character gets a one-byte code in a Helvetica-based font with a ToUnicode map, which is
 * what text extractors read (what the page shows does not matter here). The header is laid
 * out in two columns; body lines are wrapped at 80 characters; capitals are centered.
 */
export async function makePdf(header: HeaderColumns, body: string[], options: { wrap?: number } = {}): Promise<Uint8Array> {
  const rows: Placed[][] = [];
  for (let i = 0; i < Math.max(header.left.length, header.right.length); i++) {
    const row: Placed[] = [];
    if (header.left[i]) row.push({ text: header.left[i]!, x: 40 });
    if (header.right[i]) row.push({ text: header.right[i]!, x: 300 });
    rows.push(row);
  }
  for (const line of body) {
    const centered = line === line.toUpperCase() && /\p{L}/u.test(line);
    for (const part of wrapLine(line, options.wrap ?? WRAP)) {
      const x = centered ? Math.round((PAGE.width - part.length * CHAR_WIDTH) / 2) : PAGE.left;
      rows.push([{ text: part, x }]);
    }
  }
  const chars = [...new Set(rows.flat().flatMap((p) => [...p.text]))].filter((c) => c !== ' ');
  // Codes with a glyph in WinAnsiEncoding, minus no-break space and soft hyphen (extractors drop or rewrite those).
  const codes = [...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => 0x21 + i), ...Array.from({ length: 0xff - 0xa1 + 1 }, (_, i) => 0xa1 + i).filter((c) => c !== 0xad)];
  if (chars.length > codes.length) throw new Error('too many distinct characters for a one-byte font');
  const code = new Map<string, number>([[' ', 0x20]]);
  chars.forEach((c, i) => code.set(c, codes[i]!));
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  const utf16 = (c: string) => [...c].map((ch) => ch.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()).join('');
  const entries = [...code].map(([c, n]) => `<${hex(n)}> <${utf16(c)}>`);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    blocks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<00> <FF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  const pdf = await PDFDocument.create();
  const ctx = pdf.context;
  const font = ctx.register(
    ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding', FirstChar: 32, LastChar: 255, Widths: Array.from({ length: 224 }, () => 500), ToUnicode: ctx.register(ctx.stream(cmap)) }),
  );
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  page.node.setFontDictionary(PDFName.of('F1'), font);
  let y = PAGE.top;
  for (const row of rows) {
    if (y < PAGE.bottom) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      page.node.setFontDictionary(PDFName.of('F1'), font);
      y = PAGE.top;
    }
    for (const p of row) {
      const bytes = [...p.text].map((c) => hex(code.get(c)!)).join('');
      page.pushOperators(beginText(), setFontAndSize('F1', PAGE.size), moveText(p.x, y), showText(PDFHexString.of(bytes)), endText());
    }
    y -= PAGE.leading;
  }
  return pdf.save();
}

/** A "scanned" PDF: pages with only shapes, no text layer. */
export async function makeImageOnlyPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < 2; i++) pdf.addPage([PAGE.width, PAGE.height]).pushOperators(rectangle(60, 60, 400, 600), fill());
  return pdf.save();
}

/**
 * A PDF that asks for a password: an /Encrypt dictionary (standard handler) whose user
 * password is not empty (its check values match no password), as readers see it.
 */
export async function makePasswordPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([PAGE.width, PAGE.height]);
  const ctx = pdf.context;
  const bytes = (n: number) => PDFHexString.of('5a'.repeat(n));
  ctx.trailerInfo.Encrypt = ctx.register(ctx.obj({ Filter: 'Standard', V: 1, R: 2, O: bytes(32), U: bytes(32), P: -44 }));
  ctx.trailerInfo.ID = ctx.obj([bytes(16), bytes(16)]);
  return pdf.save({ useObjectStreams: false });
}

/**
 * A decompression bomb: a real .docx whose document.xml is replaced by `megabytes` MB of
 * repeated paragraphs, which zip down to a few tens of kilobytes.
 */
export async function makeDocxBomb(megabytes: number): Promise<Uint8Array> {
  const parts = unzipSync(new Uint8Array(await makeDocx({ left: ['BỘ NỘI VỤ'], right: [] }, ['QUYẾT ĐỊNH', 'Về việc thử'])));
  const paragraph = '<w:p><w:r><w:t>Điều 1. Nội dung lặp lại rất nhiều lần để làm tệp nặng khi giải nén.</w:t></w:r></w:p>';
  const body = paragraph.repeat(Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(paragraph)));
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  parts['word/document.xml'] = strToU8(xml);
  return zipSync(parts, { level: 9 });
}

/**
 * A PDF of a few tens of kilobytes whose one page's content stream inflates to `megabytes`
 * MB of text-showing operators: reading it costs memory and time out of all proportion.
 */
export async function makeHugeStreamPdf(megabytes: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const font = pdf.context.register(pdf.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
  page.node.setFontDictionary(PDFName.of('F1'), font);
  const op = 'BT /F1 12 Tf 60 700 Td (Dieu 1. Noi dung lap lai) Tj ET\n';
  const content = strToU8(op.repeat(Math.ceil((megabytes * 1024 * 1024) / op.length)));
  const stream = PDFRawStream.of(pdf.context.obj({ Filter: 'FlateDecode' }), zlibSync(content, { level: 9 }));
  page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
  return pdf.save();
}
