import { describe, expect, it } from 'vitest';
import type { MessageEntity, User } from 'grammy/types';
import { bold, italic, plain, toPlainText, type Message } from '../../src/answer/message.js';
import { commandMenus } from '../../src/channels/telegram/commands.js';
import { inboundOf, mentionsMe, questionText, repliesToMe, type BotContext } from '../../src/channels/telegram/context.js';
import { recordPollAnswer } from '../../src/channels/telegram/quiz.js';
import type { QuizService } from '../../src/quiz/service.js';
import { COMMANDS } from '../../src/app/commands.js';
import { keyboard } from '../../src/channels/telegram/channel.js';
import { escapeHtml, fitMessage, renderHtml, renderParts, TEXT_LIMIT } from '../../src/channels/telegram/render.js';
import { htmlToText } from './harness.js';

const me: User = { id: 666, is_bot: true, first_name: 'Bot', username: 'TestNameBot' };


describe('render', () => {
  it('escapes <, > and & in every span and keeps formatting as tags', () => {
    expect(escapeHtml('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    const m: Message = { paragraphs: [[bold('Điều <5> & 6'), plain(' nội dung <i>')], [italic('Nguồn: <QĐ>'), { text: 'cả hai', bold: true, italic: true }]] };
    expect(renderHtml(m)).toBe('<b>Điều &lt;5&gt; &amp; 6</b> nội dung &lt;i&gt;\n\n<i>Nguồn: &lt;QĐ&gt;</i><b><i>cả hai</i></b>');
    expect(htmlToText(renderHtml(m))).toBe(toPlainText(m));
  });

  it('splits under the limit at paragraphs, then sentences; HTML escapes do not count', () => {
    const para = (n: number) => Array.from({ length: n }, (_, i) => `Câu số ${i + 1} có dấu & và <thẻ>.`).join(' ');
    const m: Message = { paragraphs: [[bold('Tiêu đề')], [plain(para(150))], [plain(para(20))], [italic('Nguồn: thử')]] };
    const parts = renderParts(m);
    expect(parts.length).toBeGreaterThan(1);
    const texts = parts.map(htmlToText);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(TEXT_LIMIT);
    // each cut is at a paragraph end or a sentence end
    const paragraphEnds = m.paragraphs.map((p) => p.map((x) => x.text).join(''));
    for (const t of texts.slice(0, -1)) expect(/\.$/.test(t) || paragraphEnds.some((p) => t.endsWith(p))).toBe(true);
    expect(texts.join(' ').replace(/\s+/g, ' ')).toBe(toPlainText(m).replace(/\s+/g, ' '));
    // a message whose escaped HTML is over 4096 but whose text is not stays whole
    const amp: Message = { paragraphs: [[plain('&'.repeat(4000))]] };
    expect(renderParts(amp)).toHaveLength(1);
    expect(renderParts(amp)[0]!.length).toBe(20000);
  });

  it('keeps a small message in one part and drops empty paragraphs', () => {
    expect(renderParts({ paragraphs: [[plain('Xin chào')], [plain('  ')]] })).toEqual(['Xin chào']);
  });

  it('fits an edited post into one message by shortening its longest span', () => {
    const m: Message = { paragraphs: [[bold('Phiếu #1')], [plain('x'.repeat(5000))], [italic('trạng thái')]] };
    const fitted = fitMessage(m);
    expect(toPlainText(fitted).length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(toPlainText(fitted)).toMatch(/^Phiếu #1\n\nx+…\n\ntrạng thái$/);
  });
});

describe('addressing', () => {
  const ent = (type: 'mention' | 'bot_command', offset: number, length: number): MessageEntity => ({ type, offset, length });

  it('strips the leading command and mentions of the bot only', () => {
    expect(questionText('/hoi@TestNameBot  Công chức có phải đeo thẻ?', [ent('bot_command', 0, 16)], me)).toBe('Công chức có phải đeo thẻ?');
    expect(questionText('Cho hỏi @testnamebot, công chức có phải đeo thẻ?', [ent('mention', 8, 12)], me)).toBe('Cho hỏi , công chức có phải đeo thẻ?');
    expect(questionText('@TestNameBot: giờ nghỉ trưa?', [ent('mention', 0, 12)], me)).toBe('giờ nghỉ trưa?');
    expect(questionText('hỏi @ai_do về thẻ', [ent('mention', 4, 6)], me)).toBe('hỏi @ai_do về thẻ');
  });

  it('recognises mentions and text mentions of the bot, case-insensitively', () => {
    expect(mentionsMe('@TESTNAMEBOT hi', ent('mention', 0, 12), me)).toBe(true);
    expect(mentionsMe('@OtherBot hi', ent('mention', 0, 9), me)).toBe(false);
    expect(mentionsMe('Bot hi', { type: 'text_mention', offset: 0, length: 3, user: me }, me)).toBe(true);
  });

  it('a reply to the bot counts, the root message of a forum topic does not', () => {
    const base = { date: 0, chat: { id: -1, type: 'supergroup' as const, title: 'G' } };
    const toBot = { ...base, message_id: 5, from: me, text: 'trả lời' };
    expect(repliesToMe({ ...base, message_id: 6, text: 'hỏi tiếp', reply_to_message: toBot } as never, me)).toBe(true);
    expect(repliesToMe({ ...base, message_id: 7, text: 'x', is_topic_message: true, message_thread_id: 5, reply_to_message: toBot } as never, me)).toBe(false);
    expect(repliesToMe({ ...base, message_id: 8, text: 'x', reply_to_message: { ...toBot, forum_topic_created: { name: 'Chủ đề', icon_color: 0 } } } as never, me)).toBe(false);
    expect(repliesToMe({ ...base, message_id: 9, text: 'x', reply_to_message: { ...toBot, from: { ...me, id: 1, is_bot: false } } } as never, me)).toBe(false);
  });
});

describe('buttons', () => {
  it('renders choices: numbers on their own rows, 👍/👎 side by side, a person with 🙋; labels cut under 60 characters', () => {
    const long = 'Một tiêu đề rất dài '.repeat(8);
    const k = keyboard([
      { id: 'AbCdEfGh:0', label: long, key: '1' },
      { id: 'AbCdEfGh:1', label: 'Hữu ích', key: '👍' },
      { id: 'AbCdEfGh:2', label: 'Chưa đúng', key: '👎' },
      { id: 'AbCdEfGh:3', label: 'Hỏi cán bộ hỗ trợ', key: '0' },
      { id: 't:a:12', label: '✍️ Trả lời' },
    ]);
    expect(k.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([
      [expect.stringMatching(/^1\. Một tiêu đề rất dài.*…$/)],
      ['👍 Hữu ích', '👎 Chưa đúng'],
      ['🙋 Hỏi cán bộ hỗ trợ'],
      ['✍️ Trả lời'],
    ]);
    for (const b of k.inline_keyboard.flat()) {
      expect(Buffer.byteLength((b as { callback_data: string }).callback_data)).toBeLessThanOrEqual(64);
      expect(b.text.length).toBeLessThanOrEqual(60);
    }
  });
});

describe('command menus', () => {
  it('scopes: private chats, groups, the moderators\' chat, each admin', () => {
    const menus = commandMenus(COMMANDS, { token: 't', adminIds: ['1', '2'], moderatorChatId: '-100', moderatorThreadId: undefined });
    expect(menus.map((m) => m.scope)).toEqual([
      { type: 'all_private_chats' },
      { type: 'all_group_chats' },
      { type: 'chat', chat_id: -100 },
      { type: 'chat', chat_id: 1 },
      { type: 'chat', chat_id: 2 },
    ]);
    for (const m of menus) for (const c of m.commands) expect(c.description.length).toBeLessThanOrEqual(256);
  });
});

describe('names of Telegram people', () => {
  /** The name the core gets for a message from `from`, and the name a quiz answer by `from` is recorded under. */
  async function namesOf(from: User): Promise<{ message: string; quiz: string }> {
    const ctx = { me, from, chat: { id: from.id, type: 'private', first_name: from.first_name }, message: { message_id: 1, date: 0, chat: { id: from.id, type: 'private' }, from, text: 'xin chào' } } as unknown as BotContext;
    let quiz = '';
    const service = {
      answerPoll: async (_platform: string, _poll: string, person: { name: string }) => {
        quiz = person.name;
        return 'recorded' as const;
      },
    } as unknown as QuizService;
    await recordPollAnswer(service, { poll_id: 'p', user: from, option_ids: [0], option_persistent_ids: ['0'] } as never);
    return { message: inboundOf(ctx)!.sender.name!, quiz };
  }

  it('a message and a quiz answer name the same person the same way, whatever of their name they have', async () => {
    const cases: [User, string][] = [
      [{ id: 1, is_bot: false, first_name: 'Lan', last_name: 'Nguyễn', username: 'lan_ng' }, 'Lan Nguyễn (@lan_ng)'],
      [{ id: 2, is_bot: false, first_name: 'Minh' }, 'Minh'],
      [{ id: 3, is_bot: false, first_name: '', username: 'chi_co_ten_dang_nhap' }, '@chi_co_ten_dang_nhap'],
      [{ id: 4, is_bot: false, first_name: '' }, 'người dùng 4'],
    ];
    for (const [user, expected] of cases) expect(await namesOf(user)).toEqual({ message: expected, quiz: expected });
  });
});

