import type { Desk } from '../desk/desk.js';
import { TicketPosts } from '../desk/posts.js';
import type { Platform, Ticket } from '../store/store.js';
import { text, ticketMessage, ticketUpdateText } from './texts.js';
import type { ChannelSink, Choice, Outbound, TicketEvent } from './types.js';

interface Logger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** "12:Ab3_x9": the ticket a button is for (number and nonce), after the action. */
export function ticketRefData(t: Ticket): string {
  return t.nonce ? `${t.id}:${t.nonce}` : String(t.id);
}

/** Button-only ticket actions on posts: t:<action>:<ticket>[:<nonce>], for that very ticket only. */
export const TICKET_CHOICE = /^t:([adxf]):(\d+)(?::([\w-]+))?$/;
export const TICKET_ACTIONS = { a: 'answer', d: 'dismiss', x: 'dismissNow', f: 'promote' } as const;

/** Buttons under a ticket post (the post's text says how to do the same by typing). */
export function ticketChoices(t: Ticket): Choice[] {
  const ref = ticketRefData(t);
  if (t.status === 'pending') return [{ id: `t:a:${ref}`, label: '✍️ Trả lời' }, { id: `t:d:${ref}`, label: '🗑 Bỏ qua' }];
  if (t.status === 'answered' && !t.faqId) return [{ id: `t:f:${ref}`, label: '📚 Thêm vào FAQ' }];
  return [];
}

/**
 * The tickets as every moderators' chat shows them: one post per ticket and chat, kept in
 * step with the ticket (edited where the platform can edit, else a short note per change).
 */
export class TicketBoard {
  private readonly posts = new Map<Platform, TicketPosts>();

  constructor(
    private readonly desk: Desk,
    private readonly log: Logger,
  ) {}

  /** A channel with a moderators' chat: its posts are kept from now on, and pending tickets it lacks are posted. */
  attach(sink: ChannelSink): void {
    const chat = sink.moderatorsChat;
    if (!chat) return;
    const render = (t: Ticket): Omit<Outbound, 'to'> => ({ message: ticketMessage(t), choices: ticketChoices(t), ticketPost: t.id });
    this.posts.set(
      sink.platform,
      new TicketPosts(this.desk, {
        platform: sink.platform,
        send: async (t) => (await sink.send({ to: chat, ...render(t) })).map((messageId) => ({ chatId: chat.id, messageId })),
        // where posts cannot be edited, a change is told by a note instead (see outbounds)
        edit: async (t, post) => {
          if (sink.editsPosts) await sink.send({ to: chat, ...render(t), edit: post });
        },
      }),
    );
    void this.repostUnposted(sink.platform);
  }

  /**
   * After a start: pending tickets with no post on this platform yet (never posted, or
   * posted just before a crash and not recorded) are posted now.
   */
  private async repostUnposted(platform: Platform): Promise<void> {
    const posts = this.posts.get(platform);
    if (!posts) return;
    for (const ticket of this.desk.unposted(platform)) {
      try {
        await posts.sync(ticket.id);
        this.log.info({ ticket: ticket.id, platform, interrupted: ticket.postIntents?.some((i) => i.platform === platform) }, 'pending ticket had no recorded post; posted again');
      } catch (e) {
        this.log.error({ ticket: ticket.id, platform, err: (e as Error).message }, 'reposting a ticket failed');
      }
    }
  }

  /** What every moderators' chat should show of a ticket event. */
  outbounds(e: TicketEvent, sinks: Iterable<ChannelSink>): Outbound[] {
    const outs: Outbound[] = [];
    for (const sink of sinks) {
      const chat = sink.moderatorsChat;
      if (!chat) continue;
      const t = e.ticket;
      const hadPost = t.posts.some((p) => p.platform === sink.platform);
      outs.push({ to: chat, message: ticketMessage(t), ticketSync: t.id });
      // A post that cannot change: a short note, unless the change was made right there (its reply says it).
      if (e.type === 'ticket.changed' && hadPost && !sink.editsPosts && !(e.origin.platform === sink.platform && e.origin.chatId === chat.id)) {
        outs.push({ to: chat, message: text(ticketUpdateText(t)) });
      }
    }
    return outs;
  }

  /** Brings a ticket's post on this platform up to date (a `ticketSync` outbound). */
  async sync(platform: Platform, ticketId: number): Promise<void> {
    await this.posts
      .get(platform)
      ?.sync(ticketId)
      .catch((e: Error) => this.log.error({ ticket: ticketId, platform, err: e.message }, 'ticket post not updated'));
  }
}
