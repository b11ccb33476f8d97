import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/app/engine.js';
import { DEFAULT_THRESHOLDS } from '../src/answer/decide.js';
import { choiceLabel, choicePreview, replyMessage } from '../src/answer/reply.js';
import type { Passage } from '../src/knowledge/types.js';
import { splitMessage, toPlainText, fromMarkdown, paragraphText, type Message } from '../src/answer/message.js';
import { FIXTURE_KNOWLEDGE } from './helpers/temp.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(FIXTURE_KNOWLEDGE);
});

const answeredWith = (q: string) => {
  const d = engine.ask(q);
  return d.status === 'answered' ? d.passage!.id : d.status;
};

describe('decide: chat Vietnamese', () => {
  it.each([
    ['Công chức có phải đeo thẻ khi làm việc không?'],
    ['cong chuc co phai deo the khi lam viec khong'],
    ['Công chức có phải đeo thẻ khi làm việc không?'.normalize('NFD')],
    ['/hoi@congvu_bot cong chuc co phai deo the ko a'],
    ['@congvu_bot đi làm quên đeo thẻ có sao ko nhé'],
    ['cong chuc co phai deo thr khong'], // one-letter typo
    ['CBCC co bat buoc deo the k'],
  ])('answers the badge question: %s', (q) => {
    expect(answeredWith(q)).toBe('the-cong-chuc');
  });

  it('matches old and new tone placement alike', () => {
    const oldStyle = engine.ask('quy chế văn hoá công sở cấm hút thuốc lá ở đâu');
    const newStyle = engine.ask('quy chế văn hóa công sở cấm hút thuốc lá ở đâu');
    expect(oldStyle.passage?.id ?? oldStyle.suggestions[0]?.id).toBe('qd-129-2007/dieu-4');
    expect(oldStyle.score).toBe(newStyle.score);
    expect(oldStyle.status).toBe(newStyle.status);
  });

  it('understands shorthand and synonyms', () => {
    expect(answeredWith('nghi trua di nhau dc ko')).toBe('ruou-bia-gio-lam-viec');
    expect(answeredWith('ket qua giai quyet tthc co phai cong khai ko')).toBe('cong-khai-ket-qua-tthc');
  });

  it('escalates questions that share words with the knowledge base but ask something else', () => {
    for (const q of ['Mức phạt nồng độ cồn khi lái xe máy là bao nhiêu?', 'Đồng phục học sinh tiểu học năm nay thế nào?', 'Văn hóa công sở ở Nhật Bản có gì đặc biệt?', 'thủ tục đăng ký kết hôn cần giấy tờ gì']) {
      expect(engine.ask(q).status, q).toBe('escalated');
    }
  });

  it('names why an answer was blocked', () => {
    // The card entry states no sum of money: a question asking one is not answered from it.
    const money = engine.ask('Không đeo thẻ công chức thì bị phạt bao nhiêu tiền?');
    expect(money.status).not.toBe('answered');
    expect(money.reasons).toContain('answer_type_missing:money');
    // A law the knowledge base does not hold is not answered from another document.
    const law = engine.ask('Theo Luật Cán bộ, công chức 2008 thì công chức phải đeo thẻ không?');
    expect(law.status).toBe('escalated');
    expect(law.reasons).toEqual(['document_not_in_kb']);
    expect(engine.ask('Công chức có phải đeo thẻ khi làm việc không?').reasons).toEqual(['confident']);
  });

  it('treats greetings, thanks, emoji and empty input as small talk', () => {
    expect(engine.ask('chào bot').reason).toBe('greeting');
    expect(engine.ask('cảm ơn ad nhiều ạ').reason).toBe('thanks');
    expect(engine.ask('ok').reason).toBe('ack');
    expect(engine.ask('👍👍').reason).toBe('emoji');
    // a variation selector (the U+FE0F of ❤️) is no word: emoji-only is small talk, never a ticket
    for (const q of ['🙏❤️', '❤️', '👍🏻']) expect(engine.ask(q), q).toMatchObject({ status: 'smalltalk', reason: 'emoji' });
    expect(toPlainText(replyMessage(engine.ask('🙏')))).toBe('🙂 Bạn cần hỏi gì thêm cứ nhắn nhé.');
    expect(engine.ask('   ').reason).toBe('empty');
    for (const q of ['chào bot', 'ok', '👍']) expect(engine.ask(q).status).toBe('smalltalk');
    // laughter and stretched "ok" are chatter, never a ticket
    for (const q of ['hihi', 'haha ad', 'kkk', 'okeee', 'oki nhé']) expect(engine.ask(q).reason).toBe('ack');
    expect(engine.ask('hihi đeo thẻ có bắt buộc không').status).not.toBe('smalltalk');
  });

  it('reads small talk from the lexicon, wishes and goodnights included, and a question after it as a question', () => {
    expect(engine.ask('chúc cả nhà ngày mới vui vẻ').reason).toBe('wish');
    expect(engine.ask('ngủ ngon nhé mọi người').reason).toBe('bye');
    expect(engine.ask('bạn là ai').reason).toBe('help');
    // the thanks or greeting that opens a question is no word of it
    expect(engine.ask('cảm ơn ad, cho em hỏi công chức có phải đeo thẻ khi làm việc không')).toMatchObject({ status: 'answered', passage: { id: 'the-cong-chuc' } });
    expect(engine.ask('chào bot. cong chuc co phai deo the ko')).toMatchObject({ status: 'answered', passage: { id: 'the-cong-chuc' } });
  });

  it('answers with the article the asker names, only when the document is named too', () => {
    expect(engine.ask('điều 4 quy chế văn hóa công sở quy định những gì')).toMatchObject({ status: 'answered', reason: 'cited_article', passage: { id: 'qd-129-2007/dieu-4' } });
    expect(engine.ask('dieu 4 qd 129 noi gi')).toMatchObject({ status: 'answered', passage: { id: 'qd-129-2007/dieu-4' } });
    expect(engine.ask('điều 4 luật đất đai nói gì').reason).not.toBe('cited_article');
  });

  it('sends a huge question to a person instead of searching it', () => {
    const d = engine.ask('đeo thẻ '.repeat(400));
    expect(d).toMatchObject({ status: 'escalated', reason: 'too_long' });
    expect(toPlainText(replyMessage(d, { ticketId: 7 }))).toContain('phiếu #7');
    // npm run ask opens no ticket: it says what would happen instead of promising an answer
    expect(toPlainText(replyMessage(d))).toContain('Trong chat, bot sẽ mở phiếu');
    expect(toPlainText(replyMessage(d))).not.toContain('đã được chuyển');
  });
});

describe('replies', () => {
  it('cites the source and marks summaries', () => {
    const text = toPlainText(replyMessage(engine.ask('cong chuc co phai deo the ko')));
    expect(text).toMatch(/^Đeo thẻ khi làm việc\n\n/);
    expect(text).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước ban hành kèm theo Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007 của Thủ tướng Chính phủ (nội dung tóm tắt');
  });

  it('keeps HTML in answers as literal text and reads **bold** and lists', () => {
    const [p1, p2] = fromMarkdown('Không <b>được</b> & **cấm** hẳn.\n\n- một\n- hai');
    expect(p1).toEqual([{ text: 'Không <b>được</b> & ' }, { text: 'cấm', bold: true }, { text: ' hẳn.' }]);
    expect(paragraphText(p2!)).toBe('• một\n• hai');
  });

  it('splits long messages at paragraph and sentence boundaries within the limit', () => {
    const sentence = 'Cán bộ phải lịch sự với người dân. ';
    const m: Message = { paragraphs: [[{ text: 'Tiêu đề', bold: true }], [{ text: sentence.repeat(150).trim() }], [{ text: 'Nguồn: X' }]] };
    const parts = splitMessage(m, 1000);
    expect(parts.length).toBeGreaterThan(4);
    for (const part of parts) {
      const t = toPlainText(part);
      expect(t.length).toBeLessThanOrEqual(1000);
      expect(t.endsWith('.') || t.endsWith('Tiêu đề') || t.endsWith('Nguồn: X')).toBe(true);
    }
    expect(parts[0]!.paragraphs[0]).toEqual([{ text: 'Tiêu đề', bold: true }]);
    expect(parts.map(toPlainText).join(' ').replace(/\s+/g, ' ')).toBe(toPlainText(m).replace(/\s+/g, ' '));
  });
});

describe('a passage offered as a choice', () => {
  const base = { questions: [], tags: [], citation: '', summary: false, file: 'x.md' };
  const hienPhap = { type: 'Hiến pháp', number: '', date: '28/11/2013', title: 'nước Cộng hòa xã hội chủ nghĩa Việt Nam' };
  it('names an FAQ entry by its title, an article by its title and document, one known by its number alone by its opening words', () => {
    expect(choiceLabel({ ...base, id: 'the', kind: 'faq', title: 'Đeo thẻ khi làm việc', body: 'Có.' } as Passage)).toBe('Đeo thẻ khi làm việc');
    const titled = { ...base, id: 'qd/dieu-7', kind: 'regulation', title: 'Điều 7. Thẻ công chức', body: '1. Cán bộ phải đeo thẻ.', section: { doc: { type: 'Quyết định', number: '129/2007/QĐ-TTg' }, kind: 'article', number: '7', title: 'Điều 7. Thẻ công chức' } };
    expect(choiceLabel(titled as Passage)).toBe('Điều 7. Thẻ công chức (Quyết định 129/2007/QĐ-TTg)');
    const body = 'Chủ tịch nước do Quốc hội bầu trong số đại biểu Quốc hội, chịu trách nhiệm và báo cáo công tác trước Quốc hội.\nNhiệm kỳ của Chủ tịch nước theo nhiệm kỳ của Quốc hội.';
    const untitled = { ...base, id: 'hp/dieu-87', kind: 'regulation', title: 'Điều 87', body, section: { doc: hienPhap, kind: 'article', number: '87', title: 'Điều 87' } };
    expect(choiceLabel(untitled as Passage)).toBe('Điều 87: Chủ tịch nước do Quốc hội bầu trong số đại biểu Quốc hội, chịu trách … (Hiến pháp năm 2013)');
  });

  it('quotes the clause of the first article the question is about, with its place and document; an FAQ entry not at all', () => {
    const doc = { type: 'Luật', number: '02/2011/QH13' };
    const body = '1. Người khiếu nại có các quyền sau đây:\na) Tự mình khiếu nại;\n2. Người khiếu nại có các nghĩa vụ sau đây:\na) Khiếu nại đến đúng người có thẩm quyền giải quyết;';
    const article = { ...base, id: 'luat/dieu-12', kind: 'regulation', title: 'Điều 12. Quyền, nghĩa vụ của người khiếu nại', body, section: { doc, kind: 'article', number: '12', title: 'Điều 12. Quyền, nghĩa vụ của người khiếu nại' } } as Passage;
    // every word asked is in the title: the title's words still tell the clauses apart
    expect(paragraphText(choicePreview([article], 'Người khiếu nại có những nghĩa vụ gì?')!)).toBe(
      'Khoản 2 Điều 12 (Luật 02/2011/QH13) có đoạn: “Người khiếu nại có các nghĩa vụ sau đây: a) Khiếu nại đến đúng người có thẩm quyền giải quyết;”',
    );
    expect(paragraphText(choicePreview([article], 'điều 12 nói gì')!)).toMatch(/^Điều 12 \(Luật 02\/2011\/QH13\) có đoạn: “1\. Người khiếu nại có các quyền/);
    expect(choicePreview([{ ...base, id: 'the', kind: 'faq', title: 'Đeo thẻ khi làm việc', body: 'Có.' } as Passage, article], 'nghĩa vụ')).toBeUndefined();
  });
});

