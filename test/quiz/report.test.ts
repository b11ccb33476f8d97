import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/answer/message.js';
import { loadQuizBank, type QuizBank } from '../../src/quiz/bank.js';
import { weeklyChartPng } from '../../src/quiz/chart.js';
import { buildReport, CSV_COLUMNS, resultsCsv, vnWeek } from '../../src/quiz/report.js';
import { reportMessage } from '../../src/quiz/texts.js';
import type { QuizAnswer, QuizChat, Round } from '../../src/quiz/types.js';

let bank: QuizBank;
beforeAll(async () => {
  bank = await loadQuizBank('knowledge');
});

const chat: QuizChat = { key: 'telegram:-1', platform: 'telegram', chatId: '-1', title: 'Phòng Nội vụ', showNames: false };

/** Two weeks: round A (week of 07/12) with Lan 3/3, Minh 1/3; round B (week of 14/12) with Lan 2/3, Hoa 0/3. */
function fixture() {
  const ids = bank.items.slice(0, 4).map((i) => i.id);
  const mk = (id: string, at: string, itemIds: string[]): Round => ({ id, chatKey: chat.key, trigger: 'schedule', startedAt: at, closesAt: at, closedAt: at, itemIds, posts: [] });
  const a = mk('A', '2026-12-07T02:00:00.000Z', ids.slice(0, 3));
  const b = mk('B', '2026-12-14T02:00:00.000Z', ids.slice(1, 4));
  const open = { ...mk('C', '2026-12-21T02:00:00.000Z', ids.slice(0, 3)), closedAt: undefined };
  const ans = (r: Round, user: string, rights: boolean[]): QuizAnswer[] =>
    r.itemIds.map((itemId, k) => {
      const item = bank.byId.get(itemId)!;
      const option = rights[k] ? item.correct : (item.correct + 1) % item.options.length;
      return { roundId: r.id, itemId, userId: user, userName: user === 'u1' ? 'Lan' : user === 'u2' ? 'Minh' : 'Hoa, "Hà"', option, correct: rights[k]!, at: r.startedAt };
    });
  const answers = [...ans(a, 'u1', [true, true, true]), ...ans(a, 'u2', [false, true, false]), ...ans(b, 'u1', [true, false, true]), ...ans(b, 'u3', [false, false, false]), ...ans(open, 'u1', [true, true, true])];
  return { rounds: [a, b, open], answers, ids };
}

describe('admin report', () => {
  it('counts participation, average score, hardest items and people under the pass mark over closed rounds', () => {
    const { rounds, answers, ids } = fixture();
    const report = buildReport(chat, rounds, answers, bank.byId, { passMark: 0.6, lastRounds: 4 });
    expect(report.rounds.map((r) => r.round.id)).toEqual(['A', 'B']);
    expect(report.participants).toBe(3);
    expect(report.perRound).toBe(2);
    // (3/3 + 1/3 + 2/3 + 0/3) / 4
    expect(report.averageScore).toBeCloseTo(0.5);
    // ids[2]: 1 right of 4 answers; ids[0] and ids[3]: 1 of 2; ids[1]: 3 of 4 — hardest first
    expect(report.hardest.map((h) => [h.item.id, h.right, h.answered])).toEqual([
      [ids[2], 1, 4],
      [ids[0], 1, 2],
      [ids[3], 1, 2],
      [ids[1], 3, 4],
    ]);
    // Lan 5/6, Minh 1/3, Hoa 0/3 → Hoa and Minh are below 60%
    expect(report.below.map((p) => [p.userId, p.right, p.total])).toEqual([
      ['u3', 0, 3],
      ['u2', 1, 3],
    ]);
    expect(report.weeks).toEqual([
      { week: '2026-12-07', rounds: 1, participants: 2, averageScore: expect.closeTo(2 / 3) },
      { week: '2026-12-14', rounds: 1, participants: 2, averageScore: expect.closeTo(1 / 3) },
    ]);
    const text = toPlainText(reportMessage(report));
    expect(text).toContain('Số đợt: 2');
    expect(text).toContain('Điểm trung bình: 50%');
    expect(text).toContain('Minh: 33% (1/3 câu, 1 đợt)');
    expect(text).not.toContain('Lan');
  });

  it('judges the pass mark over the last rounds only, and the period filter', () => {
    const { rounds, answers } = fixture();
    const lastOne = buildReport(chat, rounds, answers, bank.byId, { passMark: 0.6, lastRounds: 1 });
    expect(lastOne.below.map((p) => p.userId)).toEqual(['u3']);
    const firstWeek = buildReport(chat, rounds, answers, bank.byId, { passMark: 0.6, lastRounds: 4, to: '2026-12-10T00:00:00Z' });
    expect(firstWeek.rounds.map((r) => r.round.id)).toEqual(['A']);
  });

  it('vnWeek: Monday of the Vietnam week (Sunday 20:00 UTC is already Monday in Vietnam)', () => {
    expect(vnWeek('2026-12-13T16:00:00Z')).toBe('2026-12-07');
    expect(vnWeek('2026-12-13T17:00:00Z')).toBe('2026-12-14');
  });
});

describe('CSV export', () => {
  it('has one row per answer with the right answer and source, quoting names safely, BOM for spreadsheets', async () => {
    const { rounds, answers, ids } = fixture();
    const csv = await resultsCsv(rounds, answers, bank.byId, (i) => `nguồn của ${i.tests}`);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = parse(csv.slice(1)) as string[][];
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + answers.length);
    const item = bank.byId.get(ids[0]!)!;
    const hoa = rows.find((r) => r[2] === 'u3')!;
    expect(hoa[3]).toBe('Hoa, "Hà"');
    const lanFirst = rows.find((r) => r[0] === 'A' && r[2] === 'u1' && r[4] === ids[0])!;
    expect(lanFirst).toEqual(['A', '2026-12-07 09:00', 'u1', 'Lan', item.id, item.topic, item.question, 'ABCD'[item.correct], 'ABCD'[item.correct], '1', `nguồn của ${item.tests}`]);
  });
});

describe('weekly chart', () => {
  it('renders a PNG of participation and average score per week', async () => {
    const png = await weeklyChartPng(
      [
        { week: '2026-12-07', rounds: 1, participants: 12, averageScore: 0.7 },
        { week: '2026-12-14', rounds: 1, participants: 9, averageScore: 0.55 },
      ],
      'Kiểm tra kiến thức — Phòng Nội vụ',
    );
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(600);
    expect(height).toBeGreaterThan(400);
    expect(png.length).toBeGreaterThan(10_000);
  });
});
