import type { Logger } from '../../app/conversation.js';
import type { ZaloHandler, ZaloPort } from './port.js';
import { errorText } from './outbox.js';
import { systemTimers, type Timers } from './timers.js';

/** Another web listener was opened for the account. */
export const CODE_DUPLICATE_CONNECTION = 3000;
/** The session was kicked by a login elsewhere. */
export const CODE_KICKED = 3003;

export interface ConnectionOptions {
  /** first reconnect delay; doubles each failed attempt */
  baseDelayMs: number;
  maxDelayMs: number;
  /** a connection that lasted this long resets the back-off */
  stableMs: number;
  /** how often the watchdog looks */
  watchdogMs: number;
  /** no `connected` this long after starting: start again */
  connectTimeoutMs: number;
  /** nothing received this long while connected: the listener is presumed dead, restart it */
  silentMs: number;
  /** how long to wait for the old socket's `closed` after stopping it on purpose */
  restartGraceMs: number;
  /** consecutive failed attempts before the admins are told (once per outage) */
  alertAfterAttempts: number;
}

export const DEFAULT_CONNECTION: ConnectionOptions = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  stableMs: 30_000,
  watchdogMs: 30_000,
  connectTimeoutMs: 60_000,
  silentMs: 20 * 60_000,
  restartGraceMs: 5_000,
  alertAfterAttempts: 6,
};

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'waiting' | 'restarting' | 'stopped';

export interface ConnectionEvents {
  /** 3000/3003: the listener must not come back by itself. */
  onFatal(code: number, reason: string): void;
  /** long outage (and its end): tell the admins */
  onAlert?(text: string): void;
}

/**
 * Keeps the zca-js listener alive: zca-js does not reliably reconnect, and Zalo closes
 * sockets (1006) now and then. Abnormal closes reconnect with exponential back-off; a
 * watchdog restarts a listener that never connected or went silent; codes 3000 and
 * 3003 stop everything, since reconnecting would only kick the other session (or be
 * kicked again) in a loop.
 */
export class ListenerSupervisor {
  private state: ConnectionState = 'idle';
  private attempt = 0;
  private since = 0;
  private connectedAt = 0;
  private lastActivity = 0;
  private timer: unknown;
  private watchdog: unknown;
  private alerted = false;
  private readonly handlers: { [E in 'connected' | 'closed' | 'error' | 'message']: ZaloHandler<E> };

  constructor(
    private readonly port: ZaloPort,
    private readonly log: Logger,
    private readonly events: ConnectionEvents,
    private readonly options: ConnectionOptions = DEFAULT_CONNECTION,
    private readonly timers: Timers = systemTimers,
  ) {
    this.handlers = {
      connected: () => this.onConnected(),
      closed: (code, reason) => this.onClosed(Number(code), String(reason ?? '')),
      error: (e) => this.log.warn({ err: errorText(e) }, 'Lỗi từ listener Zalo'),
      message: () => {
        this.lastActivity = this.timers.now();
      },
    };
  }

  get status(): ConnectionState {
    return this.state;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.port.on('connected', this.handlers.connected);
    this.port.on('closed', this.handlers.closed);
    this.port.on('error', this.handlers.error);
    this.port.on('message', this.handlers.message);
    this.watchdog = this.timers.setInterval(() => this.check(), this.options.watchdogMs);
    this.connect();
  }

  /** Stops for good: no reconnect, no watchdog, the socket closed. */
  stop(): void {
    if (this.state === 'stopped') return;
    const wasOpen = this.state !== 'idle' && this.state !== 'waiting';
    this.state = 'stopped';
    this.clearTimer();
    if (this.watchdog !== undefined) this.timers.clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.port.off('connected', this.handlers.connected);
    this.port.off('closed', this.handlers.closed);
    this.port.off('error', this.handlers.error);
    this.port.off('message', this.handlers.message);
    if (wasOpen) {
      try {
        this.port.stopListener();
      } catch (e) {
        this.log.warn({ err: errorText(e) }, 'Không đóng được listener Zalo');
      }
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private connect(): void {
    this.clearTimer();
    this.state = 'connecting';
    this.since = this.timers.now();
    try {
      this.port.startListener();
    } catch (e) {
      this.log.warn({ err: errorText(e) }, 'Không mở được listener Zalo');
      this.scheduleReconnect();
    }
  }

  private onConnected(): void {
    if (this.state === 'stopped') return;
    const now = this.timers.now();
    this.state = 'connected';
    this.connectedAt = now;
    this.lastActivity = now;
    this.log.info({ attempt: this.attempt }, 'Zalo: listener đã kết nối');
    if (this.alerted) {
      this.alerted = false;
      this.events.onAlert?.('✅ Bot đã kết nối lại được với Zalo.');
    }
  }

  private onClosed(code: number, reason: string): void {
    if (this.state === 'stopped') return;
    if (code === CODE_DUPLICATE_CONNECTION || code === CODE_KICKED) {
      this.stop();
      this.events.onFatal(code, reason);
      return;
    }
    if (this.state === 'waiting') return; // a late close of a socket already given up on
    if (this.state === 'connected' && this.timers.now() - this.connectedAt >= this.options.stableMs) this.attempt = 0;
    if (this.state !== 'restarting') this.log.warn({ code, reason }, 'Zalo: listener bị đóng, sẽ kết nối lại');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.clearTimer();
    const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** this.attempt);
    this.attempt++;
    this.state = 'waiting';
    this.log.info({ attempt: this.attempt, delayMs: delay }, 'Zalo: chờ kết nối lại');
    if (this.attempt >= this.options.alertAfterAttempts && !this.alerted) {
      this.alerted = true;
      this.events.onAlert?.(`⚠️ Bot mất kết nối Zalo, đã thử lại ${this.attempt} lần và vẫn đang thử. Phần còn lại của bot vẫn chạy.`);
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.state === 'waiting') this.connect();
    }, delay);
  }

  /** Closes the socket on purpose; its `closed` (or the grace timer) leads to a reconnect. */
  private restart(why: string): void {
    this.log.warn({ why }, 'Zalo: khởi động lại listener');
    if (this.state === 'connected' && this.timers.now() - this.connectedAt >= this.options.stableMs) this.attempt = 0;
    this.state = 'restarting';
    this.clearTimer();
    try {
      this.port.stopListener();
    } catch (e) {
      this.log.warn({ err: errorText(e) }, 'Không đóng được listener Zalo');
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.state === 'restarting') this.scheduleReconnect();
    }, this.options.restartGraceMs);
  }

  private check(): void {
    const now = this.timers.now();
    if (this.state === 'connecting' && now - this.since >= this.options.connectTimeoutMs) {
      this.restart(`chưa kết nối được sau ${Math.round((now - this.since) / 1000)} giây`);
    } else if (this.state === 'connected' && now - this.lastActivity >= this.options.silentMs) {
      this.restart(`không nhận được gì trong ${Math.round((now - this.lastActivity) / 60_000)} phút`);
    }
  }
}
