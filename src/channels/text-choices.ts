import { plain, type Message } from '../answer/message.js';
import type { Choice } from '../app/types.js';

/** "1. Đeo thẻ khi làm việc", "0. Hỏi cán bộ hỗ trợ": what to type, then what it means. */
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
  /** how to send one of 👍 / 👎 / 0 ("Gõ"): the one line under an answer names each key with its meaning */
  rate: string;
  /** under a quiz item's A / B / C / D */
  letter?: string;
}

/** "Gõ 👍 (hữu ích), 👎 (chưa đúng) hoặc 0 (hỏi cán bộ hỗ trợ).": keys and meanings said once, in one sentence. */
function rateLine(how: string, typed: (Choice & { key: string })[]): string {
  const parts = typed.map((c) => `${c.key} (${c.label.charAt(0).toLocaleLowerCase('vi') + c.label.slice(1)})`);
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} hoặc ${parts.at(-1)}` : parts[0];
  return `${how} ${listed}.`;
}

export function withChoiceLines(message: Message, choices: Choice[] | undefined, howToPick: HowToPick): Message {
  const typed = (choices ?? []).filter((c): c is Choice & { key: string } => c.key !== undefined);
  if (typed.length === 0) return message;
  const letters = typed.every((c) => /^[A-D]$/.test(c.key));
  const list = letters || typed.some((c) => /^[1-9]/.test(c.key));
  if (!list) return { paragraphs: [...message.paragraphs, [plain(rateLine(howToPick.rate, typed))]] };
  const how = letters ? (howToPick.letter ?? 'Gõ chữ cái của phương án để trả lời.') : howToPick.list;
  return { paragraphs: [...message.paragraphs, [plain(typed.map(choiceLine).join('\n'))], [plain(how)]] };
}
