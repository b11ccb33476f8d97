import { bold, italic, plain, type Message } from '../../answer/message.js';
import { HOW_TO_PICK_BY_NUMBER } from '../../answer/reply.js';
import type { Ticket } from '../../store/store.js';

/** Vietnamese texts of the Zalo channel (the shared ticket/queue/stats texts are in app/texts.ts). */

const PLATFORM_NAMES = { telegram: 'Telegram', zalo: 'Zalo', console: 'console' } as const;

export const HOW_TO_PICK_GROUP = 'Trả lời (reply) tin nhắn này bằng số thứ tự để xem câu trả lời, hoặc hỏi lại rõ hơn. Nếu không có câu nào đúng, cán bộ hỗ trợ sẽ giúp bạn.';
export const HOW_TO_PICK_PRIVATE = HOW_TO_PICK_BY_NUMBER;

export function helpMessage(moderator: boolean, admin: boolean): Message {
  const paragraphs = [
    [bold('Trợ lý hỏi đáp văn hóa công vụ')],
    [
      plain(
        'Trong nhóm: nhắc tên mình (@) rồi đặt câu hỏi, trả lời (reply) một tin nhắn của mình, hoặc gõ /hoi <câu hỏi>. Nhắn riêng: cứ gõ câu hỏi.\nKhi mình đưa ra danh sách gợi ý, trả lời tin nhắn đó bằng số thứ tự để xem câu trả lời. Câu nào mình chưa biết sẽ được chuyển đến cán bộ hỗ trợ.',
      ),
    ],
  ];
  if (moderator) {
    paragraphs.push([bold('Cán bộ hỗ trợ: ')]);
    paragraphs.push([
      plain(
        'Trả lời (reply) tin nhắn phiếu để trả lời người hỏi, hoặc:\n/traloi <số> <nội dung>\n/boqua <số> [lý do]\n/hangdoi: các câu hỏi đang chờ\n/themfaq <số>: đưa câu trả lời của phiếu vào kho FAQ',
      ),
    ]);
  }
  if (admin) paragraphs.push([plain('Quản trị: /reload (nạp lại kho tri thức), /thongke (thống kê)')]);
  paragraphs.push([italic('/id: xem ID của cuộc trò chuyện này và của bạn')]);
  return { paragraphs };
}

export function idMessage(threadId: string, chatKind: 'private' | 'group', userId: string): Message {
  const where = chatKind === 'group' ? `ID nhóm này: ${threadId}` : `Đây là cuộc trò chuyện riêng (ID: ${threadId}).`;
  const hint =
    chatKind === 'group'
      ? `Dùng nhóm này làm nhóm cán bộ hỗ trợ: đặt ZALO_MODERATOR_GROUP_ID=${threadId} trong .env rồi khởi động lại bot.`
      : `Cho bạn quyền quản trị: thêm ${userId} vào ZALO_ADMIN_IDS trong .env rồi khởi động lại bot.`;
  return { paragraphs: [[plain(`${where}\nID của bạn: ${userId}`)], [italic(hint)]] };
}

export const NOT_MODERATOR = 'Lệnh này chỉ dùng trong nhóm cán bộ hỗ trợ (hoặc bởi quản trị viên).';
export const NOT_ADMIN = 'Lệnh này chỉ dành cho quản trị viên (ZALO_ADMIN_IDS).';
export const EMPTY_ANSWER = 'Nội dung trả lời đang trống: hãy trả lời tin nhắn phiếu bằng nội dung cần gửi cho người hỏi.';
export const NO_SUCH_CHOICE = 'Không có lựa chọn này. Bạn hãy hỏi lại rõ hơn nhé.';

export const USAGE = {
  traloi: 'Cú pháp: /traloi <số phiếu> <nội dung trả lời>',
  boqua: 'Cú pháp: /boqua <số phiếu> [lý do]',
  themfaq: 'Cú pháp: /themfaq <số phiếu>',
} as const;

export function answeredReply(id: number, delivered = 0, failed = 0): string {
  const lost = failed > 0 ? ` ${failed} người chưa nhận được (câu trả lời vẫn lưu trong phiếu).` : '';
  return `✅ Đã trả lời phiếu #${id} và gửi cho ${delivered} người hỏi.${lost}`;
}

/** A short note in the moderators' group when a ticket changed elsewhere (Zalo cannot edit the old post). */
export function ticketUpdateText(t: Ticket): string {
  if (t.status === 'answered' && t.answer) {
    const text = t.answer.text.length > 300 ? t.answer.text.slice(0, 297) + '…' : t.answer.text;
    const faq = t.faqId ? ` Đã thêm vào FAQ: ${t.faqId}.` : '';
    return `Phiếu #${t.id} đã được trả lời bởi ${t.answer.by.name} (${PLATFORM_NAMES[t.answer.by.platform]}): ${text}${faq}`;
  }
  if (t.status === 'dismissed' && t.dismissal) {
    return `Phiếu #${t.id} đã được bỏ qua bởi ${t.dismissal.by.name} (${PLATFORM_NAMES[t.dismissal.by.platform]})${t.dismissal.reason ? `: ${t.dismissal.reason}` : '.'}`;
  }
  return `Phiếu #${t.id} có thêm người hỏi cùng câu (tổng ${t.askers.length} người). Trả lời: /traloi ${t.id} <nội dung>`;
}

export function fatalText(code: number): string {
  if (code === 3000) {
    return `Kênh Zalo đã dừng (mã ${code}): tài khoản Zalo của bot vừa được mở trên một phiên Zalo Web khác, và mỗi tài khoản chỉ có một phiên web nhận tin. Hãy đóng Zalo Web/Zalo PC đang dùng tài khoản này rồi khởi động lại bot. Các kênh khác vẫn chạy.`;
  }
  return `Kênh Zalo đã dừng (mã ${code}): tài khoản Zalo của bot đã đăng nhập ở nơi khác nên phiên của bot bị đẩy ra. Hãy đăng xuất phiên kia, nếu cần chạy lại "npm run zalo:login", rồi khởi động lại bot. Các kênh khác vẫn chạy.`;
}

export const SESSION_EXPIRED_TEXT =
  'Phiên đăng nhập Zalo của bot đã hết hạn hoặc không còn hợp lệ. Kênh Zalo đã dừng, các kênh khác vẫn chạy. Cần đăng nhập lại: quản trị viên chạy "npm run zalo:login" (quét mã QR bằng tài khoản Zalo riêng của bot), rồi khởi động lại bot.';
