import type { QuizItem } from './bank.js';
import { scoreRound } from './score.js';
import type { QuizAnswer, QuizChat, Round } from './types.js';

export interface PersonHistory {
  /** closed rounds the person answered in, oldest first */
  rounds: { round: Round; chat?: QuizChat; right: number; total: number }[];
  /** items answered wrong, latest first, each once; dropped once answered right later */
  missed: { item: QuizItem; at: string; chose: number }[];
}

/** One person's results on one platform, over every chat: for their own eyes (a private chat) only. */
export function personHistory(
  userId: string,
  rounds: readonly Round[],
  answers: readonly QuizAnswer[],
  chats: readonly QuizChat[],
  itemsById: ReadonlyMap<string, QuizItem>,
): PersonHistory {
  const closed = rounds.filter((r) => r.closedAt);
  const closedIds = new Set(closed.map((r) => r.id));
  const mine = answers.filter((a) => a.userId === userId && closedIds.has(a.roundId)).sort((a, b) => a.at.localeCompare(b.at));
  const taken = closed.filter((r) => mine.some((a) => a.roundId === r.id));
  const history = taken.map((round) => {
    const me = scoreRound(round, mine, itemsById).people[0]!;
    return { round, chat: chats.find((c) => c.key === round.chatKey), right: me.right, total: me.total };
  });
  const last = new Map<string, QuizAnswer>();
  for (const a of mine) last.set(a.itemId, a);
  const missed = [...last.values()]
    .filter((a) => !a.correct && itemsById.has(a.itemId))
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((a) => ({ item: itemsById.get(a.itemId)!, at: a.at, chose: a.option }));
  return { rounds: history, missed };
}
