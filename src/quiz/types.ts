import type { Platform } from '../store/store.js';

/** "telegram:-100123": one chat on one platform. */
export type ChatKey = string;

export function chatKey(platform: Platform, chatId: string): ChatKey {
  return `${platform}:${chatId}`;
}

export interface QuizSchedule {
  /** cron expression (minute hour day month weekday), read in Asia/Ho_Chi_Minh */
  cron: string;
  /** how the admin wrote it, normalised ("thứ Hai lúc 09:00") */
  text: string;
  setBy: string;
  setAt: string;
  /** the scheduled time of the last round started from it: the next run is computed after this */
  lastRunAt?: string;
}

/** Per-chat quiz settings, chosen by the chat's admins. */
export interface QuizChat {
  key: ChatKey;
  platform: Platform;
  chatId: string;
  title?: string;
  schedule?: QuizSchedule;
  itemsPerRound?: number;
  openHours?: number;
  /** recognition names the best (otherwise only how many) */
  showNames: boolean;
  /** share right (0–1) below which a person is listed in the admin report */
  passMark?: number;
}

/** Where an item was posted, to map answers back and to close it. */
export interface RoundPost {
  itemId: string;
  pollId?: string;
  messageId?: string;
}

export interface Round {
  /** chat key + the time it was due: a scheduled run has one id, so it cannot start twice */
  id: string;
  chatKey: ChatKey;
  trigger: 'manual' | 'schedule';
  startedBy?: string;
  startedAt: string;
  closesAt: string;
  closedAt?: string;
  itemIds: string[];
  /** set once the channel posted the items; a round not yet posted is posted on the next start */
  postedAt?: string;
  posts: RoundPost[];
}

export interface QuizAnswer {
  roundId: string;
  itemId: string;
  userId: string;
  userName: string;
  /** chosen option index */
  option: number;
  correct: boolean;
  at: string;
}

/** What the quiz keeps. Reads are synchronous snapshots; writes resolve once they are durable. */
export interface QuizStore {
  chat(key: ChatKey): QuizChat | undefined;
  chats(): QuizChat[];
  saveChat(chat: QuizChat): Promise<void>;
  round(id: string): Round | undefined;
  /** oldest first */
  rounds(chatKey?: ChatKey): Round[];
  /** false when a round with this id already exists (nothing is written) */
  addRound(round: Round): Promise<boolean>;
  saveRound(round: Round): Promise<void>;
  answers(roundId?: string): QuizAnswer[];
  /** false when this person already answered this item in this round (a quiz answer cannot change) */
  addAnswer(answer: QuizAnswer): Promise<boolean>;
}
