import { fold, words } from '../text/vietnamese.js';
import { stripAddressing } from '../text/analyzer.js';

export type SmalltalkKind = 'empty' | 'no_text' | 'emoji' | 'greeting' | 'thanks' | 'ack' | 'bye' | 'help';

/** Folded phrases that make up small talk, by kind. Longer phrases first within a kind. */
const PHRASES: Record<Exclude<SmalltalkKind, 'empty' | 'no_text' | 'emoji'>, string[]> = {
  greeting: ['xin chao', 'chao buoi sang', 'chao buoi chieu', 'chao', 'hello', 'hi', 'alo', 'helo', 'hey'],
  thanks: ['cam on nhieu', 'cam on', 'cam ong', 'thank you', 'thanks', 'thank', 'tks', 'thx', 'camon', 'cmon'],
  ack: ['da ro', 'ro roi', 'hieu roi', 'duoc roi', 'ok', 'oke', 'okay', 'okie', 'oki', 'okela', 'oce', 'vang', 'uh', 'uk', 'um', 'u', 'da', 'ok e'],
  bye: ['tam biet', 'bye', 'goodbye', 'hen gap lai'],
  help: ['huong dan', 'help', 'tro giup', 'ban biet gi', 'bot biet gi', 'hoi gi duoc', 'lam gi duoc', 'giup gi'],
};
/** Words that may surround small talk without making it a question. */
const FILLER = new Set(['bot', 'ban', 'ad', 'admin', 'a', 'nhe', 'nha', 'nhieu', 'lam', 'qua', 'em', 'anh', 'chi', 'moi', 'nguoi', 'mn', 'oi', 'ne', 'nhe', 'nhi', 'the', 'vay', 'roi', 'ca', 'nha']);

/** Laughter and stretched "ok" as typed in chat: hihi, haha, hehe, kkk, hic, okkk, okeee. */
const LAUGH_OR_OK = /^(?:(?:h[aeiou]){2,}h?|k{2,}|hi[cx]+|huhu|ok+|oke+|okie+)$/;

/**
 * Recognises greetings, thanks, acknowledgements and requests for help, which get a
 * short polite reply and never a ticket. Returns undefined for anything that looks like a question.
 */
export function detectSmalltalk(text: string): SmalltalkKind | undefined {
  const stripped = stripAddressing(text);
  if (!text.trim()) return 'empty';
  const typed = words(stripped);
  // 👍, 🙏, ❤️: a reaction typed as a message is small talk, never a question.
  if (typed.length === 0) return !stripped ? 'empty' : /\p{Extended_Pictographic}/u.test(stripped) ? 'emoji' : 'no_text';
  if (typed.length > 8) return undefined;
  const tokens = typed.map(fold);
  let kind: SmalltalkKind | undefined;
  for (let i = 0; i < tokens.length; ) {
    const found = matchAt(tokens, i);
    if (found) {
      // Help outranks greetings: "chào bot, hướng dẫn" asks for help.
      if (!kind || found.kind === 'help' || (kind === 'ack' && found.kind !== 'ack')) kind = found.kind;
      i += found.length;
    } else if (LAUGH_OR_OK.test(tokens[i]!)) {
      kind ??= 'ack';
      i++;
    } else if (FILLER.has(tokens[i]!)) i++;
    else return undefined;
  }
  return kind ?? undefined;
}

type PhraseKind = Exclude<SmalltalkKind, 'empty' | 'no_text' | 'emoji'>;

function matchAt(tokens: string[], start: number): { kind: PhraseKind; length: number } | undefined {
  let best: { kind: PhraseKind; length: number } | undefined;
  for (const [kind, phrases] of Object.entries(PHRASES) as [PhraseKind, string[]][]) {
    for (const phrase of phrases) {
      const parts = phrase.split(' ');
      if (parts.every((p, j) => tokens[start + j] === p) && (!best || parts.length > best.length)) best = { kind, length: parts.length };
    }
  }
  return best;
}
