import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeInvalidError, type KnowledgeError, type Passage } from '../knowledge/types.js';
import { isMapping, readYaml, type YamlPath } from '../knowledge/yaml.js';
import { nfc } from '../text/vietnamese.js';

/** Telegram's quiz-poll limits (Bot API sendPoll): the bank must fit them as written. */
export const LIMITS = { question: 300, option: 100, explanation: 200, explanationLineFeeds: 2, minOptions: 2, maxOptions: 4 } as const;
export const DIFFICULTIES = ['de', 'vua', 'kho'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const QUIZ_DIR = 'quiz';

export interface QuizItem {
  id: string;
  topic: string;
  question: string;
  options: string[];
  /** index of the right option in `options` */
  correct: number;
  /** shown with the right answer (Telegram: the quiz's explanation) */
  explanation: string;
  /** FAQ id or article id ("qd-129-2007/dieu-7") whose text states the right answer */
  tests: string;
  /** phrase of the right answer that the tested passage must contain */
  key: string;
  difficulty: Difficulty;
  file: string;
  line: number;
}

export interface QuizBank {
  items: QuizItem[];
  byId: Map<string, QuizItem>;
}

const FILE_KEYS = new Set(['topic', 'items']);
const ITEM_KEYS = new Set(['id', 'question', 'options', 'answer', 'explanation', 'tests', 'key', 'difficulty', 'topic']);
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LETTERS = 'ABCD';

export function optionLetter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

/** Reads every knowledge/quiz/*.yaml file; either all are valid or KnowledgeInvalidError lists each problem. */
export async function loadQuizBank(knowledgeDir: string): Promise<QuizBank> {
  const errors: KnowledgeError[] = [];
  const items: QuizItem[] = [];
  for (const file of await quizFiles(knowledgeDir)) {
    items.push(...parseQuizFile(file, await readFile(path.join(knowledgeDir, file), 'utf8'), errors));
  }
  const byId = new Map<string, QuizItem>();
  for (const item of items) {
    const other = byId.get(item.id);
    if (other) errors.push({ file: item.file, line: item.line, reason: `id "${item.id}" bị trùng với ${other.file}:${other.line}` });
    else byId.set(item.id, item);
  }
  if (errors.length > 0) throw new KnowledgeInvalidError(errors);
  return { items, byId };
}

async function quizFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(dir, QUIZ_DIR));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names.filter((n) => /\.ya?ml$/.test(n)).map((n) => `${QUIZ_DIR}/${n}`).sort();
}

/** Parses one topic file; each problem goes to `errors` with its line, valid items are returned. */
export function parseQuizFile(file: string, text: string, errors: KnowledgeError[]): QuizItem[] {
  const read = readYaml(text);
  if ('error' in read) {
    errors.push({ file, line: read.error.line, reason: `YAML sai cú pháp: ${read.error.message}` });
    return [];
  }
  const { value: contents, lineOf: nodeLineOf, keyLineOf } = read.ok;
  const lineOf = (path: YamlPath, fallback = 1) => nodeLineOf(path) ?? fallback;
  const fail = (line: number, reason: string) => errors.push({ file, line, reason });
  if (!isMapping(contents)) {
    fail(1, 'tệp câu hỏi phải có "topic" và "items"');
    return [];
  }
  for (const key of Object.keys(contents)) {
    if (!FILE_KEYS.has(key)) fail(keyLineOf([key]) ?? 1, `khóa "${key}" không được hỗ trợ (dùng: topic, items)`);
  }
  const fileTopic = text1(contents.topic);
  const list = contents.items;
  if (!Array.isArray(list)) {
    fail(lineOf(['items']), 'thiếu "items": danh sách câu hỏi');
    return [];
  }
  const items: QuizItem[] = [];
  for (const [i, node] of (list as unknown[]).entries()) {
    const line = lineOf(['items', i]);
    if (!isMapping(node)) {
      fail(line, 'mỗi câu hỏi phải là một mục gồm id, question, options, answer, explanation, tests, key, difficulty');
      continue;
    }
    const before = errors.length;
    for (const key of Object.keys(node)) {
      if (!ITEM_KEYS.has(key)) fail(keyLineOf(['items', i, key]) ?? line, `khóa "${key}" không được hỗ trợ (dùng: ${[...ITEM_KEYS].join(', ')})`);
    }
    const at = (key: string) => lineOf(['items', i, key], line);
    const field = (key: string, label: string, max?: number): string | undefined => {
      const value = text1(node[key]);
      if (!value) fail(at(key), `thiếu "${key}" (${label})`);
      else if (max !== undefined && value.length > max) fail(at(key), `"${key}" dài ${value.length} ký tự, tối đa ${max}`);
      return value;
    };
    const id = field('id', 'mã câu hỏi');
    if (id && !ID_PATTERN.test(id)) fail(at('id'), `id "${id}" chỉ được gồm chữ thường không dấu, số và dấu "-"`);
    const question = field('question', 'câu hỏi', LIMITS.question);
    const explanation = field('explanation', 'giải thích ngắn', LIMITS.explanation);
    if (explanation && explanation.split('\n').length - 1 > LIMITS.explanationLineFeeds) {
      fail(at('explanation'), `"explanation" có quá ${LIMITS.explanationLineFeeds} lần xuống dòng`);
    }
    const tests = field('tests', 'id câu hỏi đáp hoặc điều khoản được kiểm tra');
    const key = field('key', 'cụm từ của đáp án đúng có trong đoạn được kiểm tra');
    const topic = text1(node.topic) ?? fileTopic;
    if (!topic) fail(line, 'thiếu "topic" (chủ đề) ở đầu tệp hoặc trong câu hỏi');

    const optionList = node.options;
    let options: string[] | undefined;
    if (!Array.isArray(optionList)) fail(at('options'), 'thiếu "options": danh sách 2 đến 4 phương án');
    else {
      options = [];
      for (const [j, o] of (optionList as unknown[]).entries()) {
        const value = text1(o);
        const optionLine = () => lineOf(['items', i, 'options', j], line);
        if (!value) fail(optionLine(), 'phương án trống hoặc không phải chữ');
        else if (value.length > LIMITS.option) fail(optionLine(), `phương án dài ${value.length} ký tự, tối đa ${LIMITS.option}`);
        else if (options.includes(value)) fail(optionLine(), `phương án "${value}" bị lặp`);
        else options.push(value);
      }
      if (optionList.length < LIMITS.minOptions || optionList.length > LIMITS.maxOptions) {
        fail(at('options'), `cần từ ${LIMITS.minOptions} đến ${LIMITS.maxOptions} phương án, đang có ${optionList.length}`);
      }
    }
    const answer = text1(node.answer)?.toUpperCase();
    const correct = answer ? LETTERS.indexOf(answer) : -1;
    if (!answer) fail(at('answer'), 'thiếu "answer" (chữ cái của phương án đúng: A, B, C hoặc D)');
    else if (answer.length !== 1 || correct < 0 || (options && correct >= options.length)) {
      fail(at('answer'), `"answer" phải là chữ cái của một phương án (${LETTERS.slice(0, options?.length ?? 4).split('').join(', ')}), đang là "${answer}"`);
    }
    const difficulty = text1(node.difficulty);
    if (!difficulty) fail(at('difficulty'), `thiếu "difficulty" (${DIFFICULTIES.join(', ')})`);
    else if (!(DIFFICULTIES as readonly string[]).includes(difficulty)) fail(at('difficulty'), `"difficulty" phải là một trong ${DIFFICULTIES.join(', ')}`);

    if (errors.length > before) continue;
    items.push({
      id: id!,
      topic: topic!,
      question: question!,
      options: options!,
      correct,
      explanation: explanation!,
      tests: tests!,
      key: key!,
      difficulty: difficulty as Difficulty,
      file,
      line,
    });
  }
  return items;
}

function text1(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? nfc(value.trim()) : undefined;
}

/** Case-, Unicode- and spacing-insensitive form, so a key phrase matches however the passage is typed. */
export function normalizeForMatch(text: string): string {
  return nfc(text).toLowerCase().replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Each item must test a passage that exists and states its right answer's key phrase (in its title, text or citation):
 * a question whose answer the knowledge base does not say would teach something we cannot cite.
 */
export function checkAgainstKnowledge(bank: QuizBank, passages: readonly Passage[]): KnowledgeError[] {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const normalized = new Map<string, string>();
  const textOf = (p: Passage) => {
    let t = normalized.get(p.id);
    if (t === undefined) normalized.set(p.id, (t = normalizeForMatch(`${p.title}\n${p.body}\n${p.citation}`)));
    return t;
  };
  const errors: KnowledgeError[] = [];
  for (const item of bank.items) {
    const passage = byId.get(item.tests);
    if (!passage) {
      errors.push({ file: item.file, line: item.line, reason: `câu "${item.id}": không có câu hỏi đáp hay điều khoản "${item.tests}" trong kho tri thức` });
    } else if (!textOf(passage).includes(normalizeForMatch(item.key))) {
      errors.push({ file: item.file, line: item.line, reason: `câu "${item.id}": "${item.tests}" không chứa cụm từ đáp án "${item.key}"` });
    }
  }
  return errors;
}

/** Loads the bank and checks it against the knowledge base; throws KnowledgeInvalidError with every problem. */
export async function loadCheckedQuizBank(knowledgeDir: string, passages: readonly Passage[]): Promise<QuizBank> {
  const bank = await loadQuizBank(knowledgeDir);
  const errors = checkAgainstKnowledge(bank, passages);
  if (errors.length > 0) throw new KnowledgeInvalidError(errors);
  return bank;
}
