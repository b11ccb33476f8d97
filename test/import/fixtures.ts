/**
 * Documents authored for these tests (fictional bodies, numbers and people), laid out like
 * Vietnamese administrative documents: header block, type, trích yếu, preamble, articles,
 * recipients and signature, an attached Quy chế, a Kế hoạch without articles.
 */

/** The left and right blocks of the header, as two columns. */
export interface HeaderColumns {
  left: string[];
  right: string[];
}

export const DECISION_HEADER: HeaderColumns = {
  left: ['ỦY BAN NHÂN DÂN', 'HUYỆN VÂN HÀ', '-------', 'Số: 45/2023/QĐ-UBND'],
  right: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '---------------', 'Vân Hà, ngày 15 tháng 6 năm 2023'],
};

/** Everything after the header block: a Quyết định with its Quy chế attached. */
export const DECISION_BODY: string[] = [
  'QUYẾT ĐỊNH',
  'Ban hành Quy chế ứng xử của cán bộ, công chức tại trụ sở Ủy ban nhân dân huyện Vân Hà',
  'ỦY BAN NHÂN DÂN HUYỆN VÂN HÀ',
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  'Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;',
  'Theo đề nghị của Trưởng phòng Nội vụ huyện.',
  'QUYẾT ĐỊNH:',
  'Điều 1. Ban hành kèm theo Quyết định này Quy chế ứng xử của cán bộ, công chức tại trụ sở Ủy ban nhân dân huyện Vân Hà.',
  'Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 7 năm 2023.',
  'Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng các phòng, ban chuyên môn và cán bộ, công chức có liên quan chịu trách nhiệm thi hành Quyết định này./.',
  'Nơi nhận:',
  '- Như Điều 3;',
  '- Lưu: VT.',
  'TM. ỦY BAN NHÂN DÂN',
  'CHỦ TỊCH',
  'Trần Văn Bình',
  'QUY CHẾ',
  'Ứng xử của cán bộ, công chức tại trụ sở Ủy ban nhân dân huyện Vân Hà',
  '(Ban hành kèm theo Quyết định số 45/2023/QĐ-UBND ngày 15 tháng 6 năm 2023 của Ủy ban nhân dân huyện Vân Hà)',
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi điều chỉnh',
  'Quy chế này quy định chuẩn mực ứng xử của cán bộ, công chức khi thi hành công vụ tại trụ sở Ủy ban nhân dân huyện.',
  'Điều 2. Đối tượng áp dụng',
  'Quy chế này áp dụng đối với cán bộ, công chức và người lao động làm việc tại trụ sở Ủy ban nhân dân huyện.',
  'Chương II',
  'CHUẨN MỰC ỨNG XỬ',
  'Mục 1. ỨNG XỬ TRONG GIỜ LÀM VIỆC',
  'Điều 3. Trang phục và thẻ công chức',
  '1. Cán bộ, công chức mặc trang phục gọn gàng, lịch sự khi làm việc.',
  '2. Cán bộ, công chức đeo thẻ công chức trong suốt thời gian làm việc tại trụ sở.',
  'Điều 4. Những việc cán bộ, công chức không được làm trong giờ làm việc',
  'Cán bộ, công chức không được:',
  '1. Hút thuốc lá trong phòng làm việc, phòng họp và khu vực tiếp công dân của trụ sở.',
  '2. Uống rượu, bia hoặc đồ uống có cồn trong giờ làm việc và trong giờ nghỉ trưa của ngày làm việc.',
  '3. Sử dụng điện thoại di động vào việc riêng trong cuộc họp, hội nghị; trường hợp cần thiết thì ra ngoài phòng họp để nghe điện thoại.',
  '4. Chơi trò chơi điện tử, xem phim, mua bán hàng trực tuyến trên máy tính của cơ quan trong giờ làm việc.',
  '5. Tự ý rời vị trí làm việc mà không báo cáo người quản lý trực tiếp, cụ thể:',
  'a) Đi khỏi trụ sở quá 30 phút mà không có lý do công việc;',
  'b) Không ghi vào sổ theo dõi khi đi công tác trong ngày;',
  'c) Nhờ người khác chấm công thay.',
  '6. Có thái độ hách dịch, nhũng nhiễu, gây khó khăn cho người dân và doanh nghiệp khi giải quyết công việc.',
  'Mục 2. ỨNG XỬ VỚI NGƯỜI DÂN',
  'Điều 5. Giao tiếp với người dân',
  '1. Chào hỏi, xưng hô lịch sự, lắng nghe ý kiến của người dân.',
  '2. Hướng dẫn đầy đủ, rõ ràng một lần về hồ sơ, thủ tục; không yêu cầu bổ sung giấy tờ ngoài quy định.',
  '3. Trả lời bằng văn bản khi không giải quyết được yêu cầu, nêu rõ lý do.',
  'Chương III',
  'TỔ CHỨC THỰC HIỆN',
  'Điều 6. Trách nhiệm thi hành',
  'Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện có trách nhiệm theo dõi, kiểm tra việc thực hiện Quy chế này./.',
];

export const PLAN_HEADER: HeaderColumns = {
  left: ['ỦY BAN NHÂN DÂN', 'HUYỆN VÂN HÀ', '-------', 'Số: 112/KH-UBND'],
  right: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '---------------', 'Vân Hà, ngày 03 tháng 02 năm 2024'],
};

/** A Kế hoạch: no articles, headings I., II., items 1., points a). */
export const PLAN_BODY: string[] = [
  'KẾ HOẠCH',
  'Thực hiện văn hóa công vụ năm 2024',
  'Thực hiện Quyết định số 45/2023/QĐ-UBND ngày 15/6/2023 của Ủy ban nhân dân huyện, Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện văn hóa công vụ năm 2024 như sau:',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '1. Mục đích',
  'Nâng cao ý thức, trách nhiệm của cán bộ, công chức trong thực thi công vụ.',
  '2. Yêu cầu',
  'Việc triển khai phải thiết thực, tránh hình thức.',
  'II. NHIỆM VỤ VÀ GIẢI PHÁP',
  '1. Tuyên truyền, phổ biến',
  'a) Tổ chức hội nghị quán triệt Quy chế ứng xử trong quý I năm 2024;',
  'b) Đăng tải nội dung Quy chế trên trang thông tin điện tử của huyện.',
  '2. Kiểm tra, giám sát',
  'a) Kiểm tra đột xuất việc chấp hành giờ làm việc;',
  'b) Kiểm tra việc đeo thẻ công chức tại bộ phận một cửa.',
  'III. TỔ CHỨC THỰC HIỆN',
  '1. Phòng Nội vụ chủ trì, theo dõi và báo cáo kết quả trước ngày 15 tháng 12 năm 2024.',
  '2. Các phòng, ban chuyên môn xây dựng kế hoạch chi tiết của đơn vị./.',
  'Nơi nhận:',
  '- Sở Nội vụ;',
  '- Lưu: VT.',
  'KT. CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  'Lê Thị Hoa',
];

/** The document as plain text lines: left header block, then right, then the body (a .txt copy). */
export function asText(header: HeaderColumns, body: string[]): string {
  return [...header.left, ...header.right, ...body].join('\n') + '\n';
}
