import { describe, expect, it } from 'vitest';
import { EVAL_DOCUMENTS_DIR, loadEvalKnowledge } from '../scripts/lib/corpus.js';

describe('eval knowledge', () => {
  it('reads a documents folder named twice only once (`--documents test/eval/documents`)', async () => {
    const once = await loadEvalKnowledge('knowledge', [EVAL_DOCUMENTS_DIR]);
    const twice = await loadEvalKnowledge('knowledge', [EVAL_DOCUMENTS_DIR, `${EVAL_DOCUMENTS_DIR}/`]);
    const ids = twice.passages.map((p) => p.id);
    expect(twice.passages.length).toBe(once.passages.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('luat-42-2013-qh13/dieu-36');
  });
});
