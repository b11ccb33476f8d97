import { autoRetry } from '@grammyjs/auto-retry';
import type { QuizService } from '../../quiz/service.js';
import { recordPollAnswer } from './quiz.js';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Conversation, Logger } from '../../app/conversation.js';
import { paragraphText } from '../../answer/message.js';
import { TelegramChannel } from './channel.js';
import { DEFAULT_RATE_LIMIT, errText, inboundOf, topicOf, type BotContext, type RateLimitOptions, type TelegramDeps, type TelegramSettings } from './context.js';
import { documentOf } from './files.js';
import { questionLimiter } from './ratelimit.js';
import { Membership } from './roles.js';
import { SOMETHING_WRONG } from './texts.js';

export interface BotOptions {
  core: Conversation;
  settings: TelegramSettings;
  log: Logger;
  rateLimit?: RateLimitOptions;
  /** extra API transformers, installed last (outermost): tests stub methods an emulator lacks */
  transformers?: Transformer[];
  /** skip getMe (unit tests) */
  botInfo?: UserFromGetMe;
  /** the knowledge check: quiz poll answers go to it */
  quiz?: QuizService;
}

/** Telegram shows at most 200 characters in a button's pop-up. */
const TOAST_LIMIT = 200;

/**
 * Builds the bot: API client (custom root, auto-retry on 429), updates of one chat in
 * order, and one translation step: a message (with its document, if any) or a button
 * press becomes the core's inbound, its outbounds are delivered.
 */
export function createBot(options: BotOptions): { bot: Bot<BotContext>; channel: TelegramChannel; deps: TelegramDeps } {
  const { core, settings, log } = options;
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

  const channel = new TelegramChannel(bot.api, settings, new Membership(settings, bot.api, log), log);
  const deps: TelegramDeps = { core, settings, log, channel, limiter: questionLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, channel, log) };

  bot.use(sequentialize<BotContext>((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  const guarded = bot.errorBoundary(async (err) => {
    const ctx = err.ctx;
    log.error({ update: ctx.update.update_id, chat: ctx.chat?.id, err: errText(err.error) }, 'telegram update failed');
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: paragraphText(SOMETHING_WRONG.paragraphs[0]!), show_alert: true });
      else if (ctx.msg && ctx.chat) await channel.sendMessage({ chatId: String(ctx.chat.id), threadId: topicOf(ctx.msg), replyTo: String(ctx.msg.message_id) }, SOMETHING_WRONG);
    } catch {
      // nothing more to do: already logged
    }
  });
  guarded.on(['message', 'callback_query:data'], async (ctx) => {
    const read = inboundOf(ctx);
    // Admins send .docx/.pdf regulations in a private chat to import them: downloaded only if the core wants it.
    const inbound = read && ctx.message?.document ? { ...read, file: documentOf(ctx, settings) } : read;
    if (!inbound) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      return;
    }
    const work = async () => {
      const outs = await core.handle(inbound);
      if (ctx.callbackQuery) {
        // A short acknowledgement of the press shows as the button's pop-up.
        const toast = outs.find((o) => o.toast && o.to.platform === 'telegram' && o.to.id === inbound.chat.id);
        const text = toast ? toast.message.paragraphs.map(paragraphText).join('\n').slice(0, TOAST_LIMIT) : undefined;
        await ctx.answerCallbackQuery(text ? { text, show_alert: toast?.alert === true } : undefined);
        await core.dispatch(outs.filter((o) => o !== toast));
      } else {
        await core.dispatch(outs);
      }
    };
    // Only what is addressed to the bot counts towards the rate limit; chatter costs nothing.
    if (inbound.addressed) await deps.limiter(ctx, work);
    else await work();
  });

  // Answers to the quiz polls (not anonymous): who chose what.
  const quiz = options.quiz;
  if (quiz) guarded.on('poll_answer', async (ctx) => void (await recordPollAnswer(quiz, ctx.pollAnswer)));

  bot.catch((err) => log.error({ update: err.ctx.update.update_id, err: errText(err.error) }, 'telegram middleware error'));
  return { bot, channel, deps };
}
