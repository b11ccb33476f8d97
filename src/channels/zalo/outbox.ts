import type { Logger } from '../../app/conversation.js';
import { systemTimers, type Timers } from './timers.js';

export interface OutboxOptions {
  /** least time between two sends, any chat (a few per second overall) */
  minIntervalMs: number;
  /** least time between two sends to the same chat */
  perThreadIntervalMs: number;
  /** waits before each retry of a send Zalo refused for its rate; bounded */
  retryDelaysMs: number[];
}

export const DEFAULT_OUTBOX: OutboxOptions = {
  minIntervalMs: 350,
  perThreadIntervalMs: 1000,
  retryDelaysMs: [5_000, 15_000, 30_000, 60_000, 120_000, 300_000],
};

/** Codes Zalo answers when an account sends too much ("Vượt quá số request cho phép"). */
const RATE_CODES = new Set([114, 122, 123, -69]);

/**
 * An error's message fit for the logs: short, and never the session context some
 * zca-js errors embed ("Invalid context {…cookie…}").
 */
export function errorText(e: unknown): string {
  const message = typeof (e as Error)?.message === 'string' ? (e as Error).message : String(e);
  const cut = message.search(/invalid context|cookie|imei|secretKey|zpw_enk/i);
  const safe = cut >= 0 ? message.slice(0, cut) + '[…ẩn]' : message;
  return safe.length > 300 ? safe.slice(0, 297) + '…' : safe;
}

export type SendFailure = 'rate' | 'transient' | 'session' | 'fatal';

/** What a failed send means: slow down, try again, log in again, or give up on this message. */
export function classifySendError(e: unknown): SendFailure {
  const err = e as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof err?.code === 'number' ? err.code : Number(err?.code);
  const message = typeof err?.message === 'string' ? err.message : String(e);
  // 102: session expired; 600 "zpw_sek bị thiếu hoặc không đúng"; some calls fail with that text and no code
  if (code === 102 || code === 600 || /zpw_sek/i.test(message)) return 'session';
  if (RATE_CODES.has(code) || /vượt quá|quá nhiều|too many|rate.?limit|spam/i.test(message)) return 'rate';
  if (/status code 5\d\d|fetch failed|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up|network/i.test(message)) return 'transient';
  if (typeof err?.cause?.code === 'string') return 'transient';
  return 'fatal';
}

interface Item<T> {
  threadId: string;
  send: () => Promise<T>;
  resolve: (value: T) => void;
  reject: (e: unknown) => void;
  attempts: number;
  label: string;
}

export class OutboxStoppedError extends Error {
  constructor() {
    super('Kênh Zalo đã dừng: tin nhắn không được gửi.');
    this.name = 'OutboxStoppedError';
  }
}

/**
 * Outgoing Zalo messages, paced to stay clear of Zalo's anti-spam limits: a few per
 * second overall, at most one per second per chat, in order within each chat. A send
 * refused for its rate (or a network hiccup) waits and is retried, holding the whole
 * queue back, a bounded number of times; then it is logged and its caller told.
 */
export class Outbox {
  private readonly queue: Item<unknown>[] = [];
  private readonly lastByThread = new Map<string, number>();
  private lastSend = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private timer: unknown;
  private busy = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly log: Logger,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX,
    private readonly timers: Timers = systemTimers,
    /** called when a send fails because the session is no longer valid */
    private readonly onSessionLost: (e: unknown) => void = () => {},
  ) {}

  get pending(): number {
    return this.queue.length + (this.busy ? 1 : 0);
  }

  /** Queues a send; resolves with its result once it went out. */
  enqueue<T>(threadId: string, send: () => Promise<T>, label = 'message'): Promise<T> {
    if (this.stopped) return Promise.reject(new OutboxStoppedError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ threadId, send, resolve: resolve as (v: unknown) => void, reject, attempts: 0, label });
      this.pump();
    });
  }

  /** Resolves when nothing is queued or being sent. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Refuses new sends and fails the queued ones (logged). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const dropped = this.queue.splice(0);
    if (dropped.length > 0) this.log.warn({ dropped: dropped.length }, 'Kênh Zalo dừng: các tin nhắn còn trong hàng đợi không được gửi');
    for (const item of dropped) item.reject(new OutboxStoppedError());
    this.settleIdle();
  }

  private settleIdle(): void {
    if (this.pending > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  /** The first queued item of each chat, in queue order: only those may go next. */
  private heads(): number[] {
    const seen = new Set<string>();
    const out: number[] = [];
    this.queue.forEach((item, i) => {
      if (!seen.has(item.threadId)) {
        seen.add(item.threadId);
        out.push(i);
      }
    });
    return out;
  }

  private pump(): void {
    if (this.busy || this.stopped || this.timer !== undefined) return;
    if (this.queue.length === 0) return this.settleIdle();
    const now = this.timers.now();
    const globalReady = Math.max(this.pausedUntil, this.lastSend + this.options.minIntervalMs);
    let bestIndex = -1;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const i of this.heads()) {
      const at = Math.max(globalReady, (this.lastByThread.get(this.queue[i]!.threadId) ?? Number.NEGATIVE_INFINITY) + this.options.perThreadIntervalMs);
      if (at < bestAt) {
        bestAt = at;
        bestIndex = i;
      }
      if (at <= now) break;
    }
    if (bestAt > now) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, bestAt - now);
      return;
    }
    const [item] = this.queue.splice(bestIndex, 1);
    void this.sendOne(item!, bestIndex);
  }

  private async sendOne(item: Item<unknown>, index: number): Promise<void> {
    this.busy = true;
    try {
      const result = await item.send();
      this.markSent(item.threadId);
      item.resolve(result);
    } catch (e) {
      this.markSent(item.threadId);
      const kind = classifySendError(e);
      const err = errorText(e);
      if ((kind === 'rate' || kind === 'transient') && item.attempts < this.options.retryDelaysMs.length && !this.stopped) {
        const delay = this.options.retryDelaysMs[item.attempts]!;
        item.attempts++;
        this.pausedUntil = this.timers.now() + delay;
        this.queue.splice(Math.min(index, this.queue.length), 0, item);
        this.log.warn({ thread: item.threadId, kind, attempt: item.attempts, retryInMs: delay, err }, 'Zalo từ chối gửi tin (giới hạn tốc độ hoặc lỗi mạng): sẽ gửi lại sau');
      } else {
        this.log.error({ thread: item.threadId, kind, attempts: item.attempts + 1, err, what: item.label }, 'Không gửi được tin nhắn Zalo');
        item.reject(e);
        if (kind === 'session') this.onSessionLost(e);
      }
    } finally {
      this.busy = false;
      this.pump();
      this.settleIdle();
    }
  }

  private markSent(threadId: string): void {
    const now = this.timers.now();
    this.lastSend = now;
    this.lastByThread.set(threadId, now);
    if (this.lastByThread.size > 10_000) this.lastByThread.delete(this.lastByThread.keys().next().value!);
  }
}
