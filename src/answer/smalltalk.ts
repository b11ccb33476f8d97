import { fold, words } from '../text/vietnamese.js';
import { stripAddressing, type Analyzer, type SmalltalkPhraseKind } from '../text/analyzer.js';

export type SmalltalkKind = 'empty' | 'no_text' | 'emoji' | SmalltalkPhraseKind;

/** Laughter and stretched "ok" as typed in chat: hihi, haha, hehe, kkk, hic, okkk, okeee. */
const LAUGH_OR_OK = /^(?:(?:h[aeiou]){2,}h?|k{2,}|hi[cx]+|huhu|ok+|oke+|okie+)$/;

/**
 * Recognises greetings, thanks, acknowledgements and requests for help (phrases of the
 * lexicon's `smalltalk`), which get a short polite reply and never a ticket. Returns undefined
 * for anything that looks like a question: every word must be small talk or a filler around it.
 */
export function detectSmalltalk(text: string, talk: Analyzer['smalltalk']): SmalltalkKind | undefined {
  const stripped = stripAddressing(text);
  if (!text.trim()) return 'empty';
  const typed = words(stripped);
  // 👍, 🙏, ❤️: a reaction typed as a message is small talk, never a question.
  if (typed.length === 0) return !stripped ? 'empty' : /\p{Extended_Pictographic}/u.test(stripped) ? 'emoji' : 'no_text';
  if (typed.length > 8) return undefined;
  const tokens = typed.map(fold);
  let kind: SmalltalkKind | undefined;
  for (let i = 0; i < tokens.length; ) {
    const found = matchAt(talk.phrases, tokens, i);
    if (found) {
      // Help outranks greetings: "chào bot, hướng dẫn" asks for help.
      if (!kind || found.kind === 'help' || (kind === 'ack' && found.kind !== 'ack')) kind = found.kind;
      i += found.length;
    } else if (LAUGH_OR_OK.test(tokens[i]!)) {
      kind ??= 'ack';
      i++;
    } else if (talk.fillers.has(tokens[i]!)) i++;
    else return undefined;
  }
  return kind ?? undefined;
}

/** The longest small talk phrase starting at a word. */
function matchAt(phrases: Analyzer['smalltalk']['phrases'], tokens: string[], start: number): { kind: SmalltalkPhraseKind; length: number } | undefined {
  let best: { kind: SmalltalkPhraseKind; length: number } | undefined;
  for (const { kind, words: parts } of phrases) {
    if (parts.every((p, j) => tokens[start + j] === p) && (!best || parts.length > best.length)) best = { kind, length: parts.length };
  }
  return best;
}

/**
 * The question without the small talk it opens with: "cảm ơn ad, cho em hỏi đeo thẻ…" asks about
 * badges; the thanks is no word of the question. Only whole clauses (up to a comma, a full
 * stop…) that are small talk by themselves are dropped; a message that is small talk alone stays.
 */
export function withoutSmalltalkOpening(text: string, talk: Analyzer['smalltalk']): string {
  const clause = /^\s*([^,.;:!?\n]+)[,.;:!?\n]+/u;
  let rest = text;
  for (let m = clause.exec(rest); m; m = clause.exec(rest)) {
    const kind = detectSmalltalk(m[1]!, talk);
    if (!kind || kind === 'help' || kind === 'empty' || kind === 'no_text' || !rest.slice(m[0].length).trim()) break;
    rest = rest.slice(m[0].length);
  }
  return rest;
}
