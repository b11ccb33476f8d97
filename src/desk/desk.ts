import type { Store, Asker, Person, Ticket, ModeratorPost, QuestionRecord, Platform } from '../store/store.js';

export type DeskError = 'not_found' | 'already_answered' | 'already_dismissed' | 'not_answered' | 'empty_answer';

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

/**
 * The moderators' queue, independent of any chat platform: tickets, their states,
 * and the records behind the statistics. Delivering answers is the caller's job.
 */
export class Desk {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  get(id: number): Ticket | undefined {
    return this.store.data.tickets.find((t) => t.id === id);
  }

  /** Pending tickets, oldest first. */
  pending(): Ticket[] {
    return this.store.data.tickets.filter((t) => t.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Opens a ticket, or adds the asker to the pending ticket of the same question. */
  async escalate(e: Escalation): Promise<{ ticket: Ticket; joined: boolean }> {
    return this.store.update((data) => {
      const open = e.questionKey ? data.tickets.find((t) => t.status === 'pending' && t.questionKey === e.questionKey) : undefined;
      if (open) {
        const already = open.askers.some((a) => a.platform === e.asker.platform && a.chatId === e.asker.chatId && a.userId === e.asker.userId);
        if (!already) open.askers.push(e.asker);
        open.updatedAt = this.stamp();
        return { ticket: open, joined: true };
      }
      const at = this.stamp();
      const ticket: Ticket = {
        id: data.nextTicketId++,
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

  async answer(id: number, text: string, by: Person): Promise<DeskResult> {
    const answer = text.trim();
    return this.store.update((data): DeskResult => {
      const ticket = data.tickets.find((t) => t.id === id);
      if (!ticket) return { ok: false, error: 'not_found' };
      if (!answer) return { ok: false, error: 'empty_answer', ticket };
      if (ticket.status === 'answered') return { ok: false, error: 'already_answered', ticket };
      if (ticket.status === 'dismissed') return { ok: false, error: 'already_dismissed', ticket };
      ticket.status = 'answered';
      ticket.answer = { text: answer, by, at: this.stamp() };
      ticket.updatedAt = ticket.answer.at;
      return { ok: true, ticket };
    });
  }

  async dismiss(id: number, by: Person, reason?: string): Promise<DeskResult> {
    return this.store.update((data): DeskResult => {
      const ticket = data.tickets.find((t) => t.id === id);
      if (!ticket) return { ok: false, error: 'not_found' };
      if (ticket.status === 'answered') return { ok: false, error: 'already_answered', ticket };
      if (ticket.status === 'dismissed') return { ok: false, error: 'already_dismissed', ticket };
      ticket.status = 'dismissed';
      ticket.dismissal = { reason: reason?.trim() || undefined, by, at: this.stamp() };
      ticket.updatedAt = ticket.dismissal.at;
      return { ok: true, ticket };
    });
  }

  async attachPost(id: number, post: ModeratorPost): Promise<void> {
    await this.store.update((data) => {
      data.tickets.find((t) => t.id === id)?.posts.push(post);
    });
  }

  /** The ticket a moderator's message replies to. */
  findByPost(platform: Platform, chatId: string, messageId: string): Ticket | undefined {
    return this.store.data.tickets.find((t) => t.posts.some((p) => p.platform === platform && p.chatId === chatId && p.messageId === messageId));
  }

  async markPromoted(id: number, faqId: string): Promise<void> {
    await this.store.update((data) => {
      const t = data.tickets.find((x) => x.id === id);
      if (t) t.faqId = faqId;
    });
  }

  async recordQuestion(record: Omit<QuestionRecord, 'at'>): Promise<void> {
    await this.store.update((data) => {
      data.questions.push({ at: this.stamp(), ...record });
    });
  }

  async recordFeedback(f: { platform: Platform; userId: string; passageId: string; question?: string; helpful: boolean }): Promise<void> {
    await this.store.update((data) => {
      data.feedback.push({ at: this.stamp(), ...f });
    });
  }

  stats(): DeskStats {
    const data = this.store.data;
    const today = this.now().toISOString().slice(0, 10);
    const shares = { answered: 0, suggested: 0, escalated: 0, smalltalk: 0 };
    let questionsToday = 0;
    for (const q of data.questions) {
      shares[q.status]++;
      if (q.at.slice(0, 10) === today) questionsToday++;
    }
    const waits = data.tickets
      .filter((t) => t.answer)
      .map((t) => (Date.parse(t.answer!.at) - Date.parse(t.createdAt)) / 60_000)
      .sort((a, b) => a - b);
    const median = waits.length === 0 ? undefined : waits.length % 2 ? waits[(waits.length - 1) / 2]! : (waits[waits.length / 2 - 1]! + waits[waits.length / 2]!) / 2;
    const topEscalated = [...data.tickets]
      .sort((a, b) => b.askers.length - a.askers.length || b.createdAt.localeCompare(a.createdAt))
      .slice(0, 5)
      .map((t) => ({ question: t.question, askers: t.askers.length }));
    return {
      questionsToday,
      questionsTotal: data.questions.length,
      shares,
      pending: data.tickets.filter((t) => t.status === 'pending').length,
      answeredTickets: waits.length,
      medianAnswerMinutes: median,
      topEscalated,
      helpful: data.feedback.filter((f) => f.helpful).length,
      unhelpful: data.feedback.filter((f) => !f.helpful).length,
    };
  }
}
