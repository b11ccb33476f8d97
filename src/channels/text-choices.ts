import { plain, type Message } from '../answer/message.js';
import type { Choice } from '../app/types.js';

/** "1. Đeo thẻ khi làm việc", "👍 Hữu ích", "0. Hỏi cán bộ hỗ trợ": what to type, then what it means. */
export function choiceLine(c: Choice & { key: string }): string {
  return /^(\d+|[A-D])$/.test(c.key) ? `${c.key}. ${c.label}` : `${c.key} ${c.label}`;
}

/**
 * Choices where there are no buttons: the typed ones as lines under the message, then how
 * to answer (the channel's own words: "gõ", or "trả lời tin nhắn này" in a group).
 * Button-only choices (no key) are left out: the message already says how to do the same by typing.
 */
export interface HowToPick {
  /** under a numbered list */
  list: string;
  /** under 👍 / 👎 / 0 */
  rate: string;
  /** under a quiz item's A / B / C / D */
  letter?: string;
}

export function withChoiceLines(message: Message, choices: Choice[] | undefined, howToPick: HowToPick): Message {
  const typed = (choices ?? []).filter((c): c is Choice & { key: string } => c.key !== undefined);
  if (typed.length === 0) return message;
  const letters = typed.every((c) => /^[A-D]$/.test(c.key));
  const list = letters || typed.some((c) => /^[1-9]/.test(c.key));
  const lines = list ? typed.map(choiceLine).join('\n') : typed.map(choiceLine).join(' · ');
  const how = letters ? (howToPick.letter ?? 'Gõ chữ cái của phương án để trả lời.') : list ? howToPick.list : howToPick.rate;
  return { paragraphs: [...message.paragraphs, [plain(lines)], [plain(how)]] };
}
