import type { Passage } from '../knowledge/types.js';
import type { Hit, SearchIndex } from '../search/index.js';
import { stripAddressing } from '../text/analyzer.js';
import { fold, hasDiacritics, words } from '../text/vietnamese.js';
import { detectSmalltalk, type SmalltalkKind } from './smalltalk.js';

export type Status = 'answered' | 'suggested' | 'escalated' | 'smalltalk';

/** Evidence thresholds; defaults calibrated on test/eval/questions.jsonl with `npm run eval`. */
export interface Thresholds {
  /** top hit must cover at least this share of the question to be answered */
  answerCoverage: number;
  /** …and score this share above the runner-up (0.2 = 20 % higher), unless its title/questions alone cover `headCoverage` */
  answerLead: number;
  headCoverage: number;
  /**
   * Wording: the question must also say the entry's words the entry's way, holding this
   * share of one of its ways of asking (title or a question)…
   */
  phrasingRecall: number;
  /** …or this share of the question's adjacent word pairs found side by side in the entry. */
  pairCoverage: number;
  /**
   * A question holding a way of asking, whose pairs are there too or whose top hit leads,
   * needs only this much coverage: a chatty question says more than it asks
   * ("Trưa nay liên hoan sinh nhật, anh em có được uống bia không?").
   */
  phrasingCoverage: number;
  /**
   * A question that tells a whole situation is answered when the top hit holds this much
   * evidence (covered weight, counted in rare words)…
   */
  situationEvidence: number;
  /** …and this share of one of its ways of asking. */
  situationRecall: number;
  /** below this coverage nothing fits: escalate */
  suggestCoverage: number;
  /** longest question searched; longer ones go to a person whole */
  maxQuestionLength: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  answerCoverage: 0.6,
  answerLead: 0.1,
  headCoverage: 0.7,
  phrasingRecall: 0.6,
  pairCoverage: 0.35,
  phrasingCoverage: 0.45,
  situationEvidence: 2.5,
  situationRecall: 0.5,
  suggestCoverage: 0.4,
  maxQuestionLength: 1000,
};

export interface Decision {
  status: Status;
  /** the entry answered with (answered) */
  passage?: Passage;
  /** "Có phải bạn muốn hỏi…" choices (suggested), or the best candidates kept on a ticket (escalated) */
  suggestions: Passage[];
  /** top ranking score, 0..1 */
  score: number;
  /** why: a small-talk kind, "too_long", "no_match", "low_coverage", "off_topic", "ambiguous", "confident", "cited_article" */
  reason: SmalltalkKind | 'too_long' | 'no_match' | 'low_coverage' | 'off_topic' | 'ambiguous' | 'confident' | 'cited_article';
  /** off_topic: the other field's phrases the question names, as the lexicon spells them */
  offTopic?: string[];
}

/** Two passages that cite the same article of the same document say the same thing. */
function sameSource(a: Passage, b: Passage): boolean {
  return a.citation === b.citation || (a.kind !== b.kind && (a.citation.includes(b.citation) || b.citation.includes(a.citation)));
}

/**
 * Decides what to do with a question, from evidence: how much of it the top hit covers,
 * and how far it leads the runner-up. Pure: opens no ticket, sends nothing.
 */
export function decide(question: string, index: SearchIndex, thresholds: Thresholds = DEFAULT_THRESHOLDS): Decision {
  const smalltalk = detectSmalltalk(question);
  if (smalltalk) return { status: 'smalltalk', suggestions: [], score: 0, reason: smalltalk };
  if (stripAddressing(question).length > thresholds.maxQuestionLength) {
    return { status: 'escalated', suggestions: [], score: 0, reason: 'too_long' };
  }
  const concepts = index.withTypoCorrections(index.analyzer.concepts(question));
  if (concepts.length === 0) return { status: 'smalltalk', suggestions: [], score: 0, reason: 'help' };
  const hits = index.search(concepts);
  const top = hits[0];
  if (!top) return { status: 'escalated', suggestions: [], score: 0, reason: 'no_match' };
  const cited = citedArticle(question, hits);
  if (cited) return { status: 'answered', passage: cited.passage, suggestions: [], score: cited.score, reason: 'cited_article' };
  const close = (h: Hit) => h.coverage >= thresholds.suggestCoverage;
  const kept = () => distinct(hits.filter((h) => h.coverage >= thresholds.suggestCoverage * 0.6)).slice(0, 3);
  // "Mức phạt nồng độ cồn khi lái xe" names another field: the alcohol entry does not answer it.
  if (top.offTopic.length > 0) return { status: 'escalated', suggestions: kept(), score: top.score, reason: 'off_topic', offTopic: top.offTopic };
  // The entry must be able to answer it at all: "Lai Châu có bao nhiêu công chức?" is not answered
  // by the Bắc Kạn entry, nor a province's figures by a national rule, nor "Phụ cấp bao nhiêu một
  // tháng?" by an entry without a single number.
  const folded = foldedQuestion(question);
  const answerable =
    top.place !== 'other' &&
    (!asksForNumber(question, folded) || (top.place !== 'national' && answersNumberAsked(folded, top.passage.body))) &&
    (!asksForSigner(folded) || namesSigner(top.passage.body));
  const answered: Decision = { status: 'answered', passage: top.passage, suggestions: [], score: top.score, reason: 'confident' };
  // "Tuần sau em được điều sang ngồi bộ phận một cửa, anh chị cho em xin vài lưu ý về thái độ khi
  // đón tiếp bà con": the story is longer than any entry, so coverage is low, yet much of one entry is in it.
  const toldSituation = top.evidence >= thresholds.situationEvidence && top.phrasingRecall >= thresholds.situationRecall;
  if (toldSituation && answerable) return answered;
  if (!close(top)) return { status: 'escalated', suggestions: kept(), score: top.score, reason: 'low_coverage' };
  const rival = hits.slice(1).find((h) => !sameSource(h.passage, top.passage));
  const leads = top.score >= (rival?.score ?? 0) * (1 + thresholds.answerLead);
  const phrased = top.phrasingRecall >= thresholds.phrasingRecall;
  const paired = top.pairCoverage >= thresholds.pairCoverage;
  // One word alone ("Hà Nội", "1718") fits every entry that has it equally well: it must lead.
  const covered = top.coverage >= thresholds.answerCoverage && (leads || (top.headCoverage >= thresholds.headCoverage && concepts.length > 1));
  // Words shared with an entry are not enough ("nghỉ phép" is not "nghỉ trưa"): its wording must be there too.
  const confident = (phrased || paired) && (covered || (phrased && (paired || leads) && top.coverage >= thresholds.phrasingCoverage));
  if (confident && answerable) return answered;
  return { status: 'suggested', suggestions: distinct(hits.filter(close)).slice(0, 3), score: top.score, reason: 'ambiguous' };
}

/**
 * "Điều 8 Quy chế văn hóa công sở nói gì", "điều 5 qđ 129": the asker names the article.
 * Answer with that article when exactly one candidate is article N of a document the
 * question also names, by its number or by three words in a row of its name.
 */
function citedArticle(question: string, hits: Hit[]): Hit | undefined {
  const folded = fold(question).toLowerCase();
  const number = /\bdieu\s+(\d+)\b/.exec(folded)?.[1];
  if (!number) return undefined;
  const rest = words(folded.replace(/\bdieu\s+\d+/, ' '));
  const named = hits.filter(({ passage }) => {
    const section = passage.section;
    if (section?.kind !== 'article' || section.number !== number) return false;
    const docNumber = /^\d+/.exec(section.doc.number)?.[0];
    if (docNumber && rest.includes(docNumber)) return true;
    return [section.doc.attachment ?? '', ...passage.tags].some((name) => sharesRun(rest, words(fold(name).toLowerCase()), 3));
  });
  return named.length === 1 ? named[0] : undefined;
}

/** Whether `a` contains `n` consecutive words that also follow each other in `b`. */
function sharesRun(a: string[], b: string[], n: number): boolean {
  const runs = new Set<string>();
  for (let i = 0; i + n <= b.length; i++) runs.add(b.slice(i, i + n).join(' '));
  for (let i = 0; i + n <= a.length; i++) if (runs.has(a.slice(i, i + n).join(' '))) return true;
  return false;
}

/** "bao nhiêu công chức" needs a head count, not just any number ("Lai Châu phát động năm 2019"). */
const HEAD_COUNT = /\d[\d.,]* (cong chuc|vien chuc|can bo|nguoi)/;

/** Units a number is asked in ("bao nhiêu tuổi", "mấy phần trăm"), folded, with the spellings an answer gives them in. */
const UNITS: Record<string, RegExp> = {
  tuoi: /tuoi/,
  'phan tram': /phan tram|%/,
  tien: /tien|dong|nghin|trieu/,
  lan: /lan/,
  nguoi: /nguoi/,
  phut: /phut/,
  cm: /cm|centimet/,
  trang: /\d[\d.,]* trang\b/,
  cong: HEAD_COUNT,
  vien: HEAD_COUNT,
  can: HEAD_COUNT,
  cbcc: HEAD_COUNT,
  cbccvc: HEAD_COUNT,
  ccvc: HEAD_COUNT,
};

/** Whether an entry can give the number or date asked for: it needs a number, and the unit asked in, if any. */
function answersNumberAsked(folded: string, body: string): boolean {
  const answer = fold(body).toLowerCase();
  if (!/\d/.test(answer)) return false;
  const unit = / (?:bao nhieu|bn|may) (phan tram|\w+)/.exec(folded)?.[1];
  return !unit || !UNITS[unit] || UNITS[unit].test(answer);
}

/** "bao nhiêu", "bn", "mấy ngày", "số mấy", "ban hành khi nào": the asker wants a number or a date. */
function asksForNumber(question: string, folded: string): boolean {
  return (
    / (bao nhieu|bn|bao lau|ngay nao|nam nao|thang nao|so dien thoai|sdt) /.test(folded) ||
    // "khi nào" and "bao giờ" ask for a date at the end ("ban hành khi nào"), an occasion at the
    // start ("khi nào phải mặc lễ phục")
    / (khi nao|bao gio)( (a|vay|the|nhi|nhe|ha|ad|ban|ak))* $/.test(folded) ||
    // "mấy" only with its marks ("trụ sở, mấy chị" is no "số mấy"), unless nothing has marks
    /mấy (giờ|ngày|tuổi|mức|tháng|năm|lần|phần trăm|tiền|người|trang)|số (mấy|máy)/.test(question.normalize('NFC').toLowerCase()) ||
    (!hasDiacritics(question) && / so may /.test(folded))
  );
}

/** "Ai ký Quyết định 1718?", "tên người ký là gì": the asker wants a person. */
function asksForSigner(folded: string): boolean {
  return / (ai|nguoi|ong nao|ba nao) (la nguoi )?(ky|ki)\b/.test(folded);
}

/** Whether a text says who signed: "ký" as a verb, not the "ký" of "đăng ký". */
function namesSigner(body: string): boolean {
  return /(?<!đăng )(?<!\p{L})ký(?!\p{L})/u.test(body.normalize('NFC').toLowerCase());
}

/** The question folded, lower case, words between single spaces and padded with one. */
function foldedQuestion(question: string): string {
  return ` ${fold(question).toLowerCase().replace(/[^a-z0-9%]+/g, ' ')} `;
}

/** One choice per source: an FAQ and the article it summarises are one choice. */
function distinct(hits: Hit[]): Passage[] {
  const out: Passage[] = [];
  for (const h of hits) if (!out.some((p) => sameSource(p, h.passage))) out.push(h.passage);
  return out;
}
