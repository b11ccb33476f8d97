import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { shortSource } from '../../src/quiz/sources.js';

describe('shortSource (for a quiz poll explanation)', async () => {
  const k = await loadKnowledge('knowledge');
  const byId = new Map(k.passages.map((p) => [p.id, p]));
  const short = (id: string) => shortSource(byId.get(id)!, byId, k.documents);

  it('names an article of the attached Quy chế as such, never as an article of the decision', () => {
    expect(short('qd-129-2007/dieu-6')).toBe('Điều 6, Quy chế kèm theo Quyết định số 129/2007/QĐ-TTg');
    expect(short('le-phuc')).toBe('Điều 6, Quy chế kèm theo Quyết định số 129/2007/QĐ-TTg');
  });

  it('keeps the clause an entry cites, and every source an entry has', () => {
    expect(short('hut-thuoc-la-phong-lam-viec')).toMatch(/^Khoản 1 Điều 4, Quy chế kèm theo Quyết định số 129\/2007\/QĐ-TTg/);
    const both = short('co-che-mot-cua');
    expect(both).toContain('Nghị định số 61/2018/NĐ-CP');
    expect(both).toContain('Lai Châu');
  });

  it('names a whole regulation by its decision', () => {
    expect(short('khanh-hoa-de-an-1718')).toBe('Đề án kèm theo Quyết định số 1718/QĐ-UBND');
  });
});
