import type { Store, StoreData, Asker, Person, Ticket, ModeratorPost, QuestionRecord, Platform } from '../store/store.js';
import { StoreWriteError } from '../store/store.js';
import { vnDay } from '../text/dates.js';
import { newNonce, refersTo } from './ref.js';

export type DeskError = 'not_found' | 'stale' | 'already_answered' | 'already_dismissed' | 'not_answered' | 'empty_answer' | 'write_failed';

export type DeskResult = { ok: true; ticket: Ticket } | { ok: false; error: DeskError; ticket?: Ticket };

/** What the desk needs from the moment of escalation. */
export interface Escalation {
  question: string;
  /** folded content words; the same key while pending joins the same ticket */
  questionKey: string;
  asker: Asker;
  candidates: { id: string; title: string }[];
}

export interface DeskStats {
  questionsToday: number;
  questionsTotal: number;
  shares: Record<QuestionRecord['status'], number>;
  pending: number;
  answeredTickets: number;
  /** median minutes from ticket to a moderator's answer */
  medianAnswerMinutes?: number;
  topEscalated: { question: string; askers: number }[];
  helpful: number;
  unhelpful: number;
}

/** Which ticket an action is for: its number, and the nonce its button or prompt carried (if any). */
export interface TicketRef {
  id: number;
  nonce?: string;
}

/**
 * The one check of which ticket an action reaches. A typed number (/traloi 12) names the
 * ticket that has that number now; a button, prompt or post carries the nonce of the
 * ticket it was made for, and acts only on that very ticket ('stale' otherwise: the
 * number was reused, or the ticket is from before nonces and the reference is not).
 */
function refError(ticket: Ticket | undefined, ref: number | TicketRef): 'not_found' | 'stale' | undefined {
  if (!ticket) return 'not_found';
  if (typeof ref !== 'number' && !refersTo(ticket, ref.nonce)) return 'stale';
  return undefined;
}

/**
 * The moderators' queue, independent of any chat platform: tickets, their states,
 * and the records behind the statistics. Delivering answers is the caller's job.
 * Every change is on disk before anyone sees it; a failed write changes nothing and
 * comes back as `write_failed`, so the moderator can simply try again.
 */
export class Desk {
  private figures?: { data: StoreData; value: Pick<DeskStats, 'pending' | 'answeredTickets' | 'medianAnswerMinutes' | 'topEscalated'> };

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly log?: { warn(obj: object, msg?: string): void },
  ) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  get(id: number): Ticket | undefined {
    return this.store.data.tickets.find((t) => t.id === id);
  }

  /** The ticket a button, prompt or post refers to, only if it is the very ticket it was made for. */
  resolve(ref: TicketRef): { ticket: Ticket } | { error: 'not_found' | 'stale' } {
    const ticket = this.get(ref.id);
    const error = refError(ticket, ref);
    return error ? { error } : { ticket: ticket! };
  }

  /** Pending tickets, oldest first. */
  pending(): Ticket[] {
    return this.store.data.tickets.filter((t) => t.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Opens a ticket, or adds the asker to the pending ticket of the same question. Throws StoreWriteError. */
  async escalate(e: Escalation): Promise<{ ticket: Ticket; joined: boolean }> {
    return this.store.update((data, edit) => {
      const found = e.questionKey ? data.tickets.find((t) => t.status === 'pending' && t.questionKey === e.questionKey) : undefined;
      const open = found && edit(found.id)!;
      if (open) {
        const already = open.askers.some((a) => a.platform === e.asker.platform && a.chatId === e.asker.chatId && a.userId === e.asker.userId);
        if (!already) open.askers.push(e.asker);
        open.updatedAt = this.stamp();
        return { ticket: open, joined: true };
      }
      const at = this.stamp();
      const ticket: Ticket = {
        id: data.nextTicketId++,
        nonce: newNonce(),
        status: 'pending',
        question: e.question,
        questionKey: e.questionKey,
        askers: [e.asker],
        candidates: e.candidates,
        createdAt: at,
        updatedAt: at,
        posts: [],
      };
      data.tickets.push(ticket);
      return { ticket, joined: false };
    });
  }

  /** Runs a change; a write that fails is reported as `write_failed` with nothing changed. */
  private async change(ref: number | TicketRef, apply: (ticket: Ticket) => DeskResult): Promise<DeskResult> {
    const r = typeof ref === 'number' ? { id: ref } : ref;
    try {
      return await this.store.update((_data, edit): DeskResult => {
        const ticket = edit(r.id);
        const error = refError(ticket, ref);
        return error ? { ok: false, error } : apply(ticket!);
      });
    } catch (e) {
      if (!(e instanceof StoreWriteError)) throw e;
      this.log?.warn({ ticket: r.id, err: e.message }, 'desk change not written; nothing changed');
      return { ok: false, error: 'write_failed', ticket: this.get(r.id) };
    }
  }

  /** `ref` as a number: a typed /traloi 12; as a TicketRef: a button or a reply to a post, checked against its nonce. */
  async answer(ref: number | TicketRef, text: string, by: Person): Promise<DeskResult> {
    const answer = text.trim();
    return this.change(ref, (ticket) => {
      if (!answer) return { ok: false, error: 'empty_answer', ticket };
      if (ticket.status === 'answered') return { ok: false, error: 'already_answered', ticket };
      if (ticket.status === 'dismissed') return { ok: false, error: 'already_dismissed', ticket };
      ticket.status = 'answered';
      ticket.answer = { text: answer, by, at: this.stamp() };
      ticket.updatedAt = ticket.answer.at;
      return { ok: true, ticket };
    });
  }

  async dismiss(ref: number | TicketRef, by: Person, reason?: string): Promise<DeskResult> {
    return this.change(ref, (ticket) => {
      if (ticket.status === 'answered') return { ok: false, error: 'already_answered', ticket };
      if (ticket.status === 'dismissed') return { ok: false, error: 'already_dismissed', ticket };
      ticket.status = 'dismissed';
      ticket.dismissal = { reason: reason?.trim() || undefined, by, at: this.stamp() };
      ticket.updatedAt = ticket.dismissal.at;
      return { ok: true, ticket };
    });
  }

  /** Records that a post to `platform` is about to be sent (reconciled after a restart if it never got recorded). */
  async beginPost(id: number, platform: Platform): Promise<void> {
    await this.store.update((_data, edit) => {
      const t = edit(id);
      if (!t) return;
      t.postIntents = [...(t.postIntents ?? []).filter((p) => p.platform !== platform), { platform, at: this.stamp() }];
    });
  }

  /** Records a sent post (its messages in order) and clears the intent. */
  async attachPosts(id: number, posts: ModeratorPost[]): Promise<void> {
    await this.store.update((_data, edit) => {
      const t = edit(id);
      if (!t) return;
      for (const p of posts) {
        if (!t.posts.some((x) => x.platform === p.platform && x.chatId === p.chatId && x.messageId === p.messageId)) t.posts.push(p);
      }
      const platforms = new Set(posts.map((p) => p.platform));
      t.postIntents = t.postIntents?.filter((i) => !platforms.has(i.platform));
      if (t.postIntents?.length === 0) delete t.postIntents;
    });
  }

  /** Pending tickets with no post on a platform yet (never posted, or posted and not recorded before a crash). */
  unposted(platform: Platform): Ticket[] {
    return this.pending().filter((t) => !t.posts.some((p) => p.platform === platform));
  }

  /** The ticket a moderator's message replies to. */
  findByPost(platform: Platform, chatId: string, messageId: string): Ticket | undefined {
    return this.store.data.tickets.find((t) => t.posts.some((p) => p.platform === platform && p.chatId === chatId && p.messageId === messageId));
  }

  async markPromoted(id: number, faqId: string): Promise<void> {
    await this.store.update((_data, edit) => {
      const t = edit(id);
      if (t) t.faqId = faqId;
    });
  }

  /** Logs a question for the statistics; a failed write is logged and never stops the answer. */
  async recordQuestion(record: Omit<QuestionRecord, 'at'>): Promise<void> {
    try {
      await this.store.appendQuestion({ at: this.stamp(), ...record });
    } catch (e) {
      this.log?.warn({ err: (e as Error).message }, 'question log write failed');
    }
  }

  async recordFeedback(f: { platform: Platform; userId: string; passageId: string; question?: string; helpful: boolean }): Promise<void> {
    await this.store.appendFeedback({ at: this.stamp(), ...f });
  }

  /** What /thongke needs from the tickets, computed once per state of the store (tickets change far less often than questions come). */
  private ticketFigures(): Pick<DeskStats, 'pending' | 'answeredTickets' | 'medianAnswerMinutes' | 'topEscalated'> {
    const data = this.store.data;
    if (this.figures?.data === data) return this.figures.value;
    const waits: number[] = [];
    let pending = 0;
    // the five tickets most asked (newest first among equals), kept in one pass
    const top: Ticket[] = [];
    const before = (a: Ticket, b: Ticket) => b.askers.length - a.askers.length || (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : 0);
    for (const t of data.tickets) {
      if (t.status === 'pending') pending++;
      if (t.answer) waits.push((Date.parse(t.answer.at) - Date.parse(t.createdAt)) / 60_000);
      if (top.length < 5 || before(t, top[4]!) < 0) {
        top.push(t);
        top.sort(before);
        if (top.length > 5) top.pop();
      }
    }
    waits.sort((a, b) => a - b);
    const median = waits.length === 0 ? undefined : waits.length % 2 ? waits[(waits.length - 1) / 2]! : (waits[waits.length / 2 - 1]! + waits[waits.length / 2]!) / 2;
    const value = {
      pending,
      answeredTickets: waits.length,
      medianAnswerMinutes: median,
      topEscalated: top.map((t) => ({ question: t.question, askers: t.askers.length })),
    };
    this.figures = { data, value };
    return value;
  }

  /** From the running tallies and the tickets: no pass over the logs. "Today" is Vietnam's day. */
  stats(): DeskStats {
    const tally = this.store.tally;
    const figures = this.ticketFigures();
    return {
      questionsToday: tally.byDay.get(vnDay(this.now())) ?? 0,
      questionsTotal: tally.questions,
      shares: { ...tally.shares },
      ...figures,
      topEscalated: [...figures.topEscalated],
      helpful: tally.helpful,
      unhelpful: tally.unhelpful,
    };
  }
}
