import { chmod, open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ZodType } from 'zod/v3';
import { vnMonth } from '../text/dates.js';

/**
 * An append-only log of records, one JSON object per line, one file per month
 * (`questions-2026-12.jsonl`): recording costs one short write whatever the history,
 * and old months can be archived or deleted as whole files.
 *
 * Lines are written in order, each as soon as the one before it; they reach the disk with
 * the operating system's cache (fsync on flush/close), because they feed statistics, not
 * anything a person was promised. A line cut short by a crash or a full disk is skipped on
 * reading and the next record starts on a line of its own.
 */
export class JsonLog<T extends { at: string }> {
  private handle?: FileHandle;
  private month?: string;
  private chain: Promise<void> = Promise.resolve();
  /** the last write may have left half a line: start the next one on a fresh line */
  private broken = false;

  constructor(
    readonly dir: string,
    readonly name: string,
    private readonly schema: ZodType<T>,
  ) {}

  fileFor(month: string): string {
    return path.join(this.dir, `${this.name}-${month}.jsonl`);
  }

  /** Appends one record; resolves once it is written, rejects (and leaves the log usable) when it cannot be. */
  append(record: T): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const month = vnMonth(record.at);
    const run = this.chain.then(() => this.write(month, line));
    this.chain = run.catch(() => {});
    return run;
  }

  private async write(month: string, line: string): Promise<void> {
    if (this.month !== month || !this.handle) {
      await this.handle?.close().catch(() => {});
      this.handle = undefined;
      const file = this.fileFor(month);
      this.handle = await open(file, 'a+', 0o600);
      await chmod(file, 0o600).catch(() => {});
      this.month = month;
      // a line left unfinished by an earlier crash: the next record starts on its own line
      const { size } = await this.handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await this.handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) this.broken = true;
      }
    }
    const text = this.broken ? `\n${line}` : line;
    const bytes = Buffer.from(text, 'utf8');
    try {
      const { bytesWritten } = await this.handle.write(bytes, 0, bytes.length, null);
      if (bytesWritten !== bytes.length) throw new Error(`ghi thiếu (${bytesWritten}/${bytes.length} byte)`);
      this.broken = false;
    } catch (e) {
      this.broken = true;
      throw e;
    }
  }

  /** The log's files, oldest month first. */
  async files(): Promise<string[]> {
    const prefix = `${this.name}-`;
    const names = await readdir(this.dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    return names
      .filter((n) => n.startsWith(prefix) && /^\d{4}-\d{2}\.jsonl$/.test(n.slice(prefix.length)))
      .sort()
      .map((n) => path.join(this.dir, n));
  }

  /** Every valid record, oldest first; `bad` counts lines that are not one (cut short, edited by hand). */
  async scan(each: (record: T) => void): Promise<{ records: number; bad: number }> {
    await this.chain;
    let records = 0;
    let bad = 0;
    for (const file of await this.files()) {
      const text = await readFile(file, 'utf8');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          bad++;
          continue;
        }
        const checked = this.schema.safeParse(parsed);
        if (!checked.success) {
          bad++;
          continue;
        }
        records++;
        each(checked.data);
      }
    }
    return { records, bad };
  }

  /** Every valid record (tests, exports): reads the files. */
  async readAll(): Promise<T[]> {
    const out: T[] = [];
    await this.scan((r) => out.push(r));
    return out;
  }

  /** Waits for queued writes and syncs the current file to disk. */
  async flush(): Promise<void> {
    await this.chain;
    await this.handle?.sync().catch(() => {});
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle?.close().catch(() => {});
    this.handle = undefined;
    this.month = undefined;
  }
}
