import { optionLetter, type QuizItem } from './bank.js';
import { scoreRound, share, type RoundResult } from './score.js';
import type { QuizAnswer, QuizChat, Round } from './types.js';
import { vnWallClock } from './schedule.js';

export interface ReportOptions {
  /** rounds started at or after / before these times (ISO) */
  from?: string;
  to?: string;
  /** share right (0–1) under which a person is listed */
  passMark: number;
  /** the pass mark is judged over this many last rounds of the period */
  lastRounds: number;
  /** how many hardest items to list */
  hardest?: number;
}

export interface PersonStanding {
  userId: string;
  userName: string;
  rounds: number;
  right: number;
  total: number;
  share: number;
}

export interface WeekPoint {
  /** Monday of the week, Vietnam date "2026-12-07" */
  week: string;
  rounds: number;
  participants: number;
  /** mean share right of each person's rounds that week (0–1) */
  averageScore: number;
}

export interface ChatReport {
  chat: QuizChat;
  from?: string;
  to?: string;
  rounds: RoundResult[];
  /** distinct people who answered at least once */
  participants: number;
  /** mean number of people per round */
  perRound: number;
  /** mean share right over every (person, round) */
  averageScore: number;
  hardest: { item: QuizItem; answered: number; right: number; share: number }[];
  passMark: number;
  lastRounds: number;
  below: PersonStanding[];
  weeks: WeekPoint[];
}

/** The admin's report for one chat and period: only closed rounds count. */
export function buildReport(chat: QuizChat, rounds: readonly Round[], answers: readonly QuizAnswer[], itemsById: ReadonlyMap<string, QuizItem>, options: ReportOptions): ChatReport {
  const inPeriod = rounds.filter((r) => r.closedAt && (!options.from || r.startedAt >= options.from) && (!options.to || r.startedAt < options.to));
  const results = inPeriod.map((r) => scoreRound(r, answers, itemsById));
  const personRounds = results.flatMap((r) => r.people.map((p) => ({ round: r.round, person: p })));
  const people = new Set(personRounds.map((x) => x.person.userId));

  const perItem = new Map<string, { item: QuizItem; answered: number; right: number }>();
  for (const r of results) {
    for (const i of r.items) {
      const acc = perItem.get(i.item.id) ?? { item: i.item, answered: 0, right: 0 };
      acc.answered += i.answered;
      acc.right += i.right;
      perItem.set(i.item.id, acc);
    }
  }
  const hardest = [...perItem.values()]
    .filter((x) => x.answered > 0)
    .map((x) => ({ ...x, share: share(x.right, x.answered) }))
    .sort((a, b) => a.share - b.share || b.answered - a.answered)
    .slice(0, options.hardest ?? 5);

  const standing = new Map<string, PersonStanding>();
  for (const r of results.slice(-options.lastRounds)) {
    for (const p of r.people) {
      const s = standing.get(p.userId) ?? { userId: p.userId, userName: p.userName, rounds: 0, right: 0, total: 0, share: 0 };
      s.rounds++;
      s.right += p.right;
      s.total += p.total;
      s.share = share(s.right, s.total);
      s.userName = p.userName;
      standing.set(p.userId, s);
    }
  }
  const below = [...standing.values()].filter((s) => s.share < options.passMark).sort((a, b) => a.share - b.share);

  return {
    chat,
    from: options.from,
    to: options.to,
    rounds: results,
    participants: people.size,
    perRound: results.length ? personRounds.length / results.length : 0,
    averageScore: mean(personRounds.map((x) => share(x.person.right, x.person.total))),
    hardest,
    passMark: options.passMark,
    lastRounds: options.lastRounds,
    below,
    weeks: weekly(results),
  };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Monday (Vietnam date) of the week an instant falls in. */
export function vnWeek(at: string): string {
  const vn = vnWallClock(at);
  const back = (vn.getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() - back));
  return monday.toISOString().slice(0, 10);
}

function weekly(results: readonly RoundResult[]): WeekPoint[] {
  const weeks = new Map<string, RoundResult[]>();
  for (const r of results) {
    const w = vnWeek(r.round.startedAt);
    weeks.set(w, [...(weeks.get(w) ?? []), r]);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, rs]) => ({
      week,
      rounds: rs.length,
      participants: new Set(rs.flatMap((r) => r.people.map((p) => p.userId))).size,
      averageScore: mean(rs.flatMap((r) => r.people.map((p) => share(p.right, p.total)))),
    }));
}

export const CSV_COLUMNS = ['Đợt kiểm tra', 'Thời gian trả lời (giờ Việt Nam)', 'Mã người trả lời', 'Tên', 'Mã câu hỏi', 'Chủ đề', 'Câu hỏi', 'Đã chọn', 'Đáp án đúng', 'Đúng', 'Nguồn'] as const;

/**
 * Every answer of the chat's rounds, one row each, for the office's records. UTF-8 with a
 * byte-order mark so that spreadsheet programs show Vietnamese correctly.
 */
export async function resultsCsv(rounds: readonly Round[], answers: readonly QuizAnswer[], itemsById: ReadonlyMap<string, QuizItem>, sourceOf: (item: QuizItem) => string): Promise<string> {
  const { stringify } = await import('csv-stringify/sync'); // only when a report is asked for
  const ids = new Set(rounds.map((r) => r.id));
  const rows = answers
    .filter((a) => ids.has(a.roundId))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((a) => {
      const item = itemsById.get(a.itemId);
      return [
        a.roundId,
        vnDateTime(a.at),
        a.userId,
        a.userName,
        a.itemId,
        item?.topic ?? '',
        item?.question ?? '',
        optionLetter(a.option),
        item ? optionLetter(item.correct) : '',
        a.correct ? 1 : 0,
        item ? sourceOf(item) : '',
      ];
    });
  return stringify([[...CSV_COLUMNS], ...rows], { bom: true });
}

/** "2026-12-07 09:00" in Vietnam time. */
export function vnDateTime(at: string): string {
  return vnWallClock(at).toISOString().slice(0, 16).replace('T', ' ');
}
