import { chmod, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { writeAtomic } from './atomic.js';
import { JsonLog } from './log.js';
import { feedbackRecordSchema, isFeedbackRecord, isQuestionRecord, issuesText, questionRecordSchema, ticketFileSchema, ticketSchema } from './schema.js';
import { Tally } from './tally.js';

export type Platform = 'telegram' | 'zalo' | 'console';

/** Who asked, and where to send the answer back: the ids the platform gave us, as strings. */
export interface Asker {
  platform: Platform;
  chatId: string;
  chatKind: 'private' | 'group';
  chatTitle?: string;
  /** forum topic (Telegram) the question came from */
  threadId?: string;
  userId: string;
  userName: string;
  /** the question's message id, to reply to it */
  messageId?: string;
  /** Zalo: what zca-js needs to quote the question, so an answer days later still replies to it */
  zaloQuote?: ZaloQuote;
  askedAt: string;
}

/** The eight fields of a Zalo message zca-js quotes from (its `SendMessageQuote`), ids as strings. */
export interface ZaloQuote {
  content: unknown;
  msgType: string;
  propertyExt?: unknown;
  uidFrom: string;
  msgId: string;
  cliMsgId: string;
  ts: string;
  ttl: number;
}

export interface Person {
  platform: Platform;
  id: string;
  name: string;
}

/** A ticket's post in a moderators' chat, to edit it and to recognise replies to it. */
export interface ModeratorPost {
  platform: Platform;
  chatId: string;
  messageId: string;
  /** which part of the post this message is (0 = first), when a long post took several messages */
  part?: number;
}

export type TicketStatus = 'pending' | 'answered' | 'dismissed';

export interface Ticket {
  id: number;
  /** random, per ticket: buttons and prompts carry it, so they act only on the ticket they were made for */
  nonce?: string;
  status: TicketStatus;
  question: string;
  /** folded content words, to join the same question asked again */
  questionKey: string;
  /** the first asker opened the ticket; others asked the same while it was pending */
  askers: Asker[];
  /** the bot's best guesses, for the moderator */
  candidates: { id: string; title: string }[];
  createdAt: string;
  updatedAt: string;
  answer?: { text: string; by: Person; at: string };
  dismissal?: { reason?: string; by: Person; at: string };
  posts: ModeratorPost[];
  /** posting to a platform's moderators' chat began (recorded before sending, cleared once the post is recorded) */
  postIntents?: { platform: Platform; at: string }[];
  /** FAQ id created from this ticket's answer */
  faqId?: string;
}

export interface QuestionRecord {
  at: string;
  platform: Platform;
  userId: string;
  status: 'answered' | 'suggested' | 'escalated' | 'smalltalk';
  question: string;
  passageId?: string;
}

export interface FeedbackRecord {
  at: string;
  platform: Platform;
  userId: string;
  passageId: string;
  question?: string;
  helpful: boolean;
}

/** The tickets file (lowdb): small, mutable state. The logs live in their own files. */
export interface StoreData {
  version: number;
  nextTicketId: number;
  tickets: Ticket[];
}

/** 2: questions and feedback moved out of the tickets file into monthly JSON-lines logs. */
export const SCHEMA_VERSION = 2;

export const TICKETS_FILE = 'congvu-bot.json';
/** The ticket sequence, kept apart: a tickets file set aside never brings old numbers back. */
export const SEQUENCE_FILE = 'ticket-seq.json';

export interface StoreLogger {
  warn(obj: object, msg: string): void;
}

/** How the store writes a whole file; tests inject failures here. */
export type WriteFile = (file: string, content: string) => Promise<void>;

export interface StoreOptions {
  logger?: StoreLogger;
  write?: WriteFile;
}

/** A change could not be written: nothing changed, in memory or on disk. */
export class StoreWriteError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`không ghi được ${file}: ${(cause as Error)?.message ?? cause}`);
    this.name = 'StoreWriteError';
  }
}

/** The store cannot start; the message is one Vietnamese line for the operator. */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/** What an operating-system error means for the person starting the bot. */
function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'không có quyền ghi (kiểm tra chủ sở hữu và quyền của thư mục)';
    case 'EROFS':
      return 'ổ đĩa chỉ cho đọc';
    case 'ENOSPC':
      return 'ổ đĩa đã đầy';
    case 'EDQUOT':
      return 'đã hết hạn mức dung lượng';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'đường dẫn không phải là thư mục';
    default:
      return (e as Error)?.message ?? String(e);
  }
}

/** A lowdb adapter whose writes go through one atomic, durable write (and skip a write that would change nothing). */
class DurableJsonFile implements Adapter<StoreData> {
  private last = '';

  constructor(
    readonly file: string,
    private readonly writeFile: WriteFile,
  ) {}

  async read(): Promise<StoreData | null> {
    return null; // the store reads and validates the file itself (see readTickets)
  }

  async write(data: StoreData): Promise<void> {
    const json = JSON.stringify(data);
    if (json === this.last) return;
    await this.writeFile(this.file, json);
    this.last = json;
  }
}

const defaultWrite: WriteFile = (file, content) => writeAtomic(file, content, { mode: 0o600 });

/**
 * The bot's data under DATA_DIR (owner-only: 0700 directory, 0600 files):
 * - congvu-bot.json: tickets (lowdb), validated on load, ticket by ticket;
 * - ticket-seq.json: the next ticket number, kept apart from the tickets;
 * - questions-YYYY-MM.jsonl, feedback-YYYY-MM.jsonl: append-only logs.
 *
 * A change is durable before it is visible: `update` works on a copy, writes it (fsync,
 * rename, fsync the directory) and only then makes it the current state. When the write
 * fails, memory is as before and the caller gets a StoreWriteError.
 */
export class Store {
  readonly tally = new Tally();
  private queue: Promise<unknown> = Promise.resolve();
  private writtenSequence = 0;

  private constructor(
    private readonly db: Low<StoreData>,
    readonly dir: string,
    readonly file: string,
    private readonly writeFile: WriteFile,
    readonly questions: JsonLog<QuestionRecord>,
    readonly feedback: JsonLog<FeedbackRecord>,
  ) {}

  static async open(dataDir: string, options: StoreOptions = {}): Promise<Store> {
    const logger = options.logger;
    const warn = (obj: object, msg: string) => (logger ? logger.warn(obj, msg) : console.error(msg));
    try {
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new StoreOpenError(`Không tạo được thư mục dữ liệu DATA_DIR="${dataDir}": ${fsReason(e)}.`);
    }
    await chmod(dataDir, 0o700).catch((e: unknown) => warn({ dir: dataDir }, `Không đặt được quyền 0700 cho ${dataDir} (${fsReason(e)}); dữ liệu có thể bị người khác trên máy đọc.`));

    const file = path.join(dataDir, TICKETS_FILE);
    const loaded = await readTickets(file, warn);
    const sequence = await readSequence(path.join(dataDir, SEQUENCE_FILE), warn);
    const maxId = loaded.data.tickets.reduce((m, t) => Math.max(m, t.id), 0);
    loaded.data.nextTicketId = Math.max(loaded.data.nextTicketId, sequence, maxId + 1, loaded.carried);

    const writeFile = options.write ?? defaultWrite;
    const db = new Low<StoreData>(new DurableJsonFile(file, writeFile), loaded.data);
    const store = new Store(
      db,
      dataDir,
      file,
      writeFile,
      new JsonLog<QuestionRecord>(dataDir, 'questions', isQuestionRecord as (v: unknown) => v is QuestionRecord),
      new JsonLog<FeedbackRecord>(dataDir, 'feedback', isFeedbackRecord as (v: unknown) => v is FeedbackRecord),
    );
    try {
      if (loaded.rejected.length > 0) {
        const aside = path.join(dataDir, `congvu-bot.rejected-${fileStamp()}.json`);
        await writeAtomic(aside, JSON.stringify(loaded.rejected, null, 2));
        warn({ aside, count: loaded.rejected.length }, `${loaded.rejected.length} phiếu trong ${file} không hợp lệ, đã chuyển sang ${aside}; các phiếu khác vẫn dùng bình thường. ${loaded.rejected.map((r) => `#${r.id ?? '?'}: ${r.reason}`).join(' | ')}`);
      }
      for (const q of loaded.legacy.questions) await store.questions.append(q);
      for (const f of loaded.legacy.feedback) await store.feedback.append(f);
      await store.questions.flush();
      await store.feedback.flush();
      await store.persist(loaded.data);
    } catch (e) {
      await store.close().catch(() => {});
      throw new StoreOpenError(`Không ghi được vào thư mục dữ liệu DATA_DIR="${dataDir}": ${fsReason(e instanceof StoreWriteError ? e.cause : e)}.`);
    }

    const bad = { questions: 0, feedback: 0 };
    bad.questions = (await store.questions.scan((q) => store.tally.addQuestion(q))).bad;
    bad.feedback = (await store.feedback.scan((f) => store.tally.addFeedback(f))).bad;
    if (bad.questions + bad.feedback > 0) warn(bad, `Bỏ qua ${bad.questions + bad.feedback} dòng nhật ký không đọc được (nhật ký câu hỏi: ${bad.questions}, đánh giá: ${bad.feedback}).`);
    return store;
  }

  /** The current, durable state. Read it; change it only through `update`. */
  get data(): StoreData {
    return this.db.data;
  }

  /**
   * Applies a change to a draft and writes it; only once it is on disk does the draft become
   * the current state. Changes run one at a time, in order. A change that alters nothing
   * writes nothing. Throws StoreWriteError (state unchanged) when the write fails.
   *
   * The draft shares unchanged tickets with the current state (copying 10,000 tickets per
   * change would cost more than the write): a change must get the tickets it alters from
   * `edit(id)`, which puts a private copy into the draft, and may push new ones.
   */
  update<T>(change: (draft: StoreData, edit: (id: number) => Ticket | undefined) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const current = this.db.data;
      const draft: StoreData = { ...current, tickets: current.tickets.slice() };
      const edit = (id: number): Ticket | undefined => {
        const i = draft.tickets.findIndex((t) => t.id === id);
        if (i < 0) return undefined;
        if (draft.tickets[i] === current.tickets[i]) draft.tickets[i] = structuredClone(current.tickets[i]!);
        return draft.tickets[i];
      };
      const result = change(draft, edit);
      await this.persist(draft);
      this.db.data = draft;
      return result;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async persist(data: StoreData): Promise<void> {
    if (data.nextTicketId !== this.writtenSequence) {
      const seqFile = path.join(this.dir, SEQUENCE_FILE);
      try {
        await this.writeFile(seqFile, JSON.stringify({ nextTicketId: data.nextTicketId }));
      } catch (e) {
        throw new StoreWriteError(seqFile, e);
      }
      this.writtenSequence = data.nextTicketId;
    }
    try {
      await this.db.adapter.write(data);
    } catch (e) {
      throw new StoreWriteError(this.file, e);
    }
  }

  /** Appends to the question log; the tally counts it once it is written. */
  async appendQuestion(record: QuestionRecord): Promise<void> {
    await this.questions.append(record);
    this.tally.addQuestion(record);
  }

  async appendFeedback(record: FeedbackRecord): Promise<void> {
    await this.feedback.append(record);
    this.tally.addFeedback(record);
  }

  /** Waits for queued changes and syncs the logs. */
  async flush(): Promise<void> {
    await this.queue;
    await this.questions.flush();
    await this.feedback.flush();
  }

  async close(): Promise<void> {
    await this.queue;
    await this.questions.close();
    await this.feedback.close();
  }
}

function fileStamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

interface LoadedTickets {
  data: StoreData;
  rejected: { id?: unknown; reason: string; record: unknown }[];
  /** next ticket number carried over from a file set aside */
  carried: number;
  /** version 1 records to move into the logs */
  legacy: { questions: QuestionRecord[]; feedback: FeedbackRecord[] };
}

function emptyData(): StoreData {
  return { version: SCHEMA_VERSION, nextTicketId: 1, tickets: [] };
}

/** The highest ticket number any readable fragment of a damaged file mentions, plus one. */
function carriedSequence(text: string): number {
  let next = 1;
  for (const m of text.matchAll(/"nextTicketId"\s*:\s*(\d+)/g)) next = Math.max(next, Number(m[1]));
  for (const m of text.matchAll(/"id"\s*:\s*(\d+)/g)) next = Math.max(next, Number(m[1]) + 1);
  return Number.isSafeInteger(next) ? next : 1;
}

async function readTickets(file: string, warn: (obj: object, msg: string) => void): Promise<LoadedTickets> {
  const fresh = (carried = 1): LoadedTickets => ({ data: emptyData(), rejected: [], carried, legacy: { questions: [], feedback: [] } });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fresh();
    throw new StoreOpenError(`Không đọc được tệp dữ liệu ${file}: ${fsReason(e)}.`);
  }
  const setAside = async (why: string): Promise<LoadedTickets> => {
    const aside = `${file}.corrupt-${fileStamp()}`;
    try {
      await rename(file, aside);
      await chmod(aside, 0o600).catch(() => {});
    } catch (e) {
      throw new StoreOpenError(`Tệp dữ liệu ${file} ${why} và không chuyển sang bên được: ${fsReason(e)}.`);
    }
    const carried = carriedSequence(text);
    warn({ file, aside, carried }, `Tệp dữ liệu ${file} ${why}: đã chuyển sang ${aside} và bắt đầu tệp mới (số phiếu tiếp tục từ #${carried}). Dữ liệu cũ vẫn còn trong tệp đó.`);
    return fresh(carried);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return setAside(`JSON hỏng (${(e as Error).message})`);
  }
  const shape = ticketFileSchema.safeParse(parsed);
  if (!shape.success) return setAside(`sai cấu trúc dữ liệu (${issuesText(shape.error)})`);
  if (shape.data.version > SCHEMA_VERSION) {
    throw new StoreOpenError(`Tệp dữ liệu ${file} dùng phiên bản ${shape.data.version}, mới hơn bản bot này hiểu (${SCHEMA_VERSION}): hãy cập nhật bot.`);
  }
  const out = fresh();
  out.data.nextTicketId = shape.data.nextTicketId;
  const seen = new Set<number>();
  for (const raw of shape.data.tickets) {
    const t = ticketSchema.safeParse(raw);
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === 'number' && Number.isSafeInteger(id)) out.carried = Math.max(out.carried, id + 1);
    if (!t.success) {
      out.rejected.push({ id, reason: issuesText(t.error), record: raw });
      continue;
    }
    if (seen.has(t.data.id)) {
      out.rejected.push({ id, reason: 'trùng số phiếu', record: raw });
      continue;
    }
    seen.add(t.data.id);
    out.data.tickets.push(t.data as Ticket);
  }
  // Version 1 kept the logs in this file: they move to the monthly logs (bad lines dropped and counted).
  let dropped = 0;
  for (const q of shape.data.questions ?? []) {
    const r = questionRecordSchema.safeParse(q);
    if (r.success) out.legacy.questions.push(r.data as QuestionRecord);
    else dropped++;
  }
  for (const f of shape.data.feedback ?? []) {
    const r = feedbackRecordSchema.safeParse(f);
    if (r.success) out.legacy.feedback.push(r.data as FeedbackRecord);
    else dropped++;
  }
  if (dropped > 0) warn({ file, dropped }, `Bỏ qua ${dropped} bản ghi nhật ký không hợp lệ khi chuyển ${file} sang phiên bản ${SCHEMA_VERSION}.`);
  return out;
}

async function readSequence(file: string, warn: (obj: object, msg: string) => void): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 1;
    throw new StoreOpenError(`Không đọc được tệp ${file}: ${fsReason(e)}.`);
  }
  const n = (() => {
    try {
      return (JSON.parse(text) as { nextTicketId?: unknown }).nextTicketId;
    } catch {
      return undefined;
    }
  })();
  if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0) return n;
  const carried = carriedSequence(text);
  warn({ file, carried }, `Tệp ${file} hỏng; số phiếu lấy từ phần đọc được và từ các phiếu đang có.`);
  return carried;
}
