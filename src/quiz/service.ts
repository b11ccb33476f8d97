import type { Message } from '../answer/message.js';
import type { CitedDocument, Passage } from '../knowledge/types.js';
import type { Platform } from '../store/store.js';
import type { QuizBank, QuizItem } from './bank.js';
import { personHistory, type PersonHistory } from './history.js';
import { buildReport, resultsCsv, type ChatReport } from './report.js';
import { formatVnTime, nextRun, parseSchedule } from './schedule.js';
import { scoreRound, type RoundResult } from './score.js';
import { chooseItems } from './select.js';
import { shortSource } from './sources.js';
import { roundIntro, roundResults } from './texts.js';
import { chatKey, type QuizChat, type QuizStore, type Round, type RoundPost } from './types.js';

/** Time and timers, injected so tests can run a week in milliseconds. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface QuizDefaults {
  itemsPerRound: number;
  maxItemsPerRound: number;
  openHours: number;
  passMark: number;
  /** items of this many last rounds are not asked again yet */
  recentRounds: number;
  /** a scheduled run missed while the bot was down still starts if the bot is back within this time */
  catchUpHours: number;
  /** the report's pass mark is judged over this many last rounds */
  reportRounds: number;
}

export const QUIZ_DEFAULTS: QuizDefaults = { itemsPerRound: 5, maxItemsPerRound: 10, openHours: 24, passMark: 0.6, recentRounds: 3, catchUpHours: 12, reportRounds: 4 };
/** a channel that failed to post or close is tried again after this */
const RETRY_MS = 60_000;
/** the timer never sleeps longer than this, so a clock jump is noticed */
const MAX_SLEEP_MS = 3600_000;

export interface OpenedRound {
  round: Round;
  chat: QuizChat;
  items: QuizItem[];
  intro: Message;
  sourceOf(item: QuizItem): string;
  /** a source short enough for a poll's explanation ("Điều 6, Quy chế kèm theo Quyết định số 129/2007/QĐ-TTg") */
  shortSourceOf(item: QuizItem): string;
}

export interface ClosedRound {
  round: Round;
  chat: QuizChat;
  result: RoundResult;
  message: Message;
}

export interface PlatformAnswer {
  itemId: string;
  userId: string;
  userName: string;
  option: number;
}

/** What a channel does for the quiz. It posts and closes; it decides nothing. */
export interface QuizPort {
  /** posts the intro and each item; returns where each item went (poll id, message id) */
  postRound(opened: OpenedRound): Promise<RoundPost[]>;
  /** answers the platform kept itself (Zalo polls), read just before the round closes */
  collectAnswers?(round: Round, chat: QuizChat): Promise<PlatformAnswer[]>;
  /** closes the posted items (stopPoll, lockPoll) and posts the results */
  closeRound(closed: ClosedRound): Promise<void>;
}

export interface Person {
  id: string;
  name: string;
}

export type AnswerOutcome = 'recorded' | 'already' | 'closed' | 'unknown';
export type StartOutcome = { ok: true; round: Round } | { ok: false; reason: string };

export interface QuizServiceOptions {
  bank: QuizBank;
  passages: readonly Passage[];
  /** documents cited but not held (knowledge/documents.yaml), to name them briefly */
  documents?: ReadonlyMap<string, CitedDocument>;
  store: QuizStore;
  clock?: Clock;
  defaults?: Partial<QuizDefaults>;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The quiz: rounds per chat (started by an admin or by the chat's schedule), answers,
 * closing with results, and the reports. Channels plug in as QuizPorts. Everything that
 * must survive a restart is in the store; `start()` picks up where the last run stopped:
 * a schedule's next run is recomputed from its last run, a round id is its due time
 * (so the same run cannot start twice), and rounds past their end are closed.
 */
export class QuizService {
  readonly defaults: QuizDefaults;
  private readonly ports = new Map<Platform, QuizPort>();
  private passages: Map<string, Passage>;
  private readonly clock: Clock;
  private timer: unknown;
  private running = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: QuizServiceOptions) {
    this.defaults = { ...QUIZ_DEFAULTS, ...o.defaults };
    this.clock = o.clock ?? systemClock;
    this.passages = new Map(o.passages.map((p) => [p.id, p]));
  }

  now(): Date {
    return new Date(this.clock.now());
  }

  get bank(): QuizBank {
    return this.o.bank;
  }

  /** After the knowledge base is reloaded: new items and sources; rounds keep their item ids (a removed item is skipped in results). */
  reload(bank: QuizBank, passages: readonly Passage[], documents?: ReadonlyMap<string, CitedDocument>): void {
    this.o.bank = bank;
    this.o.documents = documents;
    this.passages = new Map(passages.map((p) => [p.id, p]));
  }

  attach(platform: Platform, port: QuizPort): void {
    this.ports.set(platform, port);
  }

  /** Processes what is due (missed runs, unposted and overdue rounds) and keeps doing so. */
  async start(): Promise<void> {
    this.running = true;
    await this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Resolves when every queued change is done. */
  idle(): Promise<unknown> {
    return this.queue;
  }

  /** The passage an item tests, whose citation is the item's source. */
  passageOf(item: QuizItem): Passage | undefined {
    return this.passages.get(item.tests);
  }

  sourceOf = (item: QuizItem): string => this.passageOf(item)?.citation ?? item.tests;

  shortSourceOf = (item: QuizItem): string => {
    const passage = this.passageOf(item);
    return passage ? shortSource(passage, this.passages, this.o.documents) : item.tests;
  };

  chat(platform: Platform, chatId: string, title?: string): QuizChat {
    const key = chatKey(platform, chatId);
    const known = this.o.store.chat(key);
    if (known) return title && known.title !== title ? { ...known, title } : known;
    return { key, platform, chatId, title, showNames: false };
  }

  round(id: string): Round | undefined {
    return this.o.store.round(id);
  }

  answersOf(roundId: string, userId: string) {
    return this.o.store.answers(roundId).filter((a) => a.userId === userId);
  }

  /** Chats of a platform that have had rounds (for the admin's report), most recent first. */
  chatsWithRounds(platform: Platform): QuizChat[] {
    const keys = [...new Set(this.o.store.rounds().filter((r) => r.chatKey.startsWith(`${platform}:`)).map((r) => r.chatKey))].reverse();
    return keys.map((k) => this.chatOfKey(k));
  }

  /** An admin's early close: the open round ends now, with its results. */
  closeNow(platform: Platform, chatId: string): Promise<boolean> {
    return this.serial(async () => {
      const open = this.openRound(platform, chatId);
      if (!open) return false;
      await this.close({ ...open, closesAt: new Date(this.clock.now()).toISOString() });
      this.arm();
      return true;
    });
  }

  openRound(platform: Platform, chatId: string): Round | undefined {
    return this.o.store.rounds(chatKey(platform, chatId)).find((r) => !r.closedAt);
  }

  /** An admin's /kiemtra [số câu]. */
  startRound(platform: Platform, chatId: string, options: { count?: number; by?: Person; title?: string } = {}): Promise<StartOutcome> {
    return this.serial(async () => {
      const chat = this.chat(platform, chatId, options.title);
      if (this.o.bank.items.length === 0) return { ok: false, reason: 'Ngân hàng câu hỏi kiểm tra đang trống (knowledge/quiz/).' };
      const count = options.count ?? chat.itemsPerRound ?? this.defaults.itemsPerRound;
      if (!Number.isInteger(count) || count < 1 || count > this.defaults.maxItemsPerRound) {
        return { ok: false, reason: `Số câu phải từ 1 đến ${this.defaults.maxItemsPerRound}.` };
      }
      const open = this.openRound(platform, chatId);
      if (open) return { ok: false, reason: `Nhóm đang có một đợt kiểm tra chưa kết thúc (đóng lúc ${formatVnTime(open.closesAt)}).` };
      if (chat.title !== this.o.store.chat(chat.key)?.title) await this.o.store.saveChat(chat);
      const round = await this.createRound(chat, 'manual', new Date(this.clock.now()), count, options.by);
      await this.post(round);
      this.arm();
      return { ok: true, round: this.o.store.round(round.id)! };
    });
  }

  /** An admin's /kiemtra lich <lịch>; throws ScheduleError (a Vietnamese message) when it cannot be read. */
  setSchedule(platform: Platform, chatId: string, text: string, by: Person, title?: string): Promise<{ chat: QuizChat; next: Date | undefined }> {
    const parsed = parseSchedule(text);
    return this.serial(async () => {
      const now = new Date(this.clock.now()).toISOString();
      const chat: QuizChat = { ...this.chat(platform, chatId, title), schedule: { cron: parsed.cron, text: parsed.text, setBy: by.id, setAt: now } };
      await this.o.store.saveChat(chat);
      this.arm();
      return { chat, next: nextRun(parsed.cron, new Date(now)) };
    });
  }

  clearSchedule(platform: Platform, chatId: string): Promise<boolean> {
    return this.serial(async () => {
      const chat = this.chat(platform, chatId);
      if (!chat.schedule) return false;
      await this.o.store.saveChat({ ...chat, schedule: undefined });
      return true;
    });
  }

  /** Settings an admin may change: recognition by name, items per round, hours open, pass mark. */
  configure(platform: Platform, chatId: string, change: Partial<Pick<QuizChat, 'showNames' | 'itemsPerRound' | 'openHours' | 'passMark'>>): Promise<QuizChat> {
    return this.serial(async () => {
      const chat = { ...this.chat(platform, chatId), ...change };
      await this.o.store.saveChat(chat);
      return chat;
    });
  }

  /** Telegram poll_answer / a Zalo vote: the poll id the platform gave when the item was posted. */
  answerPoll(platform: Platform, pollId: string, person: Person, option: number): Promise<AnswerOutcome> {
    const found = this.findPost(platform, (p) => p.pollId === pollId);
    return found ? this.answer(found.round.id, found.itemId, person, option) : Promise.resolve('unknown');
  }

  /** An item posted as a message, answered by replying to it (A/B/C/D). */
  postOfMessage(platform: Platform, messageId: string): { round: Round; itemId: string } | undefined {
    return this.findPost(platform, (p) => p.messageId === messageId);
  }

  answer(roundId: string, itemId: string, person: Person, option: number): Promise<AnswerOutcome> {
    return this.serial(async () => {
      const round = this.o.store.round(roundId);
      const item = this.o.bank.byId.get(itemId);
      if (!round || !item || !round.itemIds.includes(itemId) || option < 0 || option >= item.options.length) return 'unknown';
      if (round.closedAt || this.clock.now() >= Date.parse(round.closesAt)) return 'closed';
      const added = await this.o.store.addAnswer({
        roundId,
        itemId,
        userId: person.id,
        userName: person.name,
        option,
        correct: option === item.correct,
        at: new Date(this.clock.now()).toISOString(),
      });
      return added ? 'recorded' : 'already';
    });
  }

  /** Runs everything due now: scheduled rounds, rounds not yet posted, rounds to close. */
  tick(): Promise<void> {
    return this.serial(async () => {
      const now = this.clock.now();
      for (const chat of this.o.store.chats()) await this.runSchedule(chat, now);
      for (const round of this.o.store.rounds()) {
        if (round.closedAt) continue;
        if (Date.parse(round.closesAt) <= now) await this.close(round);
        else if (!round.postedAt) await this.post(round);
      }
      this.arm();
    });
  }

  history(platform: Platform, userId: string): PersonHistory {
    const rounds = this.o.store.rounds().filter((r) => r.chatKey.startsWith(`${platform}:`));
    return personHistory(userId, rounds, this.o.store.answers(), this.o.store.chats(), this.o.bank.byId);
  }

  report(platform: Platform, chatId: string, period: { from?: string; to?: string } = {}): ChatReport {
    const chat = this.chat(platform, chatId);
    return buildReport(chat, this.o.store.rounds(chat.key), this.o.store.answers(), this.o.bank.byId, {
      ...period,
      passMark: chat.passMark ?? this.defaults.passMark,
      lastRounds: this.defaults.reportRounds,
    });
  }

  csv(platform: Platform, chatId: string): Promise<string> {
    const rounds = this.o.store.rounds(chatKey(platform, chatId));
    return resultsCsv(rounds, this.o.store.answers(), this.o.bank.byId, this.sourceOf);
  }

  async chart(platform: Platform, chatId: string, period: { from?: string; to?: string } = {}): Promise<Buffer> {
    const report = this.report(platform, chatId, period);
    const { weeklyChartPng } = await import('./chart.js'); // with vega and resvg: only when a chart is asked for
    return weeklyChartPng(report.weeks, `Kiểm tra kiến thức — ${report.chat.title ?? report.chat.chatId}`);
  }

  private findPost(platform: Platform, match: (p: RoundPost) => boolean): { round: Round; itemId: string } | undefined {
    for (const round of this.o.store.rounds()) {
      if (!round.chatKey.startsWith(`${platform}:`)) continue;
      const post = round.posts.find(match);
      if (post) return { round, itemId: post.itemId };
    }
    return undefined;
  }

  private async runSchedule(chat: QuizChat, now: number): Promise<void> {
    const schedule = chat.schedule;
    if (!schedule) return;
    // the latest run due since the last one: several missed runs start one round, not many
    let due = nextRun(schedule.cron, new Date(schedule.lastRunAt ?? schedule.setAt));
    if (!due || due.getTime() > now) return;
    for (let next = nextRun(schedule.cron, due); next && next.getTime() <= now; next = nextRun(schedule.cron, next)) due = next;
    const late = now - due.getTime();
    if (late <= this.defaults.catchUpHours * 3600_000) {
      if (this.openRound(chat.platform, chat.chatId)) this.log(`${chat.key}: đợt theo lịch ${due.toISOString()} bỏ qua vì đợt trước chưa kết thúc`);
      else await this.createRound(chat, 'schedule', due, chat.itemsPerRound ?? this.defaults.itemsPerRound);
    } else this.log(`${chat.key}: bỏ qua đợt theo lịch ${due.toISOString()} (bot dừng quá ${this.defaults.catchUpHours} giờ)`);
    await this.o.store.saveChat({ ...chat, schedule: { ...schedule, lastRunAt: due.toISOString() } });
  }

  /** Creates the round in the store (not yet posted); the id makes a scheduled run unique. */
  private async createRound(chat: QuizChat, trigger: Round['trigger'], at: Date, count: number, by?: Person): Promise<Round> {
    const id = `${chat.key}@${at.toISOString()}${trigger === 'manual' ? '/tay' : ''}`;
    const existing = this.o.store.round(id);
    if (existing) return existing;
    const rounds = this.o.store.rounds(chat.key);
    const items = chooseItems({
      items: this.o.bank.items,
      rounds,
      answers: this.o.store.answers().filter((a) => rounds.some((r) => r.id === a.roundId)),
      count,
      recentRounds: this.defaults.recentRounds,
      random: this.o.random,
    });
    const startedAt = new Date(this.clock.now());
    const hours = chat.openHours ?? this.defaults.openHours;
    const round: Round = {
      id,
      chatKey: chat.key,
      trigger,
      startedBy: by?.id,
      startedAt: startedAt.toISOString(),
      closesAt: new Date(startedAt.getTime() + hours * 3600_000).toISOString(),
      itemIds: items.map((i) => i.id),
      posts: [],
    };
    await this.o.store.addRound(round);
    return round;
  }

  private async post(round: Round): Promise<void> {
    const chat = this.chatOfKey(round.chatKey);
    const port = this.ports.get(chat.platform);
    if (!port) return; // posted when that channel starts
    const items = round.itemIds.flatMap((id) => this.o.bank.byId.get(id) ?? []);
    try {
      const posts = await port.postRound({ round, chat, items, intro: roundIntro(round, items.length), sourceOf: this.sourceOf, shortSourceOf: this.shortSourceOf });
      await this.o.store.saveRound({ ...round, posts, postedAt: new Date(this.clock.now()).toISOString() });
    } catch (e) {
      this.log(`${round.id}: không gửi được câu hỏi, sẽ thử lại`, e);
    }
  }

  private async close(round: Round): Promise<void> {
    const chat = this.chatOfKey(round.chatKey);
    const port = this.ports.get(chat.platform);
    if (!port) return; // closed when that channel starts
    try {
      if (port.collectAnswers && round.postedAt) {
        for (const a of await port.collectAnswers(round, chat)) {
          const item = this.o.bank.byId.get(a.itemId);
          if (!item || a.option < 0 || a.option >= item.options.length) continue;
          await this.o.store.addAnswer({ roundId: round.id, ...a, correct: a.option === item.correct, at: round.closesAt });
        }
      }
      const result = scoreRound(round, this.o.store.answers(round.id), this.o.bank.byId);
      const message = roundResults(result, { showNames: chat.showNames, sourceOf: this.sourceOf });
      if (round.postedAt) await port.closeRound({ round, chat, result, message });
      await this.o.store.saveRound({ ...round, closedAt: new Date(this.clock.now()).toISOString() });
    } catch (e) {
      this.log(`${round.id}: không đóng được đợt kiểm tra, sẽ thử lại`, e);
    }
  }

  /** The stored chat of a key, or a new one (as chat()). */
  private chatOfKey(key: string): QuizChat {
    const i = key.indexOf(':');
    return this.chat(key.slice(0, i) as Platform, key.slice(i + 1));
  }

  /** Sleeps until the next schedule run or round end (at most an hour; a minute after a failure). */
  private arm(): void {
    if (!this.running) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    const now = this.clock.now();
    let wake = now + MAX_SLEEP_MS;
    for (const chat of this.o.store.chats()) {
      const s = chat.schedule;
      const next = s && nextRun(s.cron, new Date(s.lastRunAt ?? s.setAt));
      if (next) wake = Math.min(wake, next.getTime());
    }
    for (const r of this.o.store.rounds()) {
      if (r.closedAt) continue;
      wake = Math.min(wake, r.postedAt ? Date.parse(r.closesAt) : now + RETRY_MS);
      if (Date.parse(r.closesAt) <= now) wake = Math.min(wake, now + RETRY_MS);
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, Math.max(0, wake - now));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private log(message: string, error?: unknown): void {
    if (this.o.log) this.o.log(message, error);
    else console.error(message, error ?? '');
  }
}
