import { createHash, randomBytes } from 'node:crypto';
import type { Passage } from '../../knowledge/types.js';

/** A question the bot answered with buttons: what the buttons under the answer refer to. */
export interface RecentQuestion {
  question: string;
  /** the question's chat, forum topic and message, to reply to it again */
  chatId: string;
  threadId?: string;
  messageId: string;
}

/**
 * Recent questions by a short random key, so that callback data (64 bytes at most)
 * carries only the key. Bounded; after a restart a key is unknown and the handlers fall
 * back to the question the answer replies to (callback_query.message.reply_to_message).
 */
export class RecentQuestions {
  private readonly items = new Map<string, RecentQuestion>();
  private readonly votes = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  remember(q: RecentQuestion): string {
    const key = randomBytes(6).toString('base64url');
    this.items.set(key, q);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value!);
    return key;
  }

  get(key: string): RecentQuestion | undefined {
    return this.items.get(key);
  }

  /** False when this user already rated this answer (kept in memory only). */
  vote(answerKey: string, userId: string): boolean {
    const k = `${answerKey}|${userId}`;
    if (this.votes.has(k)) return false;
    this.votes.add(k);
    if (this.votes.size > this.capacity * 4) this.votes.delete(this.votes.values().next().value!);
    return true;
  }
}

/** A short, stable reference to a passage id for callback data (ids can be long). */
export function passageRef(id: string): string {
  return createHash('sha1').update(id).digest('base64url').slice(0, 10);
}

const refCache = new WeakMap<Passage[], Map<string, Passage>>();

/** The passage a reference points to in the knowledge base in use, if it still exists. */
export function resolvePassage(passages: Passage[], ref: string): Passage | undefined {
  let map = refCache.get(passages);
  if (!map) {
    map = new Map(passages.map((p) => [passageRef(p.id), p]));
    refCache.set(passages, map);
  }
  return map.get(ref);
}
