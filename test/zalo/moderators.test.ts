import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ThreadType } from 'zca-js';
import { writeAtomic } from '../../src/store/atomic.js';
import { TICKETS_FILE, type WriteFile } from '../../src/store/store.js';
import { copyOfFixtureKnowledge, removeDir, tempDir } from '../helpers/temp.js';
import { GROUP, groupMessage, harness, MOD_GROUP, MOD_GROUP_ID, MODERATOR_ID, OWN_ID, quoteOf, USER, type Harness } from './helpers.js';

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
  const ticket = h.core.desk.pending()[0]!;
  const post = h.port.sent.find((s) => s.threadId === MOD_GROUP)!;
  return { question, ticket, post };
}

describe('Zalo moderators (translation only: the desk itself is tested in test/conversation.test.ts)', () => {
  it('posts an escalation in the moderators\' group and relays a moderator\'s quote-answer to the asker, quoting and @mentioning them', async () => {
    const h = await setup();
    const { question, ticket, post } = await escalate(h);
    expect(h.port.textsTo(GROUP)[0]).toContain(`(phiếu #${ticket.id})`);
    expect(post.type).toBe(ThreadType.Group);
    expect(post.content.msg).toContain(`Phiếu #${ticket.id} · đang chờ`);
    expect(post.content.msg).toContain(`Câu hỏi: ${UNKNOWN}`);
    expect(post.content.msg).toContain('Nơi hỏi: Zalo, nhóm');
    // the post's buttons are Telegram-only shortcuts: its text says how to answer by typing
    expect(post.content.msg).not.toContain('✍️ Trả lời');
    expect(post.content.msg).toContain(`/traloi ${ticket.id} <nội dung>`);
    expect(h.core.desk.get(ticket.id)!.posts).toEqual([{ platform: 'zalo', chatId: MOD_GROUP, messageId: post.msgId, part: 0 }]);
    h.port.clear();

    const answer = groupMessage('Không. Xe công chỉ dùng cho việc công.', { ...fromModerator, quote: quoteOf(OWN_ID, post.msgId, post.content.msg) });
    await h.receive(answer);

    const t = h.core.desk.get(ticket.id)!;
    expect(t.status).toBe('answered');
    expect(t.answer).toMatchObject({ text: 'Không. Xe công chỉ dùng cho việc công.', by: { platform: 'zalo', id: String(MODERATOR_ID), name: 'Lê Cán Bộ' } });
    const toAsker = h.port.sent.find((s) => s.threadId === GROUP)!;
    expect(toAsker.type).toBe(ThreadType.Group);
    expect(toAsker.content.msg).toContain(`Cán bộ hỗ trợ trả lời câu hỏi của bạn (phiếu #${ticket.id}):`);
    expect(toAsker.content.quote?.msgId).toBe(String(question.data.msgId));
    expect(toAsker.content.mentions).toEqual([{ pos: 0, len: '@Nguyễn Văn An'.length, uid: USER }]);
    expect(toAsker.content.msg.startsWith('@Nguyễn Văn An ')).toBe(true);
    expect(h.port.textsTo(MOD_GROUP)).toEqual([`✅ Đã trả lời phiếu #${ticket.id} và gửi đến 1 người hỏi.`]);
  });

  it('an answer given after the bot restarted still quotes the original question', async () => {
    const kb = await copyOfFixtureKnowledge();
    copies.push(kb);
    const before = await harness(kb, data);
    const { question, ticket, post } = await escalate(before);
    await before.channel.stop();

    // a new process: new store, new channel, nothing in memory but the data directory
    const after = await harness(kb, data, {}, before.dataDir);
    open.push(after);
    expect(after.core.desk.get(ticket.id)!.askers[0]!.zaloQuote).toMatchObject({ msgId: String(question.data.msgId), uidFrom: USER });
    await after.receive(groupMessage('Không. Xe công chỉ dùng cho việc công.', { ...fromModerator, quote: quoteOf(OWN_ID, post.msgId, post.content.msg) }));
    const toAsker = after.port.sent.find((s) => s.threadId === GROUP)!;
    expect(toAsker.content.msg).toContain('Xe công chỉ dùng cho việc công.');
    expect(toAsker.content.quote).toEqual({
      content: `@Trợ lý ${UNKNOWN}`,
      msgType: 'webchat',
      uidFrom: USER,
      msgId: String(question.data.msgId),
      cliMsgId: String(question.data.cliMsgId),
      ts: String(question.data.ts),
      ttl: 0,
    });
  });

  it('a Telegram asker\'s ticket answered in the Zalo moderators\' group goes back to Telegram', async () => {
    const h = await setup();
    const telegramGroup = { platform: 'telegram' as const, id: '-100123', kind: 'group' as const, title: 'Phòng Nội vụ' };
    await h.core.receive({ chat: telegramGroup, sender: { id: '77', name: 'Hoa' }, messageId: '9', text: UNKNOWN, addressed: true });
    await h.channel.idle();
    const post = h.port.sent.find((s) => s.threadId === MOD_GROUP)!;
    expect(post.content.msg).toContain('Nơi hỏi: Telegram, nhóm "Phòng Nội vụ"');
    h.telegram.sent.length = 0;
    await h.receive(groupMessage('Không được.', { ...fromModerator, quote: quoteOf(OWN_ID, post.msgId) }));
    const delivered = h.telegram.sent.find((o) => o.to.id === '-100123')!;
    expect(delivered).toMatchObject({ to: telegramGroup, replyTo: '9' });
    expect(JSON.stringify(delivered.message)).toContain('Không được.');
  });

  it('a non-text reply to a ticket post is refused with a clear message, and nothing changes', async () => {
    const h = await setup();
    const { ticket, post } = await escalate(h);
    h.port.clear();
    await h.receive(groupMessage('', { ...fromModerator, quote: quoteOf(OWN_ID, post.msgId) }));
    expect(h.port.textsTo(MOD_GROUP)).toEqual(['Hiện bot chỉ chuyển được câu trả lời bằng chữ. Bạn hãy gửi lại nội dung trả lời dưới dạng văn bản.']);
    expect(h.core.desk.get(ticket.id)!.status).toBe('pending');
  });

  it('a crash between posting a ticket and recording the post: after a restart on the same data the ticket is posted once more, and a reply to the lost post still answers', async () => {
    const kb = await copyOfFixtureKnowledge();
    copies.push(kb);
    // the write that records the post fails: as if the process died right after sending it
    let failing = true;
    const write: WriteFile = async (file, content) => {
      if (failing && file.endsWith(TICKETS_FILE) && content.includes('"part":0')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      await writeAtomic(file, content);
    };
    const before = await harness(kb, data, {}, undefined, { write });
    const { ticket, post: lost } = await escalate(before);
    expect(before.port.textsTo(MOD_GROUP)).toHaveLength(1);
    // recorded as intended before it was sent, and the post itself not recorded
    expect(before.core.desk.get(ticket.id)!.posts).toEqual([]);
    expect(before.core.desk.get(ticket.id)!.postIntents).toEqual([expect.objectContaining({ platform: 'zalo' })]);
    expect(before.log.lines.some((l) => l.level === 'error' && l.msg === 'ticket post not updated')).toBe(true);
    await before.channel.stop();

    // a new process on the same data directory: the pending ticket is posted again, once
    failing = false;
    const after = await harness(kb, data, {}, before.dataDir, { write });
    open.push(after);
    for (let i = 0; i < 200 && after.core.desk.get(ticket.id)!.posts.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await after.channel.idle();
    const again = after.port.sent.filter((s) => s.threadId === MOD_GROUP);
    expect(again).toHaveLength(1);
    expect(again[0]!.content.msg).toContain(`Phiếu #${ticket.id} · đang chờ`);
    expect(after.core.desk.get(ticket.id)!.posts).toEqual([{ platform: 'zalo', chatId: MOD_GROUP, messageId: again[0]!.msgId, part: 0 }]);
    expect(after.core.desk.get(ticket.id)!.postIntents).toBeUndefined();
    after.port.clear();

    // a moderator answers by quoting the post the store lost: matched by the ticket number in its text
    await after.receive(groupMessage('Không. Xe công chỉ dùng cho việc công.', { ...fromModerator, quote: quoteOf(OWN_ID, lost.msgId, lost.content.msg) }));
    expect(after.core.desk.get(ticket.id)!.status).toBe('answered');
    expect(after.port.textsTo(GROUP)[0]).toContain('Xe công chỉ dùng cho việc công.');
    // nothing is posted a third time
    expect(after.port.sent.filter((s) => s.threadId === MOD_GROUP && s.content.msg.startsWith('Phiếu #'))).toEqual([]);
  });
});
