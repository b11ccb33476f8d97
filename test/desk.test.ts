import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Assistant, type ChannelPort } from '../src/app/assistant.js';
import { Engine } from '../src/app/engine.js';
import { toPlainText, type Message } from '../src/answer/message.js';
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

class RecordingChannel implements ChannelPort {
  delivered: { to: Asker; text: string }[] = [];
  opened: number[] = [];
  changed: number[] = [];
  constructor(readonly platform: Asker['platform']) {}
  async deliver(to: Asker, m: Message) {
    this.delivered.push({ to, text: toPlainText(m) });
  }
  async ticketOpened(t: { id: number }) {
    this.opened.push(t.id);
  }
  async ticketChanged(t: { id: number }) {
    this.changed.push(t.id);
  }
}

async function setup() {
  const kb = await copyOfFixtureKnowledge();
  const data = await tempDir();
  dirs.push(kb, data);
  const store = await Store.open(data);
  const assistant = new Assistant(await Engine.open(kb), new Desk(store), silent);
  return { kb, data, store, assistant };
}

describe('store', () => {
  it('moves a corrupt file aside with a clear message and starts empty', async () => {
    const data = await tempDir();
    dirs.push(data);
    await writeFile(path.join(data, 'congvu-bot.json'), '{"version": 1, "tickets": [');
    const warn = vi.fn();
    const store = await Store.open(data, { warn });
    expect(store.data.tickets).toEqual([]);
    const files = await readdir(data);
    const aside = files.find((f) => f.startsWith('congvu-bot.json.corrupt-'))!;
    expect(aside).toBeDefined();
    expect(await readFile(path.join(data, aside), 'utf8')).toBe('{"version": 1, "tickets": [');
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ aside: path.join(data, aside) }), expect.stringContaining('JSON hỏng'));
  });

  it('keeps tickets across a restart, with the schema version', async () => {
    const { data, assistant } = await setup();
    await assistant.ask('Quy định về xe công vụ đi công tác nước ngoài?', asker('telegram', 'u1'));
    const reopened = await Store.open(data);
    expect(reopened.data.version).toBe(1);
    expect(reopened.data.tickets).toHaveLength(1);
    expect(reopened.data.nextTicketId).toBe(2);
  });
});

describe('desk through the assistant', () => {
  it('escalates an unknown question, joins the same question, and relays the answer to every asker', async () => {
    const { assistant } = await setup();
    const telegram = new RecordingChannel('telegram');
    const zalo = new RecordingChannel('zalo');
    assistant.register(telegram);
    assistant.register(zalo);

    const first = await assistant.ask('Xe công vụ có được dùng đi du lịch không?', asker('telegram', 'u1'));
    expect(first.decision.status).toBe('escalated');
    expect(toPlainText(first.message)).toContain(`phiếu #${first.ticket!.id}`);
    const again = await assistant.ask('xe cong vu co duoc dung di du lich ko', asker('zalo', 'z9', 'zg'));
    expect(again.joined).toBe(true);
    expect(again.ticket!.id).toBe(first.ticket!.id);
    expect(telegram.opened).toEqual([first.ticket!.id]);

    const result = await assistant.answerTicket(first.ticket!.id, 'Không, xe công vụ chỉ dùng cho việc công.', { platform: 'telegram', id: 'm1', name: 'Cán bộ A' });
    expect(result).toMatchObject({ ok: true, delivered: 2, failed: 0 });
    expect(telegram.delivered[0]!.text).toContain('Không, xe công vụ chỉ dùng cho việc công.');
    expect(zalo.delivered[0]!.to.userId).toBe('z9');
    expect(assistant.desk.pending()).toEqual([]);
    const twice = await assistant.answerTicket(first.ticket!.id, 'lần nữa', { platform: 'telegram', id: 'm1', name: 'A' });
    expect(twice).toMatchObject({ ok: false, error: 'already_answered' });
  });

  it('dismisses with a reason and tells the asker politely', async () => {
    const { assistant } = await setup();
    const ch = new RecordingChannel('console');
    assistant.register(ch);
    const { ticket } = await assistant.ask('Lương hưu của tôi tính thế nào?', asker('console', 'u1'));
    const r = await assistant.dismissTicket(ticket!.id, { platform: 'console', id: 'm', name: 'M' }, 'ngoài phạm vi');
    expect(r.ok).toBe(true);
    expect(ch.delivered[0]!.text).toContain('ngoài phạm vi');
    expect((await assistant.answerTicket(ticket!.id, 'x', { platform: 'console', id: 'm', name: 'M' })).ok).toBe(false);
  });

  it('promotes an answered ticket to an FAQ entry that answers the next identical question', async () => {
    const { assistant, kb } = await setup();
    const q = 'Cơ quan có được cho thuê hội trường để tổ chức đám cưới không?';
    const { ticket } = await assistant.ask(q, asker('telegram', 'u1'));
    expect(ticket).toBeDefined();
    await assistant.answerTicket(ticket!.id, 'Chỉ khi thủ trưởng cơ quan đồng ý và ngoài giờ làm việc.', { platform: 'telegram', id: 'm', name: 'Cán bộ B' });
    const promoted = await assistant.promote(ticket!.id);
    expect(promoted.ok).toBe(true);
    const files = await readdir(path.join(kb, 'faq'));
    expect(files.some((f) => f.startsWith(`hoi-dap-${ticket!.id}-`))).toBe(true);
    const next = assistant.engine.ask(q);
    expect(next.status).toBe('answered');
    expect(next.passage!.body).toContain('thủ trưởng cơ quan đồng ý');
    expect(next.passage!.citation).toContain('Trả lời của cán bộ hỗ trợ');
    expect((await assistant.promote(ticket!.id)).ok).toBe(false);
  });

  it('counts questions, outcomes, waiting time and feedback', async () => {
    const { assistant } = await setup();
    await assistant.ask('đeo thẻ công chức có bắt buộc ko', asker('telegram', 'u1'));
    await assistant.ask('cảm ơn', asker('telegram', 'u1'));
    const { ticket } = await assistant.ask('Quy định về xe công vụ?', asker('telegram', 'u2'));
    await assistant.answerTicket(ticket!.id, 'Trả lời.', { platform: 'telegram', id: 'm', name: 'M' });
    await assistant.desk.recordFeedback({ platform: 'telegram', userId: 'u1', passageId: 'the-cong-chuc', helpful: true });
    const s = assistant.desk.stats();
    expect(s).toMatchObject({ questionsToday: 3, questionsTotal: 3, pending: 0, answeredTickets: 1, helpful: 1, unhelpful: 0 });
    expect(s.shares).toEqual({ answered: 1, suggested: 0, escalated: 1, smalltalk: 1 });
    expect(s.medianAnswerMinutes).toBeGreaterThanOrEqual(0);
  });
});
