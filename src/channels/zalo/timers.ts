/**
 * The clock and timers the Zalo channel uses for pacing, back-off and its watchdog.
 * The default reads the globals at call time, so vitest's fake timers apply to it too.
 * Timers stay referenced: while the listener waits to reconnect, its timer is what
 * keeps a Zalo-only process alive. `stop()` clears them all.
 */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

type Handle = ReturnType<typeof globalThis.setTimeout>;

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as Handle),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as Handle),
};
