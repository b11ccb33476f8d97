import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { toPlainText } from '../../answer/message.js';
import type { Conversation } from '../../app/conversation.js';
import type { ChannelSink, ChatRef, Outbound } from '../../app/types.js';
import { withChoiceLines } from '../text-choices.js';

export const CONSOLE_CHAT: ChatRef = { platform: 'console', id: 'console', kind: 'private' };
const CHAT = CONSOLE_CHAT;
/** The person at the terminal: an admin (CONSOLE_ADMIN in main), so the whole desk can be tried. */
export const CONSOLE_USER = { id: 'local', name: 'Bạn (console)' };

const HOW_TO_PICK = {
  list: 'Gõ số thứ tự để xem câu trả lời, hoặc hỏi lại rõ hơn.',
  rate: 'Gõ',
};

/**
 * Terminal chat for trying the bot locally: lines in, the core's replies printed as plain
 * text with choices as numbered lines. The person typing plays the official, the
 * moderator and the admin; the core decides everything.
 */
export class ConsoleChannel implements ChannelSink {
  readonly platform = 'console' as const;
  readonly editsPosts = false;
  private seq = 0;

  constructor(
    private readonly core: Conversation,
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
  ) {}

  async send(out: Outbound): Promise<string[]> {
    this.output.write(toPlainText(withChoiceLines(out.message, out.choices, HOW_TO_PICK)) + '\n\n');
    return [String(++this.seq)];
  }

  /** One line typed at the prompt. */
  async line(text: string): Promise<void> {
    await this.core.receive({ chat: CHAT, sender: CONSOLE_USER, messageId: `in-${++this.seq}`, text, addressed: true });
  }

  /** Runs until the input ends or the user types /thoat (quitting is the terminal's own business). */
  async run(): Promise<void> {
    const rl = readline.createInterface({ input: this.input, output: this.output, terminal: false });
    rl.setPrompt('> ');
    const k = this.core.engine.knowledge;
    this.output.write(`congvu-bot: trợ lý văn hóa công vụ (${k.faqCount} câu hỏi đáp, ${k.regulationCount} văn bản). Gõ câu hỏi rồi Enter; /help: các lệnh; /thoat: thoát.\n\n`);
    rl.prompt();
    for await (const line of rl) {
      const text = line.trim();
      if (text === '/thoat' || text === '/exit' || text === '/quit') break;
      if (text) {
        try {
          await this.line(text);
        } catch (e) {
          this.output.write(`Lỗi: ${(e as Error).message}\n\n`);
        }
      }
      rl.prompt();
    }
    rl.close();
  }
}
