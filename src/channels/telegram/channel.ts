import { GrammyError, type Api } from 'grammy';
import type { ForceReply, InlineKeyboardMarkup, Message as TgMessage } from 'grammy/types';
import type { ChannelPort, Logger } from '../../app/assistant.js';
import { ticketMessage } from '../../app/texts.js';
import { bold, plain, splitMessage, type Message } from '../../answer/message.js';
import type { Desk } from '../../desk/desk.js';
import type { Asker, Ticket } from '../../store/store.js';
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

export function ticketKeyboard(t: Ticket): InlineKeyboardMarkup {
  if (t.status === 'pending') {
    return { inline_keyboard: [[button('✍️ Trả lời', `${TICKET_ACTIONS.answer}${t.id}`), button('🗑 Bỏ qua', `${TICKET_ACTIONS.dismiss}${t.id}`)]] };
  }
  if (t.status === 'answered' && !t.faqId) return { inline_keyboard: [[button('📚 Thêm vào FAQ', `${TICKET_ACTIONS.promote}${t.id}`)]] };
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

  constructor(
    private readonly api: Api,
    private readonly settings: TelegramSettings,
    private readonly desk: Desk,
    private readonly log: Logger,
  ) {}

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

  async ticketOpened(ticket: Ticket): Promise<void> {
    const target = this.moderatorTarget;
    if (!target) return;
    const sent = await this.send(target, ticketMessage(ticket), { markup: ticketKeyboard(ticket) });
    for (const m of sent) await this.desk.attachPost(ticket.id, { platform: 'telegram', chatId: String(m.chat.id), messageId: String(m.message_id) });
  }

  /** Edits the ticket's posts; a pending ticket that has none yet (posting failed before) is posted now. */
  async ticketChanged(ticket: Ticket): Promise<void> {
    const posts = ticket.posts.filter((p) => p.platform === 'telegram');
    if (posts.length === 0) {
      if (ticket.status === 'pending') await this.ticketOpened(ticket);
      return;
    }
    const parts = splitMessage(ticketMessage(ticket), TEXT_LIMIT);
    for (let i = 0; i < posts.length; i++) {
      const last = i === posts.length - 1;
      // The last post carries the status and the buttons: whatever does not fit in the others goes there, shortened.
      const part = last ? fitMessage({ paragraphs: parts.slice(i).flatMap((p) => p.paragraphs) }) : parts[i];
      if (!part || part.paragraphs.length === 0) continue;
      try {
        await this.api.editMessageText(chatIdValue(posts[i]!.chatId), Number(posts[i]!.messageId), renderHtml(part), {
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
