import type { Logger } from '../../app/conversation.js';
import { classifySendError, errorText } from './outbox.js';
import type { ZaloPort } from './port.js';
import { systemTimers, type Timers } from './timers.js';

/** The cookie that carries the session: a jar without it must never replace the saved one. */
const SESSION_COOKIE = 'zpw_sek';

function hasSessionCookie(cookies: unknown[]): boolean {
  return cookies.some((c) => {
    const cookie = c as { key?: unknown; value?: unknown } | null;
    return cookie?.key === SESSION_COOKIE && typeof cookie.value === 'string' && cookie.value.length > 0;
  });
}

/**
 * Keeps the Zalo session fresh: every few minutes tells Zalo the session is in use
 * (`keepAlive`, which may answer with new cookies) and saves the cookie jar, so a
 * restart of the bot logs in with cookies that are still good. A keep-alive Zalo
 * refuses for the session (102, 600, "zpw_sek") means the session is gone. Cookies
 * are never logged, and a jar that lost its session cookie is not saved over a good file.
 */
export class SessionKeeper {
  private timer: unknown;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly port: ZaloPort,
    private readonly log: Logger,
    private readonly onSessionLost: (error: unknown) => void,
    private readonly save?: (cookies: unknown[]) => Promise<void>,
    private readonly everyMs = 10 * 60_000,
    private readonly timers: Timers = systemTimers,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = this.timers.setInterval(() => void this.tick(), this.everyMs);
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One keep-alive, then the cookies saved. */
  async tick(): Promise<void> {
    try {
      await this.port.keepAlive();
    } catch (e) {
      if (classifySendError(e) === 'session') {
        this.stop();
        this.onSessionLost(e);
        return;
      }
      this.log.warn({ err: errorText(e) }, 'Zalo: keep-alive không thành công, sẽ thử lại lần sau');
    }
    await this.saveCookies();
  }

  /** Saves the current cookies; saves run one after the other, the last one wins. */
  saveCookies(): Promise<void> {
    const save = this.save;
    if (!save) return Promise.resolve();
    this.saving = this.saving.then(async () => {
      try {
        const cookies = this.port.getCookies();
        if (!hasSessionCookie(cookies)) {
          this.log.warn({ cookies: cookies.length }, 'Zalo: bộ cookie hiện tại thiếu cookie phiên, không ghi đè tệp phiên đã lưu');
          return;
        }
        await save(cookies);
      } catch (e) {
        this.log.warn({ err: errorText(e) }, 'Zalo: không lưu lại được cookie');
      }
    });
    return this.saving;
  }
}
