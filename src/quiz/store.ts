import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ChatKey, QuizAnswer, QuizChat, QuizStore, Round } from './types.js';

export interface QuizData {
  version: number;
  chats: QuizChat[];
  rounds: Round[];
  answers: QuizAnswer[];
}

const VERSION = 1;
const empty = (): QuizData => ({ version: VERSION, chats: [], rounds: [], answers: [] });

/** The quiz's data behind the QuizStore interface; `persist` makes each change durable. */
class DataQuizStore implements QuizStore {
  constructor(
    protected readonly data: QuizData,
    private readonly persist: () => Promise<void>,
  ) {}

  chat(key: ChatKey) {
    return this.data.chats.find((c) => c.key === key);
  }
  chats() {
    return [...this.data.chats];
  }
  async saveChat(chat: QuizChat) {
    const i = this.data.chats.findIndex((c) => c.key === chat.key);
    if (i >= 0) this.data.chats[i] = chat;
    else this.data.chats.push(chat);
    await this.persist();
  }
  round(id: string) {
    return this.data.rounds.find((r) => r.id === id);
  }
  rounds(chatKey?: ChatKey) {
    return this.data.rounds.filter((r) => !chatKey || r.chatKey === chatKey).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }
  async addRound(round: Round) {
    if (this.round(round.id)) return false;
    this.data.rounds.push(round);
    await this.persist();
    return true;
  }
  async saveRound(round: Round) {
    const i = this.data.rounds.findIndex((r) => r.id === round.id);
    if (i < 0) throw new Error(`không có đợt kiểm tra ${round.id}`);
    this.data.rounds[i] = round;
    await this.persist();
  }
  answers(roundId?: string) {
    return this.data.answers.filter((a) => !roundId || a.roundId === roundId);
  }
  async addAnswer(answer: QuizAnswer) {
    const dup = this.data.answers.some((a) => a.roundId === answer.roundId && a.itemId === answer.itemId && a.userId === answer.userId);
    if (dup) return false;
    this.data.answers.push(answer);
    await this.persist();
    return true;
  }
}

/** For tests and the console without a data directory. */
export class MemoryQuizStore extends DataQuizStore {
  constructor(data: QuizData = empty()) {
    super(data, async () => {});
  }
  /** A copy of everything, to start another store from (a restart in tests). */
  snapshot(): QuizData {
    return structuredClone(this.data);
  }
}

/**
 * `quiz.json` in DATA_DIR (lowdb: written through a temporary file and a rename, so a
 * crash leaves the old file or the new one). An unreadable file is moved aside, never overwritten.
 */
export class FileQuizStore extends DataQuizStore {
  static async open(dataDir: string, warn: (msg: string) => void = console.error): Promise<FileQuizStore> {
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, 'quiz.json');
    const db = new Low<QuizData>(new JSONFile<QuizData>(file), await readData(file, warn));
    await db.write();
    return new FileQuizStore(db.data, () => db.write());
  }
}

async function readData(file: string, warn: (msg: string) => void): Promise<QuizData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return empty();
    throw e;
  }
  try {
    const data = JSON.parse(text) as QuizData;
    if (Array.isArray(data.chats) && Array.isArray(data.rounds) && Array.isArray(data.answers)) return data;
  } catch {
    // falls through: set the file aside
  }
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  warn(`Tệp ${file} hỏng: đã chuyển sang ${aside} và bắt đầu tệp mới.`);
  return empty();
}
