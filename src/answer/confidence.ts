import { readFileSync } from 'node:fs';
import { FEATURES, type FeatureName } from './evidence.js';

/** One logistic regression over the named evidence. */
export interface Fit {
  bias: number;
  weights: Record<FeatureName, number>;
}

/**
 * Logistic regressions over the named evidence, fitted by `npm run calibrate` and checked in as
 * data: one over every candidate, which weighs articles, and one over FAQ entries alone, which
 * weighs them when present.
 */
export interface ConfidenceModel extends Fit {
  /**
   * An FAQ entry's own fit: it is found by ways of asking written for askers, so the same
   * evidence tells more of it than of an article, which is found by its text alone (articles
   * are too few to fit on alone: they are weighed by the fit over all candidates)
   */
  faq?: Fit;
  /** answer at or above `answer` (an article: `answerArticle`); offer as a suggestion at or above `suggest` */
  thresholds: { answer: number; suggest: number; answerArticle?: number };
  /** how it was fitted and how it scores on the tuning sets (written by calibrate) */
  report?: unknown;
}

export const MODEL_URL = new URL('./confidence-model.json', import.meta.url);

export function loadModel(url: URL = MODEL_URL): ConfidenceModel {
  return JSON.parse(readFileSync(url, 'utf8')) as ConfidenceModel;
}

/** Probability that the passage answers the question, from its evidence. */
export function confidence(model: ConfidenceModel, evidence: Record<FeatureName, number>): number {
  const fit = !evidence.regulation && model.faq ? model.faq : model;
  let z = fit.bias;
  for (const name of FEATURES) z += (fit.weights[name] ?? 0) * evidence[name];
  return 1 / (1 + Math.exp(-z));
}
