import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Transformer } from 'grammy';
import type { InlineKeyboardMarkup, MessageEntity } from 'grammy/types';
import pino from 'pino';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { Conversation } from '../../src/app/conversation.js';
import { ConversationMemory } from '../../src/app/memory.js';
import { Engine } from '../../src/app/engine.js';
import { startTelegramChannel, type RunningTelegram } from '../../src/channels/telegram/start.js';
import { installQuiz } from '../../src/app/quiz.js';
import { loadCheckedQuizBank } from '../../src/quiz/bank.js';
import { QuizService } from '../../src/quiz/service.js';
import { FileQuizStore } from '../../src/quiz/store.js';
import type { RateLimitOptions } from '../../src/channels/telegram/context.js';
import { loadConfig, type Config } from '../../src/config.js';
import { Desk } from '../../src/desk/desk.js';
import type { AppLogger } from '../../src/logger.js';
import { Store, type WriteFile } from '../../src/store/store.js';
import { CHANNEL_ANSWER_CONFIDENCE, CHANNEL_SUGGEST_CONFIDENCE, copyOfFixtureKnowledge, removeDir, tempDir } from '../helpers/temp.js';

/**
 * End-to-end harness: telegram-test-api on loopback, the real Telegram channel (runner,
 * plugins, composers) pointed at it, and users/moderators driven over HTTP as the emulator's clients.
 */

export const TOKEN = '123456789:AAHtest-emulator-token_abcdefghijkl';
/** what the emulator's getMe always answers */
export const BOT = { id: 666, is_bot: true as const, first_name: 'Test First name', username: 'TestNameBot' };
export const MOD_CHAT = { id: -1001000000001, type: 'supergroup' as const, title: 'Cán bộ hỗ trợ', is_forum: true };
export const ADMIN = { id: 9001, is_bot: false as const, first_name: 'Quản trị', username: 'quantri' };
export const MODERATOR = { id: 8001, is_bot: false as const, first_name: 'Lan', last_name: 'Nguyễn' };

export type TgUser = { id: number; is_bot: false; first_name: string; last_name?: string; username?: string };
export type TgChat = { id: number; type: 'private' | 'group' | 'supergroup'; title?: string; first_name?: string; is_forum?: boolean };

export function user(id: number, first_name: string): TgUser {
  return { id, is_bot: false, first_name };
}
export function privateChat(u: TgUser): TgChat {
  return { id: u.id, type: 'private', first_name: u.first_name };
}
export function group(id: number, title: string, forum = false): TgChat {
  return { id, type: 'supergroup', title, ...(forum ? { is_forum: true } : {}) };
}

/** A message the bot sent, as the emulator stored it (the raw sendMessage payload, edits merged in). */
export interface BotMessage {
  messageId: number;
  chatId: number;
  text: string;
  parse_mode?: string;
  message_thread_id?: number;
  reply_parameters?: { message_id: number };
  reply_markup?: InlineKeyboardMarkup & { force_reply?: boolean };
}

/** A message a user sent, as the bot received it. */
export interface UserMessage {
  message_id: number;
  chat: TgChat;
  from: TgUser;
  text: string;
  message_thread_id?: number;
  is_topic_message?: boolean;
}

interface HistoryItem {
  messageId: number;
  botToken: string;
  message?: Record<string, unknown> & { chat_id?: number | string; chat?: { id: number }; text?: string };
  callbackQuery?: unknown;
}

/** Telegram HTML → the plain text a client shows (what Telegram counts against 4096). */
export function htmlToText(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Entities Telegram would have parsed: a leading /command and every @mention. */
function entitiesOf(text: string): MessageEntity[] {
  const out: MessageEntity[] = [];
  const cmd = /^\/[A-Za-z0-9_]+(?:@\w+)?/.exec(text);
  if (cmd) out.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/(?<![\w/])@\w{3,}/g)) out.push({ type: 'mention', offset: m.index!, length: m[0].length });
  return out;
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HarnessOptions {
  rateLimit?: RateLimitOptions;
  moderatorThreadId?: number;
  /** false: no TELEGRAM_MODERATOR_CHAT_ID */
  moderatorChat?: boolean;
  /** edit the temp knowledge copy before the engine opens it */
  prepareKnowledge?: (dir: string) => Promise<void>;
  /** webhook mode on a loopback port instead of long polling */
  webhook?: boolean;
  /** how the store writes files (inject failures) */
  write?: WriteFile;
}

export class Harness {
  /** every Bot API call the bot made (method and payload) */
  readonly calls: { method: string; payload: Record<string, unknown> }[] = [];
  /** everything the bot logged, as JSON lines */
  readonly logs: string[] = [];
  /** user ids getChatMember reports as members of the moderators' chat */
  readonly members = new Set<number>([MODERATOR.id]);
  /** forum topics that sendMessage reports as deleted */
  readonly goneTopics = new Set<number>();
  /** the knowledge check (rounds, answers), on the bot's data directory */
  quiz!: QuizService;
  /** updates the emulator cannot produce (poll_answer), handed out with the next getUpdates */
  private readonly injected: Record<string, unknown>[] = [];
  private nextInjectedId = 1_000_000;
  private nextPollMessage = 900_000;

  private constructor(
    readonly server: TelegramServer,
    readonly apiURL: string,
    readonly kb: string,
    readonly data: string,
    public store: Store,
    public core: Conversation,
    readonly config: Config,
    private readonly options: HarnessOptions,
    public running?: RunningTelegram,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const port = await freePort();
    const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
    await server.start();
    const kb = await copyOfFixtureKnowledge();
    const data = await tempDir('congvu-tg-data-');
    await options.prepareKnowledge?.(kb);
    const config = loadConfig({
      SUGGEST_CONFIDENCE: String(CHANNEL_SUGGEST_CONFIDENCE),
      ANSWER_CONFIDENCE: String(CHANNEL_ANSWER_CONFIDENCE),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODERATOR_CHAT_ID: options.moderatorChat === false ? '' : String(MOD_CHAT.id),
      TELEGRAM_MODERATOR_THREAD_ID: options.moderatorThreadId ? String(options.moderatorThreadId) : '',
      TELEGRAM_ADMIN_IDS: String(ADMIN.id),
      TELEGRAM_API_ROOT: server.config.apiURL,
      DATA_DIR: data,
      KNOWLEDGE_DIR: kb,
    });
    if (options.webhook) {
      config.telegram!.webhook = { url: `http://127.0.0.1:${await freePort()}/telegram/webhook`, secret: 'test-webhook-secret_42', port: 0 };
      config.telegram!.webhook.port = Number(new URL(config.telegram!.webhook.url).port);
    }
    const h = new Harness(server, server.config.apiURL, kb, data, undefined as unknown as Store, undefined as unknown as Conversation, config, options);
    await h.boot();
    return h;
  }

  /** Opens the store and starts the bot on it (again, after `restart`). */
  private async boot(): Promise<void> {
    this.store = await Store.open(this.data, { write: this.options.write });
    const log = pino(
      { level: 'debug', base: undefined },
      new Writable({
        write: (chunk, _enc, cb) => {
          this.logs.push(String(chunk));
          cb();
        },
      }),
    ) as unknown as AppLogger;
    this.core = new Conversation({
      engine: await Engine.open(this.kb, this.config.thresholds),
      desk: new Desk(this.store, undefined, log),
      memory: await ConversationMemory.open({ file: path.join(this.data, 'conversations.json') }),
      log,
      admins: { telegram: this.config.telegram!.adminIds },
    });
    const knowledge = this.core.engine.knowledge;
    this.quiz = new QuizService({
      bank: await loadCheckedQuizBank(this.kb, knowledge.passages),
      passages: knowledge.passages,
      documents: knowledge.documents,
      store: await FileQuizStore.open(this.data),
      log: (m) => log.warn({}, m),
    });
    installQuiz(this.core, this.quiz, { dataDir: this.data });
    this.running = await startTelegramChannel(
      { config: this.config, core: this.core, log, store: this.store, quiz: this.quiz },
      { transformers: [this.stubs()], rateLimit: this.options.rateLimit ?? { limit: 1000, windowMs: 60_000 }, webhookHost: '127.0.0.1' },
    );
    await this.quiz.start();
  }

  /** Telegram sends a poll_answer update when someone answers a (non-anonymous) poll the bot sent. */
  injectPollAnswer(pollId: string, from: TgUser, option: number): void {
    this.injected.push({ update_id: this.nextInjectedId++, poll_answer: { poll_id: pollId, user: from, option_ids: [option], option_persistent_ids: [String(option)] } });
  }

  /** The payloads of the polls the bot sent, with the ids Telegram gave them. */
  polls(): { chat_id: string; question: string; options: { text: string }[]; correct_option_ids: number[]; explanation: string; poll_id: string; message_id: number }[] {
    return this.calls.filter((c) => c.method === 'sendPoll').map((c) => c.payload as never);
  }

  /**
   * Stops the bot as a crash would (nothing more is written), lets the test change the data
   * directory, and starts a new bot on it against the same emulator (old posts and buttons stay).
   */
  async restart(between?: () => Promise<void>): Promise<void> {
    this.quiz?.stop();
    await this.running?.stop();
    await this.core.close();
    await this.store.close();
    await between?.();
    await this.boot();
  }

  /** Stubs for what the emulator does not emulate, and a pause after an empty getUpdates (it answers at once). */
  private stubs(): Transformer {
    return (async (prev, method, payload, signal) => {
      this.calls.push({ method, payload: payload as Record<string, unknown> });
      switch (method) {
        case 'setMyCommands':
        case 'sendChatAction':
          return { ok: true, result: true };
        case 'getChatMember': {
          const id = (payload as { user_id: number }).user_id;
          return { ok: true, result: { status: this.members.has(id) ? 'member' : 'left', user: { id, is_bot: false, first_name: 'x' } } };
        }
        case 'sendMessage': {
          const thread = (payload as { message_thread_id?: number }).message_thread_id;
          if (thread !== undefined && this.goneTopics.has(thread)) return { ok: false, error_code: 400, description: 'Bad Request: message thread not found' };
          break;
        }
        // Not in telegram-test-api: answered as Telegram would (the poll's id, a message id).
        case 'sendPoll': {
          const p = payload as { chat_id: number | string; question: string; options: { text: string }[] };
          const message_id = this.nextPollMessage++;
          const poll_id = `poll-${message_id}`;
          Object.assign(payload as object, { poll_id, message_id });
          const options = p.options.map((o) => ({ text: o.text, voter_count: 0 }));
          return { ok: true, result: { message_id, date: Math.floor(Date.now() / 1000), chat: { id: Number(p.chat_id), type: 'supergroup' }, poll: { id: poll_id, question: p.question, options, total_voter_count: 0, is_closed: false, is_anonymous: false, type: 'quiz', allows_multiple_answers: false } } } as never;
        }
        case 'stopPoll':
          return { ok: true, result: { id: `poll-${String((payload as { message_id: number }).message_id)}`, question: '', options: [], total_voter_count: 0, is_closed: true, is_anonymous: false, type: 'quiz', allows_multiple_answers: false } } as never;
        case 'sendDocument':
        case 'sendPhoto':
          return { ok: true, result: { message_id: this.nextPollMessage++, date: Math.floor(Date.now() / 1000), chat: { id: Number((payload as { chat_id: string }).chat_id), type: 'private' } } } as never;
        case 'getUpdates': {
          if (this.injected.length > 0) return { ok: true, result: this.injected.splice(0) } as never;
          const r = await prev(method, payload, signal);
          if (r.ok && Array.isArray(r.result) && r.result.length === 0) await sleep(40);
          return r;
        }
      }
      return prev(method, payload, signal);
    }) as Transformer;
  }

  async stop(): Promise<void> {
    this.quiz?.stop();
    await this.running?.stop();
    await this.core.close();
    await this.store.close();
    await this.server.stop();
    await Promise.all([removeDir(this.kb), removeDir(this.data)]);
    // No test here expects the bot to fail: any error it logged is a bug.
    const errors = this.logs.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    if (errors.length > 0) throw new Error(`the bot logged errors:\n${errors.join('')}`);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.apiURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async history(): Promise<HistoryItem[]> {
    const r = await this.post<{ result: HistoryItem[] }>('/getUpdatesHistory', { token: TOKEN });
    return r.result;
  }

  /** The highest message id so far: "after this" marks for waiting. */
  async mark(): Promise<number> {
    return Math.max(0, ...(await this.history()).map((h) => h.messageId));
  }

  async botMessages(chatId: number, after = 0): Promise<BotMessage[]> {
    return (await this.history())
      .filter((h) => h.message?.chat_id !== undefined && String(h.message.chat_id) === String(chatId) && h.messageId > after)
      .sort((a, b) => a.messageId - b.messageId)
      .map((h) => ({ ...(h.message as unknown as Omit<BotMessage, 'messageId' | 'chatId'>), messageId: h.messageId, chatId: Number(h.message!.chat_id) }));
  }

  /** Waits until the bot has sent `count` messages to the chat after `after`. */
  async waitFor(chatId: number, after: number, count = 1, timeoutMs = 5000): Promise<BotMessage[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.botMessages(chatId, after);
      if (found.length >= count) return found;
      if (Date.now() > until) throw new Error(`expected ${count} bot message(s) in chat ${chatId}, got ${found.length}: ${JSON.stringify(found.map((m) => m.text))}`);
      await sleep(15);
    }
  }

  /** Polls a condition on the emulator's state (e.g. an edited post). */
  async until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(15);
    }
  }

  async message(chatId: number, messageId: number): Promise<BotMessage> {
    const m = (await this.botMessages(chatId)).find((x) => x.messageId === messageId);
    if (!m) throw new Error(`no bot message ${messageId} in ${chatId}`);
    return m;
  }

  /** A user sends a text message (entities for a leading command and @mentions are added as Telegram would). */
  async send(
    from: TgUser,
    chat: TgChat,
    text: string | undefined,
    extra: { replyTo?: BotMessage | UserMessage; thread?: number; entities?: MessageEntity[]; raw?: Record<string, unknown> } = {},
  ): Promise<UserMessage> {
    const entities = extra.entities ?? (text ? entitiesOf(text) : []);
    const body = {
      botToken: TOKEN,
      date: Math.floor(Date.now() / 1000),
      from,
      chat,
      ...(text !== undefined ? { text } : {}),
      ...(entities.length ? { entities } : {}),
      ...extra.raw,
      ...(extra.thread ? { message_thread_id: extra.thread, is_topic_message: true } : {}),
      ...(extra.replyTo ? { reply_to_message: this.asTelegram(extra.replyTo, chat) } : {}),
    };
    await this.post('/sendMessage', body);
    const mine = (await this.history())
      .filter((h) => h.message?.chat?.id === chat.id && h.message.from !== undefined)
      .sort((a, b) => b.messageId - a.messageId)[0];
    if (!mine) throw new Error('sent message not found in the emulator history');
    return { message_id: mine.messageId, chat, from, text: text ?? '', ...(extra.thread ? { message_thread_id: extra.thread, is_topic_message: true } : {}) };
  }

  /** A user presses an inline button of a bot message. */
  async press(from: TgUser, chat: TgChat, botMessage: BotMessage, callbackData: string, quoted?: UserMessage): Promise<void> {
    const buttons = (botMessage.reply_markup?.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : undefined));
    if (!buttons.includes(callbackData)) throw new Error(`no button ${callbackData} on message ${botMessage.messageId}: ${JSON.stringify(buttons)}`);
    const message = { ...this.asTelegram(botMessage, chat), ...(quoted ? { reply_to_message: this.asTelegram(quoted, chat) } : {}) };
    await this.post('/sendCallback', { botToken: TOKEN, from, data: callbackData, message });
  }

  /** A stored message as Telegram would embed it (reply_to_message, callback_query.message). */
  asTelegram(m: BotMessage | UserMessage, chat: TgChat): Record<string, unknown> {
    if ('messageId' in m) {
      return {
        message_id: m.messageId,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: BOT,
        text: htmlToText(m.text),
        ...(m.message_thread_id ? { message_thread_id: m.message_thread_id, is_topic_message: true } : {}),
        ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
      };
    }
    return { ...m, date: Math.floor(Date.now() / 1000) };
  }

  /** Callback data of a message's buttons, by label prefix. */
  static data(m: BotMessage, label: string): string {
    const b = (m.reply_markup?.inline_keyboard ?? []).flat().find((x) => x.text.startsWith(label));
    if (!b || !('callback_data' in b) || !b.callback_data) throw new Error(`no button "${label}" on ${JSON.stringify(m.reply_markup)}`);
    return b.callback_data;
  }

  /** The answerCallbackQuery texts the bot sent (the emulator keeps none). */
  callbackAnswers(): string[] {
    return this.calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => String(c.payload.text ?? ''));
  }
}
