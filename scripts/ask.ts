/**
 * npm run ask -- "câu hỏi"            the reply as the user would see it
 * npm run ask -- --json "câu hỏi"     one JSON object
 * npm run ask -- --jsonl < questions   one JSON object per input line, in order (no tickets opened)
 */
import 'dotenv/config';
import readline from 'node:readline';
import { Engine } from '../src/app/engine.js';
import { toPlainText } from '../src/answer/message.js';
import { replyMessage } from '../src/answer/reply.js';
import type { Decision } from '../src/answer/decide.js';
import { loadConfig } from '../src/config.js';
import { formatError, KnowledgeInvalidError } from '../src/knowledge/types.js';

export function toJson(decision: Decision, question?: string) {
  const sources = decision.passage ? [{ id: decision.passage.id, title: decision.passage.title, citation: decision.passage.citation }] : [];
  return {
    status: decision.status,
    answer: toPlainText(replyMessage(decision, { question })),
    sources,
    suggestions: decision.status === 'suggested' ? decision.suggestions.map((p) => ({ id: p.id, title: p.title })) : [],
    score: Math.round(decision.score * 1000) / 1000,
    reasons: decision.reasons,
    ...(decision.evidence ? { evidence: Object.fromEntries(Object.entries(decision.evidence).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) } : {}),
  };
}

const args = process.argv.slice(2);
const mode = args.includes('--jsonl') ? 'jsonl' : args.includes('--json') ? 'json' : 'text';
const question = args.filter((a) => !a.startsWith('--')).join(' ');
const config = loadConfig();
let engine: Engine;
try {
  engine = await Engine.open(config.knowledgeDir, config.thresholds);
} catch (e) {
  if (e instanceof KnowledgeInvalidError) {
    for (const err of e.errors) console.error(formatError(err));
    process.exit(1);
  }
  throw e;
}

if (mode === 'jsonl') {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  const out: string[] = [];
  for await (const line of rl) {
    out.push(JSON.stringify(toJson(engine.ask(line), line)));
    if (out.length >= 256) process.stdout.write(out.splice(0).join('\n') + '\n');
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
} else {
  if (!question.trim()) {
    console.error('Cách dùng: npm run ask -- "câu hỏi"   (thêm --json để in JSON, --jsonl để đọc nhiều câu từ stdin)');
    process.exit(2);
  }
  const decision = engine.ask(question);
  console.log(mode === 'json' ? JSON.stringify(toJson(decision, question)) : toPlainText(replyMessage(decision, { question })));
}
