import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_LIMIT } from '../../src/channels/telegram/render.js';
import { BOT, group, Harness, htmlToText, privateChat, user, type BotMessage } from './harness.js';

/** A long FAQ: many paragraphs, one of them longer than a whole Telegram message. */
const STEPS = Array.from({ length: 14 }, (_, i) => `Bước ${i + 1}: đơn vị rà soát hồ sơ lưu trữ, đối chiếu số liệu với sổ theo dõi, ghi rõ người chịu trách nhiệm và thời hạn hoàn thành. Kết quả được tổng hợp vào biểu mẫu chung của cơ quan để báo cáo lãnh đạo.`);
const HUGE = Array.from({ length: 30 }, (_, i) => `Câu ${i + 1} của đoạn dài nói rằng cán bộ phải lưu giữ đầy đủ chứng từ và giải trình khi được yêu cầu.`).join(' ') + ' ' +
  Array.from({ length: 20 }, (_, i) => `Ý bổ sung ${i + 1} nhắc việc công khai kết quả cho người dân theo dõi.`).join(' ');
const LONG_FAQ = `---
id: quy-trinh-bao-cao-tong-ket
title: Quy trình báo cáo tổng kết năm
topic: cong-tac-van-phong
tags: [báo cáo]
questions:
  - Quy trình báo cáo tổng kết năm gồm những bước nào?
source:
  document: Quy chế thử nghiệm
  date: 01/01/2024
---
${STEPS.join('\n\n')}

${HUGE}
`;
const HTML_FAQ = `---
id: the-html-dac-biet
title: Ghi ký hiệu trên biển chức danh
topic: trang-phuc
tags: [biển tên]
questions:
  - Biển chức danh có được ghi ký hiệu đặc biệt không?
source:
  document: Quy chế thử nghiệm
  date: 01/01/2024
---
Được ghi dạng <b>Phòng A & B</b> hoặc <script>x</script>, miễn là rõ ràng.
`;

let h: Harness;
beforeAll(async () => {
  h = await Harness.start({
    prepareKnowledge: async (dir) => {
      await writeFile(path.join(dir, 'faq', 'quy-trinh-bao-cao-tong-ket.md'), LONG_FAQ);
      await writeFile(path.join(dir, 'faq', 'the-html-dac-biet.md'), HTML_FAQ);
    },
  });
});
afterAll(async () => {
  await h?.stop();
});

const officer = user(101, 'Hoa');

describe('Telegram: officials in a private chat', () => {
  it('answers a question with its citation, quoting it, with 👍/👎/ask-a-person buttons', async () => {
    const chat = privateChat(officer);
    const mark = await h.mark();
    const q = await h.send(officer, chat, 'Công chức có phải đeo thẻ khi làm việc không?');
    const [reply] = await h.waitFor(chat.id, mark);
    expect(reply!.parse_mode).toBe('HTML');
    expect(htmlToText(reply!.text)).toContain('Đeo thẻ khi làm việc');
    expect(htmlToText(reply!.text)).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở');
    expect(reply!.text).toContain('<b>Đeo thẻ khi làm việc</b>');
    expect(reply!.reply_parameters?.message_id).toBe(q.message_id);
    const labels = reply!.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual(['👍 Hữu ích', '👎 Chưa đúng', '🙋 Hỏi cán bộ hỗ trợ']);
    for (const b of reply!.reply_markup!.inline_keyboard.flat()) expect(Buffer.byteLength((b as { callback_data: string }).callback_data)).toBeLessThanOrEqual(64);
  });
});

describe('Telegram: officials, more', () => {
  it('/start explains what the bot knows and how to ask', async () => {
    const u = user(102, 'Minh');
    const chat = privateChat(u);
    const mark = await h.mark();
    await h.send(u, chat, '/start');
    const [reply] = await h.waitFor(chat.id, mark);
    const text = htmlToText(reply!.text);
    expect(text).toContain('trợ lý hỏi đáp văn hóa công vụ');
    expect(text).toMatch(/Kho hiện có \d+ câu hỏi đáp và 1 văn bản/);
    expect(text).toContain('/hoi');
  });

  it('stores 👍 feedback once per user', async () => {
    const u = user(103, 'Tâm');
    const chat = privateChat(u);
    const mark = await h.mark();
    await h.send(u, chat, 'Giờ nghỉ trưa có được uống bia không');
    const [answer] = await h.waitFor(chat.id, mark);
    expect(htmlToText(answer!.text)).toContain('Uống rượu bia trong giờ làm việc');
    const up = Harness.data(answer!, '👍');
    await h.press(u, chat, answer!, up);
    await h.until(async () => (await h.store.feedback.readAll()).find((f) => f.userId === '103'), 'feedback stored');
    await h.press(u, chat, answer!, up);
    await h.until(async () => h.callbackAnswers().some((t) => t.includes('đã đánh giá câu trả lời này rồi')), 'second vote refused');
    const mine = (await h.store.feedback.readAll()).filter((f) => f.userId === '103');
    expect(mine).toEqual([expect.objectContaining({ platform: 'telegram', passageId: 'ruou-bia-gio-lam-viec', helpful: true, question: 'Giờ nghỉ trưa có được uống bia không' })]);
  });

  it('offers suggestions as buttons; choosing one answers as a reply to the question', async () => {
    const u = user(104, 'Bình');
    const chat = privateChat(u);
    const mark = await h.mark();
    const q = await h.send(u, chat, 'công chức đeo thẻ và uống rượu bia');
    const [suggest] = await h.waitFor(chat.id, mark);
    expect(htmlToText(suggest!.text)).toContain('Có phải bạn muốn hỏi:');
    const labels = suggest!.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    // the badge entry and its article cite the same source: one of them is offered
    expect(labels).toHaveLength(3);
    expect(labels.filter((l) => /^\d\. (Đeo thẻ khi làm việc|Điều 7\. Thẻ cán bộ, công chức, viên chức \(Quyết định 129.*)$/.test(l))).toHaveLength(1);
    expect(labels.at(-1)).toBe('🙋 Không đúng, hỏi cán bộ hỗ trợ');
    const alcohol = labels.find((l) => l.endsWith('Uống rượu bia trong giờ làm việc'))!;
    const mark2 = await h.mark();
    await h.press(u, chat, suggest!, Harness.data(suggest!, alcohol.slice(0, 2)));
    const [answer] = await h.waitFor(chat.id, mark2);
    expect(htmlToText(answer!.text)).toContain('không được sử dụng đồ uống có cồn trong giờ làm việc');
    expect(htmlToText(answer!.text)).toContain('Nguồn: Quyết định số 1847/QĐ-TTg');
    expect(answer!.reply_parameters?.message_id).toBe(q.message_id);
    expect(Harness.data(answer!, '👍')).toMatch(/^[\w-]{8}:0$/);
  });

  it('answers a photo with a request for text', async () => {
    const u = user(105, 'Khoa');
    const chat = privateChat(u);
    const mark = await h.mark();
    await h.send(u, chat, undefined, { raw: { photo: [{ file_id: 'AgAD1', file_unique_id: 'u1', width: 90, height: 90 }], caption: 'ảnh chụp văn bản' } });
    const [reply] = await h.waitFor(chat.id, mark);
    expect(htmlToText(reply!.text)).toMatch(/chưa nhập câu hỏi|chỉ đọc được chữ/);
  });
});

const g = group(-100500, 'Phòng Nội vụ <UBND>');
const colleague = user(201, 'Dũng');

/** Sends a probe the bot must answer; nothing else may have been said in the chat since `mark`. */
async function expectOnlyProbeAnswered(mark: number): Promise<void> {
  const probe = await h.send(colleague, g, '/hoi Công chức có phải đeo thẻ khi làm việc không?');
  const [only, ...rest] = await h.waitFor(g.id, mark);
  await new Promise((r) => setTimeout(r, 100));
  expect(rest).toEqual([]);
  expect((await h.botMessages(g.id, mark)).length).toBe(1);
  expect(only!.reply_parameters?.message_id).toBe(probe.message_id);
}

describe('Telegram: officials in a group', () => {
  it('answers /hoi as a reply to the question', async () => {
    const mark = await h.mark();
    const q = await h.send(colleague, g, '/hoi Giờ nghỉ trưa có được uống bia không?');
    const [reply] = await h.waitFor(g.id, mark);
    expect(reply!.reply_parameters?.message_id).toBe(q.message_id);
    expect(htmlToText(reply!.text)).toContain('Uống rượu bia trong giờ làm việc');
    expect(reply!.message_thread_id).toBeUndefined();
  });

  it('answers /hoi@TestNameBot and ignores /hoi@OtherBot', async () => {
    const mark = await h.mark();
    const q = await h.send(colleague, g, '/hoi@testnamebot Kết quả giải quyết thủ tục hành chính có phải công khai không?');
    const [reply] = await h.waitFor(g.id, mark);
    expect(reply!.reply_parameters?.message_id).toBe(q.message_id);
    expect(htmlToText(reply!.text)).toContain('Công khai kết quả giải quyết thủ tục hành chính');
    const mark2 = await h.mark();
    await h.send(colleague, g, '/hoi@OtherBot Công chức có phải đeo thẻ không?');
    await expectOnlyProbeAnswered(mark2);
  });

  it('stays silent on chatter, including plain questions not addressed to it', async () => {
    const mark = await h.mark();
    await h.send(colleague, g, 'Trưa nay cả phòng ăn cơm ở đâu nhỉ?');
    await h.send(colleague, g, 'Công chức có phải đeo thẻ khi làm việc không?');
    await h.send(colleague, g, 'Hỏi @someoneelse xem');
    await expectOnlyProbeAnswered(mark);
  });

  it('answers a message that mentions it, without the mention in the question', async () => {
    const mark = await h.mark();
    const q = await h.send(colleague, g, '@TestNameBot cho hỏi công chức có phải đeo thẻ khi làm việc không?');
    const [reply] = await h.waitFor(g.id, mark);
    expect(reply!.reply_parameters?.message_id).toBe(q.message_id);
    expect(htmlToText(reply!.text)).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở');
    const logged = (await h.store.questions.readAll()).at(-1)!;
    expect(logged.question).toBe('cho hỏi công chức có phải đeo thẻ khi làm việc không?');
  });

  it('answers a reply to one of its messages, but not a reply to someone else', async () => {
    const mark = await h.mark();
    await h.send(colleague, g, '/hoi Công chức có phải đeo thẻ khi làm việc không?');
    const [first] = await h.waitFor(g.id, mark);
    const mark2 = await h.mark();
    const q = await h.send(colleague, g, 'Thế giờ nghỉ trưa có được uống bia không?', { replyTo: first });
    const [reply] = await h.waitFor(g.id, mark2);
    expect(reply!.reply_parameters?.message_id).toBe(q.message_id);
    expect(htmlToText(reply!.text)).toContain('Uống rượu bia trong giờ làm việc');

    const other = await h.send(user(202, 'Hà'), g, 'Ai đi họp chiều nay?');
    const mark3 = await h.mark();
    await h.send(colleague, g, 'Tôi đi', { replyTo: other });
    await expectOnlyProbeAnswered(mark3);
  });

  it('"/hoi" sent as a reply to a colleague answers that colleague\'s question', async () => {
    const asked = await h.send(user(203, 'Phúc'), g, 'Công chức có phải đeo thẻ khi làm việc không?');
    const mark = await h.mark();
    await h.send(colleague, g, '/hoi', { replyTo: asked });
    const [reply] = await h.waitFor(g.id, mark);
    expect(reply!.reply_parameters?.message_id).toBe(asked.message_id);
    expect(htmlToText(reply!.text)).toContain('Đeo thẻ khi làm việc');
  });

  it('answers in the forum topic the question came from', async () => {
    const forum = group(-100600, 'Diễn đàn cải cách', true);
    const mark = await h.mark();
    const q = await h.send(colleague, forum, '/hoi Giờ nghỉ trưa có được uống bia không?', { thread: 77 });
    const [reply] = await h.waitFor(forum.id, mark);
    expect(reply!.message_thread_id).toBe(77);
    expect(reply!.reply_parameters?.message_id).toBe(q.message_id);
    // A message in the topic "replies" to the topic's root message: that is not a reply to the bot.
    const mark2 = await h.mark();
    await h.send(colleague, forum, 'chuyện phiếm trong chủ đề', {
      thread: 77,
      replyTo: { message_id: 77, chat: forum, from: { ...BOT, is_bot: false } as never, text: 'Chủ đề', } as never,
    });
    const probe = await h.send(colleague, forum, '/hoi Công chức có phải đeo thẻ khi làm việc không?', { thread: 77 });
    const [only, ...rest] = await h.waitFor(forum.id, mark2);
    expect(rest).toEqual([]);
    expect(only!.reply_parameters?.message_id).toBe(probe.message_id);
  });

  it('falls back to the General topic when the question\'s topic is gone', async () => {
    const forum = group(-100601, 'Diễn đàn cũ', true);
    h.goneTopics.add(88);
    const mark = await h.mark();
    const q = await h.send(colleague, forum, '/hoi Giờ nghỉ trưa có được uống bia không?', { thread: 88 });
    const [reply] = await h.waitFor(forum.id, mark);
    expect(reply!.message_thread_id).toBeUndefined();
    expect(reply!.reply_parameters?.message_id).toBe(q.message_id);
    expect(htmlToText(reply!.text)).toContain('Uống rượu bia trong giờ làm việc');
    expect(h.logs.some((l) => l.includes('forum topic unavailable'))).toBe(true);
  });

  it('/hoi without a question explains how to ask', async () => {
    const mark = await h.mark();
    await h.send(colleague, g, '/hoi');
    const [reply] = await h.waitFor(g.id, mark);
    expect(htmlToText(reply!.text)).toContain('Bạn hãy gõ /hoi kèm câu hỏi');
  });
});

describe('Telegram: rendering of answers', () => {
  it('splits a long answer under 4096 characters at paragraph and sentence boundaries', async () => {
    const u = user(106, 'Quang');
    const chat = privateChat(u);
    const mark = await h.mark();
    const q = await h.send(u, chat, 'Quy trình báo cáo tổng kết năm gồm những bước nào?');
    const parts = await h.waitFor(chat.id, mark, 3);
    await new Promise((r) => setTimeout(r, 100));
    const all = await h.botMessages(chat.id, mark);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const texts = all.map((m) => htmlToText(m.text));
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(texts[0]!.length).toBeGreaterThan(TEXT_LIMIT / 2); // parts are filled, not one per paragraph
    // every part but the last ends a sentence; the next starts a new one
    for (const t of texts.slice(0, -1)) expect(t.trimEnd()).toMatch(/[.!?]$/);
    for (const t of texts.slice(1)) expect(t).toMatch(/^(Bước|Câu|Ý|Nguồn)/);
    // nothing lost, nothing repeated
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    const expected = words([`Quy trình báo cáo tổng kết năm`, ...STEPS, HUGE].join(' '));
    const joined = texts.join('\n\n');
    expect(joined.slice(joined.lastIndexOf('Nguồn:'))).toMatch(/^Nguồn: Quy chế thử nghiệm/);
    expect(words(joined.slice(0, joined.lastIndexOf('Nguồn:')))).toEqual(expected);
    // only the first part quotes the question; only the last has the buttons
    expect(all[0]!.reply_parameters?.message_id).toBe(q.message_id);
    expect(all.slice(1).every((m) => !m.reply_parameters)).toBe(true);
    expect(all.at(-1)!.reply_markup?.inline_keyboard.length).toBe(2);
    expect(all.slice(0, -1).every((m) => !m.reply_markup)).toBe(true);
    expect(parts.length).toBeGreaterThanOrEqual(3);
  });

  it('escapes HTML in an answer', async () => {
    const u = user(107, 'Yến');
    const chat = privateChat(u);
    const mark = await h.mark();
    await h.send(u, chat, 'Biển chức danh có được ghi ký hiệu đặc biệt không?');
    const [reply] = await h.waitFor(chat.id, mark);
    expect(reply!.text).toContain('Được ghi dạng &lt;b&gt;Phòng A &amp; B&lt;/b&gt; hoặc &lt;script&gt;x&lt;/script&gt;');
    expect(reply!.text).not.toContain('<script>');
    expect(htmlToText(reply!.text)).toContain('Được ghi dạng <b>Phòng A & B</b> hoặc <script>x</script>');
  });
});
