/**
 * A channel-neutral formatted message: paragraphs of text spans. Channels render it
 * (Telegram: HTML with escaping, Zalo: text styles, console: plain text), so no
 * channel ever has to parse Markdown or escape someone else's markup.
 */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Paragraph = Span[];

export interface Message {
  paragraphs: Paragraph[];
}

export function plain(text: string): Span {
  return { text };
}

export function bold(text: string): Span {
  return { text, bold: true };
}

export function italic(text: string): Span {
  return { text, italic: true };
}

/** Paragraph text with formatting dropped. */
export function paragraphText(p: Paragraph): string {
  return p.map((s) => s.text).join('');
}

/** The message as plain text, paragraphs separated by a blank line. */
export function toPlainText(m: Message): string {
  return m.paragraphs.map(paragraphText).join('\n\n');
}

/**
 * The small Markdown subset used in answers: paragraphs, "- " list items and **bold**.
 * Anything else (HTML included) stays literal text, to be escaped by the channel.
 */
export function fromMarkdown(markdown: string): Paragraph[] {
  const blocks = markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return blocks.map((block) =>
    block
      .split('\n')
      .map((line) => line.trim().replace(/^[-*+]\s+/, '• '))
      .join('\n'),
  ).map(inlineSpans);
}

function inlineSpans(text: string): Paragraph {
  const spans: Span[] = [];
  const re = /\*\*(.+?)\*\*/gs;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) spans.push(plain(text.slice(last, m.index)));
    spans.push(bold(m[1]!));
    last = m.index! + m[0].length;
  }
  if (last < text.length) spans.push(plain(text.slice(last)));
  return spans;
}

/**
 * Splits a message into parts of at most `limit` characters (as plain text), at paragraph
 * boundaries first, then at sentence ends, then at spaces; spans keep their formatting.
 */
export function splitMessage(m: Message, limit: number): Message[] {
  const pieces: Paragraph[] = m.paragraphs.flatMap((p) => splitParagraph(p, limit));
  const parts: Message[] = [];
  let current: Paragraph[] = [];
  let length = 0;
  for (const p of pieces) {
    const size = paragraphText(p).length;
    const added = current.length === 0 ? size : length + 2 + size;
    if (current.length > 0 && added > limit) {
      parts.push({ paragraphs: current });
      current = [p];
      length = size;
    } else {
      current.push(p);
      length = added;
    }
  }
  if (current.length > 0) parts.push({ paragraphs: current });
  return parts;
}

function splitParagraph(p: Paragraph, limit: number): Paragraph[] {
  const text = paragraphText(p);
  if (text.length <= limit) return [p];
  const cuts: number[] = [];
  let start = 0;
  while (text.length - start > limit) {
    const window = text.slice(start, start + limit);
    const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '), window.lastIndexOf('\n'));
    const space = window.lastIndexOf(' ');
    const cut = sentence > limit * 0.4 ? sentence + 1 : space > limit * 0.4 ? space : limit;
    cuts.push(start + cut);
    start += cut;
    while (text[start] === ' ' || text[start] === '\n') start++;
  }
  const ranges: [number, number][] = [];
  let from = 0;
  for (const c of cuts) {
    ranges.push([from, c]);
    from = c;
    while (text[from] === ' ' || text[from] === '\n') from++;
  }
  ranges.push([from, text.length]);
  return ranges.map(([a, b]) => sliceSpans(p, a, b)).filter((x) => paragraphText(x).trim().length > 0);
}

function sliceSpans(p: Paragraph, from: number, to: number): Paragraph {
  const out: Span[] = [];
  let pos = 0;
  for (const s of p) {
    const a = Math.max(from, pos);
    const b = Math.min(to, pos + s.text.length);
    if (a < b) out.push({ ...s, text: s.text.slice(a - pos, b - pos) });
    pos += s.text.length;
  }
  if (out.length > 0) out[out.length - 1] = { ...out[out.length - 1]!, text: out[out.length - 1]!.text.trimEnd() };
  return out;
}
