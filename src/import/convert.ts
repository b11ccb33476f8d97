import { parse as parseYaml } from 'yaml';
import { fold } from '../text/vietnamese.js';
import { bodyText } from './body.js';
import { ImportError } from './errors.js';
import { detectHeader, docTypeByName, type Header } from './header.js';

/** What a regulation file's front matter says about the document. */
export interface RegulationMeta {
  id?: string;
  type: string;
  number: string;
  date?: string;
  issuer?: string;
  title: string;
  attachment?: string;
}

export interface Conversion {
  meta: RegulationMeta;
  /** body of the regulation file (units, no header block or signatures) */
  body: string;
  header: Header;
  warnings: string[];
}

const FRONT_KEYS = ['id', 'type', 'number', 'date', 'issuer', 'title', 'attachment'] as const;

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

/** "Quyết định" + "1847/QĐ-TTg" + "27/12/2018" → "qd-1847-2018-qd-ttg". */
export function regulationId(type: string, number: string, date?: string): string {
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
  const parts = number.split('/');
  const serial = parts[0]!;
  const year = parts.length > 2 ? parts[1] : date?.match(/(\d{4})$/)?.[1];
  const code = parts.length > 1 ? parts[parts.length - 1]! : '';
  return [typeSlug, slug(serial), year, slug(code)].filter(Boolean).join('-');
}

/** The lines of a document → the metadata and body of its regulation file; refuses when essentials are missing. */
export function convertLines(allLines: string[], format: string): Conversion {
  const { data: given, rest: lines } = splitFrontMatter(allLines);
  const header = detectHeader(lines);
  const att = header.attachment;
  const warnings: string[] = [];
  // A Quy chế sent on its own: the decision it belongs to is named on its "(Ban hành kèm theo …)" line.
  const fromDecisionLine = !header.number && att?.number !== undefined;
  const type = given.type ?? (fromDecisionLine ? att!.type : header.type);
  const number = given.number ?? header.number ?? att?.number;
  const date = given.date ?? (fromDecisionLine ? (att!.date ?? header.date) : header.date);
  const attachment = given.attachment ?? (att ? (att.name ?? 'Văn bản') : undefined);
  // Its own heading ("QUY CHẾ" / "Ứng xử …") names the attachment, not the decision: the decision "ban hành" it.
  const title = given.title ?? (fromDecisionLine && att?.name ? `Ban hành ${att.name}` : (header.title ?? (att?.name ? `Ban hành ${att.name}` : undefined)));
  const missing: string[] = [];
  if (!number) missing.push('số hiệu (dòng "Số: 1847/QĐ-TTg" ở đầu văn bản)');
  if (!type) missing.push('loại văn bản (dòng "QUYẾT ĐỊNH", "KẾ HOẠCH"… dưới Quốc hiệu)');
  if (!title) missing.push('trích yếu (dòng "Về việc …" dưới tên loại văn bản)');
  if (missing.length > 0) {
    const hint =
      format === 'md' || format === 'txt'
        ? ' Có thể thêm phần đầu YAML (type, number, date, issuer, title) vào tệp rồi nhập lại.'
        : ' Hãy kiểm tra đây có phải toàn văn văn bản (có phần đầu với số hiệu, tên loại, trích yếu) không.';
    throw new ImportError(`Không nhận ra ${missing.join('; ')}.${hint}`);
  }
  if (!date) warnings.push('Không thấy ngày ban hành ("…, ngày … tháng … năm …"): trích dẫn sẽ không có ngày.');
  if (!given.issuer && !header.issuer && !fromDecisionLine) warnings.push('Không thấy cơ quan ban hành.');
  if (att && !att.name && !given.attachment) warnings.push('Không thấy tên văn bản ban hành kèm theo (dòng "QUY CHẾ …" trên dòng "(Ban hành kèm theo …)").');
  if (att?.number && header.number && att.number !== header.number) {
    warnings.push(`Văn bản kèm theo ghi "kèm theo ${att.type} số ${att.number}", khác số hiệu ${header.number} ở đầu văn bản.`);
  }
  const body = bodyText(lines, header);
  if (!body) {
    throw new ImportError('Không nhận ra cấu trúc văn bản: không có Chương, Điều ("Điều 1. …") hay đề mục ("I. …", "II. …").');
  }
  return {
    meta: { id: given.id, type: type!, number: number!, date, issuer: given.issuer ?? header.issuer, title: title!, attachment },
    body,
    header,
    warnings,
  };
}
