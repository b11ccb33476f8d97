import { toPlainText } from '../../answer/message.js';
import type { ClosedRound, OpenedRound, QuizPort } from '../../quiz/service.js';
import { itemText } from '../../quiz/texts.js';
import type { RoundPost } from '../../quiz/types.js';

/**
 * Rounds in the terminal: items printed as text with A/B/C/D, answered by typing the letter
 * (the console has one person and no replies, so answers go to the oldest unanswered item).
 */
export class ConsoleQuizPort implements QuizPort {
  private next = 1;
  constructor(private readonly print: (text: string) => void) {}

  async postRound({ intro, items }: OpenedRound): Promise<RoundPost[]> {
    this.print(toPlainText(intro));
    return items.map((item, i) => {
      this.print(toPlainText(itemText(item, i, items.length)).replace(/\n\n[^\n]*$/, ''));
      return { itemId: item.id, messageId: `console-${this.next++}` };
    });
  }

  async closeRound({ message }: ClosedRound): Promise<void> {
    this.print(toPlainText(message));
  }
}
