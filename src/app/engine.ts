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
  return new SearchIndex(knowledge.passages, new Analyzer(knowledge.lexicon));
}

/**
 * The knowledge base in use and its index. A reload builds a complete new index
 * first and swaps it in with one assignment: questions never see a half-built index,
 * and a broken file leaves the old one answering.
 */
export class Engine {
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

  async reload(): Promise<ReloadResult> {
    const started = performance.now();
    try {
      const knowledge = await loadKnowledge(this.knowledgeDir);
      const index = buildIndex(knowledge);
      this.current = { knowledge, index };
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
