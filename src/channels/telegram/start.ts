import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { GrammyError, webhookCallback, type Api, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { ChannelStartError, type ChannelContext, type RunningChannel } from '../starters.js';
import { createBot } from './bot.js';
import { TelegramQuizPort } from './quiz.js';
import { setCommandMenus } from './commands.js';
import { errText, type RateLimitOptions } from './context.js';

/** Update kinds the bot handles. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'poll_answer'] as const;

/** Longest wait for updates being handled when stopping. */
const DRAIN_MS = 10_000;

export interface TelegramStartOptions {
  /** extra API transformers (tests: stubs for methods an emulator lacks) */
  transformers?: Transformer[];
  rateLimit?: RateLimitOptions;
  /** webhook mode: interface to listen on (default: all) */
  webhookHost?: string;
}

export interface RunningTelegram extends RunningChannel {
  /** webhook mode: the local port actually listened on */
  port?: number;
}

/** The longest any startup step may wait for Telegram before the bot gives up with one clear line. */
export const STARTUP_DEADLINE_MS = 15_000;

function describeStartError(e: unknown): string {
  if (e instanceof GrammyError && e.error_code === 401) return 'Telegram từ chối TELEGRAM_BOT_TOKEN (401 Unauthorized): kiểm tra lại token lấy từ @BotFather.';
  if (e instanceof GrammyError && e.error_code === 404) return 'Telegram không nhận TELEGRAM_BOT_TOKEN (404): kiểm tra lại token, hoặc TELEGRAM_API_ROOT.';
  if (e instanceof GrammyError) return `Telegram từ chối yêu cầu khi khởi động (mã ${e.error_code}): kiểm tra TELEGRAM_BOT_TOKEN và TELEGRAM_API_ROOT.`;
  return `Không kết nối được Telegram trong ${STARTUP_DEADLINE_MS / 1000} giây: kiểm tra mạng, tường lửa hoặc TELEGRAM_API_ROOT.`;
}

/**
 * getMe at startup, retrying network errors until the deadline (grammY's own init would
 * retry forever, silently); a refused token fails at once.
 */
async function getMeOrFail(api: Api, log: ChannelContext['log'], deadline: number): Promise<UserFromGetMe> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.getMe(AbortSignal.timeout(Math.max(1, deadline - Date.now())) as Parameters<Api['getMe']>[0]);
    } catch (e) {
      const wait = Math.min(1000 * 2 ** attempt, deadline - Date.now());
      if (e instanceof GrammyError || wait <= 0) throw new ChannelStartError(describeStartError(e));
      log.warn({ attempt, err: errText(e) }, 'cannot reach Telegram yet; retrying');
      await sleep(wait);
    }
  }
}

/** A startup call that must answer before the deadline. */
async function beforeDeadline<T>(deadline: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await call(AbortSignal.timeout(Math.max(1, deadline - Date.now())));
  } catch (e) {
    throw new ChannelStartError(describeStartError(e));
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/**
 * Starts the Telegram channel when TELEGRAM_BOT_TOKEN is set: long polling with
 * @grammyjs/runner (updates of one chat in order), or a webhook server when
 * TELEGRAM_WEBHOOK_URL/SECRET are set. `stop()` stops taking updates and waits for
 * the ones being handled (main then flushes the store).
 */
export async function startTelegramChannel(ctx: ChannelContext, options: TelegramStartOptions = {}): Promise<RunningTelegram | undefined> {
  const settings = ctx.config.telegram;
  if (!settings) return undefined;
  const { core, log } = ctx;
  const { bot, channel } = createBot({ core, settings, log, rateLimit: options.rateLimit, transformers: options.transformers, quiz: ctx.quiz });
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  if (!bot.isInited()) bot.botInfo = await getMeOrFail(bot.api, log, deadline);
  core.attach(channel);
  ctx.quiz?.attach('telegram', new TelegramQuizPort(bot.api, log));
  // Menus are cosmetic: set them in the background so a slow or failing call never delays answering.
  void setCommandMenus(bot.api, core.commands, settings, log).then((menus) => log.info({ menus }, 'telegram command menus set'));
  const mode = settings.webhook ? 'webhook' : 'polling';
  log.info({ bot: bot.botInfo.username, mode, moderatorChat: settings.moderatorChatId ?? null, admins: settings.adminIds.length }, 'telegram channel started');
  if (!settings.moderatorChatId) log.warn({}, 'TELEGRAM_MODERATOR_CHAT_ID is not set: tickets are not posted on Telegram (use /hangdoi and /traloi as an admin)');

  if (settings.webhook) {
    const { url, secret, port } = settings.webhook;
    const path = new URL(url).pathname;
    const handle = webhookCallback(bot, 'http', { secretToken: secret, onTimeout: 'return', timeoutMilliseconds: 9_000 });
    const inFlight = new Set<Promise<unknown>>();
    const server = http.createServer((req, res) => {
      if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const task = handle(req, res).catch((e: unknown) => {
        log.error({ err: errText(e) }, 'webhook update failed');
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, options.webhookHost, resolve));
    const actualPort = (server.address() as AddressInfo).port;
    try {
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }, AbortSignal.timeout(Math.max(1, deadline - Date.now())) as never);
    } catch (e) {
      server.close();
      throw new ChannelStartError(`Không đặt được webhook ${url}: ${e instanceof GrammyError ? e.description : `Telegram không trả lời trong ${STARTUP_DEADLINE_MS / 1000} giây`}.`);
    }
    log.info({ url, port: actualPort }, 'telegram webhook listening');
    return {
      name: 'telegram',
      port: actualPort,
      async stop() {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.race([Promise.allSettled([...inFlight]), sleep(DRAIN_MS)]);
        server.closeAllConnections();
        await closed;
        log.info({}, 'telegram webhook stopped');
      },
    };
  }

  // Long polling: a webhook left over from webhook mode would make getUpdates fail (409).
  await beforeDeadline(deadline, (signal) => bot.api.deleteWebhook(undefined, signal as never));
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 30 }, silent: true, retryInterval: 'exponential', maxRetryTime: 60 * 60_000 },
  });
  let stopping = false;
  void runner.task()?.catch((e: unknown) => {
    if (stopping) return;
    const conflict = e instanceof GrammyError && e.error_code === 409;
    log.error(
      { err: errText(e) },
      conflict ? 'telegram polling stopped: another instance is using this token (409 Conflict)' : 'telegram polling stopped',
    );
  });
  return {
    name: 'telegram',
    async stop() {
      stopping = true;
      await runner.stop();
      const until = Date.now() + DRAIN_MS;
      while (runner.size() > 0 && Date.now() < until) await sleep(20);
      log.info({}, 'telegram polling stopped');
    },
  };
}

