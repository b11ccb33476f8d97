import { mkdir, writeFile } from 'node:fs/promises';
import { installQuiz, textItemPoster } from '../src/app/quiz.js';
import { ZaloQuizPort, type ZaloQuizApi } from '../src/channels/zalo/quiz.js';
import { loadCheckedQuizBank } from '../src/quiz/bank.js';
import { QuizService } from '../src/quiz/service.js';
import { MemoryQuizStore } from '../src/quiz/store.js';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toPlainText } from '../src/answer/message.js';
import { DEFAULT_THRESHOLDS } from '../src/answer/decide.js';
import { commandMenu } from '../src/app/commands.js';
import { Conversation } from '../src/app/conversation.js';
import { Engine } from '../src/app/engine.js';
import { ConversationMemory } from '../src/app/memory.js';
import type { ChannelSink, ChatRef, Inbound, Outbound } from '../src/app/types.js';
import { Desk } from '../src/desk/desk.js';
import type { Platform } from '../src/store/store.js';
import { Store } from '../src/store/store.js';
import { CHANNEL_THRESHOLDS, copyOfFixtureKnowledge, removeDir, tempDir } from './helpers/temp.js';

/**
 * The conversation core without any network: inbounds in, outbounds out, across
 * platforms. Fake channels only record what they are asked to send and hand out message ids.
 */

const dirs: string[] = [];
const cores: Conversation[] = [];
afterEach(async () => {
  // the conversation state is saved shortly after each change: save it now, then remove the directories
  for (const c of cores.splice(0)) await c.close();
  await Promise.all(dirs.splice(0).map(removeDir));
});

const silent = { info: () => {}, warn: () => {}, error: () => {} };

const TG_MODS: ChatRef = { platform: 'telegram', id: '-100900', kind: 'group', title: 'Cán bộ hỗ trợ' };
const ZALO_MODS: ChatRef = { platform: 'zalo', id: '6111', kind: 'group', title: 'Hỗ trợ Zalo' };
const TG_ADMIN = '9001';
const ZALO_ADMIN = '4999';

class FakeSink implements ChannelSink {
  readonly sent: Outbound[] = [];
  private seq = 1000;
  members = new Set<string>();
  constructor(
    readonly platform: Platform,
    readonly editsPosts: boolean,
    readonly moderatorsChat?: ChatRef,
  ) {}
  async isModeratorMember(userId: string): Promise<boolean> {
    return this.members.has(userId);
  }
  async send(out: Outbound): Promise<string[]> {
    this.sent.push(out);
    return out.edit || out.toast ? [] : [String(this.seq++)];
  }
  /** what went to one chat, as plain text */
  textsTo(chatId: string): string[] {
    return this.sent.filter((o) => o.to.id === chatId && !o.edit).map((o) => toPlainText(o.message));
  }
}

async function setup(options: { data?: string; kb?: string } = {}) {
  const kb = options.kb ?? (await copyOfFixtureKnowledge());
  const data = options.data ?? (await tempDir());
  if (!options.kb) dirs.push(kb);
  if (!options.data) dirs.push(data);
  const store = await Store.open(data);
  const memory = await ConversationMemory.open({ file: path.join(data, 'conversations.json') });
  const core = new Conversation({
    engine: await Engine.open(kb, { ...DEFAULT_THRESHOLDS, ...CHANNEL_THRESHOLDS }),
    desk: new Desk(store),
    memory,
    log: silent,
    admins: { telegram: [TG_ADMIN], zalo: [ZALO_ADMIN], console: ['local'] },
  });
  cores.push(core);
  const telegram = new FakeSink('telegram', true, TG_MODS);
  const zalo = new FakeSink('zalo', false, ZALO_MODS);
  const consoleSink = new FakeSink('console', false);
  core.attach(telegram);
  core.attach(zalo);
  core.attach(consoleSink);
  return { core, telegram, zalo, console: consoleSink, store, memory, kb, data };
}

let msg = 1;
function inbound(chat: ChatRef, sender: { id: string; name?: string; automatic?: boolean }, text: string, extra: Partial<Inbound> = {}): Inbound {
  return {
    chat,
    sender: { name: `Người ${sender.id}`, ...sender },
    messageId: String(msg++),
    text,
    addressed: chat.kind === 'private',
    ...extra,
  };
}

const zaloGroup: ChatRef = { platform: 'zalo', id: '5987', kind: 'group', title: 'Phòng Nội vụ' };
const tgPrivate = (id: string): ChatRef => ({ platform: 'telegram', id, kind: 'private' });
const consoleChat: ChatRef = { platform: 'console', id: 'console', kind: 'private' };
const UNKNOWN = 'Xe công vụ có được chở người nhà đi chơi không?';
const TWO_TOPICS = 'công chức đeo thẻ và uống rượu bia';

describe('conversation core', () => {
  it('a Zalo question escalated from its suggestions is answered on Telegram, and the answer goes back to Zalo', async () => {
    const { core, telegram, zalo } = await setup();
    // In a Zalo group, a question that mentions the bot gets suggestions with "hand to a person".
    const q = inbound(zaloGroup, { id: '4001', name: 'Nguyễn Văn An' }, TWO_TOPICS, { addressed: true });
    const [suggest] = await core.handle(q);
    expect(toPlainText(suggest!.message)).toBe('Có phải bạn muốn hỏi:');
    expect(suggest!.choices!.map((c) => c.key)).toEqual(['1', '2', '0']);
    expect(suggest!.choices!.map((c) => c.label)).toContain('Uống rượu bia trong giờ làm việc');
    expect(suggest!.choices!.at(-1)!.label).toBe('Không đúng, hỏi cán bộ hỗ trợ');
    // the Zalo channel sends it (as numbered lines) and reports the message id
    const [listId] = await zalo.send(suggest!);
    await core.sent(suggest!, [listId!]);

    // The asker quotes the list with "0": a ticket, posted in both moderators' chats.
    await core.receive(inbound(zaloGroup, { id: '4001', name: 'Nguyễn Văn An' }, '0', { addressed: true, replyTo: { messageId: listId!, fromBot: true } }));
    const ticket = core.desk.pending()[0]!;
    expect(ticket).toMatchObject({ question: TWO_TOPICS, askers: [expect.objectContaining({ platform: 'zalo', chatId: '5987', messageId: q.messageId })] });
    // the bot's guesses go with the ticket, for the moderator
    // (an article's choice names its document too: "Điều 7. … (Quyết định 129/2007/QĐ-TTg)")
    expect(suggest!.choices!.slice(0, 2).map((c, i) => c.label.startsWith(ticket.candidates[i]!.title))).toEqual([true, true]);
    expect(zalo.textsTo('5987').at(-1)).toContain(`(phiếu #${ticket.id})`);
    const tgPost = telegram.sent.find((o) => o.ticketPost === ticket.id)!;
    expect(tgPost.to).toEqual(TG_MODS);
    expect(tgPost.choices!.map((c) => c.label)).toEqual(['✍️ Trả lời', '🗑 Bỏ qua']);
    expect(zalo.textsTo(ZALO_MODS.id)[0]).toContain(`Phiếu #${ticket.id} · đang chờ`);
    expect(core.desk.get(ticket.id)!.posts.map((p) => p.platform).sort()).toEqual(['telegram', 'zalo']);

    // A Telegram moderator replies to the post: the answer reaches the Zalo asker, quoting the question, mentioning them.
    const tgPostId = core.desk.get(ticket.id)!.posts.find((p) => p.platform === 'telegram')!.messageId;
    zalo.sent.length = 0;
    telegram.sent.length = 0;
    await core.receive(inbound(TG_MODS, { id: '8001', name: 'Lan' }, 'Đeo thẻ trong giờ làm việc; không uống rượu bia.', { addressed: true, replyTo: { messageId: tgPostId, fromBot: true } }));
    const toAsker = zalo.sent.find((o) => o.to.id === '5987')!;
    expect(toPlainText(toAsker.message)).toContain(`Cán bộ hỗ trợ trả lời câu hỏi của bạn (phiếu #${ticket.id}):`);
    expect(toAsker.replyTo).toBe(q.messageId);
    expect(toAsker.mention).toEqual({ id: '4001', name: 'Nguyễn Văn An' });
    expect(telegram.textsTo(TG_MODS.id)).toContain(`✅ Đã trả lời phiếu #${ticket.id} và gửi đến 1 người hỏi.`);
    const edit = telegram.sent.find((o) => o.edit)!;
    expect(toPlainText(edit.message)).toContain('Đã trả lời bởi Lan');
    expect(edit.choices!.map((c) => c.label)).toEqual(['📚 Thêm vào FAQ']);
    // Zalo cannot edit its post: a short note there.
    expect(zalo.textsTo(ZALO_MODS.id)).toEqual([expect.stringContaining(`Phiếu #${ticket.id} đã được trả lời bởi Lan (Telegram)`)]);
  });

  it('a promotion from the console updates the Telegram post and removes its FAQ button', async () => {
    const { core, telegram, zalo } = await setup();
    const me = { id: 'local', name: 'Bạn (console)' };
    await core.receive(inbound(consoleChat, me, UNKNOWN));
    const ticket = core.desk.pending()[0]!;
    await core.receive(inbound(consoleChat, me, `/traloi ${ticket.id} Không được dùng xe công vào việc riêng.`));
    telegram.sent.length = 0;
    zalo.sent.length = 0;
    const outs = await core.handle(inbound(consoleChat, me, `/themfaq ${ticket.id}`));
    await core.dispatch(outs);
    expect(toPlainText(outs[0]!.message)).toContain(`📚 Đã thêm phiếu #${ticket.id} vào FAQ`);
    const edit = telegram.sent.find((o) => o.edit)!;
    expect(edit.edit).toEqual(core.desk.get(ticket.id)!.posts.filter((p) => p.platform === 'telegram'));
    expect(toPlainText(edit.message)).toContain('Đã thêm vào FAQ: hoi-dap-');
    expect(edit.choices).toEqual([]);
    expect(zalo.textsTo(ZALO_MODS.id)[0]).toContain('Đã thêm vào FAQ');
    // and the bot now answers the question itself
    const [answer] = await core.handle(inbound(consoleChat, me, UNKNOWN));
    expect(toPlainText(answer!.message)).toContain('Không được dùng xe công vào việc riêng.');
  });

  it('a bare number picks from the last list; a number outside it says "chọn từ 1 đến N" and asks nothing', async () => {
    const { core, store } = await setup();
    const me = { id: '77' };
    const chat = tgPrivate('77');
    const [list] = await core.handle(inbound(chat, me, TWO_TOPICS));
    const alcohol = list!.choices!.find((c) => c.label === 'Uống rượu bia trong giờ làm việc')!.key!;
    const asked = store.tally.questions;
    const [wrong] = await core.handle(inbound(chat, me, '7'));
    expect(toPlainText(wrong!.message)).toBe('Bạn hãy chọn từ 1 đến 2 (hoặc 0 để hỏi cán bộ hỗ trợ), hoặc hỏi lại rõ hơn.');
    expect(store.tally.questions).toBe(asked);
    const [shown] = await core.handle(inbound(chat, me, alcohol));
    expect(toPlainText(shown!.message)).toContain('Uống rượu bia trong giờ làm việc');
    // the answer's own choices: 👍 / 👎 / 0
    expect(shown!.choices!.map((c) => c.key)).toEqual(['👍', '👎', '0']);
    // someone else's "2" is not a pick from this list
    const [other] = await core.handle(inbound(tgPrivate('78'), { id: '78' }, alcohol));
    expect(toPlainText(other!.message)).not.toContain('Uống rượu bia');
  });

  it('choices led by an article quote the clause the question is about, so the asker can tell without opening it', async () => {
    const { core } = await setup();
    const [list] = await core.handle(inbound(tgPrivate('79'), { id: '79' }, 'trên thẻ phải có họ tên không'));
    expect(list!.choices![0]!.label).toBe('Điều 7. Thẻ cán bộ, công chức, viên chức (Quyết định 129/2007/QĐ-TTg)');
    expect(toPlainText(list!.message)).toBe('Có phải bạn muốn hỏi:\n\nKhoản 2 Điều 7 (Quyết định 129/2007/QĐ-TTg) có đoạn: “Thẻ có tên cơ quan, ảnh, họ và tên, chức danh, số hiệu.”');
  });

  it('👍 right after an answer is feedback, once; 👎 hands the question to a person; 👍 out of the blue is small talk', async () => {
    const { core, store } = await setup();
    const me = { id: '55' };
    const chat = tgPrivate('55');
    const [lone] = await core.handle(inbound(chat, me, '👍'));
    expect(toPlainText(lone!.message)).toBe('🙂 Bạn cần hỏi gì thêm cứ nhắn nhé.');
    expect(store.data.tickets).toHaveLength(0);

    const question = 'Công chức có phải đeo thẻ khi làm việc không?';
    const [answer] = await core.handle(inbound(chat, me, question));
    const [thanks] = await core.handle(inbound(chat, me, '👍🏻'));
    expect(toPlainText(thanks!.message)).toBe('Cảm ơn bạn đã đánh giá! 👍');
    const [again] = await core.handle(inbound(chat, me, '👍'));
    expect(toPlainText(again!.message)).toContain('đã đánh giá câu trả lời này rồi');
    expect(await store.feedback.readAll()).toEqual([expect.objectContaining({ platform: 'telegram', userId: '55', passageId: 'the-cong-chuc', helpful: true, question })]);

    // A colleague presses 👎 under the same answer (a button): recorded, and a ticket with the bot's guess.
    const down = answer!.choices!.find((c) => c.key === '👎')!;
    const outs = await core.handle(inbound(chat, { id: '56', name: 'Tâm' }, '', { choice: down.id }));
    expect(outs[0]).toMatchObject({ toast: true });
    expect(toPlainText(outs[0]!.message)).toMatch(/Đã chuyển đến cán bộ hỗ trợ \(phiếu #1\)/);
    expect(store.data.tickets[0]).toMatchObject({ question, candidates: [{ id: 'the-cong-chuc' }], askers: [expect.objectContaining({ userId: '56' })] });
    expect((await store.feedback.readAll()).at(-1)).toMatchObject({ userId: '56', helpful: false });
  });

  it('buttons and typed choices keep working after a restart', async () => {
    const first = await setup();
    const chat = tgPrivate('31');
    const [suggest] = await first.core.handle(inbound(chat, { id: '31' }, TWO_TOPICS));
    await first.core.close();
    const again = await setup({ data: first.data, kb: first.kb });
    const [byButton] = await again.core.handle(inbound(chat, { id: '31' }, '', { choice: suggest!.choices![0]!.id }));
    expect(toPlainText(byButton!.message).startsWith(suggest!.choices![0]!.label)).toBe(true);
    expect(byButton!.replyTo).toBe(suggest!.replyTo);
    const [stale] = await again.core.handle(inbound(chat, { id: '31' }, '', { choice: 'AAAAAAAA:1' }));
    expect(toPlainText(stale!.message)).toContain('Lựa chọn này đã cũ');
  });

  it('/hangdoi and /thongke only in the moderators\' chat or a private chat; automatic senders are never moderators', async () => {
    const { core, telegram } = await setup();
    await core.handle(inbound(consoleChat, { id: 'local' }, UNKNOWN));
    const group: ChatRef = { platform: 'telegram', id: '-100123', kind: 'group', title: 'Phòng A' };
    const [where] = await core.handle(inbound(group, { id: TG_ADMIN }, '/hangdoi'));
    expect(toPlainText(where!.message)).toContain('Lệnh /hangdoi chỉ dùng trong nhóm cán bộ hỗ trợ');
    const [inMods] = await core.handle(inbound(TG_MODS, { id: '8001' }, '/hangdoi'));
    expect(toPlainText(inMods!.message)).toContain('1 câu hỏi đang chờ');
    const [adminPrivate] = await core.handle(inbound(tgPrivate(TG_ADMIN), { id: TG_ADMIN }, '/thongke'));
    expect(toPlainText(adminPrivate!.message)).toContain('Thống kê hỏi đáp');
    // a moderator (a member of the moderators' chat) privately: only they see it
    telegram.members.add('8001');
    const [modPrivate] = await core.handle(inbound(tgPrivate('8001'), { id: '8001' }, '/thongke'));
    expect(toPlainText(modPrivate!.message)).toContain('Thống kê hỏi đáp');
    // anyone else privately: refused
    const [officerPrivate] = await core.handle(inbound(tgPrivate('124'), { id: '124' }, '/hangdoi'));
    expect(toPlainText(officerPrivate!.message)).toContain('⛔');
    // but /traloi works privately for a member of the moderators' chat, and not for others
    const [refused] = await core.handle(inbound(tgPrivate('123'), { id: '123' }, '/traloi 1 xin chào'));
    expect(toPlainText(refused!.message)).toContain('⛔');
    expect(core.desk.get(1)!.status).toBe('pending');
    // an automatic forward in the moderators' chat cannot answer
    const [auto] = await core.handle(inbound(TG_MODS, { id: '777000', automatic: true }, '/traloi 1 tự động'));
    expect(toPlainText(auto!.message)).toContain('⛔');
    const done = await core.handle(inbound(tgPrivate('8001'), { id: '8001', name: 'Lan' }, '/traloi #1 Không được.'));
    expect(done.map((o) => toPlainText(o.message))).toContain('✅ Đã trả lời phiếu #1 và gửi đến 1 người hỏi.');
  });

  it('groups: silent on chatter; in the moderators\' chat only /hoi asks; unknown commands answered only in private', async () => {
    const { core, store } = await setup();
    const group: ChatRef = { platform: 'zalo', id: '5987', kind: 'group' };
    expect(await core.handle(inbound(group, { id: '1' }, 'Công chức có phải đeo thẻ khi làm việc không?'))).toEqual([]);
    expect(await core.handle(inbound(TG_MODS, { id: '8001' }, 'Công chức có phải đeo thẻ không?', { addressed: true }))).toEqual([]);
    const [asked] = await core.handle(inbound(TG_MODS, { id: '8001' }, '/hoi Công chức có phải đeo thẻ khi làm việc không?'));
    expect(toPlainText(asked!.message)).toContain('Đeo thẻ khi làm việc');
    expect(await core.handle(inbound(group, { id: '1' }, '/lenhla'))).toEqual([]);
    const [unknown] = await core.handle(inbound(tgPrivate('1'), { id: '1' }, '/lenhla'));
    expect(toPlainText(unknown!.message)).toContain('Mình không hiểu lệnh này');
    expect(store.tally.questions).toBe(1);
  });

  it('"/hoi" replying to a colleague asks that question, quoting it', async () => {
    const { core } = await setup();
    const group: ChatRef = { platform: 'telegram', id: '-1007', kind: 'group', title: 'Phòng B' };
    const [out] = await core.handle(
      inbound(group, { id: '5' }, '/hoi', { addressed: true, replyTo: { messageId: '42', fromBot: false, text: 'Công chức có phải đeo thẻ khi làm việc không?' } }),
    );
    expect(out!.replyTo).toBe('42');
    expect(toPlainText(out!.message)).toContain('Đeo thẻ khi làm việc');
  });

  it('help and the Telegram menus come from the one command table', async () => {
    const { core } = await setup();
    const [help] = await core.handle(inbound(tgPrivate('2'), { id: '2' }, '/help'));
    const helpText = toPlainText(help!.message);
    expect(helpText).toContain('/hoi <câu hỏi>: Hỏi về văn hóa công vụ');
    expect(helpText).not.toContain('/traloi');
    const [modHelp] = await core.handle(inbound(TG_MODS, { id: '8001' }, '/trogiup'));
    expect(toPlainText(modHelp!.message)).toContain('/traloi <số phiếu> <nội dung trả lời>');
    expect(toPlainText(modHelp!.message)).not.toContain('/reload');
    expect(commandMenu(core.commands, 'group').map((c) => c.command)).toEqual(['hoi', 'help']);
    expect(commandMenu(core.commands, 'admin').map((c) => c.command)).toEqual(expect.arrayContaining(['reload', 'thongke', 'hangdoi', 'start']));
    expect(commandMenu(core.commands, 'moderators').map((c) => c.command)).not.toContain('reload');
    const [usage] = await core.handle(inbound(TG_MODS, { id: '8001' }, '/traloi abc'));
    expect(toPlainText(usage!.message)).toBe('Cú pháp: /traloi <số phiếu> <nội dung trả lời>');
  });

  it('the same question asked on two platforms joins one ticket; both askers get the answer', async () => {
    const { core, telegram, zalo } = await setup();
    await core.receive(inbound(tgPrivate('11'), { id: '11' }, UNKNOWN));
    await core.receive(inbound(zaloGroup, { id: '12' }, `${UNKNOWN}`, { addressed: true }));
    expect(core.desk.pending()).toHaveLength(1);
    expect(core.desk.pending()[0]!.askers).toHaveLength(2);
    // Telegram's post is edited to show two askers; Zalo notes it
    expect(telegram.sent.filter((o) => o.edit)).toHaveLength(1);
    expect(zalo.textsTo(ZALO_MODS.id).at(-1)).toContain('có thêm người hỏi cùng câu (tổng 2 người)');
    telegram.sent.length = 0;
    zalo.sent.length = 0;
    await core.receive(inbound(ZALO_MODS, { id: '4777', name: 'Lê' }, '/traloi 1 Không được.'));
    expect(telegram.textsTo('11')[0]).toContain('Cán bộ hỗ trợ trả lời');
    expect(zalo.textsTo('5987')[0]).toContain('Cán bộ hỗ trợ trả lời');
    // answered from the Zalo group itself: no extra note there
    expect(zalo.textsTo(ZALO_MODS.id)).toEqual(['✅ Đã trả lời phiếu #1 và gửi đến 2 người hỏi.']);
    // a reply to a note ("Phiếu #1 có thêm người hỏi…") is not a reply to a ticket post
    const note = 'Phiếu #1 có thêm người hỏi cùng câu (tổng 2 người). Trả lời: /traloi 1 <nội dung>';
    expect(await core.handle(inbound(ZALO_MODS, { id: '4777' }, 'ok', { addressed: true, replyTo: { messageId: '999', fromBot: true, text: note } }))).toEqual([]);
  });

  it('a button and a prompt made for another ticket with the same number get one message and act on nothing (also on a ticket from before nonces)', async () => {
    const { core, store, telegram } = await setup();
    await core.receive(inbound(tgPrivate('21'), { id: '21' }, UNKNOWN));
    const id = core.desk.pending()[0]!.id;
    const mod = { id: '8001', name: 'Lan' };
    telegram.members.add(mod.id);
    /** What the moderator is told for each way of acting on ticket #id with a nonce that is not its own. */
    const attempts = async (nonce: string) => {
      const out = [
        ...(await core.handle(inbound(TG_MODS, mod, '', { choice: `t:a:${id}:${nonce}` }))),
        ...(await core.handle(inbound(TG_MODS, mod, '', { choice: `t:x:${id}:${nonce}` }))),
        ...(await core.handle(inbound(TG_MODS, mod, 'Không được.', { addressed: true, replyTo: { messageId: '77', fromBot: true, text: `✍️ Trả lời phiếu #${id} · mã ${nonce}\nCâu hỏi: …` } }))),
        ...(await core.handle(inbound(TG_MODS, mod, 'trùng', { addressed: true, replyTo: { messageId: '78', fromBot: true, text: `🗑 Bỏ qua phiếu #${id} · mã ${nonce}\nCâu hỏi: …` } }))),
      ];
      return out.map((o) => toPlainText(o.message));
    };
    const stale = `Nút hoặc tin nhắn này thuộc một phiếu #${id} cũ không còn trong hệ thống (số phiếu đã được dùng lại): không có gì thay đổi. Hãy dùng /hangdoi để xem phiếu hiện tại.`;
    expect(await attempts('khacMa1')).toEqual([stale, stale, stale, stale]);
    expect(core.desk.get(id)!.status).toBe('pending');

    // a ticket kept from before tickets had nonces: a reference that carries one was made for another ticket
    await store.update((_data, edit) => {
      delete edit(id)!.nonce;
    });
    expect(await attempts('khacMa2')).toEqual([stale, stale, stale, stale]);
    expect(core.desk.get(id)!.status).toBe('pending');
    expect(core.desk.get(id)!.answer).toBeUndefined();
    // a typed number still names the ticket
    const done = await core.handle(inbound(TG_MODS, mod, `/traloi ${id} Không được.`));
    expect(done.map((o) => toPlainText(o.message))).toContain(`✅ Đã trả lời phiếu #${id} và gửi đến 1 người hỏi.`);
  });

  it('a new feature is one command, its choices and its events: help lists it, a button or a typed key picks, listeners hear it', async () => {
    const { core } = await setup();
    const heard: string[] = [];
    core.on((e) => heard.push(e.type));
    core.onChoice('thu', async (inbound, picked) => [core.reply(inbound, picked.index === 1 ? `Đúng (${String(picked.data)})` : 'Chưa đúng')]);
    core.addCommand({
      name: 'thu',
      role: 'anyone',
      help: 'Câu đố thử',
      menu: ['private'],
      parse: (args) => args,
      run: async ({ core: c, inbound }) => {
        c.publish({ type: 'quiz.opened', origin: { platform: inbound.chat.platform, chatId: inbound.chat.id }, roundId: 'r1' });
        return [c.reply(inbound, 'Thẻ đeo ở đâu?', c.offerChoices(inbound, 'thu', { labels: ['Túi áo', 'Ngực áo'], keys: ['A', 'B'], data: ['x', 'ngực'] }))];
      },
    });
    const [help] = await core.handle(inbound(tgPrivate('3'), { id: '3' }, '/help'));
    expect(toPlainText(help!.message)).toContain('/thu: Câu đố thử');
    const [question] = await core.handle(inbound(tgPrivate('3'), { id: '3' }, '/thu'));
    expect(question!.choices!.map((c) => [c.key, c.label])).toEqual([['A', 'Túi áo'], ['B', 'Ngực áo']]);
    expect(heard).toEqual(['quiz.opened']);
    const [typed] = await core.handle(inbound(tgPrivate('3'), { id: '3' }, 'B'));
    expect(toPlainText(typed!.message)).toBe('Đúng (ngực)');
    const [pressed] = await core.handle(inbound(tgPrivate('3'), { id: '4' }, '', { choice: question!.choices![0]!.id }));
    expect(toPlainText(pressed!.message)).toBe('Chưa đúng');
  });
});

describe('knowledge check through the core', () => {
  it('a Zalo item that could not be a poll is posted with A/B choices; a member quoting it with a letter answers it', async () => {
    const kb = await copyOfFixtureKnowledge();
    dirs.push(kb);
    await mkdir(path.join(kb, 'quiz'));
    await writeFile(
      path.join(kb, 'quiz', 'thu.yaml'),
      'topic: thu\nitems:\n  - { id: the, question: "Khi nào cán bộ phải đeo thẻ?", options: [Khi thực hiện nhiệm vụ, Chỉ khi họp], answer: A, explanation: Phải đeo thẻ khi thực hiện nhiệm vụ., tests: the-cong-chuc, key: đeo thẻ, difficulty: de }\n',
    );
    const { core, zalo } = await setup({ kb });
    const bank = await loadCheckedQuizBank(kb, core.engine.knowledge.passages);
    const quiz = new QuizService({ bank, passages: core.engine.knowledge.passages, store: new MemoryQuizStore(), log: () => {} });
    installQuiz(core, quiz, { dataDir: kb });
    const noPolls: ZaloQuizApi = {
      sendGroupText: async (t) => {
        await zalo.send({ to: zaloGroup, message: { paragraphs: [[{ text: t.msg }]] } });
        return { msgId: 'intro' };
      },
      createPoll: async () => {
        throw new Error('không tạo được poll');
      },
      getPollDetail: async () => {
        throw new Error('không có poll');
      },
      lockPoll: async () => '',
    };
    quiz.attach('zalo', new ZaloQuizPort(noPolls, undefined, textItemPoster(core)));
    const started = await core.handle(inbound(zaloGroup, { id: ZALO_ADMIN }, '/kiemtra 1', { addressed: true }));
    expect(toPlainText(started[0]!.message)).toMatch(/^Đã mở đợt kiểm tra 1 câu/);
    const item = zalo.sent.find((o) => o.choices?.length)!;
    expect(toPlainText(item.message)).toBe('Câu 1/1: Khi nào cán bộ phải đeo thẻ?');
    expect(item.choices!.map((c) => [c.key, c.label])).toEqual([['A', 'Khi thực hiện nhiệm vụ'], ['B', 'Chỉ khi họp']]);
    // the fake sink numbers what it sends from 1000
    const postId = String(1000 + zalo.sent.filter((o) => !o.edit && !o.toast).indexOf(item));
    // a member replies to the item (quoting it) with "a"
    const [ack] = await core.handle(inbound(zaloGroup, { id: '4321', name: 'Lan' }, 'a', { addressed: true, replyTo: { messageId: postId, fromBot: true, text: 'Câu 1/1' } }));
    expect(toPlainText(ack!.message)).toBe('Đã ghi nhận: A.');
    const round = quiz.openRound('zalo', zaloGroup.id)!;
    expect(quiz.answersOf(round.id, '4321')).toMatchObject([{ option: 0, correct: true }]);
    quiz.stop();
  });
});

describe('knowledge check and reloads', () => {
  it('a reload brings the quiz bank along; a broken bank keeps the previous one', async () => {
    const kb = await copyOfFixtureKnowledge();
    dirs.push(kb);
    await mkdir(path.join(kb, 'quiz'));
    const item = (id: string, key = 'đeo thẻ') =>
      `  - { id: ${id}, question: "Khi nào cán bộ phải đeo thẻ?", options: [Khi thực hiện nhiệm vụ, Chỉ khi họp], answer: A, explanation: Phải đeo thẻ., tests: the-cong-chuc, key: ${key}, difficulty: de }\n`;
    await writeFile(path.join(kb, 'quiz', 'thu.yaml'), `topic: thu\nitems:\n${item('mot')}`);
    const { core } = await setup({ kb });
    const bank = await loadCheckedQuizBank(kb, core.engine.knowledge.passages);
    const quiz = new QuizService({ bank, passages: core.engine.knowledge.passages, store: new MemoryQuizStore(), log: () => {} });
    const warnings: string[] = [];
    installQuiz(core, quiz, { dataDir: kb, log: { info: () => {}, warn: (o) => warnings.push(JSON.stringify(o)), error: () => {} } });
    await writeFile(path.join(kb, 'quiz', 'thu.yaml'), `topic: thu\nitems:\n${item('mot')}${item('hai')}`);
    expect((await core.reload()).ok).toBe(true);
    expect(quiz.bank.items.map((i) => i.id)).toEqual(['mot', 'hai']);
    await writeFile(path.join(kb, 'quiz', 'thu.yaml'), `topic: thu\nitems:\n${item('ba', 'cụm từ không có')}`);
    expect((await core.reload()).ok).toBe(true);
    expect(quiz.bank.items.map((i) => i.id)).toEqual(['mot', 'hai']);
    expect(warnings.join()).toContain('không chứa cụm từ đáp án');
  });
});
