import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/app/engine.js';
import { DEFAULT_LIMITS, ImportError, prepareImport, type ImportLimits } from '../../src/import/index.js';
import { perTestDirs } from '../helpers/temp.js';
import { DECISION_BODY, DECISION_HEADER } from './fixtures.js';
import { makeDocx, makeDocxBomb, makeHugeStreamPdf, makePdf } from './generate.js';

const { kb, scratch: scratchDir } = perTestDirs();

/** Limits set low so that hostile files are stopped in seconds. */
const LOW: ImportLimits = { ...DEFAULT_LIMITS, maxInputBytes: 2 * 1024 * 1024, maxUnzippedBytes: 4 * 1024 * 1024, maxTextChars: 200_000, maxMemoryMb: 48, timeoutMs: 6000 };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as Error).message;
}

describe('limits on reading a document', () => {
  it('refuses a decompression-bomb .docx before unzipping it, and writes nothing', async () => {
    const dir = await kb();
    const before = await readdir(path.join(dir, 'regulations'));
    const bomb = await makeDocxBomb(12);
    expect(bomb.length).toBeLessThan(LOW.maxInputBytes);
    expect(await refusal(prepareImport(dir, 'bom.docx', bomb, { limits: LOW }))).toMatch(/^Tệp Word khi giải nén lên tới 12 MB, vượt giới hạn 4 MB \(có thể là tệp độc hại kiểu "bom nén"/);
    expect(await readdir(path.join(dir, 'regulations'))).toEqual(before);
  });

  it('refuses files over the size, page and text limits with the limit named', async () => {
    const dir = await kb();
    const docx = await makeDocx(DECISION_HEADER, DECISION_BODY);
    expect(await refusal(prepareImport(dir, 'qd.docx', docx, { limits: { ...LOW, maxInputBytes: 1000 } }))).toMatch(/^Tệp nặng \d+ KB, vượt giới hạn 1 KB\. Hãy gửi bản chỉ có phần văn bản/);
    expect(await refusal(prepareImport(dir, 'qd.pdf', await makePdf(DECISION_HEADER, DECISION_BODY), { limits: { ...LOW, maxPages: 1 } }))).toMatch(/^Tệp PDF có 2 trang, vượt giới hạn 1 trang\./);
    expect(await refusal(prepareImport(dir, 'qd.docx', docx, { limits: { ...LOW, maxTextChars: 500 } }))).toBe('Văn bản dài hơn giới hạn 500 ký tự. Hãy tách thành các tệp nhỏ hơn.');
    // Within the limits the same file imports.
    expect((await prepareImport(dir, 'qd.docx', docx, { limits: LOW })).structure.counts.articles).toBe(9);
  });

  it('stops a PDF whose content stream inflates without end, while other questions keep being answered', async () => {
    const dir = await kb();
    const before = await readdir(path.join(dir, 'regulations'));
    const engine = await Engine.open(dir);
    const pdf = await makeHugeStreamPdf(24);
    let reading = false;
    let settled = false;
    const importing = prepareImport(dir, 'nang.pdf', pdf, { limits: LOW, onReading: () => (reading = true) }).finally(() => (settled = true));
    const message = refusal(importing);
    // Questions asked while the worker reads: each is answered at once, the import still running.
    let answeredWhileReading = 0;
    while (!settled) {
      const d = engine.ask('công chức có được hút thuốc lá trong phòng họp không');
      expect(d.status).not.toBe('smalltalk');
      if (reading && !settled) answeredWhileReading++;
      await nextTurn();
    }
    expect(answeredWhileReading).toBeGreaterThan(0);
    expect(await message).toMatch(/vượt giới hạn (48 MB|6 giây|200\.000 ký tự)/);
    expect(await readdir(path.join(dir, 'regulations'))).toEqual(before);
  });

  it('npm run import applies the same limits, and flags change them', async () => {
    const dir = await kb();
    const scratch = await scratchDir('congvu-limits-');
    const file = path.join(scratch, 'bom.docx');
    await writeFile(file, await makeDocxBomb(12));
    const run = (...args: string[]) =>
      promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['scripts/import.ts', ...args], { env: { ...process.env, KNOWLEDGE_DIR: dir, KNOWLEDGE_WATCH: '' } }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const lowered = await run(file, '--max-unzipped-mb=2');
    expect(lowered.code).toBe(1);
    expect(lowered.stdout).toMatch(/❌ Không nhập được .*bom\.docx: Tệp Word khi giải nén lên tới 12 MB, vượt giới hạn 2 MB .* Không có gì thay đổi\./);
    const wrong = await run(file, '--max-pages=abc');
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toContain('--max-pages cần một số dương (số trang PDF).');
    expect(wrong.stdout).toContain('--max-unzipped-mb=60');
  });
});
