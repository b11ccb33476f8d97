import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/app/engine.js';

/** The knowledge base the bot ships with, as a new user meets it. */
const BUNDLED_KNOWLEDGE = fileURLToPath(new URL('../knowledge', import.meta.url));

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(BUNDLED_KNOWLEDGE);
});

/** Answered, or offered first when the confidence falls short of the answer threshold. */
function found(q: string): string | undefined {
  const d = engine.ask(q);
  return d.passage?.id ?? (d.status === 'suggested' ? d.suggestions[0]?.id : undefined);
}

describe('the bundled knowledge base', () => {
  it('answers a question that tells a whole situation around one way of asking', () => {
    const q = 'Sáng nay em vội quá nên quên đeo thẻ, đến cơ quan bị trưởng phòng nhắc trước mặt cả phòng, vậy đi làm mà không đeo thẻ thì có sao không ạ';
    expect(found(q), q).toBe('deo-the-cong-chuc');
    // A long story that names another field is not answered.
    expect(engine.ask('Sáng nay em vội quá nên quên đeo thẻ, đến cơ quan bị trưởng phòng nhắc, mà cho em hỏi mức phạt nồng độ cồn khi lái xe máy là bao nhiêu').status).not.toBe('answered');
  });

  // Known gap: since the answers were rewritten to cite each point, the lunch-break entry (its
  // ways of asking tell of birthdays and afternoons) covers more of this story than the
  // working-hours entry whose way of asking it contains whole. When this starts to pass, make it an it().
  it.fails('answers a story about drinking in working hours with the working-hours entry', () => {
    const q = 'Hôm qua liên hoan sinh nhật sếp, buổi chiều cả phòng còn ngồi uống bia trong giờ làm việc, như thế có vi phạm quy định không';
    expect(found(q), q).toBe('ruou-bia-gio-lam-viec');
  });

  it('takes "may I ask something" as a request for help, not as a question', () => {
    for (const q of ['ad ơi cho e hỏi chút', 'cho mình hỏi tí', 'ad oi cho e hoi xiu']) {
      expect(engine.ask(q), q).toMatchObject({ status: 'smalltalk', reason: 'help' });
    }
    // the filler is dropped, the question around it still answered
    expect(engine.ask('giờ nghỉ trưa làm chút bia đc ko')).toMatchObject({ status: 'answered', passage: { id: 'ruou-bia-gio-nghi-trua' } });
  });

  it('weighs a document by its number, not by the words "quyết định"', () => {
    for (const q of ['quyết định 733 ký bao giờ', 'quyet dinh 733 ky bao gio']) {
      const d = engine.ask(q);
      expect(d.status, q).not.toBe('escalated');
      expect(d.passage?.id ?? d.suggestions[0]?.id, q).toBe('qd-733-phong-trao-thi-dua-van-hoa-cong-so');
      expect(d.suggestions.length, q).toBeLessThanOrEqual(1);
    }
  });

  it('answers no one entry for one word that several entries have alike, nor for a province named alone', () => {
    const number = engine.ask('1718');
    expect(number.status).not.toBe('answered');
    // the choices it offers, if any, are about that plan
    if (number.status === 'suggested') expect(number.suggestions.map((p) => p.id)).toContain('khanh-hoa-de-an-1718');
    expect(engine.ask('Đà Nẵng').status).not.toBe('answered');
    expect(engine.ask('cán bộ ở Đà Nẵng có phải đeo thẻ không')).toMatchObject({ status: 'answered', passage: { id: 'deo-the-cong-chuc' } });
  });

  it('reads "hơi" (a bit) as a hedge, not as the topic: a story of raising one\'s voice at a citizen is offered the conduct entries', () => {
    const q = 'Bà cụ đến làm khai sinh, em hơi to tiếng, có vi phạm gì không';
    expect(engine.ask(q).status, q).toBe('suggested');
    expect(['giao-tiep-ung-xu-chung', 'giao-tiep-voi-nguoi-dan', 'ung-xu-khi-nguoi-dan-buc-xuc']).toContain(found(q));
  });

  it('knows everyday words for arranging an office', () => {
    const d = engine.ask('phòng làm việc được bày biện ntn theo quy chế');
    expect(d.status).not.toBe('escalated');
    expect(d.passage?.id ?? d.suggestions[0]?.id).toBe('sap-xep-phong-lam-viec');
  });
});

describe('the bundled knowledge base and the documents a question names', () => {
  it('does not count the name of the document as what is asked of it', () => {
    const d = engine.ask('Theo Luật Phòng, chống tác hại của rượu, bia thì công chức có phải đeo thẻ ở cơ quan không?');
    const sameLaw = engine.ask('Luật Phòng, chống tác hại của rượu, bia cấm những hành vi nào?');
    expect(d.evidence!.askedCoverage).toBeLessThan(d.evidence!.coverage);
    expect(sameLaw.status).toBe('answered');
  });

  it('finds no article by the number in its label: "15 phút" is not Điều 15', () => {
    const d = engine.ask('bot tính giúp 15% của 3 triệu 2 là bao nhiêu');
    expect(d.passage?.id).not.toBe('qd-129-2007/dieu-15');
  });
});
