import type { Clock, ClosedRound, OpenedRound, QuizPort } from '../../src/quiz/service.js';
import type { RoundPost } from '../../src/quiz/types.js';

/** A clock whose time moves only when the test says so; timers fire in order as it moves. */
export class FakeClock implements Clock {
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;
  constructor(private t: number) {}

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }
  pending(): number {
    return this.timers.length;
  }

  /** Moves to `target`, firing each due timer at its own time and letting the work it starts finish. */
  async advanceTo(target: Date | string, settle: () => Promise<unknown>): Promise<void> {
    const end = new Date(target).getTime();
    for (;;) {
      await settle();
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
    await settle();
  }
}

/** A channel that records what it was asked to post and close; poll ids as a platform would give. */
export class RecordingPort implements QuizPort {
  opened: OpenedRound[] = [];
  closed: ClosedRound[] = [];
  failPosts = 0;

  async postRound(opened: OpenedRound): Promise<RoundPost[]> {
    if (this.failPosts > 0) {
      this.failPosts--;
      throw new Error('mạng lỗi');
    }
    this.opened.push(opened);
    return opened.items.map((item, i) => ({ itemId: item.id, pollId: `poll-${this.opened.length}-${i}`, messageId: String(100 * this.opened.length + i) }));
  }

  async closeRound(closed: ClosedRound): Promise<void> {
    this.closed.push(closed);
  }
}
