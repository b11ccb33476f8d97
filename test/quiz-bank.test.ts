import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { KnowledgeError } from '../src/knowledge/types.js';
import { checkAgainstKnowledge, LIMITS, loadQuizBank, normalizeForMatch, parseQuizFile } from '../src/quiz/bank.js';

describe('the question bank in knowledge/quiz', async () => {
  const knowledge = await loadKnowledge('knowledge');
  const bank = await loadQuizBank('knowledge');
  const passages = new Map(knowledge.passages.map((p) => [p.id, p]));

  it('has at least 80 items across the required topics', () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(80);
    const topics = new Set(bank.items.map((i) => i.topic));
    for (const t of ['van-hoa-cong-so', 'van-hoa-cong-vu', 'cai-cach-hanh-chinh', 'khanh-hoa-1718', 'dia-phuong']) expect(topics).toContain(t);
  });

  it('every item tests a passage that exists and states its right answer', () => {
    for (const item of bank.items) {
      const passage = passages.get(item.tests);
      expect(passage, `${item.file}:${item.line} ${item.id} → ${item.tests}`).toBeDefined();
      const text = normalizeForMatch(`${passage!.title}\n${passage!.body}\n${passage!.citation}`);
      expect(text.includes(normalizeForMatch(item.key)), `${item.id}: "${item.key}" in ${item.tests}`).toBe(true);
    }
    expect(checkAgainstKnowledge(bank, knowledge.passages)).toEqual([]);
  });

  it('fits Telegram quiz limits', () => {
    for (const item of bank.items) {
      expect(item.question.length).toBeLessThanOrEqual(LIMITS.question);
      expect(item.explanation.length).toBeLessThanOrEqual(LIMITS.explanation);
      expect(item.options.length).toBeGreaterThanOrEqual(2);
      expect(item.options.length).toBeLessThanOrEqual(4);
      for (const o of item.options) expect(o.length).toBeLessThanOrEqual(LIMITS.option);
      expect(item.correct).toBeGreaterThanOrEqual(0);
      expect(item.correct).toBeLessThan(item.options.length);
    }
  });

  it('spreads the right answers over the option positions', () => {
    const positions = new Set(bank.items.map((i) => i.correct));
    expect(positions.size).toBe(4);
  });

  it('reports a missing passage and a key the passage does not state, with file and line', () => {
    const [a, b] = bank.items;
    const broken = { items: [{ ...a!, tests: 'khong-co-muc-nay' }, { ...b!, key: 'cụm từ không có ở đâu' }], byId: new Map() };
    const errors = checkAgainstKnowledge(broken, knowledge.passages);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ file: a!.file, line: a!.line });
    expect(errors[0]!.reason).toContain('khong-co-muc-nay');
    expect(errors[1]!.reason).toContain('cụm từ không có ở đâu');
  });
});

describe('parseQuizFile', () => {
  const parse = (text: string) => {
    const errors: KnowledgeError[] = [];
    const items = parseQuizFile('quiz/x.yaml', text, errors);
    return { items, errors };
  };
  const good = `topic: thu
items:
  - id: cau-1
    question: Hỏi gì?
    options: [Một, Hai]
    answer: b
    explanation: Vì thế.
    tests: faq-1
    key: hai
    difficulty: de
`;

  it('reads a valid item; the answer letter is case-insensitive', () => {
    const { items, errors } = parse(good);
    expect(errors).toEqual([]);
    expect(items[0]).toMatchObject({ id: 'cau-1', topic: 'thu', correct: 1, options: ['Một', 'Hai'], line: 3 });
  });

  it('gives the line and a Vietnamese reason for each problem', () => {
    const text = good
      .replace('answer: b', 'answer: E')
      .replace('options: [Một, Hai]', `options: [Một, Một, "${'x'.repeat(101)}", Bốn, Năm]`)
      .replace('difficulty: de', 'difficulty: rat-kho\n    extra: 1');
    const { items, errors } = parse(text);
    expect(items).toEqual([]);
    const reasons = errors.map((e) => `${e.line}: ${e.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^11: khóa "extra"/),
        expect.stringMatching(/^5: phương án "Một" bị lặp/),
        expect.stringMatching(/^5: phương án dài 101 ký tự/),
        expect.stringMatching(/^5: cần từ 2 đến 4 phương án/),
        expect.stringMatching(/^6: "answer" phải là chữ cái/),
        expect.stringMatching(/^10: "difficulty" phải là/),
      ]),
    );
  });

  it('rejects an explanation over Telegram limits and a missing field', () => {
    const text = good.replace('explanation: Vì thế.', 'explanation: "a\\nb\\nc\\nd"').replace('    key: hai\n', '');
    const { errors } = parse(text);
    expect(errors.map((e) => e.reason)).toEqual(expect.arrayContaining([expect.stringContaining('xuống dòng'), expect.stringContaining('thiếu "key"')]));
  });

  it('reports broken YAML with its line instead of throwing', () => {
    const { errors } = parse('topic: a\nitems:\n  - id: [\n');
    expect(errors[0]!.reason).toMatch(/YAML sai cú pháp/);
    expect(errors[0]!.line).toBeGreaterThan(1);
  });
});
