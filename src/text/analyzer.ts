import { chatKey, fold, hasDiacritics, toneKey, words } from './vietnamese.js';
import { editDistanceAtMostOne } from './edit-distance.js';

/** Abbreviations, shorthand, synonyms and stop words, as written in knowledge/lexicon.yaml. */
export interface LexiconData {
  /** "cchc" -> "cải cách hành chính" (matched both ways) */
  abbreviations: Record<string, string>;
  /** chat spelling -> standard word(s): "ko" -> "không" (query side only) */
  shorthand: Record<string, string>;
  /** groups of equivalent phrases */
  synonyms: string[][];
  /** filler words dropped from questions (never negations) */
  stopwords: string[];
  /**
   * topics of other fields ("nồng độ cồn", "học sinh", "nghỉ hưu"): a question that names
   * one is not answered by an entry that never mentions it
   */
  offTopic?: string[];
  /**
   * provinces and cities ("Lai Châu", "Đà Nẵng"): an entry about one place does not
   * answer a question about another
   */
  places?: string[];
  /**
   * today's province or city -> the former provinces merged into it (1/7/2025): a question naming
   * either finds the entries of both ("Bắc Kạn" is now part of "Thái Nguyên")
   */
  formerPlaces?: Record<string, string[]>;
  /** what a question asks for ("bao nhiêu tiền" → money), as cue phrases per answer type */
  answerTypes?: Partial<Record<AnswerType, string[]>>;
  /** kinds of document typed before a number or a name ("nghị định", "qđ", "luật") */
  documentKinds?: string[];
  /** words right after a kind of document that start no name ("theo luật thì…") */
  notDocumentName?: string[];
  /** words that hold a kind of document and are no document ("kỷ luật", "luật sư") */
  notDocumentKind?: string[];
  /** phrases that ask what a term means ("là gì", "được hiểu là gì", "thế nào là") */
  definitionCues?: string[];
  /**
   * small talk by kind ("greeting": ["xin chào", …]; "filler": words that may surround it;
   * "wishWords": what a wish may hold after its opener; "placeholder": what a chat app writes in
   * brackets for a sticker or a photo): a message made only of these gets a short reply, never a ticket
   */
  smalltalk?: Partial<Record<SmalltalkListKind, string[]>>;
}

/** Kinds of small talk phrase the lexicon lists. */
export const SMALLTALK_KINDS = ['greeting', 'thanks', 'ack', 'bye', 'help', 'wish'] as const;
export type SmalltalkPhraseKind = (typeof SMALLTALK_KINDS)[number];
/** Every list of the lexicon's `smalltalk` section: the phrase kinds and the words around them. */
export const SMALLTALK_LISTS = [...SMALLTALK_KINDS, 'filler', 'wishWords', 'placeholder'] as const;
export type SmalltalkListKind = (typeof SMALLTALK_LISTS)[number];

/** One small talk phrase of the lexicon, or a word that may surround small talk, in chat keys. */
export interface SmalltalkEntry {
  words: string[];
  /** a phrase's kind; "filler" may stand around any small talk, "wishWord" only in a wish */
  kind: SmalltalkPhraseKind | 'filler' | 'wishWord';
}

/** Small talk as the lexicon lists it, every word as a chat key (folded, stretched letters squeezed). */
export interface SmalltalkLexicon {
  /** entries by their first word, longest first, a phrase before a wish word before a filler of the same length */
  byFirstWord: Map<string, SmalltalkEntry[]>;
  /** the words a chat app writes in brackets for a sticker or a photo ("sticker", "hình ảnh"), joined by spaces */
  placeholders: Set<string>;
  /** every word of the entries: such a word is small talk as typed, never read as shorthand */
  vocabulary: Set<string>;
  /** chat shorthand read as its words, in chat keys ("đc" -> ["duoc"]); undefined for other words */
  shorthand: (word: string) => string[] | undefined;
}

/** What a passage can give as an answer; a question asking one is answered only by a passage that has it. */
export const ANSWER_TYPES = ['money', 'phone', 'link', 'address', 'street', 'person', 'date', 'duration', 'time', 'document', 'percent', 'color', 'count'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** An answer type the question asks for; a count may name its unit ("bao nhiêu đại biểu": "dai"). */
export interface AskedType {
  type: AnswerType;
  unit?: string;
  /** an abbreviated unit's words ("cbccvc": can, bo, cong, chuc, vien, chuc); a number of any of them gives it */
  units?: string[];
  /** its unit is only a hint: "may" typed bare may be "máy" or "may", not "mấy"; "người" is counted by role */
  bare?: boolean;
}

/** A document the question names: by its number ("Nghị định 61") or by the words of its name ("Luật phản ánh kiến nghị"). */
export interface DocumentReference {
  /** the kind as typed, folded ("nghi dinh", "qd") */
  kind: string;
  number?: string;
  /** the number is a year ("Hiến pháp 1946"): the document of that kind dated that year */
  year?: boolean;
  /** folded words after the kind, up to the first word that starts no name */
  name: string[];
}

/**
 * Which of the question's concepts name the documents it names ("Luật phòng, chống tác hại
 * của thuốc lá quy định công chức có phải đeo thẻ không": all up to "quy định"). The name has
 * already chosen where to look; what the question asks of that document is the rest. A name
 * runs from the words typed after the kind on through the words of the named documents' own
 * names ("của thuốc lá"), as long as they follow one another. None when the question is a name alone.
 */
export function documentNameConcepts(concepts: Concept[], references: DocumentReference[], documentWords: ReadonlySet<string> = new Set()): boolean[] {
  const typed = new Set(references.flatMap((r) => [...r.kind.split(' '), ...(r.number ? [r.number] : []), ...r.name]));
  const kinds = references.map((r) => r.kind.split(' '));
  // A lexicon phrase that starts with the kind is the name whole ("luật phòng chống tác hại của rượu bia").
  const startsWithKind = (alt: Token[]) => kinds.some((k) => k.length < alt.length && k.every((w, i) => alt[i]!.folded === w));
  const within = (c: Concept, words: ReadonlySet<string>) => c.alternatives.some((alt) => alt.every((t) => words.has(t.folded)));
  const mask = concepts.map((c) => within(c, typed) || c.alternatives.some(startsWithKind));
  for (let i = 1; i < concepts.length; i++) if (mask[i - 1] && !mask[i] && within(concepts[i]!, documentWords)) mask[i] = true;
  return mask.every(Boolean) ? mask.map(() => false) : mask;
}

export const EMPTY_LEXICON: LexiconData = { abbreviations: {}, shorthand: {}, synonyms: [], stopwords: [], offTopic: [], places: [] };

/** A lexicon phrase, spelled as written and as syllables. */
interface NamedPhrase {
  phrase: string;
  tokens: Token[];
}

/** One syllable as typed, with its two matching forms. */
export interface Token {
  /** tone key: marks kept, tone as a trailing digit ("hoa2") */
  key: string;
  /** no diacritics ("hoa") */
  folded: string;
  /** whether the writer typed diacritics; unaccented input matches on the folded form only */
  accented: boolean;
  /** set on a one-letter typo correction suggested by the search index */
  typo?: boolean;
  /** set on a number that follows a kind of document ("Nghị định 112"): it names the document */
  documentNumber?: boolean;
}

/** One idea of the question: a word or a lexicon phrase, with the equivalent ways to say it. */
export interface Concept {
  /** the words as typed (for logs and debugging) */
  label: string;
  /** each alternative is a sequence of syllables; the first is what was typed */
  alternatives: Token[][];
  /** where the typed words start in the question (stop words counted), to tell words typed side by side */
  at: number;
  /** the province or city it names, as the lexicon spells it */
  place?: string;
  /** it lies in what a yes/no question asks: "trạm y tế … có [khám bệnh miễn phí] không" */
  predicate?: true;
}

export function token(word: string): Token {
  const lower = word.toLowerCase();
  const folded = fold(lower);
  return { key: toneKey(lower), folded, accented: hasDiacritics(lower) };
}

/** Does a typed token match a known token? Accents count only when the writer typed them. */
export function sameToken(typed: Token, known: Token): boolean {
  return typed.accented ? typed.key === known.key : typed.folded === known.folded;
}

/** A lexicon cue of an answer type; `atEnd` cues count only at the end of the question. */
interface AnswerCue {
  type: AnswerType;
  tokens: Token[];
  atEnd: boolean;
  /** "giám đốc … là ai": words that must follow later in the same clause */
  later?: Token[];
}

/** Phrases (lexicon entries) indexed by their first folded syllable, longest first. */
interface PhraseEntry {
  tokens: Token[];
  group: number;
}

/** The lexicon's small talk lists in chat keys, indexed by first word. */
function smalltalkLexicon(talk: NonNullable<LexiconData['smalltalk']>, shorthand: SmalltalkLexicon['shorthand']): SmalltalkLexicon {
  const keyLists = (list: string[] | undefined) => (list ?? []).map((phrase) => words(phrase).map(chatKey)).filter((p) => p.length > 0);
  const entries: SmalltalkEntry[] = [...SMALLTALK_KINDS, 'wishWord' as const, 'filler' as const].flatMap((kind) =>
    keyLists(talk[kind === 'wishWord' ? 'wishWords' : kind]).map((w) => ({ kind, words: w })),
  );
  const byFirstWord = new Map<string, SmalltalkEntry[]>();
  // stable sort: of two entries as long, the one listed first (phrase, then wish word, then filler) wins
  for (const e of [...entries].sort((a, b) => b.words.length - a.words.length)) byFirstWord.set(e.words[0]!, [...(byFirstWord.get(e.words[0]!) ?? []), e]);
  return {
    byFirstWord,
    placeholders: new Set(keyLists(talk.placeholder).map((w) => w.join(' '))),
    vocabulary: new Set(entries.flatMap((e) => e.words)),
    shorthand,
  };
}

/** The part of a message that is addressed to the bot: no leading @mention or /command. */
export function stripAddressing(text: string): string {
  return text
    .replace(/^\s*(?:\/[a-z_]+(?:@\w+)?\s*)/i, '')
    .replace(/^\s*(?:@[\p{L}\p{N}_.]+[\s,:]*)+/u, '')
    .trim();
}

/**
 * Turns text into tokens for the index and questions into concepts, using the lexicon.
 * Built once per knowledge load; all methods are pure.
 */
export class Analyzer {
  private readonly stopKeys = new Set<string>();
  private readonly stopFolded = new Set<string>();
  private readonly shorthand = new Map<string, Token[]>();
  private readonly shorthandFolded = new Map<string, Token[]>();
  private readonly phrases = new Map<string, PhraseEntry[]>();
  /** group number -> equivalent phrases */
  private readonly groups: Token[][][] = [];
  private readonly offTopic: NamedPhrase[];
  /** folded first syllable -> the off-topic phrases (their places in offTopic) that start with it */
  private readonly offTopicByFirst = new Map<string, number[]>();
  /** group number -> the place its phrases name */
  private readonly placeOfGroup = new Map<number, string>();
  /** each place, with every folded spelling that names it ("ha noi", "thu do") */
  readonly places: { place: string; spellings: string[] }[] = [];
  /** tone keys of words the knowledge base writes without marks ("nhau", "theo", "thi") */
  private readonly plainWords = new Set<string>();
  /** answer-type cues, longest first; `atEnd` cues count only at the end of the question */
  private readonly answerCues: AnswerCue[] = [];
  private readonly cuesByFirstWord = new Map<string, AnswerCue[]>();
  /** an abbreviation, folded, and the folded words it stands for: a unit typed short ("bn cbccvc") */
  private readonly abbreviationWords = new Map<string, string[]>();
  private readonly documentKinds: string[][];
  private readonly notDocumentName: Set<string>;
  private readonly notDocumentKind: string[][];
  private readonly definitionCues: string[][];

  /** small talk phrases by kind, and the words that may surround them */
  readonly smalltalk: SmalltalkLexicon;

  constructor(lexicon: LexiconData = EMPTY_LEXICON) {
    // The lexicon's phrases are read through the token cache: a phrase is met up to three times
    // below (merging groups, finding places, building groups), and its words again in the passages.
    const tokensOf = (text: string) => this.tokens(text);
    const keys = new Map<string, string>();
    const keyOf = (phrase: string) => {
      let key = keys.get(phrase);
      if (key === undefined) keys.set(phrase, (key = phraseKey(tokensOf(phrase))));
      return key;
    };
    this.smalltalk = smalltalkLexicon(lexicon.smalltalk ?? {}, (word) => {
      const t = token(word);
      const target = t.accented ? this.shorthand.get(t.key) : (this.shorthandFolded.get(t.folded) ?? this.shorthand.get(t.key));
      return target?.map((x) => chatKey(x.folded));
    });
    for (const word of lexicon.stopwords) {
      const t = token(word);
      this.stopKeys.add(t.key);
      this.stopFolded.add(t.folded); // "a" typed for "ạ" is a filler too
    }
    this.offTopic = namedPhrases(lexicon.offTopic, tokensOf);
    this.offTopic.forEach((p, i) => {
      const first = p.tokens[0]!.folded;
      this.offTopicByFirst.set(first, [...(this.offTopicByFirst.get(first) ?? []), i]);
    });
    for (const [type, cues] of Object.entries(lexicon.answerTypes ?? {})) {
      for (const cue of cues) {
        const atEnd = cue.endsWith('$');
        const [first, later] = cue.replace(/\$$/, '').split('…');
        const tokens = tokensOf(first!);
        const laterTokens = later === undefined ? undefined : tokensOf(later);
        if (tokens.length > 0) this.answerCues.push({ type: type as AnswerType, tokens, atEnd, ...(laterTokens?.length ? { later: laterTokens } : {}) });
      }
    }
    const cueLength = (c: AnswerCue) => c.tokens.length + (c.later?.length ?? 0);
    this.answerCues.sort((a, b) => cueLength(b) - cueLength(a));
    for (const cue of this.answerCues) {
      const list = this.cuesByFirstWord.get(cue.tokens[0]!.folded) ?? [];
      list.push(cue);
      this.cuesByFirstWord.set(cue.tokens[0]!.folded, list);
    }
    this.documentKinds = foldedPhrases(lexicon.documentKinds).sort((a, b) => b.length - a.length);
    this.notDocumentName = new Set((lexicon.notDocumentName ?? []).map((w) => fold(w).toLowerCase()));
    this.notDocumentKind = foldedPhrases(lexicon.notDocumentKind);
    this.definitionCues = foldedPhrases(lexicon.definitionCues);
    for (const [from, to] of Object.entries(lexicon.shorthand)) {
      const target = tokensOf(to);
      const t = token(from);
      this.shorthand.set(t.key, target);
      this.shorthandFolded.set(t.folded, target);
    }
    // "mxh" expands to three syllables that still mean one thing: its target is a phrase group of its own.
    const multiWordTargets = [...new Set(Object.values(lexicon.shorthand))].filter((to) => words(to).length > 1).map((to) => [to]);
    // A place is one concept, whatever its number of syllables, and may have other names ("thủ đô").
    // A former province is named as the province it is now part of.
    const placeNames = lexicon.places ?? [];
    const former = lexicon.formerPlaces ?? {};
    const placeLists = placeNames.map((p) => [p, ...(former[p] ?? [])]);
    const lists = [...Object.entries(lexicon.abbreviations).map(([abbr, full]) => [abbr, full]), ...multiWordTargets, ...lexicon.synonyms, ...placeLists];
    for (const [abbr, full] of Object.entries(lexicon.abbreviations)) this.abbreviationWords.set(fold(abbr).toLowerCase(), words(full).map((w) => token(w).folded));
    const placeKeys = new Map(placeLists.flatMap(([p, ...olds]) => [p!, ...olds].map((name) => [keyOf(name), p!] as const)));
    for (const phrases of mergeSharedPhrases(lists, keyOf)) {
      const group = this.groups.length;
      const seqs = phrases.map(tokensOf).filter((s) => s.length > 0);
      this.groups.push(seqs);
      const place = phrases.map((p) => placeKeys.get(keyOf(p))).find(Boolean);
      if (place) {
        this.placeOfGroup.set(group, place);
        this.places.push({ place, spellings: seqs.map((seq) => seq.map((t) => t.folded).join(' ')) });
      }
      for (const seq of seqs) {
        const first = seq[0]!.folded;
        const list = this.phrases.get(first) ?? [];
        list.push({ tokens: seq, group });
        list.sort((a, b) => b.tokens.length - a.tokens.length);
        this.phrases.set(first, list);
      }
    }
  }

  /** Plain syllable tokens of a text (no lexicon). */
  tokens(text: string): Token[] {
    return words(text).map((w) => this.cachedToken(w));
  }

  /** Vocabulary is small (thousands of syllables) and normalizing one is not free: remember each. */
  private readonly tokenCache = new Map<string, Token>();

  private cachedToken(word: string): Token {
    let t = this.tokenCache.get(word);
    if (!t) {
      t = token(word);
      if (this.tokenCache.size > 200_000) this.tokenCache.clear();
      this.tokenCache.set(word, t);
    }
    return t;
  }

  /**
   * Learns which words the knowledge base writes without marks. In a question typed with
   * marks, such a word is meant as written: "nhau" is not "nhậu" typed bare.
   */
  learnPlainWords(keys: Iterable<string>): void {
    for (const key of keys) this.plainWords.add(key);
  }

  /** A question typed with marks: its bare words that the knowledge base knows are taken as written. */
  private asWritten(tokens: Token[]): Token[] {
    if (this.plainWords.size === 0) return tokens;
    return tokens.map((t) => (!t.accented && this.plainWords.has(t.key) ? { ...t, accented: true } : t));
  }

  isStopword(t: Token): boolean {
    return t.accented ? this.stopKeys.has(t.key) : this.stopFolded.has(t.folded);
  }

  /**
   * Index terms of a passage text: folded syllables and (unless `pairs` is false)
   * adjacent-syllable pairs, stop words left out. Accents are compared later, on the
   * few top candidates.
   */
  indexTerms(text: string, pairs = true): string[] {
    return this.indexTermsOf(this.tokens(text), pairs);
  }

  /** indexTerms of a text already split into tokens. */
  indexTermsOf(tokens: Token[], pairs = true): string[] {
    const content = tokens.filter((t) => !this.isStopword(t));
    const terms: string[] = [];
    for (let i = 0; i < content.length; i++) {
      terms.push(content[i]!.folded);
      if (pairs && i > 0) terms.push(pair(content[i - 1]!.folded, content[i]!.folded));
    }
    return terms;
  }

  /**
   * "Có phải đeo thẻ không?": a sentence-final "không" or "chưa" asks yes/no, it does not
   * negate. Negations inside the sentence ("không được uống") are kept.
   */
  private withoutQuestionParticle(tokens: Token[]): Token[] {
    let end = tokens.length;
    while (end > 0 && this.isStopword(tokens[end - 1]!)) end--;
    const last = tokens[end - 1];
    if (end > 1 && last && QUESTION_PARTICLES.has(last.folded)) {
      return [...tokens.slice(0, end - 1), ...tokens.slice(end)];
    }
    return tokens;
  }

  /**
   * "bao nhiêu", "mấy", "bao lâu", "ngày nào" ask what kind of answer is wanted, not what it is
   * about: they are the answer type's evidence, not words a passage should hold.
   */
  private withoutAnswerCues(tokens: Token[]): Token[] {
    const drop = new Set<number>();
    tokens.forEach((first, i) => {
      for (const cue of this.cuesByFirstWord.get(first.folded) ?? []) {
        if ((cue.type !== 'count' && cue.type !== 'duration' && cue.type !== 'date') || cue.later) continue;
        if (i + cue.tokens.length <= tokens.length && cue.tokens.every((t, j) => sameToken(tokens[i + j]!, t))) cue.tokens.forEach((_, j) => drop.add(i + j));
      }
    });
    // A question that is nothing but its cue keeps its words.
    return drop.size === 0 || drop.size === tokens.length ? tokens : tokens.filter((_, i) => !drop.has(i));
  }

  /** Chat shorthand replaced by standard words ("ko" -> "không"). */
  private expandShorthand(tokens: Token[]): Token[] {
    const out: Token[] = [];
    for (const t of tokens) {
      const target = t.accented ? this.shorthand.get(t.key) : (this.shorthandFolded.get(t.folded) ?? this.shorthand.get(t.key));
      if (target) out.push(...target);
      else out.push(t);
    }
    return out;
  }

  /** The question as concepts: shorthand expanded, lexicon phrases grouped with their equivalents, fillers dropped. */
  concepts(question: string): Concept[] {
    const sentences = stripAddressing(question).split(/[?!.;\n]+/).map((sentence) => this.tokens(sentence));
    const marked = sentences.some((tokens) => tokens.some((t) => t.accented));
    const expanded = sentences.map((sentence) => this.expandShorthand(marked ? this.asWritten(sentence) : sentence));
    const read = expanded.map((sentence) => this.withoutAnswerCues(this.withoutQuestionParticle(sentence)));
    const tokens = read.flat();
    const predicateFrom = this.predicateStart(expanded, read);
    const concepts: Concept[] = [];
    const seen = new Set<string>();
    const segments = this.segment(tokens);
    for (let i = 0; i < tokens.length; ) {
      const match = segments[i];
      if (match) {
        const typed = tokens.slice(i, i + match.length);
        const others = this.groups[match.group]!.filter((seq) => !sameSequence(typed, seq));
        pushUnique(concepts, seen, { label: typed.map((t) => t.key).join(' '), alternatives: [typed, ...others], at: i, place: this.placeOfGroup.get(match.group), ...(i >= predicateFrom ? { predicate: true as const } : {}) });
        i += match.length;
        continue;
      }
      const t = /^\d+$/.test(tokens[i]!.folded) && this.followsDocumentKind(tokens, i) ? { ...tokens[i]!, documentNumber: true } : tokens[i]!;
      if (!this.isStopword(t)) pushUnique(concepts, seen, { label: t.key, alternatives: [[t]], at: i, ...(i >= predicateFrom ? { predicate: true as const } : {}) });
      i++;
    }
    return concepts;
  }

  /**
   * Where what a yes/no question asks begins, as an index into the question's read words
   * (Infinity when it asks none): after the last "có" of its last sentence, and after a modal
   * there ("có được", "có phải"): "máy chấm công hỏng thì sở có [cấp máy mới] không".
   */
  private predicateStart(expanded: Token[][], read: Token[][]): number {
    const last = read.findLastIndex((sentence) => sentence.length > 0);
    if (last < 0 || !isYesNo(expanded[last]!)) return Infinity;
    const words = read[last]!.map((t) => t.folded);
    let start = words.lastIndexOf('co') + 1;
    if (start === 0) return Infinity;
    while (start < words.length && MODALS.has(words[start]!)) start++;
    if (start >= words.length) return Infinity;
    return read.slice(0, last).reduce((n, sentence) => n + sentence.length, 0) + start;
  }

  /**
   * The answer types the question asks for (lexicon answerTypes). A longer cue wins over a
   * shorter one inside it; after "bao nhiêu"/"mấy" the next word is the unit asked in.
   */
  askedTypes(question: string): AskedType[] {
    const out: AskedType[] = [];
    // A clause asks on its own: "số hiệu bao nhiêu, ký ngày nào" asks no count of "ký". Its words
    // are taken as typed, shorthand expanded, fillers kept (cues such as "là bao nhiêu" hold them).
    const clauses = stripAddressing(question)
      .split(/[?!.;,\n]+/)
      .map((sentence) => this.expandShorthand(this.tokens(sentence)))
      .filter((c) => c.length > 0);
    // A story closed by a yes/no question ("dân phải đến hỏi mấy lần, thế có sai không?") tells
    // its counts, it does not ask them: only the closing clause asks.
    const last = clauses.at(-1);
    const closedByYesNo = clauses.length > 1 && !!last && isYesNo(last);
    for (const sentence of clauses) {
      const telling = closedByYesNo && sentence !== last;
      let end = sentence.length;
      while (end > 0 && (this.isStopword(sentence[end - 1]!) || QUESTION_PARTICLES.has(sentence[end - 1]!.folded))) end--;
      const taken = new Set<number>();
      // Cues starting at each word, longest first across the sentence: a longer cue claims its words first.
      const found: { cue: AnswerCue; i: number; span: number[] }[] = [];
      const at = (cue: Token[], i: number) => i + cue.length <= sentence.length && cue.every((c, j) => sameToken(sentence[i + j]!, c));
      sentence.forEach((t, i) => {
        for (const cue of this.cuesByFirstWord.get(t.folded) ?? []) {
          if (!at(cue.tokens, i)) continue;
          const span = cue.tokens.map((_, j) => i + j);
          if (!cue.later) found.push({ cue, i, span });
          else {
            // "giám đốc sở … là ai": the second part anywhere later in the clause.
            const later = cue.later;
            const k = sentence.findIndex((_, m) => m >= i + cue.tokens.length && at(later, m));
            if (k >= 0) found.push({ cue, i, span: [...span, ...later.map((_, j) => k + j)] });
          }
        }
      });
      found.sort((a, b) => b.span.length - a.span.length || a.i - b.i);
      for (const { cue, i, span } of found) {
        if (span.some((k) => taken.has(k))) continue;
        if (cue.atEnd && i + cue.tokens.length < end) continue;
        const next = sentence[i + cue.tokens.length];
        // "mấy chị công chức": a count word before a filler mid-sentence addresses people, it asks no count.
        if (cue.type === 'count' && next && this.isStopword(next) && i + cue.tokens.length < end) continue;
        // A story told before a yes/no question tells its counts, and names a phone number or a
        // link without asking for one ("đưa số điện thoại người phản ánh cho…, có vi phạm không?");
        // a cue with a question word there still asks ("màu gì, cà vạt có bắt buộc không?").
        if (telling && (cue.type === 'count' || !cue.tokens.some((t) => QUESTION_WORDS.has(t.folded)))) continue;
        span.forEach((k) => taken.add(k));
        // The unit is a word of the question itself, not the particle that closes it ("bao nhiêu không?").
        const unit = cue.type === 'count' && next && i + cue.tokens.length < end && !this.isStopword(next) && !RATE_WORDS.has(next.folded) ? next.folded : undefined;
        // "may" typed bare may be "máy"; "bao nhiêu người" counts people, whom a text counts by their role ("9.000 công chức"): the unit is only a hint.
        const bare = cue.type === 'count' && ((!sentence[i]!.accented && sentence[i]!.folded === 'may') || (unit !== undefined && PEOPLE_COUNTERS.has(unit)));
        // "bn cbccvc": an abbreviated unit is counted in any of the words it stands for.
        const units = unit ? this.abbreviationWords.get(unit) : undefined;
        if (!out.some((a) => a.type === cue.type && a.unit === unit)) out.push({ type: cue.type, ...(unit ? { unit } : {}), ...(units ? { units } : {}), ...(bare ? { bare } : {}) });
      }
    }
    return out;
  }

  /** Documents the question names by kind and number or kind and name ("Nghị định 61", "Luật phản ánh kiến nghị"). */
  documentReferences(question: string): DocumentReference[] {
    const out: DocumentReference[] = [];
    for (const sentence of stripAddressing(question).split(/[?!;\n]+/)) {
      const folded = this.tokens(sentence).map((t) => t.folded);
      for (let i = 0; i < folded.length; i++) {
        const kind = this.documentKinds.find((k) => startsWith(folded, i, k)) ?? this.misspeltNumberedKind(folded, i);
        if (!kind || this.insideNotDocumentKind(folded, i)) continue;
        let j = i + kind.length;
        const numbered = folded[j] === 'so';
        if (numbered) j++;
        else if (folded[j] === 'nam' && YEAR.test(folded[j + 1] ?? '')) j++;
        if (/^\d+$/.test(folded[j] ?? '')) {
          // "Hiến pháp 1946", "luật … năm 2019": a year names the document by its date, not its number.
          const year = !numbered && YEAR.test(folded[j]!);
          out.push({ kind: kind.join(' '), number: folded[j]!, name: [], ...(year ? { year } : {}) });
          i = j;
          continue;
        }
        const name: string[] = [];
        const startsNoName = (at: number) => this.notDocumentName.has(folded[at]!) || this.notDocumentName.has(`${folded[at]} ${folded[at + 1]}`);
        while (j < folded.length && name.length < 6 && !startsNoName(j) && !this.documentKinds.some((k) => k[0] === folded[j] && startsWith(folded, j, k))) {
          name.push(folded[j]!);
          j++;
        }
        out.push({ kind: kind.join(' '), name });
        i = Math.max(i, j - 1);
      }
    }
    return out;
  }

  /** Whether the question asks what a term means ("nơi tiếp công dân được hiểu là gì", "thế nào là kiến nghị"). */
  asksDefinition(question: string): boolean {
    const folded = this.expandShorthand(this.tokens(stripAddressing(question))).map((t) => t.folded);
    return folded.some((_, i) => this.definitionCues.some((cue) => startsWith(folded, i, cue)));
  }

  /** The folded words of a term as the question matches it: fillers left out ("nơi tiếp công dân"). */
  termWords(term: string): string[] {
    return this.tokens(term)
      .filter((t) => !this.isStopword(t))
      .map((t) => t.folded);
  }

  /**
   * "nghị địng 63", "quyết đinhh số 129": a kind of two words or more with one slip in a later
   * word still names a document when a number follows it (without the number a slip is too weak a sign).
   */
  private misspeltNumberedKind(folded: string[], i: number): string[] | undefined {
    return this.documentKinds.find((k) => {
      if (k.length < 2 || folded[i] !== k[0]) return false;
      if (!k.every((w, j) => j === 0 || (w.length >= 3 && editDistanceAtMostOne(folded[i + j] ?? '', w)))) return false;
      const after = folded[i + k.length] === 'so' ? i + k.length + 1 : i + k.length;
      return /^\d+$/.test(folded[after] ?? '');
    });
  }

  /** Whether the word at `i` lies inside a word that holds a kind and is no document ("kỷ luật", "luật sư"). */
  private insideNotDocumentKind(folded: string[], i: number): boolean {
    return this.notDocumentKind.some((phrase) => {
      for (let start = Math.max(0, i - phrase.length + 1); start <= i; start++) if (startsWith(folded, start, phrase)) return true;
      return false;
    });
  }

  /** Kinds of document, folded, longest first. */
  get kindsOfDocument(): readonly string[][] {
    return this.documentKinds;
  }

  /** A number right after a kind of document ("nghị định 112", "qđ 1847") names the document. */
  private followsDocumentKind(tokens: Token[], i: number): boolean {
    const before = tokens.slice(Math.max(0, i - 3), i).map((t) => t.folded);
    if (before[before.length - 1] === 'so') before.pop();
    return this.documentKinds.some((kind) => kind.length <= before.length && startsWith(before, before.length - kind.length, kind));
  }

  /**
   * Other fields' phrases a story names before the yes/no question that closes it, and the
   * question itself does not: "bà cụ đến làm khai sinh, em hơi to tiếng, có vi phạm gì không"
   * asks about conduct; the birth registration is where it happened.
   */
  toldOffTopic(question: string): string[] {
    const clauses = stripAddressing(question)
      .split(/[?!.;,\n]+/)
      .filter((c) => this.tokens(c).length > 0);
    const last = clauses.at(-1);
    if (clauses.length < 2 || !last || !isYesNo(this.expandShorthand(this.tokens(last)))) return [];
    const asked = new Set(this.offTopicIn(this.concepts(last)).map((p) => p.phrase));
    const told = clauses.slice(0, -1).flatMap((c) => this.offTopicIn(this.concepts(c)).map((p) => p.phrase));
    return [...new Set(told.filter((p) => !asked.has(p)))];
  }

  /** Off-topic phrases (lexicon) the question names. */
  offTopicIn(concepts: Concept[]): NamedPhrase[] {
    // Only the phrases starting with a typed syllable can be named, in the lexicon's order.
    let starting: Set<number> | undefined;
    for (const c of concepts) {
      for (const t of c.alternatives[0]!) {
        const phrases = this.offTopicByFirst.get(t.folded);
        if (phrases) for (const i of phrases) (starting ??= new Set()).add(i);
      }
    }
    if (!starting) return [];
    return namedIn([...starting].sort((a, b) => a - b).map((i) => this.offTopic[i]!), concepts);
  }

  /** Every lexicon phrase the words at `start` begin, longest first. */
  private phrasesAt(tokens: Token[], start: number): { length: number; group: number }[] {
    const candidates = this.phrases.get(tokens[start]!.folded);
    if (!candidates) return [];
    const out: { length: number; group: number }[] = [];
    for (const entry of candidates) {
      const n = entry.tokens.length;
      if (start + n > tokens.length) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = sameToken(tokens[start + j]!, entry.tokens[j]!);
      if (ok) out.push({ length: n, group: entry.group });
    }
    return out;
  }

  /**
   * The lexicon phrases read in the words, by start: of overlapping phrases, those that leave
   * fewest words of content standing alone, then fewest pieces ("la co quan" typed bare is
   * "là | cơ quan", not "lá cờ | quan"); on a tie, the longest first, left to right.
   */
  private segment(tokens: Token[]): ({ length: number; group: number } | undefined)[] {
    const n = tokens.length;
    // cost[i]: [content words left alone, pieces] reading tokens[i..]
    const cost: [number, number][] = Array.from({ length: n + 1 }, () => [0, 0]);
    const choice: ({ length: number; group: number } | undefined)[] = new Array(n).fill(undefined);
    const better = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    for (let i = n - 1; i >= 0; i--) {
      let best: [number, number] | undefined;
      for (const m of this.phrasesAt(tokens, i)) {
        const c: [number, number] = [cost[i + m.length]![0], cost[i + m.length]![1] + 1];
        if (!best || better(c, best)) [best, choice[i]] = [c, m];
      }
      const alone: [number, number] = [cost[i + 1]![0] + (this.isStopword(tokens[i]!) ? 0 : 1), cost[i + 1]![1] + 1];
      if (!best || better(alone, best)) [best, choice[i]] = [alone, undefined];
      cost[i] = best;
    }
    return choice;
  }
}

/**
 * Phrase lists that share a phrase become one group ("mạng xã hội" as the target of "mxh"
 * and in a synonym list): otherwise only the first list it appears in would count.
 */
function mergeSharedPhrases(lists: string[][], keyOf: (phrase: string) => string): string[][] {
  const groupOfKey = new Map<string, Set<string>>();
  // In order of creation; a group merged into another leaves.
  const groups = new Set<Set<string>>();
  for (const list of lists) {
    let merged = new Set<string>();
    for (const phrase of list) {
      const existing = groupOfKey.get(keyOf(phrase));
      if (existing && existing !== merged) {
        for (const p of merged) existing.add(p);
        groups.delete(merged);
        merged = existing;
      }
    }
    groups.add(merged);
    for (const phrase of list) merged.add(phrase);
    for (const phrase of merged) groupOfKey.set(keyOf(phrase), merged);
  }
  return [...groups].map((g) => [...new Set([...g].filter((p) => words(p).length > 0))]);
}

/** Words after "bao nhiêu" that ask a rate, not a unit ("bao nhiêu một tháng"). */
const RATE_WORDS = new Set(['mot', 'moi']);
/** Lexicon phrases as their folded words ("kỷ luật" → ["ky", "luat"]), empty ones left out. */
function foldedPhrases(phrases: string[] = []): string[][] {
  return phrases.map((p) => words(p).map((w) => fold(w).toLowerCase())).filter((p) => p.length > 0);
}

/** A number read as a year after a kind of document ("Hiến pháp 1946"). */
const YEAR = /^(?:19|20)\d\d$/;

/** Folded yes/no question particles (after shorthand expansion: "ko" is already "không"). */
const QUESTION_PARTICLES = new Set(['khong', 'chua', 'hong', 'ko']);
/** Modal words right after "có" in a yes/no question: "có được", "có phải", "có bị", "có nên", "có cần", "có bắt buộc". */
const MODALS = new Set(['duoc', 'phai', 'bi', 'nen', 'can', 'bat', 'buoc']);
/** Units that count people whatever their role: a text counts them as "công chức", "đại biểu"… (folded). */
const PEOPLE_COUNTERS = new Set(['nguoi']);
/** Words that make a phrase ask: "màu gì", "số nào", "ở đâu", "ai ký", "bao nhiêu", "mấy giờ". */
const QUESTION_WORDS = new Set(['gi', 'nao', 'dau', 'ai', 'bao', 'may', 'sao']);

/** "thế có sai không", "e có phải giải thích tiếp ko hay…": "có" and later a question particle. */
function isYesNo(clause: Token[]): boolean {
  const co = clause.findIndex((t) => t.folded === 'co');
  return co >= 0 && clause.slice(co + 1).some((t) => QUESTION_PARTICLES.has(t.folded));
}

/** Whether `phrase` is there in `words` from `at` on (a loop: it runs for every word of every question). */
function startsWith(words: string[], at: number, phrase: string[]): boolean {
  for (let j = 0; j < phrase.length; j++) if (words[at + j] !== phrase[j]) return false;
  return true;
}

export function pair(a: string, b: string): string {
  return `${a}_${b}`;
}

function sameSequence(a: Token[], b: Token[]): boolean {
  return a.length === b.length && a.every((t, i) => sameToken(t, b[i]!));
}

/** A phrase (its tokens) compared by tone keys: "Khánh Hoà" and "khánh hòa" are one. */
function phraseKey(tokens: Token[]): string {
  return tokens.map((t) => t.key).join(' ');
}

function namedPhrases(phrases: string[] = [], tokensOf: (text: string) => Token[]): NamedPhrase[] {
  return phrases.map((phrase) => ({ phrase, tokens: tokensOf(phrase) })).filter((p) => p.tokens.length > 0);
}

/** The phrases whose words the question typed side by side ("chúng tôi thực hiện" is not "chứng thực"). */
function namedIn(phrases: NamedPhrase[], concepts: Concept[]): NamedPhrase[] {
  const typedAt = new Map<number, Token>();
  for (const c of concepts) c.alternatives[0]!.forEach((t, j) => typedAt.set(c.at + j, t));
  const starts = [...typedAt.keys()];
  const typedFolded = new Set([...typedAt.values()].map((t) => t.folded));
  return phrases.filter(
    ({ tokens }) => typedFolded.has(tokens[0]!.folded) && starts.some((i) => tokens.every((t, j) => typedAt.has(i + j) && sameToken(typedAt.get(i + j)!, t))),
  );
}

/** Repeated words would count twice in the score: keep each concept once. */
function pushUnique(list: Concept[], seen: Set<string>, concept: Concept): void {
  const id = concept.alternatives[0]!.map((t) => (t.accented ? t.key : t.folded)).join(' ');
  if (seen.has(id)) return;
  seen.add(id);
  list.push(concept);
}
