import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Conversation } from '../src/app/conversation.js';
import { Engine } from '../src/app/engine.js';
import { ConversationMemory } from '../src/app/memory.js';
import type { Inbound } from '../src/app/types.js';
import { Desk } from '../src/desk/desk.js';
import { Store, type Asker } from '../src/store/store.js';
import { copyOfFixtureKnowledge, removeDir, tempDir } from './helpers/temp.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

const silent = { info: () => {}, warn: () => {}, error: () => {} };

function asker(platform: Asker['platform'], userId: string, chatId = 'g1'): Asker {
  return { platform, chatId, chatKind: 'group', chatTitle: 'Phòng Nội vụ', userId, userName: `Người ${userId}`, messageId: '10', askedAt: new Date().toISOString() };
}

async function setup() {
  const kb = await copyOfFixtureKnowledge();
  const data = await tempDir();
  dirs.push(kb, data);
  const store = await Store.open(data);
  const desk = new Desk(store);
  const core = new Conversation({ engine: await Engine.open(kb), desk, memory: new ConversationMemory(), log: silent, admins: { console: ['local'] } });
  return { kb, data, store, desk, core };
}

/** A question typed in the console, through the core. */
function typed(text: string): Inbound {
  return { chat: { platform: 'console', id: 'console', kind: 'private' }, sender: { id: 'local', name: 'Bạn' }, text, addressed: true };
}

const moderator = { platform: 'telegram' as const, id: 'm1', name: 'Cán bộ A' };

describe('store', () => {
  it('moves a corrupt file aside with a clear message and starts empty', async () => {
    const data = await tempDir();
    dirs.push(data);
    await writeFile(path.join(data, 'congvu-bot.json'), '{"version": 1, "tickets": [');
    const warn = vi.fn();
    const store = await Store.open(data, { logger: { warn } });
    expect(store.data.tickets).toEqual([]);
    const files = await readdir(data);
    const aside = files.find((f) => f.startsWith('congvu-bot.json.corrupt-'))!;
    expect(aside).toBeDefined();
    expect(await readFile(path.join(data, aside), 'utf8')).toBe('{"version": 1, "tickets": [');
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ aside: path.join(data, aside) }), expect.stringContaining('JSON hỏng'));
  });

  it('keeps tickets across a restart, with the schema version', async () => {
    const { data, desk } = await setup();
    await desk.escalate({ question: 'Quy định về xe công vụ đi công tác nước ngoài?', questionKey: 'xe cong vu', asker: asker('telegram', 'u1'), candidates: [] });
    const reopened = await Store.open(data);
    expect(reopened.data.version).toBe(2);
    expect(reopened.data.tickets).toHaveLength(1);
    expect(reopened.data.nextTicketId).toBe(2);
  });
});

describe('desk', () => {
  it('joins the same question while pending, answers once, dismisses with a reason', async () => {
    const { desk } = await setup();
    const first = await desk.escalate({ question: 'Xe công vụ có được dùng đi du lịch không?', questionKey: 'xe cong vu du lich', asker: asker('telegram', 'u1'), candidates: [] });
    const again = await desk.escalate({ question: 'xe cong vu co duoc dung di du lich ko', questionKey: 'xe cong vu du lich', asker: asker('zalo', 'z9', 'zg'), candidates: [] });
    expect(again).toMatchObject({ joined: true, ticket: { id: first.ticket.id } });
    expect(again.ticket.askers.map((a) => a.userId)).toEqual(['u1', 'z9']);
    expect(await desk.answer(first.ticket.id, '  ', moderator)).toMatchObject({ ok: false, error: 'empty_answer' });
    expect(await desk.answer(first.ticket.id, 'Không.', moderator)).toMatchObject({ ok: true });
    expect(await desk.answer(first.ticket.id, 'lần nữa', moderator)).toMatchObject({ ok: false, error: 'already_answered' });
    const other = await desk.escalate({ question: 'Lương hưu của tôi tính thế nào?', questionKey: 'luong huu', asker: asker('console', 'u1'), candidates: [] });
    expect(await desk.dismiss(other.ticket.id, moderator, 'ngoài phạm vi')).toMatchObject({ ok: true, ticket: { dismissal: { reason: 'ngoài phạm vi' } } });
    expect(await desk.answer(other.ticket.id, 'x', moderator)).toMatchObject({ ok: false, error: 'already_dismissed' });
    expect(desk.pending()).toEqual([]);
  });

  it('promotes an answered ticket to an FAQ entry that answers the next identical question', async () => {
    const { core, kb } = await setup();
    const q = 'Cơ quan có được cho thuê hội trường để tổ chức đám cưới không?';
    await core.handle(typed(q));
    const ticket = core.desk.pending()[0]!;
    await core.handle(typed(`/traloi ${ticket.id} Chỉ khi thủ trưởng cơ quan đồng ý và ngoài giờ làm việc.`));
    await core.handle(typed(`/themfaq ${ticket.id}`));
    const files = await readdir(path.join(kb, 'faq'));
    expect(files.some((f) => f.startsWith(`hoi-dap-${ticket.id}-`))).toBe(true);
    const next = core.engine.ask(q);
    expect(next.status).toBe('answered');
    expect(next.passage!.body).toContain('thủ trưởng cơ quan đồng ý');
    expect(next.passage!.citation).toContain('Trả lời của cán bộ hỗ trợ');
    const [twice] = await core.handle(typed(`/themfaq ${ticket.id}`));
    expect(twice!.message.paragraphs[0]![0]!.text).toContain('đã được thêm vào FAQ');
  });

  it('counts questions, outcomes, waiting time and feedback', async () => {
    const { core } = await setup();
    await core.handle(typed('đeo thẻ công chức có bắt buộc ko'));
    await core.handle(typed('cảm ơn'));
    await core.handle(typed('Quy định về xe công vụ?'));
    await core.handle(typed('/traloi 1 Trả lời.'));
    await core.desk.recordFeedback({ platform: 'telegram', userId: 'u1', passageId: 'the-cong-chuc', helpful: true });
    const s = core.desk.stats();
    expect(s).toMatchObject({ questionsToday: 3, questionsTotal: 3, pending: 0, answeredTickets: 1, helpful: 1, unhelpful: 0 });
    expect(s.shares).toEqual({ answered: 1, suggested: 0, escalated: 1, smalltalk: 1 });
    expect(s.medianAnswerMinutes).toBeGreaterThanOrEqual(0);
  });
});
