import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod/v3';

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
}

export type TicketStatus = 'pending' | 'answered' | 'dismissed';

export interface Ticket {
  id: number;
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

export interface StoreData {
  version: number;
  nextTicketId: number;
  tickets: Ticket[];
  questions: QuestionRecord[];
  feedback: FeedbackRecord[];
}

export const SCHEMA_VERSION = 1;
/** Keep the question log bounded: statistics need recent history, not every question ever. */
const MAX_QUESTION_RECORDS = 100_000;

const storeShape = z.object({
  version: z.number().int(),
  nextTicketId: z.number().int().positive(),
  tickets: z.array(z.object({ id: z.number().int(), status: z.enum(['pending', 'answered', 'dismissed']), askers: z.array(z.unknown()) }).passthrough()),
  questions: z.array(z.unknown()),
  feedback: z.array(z.unknown()),
});

function emptyData(): StoreData {
  return { version: SCHEMA_VERSION, nextTicketId: 1, tickets: [], questions: [], feedback: [] };
}

export interface StoreLogger {
  warn(obj: object, msg: string): void;
}

/**
 * One JSON file (lowdb) holding tickets, the question log and feedback. lowdb writes
 * through a temporary file and a rename, so a crash leaves the old file or the new one,
 * never half of one. A file that cannot be read is moved aside, never overwritten.
 */
export class Store {
  private constructor(
    private readonly db: Low<StoreData>,
    readonly file: string,
  ) {}

  static async open(dataDir: string, logger?: StoreLogger): Promise<Store> {
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, 'congvu-bot.json');
    const data = await readOrSetAside(file, logger);
    const db = new Low<StoreData>(new JSONFile<StoreData>(file), data);
    const store = new Store(db, file);
    await db.write();
    return store;
  }

  get data(): StoreData {
    return this.db.data;
  }

  /** Applies a change and writes it; writes are queued, so changes never interleave. */
  async update<T>(change: (data: StoreData) => T): Promise<T> {
    const result = change(this.db.data);
    if (this.db.data.questions.length > MAX_QUESTION_RECORDS) {
      this.db.data.questions.splice(0, this.db.data.questions.length - MAX_QUESTION_RECORDS);
    }
    await this.db.write();
    return result;
  }

  async flush(): Promise<void> {
    await this.db.write();
  }
}

async function readOrSetAside(file: string, logger?: StoreLogger): Promise<StoreData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
    return setAside(file, `không đọc được (${(e as Error).message})`, logger);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return setAside(file, `JSON hỏng (${(e as Error).message})`, logger);
  }
  const shape = storeShape.safeParse(parsed);
  if (!shape.success) return setAside(file, 'sai cấu trúc dữ liệu', logger);
  if (shape.data.version > SCHEMA_VERSION) {
    throw new Error(`${file} dùng phiên bản dữ liệu ${shape.data.version}, mới hơn bản bot này hiểu (${SCHEMA_VERSION}). Hãy cập nhật bot.`);
  }
  return parsed as StoreData;
}

async function setAside(file: string, why: string, logger?: StoreLogger): Promise<StoreData> {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  const message = `Tệp dữ liệu ${file} ${why}: đã chuyển sang ${aside} và bắt đầu tệp mới. Dữ liệu cũ vẫn còn trong tệp đó.`;
  if (logger) logger.warn({ file, aside }, message);
  else console.error(message);
  return emptyData();
}
