import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileQuizStore } from '../../src/quiz/store.js';
import type { Round } from '../../src/quiz/types.js';

let dir: string;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const round: Round = { id: 'telegram:-1@2026-12-07T02:00:00.000Z', chatKey: 'telegram:-1', trigger: 'schedule', startedAt: '2026-12-07T02:00:00.000Z', closesAt: '2026-12-08T02:00:00.000Z', itemIds: ['a'], posts: [] };

describe('FileQuizStore', () => {
  it('keeps schedules, rounds and answers across a reopen; a round id and an answer cannot be added twice', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quiz-'));
    const s1 = await FileQuizStore.open(dir);
    await s1.saveChat({ key: 'telegram:-1', platform: 'telegram', chatId: '-1', showNames: true, schedule: { cron: '0 9 * * 1', text: 'thứ Hai', setBy: 'a', setAt: '2026-12-02T00:00:00Z' } });
    expect(await s1.addRound(round)).toBe(true);
    expect(await s1.addRound({ ...round, itemIds: ['b'] })).toBe(false);
    const answer = { roundId: round.id, itemId: 'a', userId: 'u1', userName: 'Lan', option: 1, correct: true, at: '2026-12-07T03:00:00Z' };
    expect(await s1.addAnswer(answer)).toBe(true);
    expect(await s1.addAnswer({ ...answer, option: 2 })).toBe(false);

    const s2 = await FileQuizStore.open(dir);
    expect(s2.chat('telegram:-1')?.schedule?.cron).toBe('0 9 * * 1');
    expect(s2.rounds()).toEqual([round]);
    expect(s2.answers(round.id)).toEqual([answer]);
  });

  it('moves a broken file aside instead of overwriting it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quiz-'));
    await writeFile(path.join(dir, 'quiz.json'), '{ hỏng');
    const warnings: string[] = [];
    const store = await FileQuizStore.open(dir, (m) => warnings.push(m));
    expect(store.rounds()).toEqual([]);
    const aside = (await readdir(dir)).find((f) => f.startsWith('quiz.json.corrupt-'))!;
    expect(await readFile(path.join(dir, aside), 'utf8')).toBe('{ hỏng');
    expect(warnings[0]).toMatch(/đã chuyển sang/);
  });
});
