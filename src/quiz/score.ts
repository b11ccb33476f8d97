import type { QuizItem } from './bank.js';
import type { QuizAnswer, Round } from './types.js';

export interface PersonScore {
  userId: string;
  userName: string;
  right: number;
  answered: number;
  /** items in the round: an item left unanswered counts as not right */
  total: number;
}

export interface ItemResult {
  item: QuizItem;
  answered: number;
  right: number;
  /** votes per option */
  optionCounts: number[];
}

export interface RoundResult {
  round: Round;
  /** best first */
  people: PersonScore[];
  items: ItemResult[];
  /** everyone with the top score, when it is above zero */
  best: PersonScore[];
}

export function share(right: number, of: number): number {
  return of > 0 ? right / of : 0;
}

/** Scores a round: per person (right out of the round's items) and per item (share right among those who answered). */
export function scoreRound(round: Round, answers: readonly QuizAnswer[], itemsById: ReadonlyMap<string, QuizItem>): RoundResult {
  const mine = answers.filter((a) => a.roundId === round.id && round.itemIds.includes(a.itemId));
  const people = new Map<string, PersonScore>();
  for (const a of mine) {
    const p = people.get(a.userId) ?? { userId: a.userId, userName: a.userName, right: 0, answered: 0, total: round.itemIds.length };
    p.answered++;
    if (a.correct) p.right++;
    p.userName = a.userName || p.userName;
    people.set(a.userId, p);
  }
  const ranked = [...people.values()].sort((a, b) => b.right - a.right || a.userName.localeCompare(b.userName, 'vi'));
  const items = round.itemIds.flatMap((id) => {
    const item = itemsById.get(id);
    if (!item) return [];
    const given = mine.filter((a) => a.itemId === id);
    const optionCounts = item.options.map((_, i) => given.filter((a) => a.option === i).length);
    return [{ item, answered: given.length, right: given.filter((a) => a.correct).length, optionCounts }];
  });
  const top = ranked[0]?.right ?? 0;
  return { round, people: ranked, items, best: top > 0 ? ranked.filter((p) => p.right === top) : [] };
}
