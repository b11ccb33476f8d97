import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Assistant, ChannelPort } from '../../app/assistant.js';
import { deskErrorText, pendingMessage, reloadMessage, statsMessage } from '../../app/texts.js';
import { escalatedText, passageMessage } from '../../answer/reply.js';
import { toPlainText, type Message } from '../../answer/message.js';
import type { Passage } from '../../knowledge/types.js';
import type { Asker, Person } from '../../store/store.js';

const HELP = [
  'Gõ câu hỏi rồi nhấn Enter. Lệnh:',
  '  /hangdoi                 các câu hỏi đang chờ cán bộ hỗ trợ',
  '  /traloi <số> <nội dung>  trả lời một phiếu (vai trò cán bộ hỗ trợ)',
  '  /boqua <số> [lý do]      bỏ qua một phiếu',
  '  /themfaq <số>            đưa câu trả lời của phiếu vào kho FAQ',
  '  /reload                  nạp lại kho tri thức',
  '  /thongke                 thống kê',
  '  /thoat                   thoát',
].join('\n');

/**
 * Terminal chat for trying the bot locally: the same assistant as on Telegram and Zalo,
 * with the user playing both the official and the moderator.
 */
export class ConsoleChannel implements ChannelPort {
  readonly platform = 'console' as const;
  private lastSuggestions: Passage[] = [];
  /** the question those suggestions were for: "0" sends it to a person */
  private lastQuestion = '';
  private readonly me: Person = { platform: 'console', id: 'local', name: 'Bạn (console)' };

  constructor(
    private readonly assistant: Assistant,
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
  ) {}

  private print(text: string): void {
    this.output.write(text + '\n');
  }

  private show(m: Message): void {
    this.print(toPlainText(m));
  }

  async deliver(_to: Asker, message: Message): Promise<void> {
    this.print(`\n🔔 ${toPlainText(message)}\n`);
  }

  /** Runs until the input ends or the user types /thoat. */
  async run(): Promise<void> {
    const rl = readline.createInterface({ input: this.input, terminal: false });
    const { passages } = this.assistant.engine.knowledge;
    this.print(`congvu-bot: trợ lý văn hóa công vụ (${passages.length} đoạn tra cứu). ${HELP}\n`);
    for await (const line of rl) {
      const text = line.trim();
      if (!text) continue;
      if (text === '/thoat' || text === '/exit' || text === '/quit') break;
      try {
        await this.handle(text);
      } catch (e) {
        this.print(`Lỗi: ${(e as Error).message}`);
      }
    }
    rl.close();
  }

  async handle(text: string): Promise<void> {
    const [command, ...rest] = text.split(/\s+/);
    const id = Number(rest[0]);
    switch (command) {
      case '/help':
      case '/start':
        return this.print(HELP);
      case '/hangdoi':
        return this.show(pendingMessage(this.assistant.desk.pending()));
      case '/traloi': {
        const answer = rest.slice(1).join(' ');
        if (!Number.isInteger(id) || !answer) return this.print('Cú pháp: /traloi <số phiếu> <nội dung trả lời>');
        const r = await this.assistant.answerTicket(id, answer, this.me);
        return this.print(r.ok ? `Đã trả lời phiếu #${id} và gửi cho ${r.delivered} người hỏi.` : deskErrorText(r.error, id));
      }
      case '/boqua': {
        if (!Number.isInteger(id)) return this.print('Cú pháp: /boqua <số phiếu> [lý do]');
        const r = await this.assistant.dismissTicket(id, this.me, rest.slice(1).join(' '));
        return this.print(r.ok ? `Đã bỏ qua phiếu #${id}.` : deskErrorText(r.error, id));
      }
      case '/themfaq': {
        if (!Number.isInteger(id)) return this.print('Cú pháp: /themfaq <số phiếu>');
        const r = await this.assistant.promote(id);
        return this.print(r.ok ? `Đã thêm FAQ "${r.faqId}" và nạp lại kho (${r.reload.passageCount} đoạn).` : r.reason);
      }
      case '/reload':
        return this.show(reloadMessage(await this.assistant.reload()));
      case '/thongke':
        return this.show(statsMessage(this.assistant.desk.stats()));
    }
    const choice = Number(text);
    if (Number.isInteger(choice) && choice >= 1 && choice <= this.lastSuggestions.length) {
      return this.show(passageMessage(this.lastSuggestions[choice - 1]!));
    }
    const asker: Asker = {
      platform: 'console',
      chatId: 'console',
      chatKind: 'private',
      userId: 'local',
      userName: 'Người dùng console',
      askedAt: new Date().toISOString(),
    };
    if (choice === 0 && this.lastSuggestions.length > 0) {
      const { ticket, joined } = await this.assistant.escalate(this.lastQuestion, asker);
      this.lastSuggestions = [];
      return this.print(escalatedText({ status: 'escalated', suggestions: [], score: 0, reason: 'no_match', reasons: ['no_match'] }, ticket.id, joined));
    }
    const outcome = await this.assistant.ask(text, asker, {
      howToPick: 'Gõ số thứ tự để xem câu trả lời, gõ 0 nếu không có câu nào đúng để chuyển cán bộ hỗ trợ, hoặc hỏi lại rõ hơn.',
    });
    this.lastSuggestions = outcome.decision.status === 'suggested' ? outcome.decision.suggestions : [];
    this.lastQuestion = text;
    this.show(outcome.message);
    this.print('');
  }
}
