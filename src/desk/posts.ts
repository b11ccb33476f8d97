import type { ModeratorPost, Platform, Ticket } from '../store/store.js';
import type { Desk } from './desk.js';

/** How one platform shows tickets in its moderators' chat. */
export interface PostRenderer {
  platform: Platform;
  /** Sends a new post; returns its messages in order (chat id, message id). */
  send(ticket: Ticket): Promise<{ chatId: string; messageId: string }[]>;
  /** Rewrites one post (its messages in order), buttons included. */
  edit(ticket: Ticket, post: ModeratorPost[]): Promise<void>;
}

/** A ticket's posts as sent: each starts with part 0 (posts from before parts were recorded form one post). */
export function postGroups(posts: ModeratorPost[]): ModeratorPost[][] {
  const groups: ModeratorPost[][] = [];
  for (const p of posts) {
    if (groups.length === 0 || p.part === 0) groups.push([p]);
    else groups.at(-1)!.push(p);
  }
  return groups;
}

/**
 * Keeps a platform's posts of each ticket in step with the ticket: one post per ticket,
 * however many chats join it at once, and every post rewritten on each change.
 *
 * Work on one ticket runs one at a time; while it runs, any number of further changes
 * collapse into one more run, which reads the ticket as it is by then. A new post is
 * recorded as intended before it is sent, so a crash in between is found after a restart
 * (Desk.unposted) and the ticket posted again.
 */
export class TicketPosts {
  private readonly running = new Map<number, Promise<void>>();
  private readonly queued = new Map<number, Promise<void>>();

  constructor(
    private readonly desk: Desk,
    private readonly renderer: PostRenderer,
  ) {}

  /** Brings the ticket's posts up to date (posting it if it has none and is pending). */
  sync(id: number): Promise<void> {
    const waiting = this.queued.get(id);
    if (waiting) return waiting;
    const before = this.running.get(id) ?? Promise.resolve();
    const run = before
      .catch(() => {})
      .then(() => {
        this.queued.delete(id);
        return this.syncNow(id);
      });
    this.queued.set(id, run);
    const tracked = run.finally(() => {
      if (this.running.get(id) === tracked) this.running.delete(id);
    });
    tracked.catch(() => {});
    this.running.set(id, tracked);
    return run;
  }

  private async syncNow(id: number): Promise<void> {
    const platform = this.renderer.platform;
    const ticket = this.desk.get(id);
    if (!ticket) return;
    const posts = ticket.posts.filter((p) => p.platform === platform);
    if (posts.length === 0) {
      if (ticket.status !== 'pending') return;
      await this.desk.beginPost(id, platform);
      const sent = await this.renderer.send(this.desk.get(id)!);
      await this.desk.attachPosts(
        id,
        sent.map((m, part) => ({ platform, chatId: m.chatId, messageId: m.messageId, part })),
      );
      return;
    }
    let failure: unknown;
    for (const group of postGroups(posts)) {
      try {
        await this.renderer.edit(ticket, group);
      } catch (e) {
        failure ??= e; // the other posts are still brought up to date
      }
    }
    if (failure) throw failure;
  }
}
