import { buildIndex } from '../src/app/engine.js';
import type { Passage } from '../src/knowledge/types.js';
import { describe, expect, it } from 'vitest';
import { Analyzer, EMPTY_LEXICON, stripAddressing, token } from '../src/text/analyzer.js';
import { fold, hasDiacritics, toneKey, words } from '../src/text/vietnamese.js';

describe('Vietnamese normalization', () => {
  it('gives old and new tone placement the same key', () => {
    expect(toneKey('hoà')).toBe(toneKey('hòa'));
    expect(toneKey('thuỷ')).toBe(toneKey('thủy'));
    expect(toneKey('khoẻ')).toBe(toneKey('khỏe'));
    expect(toneKey('hoá')).not.toBe(toneKey('hoà'));
  });

  it('treats NFD input like NFC', () => {
    const nfd = 'Văn hóa công sở'.normalize('NFD');
    expect(words(nfd)).toEqual(['văn', 'hóa', 'công', 'sở']);
    expect(token(nfd.split(' ')[1]!).key).toBe(token('hóa').key);
  });

  it('folds every diacritic and đ, including the look-alike Ð', () => {
    expect(fold('Đường thuỷ ĐƯỜNG')).toBe('Duong thuy DUONG');
    expect(fold('\u00d0\u00f0')).toBe('Dd');
    expect(hasDiacritics('duong')).toBe(false);
    expect(hasDiacritics('đuong')).toBe(true);
    expect(hasDiacritics('dương')).toBe(true);
    expect(hasDiacritics('dương')).toBe(true); // no lastIndex state between calls
  });

  it('keeps accents apart only when they were typed', () => {
    expect(token('đường').key).not.toBe(token('dương').key);
    expect(token('duong').accented).toBe(false);
  });

  it('strips a leading command or mention', () => {
    expect(stripAddressing('/hoi@congvu_bot đeo thẻ')).toBe('đeo thẻ');
    expect(stripAddressing('@congvu_bot, đeo thẻ?')).toBe('đeo thẻ?');
    expect(stripAddressing('đeo thẻ @ai')).toBe('đeo thẻ @ai');
  });
});

describe('Analyzer', () => {
  const analyzer = new Analyzer({
    abbreviations: { cchc: 'cải cách hành chính' },
    shorthand: { ko: 'không', dc: 'được', 'đc': 'được', mxh: 'mạng xã hội' },
    synonyms: [['rượu bia', 'đồ uống có cồn']],
    stopwords: ['ạ', 'nhé', 'cho', 'hỏi', 'có'],
  });
  const labels = (q: string) => analyzer.concepts(q).map((c) => c.alternatives.map((a) => a.map((t) => t.folded).join(' ')));

  it('expands chat shorthand and keeps negations inside the sentence', () => {
    expect(labels('ko dc đăng mxh ạ')).toEqual([['khong'], ['duoc'], ['dang'], ['mang xa hoi']]);
  });

  it('drops a sentence-final yes/no particle but not a negation', () => {
    expect(labels('có được uống rượu bia không?')).toEqual([['duoc'], ['uong'], ['ruou bia', 'do uong co con']]);
    expect(labels('không được uống')).toEqual([['khong'], ['duoc'], ['uong']]);
  });

  it('groups abbreviations with their full form, both ways', () => {
    expect(labels('CCHC')).toEqual([['cchc', 'cai cach hanh chinh']]);
    expect(labels('cải cách hành chính')).toEqual([['cai cach hanh chinh', 'cchc']]);
  });

  it('indexes folded syllables and adjacent pairs without stop words', () => {
    expect(analyzer.indexTerms('Cho hỏi văn hóa công sở')).toEqual(['van', 'hoa', 'van_hoa', 'cong', 'hoa_cong', 'so', 'cong_so']);
  });

  it('does not count a repeated word twice', () => {
    expect(labels('thẻ thẻ thẻ')).toEqual([['the']]);
  });
});

describe('lexicon groups', () => {
  it('merges lists that share a phrase, so a shorthand target keeps its synonyms', () => {
    const analyzer = new Analyzer({
      ...EMPTY_LEXICON,
      shorthand: { mxh: 'mạng xã hội' },
      synonyms: [['mạng xã hội', 'facebook', 'zalo'], ['lãnh đạo', 'sếp'], ['thủ trưởng', 'lãnh đạo', 'người đứng đầu']],
    });
    const labels = (q: string) => analyzer.concepts(q).map((c) => c.alternatives.map((a) => a.map((t) => t.key).join(' ')).sort());
    const labelKey = (phrase: string) => words(phrase).map((w) => token(w).key).join(' ');
    expect(labels('đăng mxh')[1]).toEqual(['facebook', 'mạng xã hội', 'zalo'].map(labelKey).sort());
    expect(labels('sếp')[0]).toEqual(['lãnh đạo', 'người đứng đầu', 'sếp', 'thủ trưởng'].map(labelKey).sort());
  });
});

describe('words the knowledge base writes without marks', () => {
  const analyzer = new Analyzer({ ...EMPTY_LEXICON, synonyms: [['nhậu', 'uống rượu bia']] });
  analyzer.learnPlainWords(['nhau']);
  const labels = (q: string) => analyzer.concepts(q).map((c) => c.alternatives.length);

  it('takes a bare known word as written when the question has marks elsewhere', () => {
    // "nhau" in a marked sentence is the word "nhau", not "nhậu" typed bare
    expect(labels('đồng nghiệp với nhau')).toEqual([1, 1, 1, 1]);
  });

  it('still reads a question typed without any marks loosely', () => {
    expect(labels('dong nghiep di nhau')).toContain(2);
  });

  it('learns bare words only from texts written with marks, not from a way of asking typed bare', () => {
    const faq = (id: string, questions: string[]): Passage => ({ id, kind: 'faq', title: id, questions, tags: [], body: '', citation: id, summary: true, file: `${id}.md` });
    const lexicon = { ...EMPTY_LEXICON, synonyms: [['nhậu', 'uống rượu bia']] };
    const index = buildIndex({ passages: [faq('a', ['Đi nhậu với đồng nghiệp nhau']), faq('b', ['di nhau voi sep'])], lexicon, faqCount: 2, regulationCount: 0 });
    const nhau = (q: string) => index.analyzer.concepts(q).find((c) => c.alternatives[0]![0]!.folded === 'nhau')!;
    expect(nhau('Đi với nhau').alternatives).toHaveLength(1);
    const onlyBare = buildIndex({ passages: [faq('b', ['di nhau voi sep'])], lexicon, faqCount: 1, regulationCount: 0 });
    expect(onlyBare.analyzer.concepts('Đi với nhau').find((c) => c.alternatives[0]![0]!.folded === 'nhau')!.alternatives).toHaveLength(2);
  });
});
