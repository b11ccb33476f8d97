import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/store/atomic.js';
import { SEQUENCE_FILE, TICKETS_FILE, type WriteFile } from '../../src/store/store.js';
import { group, Harness, htmlToText, MOD_CHAT, MODERATOR, privateChat, user, type BotMessage, type TgChat, type TgUser } from './harness.js';

/**
 * Issue 15, points 2–8, over the Bot API emulator: a failed write, a store set aside, a crash
 * between posting and recording, many chats joining at once, queue commands in the wrong
 * place, and chats (not people) trying to act as moderators.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Store writes that can be made to fail, as a full disk does. */
function faultyDisk() {
  let failing: ((file: string, content: string) => boolean) | undefined;
  const write: WriteFile = async (file, content) => {
    if (failing?.(file, content)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await writeAtomic(file, content);
  };
  return {
    write,
    failWhen: (f: (file: string, content: string) => boolean) => (failing = f),
    heal: () => (failing = undefined),
  };
}

const ESCALATED = 'Xe công vụ có được chở người nhà không?';

async function ticketPosts(after = 0): Promise<BotMessage[]> {
  return (await h!.botMessages(MOD_CHAT.id, after)).filter((m) => htmlToText(m.text).startsWith('Phiếu #'));
}

/** Asks in a chat and returns the ticket number the asker was told. */
async function ask(from: TgUser, chat: TgChat, text = ESCALATED): Promise<number> {
  const mark = await h!.mark();
  await h!.send(from, chat, chat.type === 'private' ? text : `/hoi ${text}`);
  const [told] = await h!.waitFor(chat.id, mark);
  const m = /phiếu #(\d+)/.exec(htmlToText(told!.text));
  if (!m) throw new Error(`not escalated: ${told!.text}`);
  return Number(m[1]);
}

/** Waits a little and returns what the bot sent to a chat since `mark` (for "nothing was sent" checks). */
async function quietSince(chatId: number, mark: number): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 300));
  return (await h!.botMessages(chatId, mark)).map((m) => htmlToText(m.text));
}

/** Drops error log lines a test provoked on purpose (the harness fails on any other). */
function forgiveErrors(what: RegExp): void {
  for (let i = h!.logs.length - 1; i >= 0; i--) {
    const line = JSON.parse(h!.logs[i]!) as { level: number; msg?: string };
    if (line.level >= 50 && what.test(line.msg ?? '')) h!.logs.splice(i, 1);
  }
}

describe('Telegram: nothing lost', () => {
  it('a failed write: the moderator is told nothing changed and to retry; the retry reaches the asker', async () => {
    const disk = faultyDisk();
    h = await Harness.start({ write: disk.write });
    const asker = user(1501, 'Hà');
    const g = group(-1001501, 'Phòng Kế hoạch');
    const id = await ask(asker, g);

    disk.failWhen(() => true);
    const mark = await h.mark();
    await h.send(MODERATOR, MOD_CHAT, `/traloi ${id} Không được chở người nhà.`);
    const [told] = await h.waitFor(MOD_CHAT.id, mark);
    expect(htmlToText(told!.text)).toBe(
      `⚠️ Chưa lưu được thao tác với phiếu #${id} (máy chủ không ghi được dữ liệu, ví dụ ổ đĩa đầy). Phiếu chưa thay đổi và người hỏi chưa nhận được gì. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo quản trị viên.`,
    );
    expect(h.core.desk.get(id)!.status).toBe('pending');
    expect(await quietSince(g.id, mark)).toEqual([]);
    // an official's question is still answered meanwhile
    const other = user(1502, 'Bình');
    const mark1 = await h.mark();
    await h.send(other, privateChat(other), 'Công chức có phải đeo thẻ khi làm việc không?');
    const [answer] = await h.waitFor(other.id, mark1);
    expect(htmlToText(answer!.text)).toContain('Đeo thẻ khi làm việc');

    disk.heal();
    const mark2 = await h.mark();
    await h.send(MODERATOR, MOD_CHAT, `/traloi ${id} Không được chở người nhà.`);
    const [delivered] = await h.waitFor(g.id, mark2);
    expect(htmlToText(delivered!.text)).toContain('Không được chở người nhà.');
    const [ack] = await h.waitFor(MOD_CHAT.id, mark2, 1);
    expect(htmlToText(ack!.text)).toBe(`✅ Đã trả lời phiếu #${id} và gửi đến 1 người hỏi.`);
  });

  it('after a damaged store is set aside, numbers go on and an old button or reply acts on nothing', async () => {
    h = await Harness.start();
    const a = group(-1001601, 'Nhóm A');
    const b = group(-1001602, 'Nhóm B');
    const c = group(-1001603, 'Nhóm C');
    const first = await ask(user(1601, 'An'), a);
    const [oldPost] = await ticketPosts();
    expect(htmlToText(oldPost!.text)).toContain(`Phiếu #${first}`);

    // the tickets file is damaged (cut in half): it is set aside at the next start
    await h.restart(async () => {
      const file = path.join(h!.data, TICKETS_FILE);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
    });
    const second = await ask(user(1602, 'Bảo'), b, 'Cán bộ đi nước ngoài có phải xin phép không?');
    expect(second).toBe(first + 1);

    const mark = await h.mark();
    await h.press(MODERATOR, MOD_CHAT, oldPost!, Harness.data(oldPost!, '✍️'));
    await h.until(async () => h!.callbackAnswers().includes(`Không có phiếu #${first}.`), 'old button refused');
    await h.send(MODERATOR, MOD_CHAT, 'Câu trả lời gửi nhầm chỗ', { replyTo: oldPost! });
    const [refused] = await h.waitFor(MOD_CHAT.id, mark);
    expect(htmlToText(refused!.text)).toBe(`Không có phiếu #${first}.`);
    expect(await quietSince(b.id, mark)).toEqual([]);
    expect(h.core.desk.get(second)!.status).toBe('pending');

    // worse: both the tickets file and the sequence are lost, so number #1 is given again; the old post still cannot touch it
    await h.restart(async () => {
      await writeFile(path.join(h!.data, TICKETS_FILE), 'ÿÿÿÿ');
      await rm(path.join(h!.data, SEQUENCE_FILE));
    });
    const reused = await ask(user(1603, 'Chi'), c, 'Có được mặc áo thun khi tiếp công dân không?');
    expect(reused).toBe(first);
    const mark2 = await h.mark();
    await h.press(MODERATOR, MOD_CHAT, oldPost!, Harness.data(oldPost!, '🗑'));
    await h.until(async () => h!.callbackAnswers().some((t) => t.startsWith(`Nút hoặc tin nhắn này thuộc một phiếu #${first} cũ`)), 'stale button refused');
    await h.send(MODERATOR, MOD_CHAT, 'Trả lời cho nhóm A', { replyTo: oldPost! });
    const [stale] = await h.waitFor(MOD_CHAT.id, mark2);
    expect(htmlToText(stale!.text)).toMatch(new RegExp(`^Nút hoặc tin nhắn này thuộc một phiếu #${first} cũ`));
    expect(await quietSince(c.id, mark2)).toEqual([]);
    expect(h.core.desk.get(reused)!.status).toBe('pending');
  });

  it('a crash between posting a ticket and recording the post: the ticket is posted again, and a reply to the lost post still answers', async () => {
    const disk = faultyDisk();
    h = await Harness.start({ write: disk.write });
    const asker = user(1701, 'Dũng');
    const g = group(-1001701, 'Phòng Tài chính');
    // the write that records the post fails: as if the process died right after sending it
    disk.failWhen((file, content) => file.endsWith(TICKETS_FILE) && content.includes('"part":0'));
    const id = await ask(asker, g);
    const [lost] = await h.until(async () => {
      const posts = await ticketPosts();
      return posts.length > 0 && posts;
    }, 'first post');
    await h.until(async () => h!.logs.some((l) => l.includes('ticket post not updated')), 'post not recorded');
    forgiveErrors(/ticket post not updated/);
    expect(h.core.desk.get(id)!.posts).toEqual([]);
    expect(h.core.desk.get(id)!.postIntents).toEqual([expect.objectContaining({ platform: 'telegram' })]);

    disk.heal();
    await h.restart();
    const [, again] = await h.until(async () => {
      const posts = await ticketPosts();
      return posts.length === 2 && posts;
    }, 'ticket posted again after the restart');
    expect(htmlToText(again!.text)).toContain(`Phiếu #${id} · đang chờ`);
    await h.until(async () => h!.core.desk.get(id)!.posts.length === 1, 'new post recorded');
    expect(h.core.desk.get(id)!.postIntents).toBeUndefined();

    const mark = await h.mark();
    await h.send(MODERATOR, MOD_CHAT, 'Không, xe công vụ không chở người nhà.', { replyTo: lost! });
    const [delivered] = await h.waitFor(g.id, mark);
    expect(htmlToText(delivered!.text)).toContain('Không, xe công vụ không chở người nhà.');
    // both posts now show the answer, with the FAQ button
    for (const post of [lost!, again!]) {
      const edited = await h.until(async () => {
        const m = await h!.message(MOD_CHAT.id, post.messageId);
        return htmlToText(m.text).includes('đã trả lời') && m;
      }, `post ${post.messageId} edited`);
      expect(edited.reply_markup!.inline_keyboard.flat().map((x) => x.text)).toEqual(['📚 Thêm vào FAQ']);
    }
  });

  it('one question joined from 20 chats at once: one post, edited once answered, keeping its button', async () => {
    h = await Harness.start();
    const chats = Array.from({ length: 20 }, (_, i) => ({ from: user(1800 + i, `Người ${i}`), chat: group(-1001800 - i, `Nhóm ${i}`) }));
    const mark = await h.mark();
    await Promise.all(chats.map(({ from, chat }) => h!.send(from, chat, `/hoi ${ESCALATED}`)));
    for (const { chat } of chats) await h.waitFor(chat.id, mark);
    const ticket = h.core.desk.pending()[0]!;
    expect(ticket.askers).toHaveLength(20);
    const post = await h.until(async () => {
      const posts = await ticketPosts(mark);
      const last = posts.at(-1);
      return last && htmlToText(last.text).includes('(và 19 người khác hỏi cùng câu)') && posts;
    }, 'the post counts every asker');
    expect(post).toHaveLength(1);
    expect(h.core.desk.get(ticket.id)!.posts).toHaveLength(1);

    const mark2 = await h.mark();
    await h.send(MODERATOR, MOD_CHAT, 'Không được.', { replyTo: post[0]! });
    const [ack] = await h.waitFor(MOD_CHAT.id, mark2);
    expect(htmlToText(ack!.text)).toBe(`✅ Đã trả lời phiếu #${ticket.id} và gửi đến 20 người hỏi.`);
    const edited = await h.until(async () => {
      const m = await h!.message(MOD_CHAT.id, post[0]!.messageId);
      return htmlToText(m.text).includes('đã trả lời') && m;
    }, 'post edited');
    expect(edited.reply_markup!.inline_keyboard.flat().map((x) => x.text)).toEqual(['📚 Thêm vào FAQ']);
    expect(await ticketPosts(mark)).toHaveLength(1);
  });
});

describe('Telegram: who may see and act', () => {
  it('/hangdoi and /thongke in an ordinary group say where to use them and show nothing', async () => {
    h = await Harness.start();
    const asked = group(-1001901, 'Phòng Bí mật');
    await ask(user(1901, 'Giang'), asked);
    const ordinary = group(-1001902, 'Nhóm chung');
    for (const command of ['hangdoi', 'thongke']) {
      const mark = await h.mark();
      await h.send(MODERATOR, ordinary, `/${command}`);
      const [reply] = await h.waitFor(ordinary.id, mark);
      const text = htmlToText(reply!.text);
      expect(text).toMatch(new RegExp(`^Lệnh /${command} chỉ dùng trong nhóm cán bộ hỗ trợ hoặc khi nhắn riêng với bot`));
      expect(text).not.toContain('Phòng Bí mật');
      expect(text).not.toContain(ESCALATED);
    }
    // the same command in the moderators' chat shows the queue
    const mark = await h.mark();
    await h.send(MODERATOR, MOD_CHAT, '/hangdoi');
    const [queue] = await h.waitFor(MOD_CHAT.id, mark);
    expect(htmlToText(queue!.text)).toContain('Phòng Bí mật');
  });

  it('an automatic forward from a linked channel, or a message sent as the group, cannot answer a ticket', async () => {
    h = await Harness.start();
    const g = group(-1002001, 'Phòng Văn thư');
    const id = await ask(user(2001, 'Hoa'), g);
    const channel = { id: -1002999, type: 'channel', title: 'Kênh thông báo' };
    // Telegram's own account posts automatic forwards; it is a "member" of the moderators' chat as far as getChatMember goes
    const telegram = user(777000, 'Telegram');
    h.members.add(777000);
    const anonymous = { id: 1087968824, is_bot: false as const, first_name: 'Group', username: 'GroupAnonymousBot' };
    h.members.add(anonymous.id);
    const attempts: [TgUser, Record<string, unknown>][] = [
      [telegram, { is_automatic_forward: true, sender_chat: channel, forward_origin: { type: 'channel', chat: channel, message_id: 5, date: 1 } }],
      [anonymous, { sender_chat: MOD_CHAT }],
      [MODERATOR, { sender_chat: channel }],
    ];
    for (const [from, raw] of attempts) {
      const mark = await h.mark();
      await h.send(from, MOD_CHAT, `/traloi ${id} Trả lời giả mạo`, { raw });
      const [refused] = await h.waitFor(MOD_CHAT.id, mark);
      expect(htmlToText(refused!.text)).toMatch(/^⛔ Chỉ cán bộ hỗ trợ/);
      expect(await quietSince(g.id, mark)).toEqual([]);
    }
    expect(h.core.desk.get(id)!.status).toBe('pending');
  });

  it('anonymous admins of different groups are rate-limited per group, not together', async () => {
    h = await Harness.start({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const anonymous = { id: 1087968824, is_bot: false as const, first_name: 'Group', username: 'GroupAnonymousBot' };
    const a = group(-1002101, 'Nhóm A');
    const b = group(-1002102, 'Nhóm B');
    const mark = await h.mark();
    for (let i = 0; i < 3; i++) await h.send(anonymous, a, '/hoi Công chức có phải đeo thẻ khi làm việc không?', { raw: { sender_chat: a } });
    const inA = await h.waitFor(a.id, mark, 3);
    expect(htmlToText(inA[2]!.text)).toMatch(/^Bạn đang hỏi hơi nhanh/);
    const mark2 = await h.mark();
    await h.send(anonymous, b, '/hoi Công chức có phải đeo thẻ khi làm việc không?', { raw: { sender_chat: b } });
    const [inB] = await h.waitFor(b.id, mark2);
    expect(htmlToText(inB!.text)).toContain('Đeo thẻ khi làm việc');
  });
});
