import { ThreadType, type Mention, type SendMessageQuote } from 'zca-js';
import type { Conversation, Logger } from '../../app/conversation.js';
import type { ChannelSink, ChatRef, Inbound, Outbound } from '../../app/types.js';
import { withChoiceLines } from '../text-choices.js';
import { ListenerSupervisor, DEFAULT_CONNECTION, type ConnectionOptions } from './connection.js';
import { BoundedMap, quoteOf, readIncoming, RecentIds, sentAt, type Incoming } from './incoming.js';
import { SessionKeeper } from './keepalive.js';
import { DEFAULT_OUTBOX, errorText, Outbox, type OutboxOptions } from './outbox.js';
import type { ZaloMessage, ZaloPort } from './port.js';
import { renderParts } from './render.js';
import { fatalText, HOW_TO_PICK_GROUP, HOW_TO_PICK_PRIVATE, SESSION_EXPIRED_TEXT } from './texts.js';
import { systemTimers, type Timers } from './timers.js';

export interface ZaloChannelOptions {
  port: ZaloPort;
  core: Conversation;
  log: Logger;
  /** the Zalo group where tickets are posted and moderators answer */
  moderatorGroupId?: string;
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

/** Messages missed during an outage are looked for from a little before it began. */
const CATCH_UP_MARGIN_MS = 2 * 60_000;

/**
 * The Zalo channel: turns Zalo messages into the core's inbounds and the core's outbounds
 * into paced Zalo sends (choices as numbered lines, quotes, @mentions, split under the
 * length limit), plus Zalo's own lifecycle (listener, reconnects, keep-alive, cookies,
 * messages missed during an outage). It works only through the narrow `ZaloPort` and decides nothing.
 */
export class ZaloChannel implements ChannelSink {
  readonly platform = 'zalo' as const;
  readonly editsPosts = false;
  readonly moderatorsChat?: ChatRef;
  private readonly port: ZaloPort;
  private readonly core: Conversation;
  private readonly log: Logger;
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
  /** received messages' events by chat and id: a reply sent soon after quotes them */
  private readonly received = new BoundedMap<string, SendMessageQuote>(5000);
  private readonly groupNames = new BoundedMap<string, string | undefined>(500);
  private readonly seenGroups = new Set<string>();

  constructor(private readonly options: ZaloChannelOptions) {
    this.port = options.port;
    this.core = options.core;
    this.log = options.log;
    if (options.moderatorGroupId) this.moderatorsChat = { platform: 'zalo', id: options.moderatorGroupId, kind: 'group' };
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
    this.log.info({ ownId: this.ownId, moderatorGroup: this.moderatorsChat?.id ?? null }, 'Zalo: kênh đã khởi động');
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
    this.core.detach('zalo');
    await this.stop().catch((e: unknown) => this.log.error({ err: errorText(e) }, 'Zalo: lỗi khi dừng kênh'));
    this.options.onStopped?.(text);
    await this.alert(text);
  }

  /** Tells the admins on every channel (Telegram included) through the core. */
  private async alert(text: string): Promise<void> {
    try {
      await this.core.alertAdmins(`[Zalo] ${text}`);
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
    const quote = inc.msgId ? quoteOf(inc.message) : undefined;
    if (quote) this.received.set(`${inc.threadId}:${inc.msgId}`, quote);
    await this.core.receive({ ...(await this.inbound(inc)), quote });
  }

  /** A Zalo message as the core reads it. */
  private async inbound(inc: Incoming): Promise<Inbound> {
    const quote = (inc.message.data as { quote?: { msg?: unknown } }).quote;
    return {
      chat: { platform: 'zalo', id: inc.threadId, kind: inc.chatKind, title: inc.chatKind === 'group' ? await this.groupName(inc.threadId) : undefined },
      sender: { id: inc.userId, name: inc.userName },
      messageId: inc.msgId || undefined,
      text: inc.text,
      addressed: inc.chatKind === 'private' || inc.mentionsBot || inc.quotesBot,
      replyTo: inc.quotedMsgId ? { messageId: inc.quotedMsgId, fromBot: inc.quotesBot, text: typeof quote?.msg === 'string' ? quote.msg : undefined } : undefined,
    };
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

  // ── Outgoing ────────────────────────────────────────────────────────────────

  /**
   * Delivers one outbound: choices as lines to type, quoting the message it replies to
   * when Zalo gave us that message, @mentioning the person in a group. Zalo cannot edit a
   * sent message, so the core never asks for an edit here.
   */
  async send(out: Outbound): Promise<string[]> {
    if (out.edit || !this.running) return [];
    const group = out.to.kind === 'group';
    const message = withChoiceLines(out.message, out.choices, group ? HOW_TO_PICK_GROUP : HOW_TO_PICK_PRIVATE);
    // The question's quote kept on the ticket (an answer days later), or one received lately.
    const quote = (out.replyQuote as SendMessageQuote | undefined) ?? (out.replyTo ? this.received.get(`${out.to.id}:${out.replyTo}`) : undefined);
    const mention = out.mention && group ? out.mention : undefined;
    const prefix = mention ? `@${mention.name} ` : '';
    const type = group ? ThreadType.Group : ThreadType.User;
    const threadId = out.to.id;
    const sends = renderParts(message, prefix).map((part, i) => {
      const mentions: Mention[] | undefined = i === 0 && mention ? [{ pos: 0, len: prefix.length - 1, uid: mention.id }] : undefined;
      const content = { msg: part.msg, styles: part.styles.length ? part.styles : undefined, quote: i === 0 ? quote : undefined, mentions };
      return this.outbox.enqueue(threadId, () => this.port.sendMessage(content, threadId, type), `${out.to.kind}:${threadId}`);
    });
    const results = await Promise.all(sends);
    return results.map((r) => r.msgId).filter((id): id is string => Boolean(id));
  }
}

/** A Zalo error's numeric code, for the logs (0 when it has none). */
function codeOf(e: unknown): number {
  const code = Number((e as { code?: unknown } | null)?.code);
  return Number.isFinite(code) ? code : 0;
}
