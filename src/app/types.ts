import type { Message } from '../answer/message.js';
import type { ModeratorPost, Platform, Ticket } from '../store/store.js';
import type { InboundFile } from './documents.js';

/**
 * What flows between the channels and the conversation core. A channel turns a
 * platform event into an `Inbound`, the core answers with `Outbound`s, the channel
 * delivers them. Nothing here knows grammY or zca-js.
 */

export type ChatKind = 'private' | 'group';

/** A chat as the platform names it (ids as strings). */
export interface ChatRef {
  platform: Platform;
  id: string;
  kind: ChatKind;
  title?: string;
  /** forum topic (Telegram) */
  topic?: string;
}

export interface Sender {
  id: string;
  name: string;
  /** an automatic forward, a channel post or an anonymous admin: never a moderator or an admin */
  automatic?: boolean;
}

export interface Inbound {
  chat: ChatRef;
  sender: Sender;
  /** the message's id, to reply to it */
  messageId?: string;
  /** the text, the bot's own @mention taken out ("/hoi@bot x" arrives as "/hoi x") */
  text: string;
  /** a command, a mention of the bot, a reply to the bot, or a private chat */
  addressed: boolean;
  /** the message this one replies to (quotes) */
  replyTo?: { messageId: string; fromBot: boolean; text?: string };
  /** a button pressed (Telegram): the id of one of the core's choices */
  choice?: string;
  /** not text (photo, sticker, file…): the core says it reads text only */
  nonText?: boolean;
  /** what the platform needs to quote this message later (Zalo), kept on a ticket's asker */
  quote?: unknown;
  /** a file sent with the message (an admin importing a document) */
  file?: InboundFile;
}

/**
 * Something to pick, offered under a message. Buttons on Telegram; where there are no
 * buttons the `key` is what the user types ("1", "👍", "0"), and a choice without a key
 * is a button-only shortcut for something the message already says how to do.
 */
export interface Choice {
  id: string;
  label: string;
  key?: string;
}

/** A file sent with a message (a report's CSV, a chart): where the platform can receive files. */
export interface OutFile {
  name: string;
  bytes: Buffer;
  /** shown as a picture rather than a file */
  image?: boolean;
  caption?: string;
}

export interface Outbound {
  to: ChatRef;
  /** files sent after the message (Telegram) */
  files?: OutFile[];
  /** the message to reply to (quote) */
  replyTo?: string;
  /** the platform's own data to quote it with, when the core kept it (Zalo) */
  replyQuote?: unknown;
  /** in a group, mention this person (an answer that arrives later, in a busy chat) */
  mention?: { id: string; name: string };
  message: Message;
  choices?: Choice[];
  /** the choices' set, so that a reply quoting the sent message can pick from it */
  choiceSet?: string;
  /** a short acknowledgement of a button press (Telegram: the button's pop-up, elsewhere a message) */
  toast?: boolean;
  /** the pop-up must be dismissed by hand (a refusal, a stale button) */
  alert?: boolean;
  /** the core waits for a reply to this message (Telegram: force reply) */
  expectReply?: boolean;
  /** this is ticket N's post in a moderators' chat (sent or edited by the core's post keeper) */
  ticketPost?: number;
  /** bring ticket N's post in this moderators' chat up to date: post it, or rewrite it where posts can be edited */
  ticketSync?: number;
  /** replace these posts in place instead of sending (only where `editsPosts`) */
  edit?: ModeratorPost[];
}

/** How a running channel is reached, and the platform facts the core needs. */
export interface ChannelSink {
  platform: Platform;
  /** where tickets are posted and moderators answer */
  moderatorsChat?: ChatRef;
  /** the platform can edit a sent message (ticket posts are updated in place) */
  editsPosts: boolean;
  /** is this user a member of the moderators' chat (asked only when it matters) */
  isModeratorMember?(userId: string): Promise<boolean>;
  /** delivers one outbound; resolves with the ids of the messages sent (none for an edit or a toast) */
  send(out: Outbound): Promise<string[]>;
}

export type Role = 'anyone' | 'moderator' | 'admin';

/** Where the event came from: a channel skips what its own reply already says. */
export interface Origin {
  platform: Platform;
  chatId: string;
}

/** Ticket events: every moderators' chat shows them (a post, an edit, or a note). */
export type TicketEvent =
  | { type: 'ticket.opened'; ticket: Ticket; origin: Origin }
  | { type: 'ticket.changed'; ticket: Ticket; origin: Origin; change: 'joined' | 'answered' | 'dismissed' | 'promoted' };

/** Things that happened, for every channel and listener; a feature adds its own (the quiz: a round opened or closed). */
export type CoreEvent = TicketEvent | { type: 'quiz.opened' | 'quiz.closed'; origin: Origin; roundId: string; data?: unknown };
