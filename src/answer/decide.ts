import type { Passage } from '../knowledge/types.js';
import { EVIDENCE_HITS, sameSource, type Hit, type SearchIndex } from '../search/index.js';
import { documentNameConcepts, stripAddressing, type Concept } from '../text/analyzer.js';
import { fold } from '../text/vietnamese.js';
import { confidence, loadModel, type ConfidenceModel } from './confidence.js';
import { evidenceOf, type FeatureName } from './evidence.js';
import { detectSmalltalk, withoutSmalltalkOpening, type SmalltalkKind } from './smalltalk.js';

export type Status = 'answered' | 'suggested' | 'escalated' | 'smalltalk';

/** Decision settings: the model's two thresholds may be overridden (config), the rest is fixed. */
export interface Thresholds {
  /** answer when the best candidate's confidence reaches this (default: the model's) */
  answer?: number;
  /** offer candidates at or above this as "Có phải bạn muốn hỏi…" (default: the model's) */
  suggest?: number;
  /** longest question searched; longer ones go to a person whole */
  maxQuestionLength: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { maxQuestionLength: 1000 };

/**
 * Why a decision was taken, by name: `confident`, `cited_article`; or what blocked an answer:
 * `answer_type_missing:<type>`, `document_not_in_kb`, `other_document`, `other_place`, `close_rival`,
 * `low_confidence`, `no_match`, `too_long`; small talk gives its kind.
 */
export type Reason = string;

export interface Decision {
  status: Status;
  /** the entry answered with (answered) */
  passage?: Passage;
  /** "Có phải bạn muốn hỏi…" choices (suggested), or the best candidates kept on a ticket (escalated) */
  suggestions: Passage[];
  /** the best candidate's confidence, 0..1 */
  score: number;
  /** the main reason: a small-talk kind, "too_long", "off_topic" (another field: explained to the asker), or the first of `reasons` */
  reason: SmalltalkKind | 'too_long' | 'off_topic' | Reason;
  /** every reason, by name */
  reasons: Reason[];
  /** off_topic: the other field's phrases the question names, as the lexicon spells them */
  offTopic?: string[];
  /** the best candidate's named evidence (for `npm run ask -- --json` and calibration) */
  evidence?: Record<FeatureName, number>;
}

/** A candidate the decision weighed: its hit, evidence, confidence and what rules it out. */
export interface Candidate {
  hit: Hit;
  evidence: Record<FeatureName, number>;
  confidence: number;
  vetoes: Reason[];
}

/** Everything a decision reads, kept for calibration. */
export interface Assessment {
  concepts: Concept[];
  candidates: Candidate[];
  /** set when the question names a document the knowledge base lacks */
  missingDocument?: string;
  /** set when the question cites an article of a document the knowledge base holds */
  cited?: Passage;
}

let defaultModel: ConfidenceModel | undefined;
const model = () => (defaultModel ??= loadModel());

/** Facts that rule a candidate out, whatever its other evidence. */
export function vetoesOf(hit: Pick<Hit, 'place' | 'asksFigure' | 'missingTypes' | 'document'>): Reason[] {
  const out: Reason[] = [];
  // Another province's entry, or a national rule asked for one province's figures or dates.
  if (hit.place === 'other' || (hit.place === 'national' && hit.asksFigure)) out.push('other_place');
  for (const type of hit.missingTypes) out.push(`answer_type_missing:${type}`);
  // The question names a document the knowledge base holds or cites, and this passage is not
  // of it: what that document says is asked ("theo Luật Cán bộ, công chức…"), not what another says.
  if (hit.document === 'other') out.push('other_document');
  return out;
}

/** Search and evidence for a question; no decision yet. */
export function assess(message: string, index: SearchIndex, m: ConfidenceModel = model()): Assessment {
  const question = withoutSmalltalkOpening(message, index.analyzer.smalltalk);
  const concepts = index.withTypoCorrections(index.analyzer.concepts(question));
  if (concepts.length === 0) return { concepts, candidates: [] };
  const references = index.analyzer.documentReferences(question);
  const scope = index.documents.scope(references);
  if (scope.kind === 'unknown') return { concepts, candidates: [], missingDocument: scope.name };
  const cited = scope.kind === 'known' ? citedArticle(question, scope.passages) : undefined;
  const naming = scope.kind === 'known' ? documentNameConcepts(concepts, references, scope.nameWords) : undefined;
  // Read clause by clause only when the question names another field at all.
  const toldFields = index.analyzer.offTopicIn(concepts).length > 0 ? index.analyzer.toldOffTopic(question) : [];
  const hits = index.search(concepts, { context: { asked: index.analyzer.askedTypes(question), scope, naming, definition: index.analyzer.asksDefinition(question), toldFields } });
  const candidates = hits.slice(0, EVIDENCE_HITS).map<Candidate>((hit) => {
    const evidence = evidenceOf(hit, concepts);
    return { hit, evidence, confidence: confidence(m, evidence), vetoes: vetoesOf(hit) };
  });
  return { concepts, candidates, cited };
}

/**
 * Decides what to do with a question from the named evidence of its best candidates: one
 * confidence per candidate (a logistic regression fitted by `npm run calibrate`), hard vetoes
 * only where a fact rules an answer out. Pure: opens no ticket, sends nothing.
 */
export function decide(question: string, index: SearchIndex, thresholds: Thresholds = DEFAULT_THRESHOLDS, m: ConfidenceModel = model()): Decision {
  const smalltalk = detectSmalltalk(question, index.analyzer.smalltalk);
  if (smalltalk) return { status: 'smalltalk', suggestions: [], score: 0, reason: smalltalk, reasons: [smalltalk] };
  if (stripAddressing(question).length > thresholds.maxQuestionLength) {
    return { status: 'escalated', suggestions: [], score: 0, reason: 'too_long', reasons: ['too_long'] };
  }
  const a = assess(question, index, m);
  // An answer threshold set by hand (ANSWER_CONFIDENCE) is one bar for entries and articles alike.
  const answer = thresholds.answer ?? m.thresholds.answer;
  const answerArticle = thresholds.answer ?? m.thresholds.answerArticle ?? answer;
  return decideFrom(a, { answer, suggest: thresholds.suggest ?? m.thresholds.suggest, answerArticle });
}

/** The decision over an assessment, at the given thresholds (calibrate tries many). */
export function decideFrom(a: Assessment, t: { answer: number; suggest: number; answerArticle?: number }): Decision {
  if (a.concepts.length === 0) return { status: 'smalltalk', suggestions: [], score: 0, reason: 'help', reasons: ['help'] };
  if (a.missingDocument) return escalated(['document_not_in_kb'], []);
  if (a.cited) return { status: 'answered', passage: a.cited, suggestions: [], score: 1, reason: 'cited_article', reasons: ['cited_article'] };
  if (a.candidates.length === 0) return escalated(['no_match'], []);
  const open = a.candidates.filter((c) => c.vetoes.length === 0).sort((x, y) => y.confidence - x.confidence);
  const best = open[0];
  const top = a.candidates[0]!;
  const kept = distinct(a.candidates.filter((c) => c.hit.sharesTopic).map((c) => c.hit)).slice(0, 3);
  if (!best) return { ...escalated(top.vetoes, kept), score: top.confidence, evidence: top.evidence };
  const offTopic = best.hit.offTopic;
  // An article is found by its text alone, an FAQ entry by ways of asking written for askers:
  // the bar each must clear to be answered with is fitted apart.
  const bar = (c: Candidate) => (c.hit.passage.kind === 'regulation' ? (t.answerArticle ?? t.answer) : t.answer);
  if (best.confidence >= bar(best)) {
    // One source, one answer: the FAQ entry written for askers over the article it summarises, when both clear the bar.
    const faq = best.hit.passage.kind === 'regulation' ? open.find((c) => c.hit.passage.kind === 'faq' && c.confidence >= bar(c) && sameSource(c.hit.passage, best.hit.passage)) : undefined;
    const chosen = faq ?? best;
    return { status: 'answered', passage: chosen.hit.passage, suggestions: [], score: chosen.confidence, reason: 'confident', reasons: ['confident'], evidence: chosen.evidence };
  }
  const blocked = a.candidates.filter((c) => c !== best && c.vetoes.length > 0 && c.confidence > best.confidence).flatMap((c) => c.vetoes);
  const rival = open.find((c) => c !== best && !sameSource(c.hit.passage, best.hit.passage));
  const close = rival && best.confidence - rival.confidence < 0.1 && rival.confidence >= t.suggest;
  const reasons = [...new Set([...blocked, close ? 'close_rival' : 'low_confidence'])];
  // Suggestions are related or absent: only candidates about what the question is about, and
  // none that never mentions the other field the question names.
  const suggestions = distinct(open.filter((c) => c.confidence >= t.suggest && c.hit.sharesTopic && c.hit.offTopic.length === 0).map((c) => c.hit)).slice(0, 3);
  const base = { score: best.confidence, reasons, evidence: best.evidence, ...(offTopic.length > 0 ? { offTopic } : {}) };
  if (suggestions.length === 0) return { status: 'escalated', suggestions: kept, reason: offTopic.length > 0 ? 'off_topic' : reasons[0]!, ...base };
  return { status: 'suggested', suggestions, reason: reasons[0]!, ...base };
}

function escalated(reasons: Reason[], suggestions: Passage[]): Decision {
  return { status: 'escalated', suggestions, score: 0, reason: reasons[0] ?? 'low_confidence', reasons: reasons.length > 0 ? reasons : ['low_confidence'] };
}

/**
 * "Điều 8 Quy chế văn hóa công sở nói gì", "điều 5 qđ 129": the asker names the article of a
 * document the question also names. Answer with that article when the named documents have
 * exactly one article N.
 */
function citedArticle(question: string, passages: Set<Passage>): Passage | undefined {
  const number = /\bdieu\s+(\d+)\b/.exec(fold(question).toLowerCase())?.[1];
  if (!number) return undefined;
  const named = [...passages].filter((p) => p.section?.kind === 'article' && p.section.number === number && p.section.scope !== 'main');
  const found = named.length > 0 ? named : [...passages].filter((p) => p.section?.kind === 'article' && p.section.number === number);
  return found.length === 1 ? found[0] : undefined;
}

/** One choice per source: an FAQ and the article it summarises are one choice. */
function distinct(hits: Hit[]): Passage[] {
  const out: Passage[] = [];
  for (const h of hits) if (!out.some((p) => sameSource(p, h.passage))) out.push(h.passage);
  return out;
}
