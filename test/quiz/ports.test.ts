import { Api, type Transformer } from 'grammy';
import type { PollAnswer } from 'grammy/types';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { PollDetail } from 'zca-js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordPollAnswer, TelegramQuizPort } from '../../src/channels/telegram/quiz.js';
import { ZaloQuizPort, type ZaloQuizApi } from '../../src/channels/zalo/quiz.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Passage } from '../../src/knowledge/types.js';
import { loadQuizBank, type QuizBank } from '../../src/quiz/bank.js';
import { parseChoice } from '../../src/quiz/choice.js';
import { seededRandom } from '../../src/quiz/select.js';
import { QuizService } from '../../src/quiz/service.js';
import { MemoryQuizStore } from '../../src/quiz/store.js';
import { freePort, TOKEN } from '../telegram/harness.js';
import { FakeClock } from './fakes.js';

let bank: QuizBank;
let passages: Passage[];
let documents: Awaited<ReturnType<typeof loadKnowledge>>['documents'];
beforeAll(async () => {
  ({ passages, documents } = await loadKnowledge('knowledge'));
  bank = await loadQuizBank('knowledge');
});

const START = '2026-12-07T02:00:00Z';
function service(clock: FakeClock) {
  return new QuizService({ bank, passages, documents, store: new MemoryQuizStore(), clock, random: seededRandom(3), log: () => {} });
}

describe('Telegram quiz polls (against telegram-test-api; sendPoll/stopPoll answered as Telegram would)', () => {
  let server: TelegramServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('posts native quiz polls, records poll_answer per person, stops the polls and posts the results', async () => {
    const port = await freePort();
    server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
    await server.start();
    const calls: { method: string; payload: Record<string, unknown> }[] = [];
    let nextMessage = 5000;
    const polls: Transformer = async (prev, method, payload, signal) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      const p = payload as Record<string, unknown>;
      if (method === 'sendPoll') {
        const id = nextMessage++;
        return { ok: true, result: { message_id: id, date: 0, chat: { id: Number(p.chat_id), type: 'supergroup' }, poll: { id: `poll-${id}`, question: p.question, options: p.options, type: 'quiz', is_anonymous: false, is_closed: false, total_voter_count: 0 } } } as never;
      }
      if (method === 'stopPoll') return { ok: true, result: { id: `poll-${String(p.message_id)}`, is_closed: true } } as never;
      return prev(method, payload, signal);
    };
    const api = new Api(TOKEN, { apiRoot: server.config.apiURL });
    api.config.use(polls);

    const clock = new FakeClock(Date.parse(START));
    const quiz = service(clock);
    quiz.attach('telegram', new TelegramQuizPort(api));
    await quiz.start();
    const started = await quiz.startRound('telegram', '-1001', { count: 3, title: 'Phòng Nội vụ' });
    expect(started.ok).toBe(true);

    const sent = calls.filter((c) => c.method === 'sendPoll').map((c) => c.payload);
    expect(sent).toHaveLength(3);
    const items = quiz.openRound('telegram', '-1001')!.itemIds.map((id) => bank.byId.get(id)!);
    sent.forEach((p, i) => {
      expect(p).toMatchObject({ chat_id: '-1001', type: 'quiz', is_anonymous: false, correct_option_ids: [items[i]!.correct] });
      expect(p.question).toBe(`Câu ${i + 1}/3: ${items[i]!.question}`);
      expect((p.options as { text: string }[]).map((o) => o.text)).toEqual(items[i]!.options);
      expect(String(p.explanation).length).toBeLessThanOrEqual(200);
      expect(String(p.explanation)).toContain(items[i]!.explanation);
      const withSource = `${items[i]!.explanation}\nNguồn: ${quiz.shortSourceOf(items[i]!)}`;
      if (withSource.length <= 200) expect(p.explanation).toBe(withSource);
    });
    const intro = (await server.getUpdatesHistory(TOKEN)) as { message?: { text?: string; chat_id?: string } }[];
    expect(intro.map((h) => h.message?.text ?? '').join('\n')).toContain('Kiểm tra kiến thức định kỳ');

    const posts = quiz.openRound('telegram', '-1001')!.posts;
    const vote = (userId: number, first: string, post: number, option: number): PollAnswer => ({ poll_id: posts[post]!.pollId!, user: { id: userId, is_bot: false, first_name: first, last_name: 'Nguyễn' }, option_ids: [option], option_persistent_ids: [String(option)] });
    expect(await recordPollAnswer(quiz, vote(11, 'Lan', 0, items[0]!.correct))).toBe('recorded');
    expect(await recordPollAnswer(quiz, vote(11, 'Lan', 1, items[1]!.correct))).toBe('recorded');
    expect(await recordPollAnswer(quiz, vote(12, 'Minh', 0, (items[0]!.correct + 1) % items[0]!.options.length))).toBe('recorded');
    // a retracted vote (empty option_ids) changes nothing
    expect(await recordPollAnswer(quiz, { ...vote(12, 'Minh', 1, 0), option_ids: [] })).toBeUndefined();

    await clock.advanceTo('2026-12-08T02:00:01Z', () => quiz.idle());
    const stops = calls.filter((c) => c.method === 'stopPoll').map((c) => c.payload.message_id);
    expect(stops).toEqual(posts.map((p) => Number(p.messageId)));
    const texts = ((await server.getUpdatesHistory(TOKEN)) as { message?: { text?: string } }[]).map((h) => h.message?.text ?? '');
    const results = texts.find((t) => t.includes('Kết quả đợt kiểm tra'))!;
    expect(results).toContain('2 người tham gia');
    expect(results).toContain('50% trả lời đúng (1/2)');
    expect(results).toContain('1 người đạt điểm cao nhất 2/3');
    expect(results).not.toContain('Lan Nguyễn');
    quiz.stop();
  });
});

describe('Zalo polls (the narrow zca-js seam faked)', () => {
  it('creates single-choice polls, reads voters when the round ends, locks the polls and posts the results', async () => {
    const texts: string[] = [];
    const created: { question: string; options: string[]; groupId: string }[] = [];
    const details = new Map<number, PollDetail>();
    const locked: number[] = [];
    const api: ZaloQuizApi = {
      sendGroupText: async (t) => {
        texts.push(t.msg);
        return { msgId: String(texts.length) };
      },
      createPoll: async (o, groupId) => {
        created.push({ question: o.question, options: o.options, groupId });
        const poll_id = 700 + created.length;
        const detail: PollDetail = {
          creator: 'bot', question: o.question, joined: false, closed: false, poll_id, allow_multi_choices: false, allow_add_new_option: false, is_anonymous: false,
          poll_type: 0, created_time: 0, updated_time: 0, expired_time: 0, is_hide_vote_preview: true, num_vote: 0,
          options: o.options.map((content, i) => ({ content, votes: 0, voted: false, voters: [], option_id: 9000 + poll_id * 10 + i })),
        };
        details.set(poll_id, detail);
        return detail;
      },
      getPollDetail: async (id) => details.get(id)!,
      lockPoll: async (id) => {
        locked.push(id);
        return '';
      },
      userName: async (id) => (id === 'z1' ? 'Lan' : undefined),
    };
    const clock = new FakeClock(Date.parse(START));
    const quiz = service(clock);
    quiz.attach('zalo', new ZaloQuizPort(api));
    await quiz.start();
    await quiz.startRound('zalo', 'g1', { count: 2 });
    expect(created.map((c) => c.groupId)).toEqual(['g1', 'g1']);
    const round = quiz.openRound('zalo', 'g1')!;
    const items = round.itemIds.map((id) => bank.byId.get(id)!);
    expect(created[0]!.options).toEqual(items[0]!.options);
    // members vote in Zalo; the bot only sees it when it reads the polls
    details.get(701)!.options[items[0]!.correct]!.voters.push('z1');
    details.get(701)!.options[(items[0]!.correct + 1) % items[0]!.options.length]!.voters.push('z2');
    details.get(702)!.options[items[1]!.correct]!.voters.push('z1');

    await clock.advanceTo('2026-12-08T02:00:01Z', () => quiz.idle());
    expect(locked).toEqual([701, 702]);
    const results = texts.at(-1)!;
    expect(results).toContain('2 người tham gia');
    expect(results).toContain('1 người đạt điểm cao nhất 2/2');
    const h = quiz.history('zalo', 'z2');
    expect(h.missed.map((m) => m.item.id)).toEqual([items[0]!.id]);
    expect(quiz.report('zalo', 'g1').rounds[0]!.people.map((p) => p.userName)).toEqual(['Lan', 'z2']);
    quiz.stop();
  });

  it('falls back to a text item answered by replying A/B/C/D when a poll cannot be created', async () => {
    const texts: string[] = [];
    const api: ZaloQuizApi = {
      sendGroupText: async (t) => {
        texts.push(t.msg);
        return { msgId: `m${texts.length}` };
      },
      createPoll: async () => {
        throw new Error('not supported');
      },
      getPollDetail: async () => {
        throw new Error('no poll');
      },
      lockPoll: async () => '',
    };
    const clock = new FakeClock(Date.parse(START));
    const quiz = service(clock);
    quiz.attach('zalo', new ZaloQuizPort(api));
    await quiz.start();
    await quiz.startRound('zalo', 'g1', { count: 1 });
    const round = quiz.openRound('zalo', 'g1')!;
    const item = bank.byId.get(round.itemIds[0]!)!;
    expect(texts[1]).toContain(`Câu 1/1: ${item.question}`);
    expect(texts[1]).toContain(`A. ${item.options[0]}`);
    const post = quiz.postOfMessage('zalo', round.posts[0]!.messageId!)!;
    const letter = 'ABCD'[item.correct]!;
    expect(await quiz.answer(post.round.id, post.itemId, { id: 'z1', name: 'Lan' }, parseChoice(`đáp án ${letter.toLowerCase()}`, item.options.length)!)).toBe('recorded');
    await clock.advanceTo('2026-12-08T02:00:01Z', () => quiz.idle());
    expect(texts.at(-1)).toContain('1 người tham gia');
    quiz.stop();
  });
});

describe('typed answers', () => {

  it.each([
    ['B', 1],
    ['b.', 1],
    ['Đáp án C', 2],
    ['chọn c', 2],
    ['(a)', 0],
    ['D', undefined],
    ['Bạn ơi', undefined],
    ['AB', undefined],
  ])('parseChoice(%s) with 3 options', (text, expected) => {
    expect(parseChoice(text as string, 3)).toBe(expected);
  });
});
