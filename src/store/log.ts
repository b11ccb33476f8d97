import { closeSync, fchmodSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { vnMonth } from '../text/dates.js';

/**
 * An append-only log of records, one JSON object per line, one file per month
 * (`questions-2026-12.jsonl`): recording costs one short write whatever the history,
 * and old months can be archived or deleted as whole files.
 *
 * Each line is one synchronous write() into the operating system's cache (microseconds, in
 * order, nothing queued in between); it reaches the disk with the cache, and with fsync on
 * flush/close, because these records feed statistics, not anything a person was promised.
 * A line cut short by a crash or a full disk is skipped on reading, and the next record
 * starts on a line of its own.
 */
export class JsonLog<T extends { at: string }> {
  private fd?: number;
  private month?: string;
  /** the last write may have left half a line: start the next one on a fresh line */
  private broken = false;

  constructor(
    readonly dir: string,
    readonly name: string,
    /** a cheap check of a parsed line (the logs are long: no schema library per line) */
    private readonly valid: (value: unknown) => value is T,
  ) {}

  private fileFor(month: string): string {
    return path.join(this.dir, `${this.name}-${month}.jsonl`);
  }

  /** Appends one record; rejects (and leaves the log usable) when it cannot be written. */
  async append(record: T): Promise<void> {
    const month = vnMonth(record.at);
    if (this.month !== month || this.fd === undefined) this.openMonth(month);
    const bytes = Buffer.from(`${this.broken ? '\n' : ''}${JSON.stringify(record)}\n`, 'utf8');
    try {
      const written = writeSync(this.fd!, bytes, 0, bytes.length);
      if (written !== bytes.length) throw new Error(`ghi thiếu (${written}/${bytes.length} byte)`);
      this.broken = false;
    } catch (e) {
      this.broken = true;
      throw e;
    }
  }

  private openMonth(month: string): void {
    this.closeFile();
    const fd = openSync(this.fileFor(month), 'a+', 0o600);
    try {
      fchmodSync(fd, 0o600);
      // a line left unfinished by an earlier crash: the next record starts on its own line
      const { size } = fstatSync(fd);
      if (size > 0) {
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) this.broken = true;
      }
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    this.fd = fd;
    this.month = month;
  }

  private closeFile(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed or gone: nothing to keep
    }
    this.fd = undefined;
    this.month = undefined;
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
        if (!this.valid(parsed)) {
          bad++;
          continue;
        }
        records++;
        each(parsed);
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

  /** Syncs the current file to disk. */
  async flush(): Promise<void> {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } catch {
      // a log that cannot be synced is still written; statistics only
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.closeFile();
  }
}
