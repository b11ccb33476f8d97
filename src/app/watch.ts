import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from './conversation.js';
import type { ReloadResult } from './engine.js';

export interface KnowledgeWatcher {
  /** stops watching; a pending reload is dropped */
  close(): void;
  /** resolves when no reload is pending or running (tests) */
  idle(): Promise<void>;
}

export interface WatchOptions {
  /** quiet time after the last change before reloading */
  debounceMs?: number;
}

/** Files the knowledge loader reads; editors' swap and backup files and our own temp files are not. */
function isKnowledgeFile(name: string | null): boolean {
  if (!name) return true; // some platforms do not say which file changed
  const base = path.basename(name);
  if (base.startsWith('.') || base.endsWith('~') || base.startsWith('#')) return false;
  return /\.(md|ya?ml)$/i.test(base);
}

/**
 * KNOWLEDGE_WATCH=true: watches the knowledge directory (recursively) and reloads after
 * changes settle (debounced), through the same validation and atomic swap as /reload.
 * A broken edit is logged with file, line and reason; the previous index keeps answering.
 */
export function watchKnowledge(dir: string, reload: () => Promise<ReloadResult>, log: Logger, options: WatchOptions = {}): KnowledgeWatcher {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const changed = new Set<string>();

  const run = async (): Promise<void> => {
    const files = [...changed];
    changed.clear();
    try {
      const result = await reload();
      if (result.ok) {
        log.info({ files, passages: result.passageCount, ms: result.ms }, 'knowledge changed on disk; reloaded');
      } else {
        for (const e of result.errors) log.warn({ file: e.file, line: e.line, reason: e.reason }, 'knowledge change refused; previous index kept');
      }
    } catch (e) {
      log.error({ files, err: (e as Error).message }, 'knowledge reload after change failed; previous index kept');
    }
  };

  const fire = () => {
    timer = undefined;
    if (closed) return;
    if (running) {
      again = true; // a reload is in progress: run once more after it, with the newest files
      return;
    }
    running = run().finally(() => {
      running = undefined;
      if (again && !closed) {
        again = false;
        fire();
      }
    });
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, (_event, name) => {
      const file = name === null ? null : String(name);
      if (closed || !isKnowledgeFile(file)) return;
      if (file) changed.add(file.split(path.sep).join('/'));
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, debounceMs);
    });
  } catch (e) {
    log.error({ dir, err: (e as Error).message }, 'cannot watch the knowledge directory; use /reload instead');
    return { close() {}, idle: async () => {} };
  }
  watcher.on('error', (e) => log.error({ dir, err: e.message }, 'knowledge watcher failed; use /reload instead'));
  log.info({ dir, debounceMs }, 'watching the knowledge directory for changes');

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
    },
    async idle() {
      while (timer || running) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
