import { describe, expect, it } from 'vitest';
import { EVAL_DOCUMENTS_DIR, EVAL_SETS, indexFor, loadEvalKnowledge, loadEvalSet, openEvalIndexes } from '../scripts/lib/corpus.js';
import { parseLabelledSet } from '../scripts/lib/evaluation.js';

describe('eval knowledge', () => {
  it('reads a documents folder named twice only once (`--documents test/eval/documents`)', async () => {
    const once = await loadEvalKnowledge('knowledge', [EVAL_DOCUMENTS_DIR]);
    const twice = await loadEvalKnowledge('knowledge', [EVAL_DOCUMENTS_DIR, `${EVAL_DOCUMENTS_DIR}/`]);
    const ids = twice.passages.map((p) => p.id);
    expect(twice.passages.length).toBe(once.passages.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('luat-42-2013-qh13/dieu-36');
  });

  it('scores a question of a used blind set against its own documents, the others against the shared ones', async () => {
    const indexes = await openEvalIndexes('knowledge');
    const items = await loadEvalSet(EVAL_SETS['documents-tuning']);
    const own = items.find((i) => i.documents === 'test/eval/blind-2026-12d/documents')!;
    const shared = items.find((i) => !i.documents)!;
    const ownIds = indexFor(indexes, EVAL_SETS['documents-tuning'], own).passages.map((p) => p.id);
    expect(ownIds).toContain('qd-19-2035-bich-son/dieu-1');
    expect(ownIds).toContain('luat-42-2013-qh13/dieu-1');
    expect(indexFor(indexes, EVAL_SETS['documents-tuning'], shared)).toBe(indexes.documents);
    expect(indexes.documents.passages.map((p) => p.id)).not.toContain('qd-19-2035-bich-son/dieu-1');
    expect(indexes.ids.has('qd-19-2035-bich-son/dieu-1')).toBe(true);
  }, 60_000);
});

describe('labelled sets', () => {
  it('reads a label naming a clause or point as its article, the passage the bot answers with', () => {
    const [item] = parseLabelledSet('{"q": "x", "expect": ["qd-129-2007/dieu-7", "qd-129-2007/dieu-7/khoan-2", "qd-129-2007/dieu-4/khoan-1/diem-a", "dong-phuc"]}', 'x.jsonl');
    expect(item!.expect).toEqual(['qd-129-2007/dieu-7', 'qd-129-2007/dieu-4', 'dong-phuc']);
  });
});
