import MiniSearch from 'minisearch';
import type { Passage } from '../knowledge/types.js';
import { pair, type Analyzer, type Concept, type Token } from '../text/analyzer.js';
import { editDistanceAtMostOne } from './edit-distance.js';

/** How well a passage answers the question, with the evidence behind it. */
export interface Hit {
  passage: Passage;
  /** raw BM25+ score from MiniSearch (relative only) */
  bm25: number;
  /** share of the question's meaning (idf-weighted concepts) found in the passage, 0..1 */
  coverage: number;
  /** the same, counting only the title, questions and tags */
  headCoverage: number;
  /** ranking score, 0..1: coverage blended with the relative BM25 score */
  score: number;
}

/** Searchable words of a passage, in both forms, split by where they occur. */
interface PassageTerms {
  headKeys: Set<string>;
  headFolded: Set<string>;
  bodyKeys: Set<string>;
  bodyFolded: Set<string>;
}

export interface SearchOptions {
  /** candidates re-ranked with accents and coverage */
  candidates?: number;
}

/** Up to this many passages every query term is used; above it, terms are chosen within a budget. */
const SMALL_CORPUS = 2000;
/** Postings (passages scored) a query may touch, as a share of the corpus. */
const POSTINGS_BUDGET_SHARE = 0.02;
/**
 * Large corpora: syllables found in more than this share of passages are left out of the
 * index. Queries never spend their budget on them, yet they hold most of the postings;
 * coverage still sees them, since it reads the candidates' own text.
 */
const INDEXED_DF_SHARE = 0.05;
/** Re-rank cache of passage term sets: enough for the hot passages, bounded for big corpora. */
const TERMS_CACHE_SIZE = 2000;
/** Credit for a word found only in the answer text, not in the title or the ways of asking. */
const BODY_CREDIT = 0.6;
/** Credit when the asker typed accents and only the folded form matches ("dương" vs "đường"). */
const ACCENT_MISMATCH_CREDIT = 0.3;
/** Credit for a lexicon equivalent rather than the typed word. */
const ALTERNATIVE_CREDIT = 0.95;
/** Credit for a one-letter typo correction. */
const TYPO_CREDIT = 0.8;
/** Ranking: share of the score from coverage by the title and ways of asking alone… */
const HEAD_WEIGHT = 0.3;
/** …and from BM25 relative to the best candidate (pairs reward words typed in the same order). */
const BM25_WEIGHT = 0.4;

function headText(p: Passage): string {
  return [p.title, ...p.questions, ...p.tags].join('\n');
}

/**
 * MiniSearch over folded syllables and syllable pairs, then a re-rank of the top
 * candidates by how much of the question each one covers, accents included.
 */
export class SearchIndex {
  private readonly mini: MiniSearch<{ i: number; head: string; body: string }>;
  /** document frequency of each folded syllable and of each tone key */
  private readonly dfFolded = new Map<string, number>();
  private readonly dfKey = new Map<string, number>();
  /** document frequency of each adjacent-syllable pair of the indexed head text */
  private readonly dfPair = new Map<string, number>();
  private readonly terms = new Map<number, PassageTerms>();
  private readonly foldedVocabulary: string[];

  constructor(
    readonly passages: readonly Passage[],
    readonly analyzer: Analyzer,
  ) {
    this.mini = new MiniSearch({
      idField: 'i',
      fields: ['head', 'body'],
      tokenize: (text) => (text ? text.split(' ') : []),
      processTerm: (term) => term || null,
      searchOptions: { boost: { head: 2.5 }, combineWith: 'OR' },
    });
    // Pairs only where questions are phrased (title, questions, tags): phrases there matter
    // most, and pairs of long answer texts would multiply memory for little gain.
    const heads = passages.map((p) => analyzer.indexTerms(headText(p)));
    passages.forEach((p, i) => this.countFrequencies(p, heads[i]!));
    const tooCommon = passages.length > SMALL_CORPUS ? passages.length * INDEXED_DF_SHARE : Infinity;
    const indexed = (terms: string[]) => terms.filter((t) => this.termDf(t) <= tooCommon).join(' ');
    passages.forEach((p, i) => this.mini.add({ i, head: indexed(heads[i]!), body: indexed(analyzer.indexTerms(p.body, false)) }));
    this.foldedVocabulary = [...this.dfFolded.keys()];
  }

  get size(): number {
    return this.passages.length;
  }

  private countFrequencies(p: Passage, headTerms: string[]): void {
    const keys = new Set<string>();
    const folded = new Set<string>();
    for (const t of this.analyzer.tokens(headText(p) + '\n' + p.body)) {
      keys.add(t.key);
      folded.add(t.folded);
    }
    for (const k of keys) this.dfKey.set(k, (this.dfKey.get(k) ?? 0) + 1);
    for (const f of folded) this.dfFolded.set(f, (this.dfFolded.get(f) ?? 0) + 1);
    for (const term of new Set(headTerms)) {
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
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** How much a concept matters: the commonest way of saying it decides. */
  weight(c: Concept): number {
    let best = Infinity;
    for (const alt of c.alternatives) {
      const w = alt.reduce((sum, t) => sum + this.idf(t), 0) / alt.length;
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
    const candidates = new Set<string>();
    let previous: Token | undefined;
    for (const c of concepts) {
      for (const alt of c.alternatives) {
        alt.forEach((t, i) => {
          candidates.add(t.folded);
          if (i > 0) candidates.add(pair(alt[i - 1]!.folded, t.folded));
        });
      }
      const first = c.alternatives[0]!;
      if (previous) candidates.add(pair(previous.folded, first[0]!.folded));
      previous = first[first.length - 1];
    }
    const n = this.passages.length;
    if (n <= SMALL_CORPUS) return [...candidates];
    const budget = Math.max(SMALL_CORPUS, n * POSTINGS_BUDGET_SHARE);
    const sorted = [...candidates]
      .map((term) => [term, this.termDf(term)] as const)
      .filter(([, d]) => d > 0 && d <= n * INDEXED_DF_SHARE)
      .sort((a, b) => a[1] - b[1]);
    const chosen: string[] = [];
    let spent = 0;
    for (const [term, d] of sorted) {
      if (chosen.length >= 1 && spent + d > budget) break;
      chosen.push(term);
      spent += d;
    }
    return chosen;
  }

  /** Candidates ranked by coverage and BM25, best first. */
  search(concepts: Concept[], options: SearchOptions = {}): Hit[] {
    if (concepts.length === 0) return [];
    const limit = options.candidates ?? 12;
    const results = this.mini.search({ combineWith: 'OR', queries: this.queryTerms(concepts) });
    if (results.length === 0) return [];
    const top = results[0]!.score;
    const weights = concepts.map((c) => this.weight(c));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    const hits: Hit[] = [];
    for (const r of results.slice(0, limit * 2)) {
      const passage = this.passages[r.id as number]!;
      const terms = this.termsOf(r.id as number, passage);
      let covered = 0;
      let headCovered = 0;
      concepts.forEach((c, i) => {
        const { all, head } = conceptCredit(c, terms);
        covered += weights[i]! * all;
        headCovered += weights[i]! * head;
      });
      const coverage = covered / total;
      hits.push({ passage, bm25: r.score, coverage, headCoverage: headCovered / total, score: (coverage * (1 - HEAD_WEIGHT) + (headCovered / total) * HEAD_WEIGHT) * (1 - BM25_WEIGHT + BM25_WEIGHT * (r.score / top)) });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }

  private termsOf(i: number, p: Passage): PassageTerms {
    let t = this.terms.get(i);
    if (!t) {
      const head = this.analyzer.tokens(headText(p));
      const body = this.analyzer.tokens(p.body);
      t = {
        headKeys: new Set(head.map((x) => x.key)),
        headFolded: new Set(head.map((x) => x.folded)),
        bodyKeys: new Set(body.map((x) => x.key)),
        bodyFolded: new Set(body.map((x) => x.folded)),
      };
      // Bounded: a big corpus would otherwise cache every passage it ever re-ranked.
      if (this.terms.size >= TERMS_CACHE_SIZE) this.terms.clear();
      this.terms.set(i, t);
    }
    return t;
  }
}

/** Best credit of a concept in a passage: over its alternatives, the weakest syllable decides. */
function conceptCredit(c: Concept, terms: PassageTerms): { all: number; head: number } {
  let all = 0;
  let head = 0;
  c.alternatives.forEach((alt, index) => {
    const factor = index === 0 ? 1 : alt[0]!.typo ? TYPO_CREDIT : ALTERNATIVE_CREDIT;
    let a = 1;
    let h = 1;
    for (const t of alt) {
      const inHead = matchCredit(t, terms.headKeys, terms.headFolded);
      const inBody = matchCredit(t, terms.bodyKeys, terms.bodyFolded) * BODY_CREDIT;
      a = Math.min(a, Math.max(inHead, inBody));
      h = Math.min(h, inHead);
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
