import { casedWords, chatKey, fold, words } from '../text/vietnamese.js';
import { stripAddressing, type SmalltalkLexicon, type SmalltalkPhraseKind } from '../text/analyzer.js';

export type SmalltalkKind = 'empty' | 'no_text' | 'emoji' | SmalltalkPhraseKind;

/** Laughter and stretched "ok" as typed in chat: hihi, hjhj, ahihi, keke, haha, kkk, hic, haizz, okkk, okeee. */
const LAUGH_OR_OK = /^(?:a?(?:[hk][aeiouj]){2,}h?|k{2,}|hi[cx]+|hai+z+|huhu|ok+|oke+|okie+)$/;

/**
 * Text emoticons, standing apart: ":)", ":D", ":v", "=))", ":((", ";)", "xD", "^^", "^_^", "<3",
 * "T_T", "-_-". Their letters (the D of ":D") are no words of a question.
 */
const EMOTICON = /(?<=^|\s)(?:[:;=][-'^]?[)(\]\[DPpVvOo3|*]+|[xX]D+|\^[_.-]?\^+|<3+|[tT]_[tT]|-_-|>_<)(?=$|[\s,.!?])/gu;

/** A bracketed placeholder a chat app writes for what is not text: "[Sticker]", "[Hình ảnh]". */
const BRACKETED = /\[([^\][]{1,40})\]/gu;

/** Which kind a message of several small talk phrases gets: "chào ad, cảm ơn nhé" thanks, "ok bye" says bye. */
const RANK: Record<SmalltalkPhraseKind, number> = { ack: 0, greeting: 1, wish: 2, bye: 3, thanks: 4, help: 5 };

/** Longer messages are not read as small talk: chat small talk is short. */
const MAX_WORDS = 16;

/**
 * Recognises greetings, thanks, acknowledgements, wishes, goodbyes and requests for help
 * (phrases of the lexicon's `smalltalk`), which get a short polite reply and never a ticket.
 * Returns undefined for anything that looks like a question: every word must be small talk or
 * a filler around it, so a message holding one word of a question stays a question.
 */
export function detectSmalltalk(text: string, talk: SmalltalkLexicon): SmalltalkKind | undefined {
  if (!text.trim()) return 'empty';
  let reacted = false;
  const stripped = stripAddressing(text)
    .replace(BRACKETED, (whole, inside: string) => (talk.placeholders.has(words(inside).map(chatKey).join(' ')) ? ((reacted = true), ' ') : whole))
    .replace(EMOTICON, () => ((reacted = true), ' '))
    .trim();
  const typed = words(stripped);
  // 👍, 🙏, ❤️, :D, a sticker: a reaction sent as a message is small talk, never a question.
  if (typed.length === 0) return reacted || /\p{Extended_Pictographic}/u.test(stripped) ? 'emoji' : stripped ? 'no_text' : 'empty';
  if (typed.length > MAX_WORDS) return undefined;
  const { keys, raw, capitalised } = readShorthand(typed, casedWords(stripped), talk);
  let kind: SmalltalkPhraseKind | undefined;
  let wishing = false;
  for (let i = 0; i < keys.length; ) {
    const entry = talk.byFirstWord.get(keys[i]!)?.find((e) => (wishing || e.kind !== 'wishWord') && e.words.every((w, j) => keys[i + j] === w));
    if (entry) {
      if (entry.kind !== 'filler' && entry.kind !== 'wishWord' && (!kind || RANK[entry.kind] > RANK[kind])) kind = entry.kind;
      // after "chúc", "chúc mừng": the occasion and the good wishes ("năm mới an khang", "8/3")
      wishing ||= entry.kind === 'wish';
      i += entry.words.length;
    } else if (LAUGH_OR_OK.test(raw[i]!)) {
      kind ??= 'ack';
      i++;
    } else if (wishing && (/^\d+$/.test(keys[i]!) || capitalised[i])) i++;
    else return undefined;
  }
  // Only words that address the bot ("bot ơi", "ad ơi"): a call, answered with a greeting.
  return kind ?? 'greeting';
}

/**
 * The message's words as chat keys, chat shorthand read as its words ("đc r" is "được rồi").
 * A word the small talk lexicon lists itself is kept as typed: "ok" is small talk, not "được".
 */
function readShorthand(typed: string[], cased: string[], talk: SmalltalkLexicon): { keys: string[]; raw: string[]; capitalised: boolean[] } {
  const keys: string[] = [];
  const raw: string[] = [];
  // A capitalised word after the first is a name: in a wish, the one wished ("chúc mừng sinh nhật anh Hùng").
  const capitalised: boolean[] = [];
  typed.forEach((word, i) => {
    const key = chatKey(word);
    const expanded = talk.vocabulary.has(key) ? undefined : talk.shorthand(word);
    if (expanded) {
      keys.push(...expanded);
      raw.push(...expanded);
      capitalised.push(...expanded.map(() => false));
    } else {
      keys.push(key);
      raw.push(fold(word));
      capitalised.push(i > 0 && /^\p{Lu}\p{Ll}/u.test(cased[i] ?? ''));
    }
  });
  return { keys, raw, capitalised };
}

/**
 * The question without the small talk it opens with: "cảm ơn ad, cho em hỏi đeo thẻ…" asks about
 * badges; the thanks is no word of the question. Only whole clauses (up to a comma, a full
 * stop…) that are small talk by themselves are dropped; a message that is small talk alone stays.
 */
export function withoutSmalltalkOpening(text: string, talk: SmalltalkLexicon): string {
  const clause = /^\s*([^,.;:!?\n]+)[,.;:!?\n]+/u;
  let rest = text;
  for (let m = clause.exec(rest); m; m = clause.exec(rest)) {
    const kind = detectSmalltalk(m[1]!, talk);
    if (!kind || kind === 'help' || kind === 'empty' || kind === 'no_text' || !rest.slice(m[0].length).trim()) break;
    rest = rest.slice(m[0].length);
  }
  return rest;
}
