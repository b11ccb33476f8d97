import MiniSearch from 'minisearch';
import type { CitedDocument, Passage } from '../knowledge/types.js';
import { pair, type Analyzer, type AnswerType, type AskedType, type Concept, type Token } from '../text/analyzer.js';
import { DocumentCatalogue, type DocumentScope } from './documents.js';
import { editDistanceAtMostOne } from '../text/edit-distance.js';
import { answerFacts, countedWords, definedTerms, namesDocument } from './facts.js';

/** How well a passage answers the question, with the evidence behind it. */
export interface Hit {
  passage: Passage;
  /** raw BM25+ score from MiniSearch (relative only) */
  bm25: number;
  /** share of the question's meaning (idf-weighted concepts) found in the passage, 0..1 */
  coverage: number;
  /** the same, counting only the title, questions and tags */
  headCoverage: number;
  /** the share of what the question asks besides the names of the documents it names (= coverage when it names none) */
  askedCoverage: number;
  /**
   * the weight of the heaviest word of the question it lacks (of those the knowledge base uses),
   * over that of a word the knowledge base never uses, 0..1: "xin lỗi" in "hồ sơ trễ hẹn có phải xin lỗi dân không" asked of an
   * entry on late files that never mentions an apology
   */
  missingKey: number;
  /**
   * How much of the question the passage holds, counted in rare words: the covered weight
   * divided by the weight of a word the knowledge base never uses. Unlike coverage it
   * grows with a long question that tells a whole situation in the entry's words.
   */
  evidence: number;
  /** ranking score, 0..1: coverage blended with the relative BM25 score */
  score: number;
  /** share of one way of asking (title or a question) that the question contains, best over them, 0..1 */
  phrasingRecall: number;
  /**
   * how closely the question matches one of its ways of asking, both ways: the harmonic mean of
   * the share of that way the question says and the share of the question it says, best over them
   */
  phrasingMatch: number;
  /** share of the question's adjacent word pairs found side by side in the passage, 0..1 */
  pairCoverage: number;
  /** the question asks what a term means and the passage defines that term ("3. Nơi tiếp công dân bao gồm…") */
  definesAsked: boolean;
  /** off-topic phrases (lexicon) the question names and the passage never mentions */
  offTopic: string[];
  /**
   * how the passage's province fits the question's. The question names one: the passage is
   * about the "same", about an "other", or "national" (about none). It names none: the
   * passage is "local" (about some province) or not ("neither").
   */
  place: 'same' | 'other' | 'national' | 'local' | 'neither';
  /** its score's lead over the best candidate from another source: (top − rival) / top, 0..1 */
  lead: number;
  /** the question names documents: this passage is one of theirs ("named") or not ("other"); "none" named */
  document: 'named' | 'other' | 'none';
  /** answer types the question asks that the passage does not state */
  missingTypes: AnswerType[];
  /** the question asks an answer type and the passage states every one asked */
  answerTypeFits: boolean;
  /** the question asks a count in a unit ("bao nhiêu đại biểu") the passage gives no number of */
  unitMissing: boolean;
  /** the question asks a figure or a date (money, count, duration, date) */
  asksFigure: boolean;
  /** its place among the candidates after the re-rank, 0 = first */
  rank: number;
  /** it holds the question's heaviest word: it is about what the question is about */
  sharesTopic: boolean;
  /** a yes/no question asks two words or more ("có [cấp máy mới] không") and it holds none */
  predicateAbsent: boolean;
}

/** What a question brings besides its concepts: the answer types it asks, the documents it names. */
export interface QuestionContext {
  asked: AskedType[];
  scope: DocumentScope;
  /** per concept: it names a document the question names (what is asked of it is the rest) */
  naming?: boolean[];
  /** the question asks what a term means ("… là gì", "thế nào là …") */
  definition?: boolean;
  /** other fields' phrases the question names only in the story it tells before asking (context, not what is asked) */
  toldFields?: string[];
}

/** Searchable words of a passage, in both forms, split by where they occur. */
interface PassageTerms {
  /** each tone key and folded syllable it has, with where (HEAD_KEY…BODY_FOLDED bits): one lookup answers all four */
  words: Map<string, number>;
  /** the provinces and cities it is about (lexicon): named in its title or tags */
  places: Set<string>;
  /** what it says (title, tags and answer, not the ways of asking), folded, for phrase lookups */
  stated: string;
  /** the tokens of its head (headText) and of its body, read once for all of the above and its wording */
  head: Token[];
  body: Token[];
}

/** What the finer evidence reads of a passage: only the top hits need it. */
interface PassageWording {
  /** folded adjacent-syllable pairs, head and body */
  pairs: Set<string>;
  /** the title and each way of asking, as concepts with their weights (fixed for an index) */
  phrasings: Phrasing[];
}

/** A way of asking (or the title) as the wording evidence reads it. */
interface Phrasing {
  /** its concepts' alternatives, each folded syllable by its number (SearchIndex.syllableIds) */
  alternatives: number[][][];
  /** its concepts' weights (fixed for an index), and their sum */
  weights: number[];
  total: number;
  /** the number of every folded syllable it brings, once each */
  syllables: number[];
}

export interface SearchOptions {
  /** candidates re-ranked with accents and coverage */
  candidates?: number;
  /** answer types asked and documents named: kept on each hit, and a named document narrows the search */
  context?: QuestionContext;
}

/** Up to this many passages every query term is used; above it, terms are chosen within a budget. */
const SMALL_CORPUS = 2000;
/** Postings (passages scored) a query may touch, as a share of the corpus. */
const POSTINGS_BUDGET_SHARE = 0.02;
/**
 * Large corpora: terms found in more than this share of passages, or in more passages than
 * a query's whole budget, are left out of the index. Queries never spend their budget on
 * them, yet they hold most of the postings; coverage still sees them, since it reads the
 * candidates' own text.
 */
const INDEXED_DF_SHARE = 0.05;
/** Per-term results kept, counted in postings (ids with a score: 12 bytes each). */
const TERM_CACHE_POSTINGS = 1_000_000;
/**
 * Re-rank caches of passage term sets and wording: enough for the hot passages, bounded for
 * big corpora, where a passage takes some 14 kB in them and most candidates are new anyway.
 */
const TERMS_CACHE_SIZE = 500;
/** Credit for a word found only in the answer text, not in the title or the ways of asking. */
const BODY_CREDIT = 0.6;
/** An article's text is what it says, not an answer beside its ways of asking: nearly full credit. */
const ARTICLE_BODY_CREDIT = 0.9;
/** A candidate covering this much of the question is about what the question is about. */
const TOPIC_COVERAGE = 0.45;
/** Credit when the asker typed accents and only the folded form matches ("dương" vs "đường"). */
const ACCENT_MISMATCH_CREDIT = 0.3;
/** Credit for a lexicon equivalent rather than the typed word. */
const ALTERNATIVE_CREDIT = 0.95;
/** Credit for a one-letter typo correction. */
const TYPO_CREDIT = 0.8;
/** Longest defined term (in words) looked up for a question asking a meaning. */
const MAX_DEFINED_TERM_WORDS = 8;
/** Titles and ways of asking that must put a word pair together for a sound-alike spelling of it to be guessed. */
const MIN_SLIP_PAIR_DF = 2;
/** Share of a typed term's weight (in score and in terms matched) that a lexicon equivalent or a typo fix gets in retrieval. */
const GUESSED_TERM_WEIGHT = 0.5;
/** Weight of a number absent from the knowledge base. */
const UNKNOWN_NUMBER_IDF = 0.5;
/** A phrase guessed from initials is one some passages are titled or tagged with, not a one-off. */
const MIN_INITIALS_DF = 3;
/** …found with its rarer word this often… */
const INITIALS_COHESION = 0.5;
/** …and in many times more passages than the two letters as a word. */
const INITIALS_RARITY = 10;
/** Hits (best first) given phrasing recall and pair coverage: the ones a decision reads. */
export const EVIDENCE_HITS = 4;
/** Among those, phrasing recall's weight next to the ranking score when they are put in order. */
const RERANK_PHRASING_WEIGHT = 0.4;
/** …and pair coverage's (words side by side as asked: among articles sharing every word, the one that says it). */
const RERANK_PAIR_WEIGHT = 0.3;
/** …and what an article gains when it defines the term the question asks the meaning of. */
const RERANK_DEFINITION_WEIGHT = 0.3;
/** …and what an entry about one province gains there when the question names it, or loses when it names none. */
const RERANK_PLACE_WEIGHT = 0.1;
/** Ranking: share of the score from coverage by the title and ways of asking alone… */
const HEAD_WEIGHT = 0.3;
/** …and from BM25 relative to the best candidate (pairs reward words typed in the same order). */
const BM25_WEIGHT = 0.4;

/**
 * A regulation's "Điều 15.", "Chương II.", "Mục 2." are where a text sits, not what it says:
 * kept, the 15 of "đi muộn 15 phút" would find Điều 15 of every document. An article is
 * asked for by number only with its document named, and that is read apart (decide.ts).
 */
const SECTION_LABEL = /^(?:Điều|Chương|Mục|Phần)\s+[0-9IVXLC]+[a-zđ]?\s*[.:]?\s*/iu;
function searchableTitle(p: Passage): string {
  return p.kind === 'regulation' ? p.title.replace(SECTION_LABEL, '') : p.title;
}
function searchableTags(p: Passage): string[] {
  return p.kind === 'regulation' ? p.tags.map((t) => t.replace(SECTION_LABEL, '')) : p.tags;
}
/** An article's own tags: its chapter and part (its document's tags are every article's alike: "Hiến pháp: Quốc hội, Chủ tịch nước…"). */
function ownTags(p: Passage): string[] {
  return p.kind === 'regulation' ? p.tags.filter((t) => SECTION_LABEL.test(t)).map((t) => t.replace(SECTION_LABEL, '')) : p.tags;
}
/** An article's document's tags and name. */
function documentTags(p: Passage): string[] {
  return p.kind === 'regulation' ? p.tags.filter((t) => !SECTION_LABEL.test(t)) : [];
}

/** What a passage is asked by: its title, its ways of asking and its tags. */
function headParts(p: Passage): string[] {
  return [searchableTitle(p), ...p.questions, ...searchableTags(p)];
}

function headText(p: Passage): string {
  return headParts(p).join('\n');
}

/**
 * Index terms of the title, questions and tags, pairs included: phrases there matter most,
 * and pairs of long answer texts would multiply memory for little gain.
 */
function headTerms(analyzer: Analyzer, p: Passage): string[] {
  return analyzer.indexTerms(headText(p));
}

/**
 * MiniSearch over folded syllables and syllable pairs, then a re-rank of the top
 * candidates by how much of the question each one covers, accents included.
 */
export class SearchIndex {
  private readonly mini: MiniSearch<IndexedDocument>;
  /** document frequency of each folded syllable and of each tone key */
  private readonly dfFolded = new Map<string, number>();
  private readonly dfKey = new Map<string, number>();
  /** document frequency of each adjacent-syllable pair of the indexed head text */
  private readonly dfPair = new Map<string, number>();
  private readonly terms = new Map<Passage, PassageTerms>();
  private readonly wording = new Map<Passage, PassageWording>();
  private readonly defined = new Map<Passage, string[][]>();
  private readonly counted = new Map<Passage, Set<string>>();
  /**
   * Folded syllables of the ways of asking read so far, numbered: the wording evidence compares
   * numbers in the two arrays below instead of looking strings up in sets. Bounded by the vocabulary.
   */
  private readonly syllableIds = new Map<string, number>();
  /** per syllable number, the round it was last marked in: a syllable of the question… */
  private askedMark = new Int32Array(1024);
  /** …or of the way of asking being compared with the question */
  private saidMark = new Int32Array(1024);
  private markRound = 0;
  /** tone keys of the words the knowledge base writes without marks */
  private readonly plainKeys = new Set<string>();
  private readonly termCache = new Map<string, TermResults>();
  /** each passage's BM25 sum and matched terms for the query being retrieved: zero between queries */
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  private cachedPostings = 0;
  private readonly foldedVocabulary: string[];
  private initials?: Map<string, { words: string[]; df: number }>;
  private definers?: Map<string, number[]>;
  /** terms found in more passages are not indexed */
  private readonly maxIndexedDf: number;
  /** the answer types each passage states, read the first time a question asks one of it */
  private readonly facts = new Map<Passage, Set<AnswerType>>();
  private catalogue?: DocumentCatalogue;

  constructor(
    readonly passages: readonly Passage[],
    readonly analyzer: Analyzer,
    /** documents the FAQ entries cite without holding them (knowledge/documents.yaml) */
    private readonly cited?: ReadonlyMap<string, CitedDocument>,
  ) {
    this.mini = newMiniSearch();
    const n = passages.length;
    this.sums = new Float64Array(n);
    this.counts = new Float64Array(n);
    this.maxIndexedDf = n > SMALL_CORPUS ? Math.min(n * INDEXED_DF_SHARE, postingsBudget(n)) : Infinity;
    this.indexPassages();
    this.foldedVocabulary = [...this.dfFolded.keys()];
    analyzer.learnPlainWords(this.plainKeys);
  }

  /**
   * The documents the knowledge base holds or cites. Made at the first question, or by warmUp()
   * once the bot is ready: some 30 ms that starting need not wait for.
   */
  get documents(): DocumentCatalogue {
    return (this.catalogue ??= new DocumentCatalogue(this.passages, this.analyzer.kindsOfDocument, this.cited));
  }

  /** Makes now what the first question would otherwise make. */
  warmUp(): void {
    void this.documents;
  }

  /**
   * Build-time work in a method of its own (and MiniSearch's options made outside the class):
   * closures share their scope, and MiniSearch keeps its options' functions for good, so any
   * build-time data they could see would stay alive with them.
   */
  private indexPassages(): void {
    // A small corpus indexes every term: each passage goes into MiniSearch as soon as it is counted, its
    // words read once. A large one leaves out terms found too often, known only once all are counted:
    // its term lists are made again then rather than kept from the count, since held for every passage
    // at once they would double the memory the build peaks at.
    const filtered = this.maxIndexedDf !== Infinity;
    this.passages.forEach((p, i) => {
      const { head, body } = this.countFrequencies(p);
      if (!filtered) this.mini.add({ i, head: head.join(' '), body: this.bodyTerms(p, body).join(' ') });
    });
    if (!filtered) return;
    const indexed = (terms: string[]) => terms.filter((t) => this.termDf(t) <= this.maxIndexedDf).join(' ');
    this.passages.forEach((p, i) => this.mini.add({ i, head: indexed(headTerms(this.analyzer, p)), body: indexed(this.bodyTerms(p, this.analyzer.tokens(p.body))) }));
  }

  /** An article has no ways of asking: the word pairs of its text are what finds it ("trưởng phường"). */
  private bodyTerms(p: Passage, body: Token[]): string[] {
    return this.analyzer.indexTermsOf(body, p.kind === 'regulation');
  }

  get size(): number {
    return this.passages.length;
  }

  /** Counts a passage's words into the document frequencies; returns its head's index terms and its body's tokens. */
  private countFrequencies(p: Passage): { head: string[]; body: Token[] } {
    const keys = new Set<string>();
    const folded = new Set<string>();
    const count = (text: string) => {
      const tokens = this.analyzer.tokens(text);
      // Only a text written with marks tells that a bare word is meant bare ("nhau", not "nhậu").
      const marked = tokens.some((t) => t.accented);
      for (const t of tokens) {
        keys.add(t.key);
        folded.add(t.folded);
        if (marked && !t.accented) this.plainKeys.add(t.key);
      }
      return tokens;
    };
    // The head's tokens are those of headText(): its parts' words, one part after another.
    const head = this.analyzer.indexTermsOf(headParts(p).flatMap(count));
    const body = count(p.body);
    for (const k of keys) this.dfKey.set(k, (this.dfKey.get(k) ?? 0) + 1);
    for (const f of folded) this.dfFolded.set(f, (this.dfFolded.get(f) ?? 0) + 1);
    for (const term of new Set(head)) {
      if (term.includes('_')) this.dfPair.set(term, (this.dfPair.get(term) ?? 0) + 1);
    }
    return { head, body };
  }

  /** Passages an index term (folded syllable or "a_b" pair) occurs in. */
  private termDf(term: string): number {
    return (term.includes('_') ? this.dfPair.get(term) : this.dfFolded.get(term)) ?? 0;
  }

  /** Document frequency of a typed token: by tone key when accents were typed. */
  df(t: Token): number {
    return (t.accented ? this.dfKey.get(t.key) : this.dfFolded.get(t.folded)) ?? 0;
  }

  /** BM25-style inverse document frequency; unknown words weigh most. */
  idf(t: Token): number {
    const n = this.passages.length;
    const df = this.df(t);
    // A number the knowledge base never mentions ("30/4", "5 nghìn") is detail, not topic;
    // a document's number ("Nghị định 112") still names what is asked about.
    if (df === 0 && /^\d+$/.test(t.folded) && !t.documentNumber) return UNKNOWN_NUMBER_IDF;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Weight of a word no passage has: the most a single word can weigh. */
  private get unknownWordWeight(): number {
    const n = this.passages.length;
    return Math.log(1 + (n + 0.5) / 0.5);
  }

  /**
   * How much a concept matters: the commonest way of saying it decides, and a phrase is as
   * telling as its rarest syllable ("quyết định 733" weighs as "733", not as "quyết định").
   */
  weight(c: Concept): number {
    let best = Infinity;
    for (const alt of c.alternatives) {
      let w = -Infinity;
      for (const t of alt) w = Math.max(w, this.idf(t));
      if (w < best) best = w;
    }
    return best;
  }

  /**
   * Slips of typing, read against the knowledge base's own words: one-letter typo corrections
   * and phrases typed by their initials as alternatives of words it (nearly) never uses; a tone
   * slipped on a filler word dropped.
   */
  withTypoCorrections(concepts: Concept[]): Concept[] {
    return this.withSpellingSlips(this.withWordTypos(concepts));
  }

  /**
   * "sử lý" for "xử lý", "chách nhiệm" for "trách nhiệm": an initial consonant that sounds
   * alike in some dialects (s/x, ch/tr, d/gi/r, l/n) written for the other. Two words side by
   * side that no title or way of asking puts together, where the other spelling of one of them
   * does, get that spelling as a guess.
   */
  private withSpellingSlips(concepts: Concept[]): Concept[] {
    const single = (c: Concept | undefined) => (c && c.alternatives.length === 1 && c.alternatives[0]!.length === 1 ? c.alternatives[0]![0]! : undefined);
    const out = [...concepts];
    for (let i = 0; i + 1 < out.length; i++) {
      const [a, b] = [single(out[i]), single(out[i + 1])];
      if (!a || !b || out[i + 1]!.at !== out[i]!.at + 1 || this.dfPair.has(pair(a.folded, b.folded))) continue;
      const fixA = soundAlikes(a.folded).find((v) => (this.dfPair.get(pair(v, b.folded)) ?? 0) >= MIN_SLIP_PAIR_DF);
      const fixB = fixA ? undefined : soundAlikes(b.folded).find((v) => (this.dfPair.get(pair(a.folded, v)) ?? 0) >= MIN_SLIP_PAIR_DF);
      const guess = (c: Concept, typed: Token, fix: string): Concept => ({ ...c, alternatives: [[typed], [{ key: fix, folded: fix, accented: false, typo: true }]] });
      if (fixA) out[i] = guess(out[i]!, a, fixA);
      else if (fixB) out[i + 1] = guess(out[i + 1]!, b, fixB);
    }
    return out;
  }

  private withWordTypos(concepts: Concept[]): Concept[] {
    return concepts.flatMap((c) => {
      if (c.alternatives.length > 1 || c.alternatives[0]!.length !== 1) return [c];
      const typed = c.alternatives[0]![0]!;
      // "ứng xử vơi đồng nghiệp": marks the knowledge base never writes on a word that, bare,
      // is a filler ("với") are a slip of the tone, not the rarest word of the question.
      if (typed.accented && this.df(typed) === 0 && this.analyzer.isStopword({ ...typed, accented: false })) return [];
      if (typed.folded.length === 2 && /^[a-z]+$/.test(typed.folded)) return this.withInitialsGuess(c, typed);
      if (typed.accented || typed.folded.length < 3 || /\d/.test(typed.folded) || this.df(typed) > 0) return c;
      const fixes = this.foldedVocabulary
        .filter((v) => Math.abs(v.length - typed.folded.length) <= 1 && editDistanceAtMostOne(v, typed.folded))
        .sort((a, b) => (this.dfFolded.get(b) ?? 0) - (this.dfFolded.get(a) ?? 0))
        .slice(0, 3);
      if (fixes.length === 0) return c;
      return { ...c, alternatives: [[typed], ...fixes.map((f) => [{ key: f, folded: f, accented: false, typo: true }])] };
    });
  }

  /**
   * Two letters the knowledge base (nearly) never uses as a word may be a phrase typed by its
   * initials, as chat does with a document's key words ("gửi pa qua bưu điện": phản ánh;
   * "trưởng đk": đặc khu): the word pair of those initials that the most passages are titled or
   * tagged with, when its two words mostly go together (a phrase, not "phải làm").
   */
  private withInitialsGuess(c: Concept, typed: Token): Concept {
    const phrase = this.phraseOfInitials().get(typed.folded);
    if (!phrase || (this.dfFolded.get(typed.folded) ?? 0) * INITIALS_RARITY >= phrase.df) return c;
    return { ...c, alternatives: [[typed], phrase.words.map((f) => ({ key: f, folded: f, accented: false, typo: true }))] };
  }

  /** Initials (folded) → the most used head word pair with those initials; made on first use. */
  private phraseOfInitials(): Map<string, { words: string[]; df: number }> {
    if (this.initials) return this.initials;
    this.initials = new Map();
    for (const [term, df] of this.dfPair) {
      if (df < MIN_INITIALS_DF) continue;
      const words = term.split('_');
      if (words.some((w) => !/^[a-z]/.test(w))) continue;
      // The pair is a phrase when its rarer word mostly comes with the other.
      if (df < INITIALS_COHESION * Math.min(...words.map((w) => this.dfFolded.get(w) ?? 0))) continue;
      const initials = words.map((w) => w[0]).join('');
      if (df > (this.initials.get(initials)?.df ?? 0)) this.initials.set(initials, { words, df });
    }
    return this.initials;
  }

  /**
   * Terms to retrieve candidates with. MiniSearch scores every passage a term occurs in,
   * so on a large corpus the rarest terms are taken first, within a budget of postings
   * (document frequencies are counted at build time). Common words still count
   * for coverage in the re-rank; they just do not pull in candidates.
   */
  private queryTerms(concepts: Concept[]): { terms: string[]; guessed: Set<string> } {
    // The words as typed first: an equivalent or a typo fix is a guess, and its rare pairs
    // would otherwise spend the budget before the question's own words.
    const typed = new Set<string>();
    const guessed = new Set<string>();
    let previous: Token | undefined;
    for (const c of concepts) {
      c.alternatives.forEach((alt, index) => {
        const into = index === 0 ? typed : guessed;
        alt.forEach((t, i) => {
          into.add(t.folded);
          if (i > 0) into.add(pair(alt[i - 1]!.folded, t.folded));
        });
      });
      const first = c.alternatives[0]!;
      if (previous) typed.add(pair(previous.folded, first[0]!.folded));
      previous = first[first.length - 1];
    }
    for (const term of typed) guessed.delete(term);
    const n = this.passages.length;
    if (n <= SMALL_CORPUS) return { terms: [...typed, ...guessed], guessed };
    const budget = postingsBudget(n);
    const byRarity = (terms: Set<string>) =>
      [...terms]
        .map((term) => [term, this.termDf(term)] as const)
        .filter(([, d]) => d > 0 && d <= this.maxIndexedDf)
        .sort((a, b) => a[1] - b[1]);
    const chosen = new Set<string>();
    let spent = 0;
    for (const [term, d] of [...byRarity(typed), ...byRarity(guessed)]) {
      if (chosen.has(term) || spent + d > budget) continue;
      chosen.add(term);
      spent += d;
    }
    return { terms: [...chosen], guessed };
  }

  /**
   * The same ranking as one MiniSearch OR query of all the terms (sum of the terms'
   * BM25 scores times the number of terms matched), from per-term results that are
   * kept: questions share most of their terms, and a question with many lexicon
   * equivalents would otherwise score the same postings again and again.
   */
  private retrieve({ terms, guessed }: { terms: string[]; guessed: Set<string> }, limit: number, keep?: Set<Passage>): { id: number; score: number }[] {
    const { sums, counts } = this;
    const touched: number[] = [];
    for (const term of terms) {
      const { ids, scores } = this.termResults(term);
      // An equivalent the lexicon offers is a guess: an entry matching several equivalents of
      // one typed word would otherwise outscore one that holds the typed words themselves.
      const weight = guessed.has(term) ? GUESSED_TERM_WEIGHT : 1;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        if (counts[id] === 0) touched.push(id);
        sums[id] += weight * scores[k]!;
        counts[id] += weight;
      }
    }
    // The best `limit`, kept in order as they come (a full sort of every passage touched is not needed).
    const out: { id: number; score: number }[] = [];
    for (const id of touched) {
      const score = sums[id]! * counts[id]!;
      sums[id] = 0;
      counts[id] = 0;
      if (keep && !keep.has(this.passages[id]!)) continue;
      if (out.length === limit && !before(score, id, out[limit - 1]!)) continue;
      let at = out.length;
      while (at > 0 && before(score, id, out[at - 1]!)) at--;
      out.splice(at, 0, { id, score });
      if (out.length > limit) out.pop();
    }
    return out;
  }

  private termResults(term: string): TermResults {
    let r = this.termCache.get(term);
    if (!r) {
      const found = this.mini.search(term);
      r = { ids: Int32Array.from(found, (f) => f.id as number), scores: Float64Array.from(found, (f) => f.score) };
      // Bounded by postings kept, so a big corpus cannot grow it without limit.
      this.cachedPostings += r.ids.length;
      if (this.cachedPostings > TERM_CACHE_POSTINGS) {
        this.termCache.clear();
        this.cachedPostings = r.ids.length;
      }
      this.termCache.set(term, r);
    }
    return r;
  }

  /** Candidates ranked by coverage and BM25, best first. */
  search(concepts: Concept[], options: SearchOptions = {}): Hit[] {
    if (concepts.length === 0) return [];
    const limit = options.candidates ?? 12;
    const context = options.context ?? { asked: [], scope: { kind: 'none' } };
    // A named document narrows the search to its passages ("theo Hiến chương", "Nghị định 61").
    const keep = context.scope.kind === 'known' ? context.scope.passages : undefined;
    const terms = this.queryTerms(concepts);
    let results = this.retrieve(terms, limit * 2, keep);
    if (keep && results.length === 0) results = this.retrieve(terms, limit * 2);
    // An article defining the term asked is read though its words rank it low: a long "Giải
    // thích từ ngữ" article, and a term every article of its law uses ("quyết định hành chính").
    if (context.definition) results = this.withDefiners(results, concepts, keep);
    if (results.length === 0) return [];
    const top = results[0]!.score;
    const weights = concepts.map((c) => this.weight(c));
    const asksNationwide = namesPlaceAndMore(concepts);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const total = weightSum || 1;
    const naming = context.naming;
    const askedTotal = naming ? weights.reduce((a, w, i) => (naming[i] ? a : a + w), 0) || 1 : total;
    // The topic is the heaviest word the knowledge base knows: an unknown word weighs most but names no topic of it.
    const known = weights.map((w) => (w < this.unknownWordWeight - 1e-9 ? w : -1));
    const heaviest = known.indexOf(Math.max(...known));
    const hits: Hit[] = [];
    for (const r of results) {
      const passage = this.passages[r.id]!;
      const terms = this.termsOf(passage);
      let covered = 0;
      let headCovered = 0;
      let askedCovered = 0;
      let missingKey = 0;
      let sharesTopic = false;
      let predicateWords = 0;
      let predicateFound = 0;
      const bodyCredit = passage.kind === 'regulation' ? ARTICLE_BODY_CREDIT : BODY_CREDIT;
      for (let i = 0; i < concepts.length; i++) {
        const c = concepts[i]!;
        // A rule for the whole country holds in every province the asker names.
        if (c.place && asksNationwide && terms.places.size === 0) credit.all = credit.head = 1;
        // The words naming the document are held by each of its passages: the document is named.
        else if (naming?.[i] && keep?.has(passage)) credit.all = credit.head = 1;
        else conceptCredit(c, terms.words, bodyCredit);
        const all = credit.all;
        covered += weights[i]! * all;
        headCovered += weights[i]! * credit.head;
        if (!naming?.[i]) askedCovered += weights[i]! * all;
        // A word the knowledge base never uses (a typo, a name, chat filler) is missing everywhere: it tells no candidate apart.
        if (!naming?.[i] && known[i]! > 0) missingKey = Math.max(missingKey, weights[i]! * (1 - all));
        if (i === heaviest) sharesTopic = all >= 0.5;
        if (c.predicate) {
          predicateWords += c.alternatives[0]!.length;
          if (all > 0) predicateFound++;
        }
      }
      // A story's heaviest word may be a detail ("sinh nhật"): holding much of the question is sharing its topic too.
      if (covered / total >= TOPIC_COVERAGE) sharesTopic = true;
      const coverage = covered / total;
      hits.push({
        passage,
        bm25: r.score,
        coverage,
        headCoverage: headCovered / total,
        askedCoverage: askedCovered / askedTotal,
        missingKey: missingKey / this.unknownWordWeight,
        evidence: covered / this.unknownWordWeight,
        // An article has no ways of asking: its text is all it has to be found by.
        score: (coverage * (1 - HEAD_WEIGHT) + (passage.kind === 'regulation' ? coverage : headCovered / total) * HEAD_WEIGHT) * (1 - BM25_WEIGHT + BM25_WEIGHT * (r.score / top)),
        phrasingRecall: 0,
        phrasingMatch: 0,
        pairCoverage: 0,
        definesAsked: false,
        offTopic: [],
        place: 'neither',
        lead: 0,
        document: context.scope.kind === 'known' ? (context.scope.passages.has(passage) ? 'named' : 'other') : 'none',
        missingTypes: [],
        answerTypeFits: false,
        unitMissing: false,
        asksFigure: context.asked.some((a) => a.type === 'money' || a.type === 'count' || a.type === 'duration' || a.type === 'date' || a.type === 'time'),
        rank: 0,
        sharesTopic,
        predicateAbsent: predicateWords >= 2 && predicateFound === 0,
      });
    }
    hits.sort((a, b) => b.score - a.score);
    // A question asking an answer type (a sum, a date, a signer) is about the passages that state one.
    // When some do, the others are not weighed at all: they would be ruled out, and they are no rivals.
    if (context.asked.length > 0) {
      const states = (h: Hit) => context.asked.every((a) => this.factsOf(h.passage).has(a.type));
      if (hits.some(states)) hits.splice(0, hits.length, ...hits.filter(states));
    }
    // An article defining the term whose meaning is asked is read, wherever its words put it.
    if (context.definition) {
      this.addDefinitionEvidence(hits, concepts);
      hits.sort((a, b) => Number(b.definesAsked) - Number(a.definesAsked) || b.score - a.score);
    }
    const best = hits.slice(0, limit);
    // Only the few hits a decision looks at need the finer evidence.
    const evidenced = best.slice(0, EVIDENCE_HITS);
    this.addWordingEvidence(evidenced, concepts, weights, weightSum, context.toldFields ?? []);
    // Of close candidates, the one that is asked this way comes first ("trên thẻ có ảnh không"
    // is the card-contents entry, not the wear-your-card one, though both share the words).
    // A question naming a province asks about that province's own entry first; one naming
    // none asks about the national rule before any province's.
    const placeBonus = (h: Hit) => (h.place === 'same' ? RERANK_PLACE_WEIGHT : h.place === 'local' ? -RERANK_PLACE_WEIGHT : 0);
    const reranked = (h: Hit) => h.score + RERANK_PHRASING_WEIGHT * h.phrasingRecall + RERANK_PAIR_WEIGHT * h.pairCoverage + (h.definesAsked ? RERANK_DEFINITION_WEIGHT : 0) + placeBonus(h);
    evidenced.sort((a, b) => reranked(b) - reranked(a));
    this.addAnswerEvidence(evidenced, best, context.asked);
    return [...evidenced, ...best.slice(EVIDENCE_HITS)];
  }

  /** The retrieved passages, and after them the articles defining a term the question holds word for word. */
  private withDefiners(results: { id: number; score: number }[], concepts: Concept[], keep?: Set<Passage>): { id: number; score: number }[] {
    const asked = concepts.flatMap((c) => c.alternatives[0]!.map((t) => t.folded));
    const definers = this.definerIndex();
    const found = new Set<number>();
    for (let i = 0; i < asked.length; i++) {
      for (let n = 2; n <= MAX_DEFINED_TERM_WORDS && i + n <= asked.length; n++) for (const id of definers.get(asked.slice(i, i + n).join(' ')) ?? []) found.add(id);
    }
    const have = new Set(results.map((r) => r.id));
    const floor = results.at(-1)?.score ?? 0;
    const added = [...found].filter((id) => !have.has(id) && (!keep || keep.has(this.passages[id]!))).map((id) => ({ id, score: floor }));
    return [...results, ...added];
  }

  /** Defined term (folded words) → the articles defining it; made at the first question asking a meaning. */
  private definerIndex(): Map<string, number[]> {
    if (this.definers) return this.definers;
    this.definers = new Map();
    this.passages.forEach((p, id) => {
      if (p.kind !== 'regulation') return;
      for (const term of this.definedTermsOf(p)) {
        if (term.length < 2 || term.length > MAX_DEFINED_TERM_WORDS) continue;
        const key = term.join(' ');
        const ids = this.definers!.get(key) ?? [];
        if (!ids.includes(id)) ids.push(id);
        this.definers!.set(key, ids);
      }
    });
    return this.definers;
  }

  /** Which of the hits define a term the question holds word for word (of two words or more). */
  private addDefinitionEvidence(hits: Hit[], concepts: Concept[]): void {
    const asked = concepts.flatMap((c) => c.alternatives[0]!.map((t) => t.folded));
    for (const h of hits) {
      if (h.passage.kind !== 'regulation') continue;
      h.definesAsked = this.definedTermsOf(h.passage).some((term) => term.length >= 2 && asked.some((_, i) => term.every((w, j) => asked[i + j] === w)));
    }
  }

  private definedTermsOf(p: Passage): string[][] {
    let terms = this.defined.get(p);
    if (!terms) {
      terms = definedTerms(p.body).map((t) => this.analyzer.termWords(t));
      if (this.defined.size >= TERMS_CACHE_SIZE) this.defined.clear();
      this.defined.set(p, terms);
    }
    return terms;
  }

  /** Answer-type fit and lead over the best candidate from another source, for the hits a decision reads. */
  private addAnswerEvidence(evidenced: Hit[], all: Hit[], asked: AskedType[]): void {
    evidenced.forEach((h, rank) => {
      h.rank = rank;
      const facts = this.factsOf(h.passage);
      const noUnit = asked.filter((a) => a.type === 'count' && a.unit !== undefined && !(a.units ?? [a.unit]).some((u) => this.countedWordsOf(h.passage).has(u)));
      // A count in a unit the passage gives no number of rules it out; "may" typed bare may be "máy", so there it is only evidence.
      h.missingTypes = [...new Set([...asked.filter((a) => !givesType(facts, a.type)), ...noUnit.filter((a) => !a.bare)].map((a) => a.type))];
      h.unitMissing = noUnit.length > 0;
      h.answerTypeFits = asked.length > 0 && h.missingTypes.length === 0 && !h.unitMissing;
      const rival = all.find((o) => o !== h && !sameSource(o.passage, h.passage));
      h.lead = h.score <= 0 ? 0 : Math.max(0, (h.score - (rival?.score ?? 0)) / h.score);
    });
  }

  /** Phrasing recall, pair coverage and off-topic phrases of the given hits; `weights` are the concepts' (and `questionTotal` their sum). */
  private addWordingEvidence(hits: Hit[], concepts: Concept[], questionWeights: number[], questionTotal: number, toldFields: string[]): void {
    // Read first: reading a passage's ways of asking may number new syllables.
    const wordings = hits.map((h) => this.wordingOf(h.passage));
    const asked = this.newMarkRound();
    for (const folded of questionSyllables(concepts)) {
      const id = this.syllableIds.get(folded);
      if (id !== undefined) this.askedMark[id] = asked;
    }
    // A syllable no way of asking has read is in none of these (-1).
    const said = concepts.map((c) => c.alternatives.map((alt) => alt.map((t) => this.syllableIds.get(t.folded) ?? -1)));
    const pairs = questionPairs(concepts);
    // A rule for the whole country holds in the province the asker names: for it, the province's
    // words are neither said nor missing, and no word pair runs through them.
    const pairsBesidePlaces = questionPairs(concepts, (c) => !!c.place);
    const offTopic = this.analyzer.offTopicIn(concepts).filter(({ phrase }) => !toldFields.includes(phrase));
    const places = concepts.flatMap((c) => c.place ?? []);
    const asksNationwide = namesPlaceAndMore(concepts);
    hits.forEach((h, k) => {
      const wording = wordings[k]!;
      const terms = this.termsOf(h.passage);
      const nationwide = asksNationwide && terms.places.size === 0;
      let recallBest = 0;
      let matchBest = 0;
      for (const phrasing of wording.phrasings) {
        const r = recall(phrasing, this.askedMark, asked);
        recallBest = Math.max(recallBest, r);
        // Only a phrasing that could beat the best match needs the other direction measured.
        if (r === 0 || (2 * r) / (r + 1) <= matchBest) continue;
        const round = this.newMarkRound();
        for (const id of phrasing.syllables) this.saidMark[id] = round;
        let saidWeight = 0;
        for (let i = 0; i < said.length; i++) if ((nationwide && concepts[i]!.place) || anyWhole(said[i]!, this.saidMark, round)) saidWeight += questionWeights[i]!;
        const p = questionTotal === 0 ? 0 : saidWeight / questionTotal;
        matchBest = Math.max(matchBest, r + p === 0 ? 0 : (2 * r * p) / (r + p));
      }
      h.phrasingRecall = recallBest;
      h.phrasingMatch = matchBest;
      const askedPairs = nationwide ? pairsBesidePlaces : pairs;
      let pairsFound = 0;
      for (const options of askedPairs) if (anyIn(options, wording.pairs)) pairsFound++;
      h.pairCoverage = askedPairs.length === 0 ? 1 : pairsFound / askedPairs.length;
      // A way of asking may tell a story around another field; what the entry says decides.
      h.offTopic = offTopic.filter(({ tokens }) => !terms.stated.includes(` ${tokens.map((t) => t.folded).join(' ')} `)).map(({ phrase }) => phrase);
      h.place = placeFit(places, terms.places);
    });
  }

  /** A new round of marks, the arrays grown to every syllable numbered so far. */
  private newMarkRound(): number {
    const size = this.syllableIds.size;
    if (size > this.askedMark.length || this.markRound >= 0x7fffffff) {
      const length = Math.max(this.askedMark.length, 2 * size);
      this.askedMark = new Int32Array(length);
      this.saidMark = new Int32Array(length);
      this.markRound = 0;
    }
    return ++this.markRound;
  }

  private syllableId(folded: string): number {
    let id = this.syllableIds.get(folded);
    if (id === undefined) this.syllableIds.set(folded, (id = this.syllableIds.size));
    return id;
  }

  private factsOf(p: Passage): Set<AnswerType> {
    let f = this.facts.get(p);
    if (!f) {
      f = answerFacts(`${p.title}\n${p.body}`);
      // Which document says it is in the citation too (an article's is its own document): not its dates, which are the document's.
      if (namesDocument(p.citation)) f.add('document');
      this.facts.set(p, f);
    }
    return f;
  }

  /** The units a passage gives a number of (see countedWords), read when a question asks a count in one. */
  private countedWordsOf(p: Passage): Set<string> {
    let w = this.counted.get(p);
    if (!w) {
      w = countedWords(`${p.title}\n${p.body}`);
      if (this.counted.size >= TERMS_CACHE_SIZE) this.counted.clear();
      this.counted.set(p, w);
    }
    return w;
  }

  /** Folded adjacent-syllable pairs of a passage's head and body. */
  private pairsOf(p: Passage): Set<string> {
    const { head, body } = this.termsOf(p);
    return new Set([...this.analyzer.indexTermsOf(head), ...this.analyzer.indexTermsOf(body)].filter((term) => term.includes('_')));
  }

  private wordingOf(p: Passage): PassageWording {
    let w = this.wording.get(p);
    if (!w) {
      w = {
        pairs: this.pairsOf(p),
        phrasings: [searchableTitle(p), ...p.questions].filter((q) => q.trim()).map((q) => {
          const concepts = this.analyzer.concepts(q);
          const weights = concepts.map((c) => this.weight(c));
          return {
            alternatives: concepts.map((c) => c.alternatives.map((alt) => alt.map((t) => this.syllableId(t.folded)))),
            weights,
            total: weights.reduce((a, b) => a + b, 0),
            syllables: [...questionSyllables(concepts)].map((folded) => this.syllableId(folded)),
          };
        }),
      };
      if (this.wording.size >= TERMS_CACHE_SIZE) this.wording.clear();
      this.wording.set(p, w);
    }
    return w;
  }

  private termsOf(p: Passage): PassageTerms {
    let t = this.terms.get(p);
    if (!t) {
      // Each text is read once: the tokens of texts joined by lines are theirs one after another.
      const title = this.analyzer.tokens(searchableTitle(p));
      const tags = ownTags(p).flatMap((tag) => this.analyzer.tokens(tag));
      const head = [...title, ...p.questions.flatMap((q) => this.analyzer.tokens(q)), ...tags];
      // An article's document tags and name are its document's, alike for all its articles: they
      // count as its text, not as its title (they would make each article cover what another says).
      const body = [...this.analyzer.tokens(p.body), ...documentTags(p).flatMap((tag) => this.analyzer.tokens(tag))];
      // Named in the title or tags; a national rule may still give a province as an example.
      const identity = foldedLine([...title, ...p.tags.flatMap((tag) => this.analyzer.tokens(tag))]);
      const words = new Map<string, number>();
      const mark = (word: string, bit: number) => words.set(word, (words.get(word) ?? 0) | bit);
      for (const x of head) {
        mark(x.key, HEAD_KEY);
        mark(x.folded, HEAD_FOLDED);
      }
      for (const x of body) {
        mark(x.key, BODY_KEY);
        mark(x.folded, BODY_FOLDED);
      }
      t = {
        words,
        places: new Set(this.analyzer.places.filter(({ spellings }) => spellings.some((s) => identity.includes(` ${s} `))).map(({ place }) => place)),
        stated: foldedLine([...title, ...tags, ...body]),
        head,
        body,
      };
      // Bounded: a big corpus would otherwise cache every passage it ever re-ranked.
      if (this.terms.size >= TERMS_CACHE_SIZE) this.terms.clear();
      this.terms.set(p, t);
    }
    return t;
  }
}

/**
 * Two passages that cite the same article of the same document say the same thing: an FAQ entry
 * whose sources name the article (`ref:`), or whose citation holds the article's.
 */
export function sameSource(a: Passage, b: Passage): boolean {
  if (a.citation === b.citation) return true;
  if (a.kind === b.kind) return false;
  const [faq, article] = a.kind === 'faq' ? [a, b] : [b, a];
  return !!faq.sources?.some((s) => s.ref === article.id) || a.citation.includes(b.citation) || b.citation.includes(a.citation);
}

/** Postings (passages scored) a query may touch on a large corpus of n passages. */
function postingsBudget(n: number): number {
  return Math.max(SMALL_CORPUS, n * POSTINGS_BUDGET_SHARE);
}

/** Index of pre-analysed text: terms arrive space-separated, ready to use. */
function newMiniSearch(): MiniSearch<IndexedDocument> {
  return new MiniSearch<IndexedDocument>({
    idField: 'i',
    fields: ['head', 'body'],
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term || null,
    searchOptions: { boost: { head: 2.5 }, combineWith: 'OR' },
  });
}

interface IndexedDocument {
  i: number;
  head: string;
  body: string;
}

function placeFit(named: string[], about: Set<string>): Hit['place'] {
  if (named.length === 0) return about.size > 0 ? 'local' : 'neither';
  if (about.size === 0) return 'national';
  return named.some((p) => about.has(p)) ? 'same' : 'other';
}

/** Retrieval order: higher score first, ties by lower id. */
function before(score: number, id: number, other: { id: number; score: number }): boolean {
  return score > other.score || (score === other.score && id < other.id);
}

/** Passages one index term occurs in, with its BM25 score in each. */
interface TermResults {
  ids: Int32Array;
  scores: Float64Array;
}

/** Initial consonants some dialects say alike, so writers swap them ("sử lý", "chách nhiệm", "dải quyết", "nàm việc"). */
const SOUND_ALIKE_INITIALS: [string, string[]][] = [
  ['s', ['x']],
  ['x', ['s']],
  ['ch', ['tr']],
  ['tr', ['ch']],
  ['gi', ['d', 'r']],
  ['d', ['gi', 'r']],
  ['r', ['d', 'gi']],
  ['l', ['n']],
  ['n', ['l']],
];

/** The other spellings of a folded syllable's initial consonant ("su" → "xu"). */
function soundAlikes(folded: string): string[] {
  // "ng", "nh" are consonants of their own, not "n" + a vowel.
  if (/^n[gh]/.test(folded)) return [];
  const entry = SOUND_ALIKE_INITIALS.find(([initial]) => folded.startsWith(initial) && folded.length > initial.length && /[aeiouy]/.test(folded[initial.length]!));
  return entry ? entry[1].map((other) => other + folded.slice(entry[0].length)) : [];
}

/** "Địa chỉ" is a street address or a web address: a link answers it too. */
function givesType(facts: Set<AnswerType>, type: AnswerType): boolean {
  return facts.has(type) || (type === 'address' && facts.has('link'));
}

/** Weighted share of a way of asking whose concepts the question contains (its syllables marked `round` in `asked`). */
function recall(phrasing: Phrasing, asked: Int32Array, round: number): number {
  let found = 0;
  for (let i = 0; i < phrasing.alternatives.length; i++) if (anyWhole(phrasing.alternatives[i]!, asked, round)) found += phrasing.weights[i]!;
  return phrasing.total === 0 ? 0 : found / phrasing.total;
}

/** Whether one of a concept's alternatives (syllable numbers, -1 for none) is there whole: each syllable marked `round`. */
function anyWhole(alternatives: number[][], marks: Int32Array, round: number): boolean {
  for (const alt of alternatives) {
    let whole = true;
    for (let j = 0; j < alt.length && whole; j++) whole = alt[j]! >= 0 && marks[alt[j]!] === round;
    if (whole) return true;
  }
  return false;
}

function anyIn(options: string[], set: Set<string>): boolean {
  for (const o of options) if (set.has(o)) return true;
  return false;
}

/** Every syllable the question brings, in any of its equivalent forms, folded. */
function questionSyllables(concepts: Concept[]): Set<string> {
  const folded = new Set<string>();
  for (const c of concepts) for (const alt of c.alternatives) for (const t of alt) folded.add(t.folded);
  return folded;
}

/**
 * The question's adjacent word pairs, each with the spellings that count: within a typed
 * phrase, and across two neighbouring concepts in any of their equivalent forms.
 */
function questionPairs(concepts: Concept[], skip: (c: Concept) => boolean = () => false): string[][] {
  const out: string[][] = [];
  concepts.forEach((c, i) => {
    if (skip(c)) return;
    const typed = c.alternatives[0]!;
    for (let j = 1; j < typed.length; j++) out.push([pair(typed[j - 1]!.folded, typed[j]!.folded)]);
    const next = concepts[i + 1];
    if (!next || skip(next)) return;
    const options: string[] = [];
    for (const a of c.alternatives) for (const b of next.alternatives) options.push(pair(a[a.length - 1]!.folded, b[0]!.folded));
    out.push(options);
  });
  return out;
}

/**
 * The question names a province and asks something besides it: a rule for the whole country
 * (a passage about no province) holds there ("Đà Nẵng" alone is no question about it).
 */
function namesPlaceAndMore(concepts: Concept[]): boolean {
  return concepts.some((c) => c.place) && concepts.some((c) => !c.place);
}

/** Folded syllables, space-separated and space-padded, to look a phrase up in. */
function foldedLine(tokens: Token[]): string {
  return ` ${tokens.map((x) => x.folded).join(' ')} `;
}

/** Where a passage has a syllable (PassageTerms.words): as a tone key or folded, in its head or its body. */
const HEAD_KEY = 1;
const BODY_KEY = 2;
const HEAD_FOLDED = 4;
const BODY_FOLDED = 8;

/** conceptCredit's result, reused: it runs for every concept of every candidate. */
const credit = { all: 0, head: 0 };
/** locate's result, reused. */
const found = { head: 0, body: 0 };

/** Best credit of a concept in a passage (into `credit`): over its alternatives, the weakest syllable decides. */
function conceptCredit(c: Concept, words: Map<string, number>, bodyCredit: number): void {
  let all = 0;
  let head = 0;
  for (let index = 0; index < c.alternatives.length; index++) {
    const alt = c.alternatives[index]!;
    const factor = index === 0 ? 1 : alt[0]!.typo ? TYPO_CREDIT : ALTERNATIVE_CREDIT;
    // The words as typed earn a share per syllable found ("cải cách hành chính nhà nước"
    // still matches "cải cách hành chính"); an equivalent phrase counts only whole.
    const partial = index === 0;
    let a = partial ? 0 : 1;
    let h = partial ? 0 : 1;
    for (const t of alt) {
      locate(t, words);
      const inHead = found.head;
      const inBody = found.body * bodyCredit;
      if (partial) {
        a += Math.max(inHead, inBody) / alt.length;
        h += inHead / alt.length;
      } else {
        a = Math.min(a, Math.max(inHead, inBody));
        h = Math.min(h, inHead);
        // A syllable found nowhere leaves the whole phrase (and so its head share, never above it) at 0.
        if (a === 0) break;
      }
    }
    all = Math.max(all, a * factor);
    head = Math.max(head, h * factor);
  }
  credit.all = all;
  credit.head = head;
}

/**
 * A typed syllable's credit in a passage's head and body (into `found`): 1 where it is, 0 where
 * not; typed with accents, it must match by tone key, and only its folded form there earns
 * ACCENT_MISMATCH_CREDIT.
 */
function locate(t: Token, words: Map<string, number>): void {
  if (!t.accented) {
    const bits = words.get(t.folded) ?? 0;
    found.head = bits & HEAD_FOLDED ? 1 : 0;
    found.body = bits & BODY_FOLDED ? 1 : 0;
    return;
  }
  const bits = words.get(t.key) ?? 0;
  const folded = (bits & (HEAD_KEY | BODY_KEY)) === (HEAD_KEY | BODY_KEY) ? 0 : (words.get(t.folded) ?? 0);
  found.head = bits & HEAD_KEY ? 1 : folded & HEAD_FOLDED ? ACCENT_MISMATCH_CREDIT : 0;
  found.body = bits & BODY_KEY ? 1 : folded & BODY_FOLDED ? ACCENT_MISMATCH_CREDIT : 0;
}
