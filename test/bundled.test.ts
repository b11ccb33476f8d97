import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/app/engine.js';

/** The knowledge base the bot ships with, as a new user meets it. */
const BUNDLED_KNOWLEDGE = fileURLToPath(new URL('../knowledge', import.meta.url));

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(BUNDLED_KNOWLEDGE);
});

describe('the bundled knowledge base', () => {
  it('takes "may I ask something" as a request for help, not as a question', () => {
    for (const q of ['ad ơi cho e hỏi chút', 'cho mình hỏi tí', 'ad oi cho e hoi xiu']) {
      expect(engine.ask(q), q).toMatchObject({ status: 'smalltalk', reason: 'help' });
    }
    // the filler is dropped, the question around it still answered
    expect(engine.ask('giờ nghỉ trưa làm chút bia đc ko')).toMatchObject({ status: 'answered', passage: { id: 'ruou-bia-gio-nghi-trua' } });
  });

  it('weighs a document by its number, not by the words "quyết định"', () => {
    for (const q of ['quyết định 733 ký bao giờ', 'quyet dinh 733 ky bao gio']) {
      expect(engine.ask(q), q).toMatchObject({ status: 'answered', passage: { id: 'qd-733-phong-trao-thi-dua-van-hoa-cong-so' } });
    }
  });

  it('offers choices for one word that several entries have alike, and answers nothing for a province named alone', () => {
    const number = engine.ask('1718');
    expect(number.status).toBe('suggested');
    expect(number.suggestions.map((p) => p.id)).toContain('khanh-hoa-de-an-1718');
    expect(engine.ask('Đà Nẵng').status).not.toBe('answered');
    expect(engine.ask('cán bộ ở Đà Nẵng có phải đeo thẻ không')).toMatchObject({ status: 'answered', passage: { id: 'deo-the-cong-chuc' } });
  });

  it('knows everyday words for arranging an office', () => {
    expect(engine.ask('phòng làm việc được bày biện ntn theo quy chế')).toMatchObject({ status: 'answered', passage: { id: 'sap-xep-phong-lam-viec' } });
  });
});
