import { EventEmitter } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { DEFAULT_THRESHOLDS } from '../../src/answer/decide.js';
import { CHANNEL_SUGGEST_CONFIDENCE } from '../helpers/temp.js';
import path from 'node:path';
import { GroupMessage, UserMessage, type MessageContent, type TGroupMessage, type TMessage, type TQuote, ThreadType } from 'zca-js';
import { Assistant, type ChannelPort } from '../../src/app/assistant.js';
import { Engine } from '../../src/app/engine.js';
import type { Message } from '../../src/answer/message.js';
import { ZaloChannel, type ZaloChannelOptions } from '../../src/channels/zalo/channel.js';
import type { ZaloEventName, ZaloEvents, ZaloHandler, ZaloMessage, ZaloPort } from '../../src/channels/zalo/port.js';
import { Desk } from '../../src/desk/desk.js';
import type { Asker, Platform } from '../../src/store/store.js';
import { Store } from '../../src/store/store.js';

/** Ids beyond 2^53, as json-bigint hands them over: only String() keeps every digit. */
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

/** The narrow port, faked: records sends, lets tests emit listener events. */
export class FakePort implements ZaloPort {
  private readonly emitter = new EventEmitter();
  readonly sent: SentMessage[] = [];
  readonly reactions: { icon: string; msgId: string }[] = [];
  /** errors the next sends throw, in order */
  readonly failures: unknown[] = [];
  starts = 0;
  stops = 0;
  cookies: unknown[] = [{ key: 'zpw_sek', value: 'bi-mat', domain: 'chat.zalo.me' }];
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
    this.starts++;
  }

  stopListener(): void {
    this.stops++;
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

let msgSeq = 7_200_000_000_000n;
let cliSeq = 1_700_000_000_000n;

/** Next ids, as big numbers. */
export function nextIds(): { msgId: bigint; cliMsgId: bigint } {
  return { msgId: msgSeq++, cliMsgId: cliSeq++ };
}

function base(from: bigint, to: bigint, text: unknown, name: string, ids = nextIds()): TMessage {
  return {
    actionId: '1',
    msgId: ids.msgId as unknown as string,
    cliMsgId: ids.cliMsgId as unknown as string,
    msgType: 'webchat',
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
}

/** A group message built with zca-js's own class; `mentionBot` prefixes "@Trợ lý " with a mention of the bot. */
export function groupMessage(text: unknown, o: GroupOptions = {}): GroupMessage {
  const prefix = o.mentionBot ? '@Trợ lý ' : '';
  const content = typeof text === 'string' ? prefix + text : text;
  const data = base(o.from ?? USER_ID, o.group ?? GROUP_ID, content, o.name ?? 'Nguyễn Văn An', o.ids) as TGroupMessage;
  data.cmd = 521;
  const mentions = [...(o.mentions ?? [])];
  if (o.mentionBot) mentions.push({ uid: OWN_ID, pos: 0, len: prefix.length - 1 });
  data.mentions = mentions.length ? (mentions.map((m) => ({ ...m, type: 0 })) as unknown as TGroupMessage['mentions']) : undefined;
  data.quote = o.quote;
  return new GroupMessage(OWN, data);
}

/** A direct message to the bot, built with zca-js's own class. */
export function userMessage(text: unknown, o: { from?: bigint; name?: string; quote?: TQuote; ids?: { msgId: bigint; cliMsgId: bigint } } = {}): UserMessage {
  const data = base(o.from ?? USER_ID, OWN_ID, text, o.name ?? 'Trần Thị Bình', o.ids);
  data.quote = o.quote;
  return new UserMessage(OWN, data);
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

/** Another platform's channel, faked: records deliveries and admin alerts (stands for Telegram). */
export class FakeChannel implements ChannelPort {
  readonly delivered: { to: Asker; message: Message }[] = [];
  readonly alerts: string[] = [];

  constructor(readonly platform: Platform = 'telegram') {}

  async deliver(to: Asker, message: Message): Promise<void> {
    this.delivered.push({ to, message });
  }

  async alertAdmins(text: string): Promise<void> {
    this.alerts.push(text);
  }
}

export interface Harness {
  port: FakePort;
  channel: ZaloChannel;
  assistant: Assistant;
  telegram: FakeChannel;
  log: ReturnType<typeof memoryLog>;
  store: Store;
  /** emits a message and waits until it is handled and every reply sent */
  receive(m: ZaloMessage): Promise<void>;
}

/** An assistant over a knowledge copy and a fresh data directory, with the Zalo channel on a fake port. */
export async function harness(knowledgeDir: string, dataRoot: string, options: Partial<ZaloChannelOptions> = {}): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(dataRoot, 'd-'));
  const log = memoryLog();
  const store = await Store.open(dataDir);
  const assistant = new Assistant(await Engine.open(knowledgeDir, { ...DEFAULT_THRESHOLDS, suggest: CHANNEL_SUGGEST_CONFIDENCE }), new Desk(store), log);
  const telegram = new FakeChannel('telegram');
  assistant.register(telegram);
  const port = new FakePort();
  const channel = new ZaloChannel({
    port,
    assistant,
    log,
    moderatorGroupId: MOD_GROUP,
    adminIds: [ADMIN],
    outbox: { minIntervalMs: 0, perThreadIntervalMs: 0 },
    ...options,
  });
  assistant.register(channel);
  channel.start();
  return {
    port,
    channel,
    assistant,
    telegram,
    log,
    store,
    receive: async (m) => {
      port.emit('message', m);
      await channel.idle();
    },
  };
}
