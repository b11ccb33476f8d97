import { limit } from '@grammyjs/ratelimiter';
import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../app/conversation.js';
import type { TelegramChannel } from './channel.js';
import { errText, GROUP_ANONYMOUS_BOT, TELEGRAM_SERVICE_USER, topicOf, type BotContext, type RateLimitOptions } from './context.js';
import { RATE_LIMITED } from './texts.js';

/**
 * Per-user limit on what is addressed to the bot (questions, commands, buttons). The plugin calls onLimitExceeded once
 * per window (on the first update over the limit), so a flooder gets one polite notice
 * and the rest is dropped silently until the window ends.
 */
export function questionLimiter(options: RateLimitOptions, channel: TelegramChannel, log: Logger): MiddlewareFn<BotContext> {
  return limit<BotContext, never>({
    timeFrame: options.windowMs,
    limit: options.limit,
    keyPrefix: 'cau-hoi:',
    // Anonymous admins and channels all share one Telegram user id: count them per chat they speak for.
    keyGenerator: (ctx) => {
      const senderChat = ctx.msg?.sender_chat;
      if (senderChat) return `chat:${senderChat.id}`;
      if (ctx.from?.id === GROUP_ANONYMOUS_BOT || ctx.from?.id === TELEGRAM_SERVICE_USER) return ctx.chat ? `chat:${ctx.chat.id}` : undefined;
      return ctx.from ? String(ctx.from.id) : undefined;
    },
    onLimitExceeded: async (ctx) => {
      log.info({ userId: ctx.from?.id, chat: ctx.chat?.id }, 'rate limited');
      try {
        if (ctx.callbackQuery) {
          await ctx.answerCallbackQuery({ text: RATE_LIMITED.paragraphs[0]![0]!.text, show_alert: true });
        } else if (ctx.chat && ctx.msg) {
          await channel.sendMessage({ chatId: String(ctx.chat.id), threadId: topicOf(ctx.msg), replyTo: String(ctx.msg.message_id) }, RATE_LIMITED);
        }
      } catch (e) {
        log.warn({ err: errText(e) }, 'rate limit notice failed');
      }
    },
  });
}
