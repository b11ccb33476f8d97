import type { Concept } from '../text/analyzer.js';
import type { Passage } from '../knowledge/types.js';
import type { Hit } from '../search/index.js';

/**
 * The named evidence the confidence model reads, one number each (0..1 or a flag).
 * Computed from what the search kept on the hit; the order is the model's.
 */
export const FEATURES = [
  'coverage', // weighted share of the question's words the passage holds (title, ways of asking, body)
  'headCoverage', // the same, counting only its title, ways of asking and tags
  'askedCoverage', // the share of what is asked besides the names of the documents the question names
  'missingKey', // how rare the rarest word of the question it lacks is (0..1)
  'phrasingRecall', // share of one of its ways of asking that the question holds
  'phrasingMatch', // the question matches one of its ways of asking both ways (harmonic mean of the two shares)
  'pairCoverage', // share of the question's adjacent word pairs found side by side in it
  'definesAsked', // the question asks what a term means and it (an article) defines that term
  'amount', // covered weight in rare words, capped at 6, over 6: a long situation in its words
  'lead', // lead over the best candidate from another source
  'documentNamed', // the question names its document
  'placeSame', // the question names its province
  'placeNational', // the question names a province; the passage is a national rule
  'placeLocal', // the passage is about a province; the question names none
  'answerTypeFits', // the question asks an answer type (money, date…) and it states it
  'fieldWords', // the question names another field's topic that the passage never mentions
  'regulation', // it is an article of a regulation (no hand-written ways of asking)
  'untitled', // an article without a title: it has no title to match a question, only its text
  'sharesTopic', // it holds the question's heaviest word
  'oneWord', // the question is one word or phrase alone
  'coveredAndPhrased', // coverage × phrasing recall
  'coveredAndPaired', // coverage × pair coverage
  'unitMissing', // it gives no number of the unit a count is asked in ("bao nhiêu đại biểu")
  'predicateAbsent', // a yes/no question asks two words or more ("có [cấp máy mới] không") and it holds none
  'first', // it ranks first after the re-rank
  // the same evidence as steps, so one line can bend: most of the question covered, most
  // of a way of asking said, many word pairs side by side, a clear lead, a told situation
  'covered',
  'phrased',
  'paired',
  'leads',
  'situation',
  'headCovered', // its title and ways of asking alone cover most of the question
  'phrasedAndCovered', // a way of asking said, and nearly half the question covered
  'pairedAndLeads', // word pairs side by side, and a clear lead
  // the earlier hand-set rule as one piece of evidence: its wording is there (a way of asking or
  // word pairs) and it covers most of the question with a lead (or by its head alone), or it
  // covers nearly half with a way of asking said and a lead or pairs
  'wordedAndCovered',
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** An article without a title of its own, known by its number alone ("Điều 5"): a Hiến pháp's, a Quy chế's. */
export function isUntitledArticle(p: Pick<Passage, 'kind' | 'title'>): boolean {
  return p.kind === 'regulation' && /^Điều\s+\S+?\.?\s*$/u.test(p.title);
}

export function evidenceOf(hit: Hit, concepts: Concept[]): Record<FeatureName, number> {
  const flag = (b: boolean) => (b ? 1 : 0);
  const covered = hit.coverage >= 0.6;
  const phrased = hit.phrasingRecall >= 0.6;
  const paired = hit.pairCoverage >= 0.35;
  const leads = hit.lead >= 0.1;
  const headCovered = hit.headCoverage >= 0.7;
  const phrasedAndCovered = phrased && hit.coverage >= 0.45;
  const wordedAndCovered = (phrased || paired) && ((covered && (leads || (headCovered && concepts.length > 1))) || (phrasedAndCovered && (paired || leads)));
  return {
    coverage: hit.coverage,
    headCoverage: hit.headCoverage,
    askedCoverage: hit.askedCoverage,
    missingKey: hit.missingKey,
    phrasingRecall: hit.phrasingRecall,
    phrasingMatch: hit.phrasingMatch,
    pairCoverage: hit.pairCoverage,
    definesAsked: flag(hit.definesAsked),
    amount: Math.min(hit.evidence, 6) / 6,
    lead: hit.lead,
    documentNamed: flag(hit.document === 'named'),
    placeSame: flag(hit.place === 'same'),
    placeNational: flag(hit.place === 'national'),
    placeLocal: flag(hit.place === 'local'),
    answerTypeFits: flag(hit.answerTypeFits),
    fieldWords: flag(hit.offTopic.length > 0),
    regulation: flag(hit.passage.kind === 'regulation'),
    untitled: flag(isUntitledArticle(hit.passage)),
    sharesTopic: flag(hit.sharesTopic),
    oneWord: flag(concepts.length <= 1),
    coveredAndPhrased: hit.coverage * hit.phrasingRecall,
    coveredAndPaired: hit.coverage * hit.pairCoverage,
    unitMissing: flag(hit.unitMissing),
    predicateAbsent: flag(hit.predicateAbsent),
    first: flag(hit.rank === 0),
    covered: flag(covered),
    phrased: flag(phrased),
    paired: flag(paired),
    leads: flag(leads),
    situation: flag(hit.evidence >= 2.5 && hit.phrasingRecall >= 0.5),
    headCovered: flag(headCovered),
    phrasedAndCovered: flag(phrasedAndCovered),
    pairedAndLeads: flag(paired && leads),
    wordedAndCovered: flag(wordedAndCovered),
  };
}
