/**
 * npm run eval [-- --file test/eval/questions.jsonl] [--verbose] [--json]
 *
 * Scores the labelled question set against the knowledge base. Each line:
 *   {"q": "câu hỏi", "expect": ["faq-id", "regulation-id/dieu-5"] | null | "smalltalk", "category": "…"}
 * expect null = out of scope: must not be answered. Prints answered-correct %, covered
 * (incl. suggestions) %, out-of-scope answered %, per category.
 */
import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import { Engine } from '../src/app/engine.js';
import { loadConfig } from '../src/config.js';
import { evaluate, formatReport, parseLabelledSet } from './lib/evaluation.js';

const args = process.argv.slice(2);
const fileArg = args.indexOf('--file');
const file = fileArg >= 0 ? args[fileArg + 1]! : 'test/eval/questions.jsonl';
const config = loadConfig();
const engine = await Engine.open(config.knowledgeDir, config.thresholds);
const set = parseLabelledSet(await readFile(file, 'utf8'), file);
const unknown = set.flatMap((item) => (Array.isArray(item.expect) ? item.expect.filter((id) => !engine.passage(id)) : []));
if (unknown.length > 0) {
  console.error(`❌ ${file}: nhãn trỏ tới mục không có trong kho: ${[...new Set(unknown)].join(', ')}`);
  process.exit(1);
}
const report = evaluate(set, (q) => engine.ask(q));
if (args.includes('--json')) console.log(JSON.stringify(report.totals));
else console.log(formatReport(report, args.includes('--verbose')));
