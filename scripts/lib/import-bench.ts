/**
 * Import speed and isolation, for npm run bench:
 * - a Luật of 200 articles (hard-wrapped, as copied from a portal) as .txt and .docx: time to
 *   read, convert and validate it in the worker (first document: worker started; then kept);
 * - answers to other questions while a hostile PDF (a content stream that inflates without end)
 *   is being read: their latency beside the same questions with nothing imported, and the
 *   longest stall of the main thread's event loop.
 * Target (issue 11): 200 articles in < 2 s.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { DEFAULT_LIMITS, prepareImport } from '../../src/import/index.js';
import { makeHugeStreamPdf } from '../../test/import/generate.js';
import { percentile } from './percentile.js';

/** A fictional Luật of `n` articles in chapters of 20, every paragraph wrapped at 78 characters. */
export function lawOf(n: number): string[] {
  const paragraphs = ['QUỐC HỘI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Luật số: 99/2040/QH20', 'LUẬT', 'THỬ NGHIỆM TỐC ĐỘ', 'Căn cứ Hiến pháp;'];
  for (let i = 1; i <= n; i++) {
    if ((i - 1) % 20 === 0) paragraphs.push(`Chương ${(i - 1) / 20 + 1}`, `QUY ĐỊNH NHÓM ${(i - 1) / 20 + 1}`);
    paragraphs.push(
      `Điều ${i}. Quy định thử nghiệm số ${i} về việc tổ chức hoạt động`,
      `1. Cơ quan, tổ chức có trách nhiệm thực hiện quy định số ${i} theo đúng trình tự, thủ tục và thời hạn, bảo đảm công khai, minh bạch và thuận tiện cho người dân.`,
      `2. Trường hợp không thực hiện được thì phải báo cáo bằng văn bản, nêu rõ lý do:`,
      `a) Đối với việc thuộc thẩm quyền của cấp xã;`,
      `b) Đối với việc thuộc thẩm quyền của cấp tỉnh.`,
    );
  }
  paragraphs.push('Luật này đã được Quốc hội khóa XX, kỳ họp thứ 2 thông qua ngày 1 tháng 6 năm 2040.', 'CHỦ TỊCH QUỐC HỘI', 'Nguyễn Văn Thử');
  const lines: string[] = [];
  for (const p of paragraphs) {
    let line = '';
    for (const w of p.split(' ')) {
      if (line && line.length + 1 + w.length > 78) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    lines.push(line);
  }
  return lines;
}

const round = (n: number) => Math.round(n * 100) / 100;

export interface ImportBench {
  rows: { document: string; articles: number; firstMs: number; keptMs: number }[];
  hostile: { idleP50: number; idleP99: number; duringP50: number; duringP99: number; answered: number; maxStallMs: number; refusal: string };
}

export async function importBench(ask: (q: string) => unknown, questions: string[]): Promise<ImportBench> {
  const dir = await mkdtemp(path.join(tmpdir(), 'congvu-import-bench-'));
  try {
    const lines = lawOf(200);
    const txt = new TextEncoder().encode(lines.join('\n'));
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));
    const rows: ImportBench['rows'] = [];
    for (const [name, data] of [
      ['luat-200-dieu.txt', txt],
      ['luat-200-dieu.docx', docx],
    ] as const) {
      const timed = async () => {
        const t = performance.now();
        const p = await prepareImport(dir, name, data);
        return { ms: performance.now() - t, articles: p.structure.counts.articles };
      };
      const first = await timed();
      const kept = [await timed(), await timed(), await timed()].map((r) => r.ms).sort((a, b) => a - b);
      rows.push({ document: name, articles: first.articles, firstMs: Math.round(first.ms), keptMs: Math.round(kept[1]!) });
    }

    // Other chats while a hostile file is read.
    const latencies = (during: () => boolean) => {
      const out: number[] = [];
      return {
        out,
        run: async () => {
          let i = 0;
          do {
            const t = performance.now();
            ask(questions[i++ % questions.length]!);
            out.push(performance.now() - t);
            await nextTurn();
          } while (during());
        },
      };
    };
    const idle = latencies(() => false);
    for (let k = 0; k < 2000; k++) await idle.run();
    const pdf = await makeHugeStreamPdf(40);
    let settled = false;
    const stall = monitorEventLoopDelay({ resolution: 10 });
    stall.enable();
    const importing = prepareImport(dir, 'nang.pdf', pdf, { limits: { ...DEFAULT_LIMITS, maxMemoryMb: 128, timeoutMs: 10_000 } }).then(
      () => 'nhập được (không mong đợi)',
      (e: Error) => e.message,
    );
    void importing.finally(() => (settled = true));
    const during = latencies(() => !settled);
    await during.run();
    stall.disable();
    const refusal = await importing;
    const a = idle.out.sort((x, y) => x - y);
    const b = during.out.sort((x, y) => x - y);
    return {
      rows,
      hostile: {
        idleP50: round(percentile(a, 50)),
        idleP99: round(percentile(a, 99)),
        duringP50: round(percentile(b, 50)),
        duringP99: round(percentile(b, 99)),
        answered: b.length,
        maxStallMs: round(stall.max / 1e6),
        refusal,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
