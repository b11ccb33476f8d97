/**
 * Documents cited by FAQ entries but not held in knowledge/regulations (knowledge/documents.yaml),
 * and the validity of every document: in force, amended, replaced (by what, from when), checked when.
 */
import { str } from './front-matter.js';
import { isMapping, readYaml } from './yaml.js';
import type { CitedDocument, DocumentStatus, DocumentStatusKind, KnowledgeError } from './types.js';

export const DOCUMENTS_FILE = 'documents.yaml';
const STATUSES: readonly DocumentStatusKind[] = ['in_force', 'amended', 'replaced', 'expired', 'unknown'];
const DOCUMENT_KEYS = new Set(['id', 'type', 'number', 'title', 'date', 'issuer', 'status', 'replaced_by', 'amended_by', 'from', 'checked', 'verified', 'note']);
/** Their title is their name: "Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14". */
const NAMED_BY_TITLE = new Set(['Luật', 'Bộ luật', 'Hiến pháp', 'Pháp lệnh']);
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The status fields of a document (documents.yaml entry or regulation front matter).
 * `lineOf` gives the line of a key for error messages.
 */
export function parseStatus(
  data: Record<string, unknown>,
  file: string,
  lineOf: (key: string) => number,
  errors: KnowledgeError[],
): DocumentStatus | undefined {
  const status = str(data.status);
  if (status === undefined) return undefined;
  if (!STATUSES.includes(status as DocumentStatusKind)) {
    errors.push({ file, line: lineOf('status'), reason: `"status: ${status}" không hợp lệ (dùng: ${STATUSES.join(', ')})` });
    return undefined;
  }
  const replacedBy = str(data.replaced_by);
  const amendedBy = str(data.amended_by);
  if (status === 'replaced' && !replacedBy) {
    errors.push({ file, line: lineOf('status'), reason: 'văn bản đã bị thay thế ("status: replaced") cần "replaced_by": văn bản thay thế (mã hoặc tên đầy đủ)' });
  }
  return {
    status: status as DocumentStatusKind,
    replacedBy: status === 'amended' ? amendedBy : replacedBy,
    from: str(data.from),
    checked: str(data.checked),
  };
}

/** Reads documents.yaml: a list of documents, each checked field by field, with its line. */
export function parseDocuments(file: string, source: string, errors: KnowledgeError[]): Map<string, CitedDocument> {
  const out = new Map<string, CitedDocument>();
  const read = readYaml(source);
  if ('error' in read) {
    errors.push({ file, line: read.error.line, reason: `YAML sai cú pháp: ${read.error.message}` });
    return out;
  }
  const { value: contents, lineOf: nodeLineOf, keyLineOf } = read.ok;
  if (contents === null) return out;
  if (!Array.isArray(contents)) {
    errors.push({ file, line: 1, reason: 'danh mục văn bản phải là danh sách, mỗi mục bắt đầu bằng "- id: …"' });
    return out;
  }
  for (const [i, item] of (contents as unknown[]).entries()) {
    const line = nodeLineOf([i]) ?? 1;
    if (!isMapping(item)) {
      errors.push({ file, line, reason: 'mỗi văn bản phải gồm các dòng "khóa: giá trị" (id, type, number, date, issuer, status, checked, verified)' });
      continue;
    }
    const data: Record<string, unknown> = item;
    for (const key of Object.keys(data)) {
      if (!DOCUMENT_KEYS.has(key)) errors.push({ file, line: keyLineOf([i, key]) ?? 1, reason: `khóa "${key}" không được hỗ trợ (dùng: ${[...DOCUMENT_KEYS].join(', ')})` });
    }
    const lineOf = (key: string) => (Object.hasOwn(data, key) ? (keyLineOf([i, key]) ?? 1) : line);
    const before = errors.length;
    const id = str(data.id);
    if (!id) errors.push({ file, line, reason: 'thiếu "id" (mã văn bản, ví dụ luat-44-2019)' });
    else if (!ID_PATTERN.test(id)) errors.push({ file, line: lineOf('id'), reason: `id "${id}" chỉ được gồm chữ thường không dấu, số và dấu "-"` });
    else if (out.has(id)) errors.push({ file, line: lineOf('id'), reason: `id "${id}" bị trùng với dòng ${out.get(id)!.line}` });
    const type = str(data.type);
    if (!type) errors.push({ file, line, reason: 'thiếu "type" (loại văn bản: Luật, Quyết định, Chỉ thị, Đề án, Bài viết…)' });
    if (!str(data.number) && !str(data.title)) errors.push({ file, line, reason: 'cần "number" (số hiệu) hoặc "title" (tên/trích yếu)' });
    if (!str(data.status)) errors.push({ file, line, reason: 'thiếu "status" (in_force, amended, replaced, expired hoặc unknown)' });
    if (!str(data.checked)) errors.push({ file, line, reason: 'thiếu "checked" (ngày kiểm tra tình trạng hiệu lực gần nhất, ví dụ 2026-12-02)' });
    const verified = data.verified === false ? false : str(data.verified);
    if (verified === undefined) {
      errors.push({ file, line, reason: 'thiếu "verified": nguồn xác nhận số hiệu, ngày (tệp seed hoặc địa chỉ văn bản đã đọc), hoặc false nếu chưa kiểm chứng' });
    }
    const status = parseStatus(data, file, lineOf, errors);
    if (errors.length > before) continue;
    out.set(id!, {
      id: id!,
      type: type!,
      number: str(data.number),
      title: str(data.title),
      date: str(data.date),
      issuer: str(data.issuer),
      verified: verified!,
      line,
      ...status!,
    });
  }
  return out;
}

/**
 * A cited document in full: "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ phê duyệt …",
 * "Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14 ngày 14/6/2019 của Quốc hội",
 * 'Đề án "Đổi mới phong cách…" ngày 19/1/2022 của UBND tỉnh Bắc Kạn'.
 */
export function citedDocumentName(d: Pick<CitedDocument, 'type' | 'number' | 'title' | 'date' | 'issuer'>): string {
  const number = d.number ? ` số ${d.number}` : '';
  const date = d.date ? ` ngày ${d.date}` : '';
  const issuer = d.issuer ? ` của ${d.issuer}` : '';
  if (NAMED_BY_TITLE.has(d.type) && d.title) return `${d.type} ${d.title}${number}${date}${issuer}`;
  if (!d.number && d.title) return `${d.type} "${d.title}"${date}${issuer}`;
  return `${d.type}${number}${date}${issuer}${d.title ? ` ${d.title}` : ''}`;
}

/** How a notice names a document: "Nghị định số 61/2018/NĐ-CP", or in full when it has no number. */
export function shortDocumentName(d: Pick<CitedDocument, 'type' | 'number' | 'title' | 'date' | 'issuer'>): string {
  return d.number ? `${d.type} số ${d.number}` : citedDocumentName(d);
}

/** "2026-12-02" -> "2/12/2026"; other spellings are kept. */
export function readableDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : date;
}

/**
 * What an answer drawn from this document must say about its validity, or undefined when it
 * is in force (or its status is unknown): "Nghị định số 61/2018/NĐ-CP … đã được thay thế bởi … từ ngày 1/7/2025".
 */
export function statusNotice(name: string, status: DocumentStatus | undefined, nameOf: (idOrName: string) => string = (x) => x): string | undefined {
  if (!status) return undefined;
  const checked = status.checked ? ` (tình trạng hiệu lực kiểm tra ngày ${readableDate(status.checked)})` : '';
  const from = status.from ? ` từ ngày ${status.from}` : '';
  switch (status.status) {
    case 'replaced':
      return `${name} đã được thay thế${status.replacedBy ? ` bởi ${nameOf(status.replacedBy)}` : ''}${from}; nội dung trên có thể không còn áp dụng${checked}.`;
    case 'expired':
      return `${name} đã hết hiệu lực${from}; nội dung trên có thể không còn áp dụng${checked}.`;
    case 'amended':
      return `${name} đã được sửa đổi, bổ sung một phần${status.replacedBy ? ` bởi ${nameOf(status.replacedBy)}` : ''}${from}; hãy đối chiếu văn bản hiện hành${checked}.`;
    default:
      return undefined;
  }
}
