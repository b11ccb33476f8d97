import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ThreadType } from 'zca-js';
import type { Asker, Person } from '../../src/store/store.js';
import { copyOfFixtureKnowledge, removeDir, tempDir } from '../helpers/temp.js';
import { ADMIN_ID, GROUP, groupMessage, harness, MOD_GROUP, MOD_GROUP_ID, MODERATOR_ID, OWN_ID, quoteOf, USER, userMessage, type Harness } from './helpers.js';

let data: string;
const open: Harness[] = [];
const copies: string[] = [];

beforeAll(async () => {
  data = await tempDir('congvu-zalo-mod-');
});

afterEach(async () => {
  for (const h of open.splice(0)) await h.channel.stop();
});

afterAll(async () => {
  for (const dir of copies) await removeDir(dir);
  await removeDir(data);
});

/** Each test gets its own knowledge copy: /themfaq writes into it. */
async function setup(): Promise<Harness> {
  const kb = await copyOfFixtureKnowledge();
  copies.push(kb);
  const h = await harness(kb, data);
  open.push(h);
  return h;
}

const UNKNOWN = 'Xe công vụ có được chở người nhà đi chơi không?';
const fromModerator = { group: MOD_GROUP_ID, from: MODERATOR_ID, name: 'Lê Cán Bộ' };

/** Escalates UNKNOWN from a group; returns the question event and the ticket's post in the moderators' group. */
async function escalate(h: Harness) {
  const question = groupMessage(UNKNOWN, { mentionBot: true });
  await h.receive(question);
  const ticket = h.assistant.desk.pending()[0]!;
  const post = h.port.sent.find((s) => s.threadId === MOD_GROUP)!;
  return { question, ticket, post };
}

describe('Zalo moderators', () => {
  it('posts an escalation in the moderators\' group and relays a moderator\'s quote-answer to the asker', async () => {
    const h = await setup();
    const { question, ticket, post } = await escalate(h);
    expect(h.port.textsTo(GROUP)[0]).toContain(`(phiếu #${ticket.id})`);
    expect(post.type).toBe(ThreadType.Group);
    expect(post.content.msg).toContain(`Phiếu #${ticket.id} · đang chờ`);
    expect(post.content.msg).toContain(`Câu hỏi: ${UNKNOWN}`);
    expect(post.content.msg).toContain('Nơi hỏi: Zalo, nhóm');
    expect(h.assistant.desk.get(ticket.id)!.posts).toEqual([{ platform: 'zalo', chatId: MOD_GROUP, messageId: post.msgId }]);
    h.port.clear();

    const answer = groupMessage('Không. Xe công chỉ dùng cho việc công.', { ...fromModerator, quote: quoteOf(OWN_ID, post.msgId, post.content.msg) });
    await h.receive(answer);

    const t = h.assistant.desk.get(ticket.id)!;
    expect(t.status).toBe('answered');
    expect(t.answer).toMatchObject({ text: 'Không. Xe công chỉ dùng cho việc công.', by: { platform: 'zalo', id: String(MODERATOR_ID), name: 'Lê Cán Bộ' } });
    const toAsker = h.port.sent.find((s) => s.threadId === GROUP)!;
    expect(toAsker.type).toBe(ThreadType.Group);
    expect(toAsker.content.msg).toContain(`Cán bộ hỗ trợ trả lời câu hỏi của bạn (phiếu #${ticket.id}):`);
    expect(toAsker.content.msg).toContain('Xe công chỉ dùng cho việc công.');
    expect(toAsker.content.quote?.msgId).toBe(String(question.data.msgId));
    expect(toAsker.content.mentions).toEqual([{ pos: 0, len: '@Nguyễn Văn An'.length, uid: USER }]);
    expect(toAsker.content.msg.startsWith('@Nguyễn Văn An ')).toBe(true);
    expect(h.port.textsTo(MOD_GROUP)).toEqual([`✅ Đã trả lời phiếu #${ticket.id} và gửi cho 1 người hỏi.`]);
    expect(h.port.reactions).toEqual([{ icon: '/-ok', msgId: String(answer.data.msgId) }]);
  });

  it('/traloi, /hangdoi, /boqua and /themfaq work in the moderators\' group', async () => {
    const h = await setup();
    const { ticket } = await escalate(h);
    await h.receive(groupMessage('Có được nuôi chó mèo trong khuôn viên cơ quan không?', { mentionBot: true }));
    const second = h.assistant.desk.pending()[1]!;
    h.port.clear();

    await h.receive(groupMessage('/hangdoi', fromModerator));
    expect(h.port.textsTo(MOD_GROUP)[0]).toMatch(/^2 câu hỏi đang chờ/);
    expect(h.port.textsTo(MOD_GROUP)[0]).toContain(`#${ticket.id} · 0 phút · Nguyễn Văn An`);

    await h.receive(groupMessage(`/boqua ${second.id} ngoài phạm vi`, fromModerator));
    expect(h.assistant.desk.get(second.id)!.status).toBe('dismissed');
    expect(h.port.textsTo(GROUP).at(-1)).toContain('Lý do: ngoài phạm vi.');

    await h.receive(groupMessage('/traloi', fromModerator));
    expect(h.port.textsTo(MOD_GROUP).at(-1)).toBe('Cú pháp: /traloi <số phiếu> <nội dung trả lời>');
    await h.receive(groupMessage(`/traloi ${ticket.id} Không được dùng xe công vào việc riêng.`, fromModerator));
    expect(h.assistant.desk.get(ticket.id)!.answer?.text).toBe('Không được dùng xe công vào việc riêng.');
    expect(h.port.textsTo(GROUP).at(-1)).toContain('Không được dùng xe công vào việc riêng.');
    await h.receive(groupMessage(`/traloi ${ticket.id} lần nữa`, fromModerator));
    expect(h.port.textsTo(MOD_GROUP).at(-1)).toBe(`Phiếu #${ticket.id} đã được trả lời rồi.`);

    await h.receive(groupMessage(`/themfaq ${ticket.id}`, fromModerator));
    expect(h.port.textsTo(MOD_GROUP).at(-1)).toMatch(/^✅ Đã thêm FAQ ".+" và nạp lại kho/);
    h.port.clear();
    await h.receive(userMessage(UNKNOWN));
    expect(h.port.sent[0]!.content.msg).toContain('Không được dùng xe công vào việc riêng.');
    // answered here: no extra "changed elsewhere" note in the moderators' group
    expect(h.port.textsTo(MOD_GROUP)).toEqual([]);
  });

  it('refuses moderators\' commands outside the moderators\' group, and admin commands to non-admins', async () => {
    const h = await setup();
    const { ticket } = await escalate(h);
    h.port.clear();
    await h.receive(groupMessage(`/traloi ${ticket.id} tôi trả lời bừa`, { mentionBot: true }));
    expect(h.port.textsTo(GROUP)).toEqual(['Lệnh này chỉ dùng trong nhóm cán bộ hỗ trợ (hoặc bởi quản trị viên).']);
    expect(h.assistant.desk.get(ticket.id)!.status).toBe('pending');
    await h.receive(userMessage('/reload'));
    expect(h.port.textsTo(USER)).toEqual(['Lệnh này chỉ dành cho quản trị viên (ZALO_ADMIN_IDS).']);
  });

  it('admins get /reload and /thongke', async () => {
    const h = await setup();
    await h.receive(userMessage('/reload', { from: ADMIN_ID, name: 'Quản trị' }));
    expect(h.port.textsTo(String(ADMIN_ID))[0]).toMatch(/^✅ Đã nạp lại kho tri thức: \d+ câu hỏi đáp/);
    await h.receive(userMessage('/thongke', { from: ADMIN_ID, name: 'Quản trị' }));
    expect(h.port.textsTo(String(ADMIN_ID))[1]).toContain('Thống kê hỏi đáp');
  });

  it('a Zalo ticket answered from the Telegram desk reaches the Zalo asker; the moderators\' group is told', async () => {
    const h = await setup();
    const { question, ticket } = await escalate(h);
    h.port.clear();
    const telegramModerator: Person = { platform: 'telegram', id: '42', name: 'Phạm Telegram' };
    const r = await h.assistant.answerTicket(ticket.id, 'Không, xe công không phục vụ việc riêng.', telegramModerator);
    await h.channel.idle();
    expect(r).toMatchObject({ ok: true, delivered: 1, failed: 0 });
    const toAsker = h.port.sent.find((s) => s.threadId === GROUP)!;
    expect(toAsker.content.msg).toContain('Không, xe công không phục vụ việc riêng.');
    expect(toAsker.content.quote?.msgId).toBe(String(question.data.msgId));
    expect(h.port.textsTo(MOD_GROUP)).toEqual([`Phiếu #${ticket.id} đã được trả lời bởi Phạm Telegram (Telegram): Không, xe công không phục vụ việc riêng.`]);
    expect(h.telegram.delivered).toHaveLength(0);
  });

  it('the reverse: a Telegram asker\'s ticket answered in the Zalo moderators\' group goes back to Telegram', async () => {
    const h = await setup();
    const asker: Asker = { platform: 'telegram', chatId: '-100123', chatKind: 'group', chatTitle: 'Phòng Nội vụ', userId: '77', userName: 'Hoa', messageId: '9', askedAt: new Date().toISOString() };
    const outcome = await h.assistant.ask(UNKNOWN, asker);
    await h.channel.idle();
    const post = h.port.sent.find((s) => s.threadId === MOD_GROUP)!;
    expect(post.content.msg).toContain('Nơi hỏi: Telegram, nhóm "Phòng Nội vụ"');
    await h.receive(groupMessage('Không được.', { ...fromModerator, quote: quoteOf(OWN_ID, post.msgId) }));
    expect(h.telegram.delivered).toHaveLength(1);
    expect(h.telegram.delivered[0]!.to).toMatchObject({ platform: 'telegram', chatId: '-100123' });
    expect(JSON.stringify(h.telegram.delivered[0]!.message)).toContain('Không được.');
    expect(h.assistant.desk.get(outcome.ticket!.id)!.status).toBe('answered');
  });

  it('another asker joining a pending ticket is noted, once, in the moderators\' group', async () => {
    const h = await setup();
    const { ticket } = await escalate(h);
    h.port.clear();
    await h.receive(userMessage(UNKNOWN, { from: 4_000_000_000_000_000_333n, name: 'Võ Thị Cúc' }));
    expect(h.port.textsTo(MOD_GROUP)).toEqual([`Phiếu #${ticket.id} có thêm người hỏi cùng câu (tổng 2 người). Trả lời: /traloi ${ticket.id} <nội dung>`]);
    expect(h.assistant.desk.get(ticket.id)!.askers).toHaveLength(2);
  });
});
