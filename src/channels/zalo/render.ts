import { TextStyle, type Style } from 'zca-js';
import { splitMessage, type Message } from '../../answer/message.js';

/** Longest text sent in one Zalo message; other Zalo integrations chunk at 2,000 characters. */
export const ZALO_TEXT_LIMIT = 1900;

export interface ZaloText {
  msg: string;
  styles: Style[];
}

/** One message's text with Zalo styles for its bold and italic spans. */
export function renderText(m: Message, prefix = ''): ZaloText {
  let msg = prefix;
  const styles: Style[] = [];
  m.paragraphs.forEach((p, i) => {
    if (i > 0) msg += '\n\n';
    for (const span of p) {
      if (span.text.length > 0) {
        if (span.bold) styles.push({ start: msg.length, len: span.text.length, st: TextStyle.Bold });
        if (span.italic) styles.push({ start: msg.length, len: span.text.length, st: TextStyle.Italic });
      }
      msg += span.text;
    }
  });
  return { msg, styles };
}

/**
 * A message as Zalo texts under the limit, split at paragraphs, then sentence ends;
 * `prefix` (an @mention) opens the first part and counts towards its length.
 */
export function renderParts(m: Message, prefix = '', limit = ZALO_TEXT_LIMIT): ZaloText[] {
  return splitMessage(m, limit - prefix.length).map((part, i) => renderText(part, i === 0 ? prefix : ''));
}
