import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';
import { KnowledgeInvalidError, type KnowledgeError } from '../src/knowledge/types.js';
import { parseLegalStructure } from '../src/knowledge/legal-structure.js';
import { FIXTURE_KNOWLEDGE, fixtureKnowledgeWith, removeDir } from './helpers/temp.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function errorsFor(files: Record<string, string>): Promise<KnowledgeError[]> {
  const dir = await fixtureKnowledgeWith(files);
  dirs.push(dir);
  try {
    await loadKnowledge(dir);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(KnowledgeInvalidError);
    return (e as KnowledgeInvalidError).errors;
  }
}

const VALID_FAQ = `---
id: vi-du
title: Ví dụ
questions:
  - Câu hỏi ví dụ?
source:
  document: Quyết định số 1847/QĐ-TTg
  date: 27/12/2018
---
Câu trả lời.
`;

describe('knowledge loading', () => {
  it('loads FAQ entries and regulation articles with citations', async () => {
    const k = await loadKnowledge(FIXTURE_KNOWLEDGE);
    expect(k.faqCount).toBe(3);
    expect(k.regulationCount).toBe(1);
    const art = k.passages.find((p) => p.id === 'qd-129-2007/dieu-4')!;
    expect(art.title).toBe('Điều 4. Các hành vi bị cấm');
    expect(art.citation).toBe('Điều 4, Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước ban hành kèm theo Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007');
    const faq = k.passages.find((p) => p.id === 'the-cong-chuc')!;
    expect(faq.citation).toBe('Điều 7, Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước ban hành kèm theo Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007 của Thủ tướng Chính phủ');
    expect(faq.summary).toBe(true);
    expect(k.lexicon.shorthand.ko).toBe('không');
  });

  it('reports a duplicate id with both places', async () => {
    const errors = await errorsFor({ 'faq/a.md': VALID_FAQ, 'faq/b.md': VALID_FAQ });
    expect(errors).toEqual([{ file: 'faq/b.md', line: 2, reason: expect.stringContaining('faq/a.md') }]);
  });

  it('reports missing fields on their lines', async () => {
    const errors = await errorsFor({ 'faq/x.md': '---\nid: x\ntitle: Tiêu đề\n---\nTrả lời\n' });
    expect(errors.map((e) => e.reason)).toEqual([expect.stringContaining('questions'), expect.stringContaining('source')]);
    expect(errors.every((e) => e.file === 'faq/x.md')).toBe(true);
  });

  it('reports an empty answer at the line after the front matter', async () => {
    const errors = await errorsFor({ 'faq/x.md': VALID_FAQ.replace('vi-du', 'x').replace('Câu trả lời.\n', '\n') });
    expect(errors).toEqual([{ file: 'faq/x.md', line: 10, reason: expect.stringContaining('trống') }]);
  });

  it('reports malformed front matter with the YAML line', async () => {
    const errors = await errorsFor({ 'faq/x.md': '---\nid: x\ntitle: [chưa đóng\nquestions: a\n---\nTrả lời\n' });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('faq/x.md');
    expect(errors[0]!.line).toBeGreaterThanOrEqual(3);
    expect(errors[0]!.reason).toContain('YAML');
  });

  it('reports a file without front matter and an unknown key', async () => {
    const errors = await errorsFor({ 'faq/none.md': 'Chỉ có chữ\n', 'faq/typo.md': VALID_FAQ.replace('vi-du', 'typo').replace('title:', 'tittle: x\ntitle:') });
    expect(errors).toContainEqual({ file: 'faq/none.md', line: 1, reason: expect.stringContaining('---') });
    expect(errors).toContainEqual({ file: 'faq/typo.md', line: 3, reason: expect.stringContaining('"tittle"') });
  });

  it('reports unknown and bad lexicon entries, and refuses negations as stop words', async () => {
    const errors = await errorsFor({
      'lexicon.yaml': 'abbreviations:\n  cchc: cải cách hành chính\n  ubnd:\nslang:\n  x: y\nstopwords: [ạ, không]\nsynonyms:\n  - [một]\noffTopic: học sinh\nplaces: [Hà Nội, ""]\n',
    });
    expect(errors).toEqual([
      { file: 'lexicon.yaml', line: 3, reason: expect.stringContaining('"ubnd"') },
      { file: 'lexicon.yaml', line: 4, reason: expect.stringContaining('"slang"') },
      { file: 'lexicon.yaml', line: 6, reason: expect.stringContaining('"không"') },
      { file: 'lexicon.yaml', line: 8, reason: expect.stringContaining('hai cách nói') },
      { file: 'lexicon.yaml', line: 9, reason: expect.stringContaining('"offTopic" phải là danh sách') },
      { file: 'lexicon.yaml', line: 10, reason: expect.stringContaining('"places" có cụm từ trống') },
    ]);
  });

  it('loads nothing when one file is broken', async () => {
    const errors = await errorsFor({ 'regulations/r.md': '---\nid: r\ntype: Quyết định\nnumber: 1/QĐ\ntitle: T\n---\nKhông có điều nào\n' });
    expect(errors).toEqual([{ file: 'regulations/r.md', line: 7, reason: expect.stringContaining('Điều') }]);
  });
});

describe('legal structure', () => {
  it('splits chapters, sections, articles, clauses and points', () => {
    const s = parseLegalStructure(['Chương I', 'QUY ĐỊNH CHUNG', 'Điều 1. Phạm vi', 'Nội dung.', 'Chương II', 'Mục 1. TRANG PHỤC', 'Điều 2. Trang phục', '1. Gọn gàng.', 'a) Áo;', 'b) Quần.', '2. Lịch sự.'].join('\n'));
    expect(s.counts).toEqual({ chapters: 2, parts: 1, articles: 2, clauses: 2, points: 2 });
    expect(s.sections.map((x) => [x.title, x.chapter, x.part])).toEqual([
      ['Điều 1. Phạm vi', 'Chương I QUY ĐỊNH CHUNG', undefined],
      ['Điều 2. Trang phục', 'Chương II', 'Mục 1. TRANG PHỤC'],
    ]);
  });

  it('splits a document without articles by its headings', () => {
    const s = parseLegalStructure('## I. Mục tiêu\nNâng cao năng lực.\n## II. Nhiệm vụ\n1. Tập huấn.\n');
    expect(s.sections.map((x) => x.title)).toEqual(['I. Mục tiêu', 'II. Nhiệm vụ']);
  });
});
