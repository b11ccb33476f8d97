import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/app/engine.js';
import { decide } from '../src/answer/decide.js';
import type { Knowledge, Passage } from '../src/knowledge/types.js';
import { EMPTY_LEXICON } from '../src/text/analyzer.js';

/** A corpus big enough for the large-corpus path: every passage shares the common words. */
function bigCorpus(size: number): Knowledge {
  const filler = (i: number): Passage => ({
    id: `p-${i}`,
    kind: 'faq',
    title: `Quy định về công tác văn thư số ${i}`,
    questions: [`Công tác văn thư số ${i} được quy định thế nào?`],
    tags: [],
    topic: 'khac',
    body: `Cơ quan thực hiện công tác văn thư theo quy định chung, mục ${i}.`,
    citation: `Văn bản số ${i}`,
    summary: true,
    file: 'synthetic',
  });
  const passages = Array.from({ length: size }, (_, i) => filler(i));
  passages[1234] = { ...passages[1234]!, id: 'the-cong-chuc', title: 'Đeo thẻ công chức khi làm việc', questions: ['Công chức có phải đeo thẻ không?'], body: 'Cán bộ, công chức phải đeo thẻ trong khi thi hành nhiệm vụ.' };
  return { passages, lexicon: EMPTY_LEXICON, faqCount: size, regulationCount: 0 };
}

describe('search on a large corpus', () => {
  it('finds the one passage with the rare words although the common words are in every passage', () => {
    const index = buildIndex(bigCorpus(3000));
    const decision = decide('cong chuc co phai deo the khong', index);
    expect(decision.status).toBe('answered');
    expect(decision.passage?.id).toBe('the-cong-chuc');
  });
});
