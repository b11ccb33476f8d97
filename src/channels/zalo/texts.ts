
/** Vietnamese texts of the Zalo channel (the shared ticket/queue/stats texts are in app/texts.ts). */

/** How to answer the choices under a message: in a group the reply must quote it (or mention the bot). */
export const HOW_TO_PICK_GROUP = {
  list: 'Trả lời (reply) tin nhắn này bằng số thứ tự để xem câu trả lời, hoặc hỏi lại rõ hơn.',
  rate: 'Trả lời (reply) tin nhắn này bằng',
};
export const HOW_TO_PICK_PRIVATE = {
  list: 'Gõ số thứ tự để xem câu trả lời, hoặc hỏi lại rõ hơn.',
  rate: 'Gõ',
};

export function fatalText(code: number): string {
  if (code === 3000) {
    return `Kênh Zalo đã dừng (mã ${code}): tài khoản Zalo của bot vừa được mở trên một phiên Zalo Web khác, và mỗi tài khoản chỉ có một phiên web nhận tin. Hãy đóng Zalo Web/Zalo PC đang dùng tài khoản này rồi khởi động lại bot. Các kênh khác vẫn chạy.`;
  }
  return `Kênh Zalo đã dừng (mã ${code}): tài khoản Zalo của bot đã đăng nhập ở nơi khác nên phiên của bot bị đẩy ra. Hãy đăng xuất phiên kia, nếu cần chạy lại "npm run zalo:login", rồi khởi động lại bot. Các kênh khác vẫn chạy.`;
}

export const SESSION_EXPIRED_TEXT =
  'Phiên đăng nhập Zalo của bot đã hết hạn hoặc không còn hợp lệ. Kênh Zalo đã dừng, các kênh khác vẫn chạy. Cần đăng nhập lại: quản trị viên chạy "npm run zalo:login" (quét mã QR bằng tài khoản Zalo riêng của bot), rồi khởi động lại bot.';
