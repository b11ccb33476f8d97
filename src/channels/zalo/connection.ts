import type { Logger } from '../../app/conversation.js';
import { ACTIVITY_EVENTS, type ZaloHandler, type ZaloPort } from './port.js';
import { classifySendError, errorText } from './outbox.js';
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
  /** no listener event at all this long while connected: the listener is presumed dead, restart it */
  silentMs: number;
  /**
   * how long to wait for the `closed` of a socket stopped on purpose before trying
   * anyway; longer than `ws`'s own 30 s closing timeout
   */
  restartGraceMs: number;
  /** consecutive failed attempts before the admins are told (once per outage) */
  alertAfterAttempts: number;
  /** every this many consecutive failed attempts, ask Zalo whether the session is still valid */
  probeEveryAttempts: number;
}

export const DEFAULT_CONNECTION: ConnectionOptions = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  stableMs: 30_000,
  watchdogMs: 30_000,
  connectTimeoutMs: 60_000,
  silentMs: 20 * 60_000,
  restartGraceMs: 45_000,
  alertAfterAttempts: 6,
  probeEveryAttempts: 3,
};

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'waiting' | 'restarting' | 'stopped';

export interface ConnectionEvents {
  /** 3000/3003: the listener must not come back by itself. */
  onFatal(code: number, reason: string): void;
  /** Zalo says the session is gone (the probe after failed reconnects): log in again. */
  onSessionLost(error: unknown): void;
  /** long outage (and its end): tell the admins */
  onAlert?(text: string): void;
  /** connected again after an outage that began at `since` (ms): fetch what was missed */
  onReconnected?(since: number): void;
}

/**
 * Keeps the zca-js listener alive: zca-js does not reliably reconnect, and Zalo closes
 * sockets (1006) now and then. Abnormal closes reconnect with exponential back-off; a
 * watchdog restarts a listener that never connected or went silent, and a new socket is
 * opened only once the old one's `closed` came, so there is never a second socket for
 * the account. Codes 3000 and 3003 stop everything, since reconnecting would only kick
 * the other session (or be kicked again) in a loop; a run of failed attempts makes it
 * ask Zalo whether the session still exists, and stops when it does not.
 */
export class ListenerSupervisor {
  private state: ConnectionState = 'idle';
  private attempt = 0;
  private since = 0;
  private connectedAt = 0;
  private lastActivity = 0;
  /** when the current outage began (the last sign of life before it); undefined while connected */
  private lostSince?: number;
  private everConnected = false;
  private timer: unknown;
  private watchdog: unknown;
  private alerted = false;
  private readonly handlers: { [E in 'connected' | 'closed' | 'error']: ZaloHandler<E> };
  private readonly activity = (): void => {
    this.lastActivity = this.timers.now();
  };
  private readonly activityEvents = ['message', 'old_messages', ...ACTIVITY_EVENTS] as const;

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
    for (const e of this.activityEvents) this.port.on(e, this.activity);
    this.watchdog = this.timers.setInterval(() => this.check(), this.options.watchdogMs);
    this.connect();
  }

  /** Stops for good: no reconnect, no watchdog, the socket closed. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.clearTimer();
    if (this.watchdog !== undefined) this.timers.clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.port.off('connected', this.handlers.connected);
    this.port.off('closed', this.handlers.closed);
    this.port.off('error', this.handlers.error);
    for (const e of this.activityEvents) this.port.off(e, this.activity);
    this.closeSocket();
  }

  /** Closes the socket if there is one; true when its `closed` will follow. */
  private closeSocket(): boolean {
    try {
      return this.port.stopListener();
    } catch (e) {
      this.log.warn({ err: errorText(e) }, 'Không đóng được listener Zalo');
      return false;
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
    const lostSince = this.lostSince;
    this.lostSince = undefined;
    if (this.everConnected && lostSince !== undefined) this.events.onReconnected?.(lostSince);
    this.everConnected = true;
    if (this.alerted) {
      this.alerted = false;
      this.events.onAlert?.('✅ Bot đã kết nối lại được với Zalo.');
    }
  }

  /** Leaving the connected state: remember since when messages may have been missed. */
  private markLost(): void {
    if (this.state === 'connected') this.lostSince ??= this.lastActivity;
    if (this.state === 'connected' && this.timers.now() - this.connectedAt >= this.options.stableMs) this.attempt = 0;
  }

  private onClosed(code: number, reason: string): void {
    if (this.state === 'stopped') return;
    if (code === CODE_DUPLICATE_CONNECTION || code === CODE_KICKED) {
      this.stop();
      this.events.onFatal(code, reason);
      return;
    }
    if (this.state === 'waiting') return; // a late close of a socket already given up on
    if (this.state === 'restarting') {
      // the socket we stopped is gone: only now may a new one open
      this.scheduleReconnect();
      return;
    }
    this.markLost();
    this.log.warn({ code, reason }, 'Zalo: listener bị đóng, sẽ kết nối lại');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.clearTimer();
    const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** this.attempt);
    this.attempt++;
    this.state = 'waiting';
    this.log.info({ attempt: this.attempt, delayMs: delay }, 'Zalo: chờ kết nối lại');
    if (this.attempt % this.options.probeEveryAttempts === 0) void this.probe();
    if (this.attempt >= this.options.alertAfterAttempts && !this.alerted) {
      this.alerted = true;
      this.events.onAlert?.(`⚠️ Bot mất kết nối Zalo, đã thử lại ${this.attempt} lần và vẫn đang thử. Phần còn lại của bot vẫn chạy.`);
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.state === 'waiting') this.connect();
    }, delay);
  }

  /**
   * Reconnects keep failing: an expired session looks just like that (the handshake is
   * refused), so ask Zalo with a cheap authenticated call. Only an answer that says the
   * session is gone stops the channel; a network failure keeps the retries going.
   */
  private async probe(): Promise<void> {
    try {
      await this.port.checkSession();
      this.log.info({ attempt: this.attempt }, 'Zalo: phiên đăng nhập vẫn hợp lệ, tiếp tục kết nối lại');
    } catch (e) {
      if (this.state === 'stopped') return;
      if (classifySendError(e) === 'session') {
        this.log.error({ attempt: this.attempt, err: errorText(e) }, 'Zalo: phiên đăng nhập đã mất, dừng kết nối lại');
        this.stop();
        this.events.onSessionLost(e);
      } else {
        this.log.warn({ attempt: this.attempt, err: errorText(e) }, 'Zalo: không kiểm tra được phiên đăng nhập');
      }
    }
  }

  /** Closes the socket on purpose; its `closed` (or, failing that, the grace timer) leads to a reconnect. */
  private restart(why: string): void {
    this.log.warn({ why }, 'Zalo: khởi động lại listener');
    this.markLost();
    this.state = 'restarting';
    this.clearTimer();
    if (!this.closeSocket()) {
      this.scheduleReconnect();
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.state !== 'restarting') return;
      // zca-js refuses to start while the old socket is current, so this cannot open a second one
      this.log.warn({ waitedMs: this.options.restartGraceMs }, 'Zalo: socket cũ chưa báo đóng, vẫn thử kết nối lại');
      this.scheduleReconnect();
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
