import MiniSearch from 'minisearch';
import type { CitedDocument, Passage } from '../knowledge/types.js';
import { pair, type Analyzer, type AnswerType, type AskedType, type Concept, type Token } from '../text/analyzer.js';
import { DocumentCatalogue, type DocumentScope } from './documents.js';
import { editDistanceAtMostOne } from './edit-distance.js';
import { answerFacts, statesCount } from './facts.js';

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
}

/** What a question brings besides its concepts: the answer types it asks, the documents it names. */
export interface QuestionContext {
  asked: AskedType[];
  scope: DocumentScope;
  /** per concept: it names a document the question names (what is asked of it is the rest) */
  naming?: boolean[];
}

/** Searchable words of a passage, in both forms, split by where they occur. */
interface PassageTerms {
  headKeys: Set<string>;
  headFolded: Set<string>;
  bodyKeys: Set<string>;
  bodyFolded: Set<string>;
  /** the provinces and cities it is about (lexicon): named in its title or tags */
  places: Set<string>;
  /** what it says (title, tags and answer, not the ways of asking), folded, for phrase lookups */
  stated: string;
}

/** What the finer evidence reads of a passage: only the top hits need it. */
interface PassageWording {
  /** folded adjacent-syllable pairs, head and body */
  pairs: Set<string>;
  /** the title and each way of asking, as concepts with their weights (fixed for an index) */
  phrasings: { concepts: Concept[]; weights: number[]; total: number; syllables: Set<string> }[];
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
/** Weight of a number absent from the knowledge base. */
const UNKNOWN_NUMBER_IDF = 0.5;
/** Hits (best first) given phrasing recall and pair coverage: the ones a decision reads. */
export const EVIDENCE_HITS = 4;
/** Among those, phrasing recall's weight next to the ranking score when they are put in order. */
const RERANK_PHRASING_WEIGHT = 0.4;
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

function headText(p: Passage): string {
  return [searchableTitle(p), ...p.questions, ...searchableTags(p)].join('\n');
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
  /** tone keys of the words the knowledge base writes without marks */
  private readonly plainKeys = new Set<string>();
  private readonly termCache = new Map<string, TermResults>();
  private cachedPostings = 0;
  private readonly foldedVocabulary: string[];
  /** terms found in more passages are not indexed */
  private readonly maxIndexedDf: number;
  /** the answer types each passage states, read once at build time */
  private readonly facts = new Map<Passage, Set<AnswerType>>();
  /** the documents the knowledge base holds or cites */
  readonly documents: DocumentCatalogue;

  constructor(
    readonly passages: readonly Passage[],
    readonly analyzer: Analyzer,
    /** documents the FAQ entries cite without holding them (knowledge/documents.yaml) */
    cited?: ReadonlyMap<string, CitedDocument>,
  ) {
    this.mini = newMiniSearch();
    const n = passages.length;
    this.maxIndexedDf = n > SMALL_CORPUS ? Math.min(n * INDEXED_DF_SHARE, postingsBudget(n)) : Infinity;
    this.indexPassages();
    for (const p of passages) this.facts.set(p, answerFacts(`${p.title}\n${p.body}`));
    this.documents = new DocumentCatalogue(passages, analyzer.kindsOfDocument, cited);
    this.foldedVocabulary = [...this.dfFolded.keys()];
    analyzer.learnPlainWords(this.plainKeys);
  }

  /**
   * Build-time work in a method of its own (and MiniSearch's options made outside the class):
   * closures share their scope, and MiniSearch keeps its options' functions for good, so any
   * build-time data they could see would stay alive with them.
   */
  private indexPassages(): void {
    for (const p of this.passages) this.countFrequencies(p);
    const indexed = (terms: string[]) => terms.filter((t) => this.termDf(t) <= this.maxIndexedDf).join(' ');
    // Term lists are made again rather than kept from the count: held for every passage at
    // once, they would double the memory the build peaks at.
    // An article has no ways of asking: the word pairs of its text are what finds it ("trưởng phường").
    this.passages.forEach((p, i) => this.mini.add({ i, head: indexed(headTerms(this.analyzer, p)), body: indexed(this.analyzer.indexTerms(p.body, p.kind === 'regulation')) }));
  }

  get size(): number {
    return this.passages.length;
  }

  private countFrequencies(p: Passage): void {
    const keys = new Set<string>();
    const folded = new Set<string>();
    for (const text of [searchableTitle(p), ...p.questions, ...searchableTags(p), p.body]) {
      const tokens = this.analyzer.tokens(text);
      // Only a text written with marks tells that a bare word is meant bare ("nhau", not "nhậu").
      const marked = tokens.some((t) => t.accented);
      for (const t of tokens) {
        keys.add(t.key);
        folded.add(t.folded);
        if (marked && !t.accented) this.plainKeys.add(t.key);
      }
    }
    for (const k of keys) this.dfKey.set(k, (this.dfKey.get(k) ?? 0) + 1);
    for (const f of folded) this.dfFolded.set(f, (this.dfFolded.get(f) ?? 0) + 1);
    for (const term of new Set(headTerms(this.analyzer, p))) {
      if (term.includes('_')) this.dfPair.set(term, (this.dfPair.get(term) ?? 0) + 1);
    }
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
      const w = Math.max(...alt.map((t) => this.idf(t)));
      if (w < best) best = w;
    }
    return best;
  }

  /** Adds one-letter typo corrections as alternatives of words the knowledge base has never seen. */
  withTypoCorrections(concepts: Concept[]): Concept[] {
    return concepts.map((c) => {
      if (c.alternatives.length > 1 || c.alternatives[0]!.length !== 1) return c;
      const typed = c.alternatives[0]![0]!;
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
   * Terms to retrieve candidates with. MiniSearch scores every passage a term occurs in,
   * so on a large corpus the rarest terms are taken first, within a budget of postings
   * (document frequencies are counted at build time). Common words still count
   * for coverage in the re-rank; they just do not pull in candidates.
   */
  private queryTerms(concepts: Concept[]): string[] {
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
    const n = this.passages.length;
    if (n <= SMALL_CORPUS) return [...new Set([...typed, ...guessed])];
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
    return [...chosen];
  }

  /**
   * The same ranking as one MiniSearch OR query of all the terms (sum of the terms'
   * BM25 scores times the number of terms matched), from per-term results that are
   * kept: questions share most of their terms, and a question with many lexicon
   * equivalents would otherwise score the same postings again and again.
   */
  private retrieve(terms: string[], limit: number, keep?: Set<Passage>): { id: number; score: number }[] {
    const sums = new Map<number, number>();
    const counts = new Map<number, number>();
    for (const term of terms) {
      const { ids, scores } = this.termResults(term);
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        sums.set(id, (sums.get(id) ?? 0) + scores[k]!);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const out: { id: number; score: number }[] = [];
    for (const [id, sum] of sums) if (!keep || keep.has(this.passages[id]!)) out.push({ id, score: sum * counts.get(id)! });
    return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
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
    if (results.length === 0) return [];
    const top = results[0]!.score;
    const weights = concepts.map((c) => this.weight(c));
    const asksBesidesPlace = concepts.some((c) => !c.place);
    const total = weights.reduce((a, b) => a + b, 0) || 1;
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
      concepts.forEach((c, i) => {
        // A rule for the whole country holds in every province the asker names (when the
        // question asks something besides the place: "Đà Nẵng" alone is no question about it).
        const nationwide = c.place && asksBesidesPlace && terms.places.size === 0;
        const { all, head } = nationwide ? { all: 1, head: 1 } : conceptCredit(c, terms, passage.kind === 'regulation' ? ARTICLE_BODY_CREDIT : BODY_CREDIT);
        covered += weights[i]! * all;
        headCovered += weights[i]! * head;
        if (!naming?.[i]) askedCovered += weights[i]! * all;
        // A word the knowledge base never uses (a typo, a name, chat filler) is missing everywhere: it tells no candidate apart.
        if (!naming?.[i] && known[i]! > 0) missingKey = Math.max(missingKey, weights[i]! * (1 - all));
        if (i === heaviest) sharesTopic = all >= 0.5;
      });
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
        offTopic: [],
        place: 'neither',
        lead: 0,
        document: context.scope.kind === 'known' ? (context.scope.passages.has(passage) ? 'named' : 'other') : 'none',
        missingTypes: [],
        answerTypeFits: false,
        unitMissing: false,
        asksFigure: context.asked.some((a) => a.type === 'money' || a.type === 'count' || a.type === 'duration' || a.type === 'date'),
        rank: 0,
        sharesTopic,
      });
    }
    hits.sort((a, b) => b.score - a.score);
    // A question asking an answer type (a sum, a date, a signer) is about the passages that state one.
    // When some do, the others are not weighed at all: they would be ruled out, and they are no rivals.
    if (context.asked.length > 0) {
      const states = (h: Hit) => context.asked.every((a) => this.facts.get(h.passage)!.has(a.type));
      if (hits.some(states)) hits.splice(0, hits.length, ...hits.filter(states));
    }
    const best = hits.slice(0, limit);
    // Only the few hits a decision looks at need the finer evidence.
    const evidenced = best.slice(0, EVIDENCE_HITS);
    this.addWordingEvidence(evidenced, concepts);
    // Of close candidates, the one that is asked this way comes first ("trên thẻ có ảnh không"
    // is the card-contents entry, not the wear-your-card one, though both share the words).
    // A question naming a province asks about that province's own entry first; one naming
    // none asks about the national rule before any province's.
    const placeBonus = (h: Hit) => (h.place === 'same' ? RERANK_PLACE_WEIGHT : h.place === 'local' ? -RERANK_PLACE_WEIGHT : 0);
    const reranked = (h: Hit) => h.score + RERANK_PHRASING_WEIGHT * h.phrasingRecall + placeBonus(h);
    evidenced.sort((a, b) => reranked(b) - reranked(a));
    this.addAnswerEvidence(evidenced, best, context.asked);
    return [...evidenced, ...best.slice(EVIDENCE_HITS)];
  }

  /** Answer-type fit and lead over the best candidate from another source, for the hits a decision reads. */
  private addAnswerEvidence(evidenced: Hit[], all: Hit[], asked: AskedType[]): void {
    evidenced.forEach((h, rank) => {
      h.rank = rank;
      const facts = this.facts.get(h.passage)!;
      const text = `${h.passage.title}\n${h.passage.body}`;
      const noUnit = asked.filter((a) => a.type === 'count' && a.unit !== undefined && !(a.units ?? [a.unit]).some((u) => statesCount(text, u)));
      // A count in a unit the passage gives no number of rules it out; "may" typed bare may be "máy", so there it is only evidence.
      h.missingTypes = [...new Set([...asked.filter((a) => !givesType(facts, a.type)), ...noUnit.filter((a) => !a.bare)].map((a) => a.type))];
      h.unitMissing = noUnit.length > 0;
      h.answerTypeFits = asked.length > 0 && h.missingTypes.length === 0 && !h.unitMissing;
      const rival = all.find((o) => o !== h && !sameSource(o.passage, h.passage));
      h.lead = h.score <= 0 ? 0 : Math.max(0, (h.score - (rival?.score ?? 0)) / h.score);
    });
  }

  /** Phrasing recall, pair coverage and off-topic phrases of the given hits. */
  private addWordingEvidence(hits: Hit[], concepts: Concept[]): void {
    const asked = questionSyllables(concepts);
    const questionWeights = concepts.map((c) => this.weight(c));
    const questionTotal = questionWeights.reduce((a, b) => a + b, 0);
    const pairs = questionPairs(concepts);
    const offTopic = this.analyzer.offTopicIn(concepts);
    const places = concepts.flatMap((c) => c.place ?? []);
    for (const h of hits) {
      const wording = this.wordingOf(h.passage);
      const terms = this.termsOf(h.passage);
      let recallBest = 0;
      let matchBest = 0;
      for (const phrasing of wording.phrasings) {
        const r = this.recall(phrasing, asked);
        recallBest = Math.max(recallBest, r);
        // Only a phrasing that could beat the best match needs the other direction measured.
        if (r === 0 || (2 * r) / (r + 1) <= matchBest) continue;
        let said = 0;
        for (let i = 0; i < concepts.length; i++) if (saidIn(concepts[i]!, phrasing.syllables)) said += questionWeights[i]!;
        const p = questionTotal === 0 ? 0 : said / questionTotal;
        matchBest = Math.max(matchBest, r + p === 0 ? 0 : (2 * r * p) / (r + p));
      }
      h.phrasingRecall = recallBest;
      h.phrasingMatch = matchBest;
      h.pairCoverage = pairs.length === 0 ? 1 : pairs.filter((options) => options.some((p) => wording.pairs.has(p))).length / pairs.length;
      // A way of asking may tell a story around another field; what the entry says decides.
      h.offTopic = offTopic.filter(({ tokens }) => !terms.stated.includes(` ${tokens.map((t) => t.folded).join(' ')} `)).map(({ phrase }) => phrase);
      h.place = placeFit(places, terms.places);
    }
  }

  /** Weighted share of a way of asking whose concepts the question contains (folded syllables). */
  private recall(phrasing: PassageWording['phrasings'][number], asked: Set<string>): number {
    let found = 0;
    phrasing.concepts.forEach((c, i) => {
      if (c.alternatives.some((alt) => alt.every((t) => asked.has(t.folded)))) found += phrasing.weights[i]!;
    });
    return phrasing.total === 0 ? 0 : found / phrasing.total;
  }

  private wordingOf(p: Passage): PassageWording {
    let w = this.wording.get(p);
    if (!w) {
      w = {
        pairs: new Set([...this.analyzer.indexTerms(headText(p)), ...this.analyzer.indexTerms(p.body)].filter((term) => term.includes('_'))),
        phrasings: [searchableTitle(p), ...p.questions].filter((q) => q.trim()).map((q) => {
          const concepts = this.analyzer.concepts(q);
          const weights = concepts.map((c) => this.weight(c));
          return { concepts, weights, total: weights.reduce((a, b) => a + b, 0), syllables: questionSyllables(concepts) };
        }),
      };
      if (this.wording.size >= TERMS_CACHE_SIZE) this.wording.clear();
      this.wording.set(p, w);
    }
    return w;
  }

  /** Folded syllables of the texts, space-separated and space-padded, to look a phrase up in. */
  private foldedText(texts: string[]): string {
    return ` ${this.analyzer.tokens(texts.join('\n')).map((x) => x.folded).join(' ')} `;
  }

  private termsOf(p: Passage): PassageTerms {
    let t = this.terms.get(p);
    if (!t) {
      const head = this.analyzer.tokens(headText(p));
      const body = this.analyzer.tokens(p.body);
      // Named in the title or tags; a national rule may still give a province as an example.
      const identity = this.foldedText([searchableTitle(p), ...searchableTags(p)]);
      t = {
        headKeys: new Set(head.map((x) => x.key)),
        headFolded: new Set(head.map((x) => x.folded)),
        bodyKeys: new Set(body.map((x) => x.key)),
        bodyFolded: new Set(body.map((x) => x.folded)),
        places: new Set(this.analyzer.places.filter(({ spellings }) => spellings.some((s) => identity.includes(` ${s} `))).map(({ place }) => place)),
        stated: this.foldedText([searchableTitle(p), ...searchableTags(p), p.body]),
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

/** Passages one index term occurs in, with its BM25 score in each. */
interface TermResults {
  ids: Int32Array;
  scores: Float64Array;
}

/** "Địa chỉ" is a street address or a web address: a link answers it too. */
function givesType(facts: Set<AnswerType>, type: AnswerType): boolean {
  return facts.has(type) || (type === 'address' && facts.has('link'));
}

/** Whether a concept of the question is said (one of its alternatives, whole) among these syllables. */
function saidIn(c: Concept, syllables: Set<string>): boolean {
  return c.alternatives.some((alt) => alt.every((t) => syllables.has(t.folded)));
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
function questionPairs(concepts: Concept[]): string[][] {
  const out: string[][] = [];
  concepts.forEach((c, i) => {
    const typed = c.alternatives[0]!;
    for (let j = 1; j < typed.length; j++) out.push([pair(typed[j - 1]!.folded, typed[j]!.folded)]);
    const next = concepts[i + 1];
    if (!next) return;
    const options: string[] = [];
    for (const a of c.alternatives) for (const b of next.alternatives) options.push(pair(a[a.length - 1]!.folded, b[0]!.folded));
    out.push(options);
  });
  return out;
}

/** Best credit of a concept in a passage: over its alternatives, the weakest syllable decides. */
function conceptCredit(c: Concept, terms: PassageTerms, bodyCredit: number): { all: number; head: number } {
  let all = 0;
  let head = 0;
  c.alternatives.forEach((alt, index) => {
    const factor = index === 0 ? 1 : alt[0]!.typo ? TYPO_CREDIT : ALTERNATIVE_CREDIT;
    // The words as typed earn a share per syllable found ("cải cách hành chính nhà nước"
    // still matches "cải cách hành chính"); an equivalent phrase counts only whole.
    const partial = index === 0;
    let a = partial ? 0 : 1;
    let h = partial ? 0 : 1;
    for (const t of alt) {
      const inHead = matchCredit(t, terms.headKeys, terms.headFolded);
      const inBody = matchCredit(t, terms.bodyKeys, terms.bodyFolded) * bodyCredit;
      if (partial) {
        a += Math.max(inHead, inBody) / alt.length;
        h += inHead / alt.length;
      } else {
        a = Math.min(a, Math.max(inHead, inBody));
        h = Math.min(h, inHead);
      }
    }
    all = Math.max(all, a * factor);
    head = Math.max(head, h * factor);
  });
  return { all, head };
}

function matchCredit(t: Token, keys: Set<string>, folded: Set<string>): number {
  if (!t.accented) return folded.has(t.folded) ? 1 : 0;
  if (keys.has(t.key)) return 1;
  return folded.has(t.folded) ? ACCENT_MISMATCH_CREDIT : 0;
}
