import { readFileSync } from 'node:fs';
import { FEATURES, type FeatureName } from './evidence.js';

/** A logistic regression over the named evidence, fitted by `npm run calibrate` and checked in as data. */
export interface ConfidenceModel {
  bias: number;
  weights: Record<FeatureName, number>;
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
  let z = model.bias;
  for (const name of FEATURES) z += (model.weights[name] ?? 0) * evidence[name];
  return 1 / (1 + Math.exp(-z));
}
