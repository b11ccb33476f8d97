import { Zalo, type API } from 'zca-js';
import type { ChannelContext, RunningChannel } from '../starters.js';
import { ZaloChannel, type ZaloChannelOptions } from './channel.js';
import { credentialsPath, CredentialsError, loadCredentials, saveCredentials, type ZaloCredentials } from './credentials.js';
import { classifySendError, errorText } from './outbox.js';
import { portFromApi, type ZaloPort } from './port.js';
import { ZaloQuizPort } from './quiz.js';
import { textItemPoster } from '../../app/quiz.js';
import { SESSION_EXPIRED_TEXT } from './texts.js';

/** Options every Zalo login uses: no update check against npm, no echo of our own messages, no library logs. */
export const ZALO_OPTIONS = { selfListen: false, checkUpdate: false, logging: false } as const;

const LOGIN_ATTEMPTS = 3;
/** The longest startup waits for Zalo: then the other channels go on without it. */
export const STARTUP_DEADLINE_MS = 15_000;

class LoginTimeout extends Error {}

/** Logs in from saved credentials; network failures are retried a few times, anything else is final. */
export async function loginFromCredentials(credentials: ZaloCredentials, wait = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<API> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Zalo(ZALO_OPTIONS).login({
        imei: credentials.imei,
        cookie: credentials.cookie as never,
        userAgent: credentials.userAgent,
        language: credentials.language,
      });
    } catch (e) {
      if (attempt >= LOGIN_ATTEMPTS || classifySendError(e) !== 'transient') throw e;
      await wait(5_000 * attempt);
    }
  }
}

/**
 * Logs in from DATA_DIR's saved credentials and starts the channel; a missing or
 * expired session is explained (and the admins told on the other channels) without
 * stopping the rest of the bot.
 */
export async function runZalo(
  { config, core, log, quiz }: ChannelContext,
  connect: (credentials: ZaloCredentials) => Promise<ZaloPort> = async (c) => portFromApi(await loginFromCredentials(c)),
  channelOptions: Partial<ZaloChannelOptions> = {},
  deadlineMs = STARTUP_DEADLINE_MS,
): Promise<RunningChannel | undefined> {
  const file = credentialsPath(config.dataDir);
  const refuse = async (text: string, details: object = {}) => {
    log.error({ file, ...details }, text);
    await core.alertAdmins(`[Zalo] ${text}`).catch(() => {});
    return undefined;
  };
  let credentials: ZaloCredentials | undefined;
  try {
    credentials = await loadCredentials(file);
  } catch (e) {
    if (e instanceof CredentialsError) return refuse(`Kênh Zalo không chạy: ${e.message}`);
    throw e;
  }
  if (!credentials) {
    return refuse(`Kênh Zalo không chạy: chưa có phiên đăng nhập (${file}). Hãy chạy "npm run zalo:login" và quét mã QR bằng tài khoản Zalo riêng của bot.`);
  }
  let port: ZaloPort;
  let timer: NodeJS.Timeout | undefined;
  try {
    // A server that takes the login and never answers must not hold the whole bot's start.
    port = await Promise.race([
      connect(credentials),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new LoginTimeout()), deadlineMs))),
    ]);
  } catch (e) {
    if (e instanceof LoginTimeout) {
      return refuse(`Kênh Zalo không chạy: máy chủ Zalo không trả lời trong ${Math.round(deadlineMs / 1000)} giây. Kiểm tra mạng rồi khởi động lại bot; các kênh khác vẫn chạy.`);
    }
    const err = e as { code?: unknown };
    if (classifySendError(e) === 'transient') {
      return refuse('Kênh Zalo không chạy: không kết nối được tới máy chủ Zalo (lỗi mạng). Kiểm tra mạng rồi khởi động lại bot.', { err: errorText(e) });
    }
    return refuse(SESSION_EXPIRED_TEXT, { err: errorText(e), code: err.code ?? null });
  } finally {
    clearTimeout(timer);
  }
  const fixed = credentials;
  const save = (cookie: unknown[]) => saveCredentials(file, { ...fixed, cookie });
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const channel = new ZaloChannel({
    port,
    core,
    log,
    moderatorGroupId: config.zalo.moderatorGroupId,
    saveCookies: save,
    onStopped: () => {
      // Stay up even when Zalo was the only channel: a service manager restarting the
      // process would reopen the listener and kick the other session again, in a loop.
      keepAlive ??= setInterval(() => {}, 60 * 60_000);
    },
    ...channelOptions,
  });
  core.attach(channel);
  if (quiz && port.quizApi) quiz.attach('zalo', new ZaloQuizPort(port.quizApi, log, textItemPoster(core)));
  channel.start();
  await channel.saveCookies();
  return {
    name: 'zalo',
    stop: async () => {
      if (keepAlive) clearInterval(keepAlive);
      await channel.stop();
    },
  };
}
