import { ThreadType, type Mention, type SendMessageQuote } from 'zca-js';
import type { Assistant, ChannelPort, Logger } from '../../app/assistant.js';
import { deskErrorText, pendingMessage, reloadMessage, STAFF_PLACE_ONLY, STAFF_VIEWS, statsMessage, ticketMessage } from '../../app/texts.js';
import { plain, type Message } from '../../answer/message.js';
import { passageMessage } from '../../answer/reply.js';
import type { Asker, Person, Ticket } from '../../store/store.js';
import { ListenerSupervisor, DEFAULT_CONNECTION, type ConnectionOptions } from './connection.js';
import { BoundedMap, quoteOf, readIncoming, RecentIds, sentAt, type Incoming } from './incoming.js';
import { SessionKeeper } from './keepalive.js';
import { DEFAULT_OUTBOX, errorText, Outbox, type OutboxOptions } from './outbox.js';
import type { ZaloMessage, ZaloPort } from './port.js';
import { renderParts } from './render.js';
import {
  answeredReply,
  EMPTY_ANSWER,
  fatalText,
  helpMessage,
  HOW_TO_PICK_GROUP,
  HOW_TO_PICK_PRIVATE,
  idMessage,
  NO_SUCH_CHOICE,
  NOT_ADMIN,
  NOT_MODERATOR,
  SESSION_EXPIRED_TEXT,
  ticketUpdateText,
  USAGE,
} from './texts.js';
import { systemTimers, type Timers } from './timers.js';

export interface ZaloChannelOptions {
  port: ZaloPort;
  assistant: Assistant;
  log: Logger;
  /** the Zalo group where tickets are posted and moderators answer */
  moderatorGroupId?: string;
  /** Zalo user ids allowed /reload and /thongke (and moderators' commands anywhere) */
  adminIds?: string[];
  timers?: Timers;
  outbox?: Partial<OutboxOptions>;
  connection?: Partial<ConnectionOptions>;
  /** saves the session's fresh cookies (after each keep-alive and on stop) */
  saveCookies?: (cookies: unknown[]) => Promise<void>;
  /** how often the session is kept alive (and its cookies saved) */
  keepAliveEveryMs?: number;
  /** the channel stopped by itself (3000/3003, expired session) */
  onStopped?: (reason: string) => void;
}

type Command = { name: string; args: string };

/** Messages missed during an outage are looked for from a little before it began. */
const CATCH_UP_MARGIN_MS = 2 * 60_000;

const MODERATOR_COMMANDS = new Set(['traloi', 'boqua', 'hangdoi', 'themfaq']);
const ADMIN_COMMANDS = new Set(['reload', 'thongke']);
const MAX_CHOICE = 9;

/** "/traloi 12 nội dung" → { name: 'traloi', args: '12 nội dung' }; "/hoi@bot x" keeps working. */
export function parseCommand(text: string): Command | undefined {
  const m = /^\/([a-z]+)(?:@\S+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), args: (m[2] ?? '').trim() } : undefined;
}

/**
 * The Zalo channel: translates Zalo messages into the assistant's questions and
 * moderators' commands, and the assistant's messages into paced Zalo sends. It works
 * only through the narrow `ZaloPort`, and decides nothing the console or Telegram
 * channels would decide differently.
 */
export class ZaloChannel implements ChannelPort {
  readonly platform = 'zalo' as const;
  private readonly port: ZaloPort;
  private readonly assistant: Assistant;
  private readonly log: Logger;
  private readonly moderatorGroupId?: string;
  private readonly adminIds: Set<string>;
  private readonly timers: Timers;
  private readonly outbox: Outbox;
  private readonly supervisor: ListenerSupervisor;
  private ownId = '';
  private running = false;
  private stoppedReason?: string;
  private readonly keeper: SessionKeeper;
  /** after a reconnect: messages sent since then, fetched with `requestOldMessages`, are answered */
  private catchUpFrom?: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly recent = new RecentIds();
  /** suggestion lists by the bot message that showed them, and the last list per person */
  private readonly suggestionsByPost = new BoundedMap<string, string[]>(2000);
  private readonly lastSuggestions = new BoundedMap<string, string[]>(2000);
  /** what each ticket looked like when last shown in the moderators' group */
  private readonly shown = new BoundedMap<number, string>(5000);
  /** tickets being changed by a command from this channel: its own reply says it */
  private readonly quiet = new Set<number>();
  private readonly groupNames = new BoundedMap<string, string | undefined>(500);
  private readonly seenGroups = new Set<string>();

  constructor(private readonly options: ZaloChannelOptions) {
    this.port = options.port;
    this.assistant = options.assistant;
    this.log = options.log;
    this.moderatorGroupId = options.moderatorGroupId;
    this.adminIds = new Set(options.adminIds ?? []);
    this.timers = options.timers ?? systemTimers;
    const sessionLost = (e: unknown) => void this.halt(SESSION_EXPIRED_TEXT, { code: codeOf(e) });
    this.outbox = new Outbox(this.log, { ...DEFAULT_OUTBOX, ...options.outbox }, this.timers, sessionLost);
    this.keeper = new SessionKeeper(this.port, this.log, sessionLost, options.saveCookies, options.keepAliveEveryMs, this.timers);
    this.supervisor = new ListenerSupervisor(
      this.port,
      this.log,
      {
        onFatal: (code) => void this.halt(fatalText(code), { code }),
        onSessionLost: sessionLost,
        onAlert: (text) => void this.alert(text),
        onReconnected: (since) => this.catchUp(since),
      },
      { ...DEFAULT_CONNECTION, ...options.connection },
      this.timers,
    );
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Why the channel stopped by itself, if it did. */
  get stopReason(): string | undefined {
    return this.stoppedReason;
  }

  /** Starts listening (and the session's keep-alive). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.ownId = String(this.port.getOwnId());
    this.port.on('message', this.onMessage);
    this.port.on('old_messages', this.onOldMessages);
    this.supervisor.start();
    this.keeper.start();
    this.log.info({ ownId: this.ownId, moderatorGroup: this.moderatorGroupId ?? null }, 'Zalo: kênh đã khởi động');
  }

  /** Stops listening, lets queued messages go out (a few seconds at most), saves the cookies. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.port.off('message', this.onMessage);
    this.port.off('old_messages', this.onOldMessages);
    this.supervisor.stop();
    this.keeper.stop();
    let timer: unknown;
    await Promise.race([this.outbox.idle(), new Promise<void>((r) => (timer = this.timers.setTimeout(r, 5_000)))]);
    this.timers.clearTimeout(timer);
    this.outbox.stop();
    await this.keeper.saveCookies();
  }

  /** Saves the session's current cookies (unless the jar lost its session cookie). */
  saveCookies(): Promise<void> {
    return this.keeper.saveCookies();
  }

  /** Resolves once every message received so far is handled and every reply sent. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.outbox.pending > 0) {
      await Promise.all([...this.inFlight]);
      await this.outbox.idle();
    }
  }

  /** Stops the channel by itself: logs why (in Vietnamese, with the code), tells the admins. */
  private async halt(text: string, details: { code: number }): Promise<void> {
    if (this.stoppedReason) return;
    this.stoppedReason = text;
    this.log.error({ code: details.code }, text);
    await this.stop().catch((e: unknown) => this.log.error({ err: errorText(e) }, 'Zalo: lỗi khi dừng kênh'));
    this.options.onStopped?.(text);
    await this.alert(text);
  }

  /** Tells the admins on every channel (Telegram included) through the assistant. */
  private async alert(text: string): Promise<void> {
    try {
      await this.assistant.alertAdmins(`[Zalo] ${text}`);
    } catch (e) {
      this.log.error({ err: errorText(e) }, 'Zalo: không báo được cho quản trị viên');
    }
  }

  // ── Incoming ────────────────────────────────────────────────────────────────

  private readonly onMessage = (m: ZaloMessage): void => {
    const work = this.handle(m).catch((e: unknown) => {
      this.log.error({ err: errorText(e), stack: (e as Error)?.stack?.split('\n').slice(1, 4).join(' | ') }, 'Zalo: lỗi khi xử lý tin nhắn');
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  };

  /** Connected again: ask for the latest messages, to answer those sent while the listener was away. */
  private catchUp(since: number): void {
    this.catchUpFrom = since - CATCH_UP_MARGIN_MS;
    try {
      this.port.requestOldMessages(ThreadType.User);
      this.port.requestOldMessages(ThreadType.Group);
    } catch (e) {
      this.log.warn({ err: errorText(e) }, 'Zalo: không lấy được tin nhắn bị lỡ khi mất kết nối');
    }
  }

  /** The latest messages Zalo sent back: those from the outage are handled like live ones (duplicates are dropped). */
  private readonly onOldMessages = (messages: ZaloMessage[]): void => {
    const from = this.catchUpFrom;
    if (from === undefined || !Array.isArray(messages)) return;
    const missed = messages.filter((m) => sentAt(m) >= from).sort((a, b) => sentAt(a) - sentAt(b));
    if (missed.length > 0) this.log.info({ count: missed.length }, 'Zalo: xử lý các tin nhắn đến trong lúc mất kết nối');
    for (const m of missed) this.onMessage(m);
  };

  private isModeratorGroup(inc: Incoming): boolean {
    return inc.chatKind === 'group' && this.moderatorGroupId !== undefined && inc.threadId === this.moderatorGroupId;
  }

  private async handle(m: ZaloMessage): Promise<void> {
    let inc: Incoming | undefined;
    try {
      inc = readIncoming(m, this.ownId);
    } catch (e) {
      this.log.warn({ err: errorText(e) }, 'Zalo: bỏ qua một tin nhắn không đọc được');
      return;
    }
    if (!inc) return;
    if (this.recent.seenBefore(inc)) return;
    if (inc.chatKind === 'group' && !this.seenGroups.has(inc.threadId)) {
      this.seenGroups.add(inc.threadId);
      this.log.info({ groupId: inc.threadId }, 'Zalo: nhận tin nhắn đầu tiên từ nhóm này (ID nhóm dùng cho ZALO_MODERATOR_GROUP_ID)');
    }
    const inModerators = this.isModeratorGroup(inc);
    const admin = this.adminIds.has(inc.userId);

    // A moderator's reply (quote) to a ticket post is the answer.
    if (inModerators && inc.quotedMsgId) {
      const ticket = this.assistant.desk.findByPost('zalo', inc.threadId, inc.quotedMsgId);
      if (ticket && !inc.text.startsWith('/')) return this.answerFromQuote(inc, ticket);
    }

    const command = parseCommand(inc.text);
    const addressed = inc.chatKind === 'private' || inc.mentionsBot || inc.quotesBot;
    if (command) {
      if (command.name === 'hoi') return this.question(inc, command.args);
      // the queue and statistics name askers and groups: never in an ordinary group
      if (STAFF_VIEWS.has(command.name) && !inModerators && inc.chatKind !== 'private') {
        return addressed || admin ? this.say(inc, STAFF_PLACE_ONLY(command.name)) : undefined;
      }
      if (command.name === 'id') return this.say(inc, idMessage(inc.threadId, inc.chatKind, inc.userId));
      if (command.name === 'help' || command.name === 'start' || command.name === 'trogiup') {
        return addressed || inModerators ? this.say(inc, helpMessage(inModerators || admin, admin)) : undefined;
      }
      if (MODERATOR_COMMANDS.has(command.name)) {
        if (!inModerators && !admin) return addressed ? this.say(inc, NOT_MODERATOR) : undefined;
        return this.moderatorCommand(inc, command);
      }
      if (ADMIN_COMMANDS.has(command.name)) {
        if (!admin) return addressed || inModerators ? this.say(inc, NOT_ADMIN) : undefined;
        return command.name === 'reload'
          ? this.say(inc, reloadMessage(await this.assistant.reload()))
          : this.say(inc, statsMessage(this.assistant.desk.stats()));
      }
      return addressed ? this.say(inc, helpMessage(inModerators || admin, admin)) : undefined;
    }
    if (!addressed) return; // group chatter
    if (/^\d{1,2}$/.test(inc.text)) {
      const chosen = this.choice(inc);
      if (chosen) return chosen;
    }
    return this.question(inc, inc.text);
  }

  /** A number answering a suggestion list: the entry, or undefined when there is no list. */
  private choice(inc: Incoming): Promise<void> | undefined {
    const byPost = inc.quotesBot && inc.quotedMsgId ? this.suggestionsByPost.get(`${inc.threadId}:${inc.quotedMsgId}`) : undefined;
    const ids = byPost ?? this.lastSuggestions.get(`${inc.threadId}:${inc.userId}`);
    if (!ids) return undefined;
    const n = Number(inc.text);
    if (n < 1 || n > Math.min(ids.length, MAX_CHOICE)) return this.say(inc, NO_SUCH_CHOICE);
    const passage = this.assistant.engine.passage(ids[n - 1]!);
    if (!passage) return this.say(inc, NO_SUCH_CHOICE);
    return this.say(inc, passageMessage(passage));
  }

  private async question(inc: Incoming, text: string): Promise<void> {
    const asker: Asker = {
      platform: 'zalo',
      chatId: inc.threadId,
      chatKind: inc.chatKind,
      chatTitle: inc.chatKind === 'group' ? await this.groupName(inc.threadId) : undefined,
      userId: inc.userId,
      userName: inc.userName,
      messageId: inc.msgId || undefined,
      zaloQuote: inc.msgId ? quoteOf(inc.message) : undefined,
      askedAt: new Date(this.timers.now()).toISOString(),
    };
    const outcome = await this.assistant.ask(text, asker, { howToPick: inc.chatKind === 'group' ? HOW_TO_PICK_GROUP : HOW_TO_PICK_PRIVATE });
    this.log.info({ chat: inc.threadId, kind: inc.chatKind, user: inc.userId, status: outcome.decision.status, ticket: outcome.ticket?.id }, 'Zalo: đã trả lời câu hỏi');
    const suggested = outcome.decision.status === 'suggested' ? outcome.decision.suggestions.map((p) => p.id) : undefined;
    const key = `${inc.threadId}:${inc.userId}`;
    if (suggested) this.lastSuggestions.set(key, suggested);
    else this.lastSuggestions.delete(key);
    const ids = await this.reply(inc, outcome.message);
    if (suggested) for (const id of ids) this.suggestionsByPost.set(`${inc.threadId}:${id}`, suggested);
  }

  private async groupName(groupId: string): Promise<string | undefined> {
    if (!this.port.getGroupName) return undefined;
    if (this.groupNames.has(groupId)) return this.groupNames.get(groupId);
    let name: string | undefined;
    try {
      name = (await this.port.getGroupName(groupId))?.trim() || undefined;
    } catch (e) {
      this.log.warn({ groupId, err: errorText(e) }, 'Zalo: không lấy được tên nhóm');
    }
    this.groupNames.set(groupId, name);
    return name;
  }

  // ── Moderators ──────────────────────────────────────────────────────────────

  private moderator(inc: Incoming): Person {
    return { platform: 'zalo', id: inc.userId, name: inc.userName };
  }

  private async answerFromQuote(inc: Incoming, ticket: Ticket): Promise<void> {
    if (!inc.text) return this.say(inc, EMPTY_ANSWER);
    await this.answer(inc, ticket.id, inc.text);
  }

  private async answer(inc: Incoming, id: number, text: string): Promise<void> {
    this.quiet.add(id);
    try {
      const r = await this.assistant.answerTicket(id, text, this.moderator(inc));
      if (!r.ok) return this.say(inc, deskErrorText(r.error, id));
      this.react(inc);
      await this.say(inc, answeredReply(id, r.delivered, r.failed));
    } finally {
      this.quiet.delete(id);
    }
  }

  private async moderatorCommand(inc: Incoming, c: Command): Promise<void> {
    const [first = '', ...rest] = c.args.split(/\s+/);
    const id = /^#?\d+$/.test(first) ? Number(first.replace('#', '')) : NaN;
    switch (c.name) {
      case 'hangdoi':
        return this.say(inc, pendingMessage(this.assistant.desk.pending(), new Date(this.timers.now())));
      case 'traloi': {
        const text = c.args.replace(/^#?\d+\s*/, '').trim();
        if (!Number.isInteger(id) || !text) return this.say(inc, USAGE.traloi);
        return this.answer(inc, id, text);
      }
      case 'boqua': {
        if (!Number.isInteger(id)) return this.say(inc, USAGE.boqua);
        this.quiet.add(id);
        try {
          const r = await this.assistant.dismissTicket(id, this.moderator(inc), rest.join(' ') || undefined);
          return this.say(inc, r.ok ? `Đã bỏ qua phiếu #${id}.` : deskErrorText(r.error, id));
        } finally {
          this.quiet.delete(id);
        }
      }
      case 'themfaq': {
        if (!Number.isInteger(id)) return this.say(inc, USAGE.themfaq);
        const r = await this.assistant.promote(id);
        return this.say(inc, r.ok ? `✅ Đã thêm FAQ "${r.faqId}" và nạp lại kho (${r.reload.passageCount} đoạn).` : r.reason);
      }
    }
  }

  private react(inc: Incoming): void {
    if (!this.port.addReaction) return;
    this.port.addReaction('/-ok', inc.message).catch((e: unknown) => this.log.warn({ err: errorText(e) }, 'Zalo: không thả được biểu tượng cảm xúc'));
  }

  // ── Outgoing ────────────────────────────────────────────────────────────────

  /** Replies in the message's chat, quoting it. */
  private async say(inc: Incoming, message: Message | string): Promise<void> {
    await this.reply(inc, message);
  }

  /** Replies in the message's chat, quoting it; resolves with the sent messages' ids. */
  private reply(inc: Incoming, message: Message | string): Promise<string[]> {
    const m = typeof message === 'string' ? { paragraphs: [[plain(message)]] } : message;
    return this.send(inc.threadId, inc.chatKind, m, { quote: quoteOf(inc.message) });
  }

  /** Sends a message in parts under Zalo's length limit, paced by the outbox. */
  private async send(
    threadId: string,
    chatKind: 'private' | 'group',
    message: Message,
    extra: { quote?: SendMessageQuote; mention?: { uid: string; name: string } } = {},
  ): Promise<string[]> {
    const type = chatKind === 'group' ? ThreadType.Group : ThreadType.User;
    const prefix = extra.mention && chatKind === 'group' ? `@${extra.mention.name} ` : '';
    const parts = renderParts(message, prefix);
    const sends = parts.map((part, i) => {
      const mentions: Mention[] | undefined = i === 0 && prefix ? [{ pos: 0, len: prefix.length - 1, uid: extra.mention!.uid }] : undefined;
      const content = { msg: part.msg, styles: part.styles.length ? part.styles : undefined, quote: i === 0 ? extra.quote : undefined, mentions };
      return this.outbox.enqueue(threadId, () => this.port.sendMessage(content, threadId, type), `${chatKind}:${threadId}`);
    });
    const results = await Promise.all(sends);
    return results.map((r) => r.msgId).filter((id): id is string => Boolean(id));
  }

  /** An answer reaches the asker's chat: quoting the question (kept on the ticket), @mentioning them in groups. */
  async deliver(to: Asker, message: Message): Promise<void> {
    await this.send(to.chatId, to.chatKind, message, {
      quote: to.zaloQuote as SendMessageQuote | undefined,
      mention: to.chatKind === 'group' ? { uid: to.userId, name: to.userName } : undefined,
    });
  }

  async ticketOpened(ticket: Ticket): Promise<void> {
    if (!this.moderatorGroupId || !this.running) return;
    await this.postTicket(ticket);
  }

  private async postTicket(ticket: Ticket): Promise<void> {
    const groupId = this.moderatorGroupId!;
    const ids = await this.send(groupId, 'group', ticketMessage(ticket));
    this.shown.set(ticket.id, this.signature(ticket));
    for (const messageId of ids) await this.assistant.desk.attachPost(ticket.id, { platform: 'zalo', chatId: groupId, messageId });
  }

  private signature(t: Ticket): string {
    return `${t.status}|${t.askers.length}|${t.faqId ?? ''}`;
  }

  /**
   * Zalo cannot edit the ticket's post, so a change made elsewhere (Telegram, console,
   * another asker joining) gets a short note in the moderators' group.
   */
  async ticketChanged(ticket: Ticket): Promise<void> {
    if (!this.moderatorGroupId || !this.running) return;
    const sig = this.signature(ticket);
    if (this.shown.get(ticket.id) === sig) return;
    if (this.quiet.has(ticket.id)) return void this.shown.set(ticket.id, sig);
    const posted = ticket.posts.some((p) => p.platform === 'zalo' && p.chatId === this.moderatorGroupId);
    if (!posted && ticket.status === 'pending') return this.postTicket(ticket);
    this.shown.set(ticket.id, sig);
    await this.send(this.moderatorGroupId, 'group', { paragraphs: [[plain(ticketUpdateText(ticket))]] });
  }

  /** Direct messages to the Zalo admins (e.g. the Telegram channel failing). */
  async alertAdmins(text: string): Promise<void> {
    if (!this.running) return;
    await Promise.all([...this.adminIds].map((id) => this.send(id, 'private', { paragraphs: [[plain(text)]] })));
  }
}

/** A Zalo error's numeric code, for the logs (0 when it has none). */
function codeOf(e: unknown): number {
  const code = Number((e as { code?: unknown } | null)?.code);
  return Number.isFinite(code) ? code : 0;
}
