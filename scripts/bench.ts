/**
 * npm run bench [-- --quick] [--no-baseline] [--import-only]: speed and memory of the full decide path,
 * beside a plain MiniSearch (--no-baseline leaves it out; --quick stops at 10,000 passages).
 * `npm run bench -- --ready-only [N]` only times the bot's start to its ready line, N runs
 * (default 7), and prints each run and their median.
 *
 * Corpora: the bundled knowledge base, and synthetic Vietnamese corpora of 10,000 and
 * 100,000 passages generated from the bundled text with a syllable bigram chain (so word
 * pairs repeat as in real text). Each corpus runs in its own process, so resident memory
 * is that corpus's alone. Targets (from the issue): p99 < 2 ms bundled, < 20 ms at 100k;
 * ready < 1 s bundled; < 300 MB resident at 100k.
 *
 * Then the store with a year of history (100,000 past questions, 10,000 tickets): recording a
 * question p99 < 1 ms, /thongke < 200 ms (`--store` runs only this row).
 */
import 'dotenv/config';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { decide } from '../src/answer/decide.js';
import { buildIndex } from '../src/app/engine.js';
import { loadConfig } from '../src/config.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Knowledge, Passage } from '../src/knowledge/types.js';
import type { SearchIndex } from '../src/search/index.js';
import { fold, words } from '../src/text/vietnamese.js';
import { evaluate, parseLabelledSet, type LabelledQuestion } from './lib/evaluation.js';
import { importBench } from './lib/import-bench.js';
import { percentile } from './lib/percentile.js';
import { storeBench, storeTable } from './lib/store-bench.js';

interface Row {
  corpus: string;
  passages: number;
  engine: 'congvu' | 'minisearch';
  buildMs: number;
  readyMs?: number;
  p50: number;
  p99: number;
  /**
   * p99 over the questions of each one's fastest time across the rounds: what the slowest
   * questions cost in themselves, without the waits that the shared machine's load adds to
   * whichever question happens to run (the plain p99 keeps them, and collections too)
   */
  bestP99: number;
  qps: number;
  rssMb: number;
  /** the machine's 1-minute load average as the questions were timed (2 shared cores: timings follow it) */
  load?: number;
  correctPct?: number;
  outOfScopeAnsweredPct?: number;
  /** synthetic corpora: share of a passage's own question (folded) that finds that passage first… */
  selfTop1Pct?: number;
  /** …or among the first five hits */
  selfTop5Pct?: number;
}

const QUESTIONS_FILE = 'test/eval/questions.jsonl';

/** Latencies in ms of `fn` over the questions, after a warm-up pass. */
function time(questions: string[], fn: (q: string) => unknown, rounds: number): { p50: number; p99: number; bestP99: number; qps: number } {
  for (const q of questions) fn(q);
  const samples: number[] = [];
  const best = questions.map(() => Infinity);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    questions.forEach((q, i) => {
      const t = performance.now();
      fn(q);
      const ms = performance.now() - t;
      samples.push(ms);
      best[i] = Math.min(best[i]!, ms);
    });
  }
  const total = performance.now() - started;
  samples.sort((a, b) => a - b);
  best.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), bestP99: round(percentile(best, 99)), qps: Math.round(samples.length / (total / 1000)) };
}

const round = (n: number) => Math.round(n * 100) / 100;
/** Resident memory after a full collection (the child runs with --expose-gc): live data, not leftovers of the build. */
const rssMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
};

/** Deterministic pseudo-random numbers, so every run benchmarks the same corpus. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** Synthetic passages from a syllable bigram chain trained on the bundled text. */
function syntheticPassages(base: Passage[], count: number): Passage[] {
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const p of base) {
    for (const text of [p.title, ...p.questions, p.body]) {
      const w = words(text);
      if (w[0]) starts.push(w[0]);
      for (let i = 1; i < w.length; i++) {
        const list = next.get(w[i - 1]!) ?? [];
        list.push(w[i]!);
        next.set(w[i - 1]!, list);
      }
    }
  }
  const random = rng(42);
  const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)]!;
  const sentence = (n: number) => {
    const out = [pick(starts)];
    while (out.length < n) out.push(pick(next.get(out[out.length - 1]!) ?? starts));
    return out.join(' ');
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `syn-${i}`,
    kind: 'faq' as const,
    title: sentence(6 + Math.floor(random() * 5)),
    questions: [sentence(8 + Math.floor(random() * 5)), sentence(8 + Math.floor(random() * 5))],
    tags: [],
    body: sentence(60 + Math.floor(random() * 40)),
    citation: `Văn bản tổng hợp số ${i}`,
    summary: true,
    file: 'synthetic',
  }));
}

/** Random passages, each with its first question folded (as typed without marks). */
function selfQueries(passages: Passage[], count: number, seed: number): { passage: Passage; q: string }[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const passage = passages[Math.floor(random() * passages.length)]!;
    return { passage, q: fold(passage.questions[0]!) };
  });
}

/** Questions for a corpus: the labelled set plus, for synthetic corpora, folded questions of random passages. */
function queriesFor(labelled: LabelledQuestion[], passages: Passage[]): string[] {
  const qs = labelled.map((l) => l.q);
  if (passages.length > 1000) qs.push(...selfQueries(passages, 200, 7).map(({ q }) => q));
  return qs;
}

/**
 * Retrieval quality on a synthetic corpus, where no labelled questions fit: how often a
 * passage's own question, folded, finds that passage first and among the first five.
 */
function selfRetrieval(index: SearchIndex, passages: Passage[]): { selfTop1Pct: number; selfTop5Pct: number } {
  const queries = selfQueries(passages, 1000, 11);
  let top1 = 0;
  let top5 = 0;
  for (const { passage, q } of queries) {
    const rank = index.search(index.withTypoCorrections(index.analyzer.concepts(q))).findIndex((h) => h.passage === passage);
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 5) top5++;
  }
  return { selfTop1Pct: round((top1 / queries.length) * 100), selfTop5Pct: round((top5 / queries.length) * 100) };
}

function plainMiniSearch(passages: Passage[]) {
  const mini = new MiniSearch<{ i: number; title: string; questions: string; body: string }>({ idField: 'i', fields: ['title', 'questions', 'body'] });
  mini.addAll(passages.map((p, i) => ({ i, title: p.title, questions: p.questions.join('\n'), body: p.body })));
  return mini;
}

/**
 * Startup to ready of the bot itself, as `npm start` runs it with no chat credentials:
 * from spawning Node to the console chat's greeting (knowledge loaded, index built).
 * The median of three starts.
 */
async function botReadyMs(runs = 3): Promise<number> {
  return median(await readyRuns(runs));
}

const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

/** Each run's time in ms from spawning the bot as `npm start` runs it (no chat credentials) to its ready line. */
async function readyRuns(count: number): Promise<number[]> {
  const once = async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'congvu-bench-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    for (const name of ['TELEGRAM_BOT_TOKEN', 'ZALO_ENABLED', 'KNOWLEDGE_WATCH']) delete env[name];
    const started = performance.now();
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    const ready = await new Promise<number>((resolve, reject) => {
      bot.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('congvu-bot:')) resolve(performance.now() - started);
      });
      bot.on('exit', (code) => reject(new Error(`bot exited with ${code} before it was ready`)));
    });
    bot.stdin.end('/thoat\n');
    await new Promise((resolve) => bot.on('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
    return ready;
  };
  const runs: number[] = [];
  for (let i = 0; i < count; i++) runs.push(await once()); // one after another: they would share the cores
  return runs;
}

/** Runs one corpus in this process and prints its rows as JSON. */
async function runOne(size: number): Promise<void> {
  const config = loadConfig();
  const bundled = await loadKnowledge(config.knowledgeDir);
  const labelled = parseLabelledSet(await readFile(QUESTIONS_FILE, 'utf8').catch(() => ''), QUESTIONS_FILE);
  const passages = size === 0 ? bundled.passages : syntheticPassages(bundled.passages, size);
  const knowledge: Knowledge = { ...bundled, passages };
  const rows: Row[] = [];
  const corpus = size === 0 ? 'bundled' : `synthetic ${size / 1000}k`;
  const queries = queriesFor(labelled, passages);
  const rounds = size === 0 ? 20 : size <= 10_000 ? 3 : 1;

  let t = performance.now();
  const index = buildIndex(knowledge);
  index.warmUp(); // the whole build, as before: the bot makes this part just after it is ready
  const buildMs = Math.round(performance.now() - t);
  const readyMs = size === 0 ? await botReadyMs() : undefined;
  const load = Math.round(loadavg()[0]! * 10) / 10;
  const ours = time(queries, (q) => decide(q, index, config.thresholds), rounds);
  const quality = size === 0 ? evaluate(labelled, (q) => decide(q, index, config.thresholds)).totals : undefined;
  const rss = rssMb();
  rows.push({
    corpus,
    passages: passages.length,
    engine: 'congvu',
    buildMs,
    readyMs,
    ...ours,
    rssMb: rss,
    load,
    correctPct: quality?.answeredCorrectPct,
    outOfScopeAnsweredPct: quality?.outOfScopeAnsweredPct,
    // after the memory reading: its queries would otherwise fill the caches beyond the timed ones
    ...(size === 0 ? {} : selfRetrieval(index, passages)),
  });

  if (process.argv.includes('--no-baseline')) {
    console.log(JSON.stringify(rows));
    return;
  }
  t = performance.now();
  const mini = plainMiniSearch(passages);
  const miniBuild = Math.round(performance.now() - t);
  const theirs = time(queries, (q) => mini.search(q), rounds);
  let correctPct: number | undefined;
  let oosPct: number | undefined;
  if (size === 0) {
    // A plain search engine always answers with its top hit when anything matches.
    const inScope = labelled.filter((l) => Array.isArray(l.expect));
    const outScope = labelled.filter((l) => l.expect === null);
    const top = (q: string) => mini.search(q)[0];
    correctPct = round((inScope.filter((l) => (l.expect as string[]).includes(passages[top(l.q)?.id as number]?.id ?? '')).length / Math.max(1, inScope.length)) * 100);
    oosPct = round((outScope.filter((l) => top(l.q) !== undefined).length / Math.max(1, outScope.length)) * 100);
  }
  rows.push({ corpus, passages: passages.length, engine: 'minisearch', buildMs: miniBuild, ...theirs, rssMb: rssMb(), correctPct, outOfScopeAnsweredPct: oosPct });
  console.log(JSON.stringify(rows));
}

function table(rows: Row[]): string {
  const head = '| corpus | passages | engine | build ms | ready ms | p50 ms | p99 ms | p99 best of rounds ms | q/s (1 core) | RSS MB | load | answered correct % | out-of-scope answered % | own passage first % | own passage in top 5 % |';
  const sep = '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const cell = (v: number | undefined) => (v === undefined ? '–' : String(v));
  return [head, sep, ...rows.map((r) => `| ${r.corpus} | ${r.passages} | ${r.engine === 'congvu' ? 'congvu-bot' : 'plain MiniSearch'} | ${r.buildMs} | ${cell(r.readyMs)} | ${r.p50} | ${r.p99} | ${r.bestP99} | ${r.qps} | ${r.rssMb} | ${cell(r.load)} | ${cell(r.correctPct)} | ${cell(r.outOfScopeAnsweredPct)} | ${cell(r.selfTop1Pct)} | ${cell(r.selfTop5Pct)} |`)].join('\n');
}

/** Import speed (200 articles) and the answers to others during a hostile import: see scripts/lib/import-bench.ts. */
async function runImportBench(): Promise<[string, boolean][]> {
  const config = loadConfig();
  const knowledge = await loadKnowledge(config.knowledgeDir);
  const index = buildIndex(knowledge);
  const labelled = parseLabelledSet(await readFile(QUESTIONS_FILE, 'utf8').catch(() => ''), QUESTIONS_FILE);
  const questions = labelled.length > 0 ? labelled.map((l) => l.q) : knowledge.passages.map((p) => p.title);
  const r = await importBench((q) => decide(q, index, config.thresholds), questions);
  // Wall times on a shared machine follow its load: printed beside them.
  console.log(`\nTải máy lúc đo (load average 1 phút, ${cpus().length} nhân): ${loadavg()[0]!.toFixed(1)}`);
  console.log('\n| document | articles | first (worker started) ms | next (worker kept) ms |\n|---|---:|---:|---:|');
  for (const row of r.rows) console.log(`| ${row.document} | ${row.articles} | ${row.firstMs} | ${row.keptMs} |`);
  const h = r.hostile;
  console.log('\n| answers to others (bundled) | p50 ms | p99 ms | answers | longest event-loop stall ms |\n|---|---:|---:|---:|---:|');
  console.log(`| nothing imported | ${h.idleP50} | ${h.idleP99} | – | – |`);
  console.log(`| during a hostile PDF import | ${h.duringP50} | ${h.duringP99} | ${h.answered} | ${h.maxStallMs} |`);
  console.log(`Tệp độc hại: ${h.refusal}`);
  return [
    ['200 điều nhập trong < 2000 ms', r.rows.every((row) => row.articles === 200 && row.firstMs < 2000)],
    // The machine is shared: compared with the same questions asked with nothing imported, not with a fixed number.
    [`trả lời người khác khi đang đọc tệp độc hại: p50 ${h.duringP50} ms ≤ 2 × p50 lúc rảnh (${h.idleP50} ms) + 0,5 ms`, h.duringP50 <= h.idleP50 * 2 + 0.5],
  ];
}

/** The store with a year of history: recording a question p99 < 1 ms, /thongke < 200 ms. */
async function storeRow(): Promise<[string, boolean][]> {
  process.stderr.write('bench: kho dữ liệu (100.000 câu hỏi, 10.000 phiếu)…\n');
  const r = await storeBench();
  console.log('\n' + storeTable(r));
  return [
    [`ghi một câu hỏi (100.000 câu cũ, 10.000 phiếu) p99 < 1 ms`, r.recordP99 < 1],
    [`/thongke p99 < 200 ms (cũng ngay sau khi phiếu thay đổi)`, r.statsP99 < 200 && r.statsAfterChangeP99 < 200],
  ];
}

const oneArg = process.argv.indexOf('--one');
const readyArg = process.argv.indexOf('--ready-only');
if (readyArg >= 0) {
  const count = Number(process.argv[readyArg + 1]) || 7;
  const runs = await readyRuns(count);
  console.log(`ready ms (bundled, ${count} runs): ${runs.map(Math.round).join(', ')}`);
  console.log(`median ${median(runs)} ms; load ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`);
} else if (process.argv.includes('--import-only')) {
  const checks = await runImportBench();
  console.log('\n' + checks.map(([name, ok]) => `${ok ? '✅' : '❌'} ${name}`).join('\n'));
} else if (process.argv.includes('--store')) {
  // npm run bench -- --store: only the store row
  const checks = await storeRow();
  console.log('\n' + checks.map(([name, ok]) => `${ok ? '✅' : '❌'} ${name}`).join('\n'));
} else if (oneArg >= 0) {
  await runOne(Number(process.argv[oneArg + 1]));
} else {
  const sizes = process.argv.includes('--quick') ? [0, 10_000] : [0, 10_000, 100_000];
  const rows: Row[] = [];
  const self = fileURLToPath(import.meta.url);
  for (const size of sizes) {
    process.stderr.write(`bench: ${size === 0 ? 'kho có sẵn' : `${size} đoạn tổng hợp`}…\n`);
    const passOn = process.argv.includes('--no-baseline') ? ['--no-baseline'] : [];
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096', self, '--one', String(size), ...passOn], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 10 * 1024 * 1024,
    });
    rows.push(...(JSON.parse(out.trim().split('\n').pop()!) as Row[]));
  }
  console.log(table(rows));
  const bundled = rows.find((r) => r.corpus === 'bundled' && r.engine === 'congvu')!;
  const big = rows.find((r) => r.corpus === 'synthetic 100k' && r.engine === 'congvu');
  const checks = [
    [`p99 kho có sẵn < 2 ms`, bundled.p99 < 2],
    [`sẵn sàng < 1000 ms`, (bundled.readyMs ?? Infinity) < 1000],
    ...(big ? [[`p99 100k < 20 ms`, big.p99 < 20], [`RSS 100k < 300 MB`, big.rssMb < 300]] : []),
    ...(await storeRow()),
    ...(await runImportBench()),
  ] as [string, boolean][];
  console.log('\n' + checks.map(([name, ok]) => `${ok ? '✅' : '❌'} ${name}`).join('\n'));
}
