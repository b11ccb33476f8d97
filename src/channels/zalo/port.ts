import type { API, Message as ZaloMessage, MessageContent, ThreadType } from 'zca-js';
import { zaloQuizApi, type ZaloQuizApi } from './quiz.js';

export type { ZaloMessage, MessageContent };

/**
 * Listener events that only show the socket is alive (besides `message`): the silence
 * watchdog counts them all, so a quiet group whose members read, react or type is not
 * taken for a dead socket.
 */
export const ACTIVITY_EVENTS = [
  'cipher_key',
  'undo',
  'reaction',
  'old_reactions',
  'typing',
  'seen_messages',
  'delivered_messages',
  'group_event',
  'friend_event',
  'upload_attachment',
] as const;

type ActivityEvents = { [E in (typeof ACTIVITY_EVENTS)[number]]: unknown[] };

/** The listener events the channel uses, as zca-js emits them. */
export interface ZaloEvents extends ActivityEvents {
  message: [message: ZaloMessage];
  /** the answer to `requestOldMessages` */
  old_messages: [messages: ZaloMessage[], type: ThreadType];
  connected: [];
  disconnected: [code: number, reason: string];
  closed: [code: number, reason: string];
  error: [error: unknown];
}

export type ZaloEventName = keyof ZaloEvents;
export type ZaloHandler<E extends ZaloEventName> = (...args: ZaloEvents[E]) => void;

/**
 * The little of zca-js the Zalo channel needs. The real `API` satisfies it through
 * `portFromApi`; tests fake it without touching the library's internals.
 */
export interface ZaloPort {
  on<E extends ZaloEventName>(event: E, handler: ZaloHandler<E>): void;
  off<E extends ZaloEventName>(event: E, handler: ZaloHandler<E>): void;
  /** Opens the listener's websocket; throws while the previous socket is not closed yet. */
  startListener(): void;
  /**
   * Closes the websocket; its `closed` event follows, later. True when a socket was
   * open (so a `closed` will come), false when there was none.
   */
  stopListener(): boolean;
  /** Asks Zalo for the latest messages of that kind of chat; they arrive as `old_messages`. */
  requestOldMessages(type: ThreadType): void;
  /** Tells Zalo the session is in use; Zalo may answer with fresh cookies. */
  keepAlive(): Promise<void>;
  /** A cheap authenticated call: resolves when the session is valid, throws Zalo's error otherwise. */
  checkSession(): Promise<void>;
  /** The logged-in account's user id. */
  getOwnId(): string;
  /** Sends a text; resolves with the new message's id (as a string) when Zalo gives one. */
  sendMessage(content: MessageContent, threadId: string, type: ThreadType): Promise<{ msgId?: string }>;
  /** Reacts to a message (optional: used to acknowledge moderators' answers). */
  addReaction?(icon: string, message: ZaloMessage): Promise<void>;
  /** The session's current cookies, serialized, to save them again. */
  getCookies(): unknown[];
  /** zca-js polls, for the knowledge check (optional) */
  quizApi?: ZaloQuizApi;
  /** A group's display name (optional; shown to moderators). */
  getGroupName?(groupId: string): Promise<string | undefined>;
}

/** The parts of zca-js's Listener it keeps private but a clean restart needs (checked before use). */
interface ListenerInternals {
  ws?: { terminate?: () => void } | null;
  cookie?: unknown;
}

/** The port over a logged-in zca-js API. */
export function portFromApi(api: API): ZaloPort {
  const listener = api.listener;
  const internals = listener as unknown as ListenerInternals;
  return {
    on: (event, handler) => {
      listener.on(event, handler as never);
    },
    off: (event, handler) => {
      listener.off(event, handler as never);
    },
    startListener: () => {
      // The listener copies the cookie jar into a string once, when the API is built; a
      // restart after keep-alive refreshed the cookies must present the fresh ones.
      if (typeof internals.cookie === 'string') internals.cookie = api.getContext().cookie.getCookieStringSync('https://chat.zalo.me');
      listener.start({ retryOnClose: false });
    },
    // Why terminate and not zca-js's stop(): stop() sends a close frame and forgets the
    // socket at once, while `ws` waits up to 30 s for the peer to acknowledge. A listener
    // started in between runs next to the still-open old socket (Zalo answers two sockets
    // with 3000), and when the old socket's close finally comes, zca-js's handler resets
    // the listener, dropping the new socket's ping. terminate() drops the connection now;
    // zca-js keeps the socket as current until its own close handler has run and emitted
    // `closed`, so start() refuses ("Already started") until the old socket is really gone.
    // Logging in again for a new API on each restart would also give a fresh listener, but
    // costs a login per restart and leaves the old socket closing just the same.
    stopListener: () => {
      const ws = internals.ws;
      if (!ws) return false;
      if (typeof ws.terminate === 'function') ws.terminate();
      else listener.stop();
      return true;
    },
    requestOldMessages: (type) => listener.requestOldMessages(type),
    keepAlive: async () => {
      await api.keepAlive();
    },
    checkSession: async () => {
      await api.fetchAccountInfo();
    },
    getOwnId: () => String(api.getOwnId()),
    sendMessage: async (content, threadId, type) => {
      const response = await api.sendMessage(content, threadId, type);
      const id = response.message?.msgId;
      return { msgId: id === undefined || id === null ? undefined : String(id) };
    },
    addReaction: async (icon, message) => {
      await api.addReaction(icon as never, {
        data: { msgId: String(message.data.msgId), cliMsgId: String(message.data.cliMsgId) },
        threadId: String(message.threadId),
        type: message.type,
      });
    },
    quizApi: zaloQuizApi(api),
    getCookies: () => api.getCookie().toJSON()?.cookies ?? [],
    getGroupName: async (groupId) => {
      const info = await api.getGroupInfo(groupId);
      return info.gridInfoMap?.[groupId]?.name;
    },
  };
}
