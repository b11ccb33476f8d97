import { execFile } from 'node:child_process';
import { chmod, readdir, readFile, stat, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Conversation } from '../src/app/conversation.js';
import { ConversationMemory } from '../src/app/memory.js';
import type { ChannelSink, Inbound, Outbound } from '../src/app/types.js';
import { Engine } from '../src/app/engine.js';
import { pendingMessage, statsMessage } from '../src/app/texts.js';
import { toPlainText } from '../src/answer/message.js';
import { Desk } from '../src/desk/desk.js';
import { writeAtomic } from '../src/store/atomic.js';
import { SEQUENCE_FILE, Store, StoreOpenError, TICKETS_FILE, type Asker, type WriteFile } from '../src/store/store.js';
import { copyOfFixtureKnowledge, FIXTURE_KNOWLEDGE, removeDir, tempDir } from './helpers/temp.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const moderator = { platform: 'telegram' as const, id: 'm1', name: 'Cán bộ A' };

function asker(userId: string, chatId = 'g1'): Asker {
  return { platform: 'telegram', chatId, chatKind: 'group', chatTitle: 'Phòng Nội vụ', userId, userName: `Người ${userId}`, messageId: '10', askedAt: new Date().toISOString() };
}

async function dataDir(): Promise<string> {
  const d = await tempDir('congvu-store-');
  dirs.push(d);
  return d;
}

/** The store's writes, with a switch that makes them fail as a full disk would. */
function faultyDisk() {
  let full = false;
  const write: WriteFile = async (file, content) => {
    if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await writeAtomic(file, content);
  };
  return { write, fill: () => (full = true), free: () => (full = false) };
}

/** The Telegram channel, faked: records what reaches askers' chats. */
class Recorder implements ChannelSink {
  readonly platform = 'telegram' as const;
  readonly editsPosts = true;
  delivered: { to: string; text: string }[] = [];
  async send(out: Outbound): Promise<string[]> {
    this.delivered.push({ to: out.to.id, text: toPlainText(out.message) });
    return ['1'];
  }
}

function coreOver(engine: Engine, desk: Desk): Conversation {
  return new Conversation({ engine, desk, memory: new ConversationMemory(), log: silent, admins: { telegram: [moderator.id] } });
}

/** A message typed in Telegram: a question from `userId`, or a moderator's command. */
function typed(userId: string, text: string): Inbound {
  return { chat: { platform: 'telegram', id: userId, kind: 'private' }, sender: { id: userId, name: userId }, messageId: '10', text, addressed: true };
}

const texts = (outs: Outbound[]) => outs.map((o) => toPlainText(o.message));

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('store: a change is durable before it is visible', () => {
  it('a failed write leaves the ticket as it was; the moderator is told to retry, and the retry reaches the asker', async () => {
    const data = await dataDir();
    const kb = await copyOfFixtureKnowledge();
    dirs.push(kb);
    const disk = faultyDisk();
    const store = await Store.open(data, { write: disk.write });
    const core = coreOver(await Engine.open(kb), new Desk(store));
    const channel = new Recorder();
    core.attach(channel);
    await core.handle(typed('u1', 'Xe công vụ có được dùng đi du lịch không?'));
    const ticket = core.desk.pending()[0];
    expect(ticket).toBeDefined();
    const onDisk = await readFile(path.join(data, TICKETS_FILE), 'utf8');

    disk.fill();
    const failed = await core.handle(typed(moderator.id, `/traloi ${ticket!.id} Không được.`));
    expect(texts(failed)).toEqual([expect.stringContaining(`Chưa lưu được thao tác với phiếu #${ticket!.id}`)]);
    expect(core.desk.get(ticket!.id)!.status).toBe('pending');
    expect(core.desk.get(ticket!.id)!.answer).toBeUndefined();
    expect(failed.filter((o) => o.to.id === 'u1')).toEqual([]);
    expect(await readFile(path.join(data, TICKETS_FILE), 'utf8')).toBe(onDisk);

    disk.free();
    await core.receive(typed(moderator.id, `/traloi ${ticket!.id} Không được.`));
    expect(channel.delivered.find((d) => d.to === moderator.id)!.text).toBe(`✅ Đã trả lời phiếu #${ticket!.id} và gửi đến 1 người hỏi.`);
    expect(channel.delivered.find((d) => d.to === 'u1')!.text).toContain('Không được.');
    const reopened = await Store.open(data);
    expect(reopened.data.tickets.find((t) => t.id === ticket!.id)!.status).toBe('answered');
    await Promise.all([store.close(), reopened.close()]);
  });

  it('a question is still answered when its log line cannot be written', async () => {
    const data = await dataDir();
    const store = await Store.open(data);
    const warn = vi.fn();
    const core = coreOver(await Engine.open(FIXTURE_KNOWLEDGE), new Desk(store, undefined, { warn }));
    vi.spyOn(store.questions, 'append').mockRejectedValueOnce(new Error('ENOSPC: no space left on device'));
    const [answer] = await core.handle(typed('u1', 'Công chức có phải đeo thẻ khi làm việc không?'));
    expect(toPlainText(answer!.message)).toContain('Nguồn:');
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.stringContaining('ENOSPC') }), 'question log write failed');
    expect(store.tally.questions).toBe(0);
    await store.close();
  });
});

describe('store: files and validation', () => {
  it('keeps the data directory and every file owner-only, also a file that was readable by others', async () => {
    const data = await dataDir();
    await chmod(data, 0o755);
    await writeFile(path.join(data, TICKETS_FILE), JSON.stringify({ version: 2, nextTicketId: 1, tickets: [] }), { mode: 0o644 });
    const store = await Store.open(data);
    const core = coreOver(await Engine.open(FIXTURE_KNOWLEDGE), new Desk(store));
    await core.handle(typed('u1', 'Xe công vụ có được dùng đi du lịch không?'));
    await core.desk.recordFeedback({ platform: 'telegram', userId: 'u1', passageId: 'the-cong-chuc', helpful: true });
    await store.close();
    expect(await mode(data)).toBe(0o700);
    const files = await readdir(data);
    expect(files).toEqual(expect.arrayContaining([TICKETS_FILE, SEQUENCE_FILE]));
    expect(files.some((f) => f.startsWith('questions-'))).toBe(true);
    expect(files.some((f) => f.startsWith('feedback-'))).toBe(true);
    for (const f of files) expect([f, await mode(path.join(data, f))]).toEqual([f, 0o600]);
  });

  it('sets a bad ticket aside with its reason and keeps the others; the queue still shows', async () => {
    const data = await dataDir();
    const good = (id: number) => ({
      id,
      status: 'pending',
      question: `Câu hỏi ${id}`,
      questionKey: `cau hoi ${id}`,
      askers: [asker(`u${id}`)],
      candidates: [],
      createdAt: '2026-01-05T02:00:00.000Z',
      updatedAt: '2026-01-05T02:00:00.000Z',
      posts: [],
    });
    const broken = { id: 7, status: 'pending', question: 'Thiếu người hỏi', createdAt: '2026-01-05T02:00:00.000Z' };
    await writeFile(path.join(data, TICKETS_FILE), JSON.stringify({ version: 2, nextTicketId: 3, tickets: [good(1), broken, good(2)] }));
    const warn = vi.fn();
    const store = await Store.open(data, { logger: { warn } });
    expect(store.data.tickets.map((t) => t.id)).toEqual([1, 2]);
    // the bad ticket's number is never given again
    expect(store.data.nextTicketId).toBe(8);
    const desk = new Desk(store);
    expect(toPlainText(pendingMessage(desk.pending()))).toContain('2 câu hỏi đang chờ');
    expect(toPlainText(statsMessage(desk.stats()))).toContain('Phiếu đang chờ: 2');
    const rejected = (await readdir(data)).find((f) => f.startsWith('congvu-bot.rejected-'))!;
    expect(JSON.parse(await readFile(path.join(data, rejected), 'utf8'))).toEqual([expect.objectContaining({ id: 7, record: broken, reason: expect.stringContaining('askers') })]);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ count: 1 }), expect.stringContaining('#7'));
    await store.close();
  });

  it('a damaged tickets file is set aside and numbers go on: from the sequence file, or from what is left of the file', async () => {
    const data = await dataDir();
    const store = await Store.open(data);
    const desk = new Desk(store);
    for (let i = 0; i < 3; i++) await desk.escalate({ question: `Câu ${i}`, questionKey: `cau ${i}`, asker: asker('u1'), candidates: [] });
    await store.close();
    const text = await readFile(path.join(data, TICKETS_FILE), 'utf8');
    await writeFile(path.join(data, TICKETS_FILE), text.slice(0, text.length / 2));

    const warn = vi.fn();
    const second = await Store.open(data, { logger: { warn } });
    expect(second.data.tickets).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ aside: expect.stringContaining('.corrupt-') }), expect.stringContaining('JSON hỏng'));
    const { ticket } = await new Desk(second).escalate({ question: 'Câu mới', questionKey: 'cau moi', asker: asker('u2'), candidates: [] });
    expect(ticket.id).toBe(4);
    await second.close();

    // both the tickets file and the sequence file lost: the set-aside file's fragments still carry the numbers
    const half = JSON.stringify({ version: 2, nextTicketId: 5, tickets: [{ id: 4, question: 'x' }] }).slice(0, 40);
    await writeFile(path.join(data, TICKETS_FILE), half);
    await rm(path.join(data, SEQUENCE_FILE));
    const third = await Store.open(data, { logger: { warn } });
    expect(third.data.nextTicketId).toBe(5);
    await third.close();
  });

  it('moves version 1 logs out of the tickets file into monthly logs, counted in Vietnam time', async () => {
    const data = await dataDir();
    const q = (at: string) => ({ at, platform: 'telegram', userId: 'u', status: 'answered', question: 'q' });
    await writeFile(
      path.join(data, TICKETS_FILE),
      JSON.stringify({
        version: 1,
        nextTicketId: 1,
        tickets: [],
        // 30/11 23:30 in Vietnam; 01/12 00:30 in Vietnam (still 30/11 in UTC)
        questions: [q('2026-11-30T16:30:00.000Z'), q('2026-11-30T17:30:00.000Z'), { broken: true }],
        feedback: [{ at: '2026-11-30T17:30:00.000Z', platform: 'zalo', userId: 'u', passageId: 'p', helpful: false }],
      }),
    );
    const store = await Store.open(data, { logger: { warn: () => {} } });
    expect(JSON.parse(await readFile(path.join(data, TICKETS_FILE), 'utf8'))).toEqual({ version: 2, nextTicketId: 1, tickets: [] });
    expect((await readdir(data)).filter((f) => f.endsWith('.jsonl')).sort()).toEqual(['feedback-2026-12.jsonl', 'questions-2026-11.jsonl', 'questions-2026-12.jsonl']);
    const stats = new Desk(store, () => new Date('2026-12-01T03:00:00.000Z')).stats();
    expect(stats).toMatchObject({ questionsTotal: 2, questionsToday: 1, unhelpful: 1 });
    await store.close();
  });

  it('skips a log line cut short by a crash, and the next record starts on its own line', async () => {
    const data = await dataDir();
    const store = await Store.open(data);
    const desk = new Desk(store, () => new Date('2026-12-02T03:00:00.000Z'));
    await desk.recordQuestion({ platform: 'telegram', userId: 'u', status: 'answered', question: 'một' });
    await store.close();
    const file = path.join(data, 'questions-2026-12.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')) + '{"at":"2026-12-02T03:00:00.000Z","platf');
    const warn = vi.fn();
    const again = await Store.open(data, { logger: { warn } });
    await new Desk(again, () => new Date('2026-12-02T04:00:00.000Z')).recordQuestion({ platform: 'telegram', userId: 'u', status: 'escalated', question: 'hai' });
    expect((await again.questions.readAll()).map((r) => r.question)).toEqual(['một', 'hai']);
    expect(warn).toHaveBeenCalledWith({ questions: 1, feedback: 0 }, expect.stringContaining('Bỏ qua 1 dòng'));
    await again.close();
  });

  it('refuses to start with one Vietnamese line when DATA_DIR cannot be used', async () => {
    const data = await dataDir();
    await writeFile(path.join(data, 'a-file'), 'x');
    const err = await Store.open(path.join(data, 'a-file', 'data')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    expect((err as Error).message).toMatch(/^Không tạo được thư mục dữ liệu DATA_DIR=".*": đường dẫn không phải là thư mục\.$/);

    const root = fileURLToPath(new URL('..', import.meta.url));
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE, DATA_DIR: path.join(data, 'a-file', 'data'), LOG_LEVEL: 'error' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Không khởi động: Không tạo được thư mục dữ liệu DATA_DIR=/);
  });
});

describe('engine: one knowledge change at a time', () => {
  it('a reload asked for during a change waits for it, and a refused change is undone', async () => {
    const kb = await copyOfFixtureKnowledge();
    dirs.push(kb);
    const engine = await Engine.open(kb);
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const broken = path.join(kb, 'faq', 'hong.md');
    const change = engine.change(async () => {
      events.push('write');
      await writeFile(broken, '---\nid: hong\n---\n');
      await gate;
      return async () => {
        events.push('undo');
        await rm(broken);
      };
    });
    const reload = engine.reload().then((r) => {
      events.push(`reload ${r.ok}`);
      return r;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toEqual(['write']);
    release();
    const refused = await change;
    expect(refused.ok).toBe(false);
    expect((await reload).ok).toBe(true);
    expect(events).toEqual(['write', 'undo', 'reload true']);
    expect(await readdir(path.join(kb, 'faq'))).not.toContain('hong.md');
  });
});
