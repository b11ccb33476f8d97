import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Composer } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { bold, plain, type Message } from '../../answer/message.js';
import { reloadMessage } from '../../app/texts.js';
import { commitImport, formatOf, ImportError, prepareImport, structureText, summaryMessage, type PreparedImport } from '../../import/index.js';
import { documentName } from '../../knowledge/legal-structure.js';
import { errText, inboundOf, type BotContext, type TelegramDeps } from './context.js';
import { button, NO_BUTTONS } from './render.js';

/**
 * Document import from chat: an admin (TELEGRAM_ADMIN_IDS) sends a .docx/.pdf (or .md/.txt)
 * in a private chat; the bot reads it, shows what it found with "Thêm vào kho" / "Hủy";
 * on confirmation it writes the regulation file and reloads (a file that breaks the reload
 * is taken out again). Nothing is written before the admin confirms.
 */

/** Largest file accepted from chat (Telegram bots can download up to 20 MB). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** How long a summary's buttons stay valid. */
const PENDING_TTL_MS = 30 * 60_000;
/** Documents waiting for confirmation, at most (the oldest is dropped). */
const MAX_PENDING = 20;
const DOWNLOAD_TIMEOUT_MS = 60_000;

export const DOCUMENT_ACTIONS = { confirm: 'doc:y:', cancel: 'doc:n:' } as const;

export const DOCUMENT_TEXTS = {
  notAdmin: '⛔ Chỉ quản trị viên (TELEGRAM_ADMIN_IDS) mới được thêm văn bản vào kho tri thức. Tệp của bạn không được lưu.',
  notAdminButton: 'Chỉ quản trị viên mới được thêm văn bản vào kho.',
  tooBig: (name: string, bytes: number, limit: number) =>
    `❌ Tệp "${name}" nặng ${(bytes / 1024 / 1024).toFixed(1)} MB, vượt giới hạn ${Math.round(limit / 1024 / 1024)} MB. Hãy gửi bản nhỏ hơn (chỉ phần văn bản, không kèm ảnh chụp), hoặc nhập trên máy chủ bằng lệnh npm run import. Không có gì thay đổi.`,
  downloadFailed: (name: string) => `❌ Không tải được tệp "${name}" từ Telegram. Hãy gửi lại sau ít phút. Không có gì thay đổi.`,
  refused: (name: string, reason: string) => `❌ Không nhập được "${name}": ${reason} Không có gì thay đổi.`,
  confirm: 'Thêm văn bản này vào kho tri thức?',
  expired: 'Yêu cầu này đã hết hạn hoặc đã được xử lý. Hãy gửi lại tệp.',
  cancelled: 'Đã hủy: không có gì thay đổi trong kho tri thức.',
  adding: 'Đang thêm vào kho…',
  writeFailed: (reason: string) => `❌ Không ghi được tệp vào kho tri thức (${reason}). Không có gì thay đổi.`,
};

export interface DocumentsOptions {
  /** largest accepted file, bytes (default 10 MB) */
  maxBytes?: number;
  /** how long the confirmation buttons stay valid, ms */
  ttlMs?: number;
  now?: () => number;
}

interface Pending {
  prepared: PreparedImport;
  userId: number;
  at: number;
}

function keyboard(key: string): InlineKeyboardMarkup {
  return { inline_keyboard: [[button('Thêm vào kho', `${DOCUMENT_ACTIONS.confirm}${key}`), button('Hủy', `${DOCUMENT_ACTIONS.cancel}${key}`)]] };
}

function text(t: string): Message {
  return { paragraphs: [[plain(t)]] };
}

class TooBig extends Error {
  constructor(readonly bytes: number) {
    super('file too big');
  }
}

/** The file of the current message: getFile, then a download from the API root (or the disk of a local Bot API server). */
async function download(ctx: BotContext, deps: TelegramDeps, maxBytes: number): Promise<Uint8Array> {
  const file = await ctx.getFile();
  if (file.file_size !== undefined && file.file_size > maxBytes) throw new TooBig(file.file_size);
  if (!file.file_path) throw new Error('getFile returned no file_path');
  // A local Bot API server (--local) answers with the file's absolute path on its disk.
  if (path.isAbsolute(file.file_path)) return new Uint8Array(await readFile(file.file_path));
  const root = (deps.settings.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  // The URL holds the token: it must never reach a log or a reply.
  const res = await fetch(`${root}/file/bot${deps.settings.token}/${file.file_path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new TooBig(length);
  const data = new Uint8Array(await res.arrayBuffer());
  if (data.length > maxBytes) throw new TooBig(data.length);
  return data;
}

export function documentsComposer(deps: TelegramDeps, options: DocumentsOptions = {}): Composer<BotContext> {
  const { core, log, channel } = deps;
  const isAdmin = async (ctx: BotContext) => {
    const inbound = inboundOf(ctx);
    return inbound !== undefined && (await core.roleOf(inbound)) === 'admin';
  };
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const ttl = options.ttlMs ?? PENDING_TTL_MS;
  const now = options.now ?? Date.now;
  const pending = new Map<string, Pending>();
  const c = new Composer<BotContext>();

  const say = (ctx: BotContext, message: Message | string, markup?: InlineKeyboardMarkup) => {
    const replyTo = ctx.msg?.message_id ?? ctx.callbackQuery?.message?.message_id;
    return channel.sendMessage({ chatId: String(ctx.chat!.id), replyTo: replyTo === undefined ? undefined : String(replyTo) }, typeof message === 'string' ? text(message) : message, markup);
  };

  const remember = (prepared: PreparedImport, userId: number): string => {
    for (const [k, p] of pending) if (now() - p.at > ttl) pending.delete(k);
    while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
    const key = randomBytes(6).toString('base64url');
    pending.set(key, { prepared, userId, at: now() });
    return key;
  };

  c.chatType('private').on('message:document', async (ctx, next) => {
    const doc = ctx.msg.document;
    const name = path.basename(doc.file_name ?? 'van-ban');
    if (!formatOf(name)) return next(); // not a document we import: the questions composer answers it
    if (!(await isAdmin(ctx))) {
      log.warn({ userId: ctx.from.id, file: name }, 'document import refused: not an admin');
      return void (await say(ctx, DOCUMENT_TEXTS.notAdmin));
    }
    if (doc.file_size !== undefined && doc.file_size > maxBytes) {
      return void (await say(ctx, DOCUMENT_TEXTS.tooBig(name, doc.file_size, maxBytes)));
    }
    await ctx.replyWithChatAction('typing').catch(() => {});
    let data: Uint8Array;
    try {
      data = await download(ctx, deps, maxBytes);
    } catch (e) {
      if (e instanceof TooBig) return void (await say(ctx, DOCUMENT_TEXTS.tooBig(name, e.bytes, maxBytes)));
      log.warn({ userId: ctx.from.id, file: name, err: errText(e) }, 'document download failed');
      return void (await say(ctx, DOCUMENT_TEXTS.downloadFailed(name)));
    }
    let prepared: PreparedImport;
    try {
      prepared = await prepareImport(core.engine.knowledgeDir, name, data);
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      log.info({ userId: ctx.from.id, file: name, reason: e.message }, 'document import refused');
      return void (await say(ctx, DOCUMENT_TEXTS.refused(name, e.message)));
    }
    const key = remember(prepared, ctx.from.id);
    log.info({ userId: ctx.from.id, file: name, number: prepared.meta.number, target: prepared.relativePath }, 'document read; waiting for confirmation');
    const summary = summaryMessage(prepared);
    await say(ctx, { paragraphs: [...summary.paragraphs, [bold(DOCUMENT_TEXTS.confirm)]] }, keyboard(key));
  });

  c.callbackQuery(/^doc:([yn]):([\w-]{8})$/, async (ctx) => {
    if (!(await isAdmin(ctx))) {
      log.warn({ userId: ctx.from.id }, 'document import button refused: not an admin');
      return void (await ctx.answerCallbackQuery({ text: DOCUMENT_TEXTS.notAdminButton, show_alert: true }));
    }
    const [, action, key] = ctx.match;
    const entry = pending.get(key!);
    pending.delete(key!);
    await ctx.editMessageReplyMarkup({ reply_markup: NO_BUTTONS }).catch(() => {});
    if (!entry || now() - entry.at > ttl) return void (await ctx.answerCallbackQuery({ text: DOCUMENT_TEXTS.expired, show_alert: true }));
    if (action === 'n') {
      await ctx.answerCallbackQuery({ text: 'Đã hủy.' });
      return void (await say(ctx, DOCUMENT_TEXTS.cancelled));
    }
    await ctx.answerCallbackQuery({ text: DOCUMENT_TEXTS.adding });
    const p = entry.prepared;
    let written: Awaited<ReturnType<typeof commitImport>>;
    try {
      written = await commitImport(p);
    } catch (e) {
      log.error({ file: p.relativePath, err: errText(e) }, 'document import: write failed');
      return void (await say(ctx, DOCUMENT_TEXTS.writeFailed(errText(e))));
    }
    const reload = await core.reload();
    if (!reload.ok) {
      // The new file (or another broken file) stops the reload: put things back as they were.
      await written.undo();
      await core.reload();
      log.warn({ file: p.relativePath, errors: reload.errors.length }, 'document import undone: knowledge reload refused');
      const refused = reloadMessage(reload);
      return void (await say(ctx, {
        paragraphs: [[plain(`❌ Đã gỡ lại ${p.relativePath}: kho tri thức không nạp lại được nên văn bản chưa được thêm.`)], ...refused.paragraphs],
      }));
    }
    log.info({ userId: ctx.from.id, file: p.relativePath, replaced: written.replaced, passages: reload.passageCount }, 'document imported from chat');
    await say(
      ctx,
      text(
        `✅ Đã thêm ${documentName(p.meta)} vào kho (${p.relativePath}${written.replaced ? ', thay bản đã nhập trước' : ''}): ${structureText(p.structure)}. ` +
          `Kho hiện có ${reload.regulationCount} văn bản, ${reload.faqCount} câu hỏi đáp (${reload.passageCount} đoạn tra cứu); bot đã dùng văn bản mới để trả lời.`,
      ),
    );
  });

  return c;
}
