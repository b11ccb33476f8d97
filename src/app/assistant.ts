import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Decision } from '../answer/decide.js';
import { plain, bold, type Message } from '../answer/message.js';
import { replyMessage } from '../answer/reply.js';
import { Desk, type DeskResult, type TicketRef } from '../desk/desk.js';
import { faqFileFor, writeFaqFile } from '../desk/promote.js';
import type { Asker, Person, Platform, Ticket } from '../store/store.js';
import type { Engine, ReloadResult } from './engine.js';

/** What a chat platform offers the assistant: delivering to askers, showing tickets to moderators. */
export interface ChannelPort {
  platform: Platform;
  /** Sends a message to an asker's chat, as a reply to their question when possible. */
  deliver(to: Asker, message: Message): Promise<void>;
  /** A new ticket: post it in this platform's moderators' chat, if it has one. */
  ticketOpened?(ticket: Ticket): Promise<void>;
  /** A ticket was answered, dismissed or joined: update its posts. */
  ticketChanged?(ticket: Ticket): Promise<void>;
  /** Tells this platform's admins about a problem (e.g. another channel stopped). */
  alertAdmins?(text: string): Promise<void>;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface QuestionOutcome {
  decision: Decision;
  message: Message;
  ticket?: Ticket;
  joined?: boolean;
}

export type PromoteResult = { ok: true; faqId: string; reload: ReloadResult & { ok: true } } | { ok: false; reason: string };

/**
 * The bot's behaviour, independent of any chat platform: answer questions, escalate
 * to the desk, relay moderators' answers to whichever platform the asker used.
 */
export class Assistant {
  private readonly channels = new Map<Platform, ChannelPort>();

  constructor(
    readonly engine: Engine,
    readonly desk: Desk,
    private readonly log: Logger,
  ) {}

  register(channel: ChannelPort): void {
    this.channels.set(channel.platform, channel);
  }

  /** Folded content words in order of the question: the same question gets the same key. */
  questionKey(question: string): string {
    const concepts = this.engine.index.analyzer.concepts(question);
    return concepts.map((c) => c.alternatives[0]!.map((t) => t.folded).join(' ')).join(' ');
  }

  /** Answers a question from a chat; escalations open (or join) a ticket. */
  async ask(question: string, asker: Asker, options: { howToPick?: string } = {}): Promise<QuestionOutcome> {
    const decision = this.engine.ask(question);
    await this.desk.recordQuestion({
      platform: asker.platform,
      userId: asker.userId,
      status: decision.status,
      question: question.slice(0, 500),
      passageId: decision.passage?.id,
    });
    if (decision.status !== 'escalated') return { decision, message: replyMessage(decision, { ...options, question }) };
    const { ticket, joined } = await this.escalate(question, asker, decision);
    return { decision, ticket, joined, message: replyMessage(decision, { ticketId: ticket.id, joined }) };
  }

  /** Opens a ticket for a question (also used when the asker asks for a person). */
  async escalate(question: string, asker: Asker, decision?: Decision): Promise<{ ticket: Ticket; joined: boolean }> {
    const candidates = (decision?.suggestions ?? []).map((p) => ({ id: p.id, title: p.title }));
    const result = await this.desk.escalate({ question, questionKey: this.questionKey(question), asker, candidates });
    this.log.info({ ticket: result.ticket.id, joined: result.joined, platform: asker.platform }, 'escalated');
    await this.broadcast(result.joined ? 'ticketChanged' : 'ticketOpened', result.ticket);
    return result;
  }

  /** Records a moderator's answer and delivers it to every asker, on their own platform. */
  async answerTicket(ref: number | TicketRef, text: string, moderator: Person): Promise<DeskResult & { delivered?: number; failed?: number }> {
    const id = typeof ref === 'number' ? ref : ref.id;
    const result = await this.desk.answer(ref, text, moderator);
    if (!result.ok) return result;
    const message: Message = {
      paragraphs: [[bold(`Cán bộ hỗ trợ trả lời câu hỏi của bạn (phiếu #${id}):`)], [plain(result.ticket.answer!.text)]],
    };
    const { delivered, failed } = await this.deliverAll(result.ticket, message);
    await this.broadcast('ticketChanged', result.ticket);
    return { ...result, delivered, failed };
  }

  async dismissTicket(ref: number | TicketRef, moderator: Person, reason?: string): Promise<DeskResult> {
    const id = typeof ref === 'number' ? ref : ref.id;
    const result = await this.desk.dismiss(ref, moderator, reason);
    if (!result.ok) return result;
    const why = result.ticket.dismissal?.reason ? ` Lý do: ${result.ticket.dismissal.reason}.` : '';
    await this.deliverAll(result.ticket, {
      paragraphs: [[plain(`Cán bộ hỗ trợ đã xem câu hỏi của bạn (phiếu #${id}) nhưng chưa thể trả lời qua kênh này.${why} Bạn có thể liên hệ trực tiếp bộ phận phụ trách hoặc hỏi lại với nội dung cụ thể hơn. Cảm ơn bạn!`)]],
    });
    await this.broadcast('ticketChanged', result.ticket);
    return result;
  }

  /** Turns an answered ticket into an FAQ entry and reloads; a file that fails validation is removed again. */
  async promote(id: number): Promise<PromoteResult> {
    const ticket = this.desk.get(id);
    if (!ticket) return { ok: false, reason: `Không có phiếu #${id}.` };
    if (ticket.status !== 'answered') return { ok: false, reason: `Phiếu #${id} chưa được trả lời nên chưa thể thêm vào FAQ.` };
    if (ticket.faqId) return { ok: false, reason: `Phiếu #${id} đã được thêm vào FAQ (${ticket.faqId}).` };
    const file = faqFileFor(ticket);
    let reload: ReloadResult;
    try {
      reload = await this.engine.change(async () => {
        const full = await writeFaqFile(this.engine.knowledgeDir, file);
        return () => rm(full, { force: true });
      });
    } catch (e) {
      this.log.error({ ticket: id, err: (e as Error).message }, 'FAQ file not written');
      return { ok: false, reason: `Không ghi được tệp FAQ (${(e as Error).message}). Không có gì thay đổi; hãy thử lại sau.` };
    }
    if (!reload.ok) {
      return { ok: false, reason: `Không thêm được: ${reload.errors.map((e) => `${path.basename(e.file)}:${e.line} ${e.reason}`).join('; ')}` };
    }
    await this.desk.markPromoted(id, file.id);
    this.log.info({ ticket: id, faq: file.id }, 'promoted to FAQ');
    return { ok: true, faqId: file.id, reload };
  }

  /**
   * After a start: pending tickets that have no post on a platform yet (never posted, or
   * posted just before a crash and not recorded) are posted there now.
   */
  async repostUnposted(platform: Platform): Promise<number> {
    const channel = this.channels.get(platform);
    if (!channel?.ticketOpened) return 0;
    let posted = 0;
    for (const ticket of this.desk.unposted(platform)) {
      const interrupted = ticket.postIntents?.some((i) => i.platform === platform);
      try {
        await channel.ticketOpened(ticket);
        posted++;
        this.log.info({ ticket: ticket.id, platform, interrupted }, 'pending ticket had no recorded post; posted again');
      } catch (e) {
        this.log.error({ ticket: ticket.id, platform, err: (e as Error).message }, 'reposting a ticket failed');
      }
    }
    return posted;
  }

  async reload(): Promise<ReloadResult> {
    const result = await this.engine.reload();
    if (result.ok) this.log.info({ ...result }, 'knowledge reloaded');
    else this.log.warn({ errors: result.errors.length }, 'knowledge reload refused; previous index kept');
    return result;
  }

  /** Tells the admins on every running channel; a channel that fails is logged, the others still told. */
  async alertAdmins(text: string): Promise<void> {
    for (const channel of this.channels.values()) {
      try {
        await channel.alertAdmins?.(text);
      } catch (e) {
        this.log.error({ platform: channel.platform, err: (e as Error).message }, 'alertAdmins failed');
      }
    }
  }

  private async deliverAll(ticket: Ticket, message: Message): Promise<{ delivered: number; failed: number }> {
    let delivered = 0;
    let failed = 0;
    for (const asker of ticket.askers) {
      const channel = this.channels.get(asker.platform);
      if (!channel) {
        failed++;
        this.log.warn({ ticket: ticket.id, platform: asker.platform }, 'no running channel for this asker; answer kept on the ticket');
        continue;
      }
      try {
        await channel.deliver(asker, message);
        delivered++;
      } catch (e) {
        failed++;
        this.log.error({ ticket: ticket.id, platform: asker.platform, err: (e as Error).message }, 'delivery failed');
      }
    }
    return { delivered, failed };
  }

  private async broadcast(event: 'ticketOpened' | 'ticketChanged', ticket: Ticket): Promise<void> {
    for (const channel of this.channels.values()) {
      try {
        await channel[event]?.(ticket);
      } catch (e) {
        this.log.error({ ticket: ticket.id, platform: channel.platform, err: (e as Error).message }, `${event} failed`);
      }
    }
  }
}
