import { assess, decideFrom, type Assessment } from '../../src/answer/decide.js';
import { confidence, type ConfidenceModel, type Fit } from '../../src/answer/confidence.js';
import { FEATURES, type FeatureName } from '../../src/answer/evidence.js';
import { detectSmalltalk } from '../../src/answer/smalltalk.js';
import { EVAL_SETS, fileEntry, indexFor, loadEvalSet, TUNING_SETS, type EvalIndexes, type EvalSet } from './corpus.js';
import type { LabelledQuestion } from './evaluation.js';
import { fitLogistic } from './logistic.js';

/** L2 penalty of the fit (the bias is not shrunk). */
const LAMBDA = 0.1;
/** Cost of a wrong answer (wrong entry, or an answer to an out-of-scope question) against a right one. */
const WRONG_COST = 2;
/** Utility (summed over the tuning sets) an answer bar may give up for being higher: see cautiousBestOf. */
const ANSWER_TOLERANCE = 0.02;
/** Bars on either side of a bar whose utility is averaged with its own when a bar is picked (steps of 0.01). */
const SMOOTHING = 3;
/** Cost of offering suggestions for an out-of-scope question, against covering an in-scope one by suggestion. */
const SUGGESTION_COST = 0.5;

/**
 * Fits the confidence model on the tuning sets and picks its two thresholds: the model
 * `npm run calibrate` writes. Deterministic: the same knowledge and labels give the same model.
 */
export async function calibrate(indexes: EvalIndexes, current: ConfidenceModel): Promise<ConfidenceModel> {
  type Item = { set: string; item: LabelledQuestion; assessment: Assessment };
  const items: Item[] = [];
  for (const set of TUNING_SETS) {
    for (const item of await loadEvalSet(EVAL_SETS[set])) {
      const index = indexFor(indexes, EVAL_SETS[set], item);
      if (item.expect === 'smalltalk' || detectSmalltalk(item.q, index.analyzer.smalltalk)) continue;
      items.push({ set, item, assessment: assess(item.q, index, current) });
    }
  }

  // Every candidate the decision weighs, labelled: does it answer the question?
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const { item, assessment } of items) {
    for (const c of assessment.candidates) {
      if (c.vetoes.length > 0) continue;
      rows.push(FEATURES.map((f) => c.evidence[f]));
      labels.push(Array.isArray(item.expect) && item.expect.includes(c.hit.passage.id) ? 1 : 0);
    }
  }
  const round = (n: number) => Math.round(n * 1e4) / 1e4;
  const fitOf = (keep: (row: number[]) => boolean): Fit => {
    const picked = rows.flatMap((row, i) => (keep(row) ? [i] : []));
    const fit = fitLogistic(picked.map((i) => rows[i]!), picked.map((i) => labels[i]!), LAMBDA);
    return { bias: round(fit.bias), weights: Object.fromEntries(FEATURES.map((f, i) => [f, round(fit.weights[i]!)])) as Record<FeatureName, number> };
  };
  const isArticle = (row: number[]) => row[FEATURES.indexOf('regulation')]! > 0;
  // One fit over every candidate (it weighs articles), one over the FAQ entries alone.
  const model: ConfidenceModel = { ...fitOf(() => true), faq: fitOf((row) => !isArticle(row)), thresholds: { answer: 0.5, suggest: 0.2 } };
  for (const { assessment } of items) for (const c of assessment.candidates) c.confidence = confidence(model, c.evidence);

  interface Figures {
    inScope: number;
    correct: number;
    covered: number;
    wrong: number;
    outOfScope: number;
    outAnswered: number;
    outSuggested: number;
  }
  function score(t: { answer: number; suggest: number; answerArticle?: number }): Record<string, Figures> {
    const out: Record<string, Figures> = {};
    for (const { set, item, assessment } of items) {
      const f = (out[set] ??= { inScope: 0, correct: 0, covered: 0, wrong: 0, outOfScope: 0, outAnswered: 0, outSuggested: 0 });
      const d = decideFrom(assessment, t);
      if (Array.isArray(item.expect)) {
        f.inScope++;
        const right = d.status === 'answered' && item.expect.includes(d.passage!.id);
        if (right) f.correct++;
        if (d.status === 'answered' && !right) f.wrong++;
        if (right || (d.status === 'suggested' && d.suggestions.some((p) => (item.expect as string[]).includes(p.id)))) f.covered++;
      } else {
        f.outOfScope++;
        if (d.status === 'answered') f.outAnswered++;
        if (d.status === 'suggested') f.outSuggested++;
      }
    }
    return out;
  }
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const answerUtility = (s: Record<string, Figures>) =>
    Object.values(s).reduce((u, f) => u + share(f.correct, f.inScope) - WRONG_COST * (share(f.wrong, f.inScope) + share(f.outAnswered, f.outOfScope)), 0);
  const suggestUtility = (s: Record<string, Figures>) =>
    Object.values(s).reduce((u, f) => u + share(f.covered, f.inScope) - SUGGESTION_COST * share(f.outSuggested, f.outOfScope), 0);

  const grid = Array.from({ length: 96 }, (_, i) => round(0.04 + i * 0.01));
  /** The first threshold of `ts` with the highest utility. */
  const bestOf = (ts: number[], utility: (t: number) => number) => {
    let [chosen, best] = [ts[0]!, -Infinity];
    for (const t of ts) {
      const u = utility(t);
      if (u > best + 1e-9) [best, chosen] = [u, t];
    }
    return chosen;
  };
  /**
   * The highest bar whose utility is within ANSWER_TOLERANCE of the best: the utility is nearly
   * flat over a wide band of bars, where the best one is chance; of those, the most cautious
   * answers least outside the knowledge (a wrong answer is worse than none).
   */
  const cautiousBestOf = (ts: number[], utility: (t: number) => number) => {
    // Averaged over neighbouring bars: a bar is chosen for a band that scores well, not for one
    // lucky step (the utility of neighbouring bars jumps by a few questions either way).
    const raw = ts.map(utility);
    const us = raw.map((_, i) => {
      const near = raw.slice(Math.max(0, i - SMOOTHING), i + SMOOTHING + 1);
      return near.reduce((a, b) => a + b, 0) / near.length;
    });
    const best = Math.max(...us);
    return ts.findLast((_, i) => us[i]! >= best - ANSWER_TOLERANCE)!;
  };
  // An article is found by its text alone, an FAQ entry by ways of asking: each has its own bar,
  // each picked given the other's, twice over (one bar for both is where it starts).
  let answer = cautiousBestOf(grid, (t) => answerUtility(score({ answer: t, suggest: t })));
  let answerArticle = answer;
  for (let round = 0; round < 2; round++) {
    answerArticle = cautiousBestOf(grid, (t) => answerUtility(score({ answer, suggest: Math.min(answer, t), answerArticle: t })));
    answer = cautiousBestOf(grid, (t) => answerUtility(score({ answer: t, suggest: Math.min(t, answerArticle), answerArticle })));
  }
  const suggestGrid = grid.filter((g) => g <= Math.min(answer, answerArticle));
  const suggest = bestOf(suggestGrid, (t) => suggestUtility(score({ answer, suggest: t, answerArticle })));
  model.thresholds = { answer, suggest, answerArticle };

  const pct = (n: number, d: number) => Math.round(share(n, d) * 1000) / 10;
  const figures = (s: Record<string, Figures>) =>
    Object.fromEntries(
      Object.entries(s).map(([set, f]) => [
        set,
        {
          answeredCorrectPct: pct(f.correct, f.inScope),
          coveredPct: pct(f.covered, f.inScope),
          wrongAnswerPct: pct(f.wrong, f.inScope),
          outOfScopeAnsweredPct: pct(f.outAnswered, f.outOfScope),
          precisionPct: pct(f.correct, f.correct + f.wrong + f.outAnswered),
        },
      ]),
    );
  model.report = {
    fittedOn: TUNING_SETS.flatMap((s) => (EVAL_SETS[s] as EvalSet).files.map((f) => fileEntry(f).file)),
    candidates: rows.length,
    positives: labels.reduce((a, b) => a + b, 0),
    l2: LAMBDA,
    wrongCost: WRONG_COST,
    atThresholds: figures(score(model.thresholds)),
    // precision (right answers among answers) and recall (right answers among in-scope questions) by answer threshold
    curve: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((t) => {
      const s = score({ answer: t, suggest: Math.min(t, model.thresholds.suggest), answerArticle: t });
      const all = Object.values(s).reduce((a, f) => ({ c: a.c + f.correct, w: a.w + f.wrong + f.outAnswered, n: a.n + f.inScope }), { c: 0, w: 0, n: 0 });
      return { answer: t, precisionPct: pct(all.c, all.c + all.w), recallPct: pct(all.c, all.n) };
    }),
  };
  return model;
}
