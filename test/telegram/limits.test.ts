import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Harness, htmlToText, MOD_CHAT, privateChat, user } from './harness.js';

/** A bot with a tight rate limit and no moderators' chat (admins act as moderators). */
let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ rateLimit: { limit: 3, windowMs: 60_000 }, moderatorChat: false });
});
afterAll(async () => {
  await h?.stop();
});

describe('Telegram: rate limiting', () => {
  it('answers a flooder once with a polite notice, then drops the rest; others are unaffected', async () => {
    const flooder = user(501, 'Nhanh');
    const chat = privateChat(flooder);
    const mark = await h.mark();
    for (let i = 0; i < 5; i++) await h.send(flooder, chat, 'Công chức có phải đeo thẻ khi làm việc không?');
    await h.send(flooder, chat, '/help'); // commands count too
    await h.waitFor(chat.id, mark, 4);
    await new Promise((r) => setTimeout(r, 300));
    const texts = (await h.botMessages(chat.id, mark)).map((m) => htmlToText(m.text));
    expect(texts).toHaveLength(4);
    expect(texts.slice(0, 3).every((t) => t.includes('Đeo thẻ khi làm việc'))).toBe(true);
    expect(texts[3]).toBe('Bạn đang hỏi hơi nhanh 🙂 Mình xin phép tạm nghỉ một chút: vui lòng đợi khoảng nửa phút rồi hỏi tiếp nhé.');
    expect((await h.store.questions.readAll()).filter((q) => q.userId === '501')).toHaveLength(3);

    const other = user(502, 'Chậm');
    const mark2 = await h.mark();
    await h.send(other, privateChat(other), 'Giờ nghỉ trưa có được uống bia không');
    const [answer] = await h.waitFor(other.id, mark2);
    expect(htmlToText(answer!.text)).toContain('Uống rượu bia trong giờ làm việc');
  });
});

describe('Telegram: without a moderators\' chat', () => {
  it('escalates without posting, and an admin answers privately with /traloi', async () => {
    const asker = user(503, 'Hằng');
    const chat = privateChat(asker);
    const mark = await h.mark();
    const q = await h.send(asker, chat, 'Giá vàng hôm nay bao nhiêu?');
    await h.waitFor(chat.id, mark);
    const ticket = h.store.data.tickets.at(-1)!;
    expect(ticket.posts).toEqual([]);
    expect(await h.botMessages(MOD_CHAT.id)).toEqual([]);

    const adminChat = privateChat(ADMIN);
    const mark2 = await h.mark();
    await h.send(ADMIN, adminChat, `/traloi #${ticket.id} Theo Luật Quản lý, sử dụng tài sản công.`);
    const [toAsker] = await h.waitFor(chat.id, mark2);
    expect(htmlToText(toAsker!.text)).toContain('Theo Luật Quản lý, sử dụng tài sản công.');
    expect(toAsker!.reply_parameters?.message_id).toBe(q.message_id);
    const [ack] = await h.waitFor(adminChat.id, mark2);
    expect(htmlToText(ack!.text)).toBe(`✅ Đã trả lời phiếu #${ticket.id} và gửi đến 1 người hỏi.`);
    // a member check is impossible without a moderators' chat: nobody else is a moderator
    expect(h.calls.some((c) => c.method === 'getChatMember')).toBe(false);
  });

  it('alertAdmins messages each admin privately', async () => {
    const mark = await h.mark();
    await h.core.alertAdmins('Phiên Zalo đã bị đăng xuất.');
    const [alert] = await h.waitFor(ADMIN.id, mark);
    expect(htmlToText(alert!.text)).toBe('⚠️ Cảnh báo vận hành: Phiên Zalo đã bị đăng xuất.');
  });
});

describe('Telegram: stop', () => {
  it('stops polling', async () => {
    await h.running!.stop();
    h.running = undefined;
    const polls = h.calls.filter((c) => c.method === 'getUpdates').length;
    await new Promise((r) => setTimeout(r, 150));
    expect(h.calls.filter((c) => c.method === 'getUpdates').length).toBe(polls);
  });
});
