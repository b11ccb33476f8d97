import { bold, italic, plain, type Message } from '../../answer/message.js';
import type { Knowledge } from '../../knowledge/types.js';

/** Vietnamese texts of the Telegram channel (the shared desk and admin texts are in src/app/texts.ts). */

export function helpMessage(knowledge: Knowledge, botUsername: string, isPrivate: boolean): Message {
  return {
    paragraphs: [
      [bold('Xin chào! Mình là trợ lý hỏi đáp văn hóa công vụ.')],
      [
        plain(
          `Mình trả lời các câu hỏi về văn hóa công vụ, văn hóa công sở (trang phục, thẻ công chức, giao tiếp với người dân, rượu bia, mạng xã hội…) và cải cách hành chính, kèm nguồn văn bản. Kho hiện có ${knowledge.faqCount} câu hỏi đáp và ${knowledge.regulationCount} văn bản.`,
        ),
      ],
      [
        bold('Cách hỏi:'),
        plain(
          isPrivate
            ? '\n• Nhắn riêng: gõ thẳng câu hỏi, ví dụ "Công chức có phải đeo thẻ khi làm việc không?"\n• Trong nhóm: gõ /hoi kèm câu hỏi, nhắc tên @' +
                botUsername +
                ', hoặc trả lời (reply) tin nhắn của mình.'
            : `\n• Gõ /hoi kèm câu hỏi, ví dụ: /hoi Công chức có phải đeo thẻ khi làm việc không?\n• Hoặc nhắc tên @${botUsername} kèm câu hỏi, hoặc trả lời (reply) tin nhắn của mình.\n• Nhắn riêng cho mình thì chỉ cần gõ câu hỏi.`,
        ),
      ],
      [plain('Dưới mỗi câu trả lời có nút 👍 / 👎 để bạn đánh giá. Câu nào mình chưa biết sẽ được chuyển đến cán bộ hỗ trợ, và câu trả lời sẽ được gửi lại cho bạn.')],
    ],
  };
}

export const ASK_USAGE: Message = {
  paragraphs: [[plain('Bạn hãy gõ /hoi kèm câu hỏi, ví dụ: /hoi Công chức có phải đeo thẻ khi làm việc không?')]],
};

export const UNKNOWN_COMMAND: Message = {
  paragraphs: [[plain('Mình không hiểu lệnh này. Bạn cứ gõ câu hỏi bằng lời, hoặc gõ /help để xem hướng dẫn.')]],
};

export const RATE_LIMITED: Message = {
  paragraphs: [[plain('Bạn đang hỏi hơi nhanh 🙂 Mình xin phép tạm nghỉ một chút: vui lòng đợi khoảng nửa phút rồi hỏi tiếp nhé.')]],
};

export const SOMETHING_WRONG: Message = {
  paragraphs: [[plain('Xin lỗi, mình đang gặp sự cố khi xử lý tin nhắn này. Bạn vui lòng thử lại sau ít phút.')]],
};

export const HOW_TO_PICK = 'Bấm vào câu đúng ý bạn bên dưới để xem câu trả lời, hoặc hỏi lại rõ hơn.';

export const STALE_BUTTON = 'Nút này đã cũ (bot vừa khởi động lại hoặc tin nhắn gốc đã bị xóa). Bạn vui lòng hỏi lại nhé.';

export function escalatedByButton(ticketId: number, joined: boolean): Message {
  return {
    paragraphs: [
      [
        plain(
          joined
            ? `Câu hỏi này đang được cán bộ hỗ trợ xem xét (phiếu #${ticketId}). Khi có câu trả lời, mình sẽ gửi lại tại đây.`
            : `Mình đã chuyển câu hỏi đến cán bộ hỗ trợ (phiếu #${ticketId}). Câu trả lời sẽ được gửi lại tại đây.`,
        ),
      ],
    ],
  };
}

export const NOT_MODERATOR = '⛔ Chỉ thành viên nhóm cán bộ hỗ trợ mới được xử lý phiếu hỏi (trả lời, bỏ qua, thêm vào FAQ). Không có gì thay đổi.';
export const NOT_ADMIN_RELOAD = '⛔ Chỉ quản trị viên (TELEGRAM_ADMIN_IDS) mới được nạp lại kho tri thức. Không có gì thay đổi.';
export const NOT_STAFF = '⛔ Chỉ quản trị viên và cán bộ hỗ trợ mới xem được mục này.';
export const TEXT_ONLY_ANSWER = 'Hiện bot chỉ chuyển được câu trả lời bằng chữ. Bạn hãy gửi lại nội dung trả lời dưới dạng văn bản.';

export const ANSWER_USAGE = 'Cú pháp: /traloi <số phiếu> <nội dung trả lời>, hoặc trả lời (reply) tin nhắn phiếu trong nhóm cán bộ hỗ trợ.';
export const DISMISS_USAGE = 'Cú pháp: /boqua <số phiếu> [lý do]';
export const PROMOTE_USAGE = 'Cú pháp: /themfaq <số phiếu>';

/** Prompts are plain text that starts with a fixed phrase: a reply to one is recognised from that phrase, even after a restart. */
export const ANSWER_PROMPT = /^✍️ Trả lời phiếu #(\d+)(?: · mã ([\w-]+))?/;
export const DISMISS_PROMPT = /^🗑 Bỏ qua phiếu #(\d+)(?: · mã ([\w-]+))?/;
export { STAFF_PLACE_ONLY } from '../../app/texts.js';

export function answered(id: number, delivered: number, failed: number): string {
  const failures = failed > 0 ? ` ${failed} người chưa gửi được (câu trả lời vẫn lưu trên phiếu).` : '';
  return `✅ Đã trả lời phiếu #${id} và gửi đến ${delivered} người hỏi.${failures}`;
}

export function idsMessage(chatId: number, chatType: string, userId: number | undefined, threadId?: number): Message {
  const lines = [`Mã cuộc trò chuyện (chat id): ${chatId} (${chatType})`];
  if (threadId !== undefined) lines.push(`Mã chủ đề (thread id): ${threadId}`);
  if (userId !== undefined) lines.push(`Mã người dùng của bạn (user id): ${userId}`);
  return { paragraphs: [[plain(lines.join('\n'))], [italic('Dùng các số này cho TELEGRAM_MODERATOR_CHAT_ID, TELEGRAM_MODERATOR_THREAD_ID và TELEGRAM_ADMIN_IDS trong .env.')]] };
}
