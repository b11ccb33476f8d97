import { beforeAll, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/answer/message.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Passage } from '../../src/knowledge/types.js';
import { loadQuizBank, type QuizBank } from '../../src/quiz/bank.js';
import { seededRandom } from '../../src/quiz/select.js';
import { QuizService } from '../../src/quiz/service.js';
import { MemoryQuizStore } from '../../src/quiz/store.js';
import { FakeClock, RecordingPort } from './fakes.js';

let bank: QuizBank;
let passages: Passage[];
beforeAll(async () => {
  passages = (await loadKnowledge('knowledge')).passages;
  bank = await loadQuizBank('knowledge');
});

const admin = { id: 'a1', name: 'Chánh Văn phòng' };
const WED = '2026-12-02T12:00:00Z'; // 19:00 Wednesday in Vietnam
const MON_0900 = '2026-12-07T02:00:00.000Z'; // 09:00 Monday in Vietnam

function setup(store = new MemoryQuizStore(), clock = new FakeClock(Date.parse(WED))) {
  const port = new RecordingPort();
  const logs: string[] = [];
  const service = new QuizService({ bank, passages, store, clock, random: seededRandom(7), log: (m) => logs.push(m) });
  service.attach('telegram', port);
  const advance = (to: string) => clock.advanceTo(to, () => service.idle());
  return { service, port, store, clock, advance, logs };
}

/** The same data after a restart at `at`. */
function restartAt(store: MemoryQuizStore, at: string) {
  return setup(new MemoryQuizStore(store.snapshot()), new FakeClock(Date.parse(at)));
}

/** A weekly Monday 09:00 schedule set on Wednesday, then the bot stops. */
async function scheduledThenStopped() {
  const first = setup();
  await first.service.start();
  await first.service.setSchedule('telegram', '-100', 'thứ 2 09:00', admin);
  first.service.stop();
  return first;
}

describe('scheduled rounds with a fake clock', () => {
  it('a weekly schedule fires once at 09:00 Monday Vietnam time, closes after 24 h with results', async () => {
    const { service, port, advance } = setup();
    await service.start();
    const { next } = await service.setSchedule('telegram', '-100', 'thứ 2 09:00', admin, 'Phòng Nội vụ');
    expect(next!.toISOString()).toBe(MON_0900);

    await advance('2026-12-07T01:59:00Z');
    expect(port.opened).toHaveLength(0);
    await advance('2026-12-07T02:30:00Z');
    expect(port.opened).toHaveLength(1);
    expect(port.opened[0]!.items).toHaveLength(5);
    expect(port.opened[0]!.round.trigger).toBe('schedule');
    expect(port.opened[0]!.round.closesAt).toBe('2026-12-08T02:00:00.000Z');

    await advance('2026-12-08T01:59:00Z');
    expect(port.opened).toHaveLength(1);
    expect(port.closed).toHaveLength(0);
    await advance('2026-12-08T02:01:00Z');
    expect(port.closed).toHaveLength(1);
    expect(port.closed[0]!.round.id).toBe(port.opened[0]!.round.id);

    await advance('2026-12-14T03:00:00Z');
    expect(port.opened).toHaveLength(2);
    expect(port.opened[1]!.round.startedAt).toBe('2026-12-14T02:00:00.000Z');
    service.stop();
  });

  it('a restart after the round started neither repeats it nor loses its close', async () => {
    const first = setup();
    await first.service.start();
    await first.service.setSchedule('telegram', '-100', 'thứ 2 09:00', admin);
    await first.advance('2026-12-07T02:05:00Z');
    expect(first.port.opened).toHaveLength(1);
    first.service.stop();

    // the process restarts 25 minutes later with the same data
    const second = restartAt(first.store, '2026-12-07T02:30:00Z');
    await second.service.start();
    await second.advance('2026-12-07T12:00:00Z');
    expect(second.port.opened).toHaveLength(0);
    expect(second.store.rounds()).toHaveLength(1);
    await second.advance('2026-12-08T02:10:00Z');
    expect(second.port.closed).toHaveLength(1);
    second.service.stop();
  });

  it('a run missed while the bot was down starts once when it is back, not again on the next restart', async () => {
    const first = await scheduledThenStopped();

    const second = restartAt(first.store, '2026-12-07T02:40:00Z');
    await second.service.start();
    expect(second.port.opened).toHaveLength(1);
    second.service.stop();

    const third = restartAt(second.store, '2026-12-07T02:50:00Z');
    await third.service.start();
    expect(third.port.opened).toHaveLength(0);
    expect(third.store.rounds()).toHaveLength(1);
    third.service.stop();
  });

  it('a run missed by more than the catch-up time is skipped and logged, and the schedule goes on', async () => {
    const first = await scheduledThenStopped();

    const later = restartAt(first.store, '2026-12-09T02:00:00Z');
    await later.service.start();
    expect(later.port.opened).toHaveLength(0);
    expect(later.logs.join('\n')).toMatch(/bỏ qua đợt theo lịch 2026-12-07T02:00/);
    await later.advance('2026-12-14T02:01:00Z');
    expect(later.port.opened).toHaveLength(1);
    later.service.stop();
  });

  it('a channel that fails to post is tried again, and the round is posted once', async () => {
    const { service, port, advance, store } = setup();
    port.failPosts = 1;
    await service.start();
    await service.setSchedule('telegram', '-100', 'hằng ngày 8:30', admin);
    await advance('2026-12-03T01:30:30Z');
    expect(port.opened).toHaveLength(0);
    await advance('2026-12-03T01:33:00Z');
    expect(port.opened).toHaveLength(1);
    expect(store.rounds()[0]!.postedAt).toBeDefined();
    service.stop();
  });
});

describe('manual rounds and answers', () => {
  it('records one answer per person and item, scores it, and refuses answers after the close', async () => {
    const { service, port, advance } = setup();
    await service.start();
    const started = await service.startRound('telegram', '-100', { count: 3, by: admin, title: 'Phòng Nội vụ' });
    expect(started.ok).toBe(true);
    const again = await service.startRound('telegram', '-100', { by: admin });
    expect(again).toMatchObject({ ok: false, reason: expect.stringMatching(/chưa kết thúc/) });
    expect(await service.startRound('telegram', '-200', { count: 11 })).toMatchObject({ ok: false, reason: 'Số câu phải từ 1 đến 10.' });

    const opened = port.opened[0]!;
    const [i0, i1, i2] = opened.items;
    const polls = service.openRound('telegram', '-100')!.posts;
    const wrong = (correct: number) => (correct + 1) % 2;
    const lan = { id: 'u1', name: 'Lan' };
    const minh = { id: 'u2', name: 'Minh' };
    expect(await service.answerPoll('telegram', polls[0]!.pollId!, lan, i0!.correct)).toBe('recorded');
    expect(await service.answerPoll('telegram', polls[0]!.pollId!, lan, wrong(i0!.correct))).toBe('already');
    await service.answerPoll('telegram', polls[1]!.pollId!, lan, i1!.correct);
    await service.answerPoll('telegram', polls[2]!.pollId!, lan, wrong(i2!.correct));
    await service.answerPoll('telegram', polls[0]!.pollId!, minh, wrong(i0!.correct));
    expect(await service.answerPoll('telegram', 'poll-khac', minh, 0)).toBe('unknown');

    await advance('2026-12-03T12:00:01Z');
    expect(await service.answerPoll('telegram', polls[1]!.pollId!, minh, i1!.correct)).toBe('closed');
    const { result, message } = port.closed[0]!;
    expect(result.people.map((p) => [p.userName, p.right, p.total])).toEqual([
      ['Lan', 2, 3],
      ['Minh', 0, 3],
    ]);
    expect(result.items.map((r) => [r.answered, r.right])).toEqual([
      [2, 1],
      [1, 1],
      [1, 0],
    ]);
    const text = toPlainText(message);
    expect(text).toContain('2 người tham gia');
    expect(text).toContain('Câu 1. ' + i0!.question);
    expect(text).toContain('50% trả lời đúng (1/2)');
    expect(text).toContain(`Nguồn: ${service.sourceOf(i0!)}`);
    // names only when the chat's admins enabled them
    expect(text).toContain('1 người đạt điểm cao nhất 2/3');
    expect(text).not.toContain('Lan');
    service.stop();
  });

  it('names the best when the chat enabled it', async () => {
    const { service, port, advance } = setup();
    await service.start();
    await service.configure('telegram', '-100', { showNames: true });
    await service.startRound('telegram', '-100', { count: 2 });
    const item = port.opened[0]!.items[0]!;
    await service.answerPoll('telegram', service.openRound('telegram', '-100')!.posts[0]!.pollId!, { id: 'u1', name: 'Lan' }, item.correct);
    await advance('2026-12-04T00:00:00Z');
    expect(toPlainText(port.closed[0]!.message)).toContain('Điểm cao nhất 1/2: Lan. Chúc mừng!');
    service.stop();
  });

  it("a person's history lists what they missed with the passage to re-read", async () => {
    const { service, port, advance } = setup();
    await service.start();
    await service.startRound('telegram', '-100', { count: 2 });
    const [a, b] = port.opened[0]!.items;
    const posts = service.openRound('telegram', '-100')!.posts;
    const lan = { id: 'u1', name: 'Lan' };
    await service.answerPoll('telegram', posts[0]!.pollId!, lan, a!.correct);
    await service.answerPoll('telegram', posts[1]!.pollId!, lan, (b!.correct + 1) % b!.options.length);
    expect(service.history('telegram', 'u1').rounds).toHaveLength(0); // only closed rounds count
    await advance('2026-12-04T00:00:00Z');
    const h = service.history('telegram', 'u1');
    expect(h.rounds.map((r) => [r.right, r.total])).toEqual([[1, 2]]);
    expect(h.missed.map((m) => m.item.id)).toEqual([b!.id]);
    expect(service.passageOf(h.missed[0]!.item)!.id).toBe(b!.tests);
    expect(service.history('zalo', 'u1').rounds).toHaveLength(0);
    service.stop();
  });
});

describe('reloading the knowledge base', () => {
  it('new rounds use the new bank; an open round whose item disappeared still closes with the rest', async () => {
    const { service, port, advance } = setup();
    await service.start();
    await service.startRound('telegram', '-100', { count: 2 });
    const [gone, kept] = port.opened[0]!.items;
    const smaller = bank.items.filter((i) => i.id !== gone!.id);
    service.reload({ items: smaller, byId: new Map(smaller.map((i) => [i.id, i])) }, passages);
    await advance('2026-12-04T00:00:00Z');
    expect(port.closed[0]!.result.items.map((r) => r.item.id)).toEqual([kept!.id]);
    await service.startRound('telegram', '-100', { count: 5 });
    expect(port.opened[1]!.items.map((i) => i.id)).not.toContain(gone!.id);
    service.stop();
  });
});
