import { GrammyError, InputFile, type Api } from 'grammy';
import type { ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message as TgMessage } from 'grammy/types';
import type { Logger } from '../../app/conversation.js';
import type { ChannelSink, ChatRef, Choice, Outbound } from '../../app/types.js';
import { splitMessage, type Message } from '../../answer/message.js';
import type { ModeratorPost } from '../../store/store.js';
import { chatIdValue, errText, type TelegramSettings } from './context.js';
import { button, fitMessage, NO_BUTTONS, renderHtml, renderParts, TEXT_LIMIT } from './render.js';
import type { Membership } from './roles.js';

/** Where a message goes: a chat, optionally a forum topic, optionally as a reply. */
export interface Target {
  chatId: string;
  threadId?: string;
  /** message id to reply to (quoted with reply_parameters) */
  replyTo?: string;
}

/** A choice as a button: numbers keep theirs, "0" (a person) gets 🙋, 👍/👎 lead their label. */
function buttonLabel(c: Choice): string {
  if (c.key === undefined) return c.label;
  if (c.key === '0') return `🙋 ${c.label}`;
  return /^\d+$/.test(c.key) ? `${c.key}. ${c.label}` : `${c.key} ${c.label}`;
}

/** Choices as inline buttons: 👍 and 👎 side by side, everything else on its own row. */
export function keyboard(choices: Choice[]): InlineKeyboardMarkup {
  const rows: InlineKeyboardButton[][] = [];
  let side: InlineKeyboardButton[] = [];
  for (const c of choices) {
    const b = button(buttonLabel(c), c.id);
    if (c.key !== undefined && !/^\d+$/.test(c.key)) side.push(b);
    else {
      if (side.length) rows.push(side);
      side = [];
      rows.push([b]);
    }
  }
  if (side.length) rows.push(side);
  return { inline_keyboard: rows };
}

function isTopicGone(e: unknown): boolean {
  return e instanceof GrammyError && /thread not found|TOPIC_(CLOSED|DELETED)/i.test(e.description);
}

function isNotModified(e: unknown): boolean {
  return e instanceof GrammyError && e.description.includes('message is not modified');
}

/**
 * Delivers the core's outbounds on Telegram: HTML with escaping, split under 4096
 * characters (only the first part quotes, only the last has the buttons), into the
 * right forum topic; ticket posts are edited in place.
 */
export class TelegramChannel implements ChannelSink {
  readonly platform = 'telegram' as const;
  readonly editsPosts = true;
  readonly moderatorsChat?: ChatRef;

  constructor(
    private readonly api: Api,
    settings: TelegramSettings,
    private readonly membership: Membership,
    private readonly log: Logger,
  ) {
    if (settings.moderatorChatId) {
      this.moderatorsChat = { platform: 'telegram', id: settings.moderatorChatId, kind: 'group', topic: settings.moderatorThreadId };
    }
  }

  isModeratorMember(userId: string): Promise<boolean> {
    return this.membership.isMember(userId);
  }

  async send(out: Outbound): Promise<string[]> {
    if (out.edit) {
      await this.edit(out.edit, out.message, keyboard(out.choices ?? []));
      return [];
    }
    const markup: InlineKeyboardMarkup | ForceReply | undefined = out.expectReply
      ? { force_reply: true, selective: true }
      : out.choices?.length
        ? keyboard(out.choices)
        : undefined;
    const sent = await this.sendMessage({ chatId: out.to.id, threadId: out.to.topic, replyTo: out.replyTo }, out.message, markup);
    for (const f of out.files ?? []) {
      const file = new InputFile(f.bytes, f.name);
      const other = { caption: f.caption, ...(out.to.topic ? { message_thread_id: Number(out.to.topic) } : {}) };
      if (f.image) await this.api.sendPhoto(chatIdValue(out.to.id), file, other);
      else await this.api.sendDocument(chatIdValue(out.to.id), file, other);
    }
    return sent.map((m) => String(m.message_id));
  }

  /**
   * Sends a message in parts; a forum topic that no longer exists (or is closed) falls
   * back to the chat's General topic.
   */
  async sendMessage(to: Target, message: Message, markup?: InlineKeyboardMarkup | ForceReply): Promise<TgMessage.TextMessage[]> {
    try {
      return await this.sendParts(to, message, markup);
    } catch (e) {
      if (!to.threadId || !isTopicGone(e)) throw e;
      this.log.warn({ chat: to.chatId, thread: to.threadId, err: errText(e) }, 'forum topic unavailable; sending to the General topic');
      return this.sendParts({ ...to, threadId: undefined }, message, markup);
    }
  }

  private async sendParts(to: Target, message: Message, markup?: InlineKeyboardMarkup | ForceReply): Promise<TgMessage.TextMessage[]> {
    const parts = renderParts(message);
    const sent: TgMessage.TextMessage[] = [];
    for (let i = 0; i < parts.length; i++) {
      sent.push(
        await this.api.sendMessage(chatIdValue(to.chatId), parts[i]!, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(to.threadId ? { message_thread_id: Number(to.threadId) } : {}),
          ...(i === 0 && to.replyTo ? { reply_parameters: { message_id: Number(to.replyTo), allow_sending_without_reply: true } } : {}),
          ...(i === parts.length - 1 && markup ? { reply_markup: markup } : {}),
        }),
      );
    }
    return sent;
  }

  /** Edits a ticket's posts; the last carries the status and the buttons, shortened to fit. */
  private async edit(posts: ModeratorPost[], message: Message, markup: InlineKeyboardMarkup): Promise<void> {
    const parts = splitMessage(message, TEXT_LIMIT);
    for (let i = 0; i < posts.length; i++) {
      const last = i === posts.length - 1;
      const part = last ? fitMessage({ paragraphs: parts.slice(i).flatMap((p) => p.paragraphs) }) : parts[i];
      if (!part || part.paragraphs.length === 0) continue;
      try {
        await this.api.editMessageText(chatIdValue(posts[i]!.chatId), Number(posts[i]!.messageId), renderHtml(part), {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(last ? { reply_markup: markup.inline_keyboard.length ? markup : NO_BUTTONS } : {}),
        });
      } catch (e) {
        if (!isNotModified(e)) throw e;
      }
    }
  }
}
