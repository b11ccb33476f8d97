import { describe, expect, it } from 'vitest';
import { convertLines, regulationId } from '../../src/import/convert.js';
import { htmlToLines } from '../../src/import/docx.js';
import { bodyName, detectHeader, firstUnitLine } from '../../src/import/header.js';
import { layoutLines } from '../../src/import/layout.js';
import { normalizeLines } from '../../src/import/lines.js';
import { readDocument } from '../../src/import/read.js';
import { clausesMatching, parseLegalStructure, sectionCitation } from '../../src/knowledge/legal-structure.js';
import { asText, DECISION_BODY, DECISION_HEADER, PLAN_BODY, PLAN_HEADER } from './fixtures.js';
import { makeDocx, makePdf } from './generate.js';

const DECISION_META = {
  type: 'Quyết định',
  number: '45/2023/QĐ-UBND',
  date: '15/6/2023',
  issuer: 'Ủy ban nhân dân huyện Vân Hà',
  title: 'Ban hành Quy chế ứng xử của cán bộ, công chức tại trụ sở Ủy ban nhân dân huyện Vân Hà',
  attachment: 'Quy chế ứng xử của cán bộ, công chức tại trụ sở Ủy ban nhân dân huyện Vân Hà',
};

describe('header block', () => {
  it.each([
    ['docx (header as a two-column table)', () => makeDocx(DECISION_HEADER, DECISION_BODY), 'qd.docx'],
    ['pdf (two columns side by side, wrapped lines)', () => makePdf(DECISION_HEADER, DECISION_BODY), 'qd.pdf'],
    ['txt', async () => new TextEncoder().encode(asText(DECISION_HEADER, DECISION_BODY)), 'qd.txt'],
  ])('finds number, date, type, issuer, title and the attached Quy chế: %s', async (_label, make, name) => {
    const doc = await readDocument(await make(), name);
    const { meta, warnings } = convertLines(doc.lines, doc.format);
    expect(meta).toMatchObject(DECISION_META);
    expect(warnings).toEqual([]);
  });

  it('reads a Kế hoạch: number, date with a padded month, title starting with "Thực hiện"', async () => {
    const doc = await readDocument(await makePdf(PLAN_HEADER, PLAN_BODY), 'kh.pdf');
    expect(convertLines(doc.lines, 'pdf').meta).toMatchObject({
      type: 'Kế hoạch',
      number: '112/KH-UBND',
      date: '03/02/2024',
      issuer: 'Ủy ban nhân dân huyện Vân Hà',
      title: 'Thực hiện văn hóa công vụ năm 2024',
      attachment: undefined,
    });
  });

  it('handles the usual variants: number spacing, "Về việc" on the type line, type from the number, two-level bodies', () => {
    const h = detectHeader(
      normalizeLines(
        [
          'THỦ TƯỚNG CHÍNH PHỦ',
          'Số: 1234 / QĐ – TTg',
          'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'Hà Nội, ngày 27 tháng 12 năm 2018',
          'QUYẾT ĐỊNH Về việc phê duyệt Đề án thí điểm',
          'THỦ TƯỚNG CHÍNH PHỦ',
          'Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;',
          'QUYẾT ĐỊNH:',
          'Điều 1. Phê duyệt Đề án.',
        ].join('\n'),
      ),
    );
    expect(h).toMatchObject({ type: 'Quyết định', number: '1234/QĐ-TTg', date: '27/12/2018', issuer: 'Thủ tướng Chính phủ', title: 'Về việc phê duyệt Đề án thí điểm' });

    const cv = detectHeader(['BỘ NỘI VỤ', 'Số: 77/BNV-CCVC', 'V/v thực hiện văn hóa công sở', 'Hà Nội, ngày 5 tháng 3 năm 2024', 'Kính gửi: Các bộ, ngành.', '## Nội dung']);
    expect(cv).toMatchObject({ type: 'Công văn', number: '77/BNV-CCVC', title: 'Về việc thực hiện văn hóa công sở', issuer: 'Bộ Nội vụ', date: '5/3/2024' });

    const tt = detectHeader(['BỘ NỘI VỤ', 'Số: 08/2022/TT-BNV Hà Nội, ngày 30 tháng 9 năm 2022', 'Điều 1. Phạm vi']);
    expect(tt).toMatchObject({ type: 'Thông tư', number: '08/2022/TT-BNV', date: '30/9/2022' });

    expect(bodyName('ỦY BAN NHÂN DÂN TỈNH BẮC NINH')).toBe('Ủy ban nhân dân tỉnh Bắc Ninh');
    expect(bodyName('BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')).toBe('Bộ Lao động - Thương binh và Xã hội');
    expect(detectHeader(['UBND TỈNH BẮC NINH', 'SỞ NỘI VỤ', 'Số: 5/KH-SNV', 'KẾ HOẠCH', 'Tập huấn', 'I. MỤC ĐÍCH']).issuer).toBe('Sở Nội vụ (Ủy ban nhân dân tỉnh Bắc Ninh)');
  });

  it('makes ids from type, number and year', () => {
    expect(regulationId('Quyết định', '1847/QĐ-TTg', '27/12/2018')).toBe('qd-1847-2018-qd-ttg');
    expect(regulationId('Quyết định', '129/2007/QĐ-TTg', '02/8/2007')).toBe('qd-129-2007-qd-ttg');
    expect(regulationId('Kế hoạch', '112/KH-UBND', '03/02/2024')).toBe('kh-112-2024-kh-ubnd');
  });
});

describe('structure', () => {
  it('splits Chương / Mục / Điều / Khoản / Điểm and keeps the decision apart from its attached Quy chế', () => {
    const { body } = convertLines(normalizeLines(asText(DECISION_HEADER, DECISION_BODY)), 'txt');
    const s = parseLegalStructure(body);
    expect(s.counts).toEqual({ chapters: 3, parts: 2, articles: 9, clauses: 11, points: 3 });
    expect(s.problems).toEqual([]);
    expect(body).not.toMatch(/Nơi nhận|TM\. ỦY BAN|Trần Văn Bình|\.\/\./); // recipients and signature are not regulation text
    const main = s.sections.filter((x) => x.scope === 'main');
    expect(main.map((x) => x.number)).toEqual(['1', '2', '3']);
    const art4 = s.sections.find((x) => x.scope === 'attachment' && x.number === '4')!;
    expect(art4).toMatchObject({ chapter: 'Chương II CHUẨN MỰC ỨNG XỬ', part: 'Mục 1. ỨNG XỬ TRONG GIỜ LÀM VIỆC' });
    expect(art4.clauses.map((c) => c.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(art4.clauses[4]!.points).toEqual(['a', 'b', 'c']);

    const doc = { type: 'Quyết định', number: '45/2023/QĐ-UBND', date: '15/6/2023', attachment: DECISION_META.attachment };
    expect(sectionCitation(doc, art4, '2')).toBe(`Khoản 2 Điều 4, ${DECISION_META.attachment} ban hành kèm theo Quyết định số 45/2023/QĐ-UBND ngày 15/6/2023`);
    expect(sectionCitation(doc, main[1]!)).toBe('Điều 2, Quyết định số 45/2023/QĐ-UBND ngày 15/6/2023');
  });

  it('splits a Kế hoạch without articles by its headings I., II., with items 1. and points a)', () => {
    const { body } = convertLines(normalizeLines(asText(PLAN_HEADER, PLAN_BODY)), 'txt');
    const s = parseLegalStructure(body);
    expect(s.sections.map((x) => [x.kind, x.title])).toEqual([
      ['heading', 'I. MỤC ĐÍCH, YÊU CẦU'],
      ['heading', 'II. NHIỆM VỤ VÀ GIẢI PHÁP'],
      ['heading', 'III. TỔ CHỨC THỰC HIỆN'],
    ]);
    expect(s.counts).toEqual({ chapters: 0, parts: 0, articles: 0, clauses: 6, points: 4 });
    expect(body).not.toContain('Lê Thị Hoa');
    const doc = { type: 'Kế hoạch', number: '112/KH-UBND', date: '03/02/2024' };
    expect(sectionCitation(doc, s.sections[1]!, '2')).toBe('Tiểu mục 2 phần "II. NHIỆM VỤ VÀ GIẢI PHÁP", Kế hoạch số 112/KH-UBND ngày 03/02/2024');
  });

  it('recognizes appendices and does not mistake "Chương trình" or "Ban hành kèm theo Quyết định này" for units', () => {
    const s = parseLegalStructure(
      [
        'Điều 1. Ban hành',
        'Ban hành kèm theo Quyết định này Chương trình tập huấn.',
        'Chương trình gồm hai phần.',
        'Điều 2. Hiệu lực',
        'Có hiệu lực từ ngày ký.',
        'PHỤ LỤC I',
        'DANH MỤC LỚP TẬP HUẤN',
        '(Kèm theo Quyết định số 9/QĐ-UBND ngày 01/01/2024)',
        '1. Lớp kỹ năng giao tiếp.',
        '2. Lớp văn hóa công sở.',
        'Phụ lục 2: Mẫu báo cáo',
        'Mẫu số 01.',
      ].join('\n'),
    );
    expect(s.counts.chapters).toBe(0);
    expect(s.attachmentLine).toBeUndefined();
    expect(s.appendices).toBe(2);
    expect(s.sections.map((x) => [x.kind, x.title])).toEqual([
      ['article', 'Điều 1. Ban hành'],
      ['article', 'Điều 2. Hiệu lực'],
      ['appendix', 'Phụ lục I. DANH MỤC LỚP TẬP HUẤN'],
      ['appendix', 'Phụ lục 2. Mẫu báo cáo'],
    ]);
    expect(s.sections[2]!.clauses).toHaveLength(2);
  });

  it('reports article numbers that go back, repeat or skip, and keeps every article', () => {
    const s = parseLegalStructure('Điều 1. A\nNội dung.\nĐiều 2. B\nNội dung.\nĐiều 1. C\nNội dung.\nĐiều 4. D\nNội dung.\nĐiều 4. E\nNội dung.');
    expect(s.problems).toEqual([]);
    expect(s.sections.map((x) => x.title)).toEqual(['Điều 1. A', 'Điều 2. B', 'Điều 1. C', 'Điều 4. D', 'Điều 4. E']);
    expect(s.numbering).toEqual([
      'Điều 1 đứng sau Điều 2 (số điều lùi lại hoặc lặp lại)',
      'Thiếu Điều 2–3 (từ Điều 1 nhảy sang Điều 4)',
      'Điều 4 lặp lại hai lần liền nhau',
    ]);
  });

  it('turns Word automatic numbering (lost by the converter) back into "1." and "a)"', () => {
    const { lines, autoNumbered } = htmlToLines('<p>Điều 1. Quy định</p><ol><li>Khoản một<ol><li>điểm một</li><li>điểm hai</li></ol></li><li>Khoản &amp; hai</li></ol><p>a<br />b</p>');
    expect(lines).toEqual(['Điều 1. Quy định', '1. Khoản một', 'a) điểm một', 'b) điểm hai', '2. Khoản & hai', 'a', 'b']);
    expect(autoNumbered).toBe(true);
  });

  it('picks the clause a question is about, and none for a question about the whole article', () => {
    const clauses = ['1. Hút thuốc lá trong phòng họp.', '2. Uống rượu, bia trong giờ làm việc.', '3. Dùng điện thoại di động trong cuộc họp.'];
    expect(clausesMatching(clauses, 'có được dùng điện thoại trong cuộc họp không')).toEqual([2]);
    expect(clausesMatching(clauses, 'công chức không được làm gì', 'Điều 4. Những việc công chức không được làm')).toBeUndefined();
  });
});

describe('layout of copied text (hard wraps, heading forms)', () => {
  const layout = (lines: string[]) => layoutLines(lines, firstUnitLine).lines;

  it('writes every article heading one way, and leaves mentions of articles inside sentences alone', () => {
    expect(
      layout([
        'Điều 1. Phạm',
        'vi điều chỉnh',
        'Điều này quy định phạm vi.',
        'Điều 2: Đối tượng',
        'Điều 3 Giải thích từ ngữ',
        'Điều 4.Nguyên tắc',
        'Điều',
        '5: Chính sách',
        'Điều 6.',
        'Hành vi bị cấm',
        '1.Cấm làm trái Điều 5.',
        'Điều 7. Trách nhiệm',
        'Cơ quan thực hiện theo quy định tại khoản 2',
        'Điều 5 của Luật này và báo cáo kết quả.',
        'ĐIỀU 8. HIỆU LỰC',
        'Có hiệu lực từ ngày ký.',
      ]),
    ).toEqual([
      'Điều 1. Phạm vi điều chỉnh',
      'Điều này quy định phạm vi.',
      'Điều 2. Đối tượng',
      'Điều 3. Giải thích từ ngữ',
      'Điều 4. Nguyên tắc',
      'Điều 5. Chính sách',
      'Điều 6. Hành vi bị cấm',
      '1. Cấm làm trái Điều 5.',
      'Điều 7. Trách nhiệm',
      'Cơ quan thực hiện theo quy định tại khoản 2 Điều 5 của Luật này và báo cáo kết quả.',
      'Điều 8. HIỆU LỰC',
      'Có hiệu lực từ ngày ký.',
    ]);
  });

  it('keeps untitled articles untitled, and joins a wrapped line that starts with a capital only after a line that ran to the wrap width', () => {
    const body = 'Nhà nước bảo đảm và phát huy quyền làm chủ của Nhân dân trong mọi lĩnh vực của đời sống xã hội theo quy định của luật.';
    const wrapped = ['Điều 1.', 'Nhà nước bảo đảm và phát huy quyền làm chủ của', 'Nhân dân trong mọi lĩnh vực của đời sống xã hội theo quy định của luật.'];
    const lines = [...wrapped, 'Điều 2.', '1. Công dân có quyền học tập suốt đời ở mọi nơi,', 'mọi lúc theo quy định của luật.', 'Điều 3.', 'Nhân dân thực hiện quyền làm chủ bằng dân chủ trực tiếp và dân chủ', 'đại diện thông qua các cơ quan dân cử.', 'Điều 4.', 'Mọi người đều bình đẳng trước pháp luật; không ai bị phân biệt đối xử.'];
    expect(layout(lines)).toEqual([
      'Điều 1.',
      body,
      'Điều 2.',
      '1. Công dân có quyền học tập suốt đời ở mọi nơi, mọi lúc theo quy định của luật.',
      'Điều 3.',
      'Nhân dân thực hiện quyền làm chủ bằng dân chủ trực tiếp và dân chủ đại diện thông qua các cơ quan dân cử.',
      'Điều 4.',
      'Mọi người đều bình đẳng trước pháp luật; không ai bị phân biệt đối xử.',
    ]);
    // A short line ending without punctuation is a paragraph of its own: "1. Mục đích" / "Nâng cao …".
    expect(layout(['I. MỤC ĐÍCH', '1. Mục đích', 'Nâng cao ý thức của cán bộ.'])).toEqual(['I. MỤC ĐÍCH', '1. Mục đích', 'Nâng cao ý thức của cán bộ.']);
  });

  it('splits a flattened two-column header and joins a Quốc hiệu or "Luật số" broken over two lines', () => {
    expect(layout(['UBND TỈNH LAM SƠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 5/CT-UBND Độc lập - Tự do - Hạnh phúc', 'CHỈ THỊ', 'Về văn hóa đọc', 'Điều 1. A', 'Nội dung.'])).toEqual([
      'UBND TỈNH LAM SƠN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 5/CT-UBND',
      'Độc lập - Tự do - Hạnh phúc',
      'CHỈ THỊ',
      'Về văn hóa đọc',
      'Điều 1. A',
      'Nội dung.',
    ]);
    expect(layout(['QUỐC HỘI', 'CỘNG', 'HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do -', 'Hạnh phúc', 'Luật', 'số: 41/2031/QH17', 'LUẬT', 'THƯ VIỆN', 'Điều 1. A', 'Nội dung.']).slice(0, 6)).toEqual([
      'QUỐC HỘI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Luật số: 41/2031/QH17',
      'LUẬT',
      'THƯ VIỆN',
    ]);
  });

  it('counts Phần above Chương in a Bộ luật', async () => {
    const lines = ['QUỐC HỘI', 'Luật số: 7/2039/QH20', 'BỘ LUẬT', 'ỨNG XỬ LÀNG XÃ', 'PHẦN THỨ NHẤT', 'NHỮNG QUY ĐỊNH CHUNG', 'Chương I', 'PHẠM VI', 'Điều 1. Phạm vi', 'Bộ luật này quy định cách ứng xử.', 'PHẦN THỨ HAI', 'QUY ĐỊNH CỤ THỂ', 'Chương II', 'ỨNG XỬ', 'Mục 1. TRONG GIA ĐÌNH', 'Điều 2. Gia đình', 'Con cháu kính trọng ông bà.', 'Bộ luật này đã được Quốc hội khóa XX thông qua ngày 5 tháng 6 năm 2039.'];
    const c = convertLines(lines, 'txt');
    expect(c.meta).toMatchObject({ type: 'Bộ luật', number: '7/2039/QH20', title: 'Ứng xử làng xã', issuer: 'Quốc hội', date: '5/6/2039' });
    const s = parseLegalStructure(c.body);
    expect({ divisions: s.divisions, ...s.counts }).toEqual({ divisions: 2, chapters: 2, parts: 1, articles: 2, clauses: 0, points: 0 });
    expect(s.sections.map((x) => [x.title, x.chapter])).toEqual([
      ['Điều 1. Phạm vi', 'Chương I PHẠM VI'],
      ['Điều 2. Gia đình', 'Chương II ỨNG XỬ'],
    ]);
  });
});
