import { rm } from 'node:fs/promises';
import path from 'node:path';
import { bold, plain, type Message } from '../answer/message.js';
import { choiceLabel, choicePreview, escalatedText, passageMessage, replyMessage, SMALLTALK_REPLIES } from '../answer/reply.js';
import type { Desk, TicketRef } from '../desk/desk.js';
import { refInPost } from '../desk/ref.js';
import type { Passage } from '../knowledge/types.js';
import type { Asker, Person, Platform, Ticket } from '../store/store.js';
import { COMMANDS, parseCommand, type Command } from './commands.js';
import { DEFAULT_LIMITS, type ImportLimits } from '../import/limits.js';
import { commitAndReload, DOCUMENT_TEXTS, importable, PendingImports, readImport } from './documents.js';
import { TICKET_ACTIONS, TICKET_CHOICE, TicketBoard, ticketRefData } from './board.js';
import type { Engine, ReloadResult } from './engine.js';
import type { ChoiceSet, ConversationMemory } from './memory.js';
import {
  ALREADY_RATED,
  ANSWER_PROMPT,
  answeredText,
  answerPrompt,
  ASK_USAGE,
  chooseBetween,
  deskErrorText,
  DISMISS_PROMPT,
  dismissedMessage,
  dismissedText,
  dismissPrompt,
  escalatedByChoice,
  moderatorAnswerMessage,
  NOT_ADMIN,
  NOT_MODERATOR,
  promotedText,
  STAFF_PLACE_ONLY,
  STALE_CHOICE,
  SUGGESTIONS_HEADER,
  text,
  TEXT_ONLY_ANSWER,
  THANKS_FOR_RATING,
  UNKNOWN_COMMAND,
} from './texts.js';
import type { ChannelSink, ChatRef, Choice, CoreEvent, Inbound, Origin, Outbound, Role, TicketEvent } from './types.js';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ConversationOptions {
  engine: Engine;
  desk: Desk;
  memory: ConversationMemory;
  log: Logger;
  /** admins' user ids per platform */
  admins: Partial<Record<Platform, string[]>>;
  now?: () => Date;
  /** limits on a document sent in chat (size, unzipped size, pages, time) */
  importLimits?: ImportLimits;
}

/** What a feature does when one of its choices is picked. */
export type ChoiceHandler = (inbound: Inbound, picked: { index: number; data?: unknown }) => Promise<Outbound[]>;

/** The first line of a ticket post: "Phiếu #12 · đang chờ · mã Ab3_x9". */
const TICKET_POST_HEAD = /^Phiếu #\d+ · (?:đang chờ|đã trả lời|đã bỏ qua)/;

const ROLE_RANK: Record<Role, number> = { anyone: 0, moderator: 1, admin: 2 };

/** "👍🏻" → "👍": skin tones and emoji variation selectors do not change what was meant. */
function typedKey(text: string): string {
  const key = text.trim().replace(/[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu, '');
  // a quiz answer: "b" and "B." mean B
  const letter = /^([a-d])[.)]?$/i.exec(key);
  return letter ? letter[1]!.toUpperCase() : key;
}

/**
 * The conversation core: every message from every channel goes through `handle`, which
 * decides (answer, suggest, escalate, relay a moderator's answer, run a command) and
 * returns what to send, to any platform. Channels only translate and deliver.
 */
export class Conversation {
  readonly engine: Engine;
  readonly desk: Desk;
  readonly commands: Command[] = [...COMMANDS];
  private readonly memory: ConversationMemory;
  private readonly log: Logger;
  private readonly admins: Partial<Record<Platform, string[]>>;
  private readonly clock: () => Date;
  private readonly sinks = new Map<Platform, ChannelSink>();
  private readonly listeners: ((e: CoreEvent) => void)[] = [];
  private readonly choiceHandlers = new Map<string, ChoiceHandler>();
  private readonly imports = new PendingImports();
  /** one post per ticket in each moderators' chat, kept in step with the ticket */
  private readonly board: TicketBoard;
  private readonly importLimits: ImportLimits;

  constructor(options: ConversationOptions) {
    this.importLimits = options.importLimits ?? DEFAULT_LIMITS;
    this.engine = options.engine;
    this.desk = options.desk;
    this.memory = options.memory;
    this.log = options.log;
    this.admins = options.admins;
    this.clock = options.now ?? (() => new Date());
    this.board = new TicketBoard(this.desk, this.log);
  }

  now(): Date {
    return this.clock();
  }

  /** Saves the conversation state and stops saving (shutdown). */
  async close(): Promise<void> {
    await this.memory.close();
  }

  /** A running channel: where its outbounds go, and its moderators' chat. */
  attach(sink: ChannelSink): void {
    this.sinks.set(sink.platform, sink);
    this.board.attach(sink);
  }

  /** A channel that stopped by itself: its askers' answers stay on the tickets. */
  detach(platform: Platform): void {
    this.sinks.delete(platform);
  }

  /** Adds a command (a new feature) to the table: help and menus pick it up. */
  addCommand(command: Command): void {
    this.commands.push(command);
  }

  /** Listens to events (ticket opened, changed; a feature's own). */
  on(listener: (e: CoreEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Tells every listener about a feature's event (a quiz round opened or closed). */
  publish(e: CoreEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.log.error({ event: e.type, err: (err as Error).message }, 'event listener failed');
      }
    }
  }

  /**
   * A feature's choices (a quiz's answers): buttons on Telegram, typed keys elsewhere.
   * Picking one calls the handler registered under `handler` with the choice's index.
   */
  onChoice(handler: string, run: ChoiceHandler): void {
    this.choiceHandlers.set(handler, run);
  }

  offerChoices(inbound: Inbound, handler: string, options: { labels: string[]; keys?: (string | undefined)[]; data?: unknown[] }): Pick<Outbound, 'choices' | 'choiceSet'> {
    const set = this.memory.offer({
      actions: options.labels.map((_, i) => ({ kind: 'custom' as const, handler, data: options.data?.[i] })),
      keys: options.labels.map((_, i) => options.keys?.[i]),
      chat: inbound.chat,
      messageId: inbound.messageId,
    });
    this.memory.setPending(this.who(inbound), set.key);
    return this.choicesOf(set, options.labels);
  }

  // ── The flow ───────────────────────────────────────────────────────────────

  /** Handles one inbound and delivers what it produced. */
  async receive(inbound: Inbound): Promise<void> {
    await this.dispatch(await this.handle(inbound));
  }

  /** Decides what one inbound means; returns every message to send, on any platform. */
  async handle(inbound: Inbound): Promise<Outbound[]> {
    if (inbound.choice) return this.pick(inbound, inbound.choice);
    const command = parseCommand(inbound.text);
    if (command) return this.command(inbound, command.name, command.args);
    const desk = await this.deskReply(inbound);
    if (desk) return desk;
    if (inbound.file && inbound.chat.kind === 'private' && importable(inbound.file)) return this.importDocument(inbound, inbound.file);
    if (!inbound.addressed) return [];
    if (inbound.nonText) return [this.reply(inbound, SMALLTALK_REPLIES.no_text!)];
    // The moderators' chat talks *about* questions: there, only /hoi asks.
    if (this.inModeratorsChat(inbound)) return [];
    const typed = await this.typedChoice(inbound);
    if (typed) return typed;
    if (!inbound.text.trim()) return [this.reply(inbound, ASK_USAGE)];
    return this.ask(inbound, inbound.text, inbound.messageId);
  }

  /** Sends outbounds through their platforms' channels, in order; records what the sent messages are. */
  async dispatch(outs: Outbound[]): Promise<void> {
    for (const out of outs) {
      if (out.ticketSync !== undefined) {
        await this.board.sync(out.to.platform, out.ticketSync);
        continue;
      }
      const sink = this.sinks.get(out.to.platform);
      if (!sink) {
        this.log.warn({ platform: out.to.platform, chat: out.to.id }, 'no running channel for this message; not sent');
        continue;
      }
      try {
        await this.sent(out, await sink.send(out));
      } catch (e) {
        this.log.error({ platform: out.to.platform, chat: out.to.id, err: (e as Error).message }, 'delivery failed');
      }
    }
  }

  /** A channel sent an outbound: its message ids carry its choices (a reply quoting one picks from them). */
  async sent(out: Outbound, messageIds: string[]): Promise<void> {
    if (out.choiceSet) this.memory.bindPosts(out.to.platform, out.to.id, messageIds, out.choiceSet);
  }

  reply(inbound: Inbound, message: Message | string, extra: Partial<Outbound> = {}): Outbound {
    return { to: inbound.chat, replyTo: inbound.messageId, message: typeof message === 'string' ? text(message) : message, ...extra };
  }

  /** A short acknowledgement: the button's pop-up when a button was pressed, else a message. */
  private ack(inbound: Inbound, t: string, alert = false): Outbound {
    return inbound.choice ? { to: inbound.chat, message: text(t), toast: true, alert } : this.reply(inbound, t);
  }

  // ── Roles ──────────────────────────────────────────────────────────────────

  inModeratorsChat(inbound: Inbound): boolean {
    const chat = this.sinks.get(inbound.chat.platform)?.moderatorsChat;
    return chat !== undefined && chat.id === inbound.chat.id;
  }

  /** Admins are listed in the settings; moderators post in (or belong to) the moderators' chat. Automatic senders are nobody. */
  async roleOf(inbound: Inbound): Promise<Role> {
    if (inbound.sender.automatic) return 'anyone';
    if (this.admins[inbound.chat.platform]?.includes(inbound.sender.id)) return 'admin';
    // Only members can post in a group: a message (not a button press) there is proof.
    if (this.inModeratorsChat(inbound) && !inbound.choice) return 'moderator';
    const sink = this.sinks.get(inbound.chat.platform);
    if (sink?.moderatorsChat && sink.isModeratorMember) {
      try {
        if (await sink.isModeratorMember(inbound.sender.id)) return 'moderator';
      } catch (e) {
        this.log.warn({ userId: inbound.sender.id, err: (e as Error).message }, 'membership check failed; not a moderator');
      }
    } else if (this.inModeratorsChat(inbound)) return 'moderator';
    return 'anyone';
  }

  /** Where the queue and the statistics may be shown (they name askers and groups): the moderators' chat or a private chat. */
  private staffPlace(inbound: Inbound): boolean {
    return this.inModeratorsChat(inbound) || inbound.chat.kind === 'private';
  }

  private async allowed(inbound: Inbound, needed: Role): Promise<{ ok: true; role: Role } | { ok: false; refusal: Outbound }> {
    const role = await this.roleOf(inbound);
    if (ROLE_RANK[role] >= ROLE_RANK[needed]) return { ok: true, role };
    this.log.warn({ platform: inbound.chat.platform, userId: inbound.sender.id, needed }, 'refused: not allowed');
    return { ok: false, refusal: this.ack(inbound, needed === 'admin' ? NOT_ADMIN : NOT_MODERATOR, true) };
  }

  // ── Commands ───────────────────────────────────────────────────────────────

  private async command(inbound: Inbound, name: string, args: string): Promise<Outbound[]> {
    const command = this.commands.find((c) => c.name === name || c.aliases?.includes(name));
    if (!command) return inbound.chat.kind === 'private' ? [this.reply(inbound, UNKNOWN_COMMAND)] : [];
    const check = await this.allowed(inbound, command.role);
    if (!check.ok) return [check.refusal];
    if (command.where === 'staff' && !this.staffPlace(inbound)) return [this.reply(inbound, STAFF_PLACE_ONLY(command.name))];
    const parsed = command.parse(args);
    if (parsed === undefined) return [this.reply(inbound, `Cú pháp: /${command.name} ${command.usage ?? ''}`.trim())];
    return command.run({ inbound, role: check.role, core: this }, parsed);
  }

  /** /help: how to ask, and the commands this person may run here. */
  helpMessage(inbound: Inbound, role: Role): Message {
    const k = this.engine.knowledge;
    const lines = this.commands
      .filter((c) => ROLE_RANK[role] >= ROLE_RANK[c.role] && (c.where !== 'staff' || this.staffPlace(inbound)))
      .map((c) => `/${c.name}${c.usage ? ` ${c.usage}` : ''}: ${c.help}`);
    return {
      paragraphs: [
        [bold('Xin chào! Mình là trợ lý hỏi đáp văn hóa công vụ.')],
        [
          plain(
            `Mình trả lời các câu hỏi về văn hóa công vụ, văn hóa công sở (trang phục, thẻ công chức, giao tiếp với người dân, rượu bia, mạng xã hội…) và cải cách hành chính, kèm nguồn văn bản. Kho hiện có ${k.faqCount} câu hỏi đáp và ${k.regulationCount} văn bản.`,
          ),
        ],
        [
          bold('Cách hỏi:'),
          plain(
            '\n• Nhắn riêng: gõ thẳng câu hỏi, ví dụ "Công chức có phải đeo thẻ khi làm việc không?"\n• Trong nhóm: gõ /hoi kèm câu hỏi, nhắc tên (@) trợ lý, hoặc trả lời (reply) tin nhắn của trợ lý.\n• Khi mình gợi ý vài câu, chọn một câu (hoặc gõ số thứ tự); chọn 0 để hỏi cán bộ hỗ trợ.\n• Sau mỗi câu trả lời, 👍 nếu hữu ích, 👎 nếu chưa đúng (câu hỏi sẽ được chuyển cán bộ hỗ trợ).',
          ),
        ],
        [bold('Lệnh:'), plain(`\n${lines.join('\n')}`)],
      ],
    };
  }

  // ── Questions ──────────────────────────────────────────────────────────────

  private who(inbound: Inbound): string {
    return `${inbound.chat.platform}:${inbound.chat.id}:${inbound.sender.id}`;
  }

  private askerOf(inbound: Inbound, chat: ChatRef, messageId: string | undefined, quote: unknown): Asker {
    return {
      platform: chat.platform,
      chatId: chat.id,
      chatKind: chat.kind,
      chatTitle: chat.kind === 'group' ? chat.title : undefined,
      threadId: chat.topic,
      userId: inbound.sender.id,
      userName: inbound.sender.name,
      messageId,
      zaloQuote: quote as Asker['zaloQuote'],
      askedAt: this.now().toISOString(),
    };
  }

  /** The platform's quote data when the question is the inbound message itself. */
  private quoteOf(inbound: Inbound, messageId: string | undefined): unknown {
    return messageId !== undefined && messageId === inbound.messageId ? inbound.quote : undefined;
  }

  /** Answers a question asked in the inbound's chat; `messageId` is the question's message (to quote). */
  async ask(inbound: Inbound, question: string, messageId: string | undefined): Promise<Outbound[]> {
    const decision = this.engine.ask(question);
    await this.desk.recordQuestion({
      platform: inbound.chat.platform,
      userId: inbound.sender.id,
      status: decision.status,
      question: question.slice(0, 500),
      passageId: decision.passage?.id,
    });
    const to = { to: inbound.chat, replyTo: messageId };
    const who = this.who(inbound);
    switch (decision.status) {
      case 'answered': {
        const set = this.offerAnswer(decision.passage!, question, inbound.chat, messageId, this.quoteOf(inbound, messageId));
        this.memory.setPending(who, set.key);
        return [{ ...to, message: passageMessage(decision.passage!, question), ...this.choicesOf(set) }];
      }
      case 'suggested': {
        const set = this.memory.offer({
          actions: [...decision.suggestions.map((p) => ({ kind: 'show' as const, passageId: p.id })), { kind: 'escalate' }],
          keys: [...decision.suggestions.map((_, i) => String(i + 1)), '0'],
          question,
          chat: inbound.chat,
          messageId,
          quote: this.quoteOf(inbound, messageId),
        });
        this.memory.setPending(who, set.key);
        const labels = [...decision.suggestions.map(choiceLabel), 'Không đúng, hỏi cán bộ hỗ trợ'];
        const preview = choicePreview(decision.suggestions, question);
        return [{ ...to, message: { paragraphs: [[bold(SUGGESTIONS_HEADER)], ...(preview ? [preview] : [])] }, ...this.choicesOf(set, labels) }];
      }
      case 'escalated': {
        this.memory.setPending(who, undefined);
        const { ticket, joined, outs } = await this.escalate(question, this.askerOf(inbound, inbound.chat, messageId, this.quoteOf(inbound, messageId)), decision.suggestions, inbound);
        // the ticket is in the moderators' chats before the asker is told it is
        return [...outs, { ...to, message: text(escalatedText(decision, ticket.id, joined)) }];
      }
      case 'smalltalk':
        return [{ ...to, message: replyMessage(decision) }];
    }
  }

  /** The answer's choices: 👍, 👎 (also hands it to a person), 0 = ask a person. */
  private offerAnswer(p: Passage, question: string, chat: ChatRef, messageId: string | undefined, quote: unknown): ChoiceSet {
    return this.memory.offer({
      actions: [{ kind: 'feedback', helpful: true }, { kind: 'feedback', helpful: false }, { kind: 'escalate' }],
      keys: ['👍', '👎', '0'],
      question,
      chat,
      messageId,
      quote,
      passageId: p.id,
    });
  }

  private choicesOf(set: ChoiceSet, labels?: string[]): Pick<Outbound, 'choices' | 'choiceSet'> {
    const names = labels ?? ['Hữu ích', 'Chưa đúng', 'Hỏi cán bộ hỗ trợ'];
    const choices: Choice[] = set.actions.map((_, i) => ({ id: `${set.key}:${i}`, label: names[i]!, key: set.keys[i] }));
    return { choices, choiceSet: set.key };
  }

  /** A number or 👍/👎 typed where there are no buttons: the last choices offered to this person, or the list quoted. */
  private async typedChoice(inbound: Inbound): Promise<Outbound[] | undefined> {
    const quoted = inbound.replyTo?.fromBot ? this.memory.setOfPost(inbound.chat.platform, inbound.chat.id, inbound.replyTo.messageId) : undefined;
    const set = quoted ?? this.memory.pendingFor(this.who(inbound));
    if (!set) return undefined;
    const key = typedKey(inbound.text);
    const index = set.keys.indexOf(key);
    if (index >= 0) return this.run(inbound, set, index);
    if (/^\d{1,2}$/.test(key) && set.keys.some((k) => k && /^[1-9]/.test(k))) return [this.reply(inbound, chooseBetween(set.keys.filter(Boolean) as string[]))];
    return undefined;
  }

  private async pick(inbound: Inbound, choiceId: string): Promise<Outbound[]> {
    const ticketChoice = TICKET_CHOICE.exec(choiceId);
    if (ticketChoice) return this.ticketAction(inbound, TICKET_ACTIONS[ticketChoice[1] as keyof typeof TICKET_ACTIONS], { id: Number(ticketChoice[2]), nonce: ticketChoice[3] });
    const found = this.memory.resolve(choiceId);
    if (!found) return [this.ack(inbound, STALE_CHOICE, true)];
    return this.run(inbound, found.set, found.index);
  }

  private async run(inbound: Inbound, set: ChoiceSet, index: number): Promise<Outbound[]> {
    const action = set.actions[index]!;
    switch (action.kind) {
      case 'show': {
        const p = this.engine.passage(action.passageId);
        if (!p || !set.chat) return [this.ack(inbound, STALE_CHOICE)];
        const answer = this.offerAnswer(p, set.question ?? p.title, set.chat, set.messageId, set.quote);
        this.memory.setPending(this.who(inbound), answer.key);
        return [{ to: set.chat, replyTo: set.messageId, replyQuote: set.quote, message: passageMessage(p, set.question), ...this.choicesOf(answer) }];
      }
      case 'feedback': {
        if (!this.memory.vote(set, inbound.sender.id)) return [this.ack(inbound, ALREADY_RATED)];
        await this.desk.recordFeedback({
          platform: inbound.chat.platform,
          userId: inbound.sender.id,
          passageId: set.passageId ?? 'unknown',
          question: set.question,
          helpful: action.helpful,
        });
        if (action.helpful) return [this.ack(inbound, THANKS_FOR_RATING)];
        return this.escalateChoice(inbound, set);
      }
      case 'escalate':
        return this.escalateChoice(inbound, set);
      case 'ticket':
        return this.ticketAction(inbound, action.action, { id: action.ticketId });
      case 'import':
        return this.answerImport(inbound, set, action.confirm);
      case 'custom': {
        const run = this.choiceHandlers.get(action.handler);
        return run ? run(inbound, { index, data: action.data }) : [this.ack(inbound, STALE_CHOICE, true)];
      }
    }
  }

  // ── Documents ──────────────────────────────────────────────────────────────

  /** An admin's document: read it, show what was found, and wait for "Thêm vào kho". */
  private async importDocument(inbound: Inbound, file: NonNullable<Inbound['file']>): Promise<Outbound[]> {
    if ((await this.roleOf(inbound)) !== 'admin') {
      this.log.warn({ platform: inbound.chat.platform, userId: inbound.sender.id, file: file.name }, 'document import refused: not an admin');
      return [this.reply(inbound, DOCUMENT_TEXTS.notAdmin)];
    }
    const read = await readImport(file, this.engine.knowledgeDir, this.importLimits, (o, m) => this.log.warn(o, m));
    if (!read.ok) return [this.reply(inbound, read.text)];
    const set = this.memory.offer({ actions: [{ kind: 'import', confirm: true }, { kind: 'import', confirm: false }], keys: [undefined, undefined], chat: inbound.chat });
    this.imports.add(set.key, read.prepared);
    this.log.info({ file: file.name, number: read.prepared.meta.number, target: read.prepared.relativePath }, 'document read; waiting for confirmation');
    return [this.reply(inbound, read.summary, this.choicesOf(set, ['Thêm vào kho', 'Hủy']))];
  }

  private async answerImport(inbound: Inbound, set: ChoiceSet, confirm: boolean): Promise<Outbound[]> {
    if ((await this.roleOf(inbound)) !== 'admin') return [this.ack(inbound, DOCUMENT_TEXTS.notAdminButton, true)];
    const prepared = this.imports.take(set.key);
    if (!prepared) return [this.ack(inbound, DOCUMENT_TEXTS.expired, true)];
    if (!confirm) return [this.ack(inbound, 'Đã hủy.'), this.reply(inbound, DOCUMENT_TEXTS.cancelled)];
    return [this.ack(inbound, DOCUMENT_TEXTS.adding), this.reply(inbound, await commitAndReload(prepared, this.engine, this.log))];
  }

  /** "Hỏi cán bộ hỗ trợ": the question behind the choices goes to a person, with the bot's guesses. */
  private async escalateChoice(inbound: Inbound, set: ChoiceSet): Promise<Outbound[]> {
    if (!set.question || !set.chat) return [this.ack(inbound, STALE_CHOICE)];
    this.memory.setPending(this.who(inbound), undefined);
    const guessIds = set.passageId ? [set.passageId] : set.actions.flatMap((a) => (a.kind === 'show' ? [a.passageId] : []));
    const guesses = guessIds.map((id) => this.engine.passage(id)).filter((p): p is Passage => p !== undefined);
    const { ticket, joined, outs } = await this.escalate(set.question, this.askerOf(inbound, set.chat, set.messageId, set.quote), guesses, inbound);
    const told: Outbound = { to: set.chat, replyTo: set.messageId, replyQuote: set.quote, message: text(escalatedByChoice(ticket.id, joined)) };
    return [...(inbound.choice ? [this.ack(inbound, `Đã chuyển đến cán bộ hỗ trợ (phiếu #${ticket.id}).`)] : []), ...outs, told];
  }

  // ── The desk ───────────────────────────────────────────────────────────────

  private originOf(inbound: Inbound): Origin {
    return { platform: inbound.chat.platform, chatId: inbound.chat.id };
  }

  private personOf(inbound: Inbound): Person {
    return { platform: inbound.chat.platform, id: inbound.sender.id, name: inbound.sender.name };
  }

  /** Opens a ticket (or joins the pending one for the same question); posts it in every moderators' chat. */
  async escalate(question: string, asker: Asker, guesses: Passage[], inbound: Inbound): Promise<{ ticket: Ticket; joined: boolean; outs: Outbound[] }> {
    const before = this.desk.pending().find((t) => t.questionKey === this.questionKey(question))?.askers.length;
    const { ticket, joined } = await this.desk.escalate({
      question,
      questionKey: this.questionKey(question),
      asker,
      candidates: guesses.map((p) => ({ id: p.id, title: p.title })),
    });
    this.log.info({ ticket: ticket.id, joined, platform: asker.platform }, 'escalated');
    const origin = this.originOf(inbound);
    if (!joined) return { ticket, joined, outs: this.emit({ type: 'ticket.opened', ticket, origin }) };
    // Someone new asking the same: the posts show one more asker.
    const outs = before !== ticket.askers.length ? this.emit({ type: 'ticket.changed', ticket, origin, change: 'joined' }) : [];
    return { ticket, joined, outs };
  }

  /** Folded content words in order of the question: the same question gets the same key. */
  questionKey(question: string): string {
    const concepts = this.engine.index.analyzer.concepts(question);
    return concepts.map((c) => c.alternatives[0]!.map((t) => t.folded).join(' ')).join(' ');
  }

  /** A reply to a ticket post or to a prompt: a moderator's answer, or a reason for dismissing. */
  private async deskReply(inbound: Inbound): Promise<Outbound[] | undefined> {
    const r = inbound.replyTo;
    if (!r?.fromBot) return undefined;
    const platform = inbound.chat.platform;
    const posted = this.desk.findByPost(platform, inbound.chat.id, r.messageId);
    const answering = ANSWER_PROMPT.exec(r.text ?? '');
    const dismissing = DISMISS_PROMPT.exec(r.text ?? '');
    // A ticket post the store has no record of (lost in a crash, or a store set aside): its text names the ticket.
    // (Only a post's own first line counts: a note "Phiếu #12 đã được trả lời…" is not a post.)
    const lost = !posted && !answering && !dismissing && this.inModeratorsChat(inbound) && TICKET_POST_HEAD.test(r.text ?? '') ? refInPost(r.text ?? '') : undefined;
    if (!posted && !answering && !dismissing && !lost) return undefined;
    const check = await this.allowed(inbound, 'moderator');
    if (!check.ok) return [check.refusal];
    const body = inbound.nonText ? '' : inbound.text.trim();
    if (dismissing && !posted) return this.dismissTicket(inbound, { id: Number(dismissing[1]), nonce: dismissing[2] }, body && body !== '-' ? body : undefined);
    if (!body) return [this.reply(inbound, TEXT_ONLY_ANSWER)];
    let ref: TicketRef;
    if (posted) ref = { id: posted.id, nonce: posted.nonce };
    else if (answering) ref = { id: Number(answering[1]), nonce: answering[2] };
    else {
      ref = lost!;
      const found = this.desk.resolve(ref);
      if ('error' in found) return [this.reply(inbound, deskErrorText(found.error, ref.id))];
      // adopt the post, so the ticket's next change edits it too
      await this.desk
        .attachPosts(ref.id, [{ platform, chatId: inbound.chat.id, messageId: r.messageId, part: 0 }])
        .catch((e: Error) => this.log.warn({ ticket: ref.id, err: e.message }, 'could not record a found ticket post'));
    }
    return this.answerTicket(inbound, ref, body);
  }

  private async ticketAction(inbound: Inbound, action: (typeof TICKET_ACTIONS)[keyof typeof TICKET_ACTIONS], ref: TicketRef): Promise<Outbound[]> {
    const check = await this.allowed(inbound, 'moderator');
    if (!check.ok) return [check.refusal];
    // a button of a ticket the store no longer has (or of another ticket with the same number): act on nothing
    const found = this.desk.resolve(ref);
    if ('error' in found) return [this.ack(inbound, deskErrorText(found.error, ref.id), true)];
    const ticket = found.ticket;
    if (action !== 'promote' && ticket.status !== 'pending') {
      return [this.ack(inbound, deskErrorText(ticket.status === 'answered' ? 'already_answered' : 'already_dismissed', ref.id), true)];
    }
    switch (action) {
      case 'answer':
        return [this.reply(inbound, answerPrompt(ticket, inbound.sender.name), { expectReply: true })];
      case 'dismiss':
        return [this.reply(inbound, dismissPrompt(ticket, inbound.sender.name), { choices: [{ id: `t:x:${ticketRefData(ticket)}`, label: 'Bỏ qua, không ghi lý do' }] })];
      case 'dismissNow':
        return this.dismissTicket(inbound, ref, undefined);
      case 'promote':
        return this.promote(inbound, ref.id);
    }
  }

  /** Records a moderator's answer and sends it to every asker, on their own platform. */
  async answerTicket(inbound: Inbound, ref: number | TicketRef, answer: string): Promise<Outbound[]> {
    const id = typeof ref === 'number' ? ref : ref.id;
    const r = await this.desk.answer(ref, answer, this.personOf(inbound));
    if (!r.ok) return [this.ack(inbound, deskErrorText(r.error, id))];
    const { outs, delivered, failed } = this.toAskers(r.ticket, moderatorAnswerMessage(r.ticket));
    return [...outs, this.ack(inbound, answeredText(id, delivered, failed)), ...this.emit({ type: 'ticket.changed', ticket: r.ticket, origin: this.originOf(inbound), change: 'answered' })];
  }

  async dismissTicket(inbound: Inbound, ref: number | TicketRef, reason: string | undefined): Promise<Outbound[]> {
    const id = typeof ref === 'number' ? ref : ref.id;
    const r = await this.desk.dismiss(ref, this.personOf(inbound), reason);
    if (!r.ok) return [this.ack(inbound, deskErrorText(r.error, id))];
    const { outs } = this.toAskers(r.ticket, dismissedMessage(r.ticket));
    return [...outs, this.ack(inbound, dismissedText(r.ticket)), ...this.emit({ type: 'ticket.changed', ticket: r.ticket, origin: this.originOf(inbound), change: 'dismissed' })];
  }

  private toAskers(ticket: Ticket, message: Message): { outs: Outbound[]; delivered: number; failed: number } {
    const outs: Outbound[] = [];
    let failed = 0;
    for (const a of ticket.askers) {
      if (!this.sinks.has(a.platform)) {
        failed++;
        this.log.warn({ ticket: ticket.id, platform: a.platform }, 'no running channel for this asker; answer kept on the ticket');
        continue;
      }
      outs.push({
        to: { platform: a.platform, id: a.chatId, kind: a.chatKind, title: a.chatTitle, topic: a.threadId },
        replyTo: a.messageId,
        replyQuote: a.zaloQuote,
        mention: a.chatKind === 'group' ? { id: a.userId, name: a.userName } : undefined,
        message,
      });
    }
    return { outs, delivered: outs.length, failed };
  }

  /** Turns an answered ticket into an FAQ entry and reloads; a file that fails validation is removed again. */
  async promote(inbound: Inbound, id: number): Promise<Outbound[]> {
    const ticket = this.desk.get(id);
    const refuse = (why: string) => [this.reply(inbound, why)];
    if (!ticket) return refuse(`Không có phiếu #${id}.`);
    if (ticket.status !== 'answered') return refuse(`Phiếu #${id} chưa được trả lời nên chưa thể thêm vào FAQ.`);
    if (ticket.faqId) return refuse(`Phiếu #${id} đã được thêm vào FAQ (${ticket.faqId}).`);
    // Loaded here, not at start: promoting is rare and brings `yaml` to write the entry.
    const { faqFileFor, writeFaqFile } = await import('../desk/promote.js');
    const file = faqFileFor(ticket);
    let reload: ReloadResult;
    try {
      // write → reload → undo on a refused reload, behind the engine's lock
      reload = await this.engine.change(async () => {
        const full = await writeFaqFile(this.engine.knowledgeDir, file);
        return () => rm(full, { force: true });
      });
    } catch (e) {
      this.log.error({ ticket: id, err: (e as Error).message }, 'FAQ file not written');
      return refuse(`Không ghi được tệp FAQ (${(e as Error).message}). Không có gì thay đổi; hãy thử lại sau.`);
    }
    if (!reload.ok) return refuse(`Không thêm được: ${reload.errors.map((e) => `${path.basename(e.file)}:${e.line} ${e.reason}`).join('; ')}`);
    await this.desk.markPromoted(id, file.id);
    this.log.info({ ticket: id, faq: file.id }, 'promoted to FAQ');
    const promoted = this.desk.get(id)!;
    return [
      this.reply(inbound, promotedText(id, file.id, reload.passageCount)),
      ...this.emit({ type: 'ticket.changed', ticket: promoted, origin: this.originOf(inbound), change: 'promoted' }),
    ];
  }

  async reload(): Promise<ReloadResult> {
    const result = await this.engine.reload();
    if (result.ok) this.log.info({ ...result }, 'knowledge reloaded');
    else this.log.warn({ errors: result.errors.length }, 'knowledge reload refused; previous index kept');
    return result;
  }

  // ── Events ─────────────────────────────────────────────────────────────────

  /** Tells the listeners; returns what every moderators' chat should show of it. */
  private emit(e: TicketEvent): Outbound[] {
    this.publish(e);
    return this.board.outbounds(e, this.sinks.values());
  }

  /** Warns the people running the bot on every channel: in its moderators' chat, else each admin privately. */
  async alertAdmins(warning: string): Promise<void> {
    const message: Message = { paragraphs: [[bold('⚠️ Cảnh báo vận hành: '), plain(warning)]] };
    const outs: Outbound[] = [];
    for (const sink of this.sinks.values()) {
      if (sink.moderatorsChat) outs.push({ to: sink.moderatorsChat, message });
      else for (const id of this.admins[sink.platform] ?? []) outs.push({ to: { platform: sink.platform, id, kind: 'private' }, message });
    }
    await this.dispatch(outs);
  }
}

