import type { Context, MiddlewareFn } from 'grammy';
import type { Chat, Message as TgMessage, MessageEntity, User } from 'grammy/types';
import type { Assistant, Logger } from '../../app/assistant.js';
import type { Config } from '../../config.js';
import type { Asker, Person } from '../../store/store.js';
import type { TelegramChannel } from './channel.js';
import type { RecentQuestions } from './memory.js';
import type { Roles } from './roles.js';

export type BotContext = Context;
export type TelegramSettings = NonNullable<Config['telegram']>;

export interface RateLimitOptions {
  /** questions (and answer buttons) one user may send per window */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 6, windowMs: 30_000 };

/** What every feature composer gets (and what a documents composer can use too). */
export interface TelegramDeps {
  assistant: Assistant;
  settings: TelegramSettings;
  log: Logger;
  channel: TelegramChannel;
  roles: Roles;
  recent: RecentQuestions;
  /** per-user rate limit in front of questions and answer buttons (one polite notice per window) */
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

export function displayName(user: User | undefined, senderChat?: Chat): string {
  if (senderChat && 'title' in senderChat && senderChat.title) return senderChat.title;
  if (!user) return 'Không rõ';
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || `người dùng ${user.id}`;
  return user.username ? `${name} (@${user.username})` : name;
}

export function personOf(ctx: BotContext): Person {
  return { platform: 'telegram', id: String(ctx.from?.id ?? 'unknown'), name: displayName(ctx.from, ctx.msg?.sender_chat) };
}

/** The forum topic a message belongs to, when it is in one (General has none). */
export function topicOf(msg: Pick<TgMessage, 'is_topic_message' | 'message_thread_id'> | undefined): string | undefined {
  return msg?.is_topic_message && msg.message_thread_id !== undefined ? String(msg.message_thread_id) : undefined;
}

/**
 * Who asked and where to answer (ids as strings): `msg` is the question's own message,
 * `user` the person asking (its sender, or whoever pressed a button under the answer).
 */
export function askerOf(chat: Chat, msg: TgMessage, user: User | undefined, senderChat?: Chat): Asker {
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    chatKind: chat.type === 'private' ? 'private' : 'group',
    chatTitle: chat.type === 'private' ? undefined : chat.title,
    threadId: topicOf(msg),
    userId: String(user?.id ?? 'unknown'),
    userName: displayName(user, senderChat),
    messageId: String(msg.message_id),
    askedAt: new Date().toISOString(),
  };
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
