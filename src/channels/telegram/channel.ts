import { GrammyError, type Api } from 'grammy';
import type { ForceReply, InlineKeyboardMarkup, Message as TgMessage } from 'grammy/types';
import type { ChannelPort, Logger } from '../../app/assistant.js';
import { ticketMessage } from '../../app/texts.js';
import { bold, plain, splitMessage, type Message } from '../../answer/message.js';
import type { Desk } from '../../desk/desk.js';
import { TicketPosts } from '../../desk/posts.js';
import type { Asker, ModeratorPost, Ticket } from '../../store/store.js';
import { chatIdValue, errText, type TelegramSettings } from './context.js';
import { button, fitMessage, NO_BUTTONS, renderHtml, renderParts, TEXT_LIMIT } from './render.js';

/** Where a message goes: a chat, optionally a forum topic, optionally as a reply. */
export interface Target {
  chatId: string;
  threadId?: string;
  /** message id to reply to (quoted with reply_parameters) */
  replyTo?: string;
}

export interface SendOptions {
  /** buttons, or a force-reply prompt, under the last part */
  markup?: InlineKeyboardMarkup | ForceReply;
}

/** Callback data of the moderators' buttons on ticket posts. */
export const TICKET_ACTIONS = {
  answer: 't:a:',
  dismiss: 't:d:',
  dismissNow: 't:x:',
  promote: 't:f:',
} as const;

/** "12:Ab3_x9": the ticket a button is for (number and nonce), after the action prefix. */
export function ticketRefData(t: Pick<Ticket, 'id' | 'nonce'>): string {
  return t.nonce ? `${t.id}:${t.nonce}` : String(t.id);
}

export function ticketKeyboard(t: Ticket): InlineKeyboardMarkup {
  const ref = ticketRefData(t);
  if (t.status === 'pending') {
    return { inline_keyboard: [[button('✍️ Trả lời', `${TICKET_ACTIONS.answer}${ref}`), button('🗑 Bỏ qua', `${TICKET_ACTIONS.dismiss}${ref}`)]] };
  }
  if (t.status === 'answered' && !t.faqId) return { inline_keyboard: [[button('📚 Thêm vào FAQ', `${TICKET_ACTIONS.promote}${ref}`)]] };
  return NO_BUTTONS;
}

function isTopicGone(e: unknown): boolean {
  return e instanceof GrammyError && /thread not found|TOPIC_(CLOSED|DELETED)/i.test(e.description);
}

function isNotModified(e: unknown): boolean {
  return e instanceof GrammyError && e.description.includes('message is not modified');
}

/**
 * The Telegram side of the assistant's ChannelPort: sends answers back to askers (as a
 * reply to their question, in their forum topic) and keeps the ticket posts in the
 * moderators' chat up to date.
 */
export class TelegramChannel implements ChannelPort {
  readonly platform = 'telegram' as const;
  /** one post per ticket in the moderators' chat, rewritten on each change */
  private readonly posts: TicketPosts;

  constructor(
    private readonly api: Api,
    private readonly settings: TelegramSettings,
    desk: Desk,
    private readonly log: Logger,
  ) {
    this.posts = new TicketPosts(desk, { platform: 'telegram', send: (t) => this.sendPost(t), edit: (t, p) => this.editPost(t, p) });
  }

  /**
   * Sends a message, split under Telegram's limit; only the first part quotes, only the last
   * has buttons. A forum topic that no longer exists (or is closed) falls back to the chat's General topic.
   */
  async send(to: Target, message: Message, options: SendOptions = {}): Promise<TgMessage.TextMessage[]> {
    try {
      return await this.sendParts(to, message, options);
    } catch (e) {
      if (!to.threadId || !isTopicGone(e)) throw e;
      this.log.warn({ chat: to.chatId, thread: to.threadId, err: errText(e) }, 'forum topic unavailable; sending to the General topic');
      return this.sendParts({ ...to, threadId: undefined }, message, options);
    }
  }

  private async sendParts(to: Target, message: Message, options: SendOptions): Promise<TgMessage.TextMessage[]> {
    const parts = renderParts(message);
    const sent: TgMessage.TextMessage[] = [];
    for (let i = 0; i < parts.length; i++) {
      sent.push(
        await this.api.sendMessage(chatIdValue(to.chatId), parts[i]!, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(to.threadId ? { message_thread_id: Number(to.threadId) } : {}),
          ...(i === 0 && to.replyTo ? { reply_parameters: { message_id: Number(to.replyTo), allow_sending_without_reply: true } } : {}),
          ...(i === parts.length - 1 && options.markup ? { reply_markup: options.markup } : {}),
        }),
      );
    }
    return sent;
  }

  /** Sends HTML prepared by the caller (one part, e.g. a prompt with a user link). */
  async sendHtml(to: Target, html: string, markup?: InlineKeyboardMarkup | ForceReply): Promise<TgMessage.TextMessage> {
    return this.api.sendMessage(chatIdValue(to.chatId), html, {
      parse_mode: 'HTML',
      ...(to.threadId ? { message_thread_id: Number(to.threadId) } : {}),
      ...(to.replyTo ? { reply_parameters: { message_id: Number(to.replyTo), allow_sending_without_reply: true } } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    });
  }

  get moderatorTarget(): Target | undefined {
    const chatId = this.settings.moderatorChatId;
    return chatId ? { chatId, threadId: this.settings.moderatorThreadId } : undefined;
  }

  async deliver(to: Asker, message: Message): Promise<void> {
    await this.send({ chatId: to.chatId, threadId: to.threadId, replyTo: to.messageId }, message);
  }

  /** Posts a new ticket in the moderators' chat (once, however many chats join it meanwhile). */
  async ticketOpened(ticket: Ticket): Promise<void> {
    if (!this.moderatorTarget && !ticket.posts.some((p) => p.platform === 'telegram')) return;
    await this.posts.sync(ticket.id);
  }

  /** Rewrites every post of the ticket; a pending ticket with none yet (posting failed before) is posted now. */
  async ticketChanged(ticket: Ticket): Promise<void> {
    await this.ticketOpened(ticket);
  }

  private async sendPost(ticket: Ticket): Promise<{ chatId: string; messageId: string }[]> {
    const target = this.moderatorTarget;
    if (!target) return [];
    const sent = await this.send(target, ticketMessage(ticket), { markup: ticketKeyboard(ticket) });
    return sent.map((m) => ({ chatId: String(m.chat.id), messageId: String(m.message_id) }));
  }

  /** Rewrites one post (its messages in order); the last message carries the status and the buttons. */
  private async editPost(ticket: Ticket, post: ModeratorPost[]): Promise<void> {
    const parts = splitMessage(ticketMessage(ticket), TEXT_LIMIT);
    for (let i = 0; i < post.length; i++) {
      const last = i === post.length - 1;
      // whatever does not fit in the earlier messages goes into the last one, shortened
      const part = last ? fitMessage({ paragraphs: parts.slice(i).flatMap((p) => p.paragraphs) }) : parts[i];
      if (!part || part.paragraphs.length === 0) continue;
      try {
        await this.api.editMessageText(chatIdValue(post[i]!.chatId), Number(post[i]!.messageId), renderHtml(part), {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(last ? { reply_markup: ticketKeyboard(ticket) } : {}),
        });
      } catch (e) {
        if (!isNotModified(e)) throw e;
      }
    }
  }

  /** Warns the people running the bot: in the moderators' chat, else each admin privately. */
  async alertAdmins(text: string): Promise<void> {
    const message: Message = { paragraphs: [[bold('⚠️ Cảnh báo vận hành: '), plain(text)]] };
    const target = this.moderatorTarget;
    if (target) {
      await this.send(target, message);
      return;
    }
    let failures = 0;
    for (const id of this.settings.adminIds) {
      try {
        await this.send({ chatId: id }, message);
      } catch (e) {
        failures++;
        this.log.warn({ admin: id, err: errText(e) }, 'alert to admin failed (has the admin started the bot?)');
      }
    }
    if (failures > 0 && failures === this.settings.adminIds.length) throw new Error('không gửi được cảnh báo cho quản trị viên nào');
  }
}
