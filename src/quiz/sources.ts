import { shortDocumentName } from '../knowledge/documents.js';
import { sectionName, type DocumentInfo } from '../knowledge/legal-structure.js';
import type { CitedDocument, Passage } from '../knowledge/types.js';

/**
 * A passage's source short enough for a quiz poll's 200-character explanation:
 * "Điều 6, Quyết định số 129/2007/QĐ-TTg", "Nghị định số 61/2018/NĐ-CP". The full
 * citation still goes with the right answer in the round's results.
 */
export function shortSource(passage: Passage, passages: ReadonlyMap<string, Passage>, documents?: ReadonlyMap<string, CitedDocument>): string {
  const names: string[] = [];
  const add = (name: string | undefined) => {
    if (name && !names.includes(name)) names.push(name);
  };
  if (passage.section) add(articleName(passage));
  for (const s of passage.sources ?? []) {
    if (s.ref) {
      // "qd-129-2007/dieu-4/khoan-1": the article is the passage, the clause goes in front
      const [doc, article, clause] = s.ref.split('/');
      const clauseNo = clause && /^khoan-(\d+)$/.exec(clause)?.[1];
      const target = article ? passages.get(`${doc}/${article}`) : undefined;
      if (target?.section) add(`${clauseNo ? `Khoản ${clauseNo} ` : ''}${articleName(target, !!clauseNo)}`);
      else if (!article) add(wholeDocumentName(doc!, passages) ?? s.text);
      else add(s.text);
    } else if (s.doc) {
      const doc = documents?.get(s.doc);
      add(doc ? shortDocumentName(doc) : s.text);
    }
  }
  return names.length ? names.join('; ') : passage.citation;
}

/** A regulation cited as a whole ("ref: qd-1718-2023-khanh-hoa"): named from any of its sections. */
function wholeDocumentName(docId: string, passages: ReadonlyMap<string, Passage>): string | undefined {
  for (const p of passages.values()) {
    if (!p.section || !p.id.startsWith(`${docId}/`)) continue;
    return shortDocName(p.section.doc, true);
  }
  return undefined;
}

/** An article of an attached Quy chế is not an article of the decision: "Điều 6, Quy chế kèm theo Quyết định số …". */
const ATTACHMENT_KIND = /^(Quy chế|Quy định|Quy tắc|Đề án|Kế hoạch|Chương trình|Điều lệ|Hướng dẫn)/u;

function articleName(p: Passage, inner = false): string {
  const { doc, ...section } = p.section!;
  const name = sectionName(section);
  return `${inner ? name : name[0]!.toUpperCase() + name.slice(1)}, ${shortDocName(doc, section.scope !== 'main')}`;
}

/** "Quyết định số 129/2007/QĐ-TTg", or for what belongs to its attachment "Quy chế kèm theo Quyết định số …". */
function shortDocName(doc: DocumentInfo, attached: boolean): string {
  const name = doc.number ? `${doc.type} số ${doc.number}` : doc.type;
  return attached && doc.attachment ? `${ATTACHMENT_KIND.exec(doc.attachment)?.[1] ?? 'Văn bản'} kèm theo ${name}` : name;
}
