import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/answer/message.js';
import { Engine } from '../../src/app/engine.js';
import { commitImport, prepareImport, summaryMessage, type PreparedImport } from '../../src/import/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { perTestDirs } from '../helpers/temp.js';
import { makeDocx, makePdf } from './generate.js';
import { articles, charterParagraphs, hardWrap, LAW_TITLES, lawLines, wrappedMentionLines } from './real-layout.js';

const { kb } = perTestDirs();

const utf8 = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');
const NO_HEADER = { left: [], right: [] };

/** Imports a document into a fresh knowledge base; returns what was prepared and the engine that loaded it. */
async function imported(name: string, data: Uint8Array): Promise<{ p: PreparedImport; engine: Engine; dir: string }> {
  const dir = await kb();
  const p = await prepareImport(dir, name, data);
  await commitImport(p);
  return { p, engine: await Engine.open(dir), dir };
}

/** The articles of one imported document, as the loader made them: [number, title]. */
function articlesOf(engine: Engine, id: string): [string | undefined, string][] {
  return engine.knowledge.passages.filter((x) => x.id.startsWith(`${id}/`) && x.section?.kind === 'article').map((x) => [x.section!.number, x.title]);
}

const summary = (p: PreparedImport) => toPlainText(summaryMessage(p));

/** A Luật's wrapped lines as the three files an admin sends: .txt, .docx (a paragraph per line), .pdf (laid out again at 80). */
function inThreeFormats(stem: string, lines: () => string[]): [string, string, () => Promise<Buffer | Uint8Array>][] {
  return [
    ['txt', `${stem}.txt`, async () => utf8(lines())],
    ['docx (one Word paragraph per wrapped line)', `${stem}.docx`, () => makeDocx(NO_HEADER, lines())],
    ['pdf (lines laid out again at 80 characters)', `${stem}.pdf`, () => makePdf(NO_HEADER, lines())],
  ];
}

/** The passage a question finds first: the one answered with, or the first of "Có phải bạn muốn hỏi…". */
function firstFound(engine: Engine, question: string): string | undefined {
  const d = engine.ask(question);
  return (d.passage ?? d.suggestions[0])?.id;
}

describe('a Luật as copied from a portal: hard wraps, five heading forms, signature block', () => {
  it.each([
    ...inThreeFormats('luat-thu-vien', lawLines),
  ])('finds every article with its full title: %s', async (_label, name, make) => {
    const { p, engine, dir } = await imported(name, await make());
    expect(p.meta).toMatchObject({
      id: 'luat-41-2031-qh17',
      type: 'Luật',
      number: '41/2031/QH17',
      date: '20/11/2031',
      issuer: 'Quốc hội',
      title: 'Thư viện cộng đồng',
      adopted: 'Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XVII, kỳ họp thứ 4 thông qua ngày 20 tháng 11 năm 2031.',
    });
    expect(p.missing).toEqual([]);
    expect(p.structure).toMatchObject({ counts: { chapters: 3, articles: 25, clauses: 4, points: 2 }, numbering: [], firstArticle: '1', lastArticle: '25' });
    expect(p.stripped).toEqual(['câu "… đã được … thông qua …" (giữ làm thông tin văn bản)', 'khối chữ ký "CHỦ TỊCH QUỐC HỘI / Trần Hữu Nghĩa"']);

    const found = articlesOf(engine, 'luat-41-2031-qh17');
    expect(found.map(([n]) => n)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    expect(found.map(([, t]) => t)).toEqual(LAW_TITLES.map((t, i) => `Điều ${i + 1}. ${t}`));
    // "Điều 5 của Luật này" at the start of a wrapped line stays inside Điều 7.
    expect(engine.passage('luat-41-2031-qh17/dieu-7')!.body).toBe(
      'Cộng đồng dân cư thôn, tổ dân phố được thành lập thư viện theo chính sách quy định tại Điều 5 của Luật này khi có phòng đọc và ít nhất năm trăm đầu sách.',
    );
    // The last article ends where the law does: no adoption sentence, no signature.
    expect(engine.passage('luat-41-2031-qh17/dieu-25')!.body).toBe('Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2032.');
    const file = await readFile(path.join(dir, p.relativePath), 'utf8');
    expect(file).not.toMatch(/CHỦ TỊCH QUỐC HỘI|Trần Hữu Nghĩa/);

    const d = engine.ask('luật thư viện cộng đồng có hiệu lực thi hành từ ngày nào');
    expect(d.passage?.id).toBe('luat-41-2031-qh17/dieu-25');
    expect(d.passage?.citation).toBe('Điều 25, Luật Thư viện cộng đồng số 41/2031/QH17 ngày 20/11/2031');
    expect(firstFound(engine, 'thư viện cộng đồng được phòng văn hóa huyện kiểm tra mấy lần một năm')).toBe('luat-41-2031-qh17/dieu-23');
  });

  it('shows the summary an admin checks before "Thêm vào kho"', async () => {
    const dir = await kb();
    const p = await prepareImport(dir, 'luat.txt', utf8(lawLines()));
    expect(summary(p).split('\n')).toEqual([
      '📄 luat.txt: Luật Thư viện cộng đồng số 41/2031/QH17 ngày 20/11/2031',
      '',
      'Loại và số hiệu: Luật số 41/2031/QH17',
      'Ngày ban hành: 20/11/2031',
      'Cơ quan ban hành: Quốc hội',
      'Trích yếu: Thư viện cộng đồng',
      'Thông qua: Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XVII, kỳ họp thứ 4 thông qua ngày 20 tháng 11 năm 2031.',
      'Cấu trúc: 3 chương, 25 điều, 4 khoản, 2 điểm → 25 đoạn tra cứu',
      'Điều: từ Điều 1 đến Điều 25, đánh số liên tục',
      'Đã nối 27 dòng bị ngắt giữa câu hoặc giữa tên điều (văn bản sao chép) vào dòng trên.',
      'Đã bỏ: câu "… đã được … thông qua …" (giữ làm thông tin văn bản); khối chữ ký "CHỦ TỊCH QUỐC HỘI / Trần Hữu Nghĩa"',
      'Tệp: regulations/luat-41-2031-qh17.md (mới)',
    ]);
  });
});

describe('a Luật wrapped where a line break looks like the start of a unit', () => {
  it.each([
    ...inThreeFormats('luat-nha-van-hoa', wrappedMentionLines),
  ])('joins a clause going on after ";", a title going on after a comma, "(sau đây gọi chung là …)", and the mentions "Luật số …" and "Chương III của …": %s', async (_label, name, make) => {
    const { p, engine } = await imported(name, await make());
    expect(p.meta).toMatchObject({ id: 'luat-12-2033-qh17', number: '12/2033/QH17', title: 'Nhà văn hóa thôn' });
    expect(p.structure).toMatchObject({ counts: { chapters: 2, articles: 5 }, numbering: [], firstArticle: '1', lastArticle: '5' });
    expect(articlesOf(engine, 'luat-12-2033-qh17')[2]).toEqual(['3', 'Điều 3. Trách nhiệm của Ủy ban nhân dân cấp xã, Ban công tác Mặt trận thôn, Trưởng thôn']);
    const body = (n: number) => engine.passage(`luat-12-2033-qh17/dieu-${n}`)!.body.split('\n');
    expect(body(2)[0]).toBe(
      '1. Nhà văn hóa được xây dựng ở mỗi thôn, bản, tổ dân phố của xã, phường, thị xã (sau đây gọi chung là nhà văn hóa thôn) theo quy hoạch của Ủy ban nhân dân cấp huyện.',
    );
    expect(body(3)[0]).toMatch(/^Ủy ban nhân dân cấp xã, Ban công tác Mặt trận thôn và Trưởng thôn phối hợp/);
    expect(body(4)[0]).toBe(
      '1. Người quản lý nhà văn hóa yêu cầu người gây mất trật tự rời khỏi phòng họp; trong trường hợp cần thiết, lập biên bản và báo Trưởng thôn xử lý theo hương ước.',
    );
    expect(body(5)).toEqual([
      'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2034.',
      'Những quy định về nhà văn hóa tại Luật Thiết chế văn hóa số 07/2030/QH16 và Luật số 21/2031/QH17 sửa đổi, bổ sung một số điều của Luật Thiết chế văn hóa, Chương III của Nghị quyết số 05/2032/QH17 hết hiệu lực kể từ ngày Luật này có hiệu lực.',
    ]);
  });
});

describe('a 120-article charter written like the Hiến pháp: no number, untitled articles', () => {
  it.each([
    ['txt, hard-wrapped', 'hien-phap.txt', async () => utf8(hardWrap(charterParagraphs()))],
    ['pdf, wrapped at 80 characters', 'hien-phap.pdf', () => makePdf(NO_HEADER, charterParagraphs())],
  ])('imports every article under a stable id from its type and year, and cites "Hiến pháp năm …": %s', async (_label, name, make) => {
    const { p, engine, dir } = await imported(name, await make());
    expect(p.meta).toMatchObject({ id: 'hien-phap-2041', type: 'Hiến pháp', number: undefined, date: '12/11/2041', issuer: 'Quốc hội', title: 'Nước Cộng hòa xã hội chủ nghĩa Việt Nam' });
    expect(p.missing).toEqual([]);
    expect(p.structure).toMatchObject({ counts: { chapters: 11, articles: 120, clauses: 24 }, numbering: [], firstArticle: '1', lastArticle: '120' });
    expect(summary(p)).toContain('Loại và số hiệu: Hiến pháp (không có số hiệu)');

    const found = articlesOf(engine, 'hien-phap-2041');
    expect(found).toEqual(Array.from({ length: 120 }, (_, i) => [String(i + 1), `Điều ${i + 1}`]));
    expect(engine.passage('hien-phap-2041/dieu-119')!.body).toBe(
      'Công dân có quyền và nghĩa vụ cùng giữ gìn kho thóc ở vùng sông nước, tham gia bàn bạc và giám sát việc sử dụng kho thóc theo quy định của luật và theo ý kiến của Nhân dân địa phương.',
    );
    expect(firstFound(engine, 'ngày hội đọc sách toàn dân được tổ chức vào mùa nào')).toBe('hien-phap-2041/dieu-118');
    expect(engine.passage('hien-phap-2041/dieu-118')!.citation).toBe('Điều 118, Hiến pháp năm 2041');

    // Importing it again replaces it (same id), even without a number.
    const again = await prepareImport(dir, 'hien-phap-ban-2.txt', utf8(hardWrap(charterParagraphs(), 70)));
    expect(again).toMatchObject({ relativePath: 'regulations/hien-phap-2041.md', replaces: true });
  });
});

/** Header blocks of the usual document types (fictional bodies and numbers), with their signature blocks. */
const HEADERS: { label: string; lines: string[]; ending: string[]; meta: Record<string, string>; stripped: string[] }[] = [
  {
    label: 'Nghị định (Chính phủ, TM. CHÍNH PHỦ / THỦ TƯỚNG)',
    lines: ['CHÍNH PHỦ', '-------', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 77/2033/NĐ-CP', 'Hà Nội, ngày 3 tháng 4 năm 2033', 'NGHỊ ĐỊNH', 'Quy định về nhà đọc sách ở khu công nghiệp', 'Căn cứ Luật Tổ chức Chính phủ;', 'Chính phủ ban hành Nghị định quy định về nhà đọc sách ở khu công nghiệp.'],
    ending: ['Nơi nhận:', '- Ban Bí thư Trung ương;', '- Lưu: VT.', 'TM. CHÍNH PHỦ', 'THỦ TƯỚNG', 'Lê Văn Tường'],
    meta: { type: 'Nghị định', number: '77/2033/NĐ-CP', date: '3/4/2033', issuer: 'Chính phủ', title: 'Quy định về nhà đọc sách ở khu công nghiệp' },
    stripped: ['khối chữ ký "TM. CHÍNH PHỦ / THỦ TƯỚNG / Lê Văn Tường"', 'nơi nhận (2 dòng)'],
  },
  {
    label: 'Thông tư (issuer on two lines, KT. BỘ TRƯỞNG / THỨ TRƯỞNG)',
    lines: ['BỘ VĂN HÓA, THỂ THAO', 'VÀ DU LỊCH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 12/2034/TT-BVHTTDL', 'Hà Nội, ngày 15 tháng 01 năm 2034', 'THÔNG TƯ', 'Hướng dẫn trưng bày sách ở nhà đọc sách', 'Căn cứ Nghị định số 77/2033/NĐ-CP;', 'Bộ trưởng ban hành Thông tư hướng dẫn trưng bày sách.'],
    ending: ['Nơi nhận:', '- Như trên;', 'KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'Đỗ Thu Hà'],
    meta: { type: 'Thông tư', number: '12/2034/TT-BVHTTDL', date: '15/01/2034', issuer: 'Bộ Văn hóa, Thể thao và Du lịch', title: 'Hướng dẫn trưng bày sách ở nhà đọc sách' },
    stripped: ['khối chữ ký "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Đỗ Thu Hà"', 'nơi nhận (1 dòng)'],
  },
  {
    label: 'Nghị quyết of a provincial council (date and issuer from its closing sentence)',
    lines: ['HỘI ĐỒNG NHÂN DÂN', 'TỈNH LAM SƠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 08/2035/NQ-HĐND', 'NGHỊ QUYẾT', 'Về hỗ trợ nhà đọc sách thôn bản', 'HỘI ĐỒNG NHÂN DÂN TỈNH LAM SƠN', 'KHÓA XX, KỲ HỌP THỨ 5', 'Căn cứ Luật Tổ chức chính quyền địa phương;', 'QUYẾT NGHỊ:'],
    ending: ['Nghị quyết này đã được Hội đồng nhân dân tỉnh Lam Sơn khóa XX, kỳ họp thứ 5 thông qua ngày 9 tháng 12 năm 2035./.', 'Nơi nhận:', '- Như Điều 3;', 'CHỦ TỊCH', 'Vũ Thị Lan'],
    meta: { type: 'Nghị quyết', number: '08/2035/NQ-HĐND', date: '9/12/2035', issuer: 'Hội đồng nhân dân tỉnh Lam Sơn', title: 'Về hỗ trợ nhà đọc sách thôn bản' },
    stripped: ['câu "… đã được … thông qua …" (giữ làm thông tin văn bản)', 'khối chữ ký "CHỦ TỊCH / Vũ Thị Lan"', 'nơi nhận (1 dòng)'],
  },
  {
    label: 'Chỉ thị (tabs and a flattened two-column header)',
    lines: ['UBND TỈNH LAM SƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 05/CT-UBND\tĐộc lập - Tự do - Hạnh phúc', 'Lam Sơn, ngày 20 tháng 3 năm 2036', 'CHỈ THỊ', 'Về tăng cường văn hóa đọc trong cơ quan nhà nước'],
    ending: ['Nơi nhận:', '- Các sở, ngành;', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Hoàng Văn Sơn'],
    meta: { type: 'Chỉ thị', number: '05/CT-UBND', date: '20/3/2036', issuer: 'Ủy ban nhân dân tỉnh Lam Sơn', title: 'Về tăng cường văn hóa đọc trong cơ quan nhà nước' },
    stripped: ['khối chữ ký "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Hoàng Văn Sơn"', 'nơi nhận (2 dòng)'],
  },
  {
    label: 'Quyết định (the whole header flattened onto two lines)',
    lines: ['ỦY BAN NHÂN DÂN HUYỆN SƠN KHÊ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc', 'Số: 311/QĐ-UBND Sơn Khê, ngày 02 tháng 9 năm 2036', 'QUYẾT ĐỊNH', 'Về việc thành lập nhà đọc sách huyện Sơn Khê', 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN SƠN KHÊ', 'Căn cứ Luật Tổ chức chính quyền địa phương;', 'QUYẾT ĐỊNH:'],
    ending: ['Nơi nhận:', '- Như Điều 3;', 'CHỦ TỊCH', 'Đinh Công Bằng'],
    meta: { type: 'Quyết định', number: '311/QĐ-UBND', date: '02/9/2036', issuer: 'Ủy ban nhân dân huyện Sơn Khê', title: 'Về việc thành lập nhà đọc sách huyện Sơn Khê' },
    stripped: ['khối chữ ký "CHỦ TỊCH / Đinh Công Bằng"', 'nơi nhận (1 dòng)'],
  },
];

describe('headers of the usual document types', () => {
  it.each(HEADERS)('$label', async ({ lines, ending, meta, stripped }) => {
    const subject = meta.title.replace(/^Về việc |^Về /u, '');
    const { p, engine } = await imported('van-ban.txt', utf8([...lines, ...articles(4, subject), ...ending]));
    expect(p.meta).toMatchObject(meta);
    expect(p.missing).toEqual([]);
    expect(p.stripped).toEqual(stripped);
    const id = p.meta.id;
    expect(articlesOf(engine, id)).toEqual([1, 2, 3, 4].map((n) => [String(n), `Điều ${n}. ${subject} mục ${n}`]));
    expect(engine.passage(`${id}/dieu-4`)!.body).toBe(`Nội dung thứ 4 về ${subject.toLowerCase()} được thực hiện theo hướng dẫn của cơ quan chủ trì.`);
    expect(firstFound(engine, `${subject} mục 4`)).toBe(`${id}/dieu-4`);
  });

  it('imports a document whose header is only partly readable, naming what is missing', async () => {
    const lines = ['ỦY BAN NHÂN DÂN XÃ TÂN LẬP', 'QUYẾT ĐỊNH', 'Về việc giao nhiệm vụ trông coi tủ sách xã', ...articles(3, 'Tủ sách xã')];
    const { p, engine } = await imported('qd-thieu-so.txt', utf8(lines));
    expect(p.meta).toMatchObject({ id: 'qd-ve-viec-giao-nhiem-vu-trong-coi-tu-sach', type: 'Quyết định', number: undefined, issuer: 'Ủy ban nhân dân xã Tân Lập', title: 'Về việc giao nhiệm vụ trông coi tủ sách xã' });
    expect(p.missing).toEqual(['số hiệu (dòng "Số: …" ở đầu văn bản)', 'ngày ban hành ("…, ngày … tháng … năm …" hoặc "… thông qua ngày …")']);
    expect(summary(p)).toContain(
      `⚠️ Chưa đọc được: số hiệu (dòng "Số: …" ở đầu văn bản); ngày ban hành ("…, ngày … tháng … năm …" hoặc "… thông qua ngày …"). Văn bản vẫn được nhập; có thể bổ sung trong tệp ${p.relativePath}`,
    );
    expect(firstFound(engine, 'tủ sách xã mục 3')).toBe(`${p.meta.id}/dieu-3`);
    expect(engine.passage(`${p.meta.id}/dieu-3`)!.citation).toBe('Điều 3, Quyết định Về việc giao nhiệm vụ trông coi tủ sách xã');
  });
});

describe('numbering that skips or repeats', () => {
  it('keeps every article and names each gap and repeat in the summary', async () => {
    const body = ['Điều 1. Mở đầu', 'Nội dung mở đầu.', 'Điều 2. Tủ sách', 'Tủ sách đặt ở hội trường.', 'Điều 4. Giờ đọc', 'Giờ đọc buổi tối.', 'Điều 5. Người trông coi', 'Một người trông coi.', 'Điều 5. Người trông coi thay', 'Khi người trông coi vắng mặt thì trưởng thôn cử người thay.', 'Điều 6. Hiệu lực', 'Có hiệu lực từ ngày ký.'];
    const { p, engine } = await imported('qd.txt', utf8(['Số: 9/QĐ-UBND', 'QUYẾT ĐỊNH', 'Về tủ sách thôn', ...body]));
    expect(p.structure.numbering).toEqual(['Thiếu Điều 3 (từ Điều 2 nhảy sang Điều 4)', 'Điều 5 lặp lại hai lần liền nhau']);
    expect(summary(p)).toContain('⚠️ Đánh số: Thiếu Điều 3 (từ Điều 2 nhảy sang Điều 4)');
    expect(articlesOf(engine, p.meta.id).map(([n]) => n)).toEqual(['1', '2', '4', '5', '5', '6']);
    expect(firstFound(engine, 'trưởng thôn cử người trông coi thay khi vắng mặt')).toBe(`${p.meta.id}/dieu-5-2`);
  });
});

describe('mixed Unicode', () => {
  it('reads NFD and NFC mixed, old tone placement, no-break spaces, soft hyphens, zero-width characters and tabs', async () => {
    const lines = [
      'ỦY BAN NHÂN DÂN\u00a0TỈNH LAM SƠN',
      'Số:\t17/2036/QĐ-UBND',
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'.normalize('NFD'),
      'Lam Sơn, ngày 4 tháng 5 năm 2036',
      'QUYẾT ĐỊNH',
      'Về việc giữ gìn hoà khí nơi công sở'.normalize('NFD'),
      'Điều 1.\u00a0Phạm vi',
      'Quyết định này quy định việc giữ gìn hoà khí nơi công sở.',
      'Điều\u200b 2. Ứn\u00adg xử khi có bất hoà'.normalize('NFD'),
      'Cán bộ giải quyết bất hoà bằng đối thoại, không to tiếng, không thoá mạ đồng nghiệp.',
    ];
    const { p, engine } = await imported('qd-unicode.txt', utf8(lines));
    expect(p.meta).toMatchObject({ number: '17/2036/QĐ-UBND', date: '4/5/2036', issuer: 'Ủy ban nhân dân tỉnh Lam Sơn', title: 'Về việc giữ gìn hoà khí nơi công sở' });
    expect(articlesOf(engine, p.meta.id)).toEqual([
      ['1', 'Điều 1. Phạm vi'],
      ['2', 'Điều 2. Ứng xử khi có bất hoà'],
    ]);
    // Asked with the new tone placement ("hòa", "thóa"), found all the same.
    expect(firstFound(engine, 'giải quyết bất hòa với đồng nghiệp có được thóa mạ không')).toBe(`${p.meta.id}/dieu-2`);
  });
});

/** A page saved from a legal portal: menus, breadcrumbs, a sidebar and a script around the document, whose source wraps every ~78 columns. */
function portalPage(paragraphs: string[]): string {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/ (?=[:;])/g, '&nbsp;');
  const para = (t: string) => `<p class="MsoNormal">${hardWrap([escape(t)], 78).join('\n')}</p>`;
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Hiến pháp – Cổng văn bản</title>',
    '<script>window.related = "Điều 999. Văn bản liên quan";</script><style>p { margin: 0 }</style></head><body>',
    '<header class="site-header"><div class="menu"><a href="/">Trang chủ</a> <a href="/moi">Văn bản mới</a></div></header>',
    '<nav class="breadcrumb">Trang chủ &gt; Văn bản &gt; Hiến pháp</nav>',
    '<div id="sidebar"><p>Điều 1. Văn bản cùng lĩnh vực</p><p>Điều 2. Văn bản được hướng dẫn</p></div>',
    '<div class="content"><div class="toanvan">',
    ...paragraphs.map(para),
    '</div></div>',
    '<div class="share-buttons">Chia sẻ: Facebook · Zalo</div><footer><p>Bản quyền thuộc cổng văn bản. Điều khoản sử dụng.</p></footer>',
    '</body></html>',
  ].join('\n');
}

describe('other formats', () => {
  it('.html saved from a legal portal: the document body, without navigation', async () => {
    const { p, engine } = await imported('hien-phap.html', new TextEncoder().encode(portalPage(charterParagraphs())));
    expect(p).toMatchObject({ format: 'html', meta: { id: 'hien-phap-2041', type: 'Hiến pháp', date: '12/11/2041', issuer: 'Quốc hội' } });
    expect(p.structure).toMatchObject({ counts: { chapters: 11, articles: 120 }, numbering: [], firstArticle: '1', lastArticle: '120' });
    expect(articlesOf(engine, 'hien-phap-2041')).toEqual(Array.from({ length: 120 }, (_, i) => [String(i + 1), `Điều ${i + 1}`]));
    expect(p.content).not.toMatch(/Trang chủ|Văn bản cùng lĩnh vực|Điều 999|Chia sẻ|Bản quyền/);
    expect(firstFound(engine, 'ngày hội đọc sách toàn dân được tổ chức vào mùa nào')).toBe('hien-phap-2041/dieu-118');
  });

  it('.doc (Word 97) made by LibreOffice from a generated document', async () => {
    const data = await readFile(path.resolve('test/fixtures/import/quyet-dinh-word97.doc'));
    const { p, engine } = await imported('quyet-dinh-word97.doc', data);
    expect(p).toMatchObject({
      format: 'doc',
      meta: { id: 'qd-128-2036-qd-ubnd', type: 'Quyết định', number: '128/QĐ-UBND', date: '14/10/2036', issuer: 'Ủy ban nhân dân huyện Sơn Khê', title: 'Về việc ban hành nội quy nhà đọc sách huyện Sơn Khê' },
      stripped: ['khối chữ ký "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Đinh Công Bằng"', 'nơi nhận (2 dòng)'],
    });
    expect(articlesOf(engine, p.meta.id)).toEqual([
      ['1', 'Điều 1. Giờ mở cửa'],
      ['2', 'Điều 2. Trật tự trong phòng đọc'],
      ['3', 'Điều 3. Mượn sách'],
      ['4', 'Điều 4. Hiệu lực'],
    ]);
    expect(firstFound(engine, 'mỗi người được mượn mấy cuốn sách ở nhà đọc sách huyện')).toBe(`${p.meta.id}/dieu-3`);
  });
});
