import { readFileSync } from 'node:fs';
import { parseLexicon } from '../src/knowledge/load.js';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/app/engine.js';
import { decide, DEFAULT_THRESHOLDS } from '../src/answer/decide.js';
import { EVIDENCE_HITS } from '../src/search/index.js';
import { escalatedText } from '../src/answer/reply.js';
import type { Knowledge, Passage } from '../src/knowledge/types.js';
import { EMPTY_LEXICON } from '../src/text/analyzer.js';

/** The answer-type and document cues of the bundled lexicon: the decision reads them from the lexicon, not from code. */
const QUESTION_CUES = (() => {
  const lexicon = { ...EMPTY_LEXICON };
  parseLexicon('lexicon.yaml', readFileSync('knowledge/lexicon.yaml', 'utf8'), [], lexicon);
  return { answerTypes: lexicon.answerTypes, documentKinds: lexicon.documentKinds, notDocumentName: lexicon.notDocumentName };
})();

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

/** Three entries on neighbouring topics, so words overlap but wording does not. */
function smallCorpus(): Knowledge {
  const faq = (id: string, title: string, questions: string[], body: string): Passage => ({ id, kind: 'faq', title, questions, tags: [], body, citation: `Nguồn ${id}`, summary: true, file: `${id}.md` });
  const passages = [
    faq('ruou-bia-nghi-trua', 'Uống rượu bia giờ nghỉ trưa', ['Nghỉ trưa có được uống bia không?', 'Công chức uống bia buổi trưa có vi phạm không?'], 'Không uống rượu bia trong giờ nghỉ trưa của ngày làm việc.'),
    faq('deo-the', 'Đeo thẻ công chức', ['Công chức có phải đeo thẻ khi làm việc không?'], 'Công chức phải đeo thẻ trong khi thi hành nhiệm vụ.'),
    faq('tiep-dan', 'Thái độ khi tiếp công dân', ['Tiếp công dân cần thái độ thế nào?'], 'Lịch sự, tôn trọng, lắng nghe ý kiến của người dân.'),
  ];
  return { passages, lexicon: { ...EMPTY_LEXICON, ...QUESTION_CUES, stopwords: ['có', 'được', 'ạ', 'chị'] }, faqCount: passages.length, regulationCount: 0 };
}

describe('evidence beyond shared words', () => {
  const index = buildIndex(smallCorpus());
  const top = (q: string) => index.search(index.analyzer.concepts(q))[0]!;

  it('measures how much of one way of asking the question holds, and its word pairs found in order', () => {
    const asked = top('nghỉ trưa có được uống bia không ạ');
    expect(asked.passage.id).toBe('ruou-bia-nghi-trua');
    expect(asked.phrasingRecall).toBe(1);
    expect(asked.pairCoverage).toBe(1);
    const scrambled = top('bia nghỉ uống trưa');
    expect(scrambled.passage.id).toBe('ruou-bia-nghi-trua');
    expect(scrambled.phrasingRecall).toBe(1);
    expect(scrambled.pairCoverage).toBe(0);
    const partly = top('nghỉ trưa đi ngủ');
    expect(partly.phrasingRecall).toBeLessThan(1);
  });

  it('measures a match to one way of asking both ways: what of it the question says, and what of the question it says', () => {
    // the question is one of its ways of asking, word for word
    expect(top('Nghỉ trưa có được uống bia không?').phrasingMatch).toBeCloseTo(1);
    // a way of asking said whole inside a longer question: all of it said, only part of the question
    const longer = top('nghỉ trưa có được uống bia không, hôm qua phòng tôi liên hoan sinh nhật chị trưởng phòng');
    expect(longer.phrasingRecall).toBe(1);
    expect(longer.phrasingMatch).toBeLessThan(0.8);
  });

  it('answers a question asking an address with an entry that gives a web address', () => {
    const corpus = smallCorpus();
    const portal: Passage = { id: 'cong-thong-tin', kind: 'faq', title: 'Cổng thông tin phản ánh', questions: ['Cổng thông tin phản ánh ở đâu?'], tags: [], body: 'Người dân gửi phản ánh tại https://phananh.example.vn.', citation: 'Nguồn cổng', summary: true, file: 'cong.md' };
    const withPortal = buildIndex({ ...corpus, passages: [...corpus.passages, portal] });
    const hit = withPortal.search(withPortal.analyzer.concepts('địa chỉ cổng thông tin phản ánh là gì'), { context: { asked: withPortal.analyzer.askedTypes('địa chỉ cổng thông tin phản ánh là gì'), scope: { kind: 'none' } } })[0]!;
    expect(hit.passage.id).toBe('cong-thong-tin');
    expect(hit.missingTypes).toEqual([]);
    // a phone number it does not give is still missing
    const phone = withPortal.search(withPortal.analyzer.concepts('số điện thoại cổng thông tin phản ánh'), { context: { asked: withPortal.analyzer.askedTypes('số điện thoại cổng thông tin phản ánh'), scope: { kind: 'none' } } })[0]!;
    expect(phone.missingTypes).toEqual(['phone']);
  });

  it('does not answer a question asking for a number with an entry that has none', () => {
    expect(decide('nghỉ trưa có được uống bia không', index).status).toBe('answered');
    expect(decide('nghỉ trưa được uống bia bao nhiêu lon', index).status).not.toBe('answered');
    expect(decide('nghi trua duoc uong bia bn lon', index).status).not.toBe('answered');
    // "khi nào" asks for a date at the end of a question, for an occasion at its start
    expect(decide('nghỉ trưa được uống bia từ khi nào vậy', index).status).not.toBe('answered');
    expect(decide('khi nào nghỉ trưa được uống bia', index).status).toBe('answered');
  });

  it('answers only when the wording is there too, not on shared words alone', () => {
    const question = 'nghỉ trưa có được uống bia không';
    expect(decide(question, index).status).toBe('answered');
    const answered = decide(question, index);
    expect(answered.evidence!.phrasingRecall).toBeGreaterThan(0.5);
    // Below the answer threshold, the same candidate is offered, not answered.
    expect(decide(question, index, { ...DEFAULT_THRESHOLDS, answer: Math.min(1, answered.score + 1e-6) }).status).toBe('suggested');
  });
});

describe('off-topic phrases', () => {
  it('escalates a question naming another field that the best entry never mentions, and still answers when it does', () => {
    const corpus = smallCorpus();
    const index = buildIndex({ ...corpus, lexicon: { ...corpus.lexicon, offTopic: ['lái xe', 'học sinh'] } });
    const traffic = decide('nghỉ trưa uống bia rồi lái xe', index);
    expect(traffic.status).toBe('escalated');
    expect(traffic.reason).toBe('off_topic');
    expect(traffic.suggestions.map((p) => p.id)).toContain('ruou-bia-nghi-trua');
    expect(escalatedText(traffic, 7)).toMatch(/"lái xe" thuộc lĩnh vực khác.*phiếu #7/);
    expect(decide('nghi trua uong bia roi lai xe', index).reason).toBe('off_topic');
    expect(decide('nghỉ trưa có được uống bia không', index).status).toBe('answered');
  });

  it('goes by what the entry says, not by a story one of its ways of asking tells', () => {
    const corpus = smallCorpus();
    const [lunch, ...rest] = corpus.passages;
    const asked = { ...lunch!, questions: [...lunch!.questions, 'Trưa uống bia rồi chiều lái xe đi công tác có sao không?'] };
    const index = buildIndex({ ...corpus, passages: [asked, ...rest], lexicon: { ...corpus.lexicon, offTopic: ['lái xe'] } });
    // The field words are evidence against the entry (its text never mentions driving), not a veto.
    expect(decide('nghỉ trưa uống bia rồi lái xe', index).evidence!.fieldWords).toBe(1);
  });

  it('names a field only when its words are typed side by side, not across a dropped filler', () => {
    const corpus = smallCorpus();
    const analyzer = buildIndex({ ...corpus, lexicon: { ...corpus.lexicon, stopwords: ['tôi'], offTopic: ['chứng thực'] } }).analyzer;
    const named = (q: string) => analyzer.offTopicIn(analyzer.concepts(q)).map((o) => o.phrase);
    expect(named('thủ tục chứng thực bản sao')).toEqual(['chứng thực']);
    expect(named('thu tuc chung thuc ban sao')).toEqual(['chứng thực']);
    expect(named('phong chung toi thuc hien tot van hoa cong so')).toEqual([]);
  });
});

/** A national rule, and one province's figures, with another province in its body as an aside. */
function placesCorpus(): Knowledge {
  const corpus = smallCorpus();
  const local: Passage = {
    id: 'bac-kan-so-luong',
    kind: 'faq',
    title: 'Số lượng công chức tỉnh Bắc Kạn',
    questions: ['Bắc Kạn có bao nhiêu công chức, viên chức?'],
    tags: ['Bắc Kạn'],
    body: 'Năm 2022 tỉnh có khoảng 12.000 công chức, viên chức, nhiều hơn Lai Châu.',
    citation: 'Báo cáo của tỉnh',
    summary: true,
    file: 'bac-kan.md',
  };
  return { ...corpus, passages: [...corpus.passages, local], lexicon: { ...corpus.lexicon, places: ['Bắc Kạn', 'Lai Châu', 'Đà Nẵng'] } };
}

describe('places', () => {
  const index = buildIndex(placesCorpus());

  it('does not answer a question about one province with the entry about another', () => {
    const other = decide('Lai Châu có bao nhiêu công chức, viên chức?', index);
    expect(other.status).not.toBe('answered');
    expect(decide('lai chau co bao nhieu cong chuc vien chuc', index).status).not.toBe('answered');
    expect(decide('Bắc Kạn có bao nhiêu công chức, viên chức?', index)).toMatchObject({ status: 'answered', passage: { id: 'bac-kan-so-luong' } });
  });

  it('puts the national rule first when the question names no province, the province\'s own when it does', () => {
    const corpus = placesCorpus();
    // the province's entry says it all too, in more of the same words
    const local: Passage = { ...corpus.passages[1]!, id: 'bac-kan-deo-the', title: 'Đeo thẻ công chức khi làm việc ở Bắc Kạn', tags: ['Bắc Kạn'], questions: ['Công chức có phải đeo thẻ khi làm việc không?', 'Công chức Bắc Kạn có phải đeo thẻ không?'] };
    const both = buildIndex({ ...corpus, passages: [...corpus.passages, local] });
    expect(both.search(both.analyzer.concepts('công chức có phải đeo thẻ khi làm việc không'))[0]!.passage.id).toBe('deo-the');
    expect(both.search(both.analyzer.concepts('công chức Bắc Kạn có phải đeo thẻ khi làm việc không'))[0]!.passage.id).toBe('bac-kan-deo-the');
    // …and the province's own first when the question names it, though the national rule says as much
    const national = { ...corpus.passages[1]!, questions: [...corpus.passages[1]!.questions, 'Công chức Bắc Kạn có phải đeo thẻ không?'] };
    const tied = buildIndex({ ...corpus, passages: [corpus.passages[0]!, national, ...corpus.passages.slice(2), local] });
    expect(tied.search(tied.analyzer.concepts('công chức Bắc Kạn có phải đeo thẻ không'))[0]!.passage.id).toBe('bac-kan-deo-the');
  });

  it('does not give a province\'s figures from a national rule', () => {
    const national = buildIndex({ ...placesCorpus(), passages: placesCorpus().passages.map((p) => (p.id === 'deo-the' ? { ...p, body: `${p.body} Quy định có từ năm 2007.` } : p)) });
    expect(decide('công chức có phải đeo thẻ khi làm việc không', national).status).toBe('answered');
    expect(decide('công chức phải đeo thẻ khi làm việc từ năm bao nhiêu', national).status).toBe('answered');
    expect(decide('Đà Nẵng bắt công chức phải đeo thẻ khi làm việc từ năm bao nhiêu', national).status).not.toBe('answered');
  });

  it('answers a national rule for any province, the province costing no coverage', () => {
    expect(decide('công chức ở Đà Nẵng có phải đeo thẻ khi làm việc không', index)).toMatchObject({ status: 'answered', passage: { id: 'deo-the' } });
    const coverage = (q: string) => index.search(index.analyzer.concepts(q))[0]!.coverage;
    expect(coverage('công chức Đà Nẵng có phải đeo thẻ khi làm việc không')).toBe(coverage('công chức có phải đeo thẻ khi làm việc không'));
  });

  it('runs no word pair through the province a national rule holds in, nor counts its name as unsaid', () => {
    const wording = (q: string) => {
      const hit = index.search(index.analyzer.concepts(q)).find((h) => h.passage.id === 'deo-the')!;
      return [hit.pairCoverage, hit.phrasingMatch];
    };
    expect(wording('công chức Đà Nẵng có phải đeo thẻ khi làm việc không')).toEqual(wording('công chức có phải đeo thẻ khi làm việc không'));
    // the province's own entry is no national rule: there the name is a word like any other
    const local = index.search(index.analyzer.concepts('Bắc Kạn có bao nhiêu công chức, viên chức?'))[0]!;
    expect(local.passage.id).toBe('bac-kan-so-luong');
    expect(local.pairCoverage).toBeGreaterThan(0);
  });
});

describe('numbers asked for', () => {
  const index = buildIndex(placesCorpus());

  it('weighs a document\'s number the knowledge base lacks as a topic, any other unknown number as a detail', () => {
    const weightOf = (q: string, word: string) => index.weight(index.analyzer.concepts(q).find((c) => c.label === word)!);
    const unknownWord = weightOf('đeo thẻ xyzw', 'xyzw');
    expect(weightOf('đeo thẻ theo nghị định 999', '999')).toBe(unknownWord);
    expect(weightOf('deo the theo nd 999', '999')).toBe(unknownWord);
    expect(weightOf('đeo thẻ ngày 30/4', '30')).toBeLessThan(unknownWord / 2);
    expect(decide('công chức có phải đeo thẻ khi làm việc ngày 30 không', index).status).toBe('answered');
  });

  it('reads "số mấy" as asking for a number, but not "trụ sở, mấy chị"', () => {
    // the entry states a number: not ruled out, it is what the bot gives or offers first
    const stated = decide('Bắc Kạn có công chức, viên chức số mấy', index);
    expect(stated.status).not.toBe('escalated');
    expect(stated.reasons.join()).not.toContain('answer_type_missing');
    expect(stated.passage?.id ?? stated.suggestions[0]?.id).toBe('bac-kan-so-luong');
    expect(decide('công chức đeo thẻ số mấy', index).status).not.toBe('answered');
    expect(decide('cong chuc deo the so may', index).status).not.toBe('answered');
    expect(decide('ở trụ sở, mấy chị công chức có phải đeo thẻ khi làm việc không', index).status).toBe('answered');
  });

  it('asks for a signer only of an entry that says who signed', () => {
    expect(decide('báo cáo số lượng công chức viên chức Bắc Kạn do ai ký', index).status).not.toBe('answered');
    const signed = buildIndex({ ...placesCorpus(), passages: placesCorpus().passages.map((p) => (p.id === 'bac-kan-so-luong' ? { ...p, body: `${p.body} Báo cáo do Chủ tịch UBND tỉnh ký.` } : p)) });
    expect(decide('báo cáo số lượng công chức viên chức Bắc Kạn do ai ký', signed).status).toBe('answered');
  });

  it('needs the unit asked for, not just any number', () => {
    expect(decide('Bắc Kạn có bao nhiêu công chức, viên chức?', index).status).toBe('answered');
    expect(decide('Bắc Kạn có bao nhiêu phần trăm công chức, viên chức?', index).status).not.toBe('answered');
    expect(decide('công chức viên chức Bắc Kạn bao nhiêu tuổi', index).status).not.toBe('answered');
    // a head count needs a number of people, not a year
    const dated = buildIndex({ ...placesCorpus(), passages: placesCorpus().passages.map((p) => (p.id === 'bac-kan-so-luong' ? { ...p, body: 'Năm 2022 tỉnh phát động phong trào thi đua của công chức, viên chức.' } : p)) });
    expect(decide('Bắc Kạn có bao nhiêu công chức, viên chức?', dated).status).not.toBe('answered');
  });
});

/** Article n of a small synthetic law. */
function lawArticle(law: string, tags: string[], n: number, title: string, body: string): Passage {
  return { id: `${law}/dieu-${n}`, kind: 'regulation', title: `Điều ${n}. ${title}`, questions: [], tags, topic: 'khac', body, citation: `Điều ${n} ${law}`, summary: false, file: `${law}.md` };
}

describe('a phrase typed by its initials', () => {
  const article = (n: number, title: string, body: string) => lawArticle('luat-x', ['Luật phản ánh kiến nghị'], n, title, body);
  const passages = [
    article(1, 'Hình thức gửi phản ánh', 'Người dân gửi phản ánh trực tiếp, qua bưu điện hoặc qua cổng dịch vụ công.'),
    article(2, 'Thời hạn xử lý phản ánh', 'Cơ quan xử lý phản ánh trong 10 ngày làm việc.'),
    article(3, 'Bảo mật người phản ánh', 'Không được tiết lộ họ tên người phản ánh.'),
    article(4, 'Trách nhiệm của bưu điện', 'Bưu điện chuyển thư đúng hạn.'),
  ];
  const index = buildIndex({ passages, lexicon: EMPTY_LEXICON, faqCount: 0, regulationCount: passages.length });
  const guesses = (q: string) => index.withTypoCorrections(index.analyzer.concepts(q)).map((c) => c.alternatives.map((a) => a.map((t) => t.folded).join(' ')));

  it('reads two letters the knowledge never uses as the word pair of those initials that its titles and tags use', () => {
    expect(guesses('gửi pa qua bưu điện được không')).toContainEqual(['pa', 'phan anh']);
  });

  it('guesses nothing for initials no phrase of the knowledge has', () => {
    expect(guesses('gửi qx qua bưu điện được không')).toContainEqual(['qx']);
  });
});

describe('a tone slipped on a filler word', () => {
  const lexicon = { ...EMPTY_LEXICON };
  parseLexicon('lexicon.yaml', readFileSync('knowledge/lexicon.yaml', 'utf8'), [], lexicon);
  const passage: Passage = { id: 'dong-nghiep', kind: 'faq', title: 'Giao tiếp với đồng nghiệp', questions: [], tags: [], topic: 'khac', body: 'Giao tiếp với đồng nghiệp phải lịch sự, đeo thẻ khi làm việc.', citation: 'Điều 10', summary: true, file: 'x.md' };
  const index = buildIndex({ passages: [passage], lexicon, faqCount: 1, regulationCount: 0 });
  const words = (q: string) => index.withTypoCorrections(index.analyzer.concepts(q)).map((c) => c.alternatives[0]!.map((t) => t.folded).join(' '));

  it('drops a word the knowledge never writes with those marks when bare it is a filler ("vơi" for "với")', () => {
    expect(words('giao tiếp vơi đồng nghiệp')).not.toContain('voi');
  });

  it('keeps a word the knowledge does write with its marks, though bare it is a filler ("thẻ", "thế")', () => {
    expect(words('giao tiếp có phải đeo thẻ không').some((w) => w.split(' ').includes('the'))).toBe(true);
  });
});

describe('a question asking what a term means', () => {
  const article = (n: number, title: string, body: string) => lawArticle('luat-y', [], n, title, body);
  const passages = [
    article(1, 'Quyền của người phản ánh', 'Người phản ánh có quyền gửi phản ánh và được trả lời về phản ánh của mình.'),
    article(2, 'Tiếp nhận phản ánh', 'Cơ quan tiếp nhận phản ánh, ghi sổ phản ánh và chuyển phản ánh đúng nơi.'),
    article(3, 'Giải thích từ ngữ', 'Trong Luật này, các từ ngữ dưới đây được hiểu như sau:\n1. Phản ánh là việc cá nhân cho cơ quan biết về một vụ việc.\n2. Hệ thống là nơi lưu trữ thông tin.'),
    article(4, 'Xử lý phản ánh', 'Phản ánh được xử lý trong mười ngày; phản ánh phức tạp được gia hạn.'),
    article(5, 'Phản ánh qua mạng', 'Phản ánh gửi qua mạng là phản ánh hợp lệ khi ghi rõ họ tên.'),
    article(6, 'Phản ánh trùng', 'Phản ánh trùng với phản ánh đã xử lý thì không xử lý lại.'),
    article(7, 'Rút phản ánh', 'Người gửi phản ánh được rút phản ánh là quyền của họ.'),
  ];
  const lexicon = { ...EMPTY_LEXICON, definitionCues: ['là gì'] };
  const index = buildIndex({ passages, lexicon, faqCount: 0, regulationCount: passages.length });

  it('reads the article defining that term among the few candidates, marked as such, though others say the word more often', () => {
    const concepts = index.analyzer.concepts('phản ánh là gì');
    const read = (definition: boolean) => index.search(concepts, { context: { asked: [], scope: { kind: 'none' }, definition } }).slice(0, EVIDENCE_HITS);
    expect(read(true).filter((h) => h.definesAsked).map((h) => h.passage.id)).toEqual(['luat-y/dieu-3']);
    expect(read(false).map((h) => h.passage.id)).not.toContain('luat-y/dieu-3');
  });
});

describe('an article is found by its own words, not by its document\'s tags', () => {
  // A Hiến pháp whose front matter lists every body it sets up: those tags are every article's alike.
  const documentTags = ['Hiến pháp', 'Quốc hội', 'Chủ tịch nước', 'Chính phủ', 'Hiến pháp năm 2013: nước Cộng hòa xã hội chủ nghĩa Việt Nam'];
  const article = (n: number, chapter: string, body: string): Passage => ({ ...lawArticle('hp', [...documentTags, chapter], n, '', body), title: `Điều ${n}` });
  const passages = [
    article(1, 'Chương V QUỐC HỘI', 'Quốc hội là cơ quan đại biểu cao nhất của Nhân dân.'),
    article(2, 'Chương VI CHỦ TỊCH NƯỚC', 'Chủ tịch nước do Quốc hội bầu trong số đại biểu Quốc hội.'),
    article(3, 'Chương VII CHÍNH PHỦ', 'Chính phủ là cơ quan hành chính nhà nước cao nhất.'),
  ];
  const index = buildIndex({ passages, lexicon: EMPTY_LEXICON, faqCount: 0, regulationCount: passages.length });

  it('weighs its title and chapter as its head, its document\'s tags as no more than its text', () => {
    const hits = index.search(index.analyzer.concepts('chủ tịch nước do ai bầu'));
    expect(hits[0]!.passage.id).toBe('hp/dieu-2');
    // "Chủ tịch nước" is in every article's document tags, in the head of none but the chapter's own
    expect(hits.find((h) => h.passage.id === 'hp/dieu-3')!.headCoverage).toBe(0);
    expect(hits[0]!.headCoverage).toBeGreaterThan(0);
  });
});


describe('an initial consonant written as its sound-alike', () => {
  const entry = (id: string, title: string, questions: string[], body: string): Passage => ({ id, kind: 'faq', title, questions, tags: [], topic: 'khac', body, citation: id, summary: false, file: `${id}.md` });
  const passages = [
    entry('xu-ly', 'Xử lý vi phạm văn hóa công sở', ['Vi phạm bị xử lý thế nào?'], 'Người vi phạm bị xử lý kỷ luật theo quy định.'),
    entry('dien-thoai', 'Sử dụng điện thoại trong giờ làm', ['Có được sử dụng điện thoại không?'], 'Hạn chế sử dụng điện thoại cho việc riêng.'),
    entry('tre-hen', 'Xử lý hồ sơ trễ hẹn', ['Hồ sơ trễ hẹn xử lý ra sao?'], 'Cơ quan xin lỗi và hẹn lại ngày trả.'),
  ];
  const index = buildIndex({ passages, lexicon: EMPTY_LEXICON, faqCount: passages.length, regulationCount: 0 });
  const read = (q: string) => index.withTypoCorrections(index.analyzer.concepts(q)).map((c) => c.alternatives.map((a) => a.map((t) => t.folded).join(' ')).join('|'));

  it('guesses "xử lý" for "sử lý", which no title or way of asking puts together, and leaves "sử dụng" alone', () => {
    expect(read('vi phạm thì bị sử lý thế nào')).toContain('su|xu');
    expect(read('có được sử dụng điện thoại không').some((c) => c.includes('xu'))).toBe(false);
    expect(index.search(index.analyzer.concepts('vi phạm thì bị sử lý thế nào'))[0]!.passage.id).toBe('xu-ly');
  });
});

describe('the article defining a term every article uses', () => {
  // Every article speaks of "quyết định hành chính"; the long definitions article ranks last by its words.
  const articles = Array.from({ length: 30 }, (_, i) =>
    lawArticle('luat-kn', [], i + 3, `Khiếu nại quyết định hành chính loại ${i}`, `Quyết định hành chính loại ${i} bị khiếu nại thì quyết định hành chính đó được xem xét lại theo quyết định hành chính mới.`),
  );
  const definitions = lawArticle(
    'luat-kn',
    [],
    2,
    'Giải thích từ ngữ',
    ['Trong Luật này các từ ngữ dưới đây được hiểu như sau:', ...Array.from({ length: 12 }, (_, i) => `${i + 1}. Thuật ngữ số ${i} là một khái niệm dài dùng trong luật này để chỉ việc số ${i}.`), '13. Quyết định hành chính là văn bản do cơ quan hành chính nhà nước ban hành để quyết định về một vấn đề cụ thể.'].join('\n'),
  );
  const passages = [...articles, definitions];
  const lexicon = { ...EMPTY_LEXICON, definitionCues: ['là gì'] };
  const index = buildIndex({ passages, lexicon, faqCount: 0, regulationCount: passages.length });

  it('reads it among the candidates and puts it first, wherever its words rank it', () => {
    const concepts = index.analyzer.concepts('quyết định hành chính là gì');
    const hits = index.search(concepts, { context: { asked: [], scope: { kind: 'none' }, definition: true } });
    expect(hits[0]!.passage.id).toBe('luat-kn/dieu-2');
    expect(hits[0]!.definesAsked).toBe(true);
  });
});

