import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ANSWER_TYPES, SMALLTALK_LISTS, type AnswerType, type LexiconData } from '../text/analyzer.js';
import { fold, nfc } from '../text/vietnamese.js';
import { parseFrontMatter, str, type FrontMatterFile } from './front-matter.js';
import { DOCUMENTS_FILE, parseDocuments, parseStatus, statusNotice } from './documents.js';
import { resolveSources, sourceItems, type FaqDraft } from './sources.js';
import { documentName, parseLegalStructure, sectionCitation, type DocumentInfo, type LegalSection } from './legal-structure.js';
import { isMapping, readYaml, scalarText, type YamlPath } from './yaml.js';
import { KnowledgeInvalidError, type CitedDocument, type Knowledge, type KnowledgeError, type Passage, type Regulation } from './types.js';

export const LEXICON_FILE = 'lexicon.yaml';
const FAQ_KEYS = new Set(['id', 'title', 'topic', 'tags', 'questions', 'source', 'created', 'author']);
const STATUS_KEYS = ['status', 'replaced_by', 'amended_by', 'from', 'checked'];
const REGULATION_KEYS = new Set(['id', 'type', 'number', 'date', 'issuer', 'title', 'attachment', 'adopted', 'summary', 'tags', 'topic', 'imported', ...STATUS_KEYS]);
const LEXICON_KEYS = new Set(['abbreviations', 'shorthand', 'synonyms', 'stopwords', 'offTopic', 'places', 'answerTypes', 'documentKinds', 'notDocumentKind', 'notDocumentName', 'definitionCues', 'smalltalk']);
/** Words that flip a rule's meaning: dropping them would turn "không được" into "được". */
const NEGATIONS = new Set(['không', 'chưa', 'cấm', 'chẳng', 'đừng', 'chớ', 'được', 'phải', 'bị', 'nên', 'ko', 'k']);
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9-]+)?$/;

/**
 * Reads and validates the whole knowledge directory. Either every file is valid and
 * the result is complete, or a KnowledgeInvalidError lists every problem: nothing half-loaded.
 */
export async function loadKnowledge(dir: string): Promise<Knowledge> {
  // A wrong KNOWLEDGE_DIR must not start a bot that knows nothing and escalates everything.
  try {
    if (!(await stat(dir)).isDirectory()) throw new KnowledgeInvalidError([{ file: dir, line: 0, reason: 'không phải thư mục (KNOWLEDGE_DIR)' }]);
  } catch (e) {
    if (e instanceof KnowledgeInvalidError) throw e;
    throw new KnowledgeInvalidError([{ file: dir, line: 0, reason: 'thư mục kho tri thức không tồn tại (kiểm tra KNOWLEDGE_DIR)' }]);
  }
  const errors: KnowledgeError[] = [];
  const warnings: KnowledgeError[] = [];
  const firstSeen = new Map<string, string>();
  const claimId = (id: string, file: string, line: number) => {
    const other = firstSeen.get(id);
    if (other) errors.push({ file, line, reason: `id "${id}" bị trùng với ${other}` });
    else firstSeen.set(id, `${file}:${line}`);
  };

  // Every file is read at once (one wait, not one per file), then parsed in order as before.
  const [lexiconText, documentsText, faqFiles, regulationFiles] = await Promise.all([
    readIfThere(path.join(dir, LEXICON_FILE)),
    readIfThere(path.join(dir, DOCUMENTS_FILE)),
    markdownFiles(dir, 'faq'),
    markdownFiles(dir, 'regulations'),
  ]);
  const readAll = (files: string[]) => Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')));
  const [faqTexts, regulationTexts] = await Promise.all([readAll(faqFiles), readAll(regulationFiles)]);
  const lexicon = emptyLexicon();
  if (lexiconText !== undefined) parseLexicon(LEXICON_FILE, lexiconText, errors, lexicon);
  const documents = documentsText === undefined ? new Map<string, CitedDocument>() : parseDocuments(DOCUMENTS_FILE, documentsText, errors);
  const drafts: FaqDraft[] = [];
  for (const [i, file] of faqFiles.entries()) {
    const draft = parseFaq(file, faqTexts[i]!, errors);
    if (draft) {
      claimId(draft.passage.id, file, 2);
      drafts.push(draft);
    }
  }
  const regulations = new Map<string, Regulation>();
  const regulationPassages: Passage[] = [];
  for (const [i, file] of regulationFiles.entries()) {
    const result = parseRegulation(file, regulationTexts[i]!, errors);
    if (result) {
      claimId(result.id, file, 2);
      regulationPassages.push(...result.passages);
      regulations.set(result.id, result);
      if (!result.status) warnings.push({ file, line: 2, reason: 'chưa ghi tình trạng hiệu lực ("status", "checked")' });
    }
  }
  const faqs = drafts.map((draft) => resolveSources(draft, { regulations, documents }, errors, warnings)).filter((p): p is Passage => p !== undefined);
  if (errors.length === 0 && faqs.length + regulationPassages.length === 0) {
    errors.push({ file: dir, line: 0, reason: 'kho tri thức trống: không có mục hỏi đáp (faq/*.md) hay văn bản (regulations/*.md) nào (kiểm tra KNOWLEDGE_DIR)' });
  }
  if (errors.length > 0) throw new KnowledgeInvalidError(errors);
  return { passages: [...faqs, ...regulationPassages], lexicon, faqCount: faqs.length, regulationCount: regulations.size, documents, warnings };
}

/** A file's text, or undefined when it does not exist (the lexicon and documents.yaml are optional). */
async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function markdownFiles(dir: string, sub: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(dir, sub), { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((n) => n.endsWith('.md') && path.basename(n).toLowerCase() !== 'readme.md')
    .map((n) => path.posix.join(sub, n.split(path.sep).join('/')))
    .sort();
}

function unknownKeys(fm: FrontMatterFile, allowed: Set<string>, file: string, errors: KnowledgeError[]): void {
  for (const key of Object.keys(fm.data)) {
    if (!allowed.has(key)) errors.push({ file, line: fm.lineOf(key), reason: `khóa "${key}" không được hỗ trợ (dùng: ${[...allowed].join(', ')})` });
  }
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return undefined;
  const out = value.map(str);
  return out.every((v): v is string => v !== undefined) ? out : undefined;
}

export function parseFaq(file: string, text: string, errors: KnowledgeError[]): FaqDraft | undefined {
  const parsed = parseFrontMatter(file, text);
  if ('error' in parsed) {
    errors.push(parsed.error);
    return undefined;
  }
  const fm = parsed.ok;
  const before = errors.length;
  const d = fm.data;
  unknownKeys(fm, FAQ_KEYS, file, errors);
  const id = str(d.id);
  if (!id) errors.push({ file, line: fm.lineOf('id'), reason: 'thiếu "id"' });
  else if (!ID_PATTERN.test(id)) errors.push({ file, line: fm.lineOf('id'), reason: `id "${id}" chỉ được gồm chữ thường không dấu, số và dấu "-"` });
  const title = str(d.title);
  if (!title) errors.push({ file, line: fm.lineOf('title'), reason: 'thiếu "title" (tiêu đề)' });
  const questions = stringList(d.questions);
  if (!questions || questions.length === 0) {
    errors.push({ file, line: fm.lineOf('questions'), reason: 'thiếu "questions": cần ít nhất một cách hỏi' });
  }
  const tags = stringList(d.tags);
  if (!tags) errors.push({ file, line: fm.lineOf('tags'), reason: '"tags" phải là danh sách chữ' });
  const sources = sourceItems(d.source, file, fm.lineOf('source'), fm.itemLines('source'), errors);
  const body = fm.body.trim();
  if (!body) errors.push({ file, line: fm.bodyLine, reason: 'câu trả lời trống (phần sau dòng "---")' });
  if (errors.length > before) return undefined;
  return {
    passage: { id: id!, kind: 'faq', title: title!, questions: questions!, tags: tags!, topic: str(d.topic), body, file },
    sources: sources!,
    line: fm.lineOf('source'),
  };
}

export function parseRegulation(file: string, text: string, errors: KnowledgeError[]): Regulation | undefined {
  const parsed = parseFrontMatter(file, text);
  if ('error' in parsed) {
    errors.push(parsed.error);
    return undefined;
  }
  const fm = parsed.ok;
  const d = fm.data;
  const before = errors.length;
  unknownKeys(fm, REGULATION_KEYS, file, errors);
  const required = { id: 'mã văn bản', type: 'loại văn bản', title: 'trích yếu' } as const;
  for (const [key, label] of Object.entries(required)) {
    if (!str(d[key])) errors.push({ file, line: fm.lineOf(key), reason: `thiếu "${key}" (${label})` });
  }
  const id = str(d.id);
  if (id && !ID_PATTERN.test(id)) errors.push({ file, line: fm.lineOf('id'), reason: `id "${id}" chỉ được gồm chữ thường không dấu, số và dấu "-"` });
  const structure = parseLegalStructure(fm.body);
  if (structure.sections.length === 0) {
    errors.push({ file, line: fm.bodyLine, reason: 'không tìm thấy Điều hay đề mục nào (cần các dòng "Điều 1. …" hoặc "## …")' });
  }
  for (const p of structure.problems) errors.push({ file, line: fm.bodyLine + p.line - 1, reason: p.reason });
  const keys = sectionKeys(structure.sections);
  const status = parseStatus(d, file, fm.lineOf, errors);
  if (errors.length > before) return undefined;
  // A document without a number (the Hiến pháp) is named by its type and year, or its type and trích yếu.
  const doc: DocumentInfo = { type: str(d.type)!, number: str(d.number) ?? '', date: str(d.date), title: str(d.title), attachment: str(d.attachment) };
  const issuer = str(d.issuer);
  const name = `${documentName(doc)}${issuer ? ` của ${issuer}` : ''}`;
  const fullName = doc.attachment ? `${doc.attachment} ban hành kèm theo ${name}` : name;
  const shortName = doc.number ? `${doc.type} số ${doc.number}` : documentName(doc);
  const notice = statusNotice(shortName, status);
  const tags = stringList(d.tags) ?? [];
  const docTitle = `${documentName(doc)}: ${str(d.title)}`;
  const passages = structure.sections.map<Passage>((s, i) => ({
    id: `${id}/${keys[i]}`,
    kind: 'regulation',
    title: s.title,
    // The document's name is searchable too: "Quyết định 129 quy định gì về thẻ".
    questions: [],
    tags: [...tags, docTitle, ...(doc.attachment ? [doc.attachment] : []), ...(s.chapter ? [s.chapter] : []), ...(s.part ? [s.part] : [])],
    topic: str(d.topic) ?? 'van-ban',
    body: s.text,
    citation: sectionCitation(doc, s),
    summary: d.summary === true,
    file,
    section: { doc, kind: s.kind, number: s.number, title: s.title, scope: s.scope },
    ...(notice ? { notices: [notice] } : {}),
  }));
  return { id: id!, passages, name, fullName, shortName, issuer, status };
}

/**
 * Stable section ids: "dieu-5"; the decision's own articles next to an attached Quy chế: "vb-dieu-1";
 * "phu-luc-i"; headings by their numeral ("muc-ii" for "II. Yêu cầu") or their words. Repeats get "-2".
 */
function sectionKeys(sections: LegalSection[]): string[] {
  const seen = new Map<string, number>();
  return sections.map((s) => {
    const key = sectionKey(s);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}-${n}`;
  });
}

function sectionKey(s: LegalSection): string {
  const prefix = s.scope === 'main' ? 'vb-' : '';
  if (s.kind === 'article') return `${prefix}dieu-${slug(s.number!)}`;
  if (s.kind === 'appendix' && s.number) return `${prefix}phu-luc-${slug(s.number)}`;
  const numeral = /^([IVXLC]+|\d+)[.)]\s/.exec(s.title)?.[1];
  return `${prefix}muc-${slug(numeral ?? s.title).slice(0, 48).replace(/-+$/, '') || 'khac'}`;
}

/** "Mục tiêu chung" -> "muc-tieu-chung". */
function slug(text: string): string {
  return fold(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function emptyLexicon(): LexiconData {
  return { abbreviations: {}, shorthand: {}, synonyms: [], stopwords: [], offTopic: [], places: [], formerPlaces: {} };
}

/** Validates lexicon.yaml entry by entry, with the line of each bad entry. */
export function parseLexicon(file: string, text: string, errors: KnowledgeError[], into: LexiconData): void {
  const read = readYaml(text);
  if ('error' in read) {
    errors.push({ file, line: read.error.line, reason: `YAML sai cú pháp: ${read.error.message}` });
    return;
  }
  const { value: contents, lineOf: nodeLineOf, keyLineOf: keyLineAt } = read.ok;
  const lineOf = (path: YamlPath) => nodeLineOf(path) ?? 1;
  const keyLineOf = (path: YamlPath) => keyLineAt(path) ?? 1;
  if (contents === null) return;
  if (!isMapping(contents)) {
    errors.push({ file, line: 1, reason: `từ điển phải gồm các mục ${[...LEXICON_KEYS].join(', ')}` });
    return;
  }
  for (const [section, value] of Object.entries(contents)) {
    const line = keyLineOf([section]);
    if (!LEXICON_KEYS.has(section)) {
      errors.push({ file, line, reason: `mục "${section}" không được hỗ trợ (dùng: ${[...LEXICON_KEYS].join(', ')})` });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (section === 'abbreviations' || section === 'shorthand') {
      if (!isMapping(value)) {
        errors.push({ file, line, reason: `mục "${section}" phải gồm các dòng "viết tắt: dạng đầy đủ"` });
        continue;
      }
      for (const [key, full] of Object.entries(value)) {
        const from = key.trim();
        const to = scalarText(full);
        const entryLine = keyLineOf([section, key]);
        if (!from || !to) errors.push({ file, line: entryLine, reason: `mục ${section}: "${from}" thiếu dạng đầy đủ` });
        else if (/\s/.test(from)) errors.push({ file, line: entryLine, reason: `mục ${section}: "${from}" phải là một từ` });
        else if (from !== from.toLowerCase()) errors.push({ file, line: entryLine, reason: `mục ${section}: "${from}" phải viết thường` });
        else into[section][from] = to;
      }
    } else if (section === 'synonyms') {
      if (!Array.isArray(value)) {
        errors.push({ file, line, reason: 'mục "synonyms" phải là danh sách các nhóm [cách nói 1, cách nói 2, ...]' });
        continue;
      }
      value.forEach((group: unknown, i) => {
        const phrases = Array.isArray(group) ? group.map(scalarText) : [];
        if (phrases.length < 2 || phrases.some((p) => !p)) {
          errors.push({ file, line: lineOf([section, i]), reason: 'nhóm đồng nghĩa cần ít nhất hai cách nói, không để trống' });
        } else into.synonyms.push(phrases);
      });
    } else if (section === 'smalltalk') {
      if (!isMapping(value)) {
        errors.push({ file, line, reason: 'mục "smalltalk" phải gồm các dòng "loại: [cụm, …]"' });
        continue;
      }
      const kinds: readonly string[] = SMALLTALK_LISTS;
      for (const [key, list] of Object.entries(value)) {
        const kind = key.trim();
        const entryLine = keyLineOf([section, key]);
        const phrases = Array.isArray(list) ? list.map(scalarText) : [];
        if (!kinds.includes(kind)) errors.push({ file, line: entryLine, reason: `smalltalk: loại "${kind}" không được hỗ trợ (dùng: ${kinds.join(', ')})` });
        else if (phrases.length === 0 || phrases.some((p) => !p)) errors.push({ file, line: entryLine, reason: `smalltalk: "${kind}" cần danh sách cụm, không để trống` });
        else (into.smalltalk ??= {})[kind as keyof NonNullable<LexiconData['smalltalk']>] = phrases;
      }
    } else if (section === 'answerTypes') {
      if (!isMapping(value)) {
        errors.push({ file, line, reason: 'mục "answerTypes" phải gồm các dòng "loại: [cụm hỏi, …]"' });
        continue;
      }
      for (const [key, list] of Object.entries(value)) {
        const type = key.trim();
        const entryLine = keyLineOf([section, key]);
        const cues = Array.isArray(list) ? list.map(scalarText) : [];
        if (!(ANSWER_TYPES as readonly string[]).includes(type)) errors.push({ file, line: entryLine, reason: `answerTypes: loại "${type}" không được hỗ trợ (dùng: ${ANSWER_TYPES.join(', ')})` });
        else if (cues.length === 0 || cues.some((c) => !c)) errors.push({ file, line: entryLine, reason: `answerTypes: "${type}" cần danh sách cụm hỏi, không để trống` });
        // A sign is no word of a question ("bao nhiêu %" would be read "bao nhiêu": every count would ask a share).
        else if (cues.some((c) => /[^\p{L}\p{N}\s$…]/u.test(c))) errors.push({ file, line: entryLine, reason: `answerTypes: cụm hỏi "${cues.find((c) => /[^\p{L}\p{N}\s$…]/u.test(c))}" chỉ được gồm chữ và số, "…" (chữ ở giữa tùy ý) và "$" (ký hiệu như % bị bỏ khi đọc câu hỏi)` });
        else (into.answerTypes ??= {})[type as AnswerType] = cues;
      }
    } else if (section === 'offTopic' || section === 'places' || section === 'documentKinds' || section === 'notDocumentKind' || section === 'notDocumentName' || section === 'definitionCues') {
      if (!Array.isArray(value)) {
        errors.push({ file, line, reason: `mục "${section}" phải là danh sách cụm từ` });
        continue;
      }
      value.forEach((phrase: unknown, i) => {
        // "- Thái Nguyên: [Bắc Kạn]": today's province and the former provinces merged into it.
        if (section === 'places' && isMapping(phrase)) {
          const pairs = Object.entries(phrase);
          const today = pairs[0]?.[0].trim() ?? '';
          const formerList = pairs[0]?.[1];
          const olds = Array.isArray(formerList) ? formerList.map(scalarText) : [];
          if (pairs.length !== 1 || !today || olds.length === 0 || olds.some((o) => !o)) {
            errors.push({ file, line: lineOf([section, i]), reason: 'mục "places": tỉnh sau sáp nhập ghi "- Tên hiện nay: [tỉnh cũ 1, tỉnh cũ 2]"' });
            return;
          }
          (into.places ??= []).push(today);
          (into.formerPlaces ??= {})[today] = olds;
          return;
        }
        const p = scalarText(phrase);
        if (!p) errors.push({ file, line: lineOf([section, i]), reason: `mục "${section}" có cụm từ trống` });
        else (into[section] ??= []).push(section === 'places' ? p : p.toLowerCase());
      });
    } else {
      if (!Array.isArray(value)) {
        errors.push({ file, line, reason: 'mục "stopwords" phải là danh sách từ' });
        continue;
      }
      value.forEach((word: unknown, i) => {
        const w = scalarText(word).toLowerCase();
        if (!w) errors.push({ file, line: lineOf([section, i]), reason: 'stopword trống' });
        else if (NEGATIONS.has(nfc(w))) {
          errors.push({ file, line: lineOf([section, i]), reason: `"${w}" mang nghĩa phủ định/bắt buộc, không được là stopword` });
        } else into.stopwords.push(w);
      });
    }
  }
}
