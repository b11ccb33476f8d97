import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Assistant, Logger } from '../../app/assistant.js';
import { adminComposer } from './admin.js';
import { TelegramChannel } from './channel.js';
import { DEFAULT_RATE_LIMIT, errText, type BotContext, type RateLimitOptions, type TelegramDeps, type TelegramSettings } from './context.js';
import { deskComposer } from './desk.js';
import { documentsComposer } from './documents.js';
import { feedbackComposer } from './feedback.js';
import { RecentQuestions } from './memory.js';
import { questionLimiter } from './ratelimit.js';
import { questionsComposer, replyTo } from './questions.js';
import { Roles } from './roles.js';
import { SOMETHING_WRONG } from './texts.js';

export interface BotOptions {
  assistant: Assistant;
  settings: TelegramSettings;
  log: Logger;
  rateLimit?: RateLimitOptions;
  /** extra API transformers, installed last (outermost): tests stub methods an emulator lacks */
  transformers?: Transformer[];
  /** skip getMe (unit tests) */
  botInfo?: UserFromGetMe;
}

/**
 * Builds the bot: API client (custom root, auto-retry on 429), one composer per feature,
 * updates of one chat handled in order. Order matters: admin and desk commands and
 * replies to ticket posts are matched before anything is taken as a question.
 */
export function createBot(options: BotOptions): { bot: Bot<BotContext>; channel: TelegramChannel; deps: TelegramDeps } {
  const { assistant, settings, log } = options;
  const bot = new Bot<BotContext>(settings.token, {
    client: settings.apiRoot ? { apiRoot: settings.apiRoot.replace(/\/+$/, '') } : undefined,
    botInfo: options.botInfo,
  });
  // Flood limits (429): wait as Telegram says, a few times; never hammer on network errors.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 120, rethrowHttpErrors: true }));
  // The runner retries failed getUpdates calls silently: say why in our logs (messages only, no URLs).
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (e) {
      if (method === 'getUpdates' && !signal?.aborted) log.warn({ err: errText(e) }, 'getUpdates failed; retrying');
      throw e;
    }
  });
  for (const t of options.transformers ?? []) bot.api.config.use(t);

  const channel = new TelegramChannel(bot.api, settings, assistant.desk, log);
  const deps: TelegramDeps = {
    assistant,
    settings,
    log,
    channel,
    roles: new Roles(settings, bot.api, log),
    recent: new RecentQuestions(),
    limiter: questionLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, channel, log),
  };

  bot.use(sequentialize<BotContext>((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  const guarded = bot.errorBoundary(async (err) => {
    const ctx = err.ctx;
    log.error({ update: ctx.update.update_id, chat: ctx.chat?.id, err: errText(err.error) }, 'telegram update failed');
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: SOMETHING_WRONG.paragraphs[0]![0]!.text, show_alert: true });
      else if (ctx.msg && ctx.chat) await replyTo(ctx, deps, SOMETHING_WRONG);
    } catch {
      // nothing more to do: already logged
    }
  });
  guarded.use(adminComposer(deps));
  guarded.use(deskComposer(deps));
  // Admins send .docx/.pdf regulations in a private chat to import them.
  guarded.use(documentsComposer(deps));
  // (before the questions composer, which answers other files in private chats with "text only")
  guarded.use(feedbackComposer(deps));
  guarded.use(questionsComposer(deps));

  bot.catch((err) => log.error({ update: err.ctx.update.update_id, err: errText(err.error) }, 'telegram middleware error'));
  return { bot, channel, deps };
}
