import type { InlineKeyboardMarkup } from 'grammy/types';
import { paragraphText, splitMessage, type Message, type Span } from '../../answer/message.js';

/** Telegram's limit for one text message, counted after entity parsing (i.e. on the plain text). */
export const TEXT_LIMIT = 4096;

/** The three characters Telegram's HTML parse mode requires escaped in text. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function spanHtml(span: Span): string {
  if (!span.text) return '';
  let html = escapeHtml(span.text);
  if (span.italic) html = `<i>${html}</i>`;
  if (span.bold) html = `<b>${html}</b>`;
  return html;
}

/** One message as Telegram HTML: paragraphs separated by a blank line. */
export function renderHtml(message: Message): string {
  return message.paragraphs
    .map((p) => p.map(spanHtml).join(''))
    .filter((p) => p.trim().length > 0)
    .join('\n\n');
}

/**
 * A message as the HTML texts of consecutive Telegram messages, each at most `limit`
 * characters once Telegram has parsed the HTML: split at paragraph boundaries first,
 * then at sentence ends, then at spaces (see splitMessage).
 */
export function renderParts(message: Message, limit = TEXT_LIMIT): string[] {
  return splitMessage(message, limit)
    .filter((m) => m.paragraphs.some((p) => paragraphText(p).trim().length > 0))
    .map(renderHtml);
}

/**
 * A message shortened to fit one Telegram message: the longest spans are cut with "…"
 * until the plain text fits. For posts that are edited in place (ticket posts).
 */
export function fitMessage(message: Message, limit = TEXT_LIMIT): Message {
  const paragraphs = message.paragraphs.map((p) => p.map((s) => ({ ...s })));
  const size = () => paragraphs.map(paragraphText).join('\n\n').length;
  let excess = size() - limit;
  while (excess > 0) {
    const longest = paragraphs.flat().reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const keep = Math.max(0, longest.text.length - excess - 1);
    longest.text = longest.text.slice(0, keep).trimEnd() + '…';
    const next = size() - limit;
    if (next >= excess) break; // nothing left to cut
    excess = next;
  }
  return { paragraphs };
}

export const NO_BUTTONS: InlineKeyboardMarkup = { inline_keyboard: [] };

/** Telegram allows at most 64 bytes of callback data per button. */
export const CALLBACK_DATA_LIMIT = 64;

export function button(text: string, data: string): { text: string; callback_data: string } {
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) throw new Error(`callback data quá dài: ${data}`);
  return { text: text.length > 60 ? `${text.slice(0, 59)}…` : text, callback_data: data };
}
