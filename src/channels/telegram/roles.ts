import type { Api } from 'grammy';
import type { Logger } from '../../app/assistant.js';
import { chatIdValue, errText, type BotContext, type TelegramSettings } from './context.js';

/** Telegram's own account that posts automatic forwards from a linked channel. */
export const TELEGRAM_SERVICE_USER = 777000;
/** The user Telegram shows for anonymous group admins. */
export const GROUP_ANONYMOUS_BOT = 1087968824;

/**
 * A message that speaks for a chat, not a person: a channel post, an automatic forward from
 * a linked channel, a message sent as a channel or as the group (anonymous admin). None of
 * them may act as a moderator: anyone who can post to the linked channel would answer tickets.
 */
export function isImpersonal(ctx: BotContext): boolean {
  if (ctx.channelPost || ctx.editedChannelPost) return true;
  const msg = ctx.msg;
  if (msg?.is_automatic_forward || msg?.sender_chat) return true;
  const id = ctx.from?.id;
  return id === TELEGRAM_SERVICE_USER || id === GROUP_ANONYMOUS_BOT;
}

const MEMBER_STATUSES = new Set(['creator', 'administrator', 'member']);
/** How long a getChatMember answer is trusted: members briefly, non-members shorter. */
const MEMBER_TTL_MS = 10 * 60_000;
const NON_MEMBER_TTL_MS = 60_000;

/**
 * Who may do what. Admins are TELEGRAM_ADMIN_IDS. Moderators are the members of
 * TELEGRAM_MODERATOR_CHAT_ID (a message sent in that chat proves it; otherwise
 * getChatMember, cached), and admins.
 */
export class Roles {
  private readonly cache = new Map<number, { member: boolean; until: number }>();

  constructor(
    private readonly settings: TelegramSettings,
    private readonly api: Api,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  isAdmin(userId: number | undefined): boolean {
    return userId !== undefined && this.settings.adminIds.includes(String(userId));
  }

  isModeratorChat(chatId: number | undefined): boolean {
    return chatId !== undefined && this.settings.moderatorChatId !== undefined && String(chatId) === this.settings.moderatorChatId;
  }

  /**
   * Where the queue and statistics may be shown (they name askers and groups): the moderators'
   * chat, or a private chat with the bot (where only the admin or moderator asking sees them).
   * Never an ordinary group, whoever asks.
   */
  isStaffPlace(ctx: BotContext): boolean {
    return this.isModeratorChat(ctx.chat?.id) || ctx.chat?.type === 'private';
  }

  /** Admins and members of the moderators' chat; never a channel, an automatic forward or an anonymous sender. */
  async isModerator(ctx: BotContext): Promise<boolean> {
    if (isImpersonal(ctx)) return false;
    const userId = ctx.from?.id;
    if (userId === undefined) return false;
    if (this.isAdmin(userId)) return true;
    if (!this.settings.moderatorChatId) return false;
    // Only members can post in a group: a message (not a button press) from that chat is proof.
    if (ctx.message && this.isModeratorChat(ctx.chat?.id)) return true;
    return this.isMember(userId);
  }

  private async isMember(userId: number): Promise<boolean> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > this.now()) return cached.member;
    try {
      const m = await this.api.getChatMember(chatIdValue(this.settings.moderatorChatId!), userId);
      const member = MEMBER_STATUSES.has(m.status) || (m.status === 'restricted' && m.is_member);
      this.cache.set(userId, { member, until: this.now() + (member ? MEMBER_TTL_MS : NON_MEMBER_TTL_MS) });
      return member;
    } catch (e) {
      this.log.warn({ userId, err: errText(e) }, 'getChatMember failed; treating as not a moderator');
      return false;
    }
  }
}
