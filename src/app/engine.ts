import { decide, DEFAULT_THRESHOLDS, type Decision, type Thresholds } from '../answer/decide.js';
import { loadKnowledge } from '../knowledge/load.js';
import { KnowledgeInvalidError, type Knowledge, type KnowledgeError, type Passage } from '../knowledge/types.js';
import { SearchIndex } from '../search/index.js';
import { Analyzer } from '../text/analyzer.js';

export type ReloadResult =
  | { ok: true; faqCount: number; regulationCount: number; passageCount: number; ms: number }
  | { ok: false; errors: KnowledgeError[] };

/** Builds the search index of a loaded knowledge base. */
export function buildIndex(knowledge: Knowledge): SearchIndex {
  return new SearchIndex(knowledge.passages, new Analyzer(knowledge.lexicon), knowledge.documents);
}

/**
 * The knowledge base in use and its index. A reload builds a complete new index
 * first and swaps it in with one assignment: questions never see a half-built index,
 * and a broken file leaves the old one answering.
 */
export class Engine {
  private lock: Promise<unknown> = Promise.resolve();
  private readonly loadedListeners: ((knowledge: Knowledge) => Promise<void>)[] = [];

  private constructor(
    readonly knowledgeDir: string,
    private current: { knowledge: Knowledge; index: SearchIndex },
    readonly thresholds: Thresholds,
  ) {}

  /** Throws KnowledgeInvalidError (every problem listed) when the knowledge base is invalid. */
  static async open(knowledgeDir: string, thresholds: Thresholds = DEFAULT_THRESHOLDS): Promise<Engine> {
    const knowledge = await loadKnowledge(knowledgeDir);
    return new Engine(knowledgeDir, { knowledge, index: buildIndex(knowledge) }, thresholds);
  }

  /** Once the bot is ready: what the first question would otherwise make (see SearchIndex.warmUp). */
  warmUp(): void {
    this.current.index.warmUp();
  }

  get index(): SearchIndex {
    return this.current.index;
  }

  get knowledge(): Knowledge {
    return this.current.knowledge;
  }

  passage(id: string): Passage | undefined {
    return this.current.knowledge.passages.find((p) => p.id === id);
  }

  ask(question: string): Decision {
    return decide(question, this.current.index, this.thresholds);
  }

  /**
   * Every knowledge change (reload, watcher, promotion, import from chat) goes through here,
   * one at a time: `apply` writes its files and returns how to take them back; then the
   * knowledge is reloaded; a refused reload undoes the write, and the index in use stays the
   * one before. Two changes at once can never leave an older index in place.
   * A throwing `apply` (the write failed) rejects with its error and changes nothing.
   */
  change(apply?: () => Promise<(() => Promise<void>) | void>): Promise<ReloadResult> {
    const run = this.lock.then(async () => {
      const undo = apply ? await apply() : undefined;
      const result = await this.load();
      if (!result.ok && undo) await undo();
      return result;
    });
    this.lock = run.catch(() => {});
    return run;
  }

  reload(): Promise<ReloadResult> {
    return this.change();
  }

  /** Called after each successful reload, inside the change's lock (a feature that reads the knowledge directory too). */
  onLoaded(listener: (knowledge: Knowledge) => Promise<void>): void {
    this.loadedListeners.push(listener);
  }

  private async load(): Promise<ReloadResult> {
    const started = performance.now();
    try {
      const knowledge = await loadKnowledge(this.knowledgeDir);
      const index = buildIndex(knowledge);
      index.warmUp(); // a reload swaps in a finished index
      this.current = { knowledge, index };
      for (const listener of this.loadedListeners) await listener(knowledge).catch(() => {});
      return {
        ok: true,
        faqCount: knowledge.faqCount,
        regulationCount: knowledge.regulationCount,
        passageCount: knowledge.passages.length,
        ms: Math.round(performance.now() - started),
      };
    } catch (e) {
      if (e instanceof KnowledgeInvalidError) return { ok: false, errors: e.errors };
      return { ok: false, errors: [{ file: this.knowledgeDir, line: 0, reason: `không đọc được kho tri thức: ${(e as Error).message}` }] };
    }
  }
}
