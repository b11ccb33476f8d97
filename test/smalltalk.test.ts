import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/app/engine.js';
import { detectSmalltalk } from '../src/answer/smalltalk.js';
import { Analyzer, EMPTY_LEXICON } from '../src/text/analyzer.js';
import { FIXTURE_KNOWLEDGE } from './helpers/temp.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(FIXTURE_KNOWLEDGE);
});

const reason = (q: string) => {
  const d = engine.ask(q);
  return d.status === 'smalltalk' ? d.reason : `not small talk (${d.status})`;
};

describe('small talk as typed in chat groups', () => {
  it.each([
    // stretched letters read as the word
    ['cảm ơnnnn', 'thanks'],
    ['alooo bot ơiii', 'greeting'],
    ['okeeee ad', 'ack'],
    ['byeee mn', 'bye'],
    // chat shorthand read as its words
    ['đc rồi ạ', 'ack'],
    ['e cảm ơn a c ạ', 'thanks'],
    // is anyone there
    ['có ai không', 'greeting'],
    ['bot còn sống không', 'greeting'],
    ['ad có đó k ạ', 'greeting'],
    // a call that only addresses the bot
    ['bot ơi', 'greeting'],
    ['ad ơi ad', 'greeting'],
    // wishes, with their occasion and date
    ['chúc mừng năm mới, an khang thịnh vượng ạ', 'wish'],
    ['chúc mừng ngày nhà giáo việt nam 20-11', 'wish'],
    ['chúc mừng 8/3 các chị em', 'wish'],
    ['happy new year bot', 'wish'],
    ['chúc ad một ngày làm việc hiệu quả', 'wish'],
    // compliments
    ['bot giỏi thế', 'ack'],
    ['bot xịn ghê', 'ack'],
    ['bot trả lời nhanh ghê', 'ack'],
    // laughter in its spellings
    ['hjhj', 'ack'],
    ['ahihi', 'ack'],
    ['keke ad', 'ack'],
    ['hahaha ok', 'ack'],
    // text emoticons and chat placeholders are reactions
    [':D', 'emoji'],
    ['=))', 'emoji'],
    ['^^', 'emoji'],
    [':v :v', 'emoji'],
    ['[Sticker]', 'emoji'],
    ['[Hình ảnh]', 'emoji'],
    ['ok ad :D', 'ack'],
    ['[Sticker] cảm ơn ad', 'thanks'],
    // thanks for what was done, apologies, "I see"
    ['cảm ơn ad đã giải đáp', 'thanks'],
    ['xin lỗi ad em nhắn nhầm', 'ack'],
    ['à ra vậy', 'ack'],
    ['dạ được ạ', 'ack'],
    ['thôi em off đây', 'bye'],
  ])('%s → %s', (q, kind) => {
    expect(reason(q)).toBe(kind);
  });

  it('gives the strongest kind of a message of several: thanks over a call, a goodbye over ok, help over thanks', () => {
    expect(reason('ad ơi cảm ơn nhé')).toBe('thanks');
    expect(reason('ok bye')).toBe('bye');
    expect(reason('cảm ơn, cho mình hỏi tí')).toBe('help');
  });
});

describe('a question around small talk stays a question', () => {
  it.each([
    'chào cờ đầu tuần có bắt buộc không',
    'chúc mừng 8/3 cơ quan liên hoan có được uống bia không',
    'xin chào xin cảm ơn xin lỗi xin phép là 4 xin nào',
    'ok vậy còn rượu bia giờ nghỉ trưa thì sao',
    'bot ơi cq',
    // a wish's words and dates are small talk only after a wish
    'làm việc hiệu quả thế nào',
    '20-11',
    // only a chat app's placeholder in brackets is a reaction
    '[Điều 4]',
  ])('%s', (q) => {
    expect(engine.ask(q).status).not.toBe('smalltalk');
  });

  it('answers the question after stretched thanks', () => {
    expect(engine.ask('cảm ơnnn ad, đeo thẻ có bắt buộc ko')).toMatchObject({ status: 'answered', passage: { id: 'the-cong-chuc' } });
  });
});

describe('small talk words come from the lexicon', () => {
  const talk = new Analyzer({ ...EMPTY_LEXICON, shorthand: { e: 'em' }, smalltalk: { greeting: ['xin chào'], filler: ['em', 'bot'], wish: ['chúc'], wishWords: ['vui vẻ'], placeholder: ['sticker'] } }).smalltalk;

  it('reads only what the lexicon lists', () => {
    expect(detectSmalltalk('xin chàooo bot', talk)).toBe('greeting');
    expect(detectSmalltalk('e xin chào', talk)).toBe('greeting');
    expect(detectSmalltalk('chúc bot vui vẻ', talk)).toBe('wish');
    expect(detectSmalltalk('[sticker]', talk)).toBe('emoji');
    // not listed here, so no small talk
    expect(detectSmalltalk('hello bot', talk)).toBeUndefined();
    expect(detectSmalltalk('[photo]', talk)).toBeUndefined();
    expect(detectSmalltalk('vui vẻ', talk)).toBeUndefined();
  });
});

describe('small talk of the bundled lexicon, round 2 (test/eval/added/smalltalk-*2.jsonl)', async () => {
  const { readFileSync } = await import('node:fs');
  const { parseLexicon } = await import('../src/knowledge/load.js');
  const lexicon = { ...EMPTY_LEXICON };
  parseLexicon('lexicon.yaml', readFileSync('knowledge/lexicon.yaml', 'utf8'), [], lexicon);
  const talk = new Analyzer(lexicon).smalltalk;
  const read = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('//'))
      .map((l) => (JSON.parse(l) as { q: string }).q);

  it('takes no question that opens or closes like small talk for small talk', () => {
    const taken = read('test/eval/added/smalltalk-lookalikes2.jsonl').filter((q) => detectSmalltalk(q, talk));
    expect(taken).toEqual([]);
  });

  it('recognises most chat messages that ask nothing (chit-chat about the weather or lunch is left to a person)', () => {
    const messages = read('test/eval/added/smalltalk-tuning2.jsonl');
    const recognised = messages.filter((q) => detectSmalltalk(q, talk));
    // 112 of 134 when written; a floor, not a target
    expect(recognised.length / messages.length).toBeGreaterThanOrEqual(0.82);
  });

  it('reads a goodbye till tomorrow, asking for anyone there, the bot\'s name and a message sent by mistake as small talk', () => {
    expect(detectSmalltalk('thôi chào nhé, mai hỏi tiếp', talk)).toBe('bye');
    expect(detectSmalltalk('có ai ở đó không', talk)).toBe('greeting');
    expect(detectSmalltalk('bot tên là gì thế', talk)).toBe('help');
    expect(detectSmalltalk('Em xin lỗi, em gửi nhầm tin ạ', talk)).toBe('ack');
    expect(detectSmalltalk('Cảm ơn ad nhiều nhé, giải thích dễ hiểu quá', talk)).toBe('thanks');
    // a question about a name or about receiving citizens is no small talk
    expect(detectSmalltalk('đề án đó tên là gì', talk)).toBeUndefined();
    expect(detectSmalltalk('mai tiếp dân có phải đeo thẻ không', talk)).toBeUndefined();
  });

  it('reads asking what the bot is, what it can answer and who made it as help, not a question on who does a task or what a term means', () => {
    expect(detectSmalltalk('bạn trả lời được những gì vậy', talk)).toBe('help');
    expect(detectSmalltalk('bot này do ai làm thế', talk)).toBe('help');
    expect(detectSmalltalk('bạn là người thật hay máy vậy', talk)).toBe('help');
    expect(detectSmalltalk('bot này là gì thế', talk)).toBe('help');
    expect(detectSmalltalk('hồ sơ này do ai làm', talk)).toBeUndefined();
    expect(detectSmalltalk('tthc là gì', talk)).toBeUndefined();
  });

  it('reads a capitalised name in a wish as the one wished, not as a question word', () => {
    expect(detectSmalltalk('chúc mừng sinh nhật anh Hùng nhé', talk)).toBe('wish');
    expect(detectSmalltalk('chúc mừng sinh nhật anh hùng nhé', talk)).toBeUndefined();
  });
});
