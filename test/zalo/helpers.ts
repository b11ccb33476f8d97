import { EventEmitter } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import JSONbig from 'json-bigint';
import { GroupMessage, UserMessage, ZaloApiError, type MessageContent, type TGroupMessage, type TMessage, type TQuote, ThreadType } from 'zca-js';
import { DEFAULT_THRESHOLDS } from '../../src/answer/decide.js';
import { toPlainText } from '../../src/answer/message.js';
import { Conversation } from '../../src/app/conversation.js';
import { Engine } from '../../src/app/engine.js';
import { ConversationMemory } from '../../src/app/memory.js';
import type { ChannelSink, ChatRef, Outbound } from '../../src/app/types.js';
import { ZaloChannel, type ZaloChannelOptions } from '../../src/channels/zalo/channel.js';
import type { ZaloEventName, ZaloEvents, ZaloHandler, ZaloMessage, ZaloPort } from '../../src/channels/zalo/port.js';
import { Desk } from '../../src/desk/desk.js';
import { CHANNEL_THRESHOLDS } from '../helpers/temp.js';
import type { Platform } from '../../src/store/store.js';
import { Store, type StoreOptions } from '../../src/store/store.js';

/** Ids beyond 2^53 (written as BigInt here; messages carry them as zca-js's json-bigint parsing does): only String() keeps every digit. */
export const OWN_ID = 8_123_456_789_012_345_678n;
export const OWN = String(OWN_ID);
export const GROUP_ID = 5_987_654_321_098_765_432n;
export const GROUP = String(GROUP_ID);
export const MOD_GROUP_ID = 6_111_222_333_444_555_666n;
export const MOD_GROUP = String(MOD_GROUP_ID);
export const USER_ID = 4_000_000_000_000_000_001n;
export const USER = String(USER_ID);
export const MODERATOR_ID = 4_000_000_000_000_000_777n;
export const ADMIN_ID = 4_000_000_000_000_000_999n;
export const ADMIN = String(ADMIN_ID);

export interface SentMessage {
  content: MessageContent;
  threadId: string;
  type: ThreadType;
  msgId: string;
}

/** One listener socket of the fake port. */
interface FakeSocket {
  id: number;
  connected: boolean;
  closing: boolean;
}

/**
 * The narrow port, faked the way the real transport behaves where it matters: a
 * stopped socket reports `closed` only later (`closeDelayMs`, like a peer slow to
 * acknowledge), and until then `startListener` refuses like zca-js does ("Already
 * started"); `startListener` can also fail on demand; messages sent while no socket is
 * connected are not delivered live, only kept in the "server's" history that
 * `requestOldMessages` answers from. Sends, keep-alives and session checks are recorded.
 */
export class FakePort implements ZaloPort {
  private readonly emitter = new EventEmitter();
  readonly sent: SentMessage[] = [];
  readonly reactions: { icon: string; msgId: string }[] = [];
  /** errors the next sends throw, in order */
  readonly failures: unknown[] = [];
  /** errors the next startListener calls throw, in order */
  readonly startFailures: unknown[] = [];
  /** errors the next keep-alives throw, in order */
  readonly keepAliveFailures: unknown[] = [];
  /** what the session check throws (undefined: the session is valid) */
  sessionError: unknown;
  /** how long a stopped socket takes to report `closed` */
  closeDelayMs = 30_000;
  /** calls to startListener, and those that opened a socket */
  startAttempts = 0;
  starts = 0;
  stops = 0;
  keepAlives = 0;
  sessionChecks = 0;
  readonly oldRequests: ThreadType[] = [];
  /** the "server's" recent messages, newest last */
  readonly history: ZaloMessage[] = [];
  /** sockets opened and not yet closed, now and at most */
  open = 0;
  maxOpen = 0;
  cookies: unknown[] = [{ key: 'zpw_sek', value: 'bi-mat', domain: 'chat.zalo.me' }];
  /** the cookies Zalo hands back on the next keep-alive */
  refreshedCookies?: unknown[];
  private socket?: FakeSocket;
  private socketSeq = 0;
  private seq = 7_300_000_000_000;

  on<E extends ZaloEventName>(event: E, handler: ZaloHandler<E>): void {
    this.emitter.on(event, handler as (...args: unknown[]) => void);
  }

  off<E extends ZaloEventName>(event: E, handler: ZaloHandler<E>): void {
    this.emitter.off(event, handler as (...args: unknown[]) => void);
  }

  emit<E extends ZaloEventName>(event: E, ...args: ZaloEvents[E]): void {
    this.emitter.emit(event, ...args);
  }

  listeners(event: ZaloEventName): number {
    return this.emitter.listenerCount(event);
  }

  startListener(): void {
    this.startAttempts++;
    const failure = this.startFailures.shift();
    if (failure !== undefined) throw failure;
    if (this.socket) throw new ZaloApiError('Already started');
    this.starts++;
    this.socket = { id: ++this.socketSeq, connected: false, closing: false };
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
  }

  stopListener(): boolean {
    this.stops++;
    const socket = this.socket;
    if (!socket) return false;
    if (!socket.closing) {
      socket.closing = true;
      setTimeout(() => this.drop(socket, 1006, ''), this.closeDelayMs);
    }
    return true;
  }

  /** The handshake succeeds: the current socket is connected. */
  connect(): void {
    if (!this.socket || this.socket.closing) throw new Error('no socket to connect');
    this.socket.connected = true;
    this.emit('connected');
  }

  /** Zalo (or the network) closes the current socket. */
  serverClose(code: number, reason = ''): void {
    if (!this.socket) throw new Error('no socket to close');
    this.drop(this.socket, code, reason);
  }

  get connected(): boolean {
    return Boolean(this.socket?.connected && !this.socket.closing);
  }

  private drop(socket: FakeSocket, code: number, reason: string): void {
    if (this.socket === socket) this.socket = undefined;
    this.open--;
    this.emit('disconnected', code, reason);
    this.emit('closed', code, reason);
  }

  /** Someone sends the bot (or a group it is in) a message: live if connected, in the history anyway. */
  userSends(m: ZaloMessage): void {
    this.history.push(m);
    if (this.connected) this.emit('message', m);
  }

  requestOldMessages(type: ThreadType): void {
    this.oldRequests.push(type);
    if (!this.connected) return;
    const batch = this.history.filter((m) => m.type === type).slice(-50);
    setTimeout(() => this.emit('old_messages', batch, type), 10);
  }

  async keepAlive(): Promise<void> {
    this.keepAlives++;
    const failure = this.keepAliveFailures.shift();
    if (failure !== undefined) throw failure;
    if (this.refreshedCookies) this.cookies = this.refreshedCookies;
  }

  async checkSession(): Promise<void> {
    this.sessionChecks++;
    if (this.sessionError !== undefined) throw this.sessionError;
  }

  getOwnId(): string {
    return OWN;
  }

  async sendMessage(content: MessageContent, threadId: string, type: ThreadType): Promise<{ msgId?: string }> {
    if (this.failures.length > 0) throw this.failures.shift();
    const msgId = String(this.seq++);
    this.sent.push({ content, threadId, type, msgId });
    return { msgId };
  }

  async addReaction(icon: string, message: ZaloMessage): Promise<void> {
    this.reactions.push({ icon, msgId: String(message.data.msgId) });
  }

  getCookies(): unknown[] {
    return this.cookies;
  }

  /** Sent texts to a chat. */
  textsTo(threadId: string): string[] {
    return this.sent.filter((s) => s.threadId === threadId).map((s) => s.content.msg);
  }

  clear(): void {
    this.sent.length = 0;
  }
}

/**
 * A payload as zca-js hands it over: serialized, then parsed with json-bigint like its
 * `decodeEventData`, so ids beyond 2^53 become big-number objects (not native BigInt)
 * and smaller ones plain numbers; ids Zalo quotes as strings stay strings.
 */
export function asZaloParses<T>(value: unknown): T {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `__big__${v}` : v));
  return JSONbig.parse(text.replace(/"__big__(-?\d+)"/g, '$1')) as T;
}

let msgSeq = 7_200_000_000_000n;
let cliSeq = 1_700_000_000_000n;

/** Next ids, as big numbers. */
export function nextIds(): { msgId: bigint; cliMsgId: bigint } {
  return { msgId: msgSeq++, cliMsgId: cliSeq++ };
}

function base(from: bigint, to: bigint, text: unknown, name: string, ids = nextIds(), msgType = 'webchat'): TMessage {
  return {
    actionId: '1',
    // Zalo sends message ids as strings, user and group ids as numbers
    msgId: String(ids.msgId),
    cliMsgId: String(ids.cliMsgId),
    msgType,
    uidFrom: from as unknown as string,
    idTo: to as unknown as string,
    dName: name,
    ts: String(Date.now()),
    status: 1,
    content: text as string,
    notify: '1',
    ttl: 0,
    userId: '0',
    uin: '0',
    topOut: '0',
    topOutTimeOut: '0',
    topOutImprTimeOut: '0',
    propertyExt: undefined,
    paramsExt: { countUnread: 1, containType: 0, platformType: 1 },
    cmd: 501,
    st: 3,
    at: 5,
    realMsgId: '0',
    quote: undefined,
  };
}

/** A quote of a message, as Zalo sends it (ids big numbers). */
export function quoteOf(ownerId: bigint | string, globalMsgId: string | bigint, msg = '…'): TQuote {
  return {
    ownerId: (typeof ownerId === 'string' ? BigInt(ownerId) : ownerId) as unknown as string,
    cliMsgId: 1 as number,
    globalMsgId: (typeof globalMsgId === 'string' ? BigInt(globalMsgId) : globalMsgId) as unknown as number,
    cliMsgType: 1,
    ts: Date.now(),
    msg,
    attach: '',
    fromD: 'Bot',
    ttl: 0,
  };
}

export interface GroupOptions {
  group?: bigint;
  from?: bigint;
  name?: string;
  mentionBot?: boolean;
  mentions?: { uid: bigint | string; pos: number; len: number }[];
  quote?: TQuote;
  ids?: { msgId: bigint; cliMsgId: bigint };
  msgType?: string;
}

/** A group message built with zca-js's own class; `mentionBot` prefixes "@Trợ lý " with a mention of the bot. */
export function groupMessage(text: unknown, o: GroupOptions = {}): GroupMessage {
  const prefix = o.mentionBot ? '@Trợ lý ' : '';
  const content = typeof text === 'string' ? prefix + text : text;
  const data = base(o.from ?? USER_ID, o.group ?? GROUP_ID, content, o.name ?? 'Nguyễn Văn An', o.ids, o.msgType) as TGroupMessage;
  data.cmd = 521;
  const mentions = [...(o.mentions ?? [])];
  if (o.mentionBot) mentions.push({ uid: OWN_ID, pos: 0, len: prefix.length - 1 });
  data.mentions = mentions.length ? (mentions.map((m) => ({ ...m, type: 0 })) as unknown as TGroupMessage['mentions']) : undefined;
  data.quote = o.quote;
  return new GroupMessage(OWN, asZaloParses(data));
}

/** A direct message to the bot, built with zca-js's own class. */
export function userMessage(text: unknown, o: { from?: bigint; name?: string; quote?: TQuote; ids?: { msgId: bigint; cliMsgId: bigint }; msgType?: string } = {}): UserMessage {
  const data = base(o.from ?? USER_ID, OWN_ID, text, o.name ?? 'Trần Thị Bình', o.ids, o.msgType);
  data.quote = o.quote;
  return new UserMessage(OWN, asZaloParses(data));
}

/** A shared link's content, as Zalo sends it: `title` is what the sender typed with the link. */
export function linkContent(title: string, href = 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html'): Record<string, unknown> {
  return {
    title,
    description: 'Cổng Dịch vụ công quốc gia',
    href,
    thumb: 'https://dichvucong.gov.vn/logo.png',
    childnumber: 0,
    action: 'recommened.link',
    params: JSON.stringify({ mediaTitle: 'Cổng Dịch vụ công quốc gia', src: 'dichvucong.gov.vn' }),
    type: '',
  };
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg?: string;
}

export function memoryLog(): { lines: LogLine[]; info: (o: object, m?: string) => void; warn: (o: object, m?: string) => void; error: (o: object, m?: string) => void } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}

/** Another platform's channel, faked: records what the core sends there (stands for Telegram). */
export class FakeChannel implements ChannelSink {
  readonly sent: Outbound[] = [];
  readonly editsPosts = true;
  private seq = 500;

  constructor(
    readonly platform: Platform = 'telegram',
    readonly moderatorsChat?: ChatRef,
  ) {}

  async send(out: Outbound): Promise<string[]> {
    this.sent.push(out);
    return out.edit || out.toast ? [] : [String(this.seq++)];
  }

  /** The operational warnings sent here. */
  get alerts(): string[] {
    return this.sent.map((o) => toPlainText(o.message)).filter((t) => t.startsWith('⚠️ Cảnh báo vận hành: ')).map((t) => t.slice('⚠️ Cảnh báo vận hành: '.length));
  }
}

export interface Harness {
  port: FakePort;
  channel: ZaloChannel;
  core: Conversation;
  telegram: FakeChannel;
  log: ReturnType<typeof memoryLog>;
  store: Store;
  dataDir: string;
  /** emits a message and waits until it is handled and every reply sent */
  receive(m: ZaloMessage): Promise<void>;
}

/** The core over a knowledge copy and a fresh data directory (or a reused one: a restart), with the Zalo channel on a fake port. */
export async function harness(
  knowledgeDir: string,
  dataRoot: string,
  options: Partial<ZaloChannelOptions> = {},
  reuseDataDir?: string,
  storeOptions: StoreOptions = {},
): Promise<Harness> {
  const dataDir = reuseDataDir ?? (await mkdtemp(path.join(dataRoot, 'd-')));
  const log = memoryLog();
  const store = await Store.open(dataDir, storeOptions);
  const core = new Conversation({
    engine: await Engine.open(knowledgeDir, { ...DEFAULT_THRESHOLDS, ...CHANNEL_THRESHOLDS }),
    desk: new Desk(store),
    memory: new ConversationMemory(),
    log,
    admins: { zalo: [ADMIN], telegram: ['9001'] },
  });
  const telegram = new FakeChannel('telegram');
  core.attach(telegram);
  const port = new FakePort();
  const channel = new ZaloChannel({
    port,
    core,
    log,
    moderatorGroupId: MOD_GROUP,
    outbox: { minIntervalMs: 0, perThreadIntervalMs: 0 },
    ...options,
  });
  core.attach(channel);
  channel.start();
  return {
    port,
    channel,
    core,
    telegram,
    log,
    store,
    dataDir,
    receive: async (m) => {
      port.emit('message', m);
      await channel.idle();
    },
  };
}
