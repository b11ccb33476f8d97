import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/app/engine.js';
import { watchKnowledge, type KnowledgeWatcher } from '../../src/app/watch.js';
import type { ReloadResult } from '../../src/app/engine.js';
import { commitImport, prepareImport } from '../../src/import/index.js';
import { copyOfFixtureKnowledge, removeDir } from '../helpers/temp.js';
import { DECISION_BODY, DECISION_HEADER } from './fixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const FAQ = (title: string) => `---
id: gio-lam-viec-mua-he
title: ${title}
questions:
  - Giờ làm việc mùa hè bắt đầu lúc mấy giờ?
source:
  document: Thông báo số 9/TB-UBND
  date: 02/4/2024
---
Từ ngày 15/4, buổi sáng bắt đầu lúc 7 giờ.
`;

describe('KNOWLEDGE_WATCH', () => {
  it('reloads after a valid change and keeps the old index on a broken one, saying where', async () => {
    const kb = await copyOfFixtureKnowledge();
    cleanups.push(() => removeDir(kb));
    const engine = await Engine.open(kb);
    const warnings: Record<string, unknown>[] = [];
    const log = { info() {}, warn: (o: object) => void warnings.push(o as Record<string, unknown>), error: (o: object) => void warnings.push(o as Record<string, unknown>) };
    const reloads: ReloadResult[] = [];
    const watcher: KnowledgeWatcher = watchKnowledge(
      kb,
      async () => {
        const r = await engine.reload();
        reloads.push(r);
        return r;
      },
      log,
      { debounceMs: 80 },
    );
    cleanups.push(() => watcher.close());
    await new Promise((r) => setTimeout(r, 150)); // let the recursive watch settle

    // A burst of writes (a new FAQ, then an imported regulation) gives one debounced reload.
    await writeFile(path.join(kb, 'faq', 'gio-lam-viec-mua-he.md'), FAQ('Giờ làm việc mùa hè'));
    const prepared = await prepareImport(kb, 'qd-45.txt', new TextEncoder().encode([...DECISION_HEADER.left, ...DECISION_HEADER.right, ...DECISION_BODY].join('\n')));
    await commitImport(prepared);
    await until(() => engine.knowledge.regulationCount === 2 && engine.knowledge.faqCount === 4, 'the valid change to be loaded');
    await watcher.idle();
    expect(reloads.every((r) => r.ok)).toBe(true);
    expect(reloads.length).toBeLessThanOrEqual(2);
    expect(engine.ask('giờ làm việc mùa hè bắt đầu lúc mấy giờ').passage?.id).toBe('gio-lam-viec-mua-he');

    // A broken edit: the title is emptied.
    await writeFile(path.join(kb, 'faq', 'gio-lam-viec-mua-he.md'), FAQ(''));
    await until(() => warnings.length > 0, 'the broken change to be refused');
    await watcher.idle();
    expect(warnings[0]).toEqual({ file: 'faq/gio-lam-viec-mua-he.md', line: 3, reason: expect.stringContaining('thiếu "title"') });
    expect(engine.knowledge.faqCount).toBe(4);
    expect(engine.ask('giờ làm việc mùa hè bắt đầu lúc mấy giờ').passage?.id).toBe('gio-lam-viec-mua-he');
  });
});
