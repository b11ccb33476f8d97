import type { API, Message as ZaloMessage, MessageContent, ThreadType } from 'zca-js';

export type { ZaloMessage, MessageContent };

/** The listener events the channel uses, as zca-js emits them. */
export interface ZaloEvents {
  message: [message: ZaloMessage];
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
  /** Opens the listener's websocket; throws when one is already open. */
  startListener(): void;
  /** Closes the websocket; a `closed` event (code 1000) follows. */
  stopListener(): void;
  /** The logged-in account's user id. */
  getOwnId(): string;
  /** Sends a text; resolves with the new message's id (as a string) when Zalo gives one. */
  sendMessage(content: MessageContent, threadId: string, type: ThreadType): Promise<{ msgId?: string }>;
  /** Reacts to a message (optional: used to acknowledge moderators' answers). */
  addReaction?(icon: string, message: ZaloMessage): Promise<void>;
  /** The session's current cookies, serialized, to save them again. */
  getCookies(): unknown[];
  /** A group's display name (optional; shown to moderators). */
  getGroupName?(groupId: string): Promise<string | undefined>;
}

/** The port over a logged-in zca-js API. */
export function portFromApi(api: API): ZaloPort {
  const listener = api.listener;
  return {
    on: (event, handler) => {
      listener.on(event, handler as never);
    },
    off: (event, handler) => {
      listener.off(event, handler as never);
    },
    startListener: () => listener.start({ retryOnClose: false }),
    stopListener: () => listener.stop(),
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
    getCookies: () => api.getCookie().toJSON()?.cookies ?? [],
    getGroupName: async (groupId) => {
      const info = await api.getGroupInfo(groupId);
      return info.gridInfoMap?.[groupId]?.name;
    },
  };
}
