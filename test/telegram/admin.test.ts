import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, group, Harness, htmlToText, MOD_CHAT, MODERATOR, privateChat, TOKEN, user } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h?.stop();
});

const BROKEN = '---\nid: hong\ntitle: Hỏng\n---\n\n';
const NEW_FAQ = `---
id: gio-lam-viec-mua-he
title: Giờ làm việc mùa hè
topic: ky-luat-ky-cuong
tags: [giờ làm việc]
questions:
  - Giờ làm việc mùa hè bắt đầu lúc mấy giờ?
source:
  document: Quy chế thử nghiệm
  date: 01/01/2024
---
Từ 7 giờ sáng, theo quy chế của cơ quan.
`;

const g = group(-100800, 'Phòng Hành chính');
const officer = user(401, 'Tuấn');

async function ask(u: ReturnType<typeof user>, text: string): Promise<string> {
  const chat = privateChat(u);
  const mark = await h.mark();
  await h.send(u, chat, text);
  const [reply] = await h.waitFor(chat.id, mark);
  return htmlToText(reply!.text);
}

describe('Telegram: admins', () => {
  it('refuses /reload from anyone but an admin, and reloads nothing', async () => {
    const before = h.core.engine.knowledge;
    for (const [who, chat] of [
      [officer, g],
      [MODERATOR, MOD_CHAT],
      [officer, privateChat(officer)],
    ] as const) {
      const mark = await h.mark();
      await h.send(who, chat, '/reload');
      const [reply] = await h.waitFor(chat.id, mark);
      expect(htmlToText(reply!.text)).toBe('⛔ Chỉ quản trị viên mới dùng được lệnh này. Không có gì thay đổi.');
    }
    expect(h.core.engine.knowledge).toBe(before);
  });

  it('an admin /reload with a broken file reports file:line and the old index keeps answering; once fixed, reloads', async () => {
    await writeFile(path.join(h.kb, 'faq', 'hong.md'), BROKEN);
    await writeFile(path.join(h.kb, 'faq', 'gio-lam-viec-mua-he.md'), NEW_FAQ);
    const chat = privateChat(ADMIN);
    const mark = await h.mark();
    await h.send(ADMIN, chat, '/reload');
    const [failed] = await h.waitFor(chat.id, mark);
    const text = htmlToText(failed!.text);
    expect(text).toMatch(/^❌ Không nạp lại được: 3 lỗi\. Bot vẫn trả lời bằng kho tri thức cũ\./);
    expect(text).toContain('• faq/hong.md:1: thiếu "questions"');
    expect(text).toContain('• faq/hong.md:5: câu trả lời trống');

    expect(await ask(officer, 'Công chức có phải đeo thẻ khi làm việc không?')).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở');
    // the new entry is not in the old index
    expect(h.core.engine.passage('gio-lam-viec-mua-he')).toBeUndefined();

    await rm(path.join(h.kb, 'faq', 'hong.md'));
    const mark2 = await h.mark();
    await h.send(ADMIN, chat, '/reload');
    const [ok] = await h.waitFor(chat.id, mark2);
    expect(htmlToText(ok!.text)).toMatch(/^✅ Đã nạp lại kho tri thức: 4 câu hỏi đáp, 1 văn bản \(\d+ đoạn tra cứu\) trong \d+ ms\.$/);
    expect(await ask(user(402, 'Xuân'), 'Giờ làm việc mùa hè bắt đầu lúc mấy giờ?')).toContain('Từ 7 giờ sáng, theo quy chế của cơ quan.');
  });

  it('/thongke in an admin\'s private chat and the moderators\' chat; elsewhere it says where (or ⛔ to others)', async () => {
    const chat = privateChat(ADMIN);
    const mark = await h.mark();
    await h.send(ADMIN, chat, '/thongke');
    const [stats] = await h.waitFor(chat.id, mark);
    const text = htmlToText(stats!.text);
    const total = (await h.store.questions.readAll()).length;
    expect(text).toContain(`Câu hỏi hôm nay: ${total} · tổng: ${total}`);
    expect(text).toContain('Đánh giá: 👍 0 · 👎 0');
    expect(text).toContain('Câu hỏi được chuyển nhiều nhất:');

    const mark2 = await h.mark();
    await h.send(MODERATOR, MOD_CHAT, '/thongke');
    const [inDesk] = await h.waitFor(MOD_CHAT.id, mark2);
    expect(htmlToText(inDesk!.text)).toContain('Thống kê hỏi đáp');

    const mark3 = await h.mark();
    await h.send(ADMIN, g, '/thongke');
    const [where] = await h.waitFor(g.id, mark3);
    expect(htmlToText(where!.text)).toContain('Lệnh /thongke chỉ dùng trong nhóm cán bộ hỗ trợ');
    const mark4 = await h.mark();
    await h.send(officer, g, '/thongke');
    const [refused] = await h.waitFor(g.id, mark4);
    expect(htmlToText(refused!.text)).toContain('⛔');

    const mine = privateChat(officer);
    const mark5 = await h.mark();
    await h.send(officer, mine, '/thongke');
    const [refusedPrivately] = await h.waitFor(mine.id, mark5);
    expect(htmlToText(refusedPrivately!.text)).toContain('⛔');
  });

  it('/id tells the chat, topic and user ids for .env', async () => {
    const forum = group(-100801, 'Diễn đàn', true);
    const mark = await h.mark();
    await h.send(officer, forum, '/id', { thread: 9 });
    const [reply] = await h.waitFor(forum.id, mark);
    const text = htmlToText(reply!.text);
    expect(text).toContain('Mã cuộc trò chuyện (chat id): -100801 (nhóm)');
    expect(text).toContain('TELEGRAM_MODERATOR_CHAT_ID=-100801, TELEGRAM_MODERATOR_THREAD_ID=9');
    expect(text).toContain('Mã chủ đề (thread id): 9');
    expect(text).toContain(`Mã người dùng của bạn (user id): ${officer.id}`);
    expect(reply!.message_thread_id).toBe(9);
  });

  it('sets Vietnamese command menus per scope at start', async () => {
    await h.until(async () => h.logs.some((l) => l.includes('telegram command menus set')), 'menus set');
    const menus = h.calls.filter((c) => c.method === 'setMyCommands').map((c) => c.payload as { scope: { type: string; chat_id?: number }; commands: { command: string; description: string }[] });
    const byScope = (type: string, chat?: number) => menus.find((m) => m.scope.type === type && m.scope.chat_id === chat)!.commands.map((c) => c.command);
    expect(byScope('all_private_chats')).toEqual(['start', 'hoi', 'help', 'id', 'ketqua']);
    expect(byScope('all_group_chats')).toEqual(['hoi', 'help']);
    expect(byScope('chat', MOD_CHAT.id)).toEqual(expect.arrayContaining(['hangdoi', 'traloi', 'boqua', 'themfaq', 'thongke']));
    expect(byScope('chat', MOD_CHAT.id)).not.toContain('reload');
    expect(byScope('chat', ADMIN.id)).toEqual(expect.arrayContaining(['reload', 'thongke', 'hangdoi']));
    expect(menus.flatMap((m) => m.commands).find((c) => c.command === 'hoi')!.description).toBe('Hỏi về văn hóa công vụ, cải cách hành chính');
  });

  it('a button the core no longer knows answers with a pop-up, not an error', async () => {
    const u = user(403, 'Đức');
    const chat = privateChat(u);
    const mark = await h.mark();
    await h.send(u, chat, 'Công chức có phải đeo thẻ khi làm việc không?');
    const [answer] = await h.waitFor(chat.id, mark);
    const stale = { ...answer!, reply_markup: { inline_keyboard: [[{ text: '🙋 Hỏi cán bộ hỗ trợ', callback_data: 'e:unknownK' }]] } };
    const calls = h.calls.length;
    await h.press(u, chat, stale, 'e:unknownK');
    await h.until(async () => h.calls.slice(calls).find((c) => c.method === 'answerCallbackQuery'), 'pop-up');
    expect(h.callbackAnswers().at(-1)).toContain('Lựa chọn này đã cũ');
  });

  it('never logs the token', () => {
    const logs = h.logs.join('');
    expect(logs).toContain('telegram channel started');
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain(TOKEN.split(':')[1]);
  });
});
