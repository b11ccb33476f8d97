/**
 * npm run eval [-- --set faq-tuning | --file x.jsonl [--documents dir]] [--verbose] [--json]
 *   --file: a set of one's own, scored against knowledge/ alone; with --documents dir, against
 *   knowledge/ plus test/eval/documents plus that folder (a blind set's own documents)
 *
 * Scores the labelled question sets: the FAQ sets against knowledge/ alone, the document sets
 * against knowledge/ plus the fictional documents of test/eval/documents. Each line:
 *   {"q": "câu hỏi", "expect": ["faq-id", "regulation-id/dieu-5"] | null | "smalltalk", "category": "…"}
 * expect null = out of scope: must not be answered. Without --set/--file every set is scored.
 */
import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import { decide } from '../src/answer/decide.js';
import { loadConfig } from '../src/config.js';
import { EVAL_SETS, indexFor, loadEvalSet, openEvalIndexes, type EvalSet, type EvalSetName } from './lib/corpus.js';
import { evaluate, formatReport, formatSummary, type Report } from './lib/evaluation.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const config = loadConfig();
const extraDocuments = option('--documents');
const indexes = await openEvalIndexes(config.knowledgeDir, extraDocuments ? [extraDocuments] : []);

const file = option('--file');
const set = option('--set') as EvalSetName | undefined;
if (set && !EVAL_SETS[set]) {
  console.error(`❌ không có bộ "${set}" (có: ${Object.keys(EVAL_SETS).join(', ')})`);
  process.exit(2);
}
const chosen: [string, EvalSet][] = file ? [[file, { files: [file], documents: !!extraDocuments }]] : set ? [[set, EVAL_SETS[set]]] : Object.entries(EVAL_SETS);
const reports: [string, Report][] = [];
for (const [name, evalSet] of chosen) {
  const items = await loadEvalSet(evalSet);
  const unknown = items.flatMap((item) => (Array.isArray(item.expect) ? item.expect.filter((id) => !indexes.ids.has(id)) : []));
  if (unknown.length > 0) {
    console.error(`❌ ${name}: nhãn trỏ tới mục không có trong kho: ${[...new Set(unknown)].join(', ')}`);
    process.exit(1);
  }
  reports.push([name, evaluate(items, (q, item) => decide(q, indexFor(indexes, evalSet, item), config.thresholds))]);
}
if (args.includes('--json')) console.log(JSON.stringify(Object.fromEntries(reports.map(([n, r]) => [n, r.totals]))));
else if (reports.length === 1) console.log(formatReport(reports[0]![1], args.includes('--verbose')));
else {
  console.log(formatSummary(reports));
  if (args.includes('--verbose')) for (const [name, r] of reports) console.log(`\n=== ${name}\n${formatReport(r, true)}`);
}
