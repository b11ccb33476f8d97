import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuizBank, type QuizItem } from '../../src/quiz/bank.js';
import { chooseItems, seededRandom } from '../../src/quiz/select.js';
import type { QuizAnswer, Round } from '../../src/quiz/types.js';

let items: QuizItem[];
beforeAll(async () => {
  items = (await loadQuizBank('knowledge')).items;
});

function round(n: number, itemIds: string[]): Round {
  const at = new Date(Date.UTC(2026, 11, 7 + 7 * n, 2)).toISOString();
  return { id: `r${n}`, chatKey: 'telegram:-1', trigger: 'schedule', startedAt: at, closesAt: at, closedAt: at, itemIds, posts: [] };
}
function answer(r: Round, itemId: string, correct: boolean, userId = 'u1'): QuizAnswer {
  return { roundId: r.id, itemId, userId, userName: userId, option: correct ? 0 : 1, correct, at: r.startedAt };
}

/** Runs `n` rounds in a row; `wrong` says which items the chat gets wrong. */
function simulate(n: number, wrong: (item: QuizItem) => boolean, seed = 1) {
  const rounds: Round[] = [];
  const answers: QuizAnswer[] = [];
  const random = seededRandom(seed);
  for (let k = 0; k < n; k++) {
    const chosen = chooseItems({ items, rounds, answers, count: 5, random });
    const r = round(k, chosen.map((i) => i.id));
    rounds.push(r);
    for (const i of chosen) answers.push(answer(r, i.id, !wrong(i)));
  }
  return { rounds, answers };
}

describe('chooseItems', () => {
  it('never repeats an item of the last three rounds while the bank has others', () => {
    const { rounds } = simulate(12, () => false);
    for (let k = 1; k < rounds.length; k++) {
      const recent = new Set(rounds.slice(Math.max(0, k - 3), k).flatMap((r) => r.itemIds));
      expect(rounds[k]!.itemIds.filter((id) => recent.has(id))).toEqual([]);
      expect(new Set(rounds[k]!.itemIds).size).toBe(5);
    }
  });

  it('mixes topics: five items come from five topics when the bank has them', () => {
    const { rounds } = simulate(8, () => false, 3);
    const topicOf = new Map(items.map((i) => [i.id, i.topic]));
    for (const r of rounds) expect(new Set(r.itemIds.map((id) => topicOf.get(id))).size).toBe(5);
  });

  it('brings back an item the chat got wrong once it is out of the recent rounds, before fresh items', () => {
    const first = chooseItems({ items, rounds: [], answers: [], count: 5, random: seededRandom(5) });
    const r0 = round(0, first.map((i) => i.id));
    const missed = first[0]!;
    const answers = first.map((i) => answer(r0, i.id, i !== missed));
    const rounds = [r0];
    const random = seededRandom(9);
    for (let k = 1; k <= 3; k++) {
      const chosen = chooseItems({ items, rounds, answers, count: 5, random });
      expect(chosen.map((i) => i.id)).not.toContain(missed.id);
      const r = round(k, chosen.map((i) => i.id));
      rounds.push(r);
      answers.push(...chosen.map((i) => answer(r, i.id, true)));
    }
    // r0 has left the window of three: the missed item is due, the ones answered right are not
    const next = chooseItems({ items, rounds, answers, count: 5, random }).map((i) => i.id);
    expect(next).toContain(missed.id);
    for (const i of first.filter((x) => x !== missed)) expect(next).not.toContain(i.id);
  });

  it('a chat that gets an item right when it comes back does not see it again soon', () => {
    const { rounds, answers } = simulate(4, () => false, 11);
    const wrongOnce = rounds[0]!.itemIds[0]!;
    // mark it as got wrong in round 0, then right in a later review round
    const fixed = answers.map((a) => (a.roundId === 'r0' && a.itemId === wrongOnce ? { ...a, correct: false } : a));
    const review = chooseItems({ items, rounds, answers: fixed, count: 5, random: seededRandom(2) });
    expect(review.map((i) => i.id)).toContain(wrongOnce);
    const r4 = round(4, review.map((i) => i.id));
    const all = [...fixed, ...review.map((i) => answer(r4, i.id, true))];
    const later = [...rounds, r4];
    for (let k = 5; k < 9; k++) {
      const chosen = chooseItems({ items, rounds: later, answers: all, count: 5, random: seededRandom(k) });
      expect(chosen.map((i) => i.id)).not.toContain(wrongOnce);
      later.push(round(k, chosen.map((i) => i.id)));
    }
  });

  it('uses recent items only when the bank has nothing else', () => {
    const small = items.slice(0, 6);
    const r0 = round(0, small.slice(0, 5).map((i) => i.id));
    const chosen = chooseItems({ items: small, rounds: [r0], answers: [], count: 5, random: seededRandom(1) });
    expect(chosen).toHaveLength(5);
    expect(chosen.map((i) => i.id)).toContain(small[5]!.id);
  });
});
