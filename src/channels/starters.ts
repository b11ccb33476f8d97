import type { Conversation } from '../app/conversation.js';
import type { Config } from '../config.js';
import type { AppLogger } from '../logger.js';
import type { QuizService } from '../quiz/service.js';
import type { Store } from '../store/store.js';
import { startTelegram } from './telegram/starter.js';
import { startZalo } from './zalo/start.js';

/** A channel could not start for a reason the admin can fix (bad token, unreachable API): printed as one clean line. */
export class ChannelStartError extends Error {}

/** A channel started by main: stops cleanly on shutdown. */
export interface RunningChannel {
  name: string;
  stop(): Promise<void>;
}

export interface ChannelContext {
  config: Config;
  core: Conversation;
  log: AppLogger;
  store: Store;
  /** the knowledge check: a channel that can post rounds attaches its port */
  quiz?: QuizService;
}

/** Starts a channel when its settings are present; undefined when it is not configured. */
export type ChannelStarter = (ctx: ChannelContext) => Promise<RunningChannel | undefined>;

/** Every chat platform, in start order. The console chat opens only when none of these starts. */
export const channelStarters: ChannelStarter[] = [startTelegram, startZalo];
