import type { CitedDocument, Passage } from '../knowledge/types.js';
import type { DocumentReference } from '../text/analyzer.js';
import { fold } from '../text/vietnamese.js';

/** A document the knowledge base holds (a regulation file) or cites (an FAQ entry's source). */
interface KnownDocument {
  /** kinds it goes by, folded: "quyet dinh", and "quy che" for the Quy chế it carries */
  kinds: Set<string>;
  /** the leading number of its number ("129" of 129/2007/QĐ-TTg) */
  number?: string;
  /** folded words of its names, number and date */
  words: Set<string>;
  /** passages that are its articles or cite it */
  passages: Set<Passage>;
}

/** What the question's named documents mean for the search. */
export type DocumentScope =
  | { kind: 'none' }
  /** the question names documents the knowledge base holds: their passages only */
  | { kind: 'known'; passages: Set<Passage>; nameWords: Set<string> }
  /** it names a document the knowledge base lacks: nothing else answers it */
  | { kind: 'unknown'; name: string };

/** Abbreviated kinds as the long form ("qđ 129" is "quyết định 129"). */
const KIND_ALIASES: Record<string, string> = { qd: 'quyet dinh', nd: 'nghi dinh', nq: 'nghi quyet', tt: 'thong tu', ct: 'chi thi', kh: 'ke hoach', cv: 'cong van', 'bo luat': 'luat' };
const canonicalKind = (kind: string) => KIND_ALIASES[kind] ?? kind;
/**
 * Kinds whose name alone tells one document ("Luật Viên chức", "Hiến pháp 2013"): a name of
 * these the knowledge base lacks is a document it lacks. Plans and quy chế share names too
 * freely ("Đề án văn hóa công vụ") for that.
 */
const UNIQUELY_NAMED = new Set(['luat', 'hien phap', 'hien chuong', 'phap lenh']);
/** Kinds named by their year alone ("Hiến pháp 2013"), never by words. */
const NAMED_BY_YEAR = new Set(['hien phap']);
/** Kinds a jurisdiction has one of: "theo Hiến pháp" needs no name. */
const ONE_OF_ITS_KIND = new Set(['hien phap', 'hien chuong']);
/** Share of a typed name's words a document's names must hold to be the one meant. */
const NAME_MATCH = 0.75;
/** Below this share, no document of the knowledge base is the one meant. */
const NAME_MISMATCH = 0.5;

/** Words after a kind in an FAQ entry's own wording that may name the document. */
const NAME_WORDS_USED = 3;

/** "qd-129-2007" of "qd-129-2007/dieu-7". */
const regulationIdOf = (id: string) => id.split('/')[0]!;

function foldedWords(text: string): string[] {
  return fold(text).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** The documents the knowledge base holds or cites, read from its passages once per index. */
export class DocumentCatalogue {
  private readonly documents: KnownDocument[] = [];

  /**
   * From the regulation files' articles, and from what each FAQ entry cites: its structured
   * sources first (`ref:` an article, `doc:` a document of documents.yaml, whose type and
   * number are data), its citation text only for an entry without them.
   */
  constructor(passages: readonly Passage[], kinds: readonly string[][], cited: ReadonlyMap<string, CitedDocument> = new Map()) {
    const byKey = new Map<string, KnownDocument>();
    const add = (key: string, kind: string[], number: string | undefined, names: string[], p: Passage) => {
      let doc = byKey.get(key);
      if (!doc) {
        doc = { kinds: new Set(), number, words: new Set(), passages: new Set() };
        byKey.set(key, doc);
        this.documents.push(doc);
      }
      for (const k of kind) doc.kinds.add(canonicalKind(k));
      for (const name of names) for (const w of foldedWords(name)) doc.words.add(w);
      doc.passages.add(p);
    };
    /**
     * Every kind a citation names ("Điều 8 Quy chế văn hóa công sở, Quyết định số 129…": quy
     * chế, quyết định). A citation writes a document's kind capitalised: "kỷ luật" is no Luật.
     */
    const kindsIn = (text: string, capitalised: boolean): string[] => {
      const raw = fold(text).split(/[^A-Za-z0-9]+/).filter(Boolean);
      const ws = raw.map((w) => w.toLowerCase());
      const found: string[] = [];
      ws.forEach((_, at) => {
        if (capitalised && !/^[A-Z]/.test(raw[at]!)) return;
        const kind = kinds.find((k) => k.every((w, i) => ws[at + i] === w));
        // Abbreviations ("tt", "ct") are too short to tell a kind inside a citation ("05-CT/TW").
        if (kind && (kind.length > 1 || kind[0]!.length > 3) && !found.includes(kind.join(' '))) found.push(kind.join(' '));
      });
      return found;
    };
    const leadingNumber = (number: string | undefined) => (number ? /^\d+/.exec(number)?.[0] : undefined);
    const addRegulation = (doc: NonNullable<Passage['section']>['doc'], tags: string[], p: Passage) => {
      const number = leadingNumber(doc.number);
      const names = [doc.type, doc.number, doc.date ?? '', doc.attachment ?? '', ...tags.filter((t) => !/^(Chương|Mục|Phần)\s/i.test(t))];
      // A document without a number (a Hiến pháp) is its own regulation file.
      add(number ? `n:${number}` : `r:${regulationIdOf(p.id)}`, [...kindsIn(doc.type, false).slice(0, 1), ...(doc.attachment ? kindsIn(doc.attachment, false).slice(0, 1) : [])], number, names, p);
    };
    // A ref names an article ("qd-129-2007/dieu-7") or a whole regulation ("qd-1718-2023-khanh-hoa").
    const regulations = new Map<string, Passage>();
    for (const p of passages) if (p.section?.doc && !regulations.has(regulationIdOf(p.id))) regulations.set(regulationIdOf(p.id), p);
    for (const p of passages) {
      if (p.section?.doc) {
        addRegulation(p.section.doc, p.tags, p);
        continue;
      }
      const structured = (p.sources ?? []).filter((s) => s.ref || s.doc);
      for (const source of structured) {
        const article = source.ref ? regulations.get(regulationIdOf(source.ref)) : undefined;
        if (article?.section) addRegulation(article.section.doc, [], p);
        const doc = source.doc ? cited.get(source.doc) : undefined;
        if (doc) {
          const number = leadingNumber(doc.number);
          add(number ? `n:${number}` : `d:${doc.id}`, kindsIn(doc.type, false).slice(0, 1), number, [doc.type, doc.number ?? '', doc.title ?? '', doc.date ?? ''], p);
        }
      }
      if (structured.length > 0) continue;
      // An entry citing in free text: "Quyết định số 1847/QĐ-TTg; Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14".
      for (const source of p.citation.split(';')) {
        const found = kindsIn(source, true);
        if (found.length === 0) continue;
        const number = /(?:số\s*)?(\d+)(?:\/|-)/u.exec(source)?.[1];
        add(number ? `n:${number}` : `w:${foldedWords(source).slice(0, 8).join(' ')}`, found, number, [source], p);
      }
    }
    for (const doc of this.documents) this.addNamesUsedFor(doc);
  }

  /**
   * How the knowledge base's own FAQ entries name a document ("Hiến pháp đầu tiên", "hiến pháp
   * 46") is a name of it too: the few words after its kind in their titles and ways of asking.
   */
  private addNamesUsedFor(doc: KnownDocument): void {
    const kinds = [...doc.kinds].map((k) => k.split(' '));
    for (const p of doc.passages) {
      if (p.kind !== 'faq') continue;
      for (const text of [p.title, ...p.questions]) {
        const ws = foldedWords(text);
        ws.forEach((_, at) => {
          const kind = kinds.find((k) => k.every((w, i) => ws[at + i] === w));
          if (kind) for (const w of ws.slice(at + kind.length, at + kind.length + NAME_WORDS_USED)) doc.words.add(w);
        });
      }
    }
  }

  /** Where the question's named documents send the search. */
  scope(references: DocumentReference[]): DocumentScope {
    const passages = new Set<Passage>();
    const nameWords = new Set<string>();
    for (const ref of references) {
      const found = this.find(ref);
      if (found === 'unknown') return { kind: 'unknown', name: [ref.kind, ref.number ?? ref.name.join(' ')].join(' ') };
      for (const doc of found) {
        for (const p of doc.passages) passages.add(p);
        for (const w of doc.words) nameWords.add(w);
      }
    }
    return passages.size > 0 ? { kind: 'known', passages, nameWords } : { kind: 'none' };
  }

  private find(ref: DocumentReference): KnownDocument[] | 'unknown' {
    if (ref.number) {
      const docs = this.documents.filter((d) => d.number === ref.number);
      if (docs.length > 0) return docs;
      // "Hiến pháp 1946": the document of that kind dated that year (its date is among its words).
      const ofYear = ref.year ? this.documents.filter((d) => d.kinds.has(canonicalKind(ref.kind)) && d.words.has(ref.number!)) : [];
      return ofYear.length > 0 ? ofYear : 'unknown';
    }
    const kind = canonicalKind(ref.kind);
    // A constitution has no name but its year (a number, read above): the words after
    // "Hiến pháp" say what it does ("Hiến pháp quy định", "Hiến pháp mô tả"), not which one.
    if (ref.name.length === 0 || NAMED_BY_YEAR.has(kind)) {
      // "theo Hiến chương": the one document of that kind, when the knowledge base has one.
      const ofKind = this.documents.filter((d) => d.kinds.has(kind));
      return ONE_OF_ITS_KIND.has(kind) && ofKind.length === 1 ? ofKind : [];
    }
    const scored = this.documents
      .filter((d) => d.kinds.has(kind))
      // A law is named by its subject, head word first: "Luật Giao dịch điện tử" is not "Luật Lưu trữ điện tử".
      .map((d) => ({ d, share: UNIQUELY_NAMED.has(kind) && !d.words.has(ref.name[0]!) ? 0 : ref.name.filter((w) => d.words.has(w)).length / ref.name.length }));
    const best = Math.max(0, ...scored.map((s) => s.share));
    if (best >= NAME_MATCH) return scored.filter((s) => s.share === best).map((s) => s.d);
    // "Luật Cán bộ, công chức 2008", "Hiến pháp 2013": a name (or a year) no document of that kind has.
    const named = ref.name.length >= 2 || ref.name.some((w) => /^\d+$/.test(w));
    return best < NAME_MISMATCH && named && UNIQUELY_NAMED.has(kind) ? 'unknown' : [];
  }
}
