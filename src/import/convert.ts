import { parse as parseYaml } from 'yaml';
import { isUnnumberedType } from '../knowledge/legal-structure.js';
import { fold } from '../text/vietnamese.js';
import { bodyText } from './body.js';
import { ImportError } from './errors.js';
import { detectHeader, docTypeByName, docTypeByNumber, firstUnitLine, type Header } from './header.js';
import { layoutLines } from './layout.js';

/** What a regulation file's front matter says about the document. */
export interface RegulationMeta {
  id?: string;
  type: string;
  /** undefined for a document without a number (the Hiến pháp) or whose number was not found */
  number?: string;
  date?: string;
  issuer?: string;
  title: string;
  attachment?: string;
  /** the closing "Luật này đã được Quốc hội … thông qua ngày …" */
  adopted?: string;
}

export interface Conversion {
  meta: RegulationMeta;
  /** body of the regulation file (units, no header block or signatures) */
  body: string;
  header: Header;
  /** what was taken out of the text (signature blocks, recipients, the adoption sentence) */
  stripped: string[];
  /** header fields that could not be read (the admin can fill them in) */
  missing: string[];
  /** lines of a hard-wrapped text joined back into their paragraph or heading */
  unwrapped: number;
  warnings: string[];
}

const FRONT_KEYS = ['id', 'type', 'number', 'date', 'issuer', 'title', 'attachment', 'adopted'] as const;

/** A .md/.txt that already starts with YAML front matter: its values win over what is detected. */
function splitFrontMatter(lines: string[]): { data: Partial<Record<(typeof FRONT_KEYS)[number], string>>; rest: string[] } {
  if (lines[0] !== '---') return { data: {}, rest: lines };
  const end = lines.indexOf('---', 1);
  if (end < 0) return { data: {}, rest: lines };
  let parsed: unknown;
  try {
    parsed = parseYaml(lines.slice(1, end).join('\n'));
  } catch (e) {
    throw new ImportError(`Phần đầu YAML (giữa hai dòng "---") sai cú pháp: ${(e as Error).message.split('\n')[0]}`);
  }
  const data: Partial<Record<(typeof FRONT_KEYS)[number], string>> = {};
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const key of FRONT_KEYS) {
      const v = (parsed as Record<string, unknown>)[key];
      if (typeof v === 'string' || typeof v === 'number') data[key] = String(v).trim();
    }
  }
  return { data, rest: lines.slice(end + 1) };
}

/** "Quyết định" + "1847/QĐ-TTg" + "27/12/2018" → "qd-1847-2018-qd-ttg"; "Hiến pháp" + no number + "28/11/2013" → "hien-phap-2013". */
export function regulationId(type: string, number: string | undefined, date?: string, title?: string): string {
  const slug = (s: string) =>
    fold(s)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const typeSlug =
    docTypeByName(type)?.slug ??
    slug(type)
      .split('-')
      .map((w) => w[0])
      .join('');
  const dateYear = date?.match(/(\d{4})$/)?.[1];
  if (!number) return [typeSlug, dateYear ?? slug(title ?? '').slice(0, 40).replace(/-+$/, '')].filter(Boolean).join('-') || 'van-ban';
  const parts = number.split('/');
  const serial = parts[0]!;
  const year = parts.length > 2 ? parts[1] : dateYear;
  const code = parts.length > 1 ? parts[parts.length - 1]! : '';
  return [typeSlug, slug(serial), year, slug(code)].filter(Boolean).join('-');
}

/**
 * The lines of a document → the metadata and body of its regulation file. A header read
 * only in part still imports, naming what is missing; refused only when nothing names the
 * document or no structure is found.
 */
export function convertLines(allLines: string[], format: string): Conversion {
  const { data: given, rest } = splitFrontMatter(allLines);
  const layout = format === 'md' ? { lines: rest.filter((l) => l !== ''), joined: 0 } : layoutLines(rest, firstUnitLine);
  const lines = layout.lines;
  const header = detectHeader(lines);
  const att = header.attachment;
  const warnings: string[] = [];
  // A Quy chế sent on its own: the decision it belongs to is named on its "(Ban hành kèm theo …)" line.
  const fromDecisionLine = !header.number && att?.number !== undefined;
  const number = given.number ?? header.number ?? att?.number;
  const type = given.type ?? (fromDecisionLine ? att!.type : header.type) ?? (number ? docTypeByNumber(number)?.name : undefined);
  const date = given.date ?? (fromDecisionLine ? (att!.date ?? header.date) : header.date);
  const attachment = given.attachment ?? (att ? (att.name ?? 'Văn bản') : undefined);
  // Its own heading ("QUY CHẾ" / "Ứng xử …") names the attachment, not the decision: the decision "ban hành" it.
  const title = given.title ?? (fromDecisionLine && att?.name ? `Ban hành ${att.name}` : (header.title ?? (att?.name ? `Ban hành ${att.name}` : undefined)));
  if (!number && !type && !title) {
    const hint =
      format === 'md' || format === 'txt'
        ? ' Có thể thêm phần đầu YAML (type, number, date, issuer, title) vào tệp rồi nhập lại.'
        : ' Hãy kiểm tra đây có phải toàn văn văn bản (có phần đầu với số hiệu, tên loại, trích yếu) không.';
    throw new ImportError(`Không nhận ra số hiệu, loại văn bản hay trích yếu: không biết đây là văn bản nào.${hint}`);
  }
  const body = bodyText(lines, header);
  if (!body.text) {
    throw new ImportError('Không nhận ra cấu trúc văn bản: không có Chương, Điều ("Điều 1. …") hay đề mục ("I. …", "II. …").');
  }
  const finalType = type ?? 'Văn bản';
  const unnumbered = isUnnumberedType(finalType);
  const missing: string[] = [];
  if (!number && !unnumbered) missing.push('số hiệu (dòng "Số: …" ở đầu văn bản)');
  if (!type) missing.push('loại văn bản (dòng "QUYẾT ĐỊNH", "LUẬT"… dưới Quốc hiệu)');
  if (!title) missing.push('trích yếu (dòng dưới tên loại văn bản)');
  if (!date) missing.push('ngày ban hành ("…, ngày … tháng … năm …" hoặc "… thông qua ngày …")');
  const issuer = given.issuer ?? header.issuer;
  if (!issuer && !fromDecisionLine) missing.push('cơ quan ban hành');
  if (att && !att.name && !given.attachment) warnings.push('Không thấy tên văn bản ban hành kèm theo (dòng "QUY CHẾ …" trên dòng "(Ban hành kèm theo …)").');
  if (att?.number && header.number && att.number !== header.number) {
    warnings.push(`Văn bản kèm theo ghi "kèm theo ${att.type} số ${att.number}", khác số hiệu ${header.number} ở đầu văn bản.`);
  }
  return {
    meta: {
      id: given.id,
      type: finalType,
      number,
      date,
      issuer,
      // Without a trích yếu the document is named by what was found: "Quyết định số 12/QĐ-UBND".
      title: title ?? (number ? `${finalType} số ${number}` : finalType),
      attachment,
      adopted: given.adopted ?? header.adopted?.sentence,
    },
    body: body.text,
    header,
    stripped: body.stripped,
    missing,
    unwrapped: layout.joined,
    warnings,
  };
}
