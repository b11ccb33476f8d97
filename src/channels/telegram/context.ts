import type { Context, MiddlewareFn } from 'grammy';
import type { Chat, Message as TgMessage, MessageEntity, User } from 'grammy/types';
import type { Conversation, Logger } from '../../app/conversation.js';
import type { Inbound } from '../../app/types.js';
import type { Config } from '../../config.js';
import type { TelegramChannel } from './channel.js';

export type BotContext = Context;
export type TelegramSettings = NonNullable<Config['telegram']>;

export interface RateLimitOptions {
  /** messages and button presses one user may send to the bot per window */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 6, windowMs: 30_000 };

/** What the bot's middleware gets. */
export interface TelegramDeps {
  core: Conversation;
  settings: TelegramSettings;
  log: Logger;
  channel: TelegramChannel;
  /** per-user rate limit in front of what is addressed to the bot (one polite notice per window) */
  limiter: MiddlewareFn<BotContext>;
}

/** Error text safe to log: messages only, never the request (whose URL holds the token). */
export function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Telegram accepts numeric chat ids as numbers; usernames stay strings. */
export function chatIdValue(id: string): number | string {
  return /^-?\d+$/.test(id) ? Number(id) : id;
}

/**
 * How a Telegram person is named to others (askers and moderators on tickets, quiz
 * results): their name with @username when they have both, else whichever they have,
 * else "người dùng <id>". A message sent as a chat is named by the chat.
 */
export function displayName(user: User | undefined, senderChat?: Chat): string {
  if (senderChat && 'title' in senderChat && senderChat.title) return senderChat.title;
  if (!user) return 'Không rõ';
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  if (!name) return user.username ? `@${user.username}` : `người dùng ${user.id}`;
  return user.username ? `${name} (@${user.username})` : name;
}

/** The forum topic a message belongs to, when it is in one (General has none). */
export function topicOf(msg: Pick<TgMessage, 'is_topic_message' | 'message_thread_id'> | undefined): string | undefined {
  return msg?.is_topic_message && msg.message_thread_id !== undefined ? String(msg.message_thread_id) : undefined;
}

/** Is this entity the bot being addressed (@username or a text mention of the bot)? */
export function mentionsMe(text: string, entity: MessageEntity, me: User): boolean {
  if (entity.type === 'text_mention') return entity.user.id === me.id;
  if (entity.type !== 'mention' || !me.username) return false;
  return text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${me.username.toLowerCase()}`;
}

/**
 * The question in a message: the text without a leading /command(@bot) and without
 * mentions of the bot, whitespace collapsed.
 */
export function questionText(text: string, entities: MessageEntity[] | undefined, me: User): string {
  const cuts = (entities ?? [])
    .filter((e) => (e.type === 'bot_command' && e.offset === 0) || mentionsMe(text, e, me))
    .sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of cuts) out = out.slice(0, e.offset) + ' ' + out.slice(e.offset + e.length);
  return out.replace(/[ \t]+/g, ' ').replace(/^\s*[,:]\s*/, '').trim();
}

/** A reply to one of the bot's own messages (not the root message of a forum topic). */
export function repliesToMe(msg: TgMessage, me: User): boolean {
  const r = msg.reply_to_message;
  if (!r || r.from?.id !== me.id) return false;
  if (r.forum_topic_created) return false;
  if (msg.is_topic_message && r.message_id === msg.message_thread_id) return false;
  return true;
}

/** Telegram's own account that posts automatic forwards from a linked channel. */
export const TELEGRAM_SERVICE_USER = 777000;
/** The user Telegram shows for anonymous group admins. */
export const GROUP_ANONYMOUS_BOT = 1087968824;
/** Telegram's own senders: automatic forwards, anonymous group admins, channel posts (Channel_Bot): they speak for a chat, not a person. */
const AUTOMATIC_SENDERS = new Set([TELEGRAM_SERVICE_USER, GROUP_ANONYMOUS_BOT, 136817688]);

/**
 * What the core reads of a message's text: mentions of the bot taken out, "/hoi@ThisBot x"
 * read as "/hoi x"; undefined when the command is addressed to another bot.
 */
function textForCore(text: string, entities: MessageEntity[] | undefined, me: User): { text: string; command: boolean; mentioned: boolean } | undefined {
  const cuts = (entities ?? []).filter((e) => mentionsMe(text, e, me)).map((e) => ({ offset: e.offset, length: e.length }));
  const mentioned = cuts.length > 0;
  const cmd = entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (cmd) {
    const at = text.slice(0, cmd.length).indexOf('@');
    if (at >= 0) {
      if (text.slice(at + 1, cmd.length).toLowerCase() !== me.username?.toLowerCase()) return undefined;
      cuts.push({ offset: at, length: cmd.length - at });
    }
  }
  let out = text;
  for (const c of cuts.sort((a, b) => b.offset - a.offset)) out = out.slice(0, c.offset) + ' ' + out.slice(c.offset + c.length);
  return { text: out.replace(/[ \t]+/g, ' ').replace(/^\s*[,:]\s*/, '').trim(), command: cmd !== undefined, mentioned };
}

/** A Telegram message or button press as the core reads it; undefined when it is not for this bot. */
export function inboundOf(ctx: BotContext): Inbound | undefined {
  const me = ctx.me;
  const from = ctx.from;
  if (ctx.callbackQuery) {
    const m = ctx.callbackQuery.message;
    if (!from || !ctx.callbackQuery.data) return undefined;
    const chat = m?.chat ?? ({ id: from.id, type: 'private' } as Chat);
    return {
      chat: {
        platform: 'telegram',
        id: String(chat.id),
        kind: chat.type === 'private' ? 'private' : 'group',
        title: 'title' in chat ? chat.title : undefined,
        topic: m && m.date !== 0 ? topicOf(m as TgMessage) : undefined,
      },
      sender: { id: String(from.id), name: displayName(from), automatic: AUTOMATIC_SENDERS.has(from.id) },
      messageId: m ? String(m.message_id) : undefined,
      text: '',
      addressed: true,
      choice: ctx.callbackQuery.data,
    };
  }
  const msg = ctx.message;
  if (!msg || !ctx.chat) return undefined;
  const read = textForCore(msg.text ?? '', msg.entities, me);
  if (!read) return undefined;
  const r = msg.reply_to_message;
  const quoted = r && !r.forum_topic_created && !(msg.is_topic_message && r.message_id === msg.message_thread_id) ? r : undefined;
  const chat = ctx.chat;
  return {
    chat: { platform: 'telegram', id: String(chat.id), kind: chat.type === 'private' ? 'private' : 'group', title: chat.type === 'private' ? undefined : chat.title, topic: topicOf(msg) },
    sender: {
      id: String(from?.id ?? 'unknown'),
      name: displayName(from, msg.sender_chat),
      automatic: msg.sender_chat !== undefined || msg.is_automatic_forward === true || (from !== undefined && AUTOMATIC_SENDERS.has(from.id)),
    },
    messageId: String(msg.message_id),
    text: read.text,
    addressed: chat.type === 'private' || read.command || read.mentioned || repliesToMe(msg, me),
    replyTo: quoted
      ? {
          messageId: String(quoted.message_id),
          fromBot: quoted.from?.id === me.id,
          // the bot's own text as sent (prompts are recognised by it); a colleague's question without commands or mentions
          text: quoted.from?.id === me.id ? quoted.text : quoted.text && questionText(quoted.text, quoted.entities, me),
        }
      : undefined,
    nonText: msg.text === undefined,
  };
}
