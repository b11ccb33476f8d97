import { ThreadType, type SendMessageQuote } from 'zca-js';
import type { ZaloMessage } from './port.js';

/**
 * A Zalo message as the channel sees it: every id a string (payloads are parsed with
 * json-bigint, so ids may arrive as numbers or big-number objects), the bot's own
 * @mention cut out of the text.
 */
export interface Incoming {
  chatKind: 'private' | 'group';
  /** the group id, or the other person's id in a direct chat */
  threadId: string;
  msgId: string;
  cliMsgId: string;
  userId: string;
  userName: string;
  /** the text with the bot's mentions removed, trimmed */
  text: string;
  mentionsBot: boolean;
  /** the message quotes (replies to) one of the bot's messages */
  quotesBot: boolean;
  /** global id of the quoted message, if any */
  quotedMsgId?: string;
  /** the original event, to quote it or react to it */
  message: ZaloMessage;
}

/** An id from a Zalo payload as a string; empty for missing ids. */
export function idOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value);
}

/** Removes the [pos, pos+len) spans from text, last first so earlier positions stay valid. */
export function cutSpans(text: string, spans: { pos: number; len: number }[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.pos - a.pos)) {
    if (!(s.pos >= 0 && s.len > 0 && s.pos < out.length)) continue;
    out = out.slice(0, s.pos) + out.slice(s.pos + s.len);
  }
  return out.replace(/[ \t]{2,}/g, ' ').trim();
}

/** Zalo's action (sic) on a shared link's content object. */
const LINK_ACTION = 'recommened.link';

/**
 * The words of a message: its text, or for a shared link the title Zalo gives it, which
 * is what the sender typed with the link (the page's own title is in `description`).
 * Undefined for stickers, photos, files, contact cards, calls…
 */
function wordsOf(data: Record<string, unknown>): { text: string; link: boolean } | undefined {
  const content = data.content;
  if (typeof content === 'string') return { text: content, link: false };
  if (!content || typeof content !== 'object') return undefined;
  const c = content as Record<string, unknown>;
  const isLink = c.action === LINK_ACTION || data.msgType === 'chat.link';
  return isLink && typeof c.title === 'string' ? { text: c.title, link: true } : undefined;
}

/**
 * Reads an event; undefined when the channel must ignore it: the bot's own messages,
 * and anything without words (stickers, photos, files, calls, a bare link…).
 */
export function readIncoming(m: ZaloMessage, ownId: string): Incoming | undefined {
  if (m.isSelf) return undefined;
  const data = m.data as unknown as Record<string, unknown> | undefined;
  if (!data) return undefined;
  const words = wordsOf(data);
  if (!words) return undefined;
  const userId = idOf(data.uidFrom);
  if (!userId || userId === ownId) return undefined;
  const isGroup = m.type === ThreadType.Group;
  const rawMentions = isGroup && Array.isArray(data.mentions) ? (data.mentions as { uid: unknown; pos: unknown; len: unknown }[]) : [];
  const ownMentions = rawMentions
    .filter((x) => x && idOf(x.uid) === ownId)
    .map((x) => ({ pos: Number(x.pos), len: Number(x.len) }));
  const quote = data.quote as { ownerId?: unknown; globalMsgId?: unknown } | undefined;
  const quotedOwner = quote ? idOf(quote.ownerId) : '';
  let text = cutSpans(words.text, ownMentions);
  // a link's address is no part of the question; a link shared without words is not one
  if (words.link) text = text.replace(/https?:\/\/\S+/gi, ' ').replace(/[ \t]{2,}/g, ' ').trim();
  if (words.link && !text) return undefined;
  return {
    chatKind: isGroup ? 'group' : 'private',
    threadId: idOf(m.threadId),
    msgId: idOf(data.msgId),
    cliMsgId: idOf(data.cliMsgId),
    userId,
    userName: typeof data.dName === 'string' && data.dName.trim() ? data.dName.trim() : `Người dùng Zalo ${userId}`,
    text,
    mentionsBot: ownMentions.length > 0,
    quotesBot: quotedOwner !== '' && quotedOwner === ownId,
    quotedMsgId: quote && quote.globalMsgId !== undefined && quote.globalMsgId !== null ? idOf(quote.globalMsgId) : undefined,
    message: m,
  };
}

/** What `sendMessage` needs to quote a message, ids as strings (kept with a ticket's asker, so JSON-safe). */
export function quoteOf(m: ZaloMessage): SendMessageQuote {
  const d = m.data;
  return {
    content: d.content,
    msgType: d.msgType,
    propertyExt: d.propertyExt,
    uidFrom: idOf(d.uidFrom),
    msgId: idOf(d.msgId),
    cliMsgId: idOf(d.cliMsgId),
    ts: idOf(d.ts),
    ttl: Number(d.ttl ?? 0),
  };
}

/**
 * Message ids seen recently: Zalo sometimes delivers the same message twice. Keyed by
 * the global id and by the sender's client id; the oldest keys go first.
 */
export class RecentIds {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  /** True when the message was seen before; otherwise remembers it. */
  seenBefore(m: Pick<Incoming, 'threadId' | 'msgId' | 'cliMsgId' | 'userId'>): boolean {
    const keys = [m.msgId && `g:${m.msgId}`, m.cliMsgId && `c:${m.threadId}:${m.userId}:${m.cliMsgId}`].filter(Boolean) as string[];
    if (keys.some((k) => this.seen.has(k))) return true;
    for (const k of keys) this.seen.add(k);
    while (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value!);
    return false;
  }
}

/** A bounded map: the oldest entries are dropped beyond the capacity. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    while (this.size > this.capacity) this.delete(this.keys().next().value!);
    return this;
  }
}

/** When a message was sent (ms since the epoch), from its `ts`; NaN when it has none. */
export function sentAt(m: ZaloMessage): number {
  const ts = (m.data as { ts?: unknown } | undefined)?.ts;
  return ts === undefined || ts === null || ts === '' ? Number.NaN : Number(idOf(ts));
}
