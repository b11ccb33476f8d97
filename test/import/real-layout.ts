import { wrapLine } from './generate.js';

/**
 * Documents laid out the way real ones arrive (copied from a portal's page source, a PDF or
 * an old Word export), with fictional bodies, numbers, dates and people: never official text.
 * Each builder returns paragraphs; `hardWrap` breaks them the way a page source does.
 */

/** Breaks each paragraph every ~`width` characters, mid-sentence and mid-heading, as a page source or a PDF copy does. */
export function hardWrap(paragraphs: readonly string[], width = 78): string[] {
  return paragraphs.flatMap((p) => wrapLine(p, width));
}

/** Things a citizen may keep up, one per article of the constitution-like charter (120 distinct pairs). */
const THINGS = ['giếng làng', 'bến đò', 'chợ phiên', 'đình làng', 'rừng đầu nguồn', 'bãi bồi', 'đê điều', 'cầu treo', 'nhà văn hóa', 'sân phơi', 'vườn thuốc', 'kho thóc'];
const PLACES = ['vùng cao', 'vùng ven biển', 'vùng đồng bằng', 'vùng trung du', 'vùng hải đảo', 'vùng biên giới', 'vùng đô thị', 'vùng nông thôn', 'vùng miền núi', 'vùng sông nước'];

export const CHARTER_CHAPTERS = ['CHẾ ĐỘ CHUNG', 'QUYỀN CỦA CÔNG DÂN', 'NGHĨA VỤ CỦA CÔNG DÂN', 'KINH TẾ LÀNG XÃ', 'VĂN HÓA, GIÁO DỤC', 'MÔI TRƯỜNG', 'HỘI ĐỒNG CHUNG', 'BAN ĐIỀU HÀNH', 'CHÍNH QUYỀN CƠ SỞ', 'THANH TRA', 'HIỆU LỰC CỦA HIẾN PHÁP'];

/** What the charter's article n says (untitled, like every article of the Hiến pháp). */
export function charterArticle(n: number): string[] {
  if (n === 118) return ['Ngày hội đọc sách toàn dân được tổ chức vào mùa thu hằng năm; thư viện xã mở cửa miễn phí trong những ngày hội.'];
  if (n % 10 === 3) {
    return [
      `1. Mọi người có quyền giữ gìn ${THINGS[n % 12]} ở ${PLACES[Math.floor(n / 12) % 10]} theo hương ước của cộng đồng và quy định của luật.`,
      `2. Nhà nước hỗ trợ việc tu bổ ${THINGS[n % 12]} khi có thiên tai; việc hỗ trợ được công khai cho Nhân dân biết.`,
    ];
  }
  // A capital letter can open the next wrapped line ("của" / "Nhân dân …"): only the wrap width tells it apart.
  return [
    `Công dân có quyền và nghĩa vụ cùng giữ gìn ${THINGS[n % 12]} ở ${PLACES[Math.floor(n / 12) % 10]}, tham gia bàn bạc và giám sát việc sử dụng ${THINGS[n % 12]} theo quy định của luật và theo ý kiến của Nhân dân địa phương.`,
  ];
}

/** A 120-article charter written like the Hiến pháp: no number, "Điều 8." with no title, chapters in capitals. */
export function charterParagraphs(): string[] {
  const out = [
    'HIẾN PHÁP',
    'NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'LỜI NÓI ĐẦU',
    'Trải qua nhiều thế hệ, Nhân dân các làng ven sông đã cùng nhau giữ gìn đất đai, nguồn nước và nếp sống tốt đẹp; bản Hiến pháp giả định này được soạn để kiểm thử phần mềm.',
  ];
  for (let n = 1; n <= 120; n++) {
    const chapter = Math.floor((n - 1) / 11);
    if ((n - 1) % 11 === 0) out.push(`Chương ${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI'][chapter]}`, CHARTER_CHAPTERS[chapter]!);
    out.push(`Điều ${n}.`, ...charterArticle(n));
  }
  out.push(
    'Hiến pháp này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIX, kỳ họp thứ 3 thông qua ngày 12 tháng 11 năm 2041.',
    'CHỦ TỊCH QUỐC HỘI',
    'Phạm Minh Khuê',
  );
  return out;
}

/**
 * A Luật as copied from a portal's page source: every paragraph hard-wrapped, the Quốc hiệu
 * and "Luật số" broken over two lines, headings written five ways, one split "Điều" / "5.",
 * an article mentioning "Điều 5 của Luật này" at the start of a wrapped line, and the closing
 * "Luật này đã được … thông qua" with the signature block.
 */
export function lawLines(): string[] {
  const head = ['QUỐC HỘI', '--------', 'CỘNG', 'HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '---------------', 'Luật', 'số: 41/2031/QH17', 'LUẬT', 'THƯ VIỆN CỘNG ĐỒNG'];
  const body: string[][] = [
    ['Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;', 'Quốc hội ban hành Luật Thư viện cộng đồng.'],
    ['Chương I', 'NHỮNG QUY ĐỊNH CHUNG'],
  ];
  const lines: string[] = [...head, ...hardWrap(body.flat())];
  const push = (...paragraphs: string[]) => lines.push(...hardWrap(paragraphs));
  // Heading wrapped mid-title ("Điều 1. Phạm" / "vi điều chỉnh"): the wrap is forced at a narrow width.
  lines.push('Điều 1. Phạm', 'vi điều chỉnh');
  push('Luật này quy định về việc thành lập, hoạt động và quản lý thư viện cộng đồng ở thôn, tổ dân phố; quyền và trách nhiệm của người đọc, người quản lý thư viện.');
  push('Điều 2: Đối tượng áp dụng', 'Luật này áp dụng đối với cơ quan, tổ chức, cộng đồng dân cư và cá nhân có liên quan đến thư viện cộng đồng.');
  push('Điều 3 Giải thích từ ngữ', 'Trong Luật này, các từ ngữ dưới đây được hiểu như sau:', '1.Thư viện cộng đồng là thư viện do cộng đồng dân cư thành lập, phục vụ miễn phí.', '2.Người quản lý thư viện là người được cộng đồng dân cư cử ra để trông coi sách.');
  push('Điều 4.Nguyên tắc hoạt động', 'Thư viện cộng đồng hoạt động không vì lợi nhuận, mở cửa cho mọi người, không phân biệt dân tộc, tôn giáo hay nơi cư trú.');
  lines.push('Điều');
  push('5. Chính sách của Nhà nước đối với thư viện cộng đồng', 'Nhà nước hỗ trợ kinh phí mua sách cho thư viện cộng đồng ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn.');
  push('Điều 6.', 'Các hành vi bị nghiêm cấm', '1. Chiếm giữ, mua bán trái phép sách, tài liệu của thư viện cộng đồng.', '2. Lợi dụng thư viện cộng đồng để:', 'a) Tuyên truyền nội dung trái pháp luật;', 'b) Thu tiền của người đọc trái quy định.');
  lines.push('Chương II', 'THÀNH LẬP VÀ HOẠT ĐỘNG');
  // A sentence wrapped so that "Điều 5 của Luật này" starts a line: a mention, not a heading.
  lines.push('Điều 7. Thành lập thư viện cộng đồng', 'Cộng đồng dân cư thôn, tổ dân phố được thành lập thư viện theo chính sách quy định tại', 'Điều 5 của Luật này khi có phòng đọc và ít nhất năm trăm đầu sách.');
  const topics = [
    ['Phòng đọc', 'Phòng đọc của thư viện cộng đồng phải đủ ánh sáng, thoáng mát và có chỗ ngồi cho người cao tuổi.'],
    ['Giờ mở cửa', 'Thư viện cộng đồng mở cửa ít nhất ba buổi mỗi tuần, trong đó có một buổi vào ngày nghỉ cuối tuần.'],
    ['Mượn sách về nhà', 'Người đọc được mượn sách về nhà tối đa mười bốn ngày; quá hạn thì thư viện nhắc trả sách, không thu tiền phạt.'],
    ['Sách quyên góp', 'Sách do tổ chức, cá nhân quyên góp được ghi vào sổ tài sản của thư viện và công khai danh sách người tặng.'],
    ['Thư viện lưu động', 'Ủy ban nhân dân cấp xã bố trí xe thư viện lưu động phục vụ các bản, làng ở xa trung tâm.'],
    ['Đọc sách cho trẻ em', 'Thư viện cộng đồng tổ chức giờ đọc sách cho trẻ em vào chiều thứ Bảy hằng tuần.'],
    ['Sách chữ nổi', 'Thư viện cộng đồng ưu tiên bổ sung sách chữ nổi và sách nói cho người khiếm thị.'],
    ['Kinh phí hoạt động', 'Kinh phí hoạt động của thư viện cộng đồng gồm đóng góp tự nguyện, tài trợ và hỗ trợ của Nhà nước.'],
    ['Người quản lý thư viện', 'Người quản lý thư viện được bồi dưỡng nghiệp vụ miễn phí mỗi năm một lần.'],
    ['Sổ theo dõi bạn đọc', 'Thư viện cộng đồng lập sổ theo dõi bạn đọc, bảo mật thông tin cá nhân của người đọc.'],
    ['Bảo quản sách cũ', 'Sách cũ, sách quý được bảo quản trong tủ kín, chống ẩm và mối mọt.'],
    ['Thanh lý sách hư hỏng', 'Sách hư hỏng không sửa được thì thanh lý theo quyết định của hội nghị cộng đồng dân cư.'],
    ['Liên kết thư viện', 'Các thư viện cộng đồng trong một xã được liên kết để trao đổi sách theo định kỳ hằng quý.'],
    ['Ngày hội đọc sách', 'Hằng năm, thư viện cộng đồng tổ chức ngày hội đọc sách vào dịp khai giảng năm học.'],
    ['Khen thưởng', 'Cá nhân có nhiều đóng góp cho thư viện cộng đồng được khen thưởng theo quy định.'],
    ['Kiểm tra hoạt động', 'Phòng Văn hóa cấp huyện kiểm tra hoạt động của thư viện cộng đồng mỗi năm một lần.'],
  ];
  topics.forEach(([title, text], i) => push(`Điều ${8 + i}. ${title}`, text!));
  lines.push('Chương III', 'ĐIỀU KHOẢN THI HÀNH');
  push('Điều 24. Xử lý vi phạm', 'Người có hành vi vi phạm quy định tại Điều 6 của Luật này thì tùy theo tính chất, mức độ mà bị xử lý kỷ luật, xử phạt vi phạm hành chính.');
  push(
    'Điều 25. Hiệu lực thi hành',
    'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2032.',
    'Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XVII, kỳ họp thứ 4 thông qua ngày 20 tháng 11 năm 2031.',
  );
  lines.push('CHỦ TỊCH QUỐC HỘI', 'Trần Hữu Nghĩa');
  return lines;
}

export const LAW_TITLES = [
  'Phạm vi điều chỉnh',
  'Đối tượng áp dụng',
  'Giải thích từ ngữ',
  'Nguyên tắc hoạt động',
  'Chính sách của Nhà nước đối với thư viện cộng đồng',
  'Các hành vi bị nghiêm cấm',
  'Thành lập thư viện cộng đồng',
  'Phòng đọc',
  'Giờ mở cửa',
  'Mượn sách về nhà',
  'Sách quyên góp',
  'Thư viện lưu động',
  'Đọc sách cho trẻ em',
  'Sách chữ nổi',
  'Kinh phí hoạt động',
  'Người quản lý thư viện',
  'Sổ theo dõi bạn đọc',
  'Bảo quản sách cũ',
  'Thanh lý sách hư hỏng',
  'Liên kết thư viện',
  'Ngày hội đọc sách',
  'Khen thưởng',
  'Kiểm tra hoạt động',
  'Xử lý vi phạm',
  'Hiệu lực thi hành',
];

/** A short body of `n` articles for header tests: each article says something of its own. */
export function articles(n: number, subject: string): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(`Điều ${i}. ${subject} mục ${i}`, `Nội dung thứ ${i} về ${subject.toLowerCase()} được thực hiện theo hướng dẫn của cơ quan chủ trì.`);
  return out;
}

/** The content of the Word 97 (.doc) fixture (written by make-doc-fixture.ts): a district decision with its signature block. */
export const DOC_FIXTURE = {
  header: {
    left: ['ỦY BAN NHÂN DÂN', 'HUYỆN SƠN KHÊ', '-------', 'Số: 128/QĐ-UBND'],
    right: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '---------------', 'Sơn Khê, ngày 14 tháng 10 năm 2036'],
  },
  body: [
    'QUYẾT ĐỊNH',
    'Về việc ban hành nội quy nhà đọc sách huyện Sơn Khê',
    'ỦY BAN NHÂN DÂN HUYỆN SƠN KHÊ',
    'Căn cứ Luật Tổ chức chính quyền địa phương;',
    'QUYẾT ĐỊNH:',
    'Điều 1. Giờ mở cửa',
    'Nhà đọc sách huyện mở cửa từ 7 giờ 30 đến 20 giờ các ngày trong tuần.',
    'Điều 2. Trật tự trong phòng đọc',
    '1. Người đọc giữ yên lặng, không ăn uống trong phòng đọc.',
    '2. Điện thoại để ở chế độ im lặng.',
    'Điều 3. Mượn sách',
    'Mỗi người đọc được mượn tối đa ba cuốn sách trong mười ngày.',
    'Điều 4. Hiệu lực',
    'Quyết định này có hiệu lực kể từ ngày ký./.',
    'Nơi nhận:',
    '- Như Điều 4;',
    '- Lưu: VT.',
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
    'Đinh Công Bằng',
  ],
};

/**
 * A Luật copied from a PDF, wrapped at ~78 characters where a real one breaks badly (seen on the
 * Luật Tiếp công dân 2013 wrapped this way): after ";" before the clause goes on in lower case,
 * inside an article title after a comma, before "(sau đây gọi chung là …)", and before the
 * mentions "Luật số …" and "Chương III của Nghị quyết …", which open lines like a header and a chapter do.
 */
export function wrappedMentionLines(): string[] {
  const lines = ['QUỐC HỘI', '--------', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '---------------', 'Luật số: 12/2033/QH17', 'LUẬT', 'NHÀ VĂN HÓA THÔN'];
  const push = (...paragraphs: string[]) => lines.push(...hardWrap(paragraphs));
  push('Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;', 'Quốc hội ban hành Luật Nhà văn hóa thôn.', 'Chương I', 'NHỮNG QUY ĐỊNH CHUNG');
  push('Điều 1. Phạm vi điều chỉnh', 'Luật này quy định về việc xây dựng, quản lý và sử dụng nhà văn hóa ở thôn, bản, tổ dân phố; quyền và nghĩa vụ của người dân khi sinh hoạt tại nhà văn hóa.');
  lines.push(
    'Điều 2. Nhà văn hóa thôn',
    '1. Nhà văn hóa được xây dựng ở mỗi thôn, bản, tổ dân phố của xã, phường, thị xã',
    '(sau đây gọi chung là nhà văn hóa thôn) theo quy hoạch của Ủy ban nhân dân cấp huyện.',
  );
  push('2. Nhà văn hóa thôn là nơi sinh hoạt cộng đồng, họp dân, tập văn nghệ, thể dục thể thao và đọc sách báo của người dân trong thôn, bản, tổ dân phố.');
  lines.push('Điều 3. Trách nhiệm của Ủy ban nhân dân cấp xã, Ban công tác Mặt trận thôn,', 'Trưởng thôn');
  push('Ủy ban nhân dân cấp xã, Ban công tác Mặt trận thôn và Trưởng thôn phối hợp bảo quản nhà văn hóa thôn, lập lịch sử dụng và công khai lịch đó tại nhà văn hóa.');
  lines.push(
    'Điều 4. Giữ trật tự tại nhà văn hóa',
    '1. Người quản lý nhà văn hóa yêu cầu người gây mất trật tự rời khỏi phòng họp;',
    'trong trường hợp cần thiết, lập biên bản và báo Trưởng thôn xử lý theo hương ước.',
  );
  push('2. Người đến sinh hoạt tại nhà văn hóa thôn giữ gìn vệ sinh, không hút thuốc lá trong phòng và không sử dụng loa công suất lớn sau hai mươi hai giờ.');
  push('Chương II', 'ĐIỀU KHOẢN THI HÀNH', 'Điều 5. Hiệu lực thi hành', 'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2034.');
  lines.push(
    'Những quy định về nhà văn hóa tại Luật Thiết chế văn hóa số 07/2030/QH16 và',
    'Luật số 21/2031/QH17 sửa đổi, bổ sung một số điều của Luật Thiết chế văn hóa,',
    'Chương III của Nghị quyết số 05/2032/QH17 hết hiệu lực kể từ ngày Luật này có',
    'hiệu lực.',
  );
  push('Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XVII, kỳ họp thứ 9 thông qua ngày 18 tháng 11 năm 2033.');
  lines.push('CHỦ TỊCH QUỐC HỘI', 'Lê Văn Thịnh');
  return lines;
}
