import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { statsMessage } from '../../src/app/texts.js';
import { Desk } from '../../src/desk/desk.js';
import { SCHEMA_VERSION, Store, TICKETS_FILE, type QuestionRecord, type Ticket } from '../../src/store/store.js';
import { vnMonth } from '../../src/text/dates.js';
import { percentile } from './percentile.js';

export interface StoreBenchRow {
  pastQuestions: number;
  tickets: number;
  openMs: number;
  recordP50: number;
  recordP99: number;
  /** /thongke as asked between questions (the ticket figures are reused until a ticket changes) */
  statsP50: number;
  statsP99: number;
  /** /thongke right after a ticket changed: every ticket is counted again */
  statsAfterChangeP50: number;
  statsAfterChangeP99: number;
  /** opening or joining a ticket: the whole tickets file is rewritten and fsynced */
  escalateP50: number;
}

const STATUSES: QuestionRecord['status'][] = ['answered', 'suggested', 'escalated', 'smalltalk'];

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * A year's worth of data: 100,000 past questions over twelve months and 10,000 tickets.
 * Measures recording one more question (what every message costs) and /thongke.
 */
export async function storeBench(pastQuestions = 100_000, ticketCount = 10_000): Promise<StoreBenchRow> {
  const dir = await mkdtemp(path.join(tmpdir(), 'congvu-store-bench-'));
  try {
    const start = Date.parse('2025-12-01T00:00:00.000Z');
    const span = 365 * 24 * 3600_000;
    const byMonth = new Map<string, string[]>();
    for (let i = 0; i < pastQuestions; i++) {
      const at = new Date(start + Math.floor((i / pastQuestions) * span)).toISOString();
      const record: QuestionRecord = { at, platform: 'telegram', userId: String(1000 + (i % 700)), status: STATUSES[i % 4]!, question: `Câu hỏi thử số ${i} về văn hóa công sở và thủ tục hành chính?`, passageId: i % 4 === 0 ? 'the-cong-chuc' : undefined };
      const month = vnMonth(at);
      if (!byMonth.has(month)) byMonth.set(month, []);
      byMonth.get(month)!.push(JSON.stringify(record));
    }
    for (const [month, lines] of byMonth) await writeFile(path.join(dir, `questions-${month}.jsonl`), lines.join('\n') + '\n', { mode: 0o600 });
    const tickets: Ticket[] = [];
    for (let i = 1; i <= ticketCount; i++) {
      const at = new Date(start + Math.floor((i / ticketCount) * span)).toISOString();
      const answered = i % 3 !== 0;
      tickets.push({
        id: i,
        nonce: `n${i}`,
        status: answered ? 'answered' : 'pending',
        question: `Câu hỏi chuyển cán bộ số ${i}?`,
        questionKey: `cau hoi chuyen can bo so ${i}`,
        askers: [{ platform: 'telegram', chatId: `-100${i % 50}`, chatKind: 'group', chatTitle: `Nhóm ${i % 50}`, userId: String(i), userName: `Người ${i}`, messageId: String(i), askedAt: at }],
        candidates: [],
        createdAt: at,
        updatedAt: at,
        ...(answered ? { answer: { text: 'Trả lời.', by: { platform: 'telegram' as const, id: '1', name: 'Cán bộ' }, at: new Date(Date.parse(at) + 3600_000).toISOString() } } : {}),
        posts: [{ platform: 'telegram', chatId: '-1001', messageId: String(i), part: 0 }],
      });
    }
    await writeFile(path.join(dir, TICKETS_FILE), JSON.stringify({ version: SCHEMA_VERSION, nextTicketId: ticketCount + 1, tickets }), { mode: 0o600 });

    let t = performance.now();
    const store = await Store.open(dir);
    const openMs = Math.round(performance.now() - t);
    const desk = new Desk(store);

    const record: number[] = [];
    for (let i = 0; i < 3000; i++) {
      t = performance.now();
      await desk.recordQuestion({ platform: 'telegram', userId: '42', status: STATUSES[i % 4]!, question: `Câu hỏi mới ${i}` });
      if (i >= 200) record.push(performance.now() - t); // after warm-up
    }
    const stats: number[] = [];
    for (let i = 0; i < 210; i++) {
      await desk.recordQuestion({ platform: 'telegram', userId: '7', status: 'answered', question: `Câu hỏi xen giữa ${i}` });
      t = performance.now();
      statsMessage(desk.stats());
      if (i >= 10) stats.push(performance.now() - t);
    }
    const escalate: number[] = [];
    const afterChange: number[] = [];
    for (let i = 0; i < 30; i++) {
      const asker = { platform: 'telegram' as const, chatId: '-1', chatKind: 'group' as const, userId: String(i), userName: 'x', askedAt: new Date().toISOString() };
      t = performance.now();
      await desk.escalate({ question: `Câu mới ${i}`, questionKey: `cau moi ${i}`, asker, candidates: [] });
      escalate.push(performance.now() - t);
      t = performance.now();
      statsMessage(desk.stats());
      afterChange.push(performance.now() - t);
    }
    await store.close();
    record.sort((a, b) => a - b);
    stats.sort((a, b) => a - b);
    escalate.sort((a, b) => a - b);
    afterChange.sort((a, b) => a - b);
    return {
      pastQuestions,
      tickets: ticketCount,
      openMs,
      recordP50: round(percentile(record, 50)),
      recordP99: round(percentile(record, 99)),
      statsP50: round(percentile(stats, 50)),
      statsP99: round(percentile(stats, 99)),
      statsAfterChangeP50: round(percentile(afterChange, 50)),
      statsAfterChangeP99: round(percentile(afterChange, 99)),
      escalateP50: round(percentile(escalate, 50)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function storeTable(r: StoreBenchRow): string {
  return [
    '| past questions | tickets | store open ms | record a question p50 ms | p99 ms | /thongke p50 ms | p99 ms | /thongke after a ticket change p50 ms | p99 ms | open/join a ticket p50 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${r.pastQuestions} | ${r.tickets} | ${r.openMs} | ${r.recordP50} | ${r.recordP99} | ${r.statsP50} | ${r.statsP99} | ${r.statsAfterChangeP50} | ${r.statsAfterChangeP99} | ${r.escalateP50} |`,
  ].join('\n');
}
