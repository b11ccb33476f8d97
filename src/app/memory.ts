import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeAtomic } from '../store/atomic.js';
import type { ChatRef } from './types.js';

/** What picking a choice does. */
export type ChoiceAction =
  | { kind: 'show'; passageId: string }
  | { kind: 'feedback'; helpful: boolean }
  | { kind: 'escalate' }
  | { kind: 'ticket'; action: 'answer' | 'dismiss' | 'dismissNow' | 'promote'; ticketId: number }
  | { kind: 'import'; confirm: boolean }
  /** a feature's own choice (a quiz answer): handled by what it registered under `handler` */
  | { kind: 'custom'; handler: string; data?: unknown };

/** Choices offered under one message, and what they are about. */
export interface ChoiceSet {
  key: string;
  /** when offered (ms) */
  at: number;
  actions: ChoiceAction[];
  /** what the user may type for each action where there are no buttons */
  keys: (string | undefined)[];
  /** the question the choices are about, where it was asked and its message */
  question?: string;
  chat?: ChatRef;
  messageId?: string;
  /** the platform's data to quote the question with (Zalo) */
  quote?: unknown;
  /** the entry answered with (feedback) */
  passageId?: string;
  /** users who already rated this answer */
  voters?: string[];
}

interface Snapshot {
  version: 1;
  sets: ChoiceSet[];
  pending: [string, { set: string; at: number }][];
  posts: [string, string][];
}

export interface MemoryOptions {
  /** where it is kept across restarts (none: memory only) */
  file?: string;
  now?: () => number;
  /** a typed number or 👍 refers to the last choices for this long */
  pendingTtlMs?: number;
  /** buttons keep working this long */
  setTtlMs?: number;
  capacity?: number;
}

/**
 * Conversation state per (platform, chat, user): the choices last offered (what a bare
 * "2" or "👍" means), choice sets by id (what a button means), and the sent messages that
 * carried them (what a reply quoting a list means). Bounded, and written to one small
 * JSON file (written atomically) shortly after each change, so buttons survive a restart.
 */
export class ConversationMemory {
  private readonly sets = new Map<string, ChoiceSet>();
  private readonly pending = new Map<string, { set: string; at: number }>();
  private readonly posts = new Map<string, string>();
  private readonly now: () => number;
  private readonly pendingTtl: number;
  private readonly setTtl: number;
  private readonly capacity: number;
  private saveTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: MemoryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.pendingTtl = options.pendingTtlMs ?? 30 * 60_000;
    this.setTtl = options.setTtlMs ?? 14 * 24 * 60 * 60_000;
    this.capacity = options.capacity ?? 5000;
  }

  /** Reads the saved state; a missing or unreadable file starts empty (choices merely expire). */
  static async open(options: MemoryOptions = {}): Promise<ConversationMemory> {
    const memory = new ConversationMemory(options);
    if (!options.file) return memory;
    try {
      const snap = JSON.parse(await readFile(options.file, 'utf8')) as Snapshot;
      if (snap.version === 1) {
        for (const s of snap.sets ?? []) memory.sets.set(s.key, s);
        for (const [k, v] of snap.pending ?? []) memory.pending.set(k, v);
        for (const [k, v] of snap.posts ?? []) memory.posts.set(k, v);
      }
    } catch {
      // nothing saved yet, or a broken file: old buttons answer "đã cũ"
    }
    return memory;
  }

  /** Remembers a set of choices; returns it with its fresh key. */
  offer(set: Omit<ChoiceSet, 'key' | 'at'>): ChoiceSet {
    const full: ChoiceSet = { ...set, key: randomBytes(6).toString('base64url'), at: this.now() };
    this.sets.set(full.key, full);
    while (this.sets.size > this.capacity) this.sets.delete(this.sets.keys().next().value!);
    this.changed();
    return full;
  }

  set(key: string): ChoiceSet | undefined {
    const s = this.sets.get(key);
    if (!s || this.now() - s.at > this.setTtl) return undefined;
    return s;
  }

  /** A button's id → its set and action. */
  resolve(choiceId: string): { set: ChoiceSet; index: number } | undefined {
    const m = /^([\w-]{8}):(\d{1,2})$/.exec(choiceId);
    const set = m ? this.set(m[1]!) : undefined;
    const index = m ? Number(m[2]) : -1;
    return set && index < set.actions.length ? { set, index } : undefined;
  }

  /** The choices a user may answer by typing, until they ask something else. */
  setPending(who: string, setKey: string | undefined): void {
    if (setKey) this.pending.set(who, { set: setKey, at: this.now() });
    else if (!this.pending.delete(who)) return;
    while (this.pending.size > this.capacity) this.pending.delete(this.pending.keys().next().value!);
    this.changed();
  }

  pendingFor(who: string): ChoiceSet | undefined {
    const p = this.pending.get(who);
    if (!p || this.now() - p.at > this.pendingTtl) return undefined;
    return this.set(p.set);
  }

  /** The messages that carried a set: a reply quoting one picks from it. */
  bindPosts(platform: string, chatId: string, messageIds: string[], setKey: string): void {
    for (const id of messageIds) this.posts.set(`${platform}:${chatId}:${id}`, setKey);
    while (this.posts.size > this.capacity * 2) this.posts.delete(this.posts.keys().next().value!);
    if (messageIds.length) this.changed();
  }

  setOfPost(platform: string, chatId: string, messageId: string): ChoiceSet | undefined {
    const key = this.posts.get(`${platform}:${chatId}:${messageId}`);
    return key ? this.set(key) : undefined;
  }

  /** False when this user already rated the answer. */
  vote(set: ChoiceSet, userId: string): boolean {
    set.voters ??= [];
    if (set.voters.includes(userId)) return false;
    set.voters.push(userId);
    this.changed();
    return true;
  }

  private changed(): void {
    if (!this.options.file || this.saveTimer || this.closed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, 300);
    this.saveTimer.unref?.();
  }

  /** Writes what is pending and writes no more (shutdown). */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  /** Writes now. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    await this.saving;
  }

  private save(): Promise<void> {
    const file = this.options.file;
    if (!file) return Promise.resolve();
    const snap: Snapshot = { version: 1, sets: [...this.sets.values()], pending: [...this.pending], posts: [...this.posts] };
    this.saving = this.saving.then(async () => {
      try {
        await writeAtomic(file, JSON.stringify(snap));
      } catch {
        // best effort: the state only makes old buttons and lists keep working
      }
    });
    return this.saving;
  }
}
