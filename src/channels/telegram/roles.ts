import type { Api } from 'grammy';
import type { Logger } from '../../app/conversation.js';
import { chatIdValue, errText, type TelegramSettings } from './context.js';

const MEMBER_STATUSES = new Set(['creator', 'administrator', 'member']);
/** How long a getChatMember answer is trusted: members briefly, non-members shorter. */
const MEMBER_TTL_MS = 10 * 60_000;
const NON_MEMBER_TTL_MS = 60_000;

/**
 * Membership of TELEGRAM_MODERATOR_CHAT_ID, a platform fact the core asks for when it
 * decides whether someone may act as a moderator outside that chat (getChatMember, cached).
 */
export class Membership {
  private readonly cache = new Map<string, { member: boolean; until: number }>();

  constructor(
    private readonly settings: TelegramSettings,
    private readonly api: Api,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async isMember(userId: string): Promise<boolean> {
    if (!this.settings.moderatorChatId || !/^\d+$/.test(userId)) return false;
    const cached = this.cache.get(userId);
    if (cached && cached.until > this.now()) return cached.member;
    try {
      const m = await this.api.getChatMember(chatIdValue(this.settings.moderatorChatId), Number(userId));
      const member = MEMBER_STATUSES.has(m.status) || (m.status === 'restricted' && m.is_member);
      this.cache.set(userId, { member, until: this.now() + (member ? MEMBER_TTL_MS : NON_MEMBER_TTL_MS) });
      return member;
    } catch (e) {
      this.log.warn({ userId, err: errText(e) }, 'getChatMember failed; treating as not a moderator');
      return false;
    }
  }
}
