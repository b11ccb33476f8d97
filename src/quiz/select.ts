import type { QuizItem } from './bank.js';
import type { QuizAnswer, Round } from './types.js';

export interface SelectionInput {
  items: readonly QuizItem[];
  /** this chat's rounds, oldest first */
  rounds: readonly Round[];
  /** this chat's answers */
  answers: readonly QuizAnswer[];
  count: number;
  /** items of this many last rounds are not asked again yet */
  recentRounds?: number;
  /** below this share right, the chat "got it wrong" and the item comes back once it leaves the recent window */
  reviewBelow?: number;
  random?: () => number;
}

/**
 * Chooses a round's items: items the chat got wrong come back first once they are out of
 * the last rounds (a two-box spaced repetition), then items never asked there, then items it
 * answered well longest ago; within each group topics are spread so a round mixes them.
 * Items of the last rounds are used only when the bank has nothing else.
 */
export function chooseItems(input: SelectionInput): QuizItem[] {
  const { items, rounds, answers, count } = input;
  const random = input.random ?? Math.random;
  const recentN = input.recentRounds ?? 3;
  const reviewBelow = input.reviewBelow ?? 0.5;
  const recent = new Set(rounds.slice(-recentN).flatMap((r) => r.itemIds));

  // for each item asked in this chat: the last round it was in, and how the chat did then
  const lastAsked = new Map<string, { order: number; share: number | undefined }>();
  rounds.forEach((round, order) => {
    for (const itemId of round.itemIds) {
      const given = answers.filter((a) => a.roundId === round.id && a.itemId === itemId);
      const share = given.length ? given.filter((a) => a.correct).length / given.length : undefined;
      lastAsked.set(itemId, { order, share });
    }
  });

  const review: QuizItem[] = [];
  const fresh: QuizItem[] = [];
  const known: QuizItem[] = [];
  const recentPool: QuizItem[] = [];
  for (const item of shuffle(items, random)) {
    const seen = lastAsked.get(item.id);
    if (recent.has(item.id)) recentPool.push(item);
    else if (!seen) fresh.push(item);
    else if (seen.share !== undefined && seen.share < reviewBelow) review.push(item);
    else known.push(item);
  }
  const byAge = (a: QuizItem, b: QuizItem) => lastAsked.get(a.id)!.order - lastAsked.get(b.id)!.order;
  review.sort(byAge);
  known.sort(byAge);
  recentPool.sort(byAge);

  const chosen: QuizItem[] = [];
  const reviewSlots = Math.max(1, Math.floor(count * 0.4));
  pickMixed(review, Math.min(reviewSlots, count), chosen);
  for (const pool of [fresh, review, known, recentPool]) pickMixed(pool, count - chosen.length, chosen);
  return shuffle(chosen, random);
}

/** Takes up to `n` items from `pool` in its order, preferring topics the round has least of. */
function pickMixed(pool: QuizItem[], n: number, chosen: QuizItem[]): void {
  for (let k = 0; k < n; k++) {
    const left = pool.filter((i) => !chosen.includes(i));
    if (left.length === 0) return;
    const used = (topic: string) => chosen.filter((c) => c.topic === topic).length;
    let best = left[0]!;
    for (const item of left) if (used(item.topic) < used(best.topic)) best = item;
    chosen.push(best);
  }
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A small seeded generator (mulberry32), so tests and replays choose the same items. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
