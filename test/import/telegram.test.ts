import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Bot, Transformer } from 'grammy';
import type { InlineKeyboardMarkup, Update, UserFromGetMe } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { Conversation, type Logger } from '../../src/app/conversation.js';
import { ConversationMemory } from '../../src/app/memory.js';
import { Engine } from '../../src/app/engine.js';
import { createBot } from '../../src/channels/telegram/bot.js';
import type { BotContext, TelegramSettings } from '../../src/channels/telegram/context.js';
import { Desk } from '../../src/desk/desk.js';
import { Store } from '../../src/store/store.js';
import { copyOfFixtureKnowledge, removeDir, tempDir } from '../helpers/temp.js';
import { DECISION_BODY, DECISION_HEADER } from './fixtures.js';
import { makeDocx, makeDocxBomb } from './generate.js';
import { DEFAULT_LIMITS, type ImportLimits } from '../../src/import/index.js';

const TOKEN = '123456789:AAHtest-import-token_abcdefghijkl';
/** getMe's answer, given so that no request is made (fields the bot does not read are left out). */
const BOT = {
  id: 666,
  is_bot: true,
  first_name: 'Trợ lý',
  username: 'congvu_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
} as UserFromGetMe;
const ADMIN = { id: 9001, is_bot: false as const, first_name: 'Quản trị' };
const OFFICIAL = { id: 5001, is_bot: false as const, first_name: 'Hòa' };
type TgUser = typeof ADMIN | typeof OFFICIAL;

interface Harness {
  bot: Bot<BotContext>;
  kb: string;
  core: Conversation;
  /** Bot API calls made, in order */
  calls: { method: string; payload: Record<string, unknown> }[];
  /** paths downloaded from the file endpoint */
  downloads: string[];
  files: Map<string, Uint8Array>;
  sent(): { text: string; markup?: InlineKeyboardMarkup }[];
  close(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const silent: Logger = { info() {}, warn() {}, error() {} };

async function harness(options: { maxBytes?: number; limits?: ImportLimits } = {}): Promise<Harness> {
  const kb = await copyOfFixtureKnowledge();
  const data = await tempDir('congvu-data-');
  const files = new Map<string, Uint8Array>();
  const downloads: string[] = [];
  const server: Server = createServer((req, res) => {
    const prefix = `/file/bot${TOKEN}/`;
    const file = req.url?.startsWith(prefix) ? files.get(req.url.slice(prefix.length)) : undefined;
    downloads.push(req.url ?? '');
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': file.length }).end(Buffer.from(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const store = await Store.open(data);
  const settings: TelegramSettings = { token: TOKEN, adminIds: [String(ADMIN.id)], apiRoot };
  const core = new Conversation({
    engine: await Engine.open(kb),
    desk: new Desk(store),
    memory: new ConversationMemory(),
    log: silent,
    admins: { telegram: settings.adminIds },
    importLimits: { ...(options.limits ?? DEFAULT_LIMITS), ...(options.maxBytes !== undefined ? { maxInputBytes: options.maxBytes } : {}) },
  });
  const calls: Harness['calls'] = [];
  let messageId = 500;
  // No network: every Bot API call is answered here (getFile points at the local file server).
  const local: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const ok = (result: unknown) => ({ ok: true as const, result }) as never;
    if (method === 'getFile') {
      const id = String(p.file_id);
      return ok({ file_id: id, file_unique_id: `u-${id}`, file_size: files.get(`documents/${id}`)?.length, file_path: `documents/${id}` });
    }
    if (method === 'sendMessage') {
      return ok({ message_id: ++messageId, date: 0, chat: { id: Number(p.chat_id), type: 'private', first_name: 'x' }, text: String(p.text) });
    }
    return ok(true);
  };
  const { bot, channel } = createBot({ core, settings, log: silent, botInfo: BOT, transformers: [local], rateLimit: { limit: 1000, windowMs: 60_000 } });
  core.attach(channel);

  const h: Harness = {
    bot,
    kb,
    core,
    calls,
    downloads,
    files,
    sent: () =>
      calls
        .filter((c) => c.method === 'sendMessage')
        .map((c) => ({ text: String(c.payload.text).replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'), markup: c.payload.reply_markup as InlineKeyboardMarkup | undefined })),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await store.flush();
      await removeDir(kb);
      await removeDir(data);
    },
  };
  cleanups.push(h.close);
  return h;
}

let updateId = 1;

function documentUpdate(from: TgUser, fileId: string, fileName: string, fileSize: number): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: from.id, type: 'private', first_name: from.first_name },
      from,
      document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, file_size: fileSize },
    },
  } as Update;
}

function buttonUpdate(from: TgUser, data: string): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: `cb-${updateId}`,
      from,
      chat_instance: 'ci',
      data,
      message: { message_id: 501, date: 0, chat: { id: from.id, type: 'private', first_name: from.first_name }, from: BOT, text: 'tóm tắt' },
    },
  } as Update;
}

async function regulationFiles(kb: string): Promise<string[]> {
  return (await readdir(path.join(kb, 'regulations'), { recursive: true })).sort();
}

describe('Telegram: importing a document from chat', () => {
  it('refuses a non-admin, without downloading or changing anything', async () => {
    const h = await harness();
    const before = await regulationFiles(h.kb);
    h.files.set('documents/f1', await makeDocx(DECISION_HEADER, DECISION_BODY));
    await h.bot.handleUpdate(documentUpdate(OFFICIAL, 'f1', 'quyet-dinh.docx', 5000));
    expect(h.sent().map((m) => m.text)).toEqual([expect.stringContaining('Chỉ quản trị viên mới được thêm văn bản')]);
    expect(h.calls.some((c) => c.method === 'getFile')).toBe(false);
    expect(h.downloads).toEqual([]);
    expect(await regulationFiles(h.kb)).toEqual(before);

    // Other files (a photo sent as a document) are answered like any message without text.
    await h.bot.handleUpdate(documentUpdate(OFFICIAL, 'f2', 'anh.jpg', 5000));
    expect(h.sent().at(-1)!.text).toContain('Mình chỉ đọc được chữ');
    expect(h.downloads).toEqual([]);
  });

  it('refuses a file over the size limit before downloading it', async () => {
    const h = await harness({ maxBytes: 1000 });
    await h.bot.handleUpdate(documentUpdate(ADMIN, 'big', 'quy-che.pdf', 5 * 1024 * 1024));
    expect(h.sent()[0]!.text).toMatch(/Tệp "quy-che\.pdf" nặng 5\.0 MB, vượt giới hạn/);
    expect(h.calls.some((c) => c.method === 'getFile')).toBe(false);
  });

  it('shows the summary with "Thêm vào kho" / "Hủy", writes and reloads only on the admin\'s confirmation', async () => {
    const h = await harness();
    const before = await regulationFiles(h.kb);
    const docx = await makeDocx(DECISION_HEADER, DECISION_BODY);
    h.files.set('documents/f1', docx);
    await h.bot.handleUpdate(documentUpdate(ADMIN, 'f1', 'quyet-dinh-45.docx', docx.length));
    expect(h.downloads).toEqual([`/file/bot${TOKEN}/documents/f1`]);
    const summary = h.sent()[0]!;
    expect(summary.text).toContain('📄 quyet-dinh-45.docx: Quyết định số 45/2023/QĐ-UBND ngày 15/6/2023');
    expect(summary.text).toContain('Cơ quan ban hành: Ủy ban nhân dân huyện Vân Hà');
    expect(summary.text).toContain('Cấu trúc: 3 chương, 2 mục, 9 điều, 11 khoản, 3 điểm');
    expect(summary.text).toContain('Điều: từ Điều 1 đến Điều 6, đánh số liên tục');
    expect(summary.text).toContain('Đã bỏ: khối chữ ký "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Trần Văn Bình"; nơi nhận (2 dòng)');
    expect(summary.text.indexOf('Đã bỏ:')).toBeLessThan(summary.text.indexOf('Thêm văn bản này vào kho tri thức?'));
    const buttons = summary.markup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['Thêm vào kho', 'Hủy']);
    expect(await regulationFiles(h.kb)).toEqual(before); // nothing written yet

    const confirm = (buttons[0] as { callback_data: string }).callback_data;
    // Someone else pressing the admin's button changes nothing.
    await h.bot.handleUpdate(buttonUpdate(OFFICIAL, confirm));
    expect(h.calls.at(-1)).toMatchObject({ method: 'answerCallbackQuery', payload: { show_alert: true } });
    expect(await regulationFiles(h.kb)).toEqual(before);

    await h.bot.handleUpdate(buttonUpdate(ADMIN, confirm));
    expect(await regulationFiles(h.kb)).toEqual([...before, 'qd-45-2023-qd-ubnd.md'].sort());
    expect(h.sent().at(-1)!.text).toMatch(/^✅ Đã thêm Quyết định số 45\/2023\/QĐ-UBND ngày 15\/6\/2023 vào kho \(regulations\/qd-45-2023-qd-ubnd\.md\): 3 chương, 2 mục, 9 điều, 11 khoản, 3 điểm\. Kho hiện có 2 văn bản/);
    expect(h.core.engine.ask('quy chế ứng xử Vân Hà: công chức có được hút thuốc lá trong phòng họp không').passage?.id).toBe('qd-45-2023-qd-ubnd/dieu-4');

    // The buttons work once.
    await h.bot.handleUpdate(buttonUpdate(ADMIN, confirm));
    expect(h.calls.at(-1)).toMatchObject({ method: 'answerCallbackQuery', payload: { text: expect.stringContaining('hết hạn') } });
  });

  it('cancels on "Hủy" and refuses an unreadable file, changing nothing', async () => {
    const h = await harness();
    const before = await regulationFiles(h.kb);
    const docx = await makeDocx(DECISION_HEADER, DECISION_BODY);
    h.files.set('documents/f1', docx);
    await h.bot.handleUpdate(documentUpdate(ADMIN, 'f1', 'qd.docx', docx.length));
    const cancel = (h.sent()[0]!.markup!.inline_keyboard.flat()[1] as { callback_data: string }).callback_data;
    await h.bot.handleUpdate(buttonUpdate(ADMIN, cancel));
    expect(h.sent().at(-1)!.text).toBe('Đã hủy: không có gì thay đổi trong kho tri thức.');

    h.files.set('documents/bad', new TextEncoder().encode('không phải tệp Word'));
    await h.bot.handleUpdate(documentUpdate(ADMIN, 'bad', 'hong.docx', 30));
    expect(h.sent().at(-1)!.text).toMatch(/^❌ Không nhập được "hong\.docx": Không đọc được tệp Word.*Không có gì thay đổi\.$/);
    expect(await regulationFiles(h.kb)).toEqual(before);
  });

  it('refuses a decompression bomb with the reason, changing nothing', async () => {
    const h = await harness({ limits: { ...DEFAULT_LIMITS, maxUnzippedBytes: 4 * 1024 * 1024 } });
    const before = await regulationFiles(h.kb);
    const bomb = await makeDocxBomb(12);
    h.files.set('documents/bomb', bomb);
    await h.bot.handleUpdate(documentUpdate(ADMIN, 'bomb', 'chuyen-tiep.docx', bomb.length));
    expect(h.sent().map((m) => m.text)).toEqual([
      expect.stringMatching(/^❌ Không nhập được "chuyen-tiep\.docx": Tệp Word khi giải nén lên tới 12 MB, vượt giới hạn 4 MB .*Không có gì thay đổi\.$/),
    ]);
    expect(h.sent()[0]!.markup).toBeUndefined();
    expect(await regulationFiles(h.kb)).toEqual(before);
  });
});
