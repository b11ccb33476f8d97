import { readFileSync } from 'node:fs';
import { vetoesOf } from '../src/answer/decide.js';
import { describe, expect, it } from 'vitest';
import { parseLexicon } from '../src/knowledge/load.js';
import type { Passage } from '../src/knowledge/types.js';
import { DocumentCatalogue } from '../src/search/documents.js';
import { answerFacts, definedTerms, namesDocument, statesCount } from '../src/search/facts.js';
import { isUntitledArticle } from '../src/answer/evidence.js';
import { Analyzer, documentNameConcepts, EMPTY_LEXICON } from '../src/text/analyzer.js';

const lexicon = { ...EMPTY_LEXICON };
parseLexicon('lexicon.yaml', readFileSync('knowledge/lexicon.yaml', 'utf8'), [], lexicon);
const analyzer = new Analyzer(lexicon);

describe('untitled articles', () => {
  it('knows an article by its number alone from one with a title of its own', () => {
    expect(isUntitledArticle({ kind: 'regulation', title: 'Điều 5' })).toBe(true);
    expect(isUntitledArticle({ kind: 'regulation', title: 'Điều 12a.' })).toBe(true);
    expect(isUntitledArticle({ kind: 'regulation', title: 'Điều 5. Quyền của người tố cáo' })).toBe(false);
    expect(isUntitledArticle({ kind: 'faq', title: 'Điều 5' })).toBe(false);
  });
});

describe('answer types a passage states', () => {
  it('reads sums of money, phone numbers, links, addresses, signers and dates from the text', () => {
    expect([...answerFacts('Người trực đêm được bồi dưỡng 200.000 đồng mỗi đêm.')]).toEqual(expect.arrayContaining(['money', 'count']));
    expect(answerFacts('Đường dây nóng là 0209 3856 111.').has('phone')).toBe(true);
    expect(answerFacts('Tổng đài quốc gia có số 1900 8198.').has('phone')).toBe(true);
    expect(answerFacts('Truy cập tại https://phananh.example.vn').has('link')).toBe(true);
    expect(answerFacts('Gửi về số 8 đường Lê Lợi, phường Trung Sơn.').has('address')).toBe(true);
    expect(answerFacts('CHỦ TỊCH\n(đã ký)\nLương Quốc Trung').has('person')).toBe(true);
    expect(answerFacts('Bài viết của tác giả Nguyễn Văn Nam đề xuất năm giải pháp.').has('person')).toBe(true);
    expect(answerFacts('Quy chế do Chủ tịch Ủy ban nhân dân tỉnh ký ban hành.').has('person')).toBe(true);
    expect(answerFacts('Có hiệu lực từ ngày 01 tháng 7 năm 2028.').has('date')).toBe(true);
    expect(answerFacts('Thời hạn xử lý không quá 10 ngày làm việc.').has('duration')).toBe(true);
  });

  it('finds nobody named where a text only mentions signing or an author', () => {
    expect(answerFacts('Người phản ánh không biết chữ thì được đọc lại nội dung và mời ký hoặc điểm chỉ.').has('person')).toBe(false);
    expect(answerFacts('Quyết định có hiệu lực từ ngày ký.').has('person')).toBe(false);
    expect(answerFacts('Đó là đánh giá của tác giả bài viết, không phải quy định.').has('person')).toBe(false);
  });

  it('does not see an answer type where there is none', () => {
    const rule = answerFacts('Cán bộ, công chức phải đeo thẻ khi thực hiện nhiệm vụ; đăng ký mẫu thẻ theo hướng dẫn.');
    for (const type of ['money', 'phone', 'link', 'address', 'person', 'date', 'count'] as const) expect(rule.has(type), type).toBe(false);
    // "Quyết định 1718" is no phone number, "tiền" alone no sum of money
    expect(answerFacts('Theo Quyết định 1718, tiết kiệm tiền ngân sách.').has('phone')).toBe(false);
    expect(answerFacts('tiết kiệm tiền ngân sách').has('money')).toBe(false);
  });

  it('finds a count in the unit asked, in digits or in words', () => {
    expect(statesCount('Hội đồng có ba mươi lăm đại biểu.', 'dai')).toBe(true);
    expect(statesCount('Đi muộn từ ba lần trở lên trong một tháng', 'lan')).toBe(true);
    expect(statesCount('Tổng số giờ làm thêm không quá 40 giờ', 'gio')).toBe(true);
    expect(statesCount('Hội đồng có ba mươi lăm đại biểu.', 'trang')).toBe(false);
  });
});

describe('what the question asks for', () => {
  const types = (q: string) => analyzer.askedTypes(q);
  it('reads the asked answer type from the lexicon cues, the longer cue first', () => {
    expect(types('Người lợi dụng phản ánh bị phạt bao nhiêu tiền?')).toEqual([{ type: 'money' }]);
    expect(types('Địa chỉ trang web của Hệ thống phản ánh là gì?')).toEqual([{ type: 'link' }]);
    expect(types('Quyết định 45/2029 do ai ký?')).toEqual([{ type: 'person' }]);
    expect(types('Hội đồng đặc khu có bao nhiêu đại biểu?')).toEqual([{ type: 'count', unit: 'dai' }]);
    expect(types('Thời hạn xử lý phản ánh là bao lâu?')).toEqual([{ type: 'duration' }]);
    expect(types('uống rượu bia trong giờ làm bị xử phạt hành chính bao nhiêu')).toEqual([{ type: 'money' }]);
  });

  it('takes "bao nhiêu người" as a hint of its unit only: a text counts people by their role', () => {
    expect(types('Bắc Kạn có bao nhiêu người làm công chức, viên chức')).toEqual([{ type: 'count', unit: 'nguoi', bare: true }]);
    expect(types('Hội đồng đặc khu có bao nhiêu đại biểu?')).toEqual([{ type: 'count', unit: 'dai' }]);
  });

  it('reads "so may" typed bare as "số mấy", not as asking a phone extension', () => {
    expect(types('so van ban trong nam bat dau tu so may').map((t) => t.type)).not.toContain('phone');
    expect(types('số máy lẻ của văn phòng là gì').map((t) => t.type)).toContain('phone');
  });

  it('takes "khi nào" at the end as a date, at the start as an occasion; "mấy chị" as no count', () => {
    expect(types('Luật có hiệu lực khi nào')).toEqual([{ type: 'date' }]);
    expect(types('Khi nào phải mặc lễ phục')).toEqual([]);
    expect(types('ở trụ sở, mấy chị công chức có phải đeo thẻ không')).toEqual([]);
  });

  it('reads a unit inside its clause only, and no count a story closed by a yes/no question tells', () => {
    // the next clause's first word, or the particle closing the question, is no unit
    expect(types('đề án giao bao nhiêu, ký ngày nào')).toEqual([{ type: 'count' }, { type: 'date' }]);
    // "số hiệu bao nhiêu" asks which document: the longer cue wins
    expect(types('đề án số hiệu bao nhiêu, ký ngày nào')).toEqual([{ type: 'document' }, { type: 'date' }]);
    expect(types('Đề án có nêu kinh phí cụ thể là bao nhiêu không?')).toEqual([{ type: 'count' }]);
    // "mấy lần" tells the story; the question asked is whether it breaks a rule
    expect(types('Dân phải đến hỏi mấy lần, thế có sai không?')).toEqual([]);
    // asked in the closing clause, or in a one-clause question, the count stays
    expect(types('Đi muộn mấy lần thì bị nhắc nhở?')).toEqual([{ type: 'count', unit: 'lan' }]);
    expect(types('Quy chế ban hành năm 2007, có mấy chương?')).toEqual([{ type: 'count', unit: 'chuong' }]);
    // an abbreviated unit is counted in the words it stands for
    expect(types('tỉnh có bn cbccvc')).toEqual([{ type: 'count', unit: 'cbccvc', units: ['can', 'bo', 'cong', 'chuc', 'vien', 'chuc'] }]);
  });

  it('reads a phone number or a link a story names before a yes/no question as told, a question word there as asked', () => {
    expect(types('Đồng nghiệp đưa số điện thoại người phản ánh cho cán bộ bị phản ánh xem, như vậy có vi phạm không?')).toEqual([]);
    expect(types('Lễ phục của nam màu gì, cà vạt có bắt buộc không?').map((a) => a.type)).toEqual(['color']);
    expect(types('Số điện thoại đường dây nóng là bao nhiêu?').map((a) => a.type)).toContain('phone');
  });

  it('does not count "bao nhiêu" or "ngày nào" as what the question is about', () => {
    const labels = analyzer.concepts('Hội đồng họp bao nhiêu kỳ').map((c) => c.label);
    expect(labels).not.toContain('bao1');
    expect(labels).not.toContain('nhiêu1');
  });
});

describe('documents the question names', () => {
  const passage = (id: string, extra: Partial<Passage>): Passage => ({ id, kind: 'faq', title: id, questions: [], tags: [], body: '', citation: '', summary: false, file: `${id}.md`, ...extra });
  const law = passage('luat/dieu-1', {
    kind: 'regulation',
    tags: ['Luật phản ánh kiến nghị', 'Luật số 27/2031/QH16 ngày 12/6/2031: Luật Tiếp nhận và xử lý phản ánh, kiến nghị của người dân'],
    section: { doc: { type: 'Luật', number: '27/2031/QH16', date: '12/6/2031' }, kind: 'article', number: '1', title: 'Điều 1', scope: 'attachment' },
  });
  const faq = passage('the', { citation: 'Điều 8 Quy chế văn hóa công sở, Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007' });
  const other = passage('khac', {});
  const catalogue = new DocumentCatalogue([law, faq, other], analyzer.kindsOfDocument);
  const scope = (q: string) => catalogue.scope(analyzer.documentReferences(q));

  it('narrows to a document the knowledge base holds or cites, by number or by name', () => {
    expect(scope('Luật phản ánh kiến nghị cấm những gì')).toMatchObject({ kind: 'known', passages: new Set([law]) });
    expect(scope('qđ 129 quy định gì về thẻ')).toMatchObject({ kind: 'known', passages: new Set([faq]) });
    expect(scope('điều 8 quyết định số 129 nói gì')).toMatchObject({ kind: 'known', passages: new Set([faq]) });
  });

  it('reads a kind typed with a slip when a number follows it, and only then', () => {
    expect(scope('quyết địng số 129 quy định gì về thẻ')).toMatchObject({ kind: 'known', passages: new Set([faq]) });
    expect(scope('quyet dimh 129 noi gi')).toMatchObject({ kind: 'known', passages: new Set([faq]) });
    expect(analyzer.documentReferences('nghị địng về thủ tục')).toEqual([]);
  });

  it('knows a law by the head word of its name: "Luật Giao dịch điện tử" is not "Luật Lưu trữ điện tử"', () => {
    const archive = passage('luu-tru/dieu-1', {
      kind: 'regulation',
      tags: ['Luật số 99/2031/QH99 ngày 1/1/2031: Luật Lưu trữ điện tử'],
      section: { doc: { type: 'Luật', number: '99/2031/QH99', date: '1/1/2031' }, kind: 'article', number: '1', title: 'Điều 1', scope: 'main' },
    });
    const laws = new DocumentCatalogue([archive], analyzer.kindsOfDocument);
    const lawScope = (q: string) => laws.scope(analyzer.documentReferences(q));
    expect(lawScope('Theo Luật Giao dịch điện tử thì chữ ký số có giá trị thế nào').kind).toBe('unknown');
    expect(lawScope('luật lưu trữ điện tử quy định gì về sao lưu')).toMatchObject({ kind: 'known', passages: new Set([archive]) });
  });

  it('knows a document it lacks, and a word after "luật" that is no name', () => {
    expect(scope('Theo Luật Cán bộ, công chức 2008 công chức có nghĩa vụ gì').kind).toBe('unknown');
    expect(scope('Nghị định 112 có mấy hình thức kỷ luật').kind).toBe('unknown');
    expect(scope('theo luật thì có được hút thuốc không').kind).toBe('none');
    // "luật khác", "luật chuyên ngành" point at laws in general, not at one the knowledge base lacks
    expect(scope('luật khác cũng có quy định thì áp dụng luật nào').kind).toBe('none');
    expect(scope('luật chuyên ngành không quy định thời điểm thì công khai khi nào').kind).toBe('none');
    expect(scope('công chức có phải đeo thẻ không').kind).toBe('none');
  });
});

describe('documents the knowledge base cites, from its structured sources', () => {
  const passage = (id: string, extra: Partial<Passage>): Passage => ({ id, kind: 'faq', title: id, questions: [], tags: [], body: '', citation: '', summary: false, file: `${id}.md`, ...extra });
  const article = passage('qd-1718/muc-nhiem-vu', {
    kind: 'regulation',
    section: { doc: { type: 'Quyết định', number: '1718/QĐ-UBND', date: '21/7/2023' }, kind: 'heading', title: 'Nhiệm vụ' },
  });
  const wholeRef = passage('de-an', { sources: [{ ref: 'qd-1718', text: 'Quyết định số 1718/QĐ-UBND', line: 1 }], citation: 'Quyết định số 1718/QĐ-UBND' });
  const cited = new Map([
    ['ct-26-2016', { id: 'ct-26-2016', type: 'Chỉ thị', number: '26/CT-TTg', title: 'tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước', status: 'in_force' as const, verified: false as const, line: 1 }],
  ]);
  const alcohol = passage('ruou-bia', { sources: [{ doc: 'ct-26-2016', text: 'Chỉ thị số 26/CT-TTg', line: 1 }], citation: 'Chỉ thị số 26/CT-TTg về tăng cường kỷ luật, kỷ cương' });
  const freeText = passage('chan-chinh', { citation: 'Công văn số 403/SLĐTBXH-VP về tăng cường chấn chỉnh kỷ luật đối với công chức' });
  const catalogue = new DocumentCatalogue([article, wholeRef, alcohol, freeText], analyzer.kindsOfDocument, cited);
  const scope = (q: string) => catalogue.scope(analyzer.documentReferences(q));

  it('takes a cited document kind and number from documents.yaml, and a ref to a whole regulation as that regulation', () => {
    expect(scope('chỉ thị 26 nói gì về rượu bia')).toMatchObject({ kind: 'known', passages: new Set([alcohol]) });
    expect(scope('QĐ 1718 có những nhiệm vụ gì')).toMatchObject({ kind: 'known', passages: new Set([article, wholeRef]) });
  });

  it('does not take "kỷ luật" in a citation for a Luật: a law of that name stays one the knowledge base lacks', () => {
    expect(scope('Theo Luật Cán bộ, công chức thì công chức có phải đeo thẻ không').kind).toBe('unknown');
    expect(scope('công văn 403 yêu cầu gì').kind).toBe('known');
  });
});

describe('documents named by a year, by the words the knowledge base uses, or not at all', () => {
  const passage = (id: string, extra: Partial<Passage>): Passage => ({ id, kind: 'faq', title: id, questions: [], tags: [], body: '', citation: '', summary: false, file: `${id}.md`, ...extra });
  const cited = new Map([['hp-1946', { id: 'hp-1946', type: 'Hiến pháp', title: 'nước Việt Nam Dân chủ Cộng hòa năm 1946', date: '9/11/1946', status: 'replaced' as const, verified: false as const, line: 1 }]]);
  const about1946 = passage('hp', { sources: [{ doc: 'hp-1946', text: 'Hiến pháp 1946', line: 1 }], questions: ['Hiến pháp đầu tiên nói gì về nền công vụ'] });
  const article = (id: string, date: string) =>
    passage(`${id}/dieu-1`, { kind: 'regulation', section: { doc: { type: 'Luật', number: '', date }, kind: 'article', number: '1', title: 'Điều 1', scope: 'main' } });
  const [lawA, lawB] = [article('luat-a', '1/1/2031'), article('luat-b', '1/1/2032')];
  const catalogue = new DocumentCatalogue([about1946, lawA, lawB], analyzer.kindsOfDocument, cited);
  const scope = (q: string) => catalogue.scope(analyzer.documentReferences(q));

  it('reads a year after the kind as the date of the document, not its number', () => {
    expect(scope('hien phap 1946 duoc thong qua ngay nao')).toMatchObject({ kind: 'known', passages: new Set([about1946]) });
    expect(scope('theo hiến pháp năm 2013 thì sao').kind).toBe('unknown');
  });

  it('reads the words after "Hiến pháp" as what it does, not as another constitution\'s name', () => {
    expect(scope('Quốc kỳ được Hiến pháp mô tả như thế nào')).toMatchObject({ kind: 'known', passages: new Set([about1946]) });
    expect(scope('những ai có quyền đề nghị sửa đổi Hiến pháp')).toMatchObject({ kind: 'known', passages: new Set([about1946]) });
  });

  it('keeps two documents without a number apart', () => {
    expect(scope('luật năm 2032 nói gì')).toMatchObject({ kind: 'known', passages: new Set([lawB]) });
  });

  it('takes the words an FAQ entry names its document by as a name of it', () => {
    expect(scope('y tuong nen cong vu trong hien phap dau tien')).toMatchObject({ kind: 'known', passages: new Set([about1946]) });
  });

  it('reads no document in a word that holds a kind ("kỷ luật", "luật sư")', () => {
    expect(analyzer.documentReferences('có chỉ thị nào về siết kỷ luật, kỷ cương trong cơ quan hành chính không').map((r) => r.kind)).toEqual(['chi thi']);
    expect(analyzer.documentReferences('luật sư có được vào phòng tiếp dân không')).toEqual([]);
    // a kind of decision, not a decision: "quyết định hành chính", "quyết định kỷ luật"
    expect(analyzer.documentReferences('quyết định hành chính là gì')).toEqual([]);
  });
});

describe('what a yes/no question asks', () => {
  const asked = (q: string) => analyzer.concepts(q).filter((c) => c.predicate).map((c) => c.alternatives[0]!.map((t) => t.folded).join(' '));
  it('is what follows the last "có" (and a modal after it) of the closing sentence', () => {
    expect(asked('máy chấm công ở sở hỏng thì sở có cấp máy mới không')).toEqual(['cap', 'moi']); // "máy" was read before
    expect(asked('Trạm y tế trên đảo có khám bệnh miễn phí không?')).toEqual(['kham', 'benh', 'mien', 'phi']);
    expect(asked('công chức có được bán hàng online không')).not.toContain('duoc');
  });
  it('is nothing when the question asks no yes/no, or "có" closes it', () => {
    expect(asked('thẻ công chức gồm những gì')).toEqual([]);
    expect(asked('đeo thẻ có bắt buộc không')).toEqual([]);
  });
});

describe('a street address, not a city', () => {
  it('reads a house number or a named street as a street, "đặt tại Hà Nội" as no street', () => {
    expect(answerFacts('Gửi về số 8 đường Lê Lợi, phường Trung Sơn.').has('street')).toBe(true);
    expect(answerFacts('Trụ sở được đặt tại Hà Nội và Thành phố Hồ Chí Minh.').has('street')).toBe(false);
    expect(answerFacts('Đường dây nóng tiếp nhận phản ánh.').has('street')).toBe(false);
  });

  it('asks for one by house number or street name', () => {
    expect(analyzer.askedTypes('Trụ sở nằm ở số nhà nào, đường nào?').map((a) => a.type)).toContain('street');
    expect(analyzer.askedTypes('Trụ sở đặt ở đâu?').map((a) => a.type)).toEqual(['address']);
  });
});

describe('terms a regulation defines, and questions asking what one means', () => {
  it('reads the term a clause or point opens with "là", "được hiểu là", "bao gồm", each of a pair too', () => {
    const body = 'Trong Luật này, các từ ngữ dưới đây được hiểu như sau:\n1. Kiến nghị, phản ánh là việc công dân cung cấp thông tin.\n2. Nơi tiếp công dân bao gồm Trụ sở tiếp công dân.\nViệc tiếp công dân là trách nhiệm của cơ quan.';
    expect(definedTerms(body)).toEqual(['Kiến nghị, phản ánh', 'Kiến nghị', 'phản ánh', 'Nơi tiếp công dân']);
  });

  it('asks a meaning by the lexicon cues only', () => {
    expect(analyzer.asksDefinition('Nơi tiếp công dân được hiểu là gì?')).toBe(true);
    expect(analyzer.asksDefinition('thế nào là kiến nghị')).toBe(true);
    expect(analyzer.asksDefinition('Người tiếp công dân phải ăn mặc thế nào?')).toBe(false);
  });
});

describe('shares and colours as answer types', () => {
  it('reads a share or a colour from a passage, and asks for one only when the question does', () => {
    expect(answerFacts('Tỷ lệ hài lòng đạt 92,5%.').has('percent')).toBe(true);
    expect(answerFacts('Quốc kỳ nền đỏ, ở giữa có ngôi sao vàng năm cánh.').has('color')).toBe(true);
    expect(answerFacts('Nam mặc com-lê sẫm màu, thắt cà vạt.').has('color')).toBe(true);
    expect(answerFacts('Biển tên ghi tên cơ quan bằng tiếng Việt.').has('color')).toBe(false);
    expect(analyzer.askedTypes('hồ sơ trễ hẹn năm ngoái chiếm tỷ lệ bao nhiêu').map((a) => a.type)).toContain('percent');
    expect(analyzer.askedTypes('biển tên cơ quan phải màu gì').map((a) => a.type)).toEqual(['color']);
    expect(analyzer.askedTypes('làm thêm tối đa bao nhiêu giờ').map((a) => a.type)).toEqual(['count']);
  });

  it('reads a time of day, not a number of hours, and asks for one by the time cues', () => {
    expect(answerFacts('Buổi sáng từ 7 giờ 30 đến 11 giờ 30.').has('time')).toBe(true);
    expect(answerFacts('Mở cửa lúc 13:30 các ngày làm việc.').has('time')).toBe(true);
    expect(answerFacts('Làm thêm không quá 200 giờ trong một năm.').has('time')).toBe(false);
    expect(analyzer.askedTypes('trụ sở tiếp công dân mở cửa vào giờ nào').map((a) => a.type)).toEqual(['time']);
    expect(analyzer.askedTypes('làm thêm tối đa mấy giờ').map((a) => a.type)).toEqual(['count']);
  });

  it('asks which document by the document cues, and a passage names one in its text or its citation', () => {
    expect(answerFacts('Thực hiện theo Quyết định số 129/2007/QĐ-TTg của Thủ tướng.').has('document')).toBe(true);
    expect(answerFacts('Luật Tiếp công dân quy định việc này.').has('document')).toBe(true);
    expect(answerFacts('Tỉnh yêu cầu niêm yết công khai nội dung "Ba không".').has('document')).toBe(false);
    expect(namesDocument('Điều 7, Quy chế ban hành kèm theo Quyết định số 129/2007/QĐ-TTg ngày 02/8/2007')).toBe(true);
    expect(namesDocument('Bài viết "Giải pháp nâng cao thực thi văn hóa công vụ" ngày 15/5/2024')).toBe(false);
    expect(analyzer.askedTypes('nội dung ba không được ban hành ở văn bản nào').map((a) => a.type)).toEqual(['document']);
  });

  it('refuses a cue with a sign in it: the sign is dropped when a question is read', () => {
    const errors: { reason: string }[] = [];
    parseLexicon('lexicon.yaml', 'answerTypes:\n  percent: [bao nhiêu %]\n', errors as never, { ...EMPTY_LEXICON });
    expect(errors.map((e) => e.reason).join()).toMatch(/bao nhiêu %.*chỉ được gồm chữ và số/);
  });
});

describe('what a question asks of the document it names', () => {
  const labels = (q: string, documentWords: string[] = []) => {
    const concepts = analyzer.concepts(q);
    const mask = documentNameConcepts(concepts, analyzer.documentReferences(q), new Set(documentWords));
    return concepts.filter((_, i) => !mask[i]).map((c) => c.alternatives[0]!.map((t) => t.folded).join(' '));
  };

  it('is the question without the name, the name running on through the named document\'s own words', () => {
    const words = ['luat', 'phong', 'chong', 'tac', 'hai', 'cua', 'thuoc', 'la', '09', '2012', 'qh13'];
    expect(labels('Luật phòng chống tác hại của thuốc lá quy định công chức có phải đeo thẻ không', words).join(' ')).not.toMatch(/thuoc|luat/);
    expect(labels('Luật phòng chống tác hại của thuốc lá quy định công chức có phải đeo thẻ không', words).join(' ')).toMatch(/deo the/);
    expect(labels('qđ 129 có bao nhiêu chương').join(' ')).not.toMatch(/129/);
  });

  it('keeps a name asked alone whole', () => {
    expect(labels('quy chế văn hóa công sở').length).toBeGreaterThan(0);
  });
});

describe('facts that rule a candidate out', () => {
  it('names each: another province, a missing answer type, another document than the one named', () => {
    const hit: Parameters<typeof vetoesOf>[0] = { place: 'neither', asksFigure: false, missingTypes: [], document: 'none' };
    expect(vetoesOf(hit)).toEqual([]);
    expect(vetoesOf({ ...hit, document: 'named' })).toEqual([]);
    expect(vetoesOf({ ...hit, document: 'other' })).toEqual(['other_document']);
    expect(vetoesOf({ ...hit, place: 'other' })).toEqual(['other_place']);
    expect(vetoesOf({ ...hit, place: 'national', asksFigure: true })).toEqual(['other_place']);
    expect(vetoesOf({ ...hit, missingTypes: ['color'] })).toEqual(['answer_type_missing:color']);
  });
});

describe('the lexicon\'s small talk section', () => {
  it('refuses a kind it does not know and an empty list, with the line', () => {
    const errors: { line: number; reason: string }[] = [];
    parseLexicon('lexicon.yaml', 'smalltalk:\n  greeting: [chào]\n  joke: [haha]\n  thanks: []\n', errors as never, { ...EMPTY_LEXICON });
    expect(errors.map((e) => `${e.line}: ${e.reason}`)).toEqual([expect.stringMatching(/^3: smalltalk: loại "joke"/), expect.stringMatching(/^4: smalltalk: "thanks" cần danh sách/)]);
  });
});

describe('answer cues with words between their parts', () => {
  it('reads "giám đốc … là ai" as asking a person, within one clause', () => {
    const types = (q: string) => analyzer.askedTypes(q).map((a) => a.type);
    expect(types('Giám đốc Sở Nội vụ tỉnh hiện nay là ai')).toEqual(['person']);
    expect(types('đồng chí nào thay mặt Bộ Chính trị ký chỉ thị')).toEqual(['person']);
    // not across clauses, and "là ai" alone asks for whom a rule is, not a name
    expect(types('Giám đốc sở chủ trì, vậy đối tượng áp dụng là ai')).toEqual([]);
    expect(types('Đề án văn hóa công vụ áp dụng cho ai')).toEqual([]);
  });
});

describe('lexicon phrases read in words typed without marks', () => {
  it('reads the phrases that leave no word of content alone: "la co quan" is "là | cơ quan", not "lá cờ | quan"', () => {
    const read = (q: string) => analyzer.concepts(q).map((c) => c.alternatives[0]!.map((t) => t.folded).join(' '));
    expect(read('hoi dong nhan dan la co quan gi')).toEqual(['hoi dong nhan dan', 'co quan']);
    expect(read('lá cờ treo ở đâu')).toContain('la co');
  });
});


describe('another field named in a story, not asked', () => {
  it('takes a field the story before a closing yes/no question names as where it happened, one the question asks as what is asked', () => {
    expect(analyzer.toldOffTopic('Bà cụ đến làm khai sinh, em hơi to tiếng với bà, có vi phạm gì không')).toEqual(['khai sinh']);
    expect(analyzer.toldOffTopic('Thủ tục đăng ký khai sinh cho con cần mang theo giấy tờ gì?')).toEqual([]);
    expect(analyzer.toldOffTopic('dân hỏi chuyện khai sinh, vậy làm khai sinh có mất phí không')).toEqual([]);
  });
});

describe('the articles every law has, asked in plain words', () => {
  it('reads "điều chỉnh những gì" as the scope article and "áp dụng cho ai" as the subjects article', () => {
    const alternatives = (q: string) => analyzer.concepts(q).flatMap((c) => c.alternatives.map((a) => a.map((t) => t.folded).join(' ')));
    expect(alternatives('luật này điều chỉnh những vấn đề gì')).toContain('pham vi dieu chinh');
    expect(alternatives('nghị định áp dụng cho những ai')).toContain('doi tuong ap dung');
  });
});
